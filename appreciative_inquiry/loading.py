"""Loading the review team's YAML into a review: every file checked first, then written at once.

Files (any subset; later stages may cite what earlier ones hold or add): define.yaml,
discover.yaml, honest-record.yaml, dream-design.yaml, findings.yaml, destiny.yaml. Interviews
become plugin records plus a core Evidence item each (kind "conversation", the same id), so
findings and the graph can cite them. Findings go through `core.analysis.findings.record` (the
core's checks and the honesty gate). Each commitment becomes the improvement action with its id,
answering the findings its proposition rests on. A file with any problem changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from appreciative_inquiry import records as r
from appreciative_inquiry.findings import read_findings
from appreciative_inquiry.framing import framing_notes
from appreciative_inquiry.reading import (
    Reader,
    read_commitments,
    read_define,
    read_dreams,
    read_honest,
    read_interviews,
    read_propositions,
    read_themes,
)
from core import hookimpl
from core.analysis import findings
from core.analysis.material_reading import LoadPlan, material_files, preview, read_material
from core.kernel import codec
from core.kernel.errors import InputProblem, InputProblems
from core.kernel.model import Evidence, EvidenceKind, Finding, FindingStatus, ImprovementAction
from core.kernel.state import ReviewState, put
from core.plugin_api.methodology import Material

FILES = {"define": "define.yaml", "discover": "discover.yaml",
         "honest": "honest-record.yaml", "design": "dream-design.yaml",
         "findings": "findings.yaml", "destiny": "destiny.yaml"}


def interview_evidence(interview: r.Interview) -> Evidence:
    who = interview.role[:1].lower() + interview.role[1:] if not interview.role[:2].isupper() \
        else interview.role
    return Evidence(
        id=interview.id, kind=EvidenceKind.CONVERSATION,
        title=f"Appreciative interview with the {who}"
              + (f" ({interview.agency})" if interview.agency else ""),
        summary=interview.story, agency=interview.agency,
        entry_ids=tuple(e.entry_id for e in interview.entries), received_on=interview.held_on,
        details={"appreciative_inquiry": "interview"},
    )


def commitment_action(c: r.Commitment, addresses: list[str]) -> ImprovementAction:
    return ImprovementAction(c.id, c.description, c.owner, c.due, c.measure, addresses,
                             agency=c.agency, status=c.status, impact_evidence=c.progress)


def findings_answered(state: ReviewState, proposition: r.Proposition) -> list[str]:
    """The accepted findings a proposition answers: those resting on its themes or concerns."""
    found = []
    for f in sorted(state.findings.values(), key=lambda f: f.id):
        d = r.finding_details(f)
        if f.status is not FindingStatus.SUGGESTED and (
                set(d["themes"]) & set(proposition.themes)
                or set(d["concerns"]) & set(proposition.concerns)):
            found.append(f.id)
    return found


def _held(state: ReviewState, collection: str, key: str) -> Any:
    return state.record_collection(collection).get(key)


def plan_load(host: Any, state: ReviewState, documents: dict[str, tuple[str, Any]]) -> LoadPlan:
    """Check the documents (kind -> (file name, data); kinds: the keys of FILES) against the
    review and each other; raise InputProblems listing every problem, or return what to write."""
    plan = LoadPlan()
    problems: list[InputProblem] = []

    def reader(kind: str) -> Reader:
        return Reader(documents[kind][0], state)

    define = r.define(state)
    if "define" in documents:
        rd = reader("define")
        define = read_define(rd, documents["define"][1]) or define
        problems += rd.problems
        if define is not None and not rd.problems:
            plan.add("Define (topic and interview guide)", _held(state, r.DEFINE, r.CURRENT),
                     codec.to_data(define), [r.put(r.DEFINE, r.CURRENT, define)])
            plan.warnings.extend(n.message for n in framing_notes([q.text for q in
                                                                   define.guide]))
    interviews = {i.id: i for i in r.interviews(state)}
    themes = {t.id: t for t in r.themes(state)}
    if "discover" in documents:
        rd = reader("discover")
        top = rd.mapping(documents["discover"][1], "discover")
        rd.known_keys(top, "discover", ("interviews", "themes"))
        new_interviews = read_interviews(rd, top, define)
        for i in new_interviews:
            held = state.evidence.get(i.id)
            if held is not None and held.details.get("appreciative_inquiry") != "interview":
                rd.problem("interviews", f"the id {i.id!r} is already used by evidence "
                           f"{held.title!r}; give the interview another id")
        interviews |= {i.id: i for i in new_interviews}
        new_themes = read_themes(rd, top, set(interviews))
        themes |= {t.id: t for t in new_themes}
        problems += rd.problems
        for i in new_interviews:
            plan.add("appreciative interviews", _held(state, r.INTERVIEWS, i.id),
                     codec.to_data(i), [r.put(r.INTERVIEWS, i.id, i),
                                        put("evidence", interview_evidence(i))])
        for t in new_themes:
            plan.add("themes of the positive core", _held(state, r.THEMES, t.id),
                     codec.to_data(t), [r.put(r.THEMES, t.id, t)])
    concerns = {c.id: c for c in r.concerns(state)}
    if "honest" in documents:
        rd = reader("honest")
        record, new_concerns = read_honest(rd, documents["honest"][1], set(interviews),
                                           set(themes))
        problems += rd.problems
        concerns |= {c.id: c for c in new_concerns}
        if record is not None:
            plan.add("honest record", _held(state, r.HONEST, r.CURRENT), codec.to_data(record),
                     [r.put(r.HONEST, r.CURRENT, record)])
        for c in new_concerns:
            plan.add("concerns (what got in the way)", _held(state, r.CONCERNS, c.id),
                     codec.to_data(c), [r.put(r.CONCERNS, c.id, c)])
    propositions = {p.id: p for p in r.propositions(state)}
    if "design" in documents:
        rd = reader("design")
        top = rd.mapping(documents["design"][1], "dream and design")
        rd.known_keys(top, "dream_design", ("dream", "propositions"))
        dreams = read_dreams(rd, top, set(themes))
        new_propositions = read_propositions(rd, top, set(themes), set(concerns))
        propositions |= {p.id: p for p in new_propositions}
        problems += rd.problems
        for d in dreams:
            plan.add("dream statements", _held(state, r.DREAMS, d.id), codec.to_data(d),
                     [r.put(r.DREAMS, d.id, d)])
        for p in new_propositions:
            plan.add("provocative propositions", _held(state, r.PROPOSITIONS, p.id),
                     codec.to_data(p), [r.put(r.PROPOSITIONS, p.id, p)])
    new_findings: list[Finding] = []
    if "findings" in documents:
        rd = reader("findings")
        new_findings = read_findings(rd, documents["findings"][1], themes, concerns)
        problems += rd.problems
    new_commitments: list[r.Commitment] = []
    if "destiny" in documents:
        rd = reader("destiny")
        new_commitments = read_commitments(rd, documents["destiny"][1], set(propositions))
        problems += rd.problems
    if problems:
        raise InputProblems(problems)

    if new_findings:
        ahead = preview(state, plan.events)
        for f in new_findings:
            change = findings.record(host, ahead, f)
            held = state.findings.get(f.id)
            plan.add("findings", codec.to_data(held) if held else None, codec.to_data(f),
                     change.events)
            plan.warnings.extend(w["message"] for w in change.warnings)
    if new_commitments:
        _plan_commitments(plan, state, documents["destiny"][0], new_commitments, propositions)
    return plan


def _plan_commitments(plan: LoadPlan, state: ReviewState, file: str,
                      new: list[r.Commitment], propositions: dict[str, r.Proposition]) -> None:
    """Each commitment and the improvement action it becomes, answering the findings its
    proposition rests on (refused, naming the commitment, when there are none yet)."""
    ahead = preview(state, plan.events)
    problems = []
    for number, c in enumerate(new, 1):
        answered = findings_answered(ahead, propositions[c.proposition])
        held_action = ahead.actions.get(c.id)
        if not answered:
            problems.append(InputProblem(
                f"commitment {c.id} becomes an improvement action, which must answer a finding; "
                f"no accepted finding rests on the themes or concerns of {c.proposition} yet",
                file=file, field=f"commitments[{number}]",
                expected="a finding about one of those themes or concerns (findings.yaml)"))
            continue
        if held_action is not None and _held(state, r.COMMITMENTS, c.id) is None:
            problems.append(InputProblem(
                f"the improvement action {c.id} already exists and is not this commitment's; "
                "give the commitment another id", file=file, field=f"commitments[{number}].id"))
            continue
        action = commitment_action(c, answered)
        plan.add("commitments (Destiny)", _held(state, r.COMMITMENTS, c.id), codec.to_data(c),
                 [r.put(r.COMMITMENTS, c.id, c), put("actions", action)])
    if problems:
        raise InputProblems(problems)


def read_documents(paths: dict[str, Path]) -> dict[str, tuple[str, Any]]:
    """kind -> (file name, parsed YAML) for each file in `paths` that holds something."""
    return read_material(paths, lambda kind: f"the {FILES[kind]} file")


def directory_paths(directory: Path) -> dict[str, Path]:
    """The method's files found in a folder."""
    return material_files(directory, FILES, "Appreciative Inquiry")


@hookimpl
def load_material(review: ReviewState, folder: Path, host: Any) -> Material:
    """The method's files in `folder`, checked together against the review."""
    plan = plan_load(host, review, read_documents(directory_paths(Path(folder))))
    return Material(events=plan.events, read=plan.describe(), warnings=plan.warnings)


@hookimpl
def example_material() -> Path:
    """The Child A material this method ships as package data (see `example/`)."""
    return Path(__file__).resolve().parent / "example"
