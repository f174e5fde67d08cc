"""Loading the review team's YAML into a review: all of it checked first, then written at once.

Conversations become plugin records plus a core Evidence item each (kind "conversation", the
same id), so findings and the graph can cite them. Episodes become plugin records. Findings go
through `core.analysis.findings.record`, so the core's and the method's checks apply. A file with
any problem changes nothing; an item that is already recorded unchanged is not written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core import hookimpl
from core.analysis import findings
from core.analysis.material_reading import LoadPlan, material_files, preview
from core.kernel import codec
from core.kernel.corrections import was_withdrawn
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.files import read_yaml
from core.kernel.model import Evidence, EvidenceKind
from core.kernel.state import ReviewState, put
from core.plugin_api.methodology import Material
from learning_together.patterns import read_findings
from learning_together.reading import Reader, read_conversations
from learning_together.reading_episodes import read_episodes
from learning_together.records import (
    CONVERSATIONS,
    EPISODES,
    Conversation,
    episodes,
    in_sentence,
    put_conversation,
    put_episode,
)

FILES = {"conversations": "conversations.yaml", "episodes": "episodes.yaml",
         "findings": "findings.yaml"}


def conversation_evidence(conversation: Conversation) -> Evidence:
    return Evidence(
        id=conversation.id, kind=EvidenceKind.CONVERSATION,
        title=f"Structured conversation with the {in_sentence(conversation.role)}"
              + (f" ({conversation.agency})" if conversation.agency else ""),
        summary=conversation.overview, agency=conversation.agency,
        received_on=conversation.held_on,
        details={"learning_together": "conversation"},
    )


def read_documents(paths: dict[str, Path]) -> dict[str, tuple[str, Any]]:
    """kind -> (file name, parsed YAML) for each file in `paths`."""
    return {kind: (str(path), read_yaml(path, f"the {kind} file")) for kind, path in paths.items()}


def plan_load(host: Any, state: ReviewState, documents: dict[str, tuple[str, Any]]) -> LoadPlan:
    """Check the documents (kind -> (file name, data); kinds: conversations, episodes,
    findings) against the review and each other; raise InputProblems listing every problem,
    or return what to write."""
    plan = LoadPlan()
    problems: list[InputProblem] = []
    new_conversations: list[Conversation] = []
    if "conversations" in documents:
        reader = Reader(documents["conversations"][0], state)
        new_conversations = read_conversations(reader, documents["conversations"][1])
        for c in new_conversations:
            held = state.evidence.get(c.id)
            if held is not None and held.kind is not EvidenceKind.CONVERSATION:
                reader.problem("conversations", f"the id {c.id!r} is already used by evidence "
                               f"{held.title!r}; give the conversation another id")
        problems += reader.problems
    conversation_ids = set(state.record_collection(CONVERSATIONS)) | {
        c.id for c in new_conversations}
    new_episodes = []
    if "episodes" in documents:
        reader = Reader(documents["episodes"][0], state)
        new_episodes = read_episodes(reader, documents["episodes"][1], conversation_ids)
        problems += reader.problems
    known = {e.id: e for e in episodes(state)} | {e.id: e for e in new_episodes}
    new_findings = []
    if "findings" in documents:
        reader = Reader(documents["findings"][0], state)
        new_findings = read_findings(reader, documents["findings"][1], known)
        problems += reader.problems
    problems += _withdrawn_ids(state, documents, new_conversations, new_episodes)
    if problems:
        raise InputProblems(problems)

    for c in new_conversations:
        plan.add("conversations", state.record_collection(CONVERSATIONS).get(c.id),
               codec.to_data(c), [put_conversation(c), put("evidence", conversation_evidence(c))])
    for e in new_episodes:
        plan.add("key practice episodes", state.record_collection(EPISODES).get(e.id),
               codec.to_data(e), [put_episode(e)])
    if new_findings:
        ahead = preview(state, plan.events)
        for f in new_findings:
            change = findings.record(host, ahead, f)
            held = state.findings.get(f.id)
            plan.add("findings", codec.to_data(held) if held else None, codec.to_data(f),
                   change.events)
            plan.warnings.extend(w["message"] for w in change.warnings)
    return plan


def _withdrawn_ids(state: ReviewState, documents: dict[str, tuple[str, Any]],
                   new_conversations: list[Conversation], new_episodes: list[Any],
                   ) -> list[InputProblem]:
    """An id once withdrawn is never given to another record (core.kernel.corrections)."""
    problems = []
    for kind, collection, items in (("conversations", CONVERSATIONS, new_conversations),
                                    ("episodes", EPISODES, new_episodes)):
        for item in items:
            reason = was_withdrawn(state, collection, item.id)
            if reason is not None:
                problems.append(InputProblem(
                    f"{item.id} was withdrawn ({reason}); an id is never given to anything "
                    "else", file=documents[kind][0], field=kind, expected="another id"))
    return problems


@hookimpl
def load_material(review: ReviewState, folder: Path, host: Any) -> Material:
    """The method's files in `folder`, checked together against the review."""
    plan = plan_load(host, review, read_documents(directory_paths(Path(folder))))
    return Material(events=plan.events, read=plan.describe(), warnings=plan.warnings)


@hookimpl
def example_material() -> Path:
    """The Child A case's Learning Together material, shipped in the package."""
    return Path(__file__).resolve().parent / "example"


def directory_paths(directory: Path) -> dict[str, Path]:
    """The method's files found in a folder (conversations.yaml, episodes.yaml, findings.yaml)."""
    return material_files(directory, FILES, "Learning Together")
