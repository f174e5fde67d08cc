"""The method's records, one kind per stage of the 5-D cycle, and the honest record.

Stored as plugin records through the core's codec (collections named below). Practitioners are
always known by role and agency, never by name; a family member by relationship, and only with
their consent. Findings are core Findings whose `details` hold the method's shape
(`finding_details`); commitments also become core improvement actions (same id).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from attrs import field, frozen

from core.kernel import codec
from core.kernel.model import Finding
from core.kernel.state import ReviewState, put_record

PREFIX = "appreciative-inquiry/"
DEFINE = PREFIX + "define"
INTERVIEWS = PREFIX + "interview"
THEMES = PREFIX + "theme"
HONEST = PREFIX + "honest-record"
CONCERNS = PREFIX + "concern"
DREAMS = PREFIX + "dream"
PROPOSITIONS = PREFIX + "proposition"
COMMITMENTS = PREFIX + "commitment"
CURRENT = "current"  # the key of the single Define and honest-record records


@frozen
class EntryRef:
    """A chronology entry as a reviewer names it (agency + source reference), resolved."""

    agency: str
    ref: str
    entry_id: str


@frozen
class Question:
    kind: str  # a key of QUESTION_KINDS
    text: str


@frozen
class Consent:
    """A family member's answer, by relationship, to taking part in the inquiry."""

    relationship: str
    consent: str  # "given" | "declined" | "not_sought"
    note: str = ""


@frozen
class Define:
    review_question: str
    topic: str
    guide: tuple[Question, ...] = field(converter=tuple)
    family: tuple[Consent, ...] = field(default=(), converter=tuple)

    def consent_of(self, relationship: str) -> Consent | None:
        wanted = relationship.strip().lower()
        return next((c for c in self.family if c.relationship.lower() == wanted), None)


@frozen
class Interview:
    """An appreciative interview: a story of practice at its best in this case, what made it
    possible, and what the practitioner values, would keep and wishes had been different."""

    id: str
    role: str
    agency: str
    story: str
    entries: tuple[EntryRef, ...] = field(converter=tuple)
    enablers: tuple[str, ...] = field(converter=tuple)
    held_on: dt.date | None = None
    paired_with: str = ""
    values: tuple[str, ...] = field(default=(), converter=tuple)
    continuity: tuple[str, ...] = field(default=(), converter=tuple)
    wishes: tuple[str, ...] = field(default=(), converter=tuple)
    family: bool = False  # a family member's account (role is then the relationship)

    @property
    def who(self) -> str:
        return f"{self.role}, {self.agency}" if self.agency else self.role

    def enabler_node(self, number: int) -> str:
        return f"enabler:{self.id}/{number}"


@frozen
class Theme:
    """A theme of the positive core: what the stories share, and what to keep."""

    id: str
    title: str
    statement: str
    stories: tuple[str, ...] = field(converter=tuple)  # interview ids
    keep: str = ""


@frozen
class HonestRecord:
    """What happened, in summary, and either the concerns or why none were identified."""

    what_happened: str
    none_identified: str = ""  # the reason, when the review found nothing that went wrong


@frozen
class Concern:
    """A problem acknowledged: what went wrong, why, and its evidence."""

    id: str
    title: str
    what_happened: str
    why: str
    entries: tuple[EntryRef, ...] = field(converter=tuple)
    interviews: tuple[str, ...] = field(default=(), converter=tuple)
    themes: tuple[str, ...] = field(default=(), converter=tuple)  # the themes it bears on


@frozen
class Dream:
    id: str
    text: str
    themes: tuple[str, ...] = field(default=(), converter=tuple)


@frozen
class DesignElement:
    kind: str  # a key of DESIGN_ELEMENTS
    text: str


@frozen
class Proposition:
    """A provocative proposition: how the system will work, grounded in themes, answering
    the concerns it names."""

    id: str
    statement: str
    themes: tuple[str, ...] = field(converter=tuple)
    concerns: tuple[str, ...] = field(default=(), converter=tuple)
    design: tuple[DesignElement, ...] = field(default=(), converter=tuple)


@frozen
class Commitment:
    """Destiny: who will do what to realise a proposition, who champions it, by when, and how
    success will be measured. It becomes the improvement action with the same id."""

    id: str
    proposition: str
    description: str
    owner: str  # a role or a body, never a person's name
    champion: str  # a role
    due: dt.date
    measure: str
    agency: str = ""
    status: str = "planned"
    progress: str = ""  # the evidence of impact, once started


# -- finding details: the method's shape of a core Finding ---------------------------------

def finding_details(finding: Finding) -> dict[str, Any]:
    d = finding.details or {}
    return {
        "kind": str(d.get("kind") or ""),
        "themes": [str(t) for t in d.get("themes") or []],
        "concerns": [str(c) for c in d.get("concerns") or []],
        "conditions": str(d.get("conditions") or ""),
        "board_issues": [str(q) for q in d.get("board_issues") or []],
        "suggested_from": d.get("suggested_from"),
    }


# -- reading and writing --------------------------------------------------------------------

T = TypeVar("T")


def _all(state: ReviewState, collection: str, cls: type[T]) -> list[T]:
    return [codec.from_data(v, cls)
            for _, v in sorted(state.record_collection(collection).items(),
                               key=lambda kv: _natural(kv[0]))]


def _natural(key: str) -> tuple[Any, ...]:
    """I-2 before I-10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))


def define(state: ReviewState) -> Define | None:
    data = state.record_collection(DEFINE).get(CURRENT)
    return None if data is None else codec.from_data(data, Define)


def honest_record(state: ReviewState) -> HonestRecord | None:
    data = state.record_collection(HONEST).get(CURRENT)
    return None if data is None else codec.from_data(data, HonestRecord)


def interviews(state: ReviewState) -> list[Interview]:
    return _all(state, INTERVIEWS, Interview)


def themes(state: ReviewState) -> list[Theme]:
    return _all(state, THEMES, Theme)


def concerns(state: ReviewState) -> list[Concern]:
    return _all(state, CONCERNS, Concern)


def dreams(state: ReviewState) -> list[Dream]:
    return _all(state, DREAMS, Dream)


def propositions(state: ReviewState) -> list[Proposition]:
    return _all(state, PROPOSITIONS, Proposition)


def commitments(state: ReviewState) -> list[Commitment]:
    return _all(state, COMMITMENTS, Commitment)


def put(collection: str, key: str, value: Any) -> tuple[str, dict[str, Any]]:
    return put_record(collection, key, codec.to_data(value))


def and_list(items: list[str] | tuple[str, ...]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
