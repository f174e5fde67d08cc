"""The method's own records: structured conversations and key practice episodes.

Stored as plugin records (`learning-together/conversation`, `learning-together/episode`) through
the core's codec; findings are core Findings whose `details` hold the method's shape (see
`finding_details`). Practitioners are always referred to by role and agency, never by name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from attrs import Factory, field, frozen

from core.kernel import codec
from core.kernel.dates import PartialDate
from core.kernel.model import Finding
from core.kernel.state import ReviewState, put_record

CONVERSATIONS = "learning-together/conversation"
EPISODES = "learning-together/episode"


@frozen
class EntryRef:
    """A chronology entry as a reviewer names it (agency + source reference), resolved."""

    agency: str
    ref: str
    entry_id: str


@frozen
class Mindset:
    """The practitioner's local rationality at the time: how the case looked to them then."""

    what_was_happening: str = ""
    salient: str = ""
    competing_demands: str = ""
    options_seen: str = ""
    reasons_and_emotions: str = ""  # what was behind their thinking: reasons, and feelings too
    main_concerns: str = ""  # their main concerns, and whether they clashed
    hoping_to_achieve: str = ""

    def recorded(self) -> bool:
        return any(attrs.astuple(self))


@frozen
class PrioritisedFactor:
    factor: str  # a key of CONTRIBUTORY_FACTORS
    note: str = ""


@frozen
class Conversation:
    """A structured conversation with one practitioner, known by role and agency."""

    id: str
    role: str
    agency: str
    overview: str
    held_on: dt.date | None = None
    turning_points: tuple[str, ...] = field(default=(), converter=tuple)
    mindset: Mindset = Factory(Mindset)
    factors: tuple[PrioritisedFactor, ...] = field(default=(), converter=tuple)  # by priority
    went_well: tuple[str, ...] = field(default=(), converter=tuple)
    suggested_changes: tuple[str, ...] = field(default=(), converter=tuple)
    what_enabled_it: tuple[str, ...] = field(default=(), converter=tuple)  # behind went_well
    queries: tuple[str, ...] = field(default=(), converter=tuple)  # from the overview
    # The day the practitioner was told the purpose of the conversation, its confidentiality
    # and its ethics (the first part of SCIE's conversation structure).
    explained_on: dt.date | None = None

    @property
    def who(self) -> str:
        return f"{self.role}, {self.agency}" if self.agency else self.role


@frozen
class Source:
    """What evidences a contributory factor: a conversation, a chronology entry, or any other
    evidence the review holds (an agency report, an accepted learning-event contribution)."""

    kind: str  # "conversation" | "entry" | "evidence"
    id: str  # the evidence id (a conversation's evidence id is its own id) or the entry id
    agency: str = ""
    ref: str = ""

    @property
    def node(self) -> str:
        return f"event:{self.id}" if self.kind == "entry" else f"evidence:{self.id}"


@frozen
class Factor:
    """A contributory factor in an episode's explanation."""

    factor: str  # a key of CONTRIBUTORY_FACTORS
    text: str
    effect: str  # "helped" | "hindered"
    sources: tuple[Source, ...] = field(converter=tuple)
    layer: str = ""  # a key of KPE_FRAMEWORK: the same factor in the episode framework
    subcategory: str = ""  # a typology sub-category this factor is an instance of


@frozen
class Appraisal:
    judgement: str  # a key of APPRAISALS
    text: str
    cites: tuple[EntryRef, ...] = field(default=(), converter=tuple)  # what was known then
    # Held by other agencies at the time, not known to those involved: context about the
    # system, never grounds for criticising the practitioners.
    elsewhere: tuple[EntryRef, ...] = field(default=(), converter=tuple)
    standards: tuple[str, ...] = field(default=(), converter=tuple)  # guidance it is measured by


@frozen
class Episode:
    """A key practice episode: a significant action, inaction or period, good or problematic."""

    id: str
    title: str
    period: PartialDate
    agencies: tuple[str, ...] = field(converter=tuple)
    roles: tuple[str, ...] = field(converter=tuple)
    entries: tuple[EntryRef, ...] = field(converter=tuple)
    what_happened: str
    appraisal: Appraisal
    explanation: tuple[Factor, ...] = field(converter=tuple)

    @property
    def good_practice(self) -> bool:
        return self.appraisal.judgement == "good"

    def factor_node(self, factor: Factor) -> str:
        return f"factor:{self.id}/{factor.factor}"




def and_list(items: list[str] | tuple[str, ...]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def in_sentence(role: str) -> str:
    """A role as it reads inside a sentence: "Health visitor" -> "health visitor", while an
    acronym stays as it is ("MASH team manager")."""
    return role if role[:2].isupper() else role[:1].lower() + role[1:]


# -- finding details: the method's shape of a core Finding ---------------------------------

DETAIL_KEYS = ("in_this_case", "episodes", "factors", "not_peculiar", "why_it_matters",
               "board_issues", "confidence", "priority", "subcategory")


def finding_details(finding: Finding) -> dict[str, Any]:
    """A finding's Learning Together fields, with defaults for any the reviewers left out."""
    details = finding.details or {}
    return {
        "in_this_case": str(details.get("in_this_case") or ""),
        "episodes": _texts(details.get("episodes")),
        "factors": _texts(details.get("factors")),
        "not_peculiar": str(details.get("not_peculiar") or ""),
        "why_it_matters": str(details.get("why_it_matters") or ""),
        "board_issues": _texts(details.get("board_issues")),
        "suggested_from": details.get("suggested_from"),
        # "finding" or "indicative": lighter variants produce indicative findings
        "confidence": str(details.get("confidence") or "finding"),
        "priority": details.get("priority") if isinstance(details.get("priority"), int)
        else None,  # 1 is the highest
        "subcategory": str(details.get("subcategory") or ""),
    }


def _texts(value: Any) -> list[str]:
    # One value given on the command line (`--detail board_issues=...`) is a list of one.
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value or []]


# -- reading and writing -----------------------------------------------------------------------


def conversations(state: ReviewState) -> list[Conversation]:
    return [codec.from_data(v, Conversation)
            for _, v in sorted(state.record_collection(CONVERSATIONS).items())]


def episodes(state: ReviewState) -> list[Episode]:
    found = [codec.from_data(v, Episode) for v in state.record_collection(EPISODES).values()]
    return sorted(found, key=lambda e: (e.period.sort_key, e.id))


def episode(state: ReviewState, episode_id: str) -> Episode | None:
    data = state.record_collection(EPISODES).get(episode_id)
    return None if data is None else codec.from_data(data, Episode)


def put_conversation(value: Conversation) -> tuple[str, dict[str, Any]]:
    return put_record(CONVERSATIONS, value.id, codec.to_data(value))


def put_episode(value: Episode) -> tuple[str, dict[str, Any]]:
    return put_record(EPISODES, value.id, codec.to_data(value))
