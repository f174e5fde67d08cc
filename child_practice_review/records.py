"""The method's own records, stored as plugin records through the core's codec.

- the terms of reference: the review type chosen (and why, when it differs from the regime's
  classification), the focus period (and why, when longer than 12 months), the brief outline;
- the review panel: its chair (independent or not), its members by role and agency, the
  reviewers with their statements, and the chair's statement;
- the notices: Welsh Government told of the intent to hold a review, and the other key dates;
- the timeline of significant events: chronology entries the panel chose, each with why it is
  significant and, for the published summary timeline, a reduced and anonymised wording;
- the invitations to each learning event (every practitioner involved);
- the 7-minute briefing and the press statement.

Learning is a core Finding (`details` holds the method's shape); learning-event contributions
are core Contributions, taken into core Evidence. People are known by role, never by name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import Factory, field, frozen

from child_practice_review.taxonomy import PREFIX
from core.kernel import codec
from core.kernel.model import Finding
from core.kernel.state import ReviewState, put_record

TERMS = f"{PREFIX}terms"
PANEL = f"{PREFIX}panel"
NOTICES = f"{PREFIX}notices"
TIMELINE = f"{PREFIX}timeline"
INVITATIONS = f"{PREFIX}invitations"
BRIEFING = f"{PREFIX}briefing"
PRESS = f"{PREFIX}press-statement"
CURRENT = "current"


@frozen
class Terms:
    """The method's part of the terms of reference (the questions are the review header's)."""

    focus_from: dt.date
    focus_to: dt.date
    review_type: str = ""  # concise | extended; empty: the regime's classification
    type_reason: str = ""  # why, when it differs from the classification
    longer_focus_reason: str = ""  # why, when the focus is longer than 12 months
    circumstances: str = ""  # the brief outline for the report's first section


@frozen
class Member:
    role: str
    agency: str = ""


@frozen
class Reviewer:
    """A reviewer, matched to a lead reviewer of the review by title, with their statement."""

    title: str
    statement: str
    approved_list: bool | None = None  # on Welsh Government's approved list (SUSR)


@frozen
class Panel:
    chair: Member
    chair_independent: bool
    members: tuple[Member, ...] = field(converter=tuple)
    reviewers: tuple[Reviewer, ...] = field(default=(), converter=tuple)
    chair_statement: str = ""
    chair_approved_list: bool | None = None  # the chair on Welsh Government's list (SUSR)


@frozen
class Notice:
    """A key date: who was told or did what, and when."""

    key: str  # welsh_government, board_approved, case_review_group_sign_off, repository, ...
    on: dt.date
    note: str = ""


@frozen
class EntryRef:
    agency: str
    ref: str
    entry_id: str


@frozen
class SignificantEvent:
    id: str
    entry: EntryRef
    significance: str  # why the panel put it on the timeline (working material)
    summary: str = ""  # its published wording; empty: not in the summary timeline


@frozen
class Invitation:
    role: str
    agency: str = ""
    attended: bool = True


@frozen
class Invitations:
    event_id: str
    invited: tuple[Invitation, ...] = field(converter=tuple)


@frozen
class Briefing:
    """The 7-minute briefing: heading key -> text, in the order of BRIEFING_HEADINGS."""

    boxes: dict[str, str] = Factory(dict)


@frozen
class PressStatement:
    text: str
    issued_on: dt.date | None = None


# -- reading ----------------------------------------------------------------------------------


def _one(state: ReviewState, collection: str, kind: type) -> Any:
    data = state.record_collection(collection).get(CURRENT)
    return None if data is None else codec.from_data(data, kind)


def terms(state: ReviewState) -> Terms | None:
    return _one(state, TERMS, Terms)  # type: ignore[no-any-return]


def panel(state: ReviewState) -> Panel | None:
    return _one(state, PANEL, Panel)  # type: ignore[no-any-return]


def briefing(state: ReviewState) -> Briefing | None:
    return _one(state, BRIEFING, Briefing)  # type: ignore[no-any-return]


def press_statement(state: ReviewState) -> PressStatement | None:
    return _one(state, PRESS, PressStatement)  # type: ignore[no-any-return]


def notices(state: ReviewState) -> dict[str, Notice]:
    return {key: codec.from_data(v, Notice) for key, v in
            sorted(state.record_collection(NOTICES).items())}


def timeline(state: ReviewState) -> list[SignificantEvent]:
    found = [codec.from_data(v, SignificantEvent)
             for v in state.record_collection(TIMELINE).values()]

    def when(item: SignificantEvent) -> tuple:
        entry = state.chronology.get(item.entry.entry_id)
        return (entry.date.sort_key if entry else (), item.id)

    return sorted(found, key=when)


def invitations(state: ReviewState) -> dict[str, Invitations]:
    return {key: codec.from_data(v, Invitations)
            for key, v in state.record_collection(INVITATIONS).items()}


def learning_details(finding: Finding) -> dict[str, Any]:
    """A finding's Child Practice Review fields, with defaults for any left out."""
    d = finding.details or {}
    return {
        "kind": str(d.get("kind") or ""),
        "timeline": [str(t) for t in d.get("timeline") or []],
        "heard": [str(c) for c in d.get("heard") or []],
        "in_this_case": str(d.get("in_this_case") or ""),
        "suggested_from": d.get("suggested_from"),
    }


# -- writing ----------------------------------------------------------------------------------


def put_one(collection: str, value: Any, key: str = CURRENT) -> tuple[str, dict[str, Any]]:
    return put_record(collection, key, codec.to_data(value))
