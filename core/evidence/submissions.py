"""Agency submissions (seed 2.5, 2.8): each agency's written account of its involvement, in the
form the review's methodology asks for (hook `agency_submission_form`; the core has a plain
default), kept as Evidence of kind agency_report with the agency's chronology attached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from pathlib import Path
from typing import Any

from attrs import frozen

from core.evidence import requests
from core.evidence.chronology.agencies import agency_named
from core.evidence.chronology.columns import normalise
from core.evidence.chronology.reading import decode
from core.kernel.errors import InputProblem, InvalidValue
from core.kernel.model import Evidence, EvidenceKind, Provenance
from core.kernel.state import ReviewState, put
from core.kernel.text import shorten
from core.plugin_api.methodology import SubmissionForm

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_HEADING_MARKS = " \t#*_:=-"


def form_for(host: Any, state: ReviewState, agency: str) -> SubmissionForm:
    """The form `agency` is asked to write in: the methodology's, or the core's plain one."""
    name = agency_named(state, agency)
    if state.methodology:
        found = host.call_methodology(state.methodology, "agency_submission_form",
                                      review=state, agency=name)
        if found is not None:
            return found
    return plain_form(name)  # no methodology chosen yet, or it asks for no form of its own


def agency_submission_form(review: ReviewState, methodology: str,
                           agency: str) -> SubmissionForm:
    """The core's own plugin's answer to the hook of this name, asked last: the plain form, for
    methods that do not ask for their own."""
    return plain_form(agency)


def plain_form(agency: str) -> SubmissionForm:
    """The core's plain form, for methods that do not ask for their own."""
    return SubmissionForm(
        title=f"Written account of {agency}'s involvement",
        sections={
            "Involvement": "What your agency did with the child and family, and when.",
            "What was known": "What your agency knew at each point, and from whom.",
            "Decisions": "The decisions made and the reasons recorded at the time.",
            "Learning": "What your agency has already learned and changed.",
        },
    )


@frozen
class Submission:
    evidence: Evidence
    missing_sections: tuple[str, ...]
    events: list[tuple[str, dict[str, Any]]]
    request_marked: bool = False  # the request given was marked received now


def add(
    host: Any,
    state: ReviewState,
    agency: str,
    path: str | Path,
    *,
    import_id: str | None = None,
    request_id: str | None = None,
    received_on: dt.date,
) -> Submission:
    """Record `agency`'s written account from `path` as evidence, received on `received_on`.

    Its chronology is attached: the import given, or else every import from the agency. A
    request given is marked received. Sections of the form not found in the text are reported,
    not refused: the reviewer decides whether to ask again.
    """
    name = agency_named(state, agency)
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or error
        raise InputProblem(f"cannot read the file: {reason}", file=path.name) from None
    text = read_text(path, data)
    form = form_for(host, state, name)
    sections = split_sections(text, list(form.sections))
    missing = tuple(h for h in form.sections if h not in sections) if text else ()
    entry_ids, import_ids = _chronology(state, name, import_id)
    events: list[tuple[str, dict[str, Any]]] = []
    if request_id and requests.find(state, request_id).status.value != "received":
        _, event = requests.update(state, request_id, status="received", on=received_on)
        events.append(event)
    evidence = Evidence(
        id=_evidence_id(state, name), kind=EvidenceKind.AGENCY_REPORT, title=form.title,
        summary=_summary(text, list(form.sections)), agency=name, entry_ids=entry_ids,
        received_on=received_on, provenance=Provenance(agency=name, file=path.name),
        details={"file": path.name, "sha256": hashlib.sha256(data).hexdigest(),
                 "form": form.title, "sections": sections, "missing_sections": list(missing),
                 "import_ids": import_ids, "request_id": request_id or "",
                 "text_read": bool(text)},
    )
    events.insert(0, put("evidence", evidence))
    return Submission(evidence, missing, events, request_marked=len(events) > 1)


def submissions(state: ReviewState) -> dict[str, list[Evidence]]:
    """Agency -> its submissions (oldest first); every agency of the review is a key."""
    found: dict[str, list[Evidence]] = {name: [] for name in sorted(state.agencies)}
    for evidence in state.evidence.values():
        if evidence.kind is EvidenceKind.AGENCY_REPORT and evidence.agency:
            found.setdefault(evidence.agency, []).append(evidence)
    for items in found.values():
        items.sort(key=lambda e: (e.received_on or dt.date.min, e.id))
    return found


def read_text(path: Path, data: bytes) -> str:
    """The submission's text: plain text and Markdown, or a Word document's paragraphs.
    Other files (PDF, scans) are kept by reference and their hash; their text is not read."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return decode(data, path.name)[0]
    if suffix == ".docx":
        from docx import Document  # heavy: only for Word files

        try:
            return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        except Exception as error:  # python-docx raises many kinds for a damaged file
            raise InputProblem(f"this Word document cannot be opened ({type(error).__name__})",
                               file=path.name, expected="a .docx saved by Word") from None
    return ""


def split_sections(text: str, headings: list[str]) -> dict[str, str]:
    """The text under each of the form's headings (a line that is just the heading, with or
    without Markdown marks or a colon). Headings not found are left out."""
    wanted = {normalise(h): h for h in headings}
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.splitlines():
        heading = wanted.get(normalise(line.strip(_HEADING_MARKS)))
        if heading is not None and len(line.strip()) <= len(heading) + 8:
            current = heading
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(line)
    return {h: "\n".join(lines).strip() for h, lines in sections.items()}


def _chronology(
    state: ReviewState, agency: str, import_id: str | None
) -> tuple[tuple[str, ...], list[str]]:
    notes = state.record_collection("core/imports")
    if import_id:
        note = notes.get(import_id.strip().lower())
        if note is None:
            known = ", ".join(k for k, n in notes.items() if n["agency"] == agency) or "none"
            raise InvalidValue(f"there is no import {import_id!r}; imports from {agency}: {known}")
        if note["agency"] != agency:
            raise InvalidValue(f"{import_id} is {note['agency']}'s chronology, not {agency}'s")
        wanted = {import_id.strip().lower()}
    else:
        wanted = {k for k, n in notes.items() if n["agency"] == agency}
    ids = tuple(sorted(e.id for e in state.chronology.values()
                       if e.provenance.import_id in wanted))
    return ids, sorted(wanted)


def _evidence_id(state: ReviewState, agency: str) -> str:
    base = "submission-" + (re.sub(r"[^a-z0-9]+", "-", agency.casefold()).strip("-") or "agency")
    if base not in state.evidence:
        return base
    number = 2
    while f"{base}-{number}" in state.evidence:
        number += 1
    return f"{base}-{number}"


def _summary(text: str, headings: list[str], width: int = 300) -> str:
    """The first paragraph that is not a heading."""
    wanted = {normalise(h) for h in headings}
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        heading = stripped.startswith("#") or normalise(stripped.strip(_HEADING_MARKS)) in wanted
        if stripped and not heading:
            block.append(stripped)
        elif block:
            return shorten(" ".join(block), width)
    return ""
