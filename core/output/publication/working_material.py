"""What the publication check asks of a report as a published document: no section that is
working material, no confidential conversation quoted, and not more family detail than needed.

A section marked internal (`Section.published` False) or a pack in the published place blocks;
so does a sentence quoted word for word from a practitioner's conversation record, which was
given in confidence. The volume of chronology entries reproduced word for word, and the words of
a named, editable list of sensitive topics, warn for a reviewer to confirm (QM Report: keep
details of the family to a minimum).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from core.kernel.files import read_yaml
from core.kernel.text import shorten
from core.output.publication.problems import Problem, redact

# More chronology entries than this, reproduced word for word, is a summary no longer.
VERBATIM_ENTRIES_LIMIT = 12
# A run of this many words from a conversation record is a quotation, not a coincidence.
QUOTED_WORDS = 10
TOPICS_FILE = "sensitive-topics.yaml"


def _problem(**fields: Any) -> Any:
    return Problem(**fields)


def internal_sections(report: Any) -> list[Any]:
    """Blocking: a section of working material in the report to be published."""
    problems = []
    if getattr(report, "part", "") == "pack":
        problems.append(_problem(
            code="internal:pack", where="Whole report", snippet=report.title,
            why="this is the review team's pack, which holds working material given in "
                "confidence; it is never published",
            fix="check and publish the report itself (`casereview report REVIEW`), not the "
                "pack", blocking=True))
    for section in report.sections:
        if not section.published and section.id != "pack-notice":
            problems.append(_problem(
                code=f"internal:{section.id}", where=section.title, snippet="",
                why="this section is working material for the review team (it is marked "
                    "internal), so it must not be in the published report",
                fix="publish the report without it: `casereview report REVIEW` leaves internal "
                    "sections to the pack (`--pack`)", blocking=True))
    return problems


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text.casefold())


def _published_text(report: Any) -> str:
    return " ".join(" ".join(_words(text)) for _where, text in report.texts(drawings=False))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def quoted_conversations(state: Any, report: Any) -> list[Any]:
    """Blocking: a run of QUOTED_WORDS words from a conversation record, in a published
    section. Practitioners spoke in confidence; a quotation with a role identifies them."""
    said = _published_text(report).split()
    runs = {tuple(said[i:i + QUOTED_WORDS]) for i in range(len(said) - QUOTED_WORDS + 1)}
    problems = []
    for record in sorted(state.evidence.values(), key=lambda e: e.id):
        if record.kind.value != "conversation":
            continue
        for text in [record.summary, *_strings(record.details)]:
            words = _words(text)
            if any(tuple(words[i:i + QUOTED_WORDS]) in runs
                   for i in range(len(words) - QUOTED_WORDS + 1)):
                problems.append(_problem(
                    code="quoted_conversation", where="Whole report",
                    snippet=f"from conversation record {record.id}",
                    why="the report quotes a practitioner's conversation record word for word; "
                        "conversations are held in confidence and a role with an agency "
                        "identifies the person",
                    fix="describe practice in the reviewers' own words, naming no individual",
                    blocking=True))
                break
    return problems


def verbatim_volume(state: Any, report: Any) -> list[Any]:
    """Warning: many chronology entries reproduced word for word."""
    published = f" {_published_text(report)} "
    copied = [e for e in state.chronology.values()
              if len(_words(e.what_happened)) >= 3
              and f" {' '.join(_words(e.what_happened))} " in published]
    if len(copied) <= VERBATIM_ENTRIES_LIMIT:
        return []
    return [_problem(
        code="volume", where="Whole report",
        snippet=f"{len(copied)} of {len(state.chronology)} chronology entries word for word",
        why="the report reproduces more of the agencies' records than a reader needs; the "
            "quality markers ask for details of the family to be kept to a minimum",
        fix="summarise the significant events in neutral terms (`casereview section REVIEW "
            "significant-events`) and leave the records to the review team's pack",
        blocking=False)]


def topics(database: str | None = None) -> dict[str, list[str]]:
    """The sensitive topics: the partnership's own list beside the database, else the default."""
    own = Path(database).with_name(TOPICS_FILE) if database else None
    if own is not None and own.exists():
        data = read_yaml(str(own), "the list of sensitive topics", shape=dict,
                         expected="topic: [word, phrase, ...]")
    else:
        import yaml

        text = resources.files("core.output.publication").joinpath(TOPICS_FILE).read_text("utf-8")
        data = yaml.safe_load(text)
    return {str(topic): [str(w) for w in (words or [])] for topic, words in data.items()}


def sensitive_topics(report: Any, listed: dict[str, list[str]],
                     identities: Iterable[Any] = ()) -> list[Any]:
    """Warnings: each sensitive topic a published section touches, once per section, with the
    first place it appears, for a reviewer to confirm it is needed."""
    problems = []
    for topic, phrases in listed.items():
        if not phrases:
            continue
        pattern = re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b",
                             re.IGNORECASE)
        seen: set[str] = set()
        for where, text in report.texts(drawings=False):
            if text == where:
                continue  # a section's own title ("... disability and language") says nothing
            text = redact(text, list(identities))[0]  # the snippet never shows a real name
            found = pattern.search(text)
            if not found or where in seen:
                continue
            seen.add(where)
            start = max(0, found.start() - 40)
            problems.append(_problem(
                code=f"sensitive:{topic}", where=where,
                snippet=shorten(text[start:found.end() + 40], 120),
                why=f"the report touches on {topic} ('{found.group(0)}'); details of the family "
                    "should be kept to what the learning needs",
                fix="confirm the detail is needed for the learning, or say it more generally",
                blocking=False))
    return problems
