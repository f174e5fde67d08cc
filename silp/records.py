"""SILP's own records: the scoping, the agency reports, the learning and recall events' SILP
detail, learning points, the family's involvement and the overview report's own text.

Stored as plugin records (collections named `silp/...`) through the core's codec. Agency
reports also become core Evidence (kind agency_report), their authors core participants (role
agency_author), and the two events core learning events with contributions, so the core's
report, graph and checks see them. Practitioners are recorded by role and agency, never by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from attrs import Factory, field, frozen

from core.kernel import codec
from core.kernel.model import Finding
from core.kernel.state import ReviewState, put_record

SCOPING = "silp/scoping"
REPORTS = "silp/agency-report"
EVENTS = "silp/event"  # the SILP detail of a learning or recall event, by core event id
LEARNING_POINTS = "silp/learning-point"
FAMILY = "silp/family"
OVERVIEW = "silp/overview"
CURRENT = "current"


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """A typed converter (see core.kernel.converters): YAML and JSON give lists."""
    return tuple(values)


@frozen
class EntryRef:
    """A chronology entry as a reviewer names it (agency + source reference), resolved."""

    agency: str
    ref: str
    entry_id: str


# -- scoping ------------------------------------------------------------------------------------


@frozen
class KeyLine:
    """A key line of enquiry: what a paragraph (or more) of the terms of reference turns into."""

    id: str
    title: str
    question: str
    terms: tuple[int, ...] = field(default=(), converter=_tuple)  # ToR paragraphs, from 1


@frozen
class Period:
    """A period of the merged chronology, walked in turn at the learning event."""

    id: str
    title: str
    start: dt.date
    end: dt.date


@frozen
class Accreditation:
    status: str  # a key of ACCREDITATION_STATUSES
    scheme: str = ""
    since: dt.date | None = None
    supervisor: str = ""  # for a trainee: the accredited lead reviewer supervising


@frozen
class LeadReviewer:
    participant: str  # the core participant id
    standing: str  # a key of STANDINGS
    accreditation: Accreditation | None = None


@frozen
class NoReport:
    agency: str
    reason: str


@frozen
class Scoping:
    frame: str
    lines: tuple[KeyLine, ...] = field(converter=_tuple)
    periods: tuple[Period, ...] = field(default=(), converter=_tuple)
    lead_reviewers: tuple[LeadReviewer, ...] = field(default=(), converter=_tuple)
    weeks: float | None = None
    proportionality: str = ""
    no_report: tuple[NoReport, ...] = field(default=(), converter=_tuple)

    def line(self, line_id: str) -> KeyLine | None:
        return next((k for k in self.lines if k.id == line_id), None)


# -- agency reports -----------------------------------------------------------------------------


@frozen
class Analysis:
    """An agency's analysis of its involvement against one key line of enquiry."""

    line: str
    entries: tuple[EntryRef, ...] = field(default=(), converter=_tuple)
    what_happened: str = ""
    why: str = ""
    went_well: str = ""
    could_be_better: str = ""
    changed_since: str = ""
    not_involved: str = ""  # why the agency has nothing on this line, instead of the above

    def node(self, report_id: str) -> str:
        return f"agency_analysis:{report_id}/{self.line}"


@frozen
class Distribution:
    """Who received the report (a role or a group, never a name), and on what day."""

    to: str
    sent_on: dt.date


@frozen
class AgencyReport:
    id: str
    agency: str
    author_role: str
    summary: str
    chronology: tuple[EntryRef, ...] = field(converter=_tuple)
    analyses: tuple[Analysis, ...] = field(converter=_tuple)
    author_independent: bool = True  # not involved in the case (check: the rule is unconfirmed)
    received_on: dt.date | None = None
    good_practice: tuple[str, ...] = field(default=(), converter=_tuple)
    learning: tuple[str, ...] = field(default=(), converter=_tuple)
    recommendations: tuple[str, ...] = field(default=(), converter=_tuple)  # single-agency
    distributed: tuple[Distribution, ...] = field(default=(), converter=_tuple)

    @property
    def sent_on(self) -> dt.date | None:
        """The day the report first went out to the learning event's participants."""
        return min((d.sent_on for d in self.distributed), default=None)

    def analysis(self, line: str) -> Analysis | None:
        return next((a for a in self.analyses if a.line == line), None)


# -- events, learning points, family ----------------------------------------------------------


@frozen
class Attendee:
    role: str
    agency: str = ""
    group: str = "practitioner"  # agency_author | practitioner | first_line_manager | other


@frozen
class Tag:
    """Where a learning-event contribution belongs: its key line of enquiry and question."""

    contribution: str
    line: str = ""
    question: str = ""  # what_happened | why | went_well | learned


@frozen
class DraftPart:
    """A part of the draft overview report as it was circulated, so a change can be traced."""

    id: str  # a finding id, a recommendation id, or a key line of enquiry's id
    text: str


@frozen
class Response:
    """A participant's response to the draft at the recall event, and what became of it."""

    contribution: str  # the core contribution (at the recall event) that records it
    kind: str  # a key of RESPONSES
    part: str  # the DraftPart it is about
    disposition: str = ""  # a key of DISPOSITIONS
    change: str = ""  # what changed in the draft, or why not


@frozen
class SilpEvent:
    """The SILP detail of a core learning event: who came, and (learning event) where each
    contribution belongs, or (recall event) the draft tested and each response."""

    id: str  # the core learning event id
    kind: str
    attendees: tuple[Attendee, ...] = field(default=(), converter=_tuple)
    tags: tuple[Tag, ...] = field(default=(), converter=_tuple)
    draft_circulated_on: dt.date | None = None
    draft: tuple[DraftPart, ...] = field(default=(), converter=_tuple)
    responses: tuple[Response, ...] = field(default=(), converter=_tuple)


@frozen
class Source:
    """What a learning point rests on: an agency analysis, evidence, or a chronology entry."""

    kind: str  # "analysis" | "evidence" | "entry"
    id: str  # "<report>/<line>", an evidence id, or an entry id

    @property
    def node(self) -> str:
        return {"analysis": "agency_analysis", "entry": "event"}.get(self.kind, "evidence") \
            + f":{self.id}"


@frozen
class LearningPoint:
    id: str
    line: str
    text: str
    sources: tuple[Source, ...] = field(converter=_tuple)


@frozen
class FamilyMember:
    relationship: str
    response: str  # a key of FAMILY_RESPONSES
    how: str = ""
    said: tuple[str, ...] = field(default=(), converter=_tuple)
    reason: str = ""


@frozen
class FamilyInvolvement:
    offered_on: dt.date | None
    members: tuple[FamilyMember, ...] = field(converter=_tuple)


@frozen
class Overview:
    """The lead reviewers' own text of the overview report."""

    child: str
    analysis: dict[str, str] = Factory(dict)  # key line of enquiry id -> the lead reviewers'
    good_practice: tuple[str, ...] = field(default=(), converter=_tuple)


# -- reading and writing ------------------------------------------------------------------------


def _current(state: ReviewState, collection: str, cls: type) -> Any:
    data = state.record_collection(collection).get(CURRENT)
    return None if data is None else codec.from_data(data, cls)


def scoping(state: ReviewState) -> Scoping | None:
    return _current(state, SCOPING, Scoping)


def family(state: ReviewState) -> FamilyInvolvement | None:
    return _current(state, FAMILY, FamilyInvolvement)


def overview(state: ReviewState) -> Overview | None:
    return _current(state, OVERVIEW, Overview)


def reports(state: ReviewState) -> list[AgencyReport]:
    return [codec.from_data(v, AgencyReport)
            for _, v in sorted(state.record_collection(REPORTS).items())]


def events(state: ReviewState, kind: str | None = None) -> list[SilpEvent]:
    found = [codec.from_data(v, SilpEvent)
             for _, v in sorted(state.record_collection(EVENTS).items())]
    return [e for e in found if kind is None or e.kind == kind]


def learning_points(state: ReviewState) -> list[LearningPoint]:
    return [codec.from_data(v, LearningPoint)
            for _, v in sorted(state.record_collection(LEARNING_POINTS).items())]


def put_current(collection: str, value: Any) -> tuple[str, dict[str, Any]]:
    return put_record(collection, CURRENT, codec.to_data(value))


def put_keyed(collection: str, key: str, value: Any) -> tuple[str, dict[str, Any]]:
    return put_record(collection, key, codec.to_data(value))


# -- a finding's SILP shape -----------------------------------------------------------------------


def finding_details(finding: Finding) -> dict[str, Any]:
    """A finding's SILP fields: its key line of enquiry, the learning points it rests on, why
    it has no agency analysis or learning-event evidence (if so), and its recommendations."""
    d = finding.details or {}
    return {
        "line": str(d.get("line") or ""),
        "learning_points": [str(p) for p in d.get("learning_points") or []],
        "not_evidenced_because": str(d.get("not_evidenced_because") or ""),
        "recommendations": [str(r) for r in d.get("recommendations") or []],
    }


def terms_paragraphs(state: ReviewState) -> list[str]:
    """The review's terms of reference, paragraph by paragraph (key lines of enquiry cite them
    by number, from 1)."""
    text = state.header.terms_of_reference if state.header else ""
    return [p for p in (" ".join(p.split()) for p in text.split("\n\n")) if p]


def and_list(items: list[str] | tuple[str, ...]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
