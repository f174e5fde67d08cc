"""The review's value objects. Frozen: a change is a new value made with `attrs.evolve`.

Validators refuse values that cannot be true and say why in a coordinator's words. Serialisation
lives in `core.kernel.codec`, not here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from attrs import Factory, field, frozen

from core.kernel.converters import strings
from core.kernel.dates import PartialDate, long_date
from core.kernel.errors import InvalidValue


def _required(what: str):
    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InvalidValue(f"{what} is required ({type(instance).__name__}.{attribute.name})")

    return check


def _not_empty(what: str):
    def check(instance: object, attribute: Any, value: tuple) -> None:
        if not value:
            raise InvalidValue(f"{what} ({type(instance).__name__}.{attribute.name})")

    return check


# A typed converter (see core.kernel.converters), used only here.
def _sharings(values: Iterable[Sharing]) -> tuple[Sharing, ...]:
    return tuple(values)


class AgencyKind(StrEnum):
    POLICE = "police"
    CHILDRENS_SOCIAL_CARE = "childrens_social_care"
    EDUCATION = "education"
    GP = "gp"
    HEALTH_VISITING = "health_visiting"
    HOSPITAL = "hospital"
    HOUSING = "housing"
    PROBATION = "probation"
    MENTAL_HEALTH = "mental_health"
    OTHER = "other"


@frozen
class Agency:
    name: str = field(validator=_required("an agency's name"))
    kind: AgencyKind = field(default=AgencyKind.OTHER, converter=AgencyKind)


@frozen
class Subject:
    """The child at the centre of the review, always by pseudonym (real names live elsewhere)."""

    pseudonym: str = field(validator=_required("the child's pseudonym"))
    age_at_event: str = ""  # e.g. "2 years 7 months"; free text on purpose, never a birth date


class ParticipantRole(StrEnum):
    LEAD_REVIEWER = "lead_reviewer"
    REVIEW_TEAM = "review_team"
    CASE_GROUP = "case_group"
    FAMILY = "family"
    PANEL = "panel"
    AGENCY_AUTHOR = "agency_author"
    CHAIR = "chair"


class Involvement(StrEnum):
    """A person's answer to the invitation to take part (seed 1.3: family involvement is
    offered; the family's members may take part, decline, or not be approached at all)."""

    TOOK_PART = "took_part"
    DECLINED = "declined"
    NOT_APPROACHED = "not_approached"


def _involvement(value: Any) -> Involvement | None:
    return None if value is None or value == "" else Involvement(value)


def _reason_if_not_approached(instance: Any, attribute: Any, value: str) -> None:
    if instance.involvement is Involvement.NOT_APPROACHED and not value.strip():
        raise InvalidValue(f"say why {instance.title} was not approached (the reviewers' "
                           "reason, e.g. 'too young to be asked'); a report must explain it")


@frozen
class Participant:
    """Someone taking part in the review. Practitioners are known by role, not by name."""

    id: str = field(validator=_required("a participant id"))
    role: ParticipantRole = field(converter=ParticipantRole)
    title: str = field(validator=_required("a participant's job title or relationship"))
    agency: str = ""  # the agency they work for; empty for family and independent reviewers
    name: str = ""  # only for reviewers and chairs, who are named to the National Panel
    employers: tuple[str, ...] = field(default=(), converter=strings)  # for independence checks
    # Their answer to the invitation to take part (None: not recorded), and in the reviewers'
    # words how they took part, or why they declined or were not approached.
    involvement: Involvement | None = field(default=None, converter=_involvement)
    involvement_note: str = field(default="", validator=_reason_if_not_approached)


@frozen
class Review:
    """The review's header: what is being reviewed, under which regime, by which method."""

    id: str = field(validator=_required("a review id"))
    title: str = field(validator=_required("a review title"))
    regime: str = field(validator=_required("the statutory regime"))
    area: str = field(validator=_required("the partnership area"))
    subject: Subject
    incident_date: dt.date
    notified_on: dt.date = field()
    methodology: str | None = None
    variant: str | None = None
    terms_of_reference: str = ""
    # The day the local authority became aware of the incident: the clocks' start (England:
    # notify the Panel within 5 working days of it). None in reviews recorded before it was
    # kept apart from the notification day; those count from notified_on
    # (core.output.report.records).
    became_aware_on: dt.date | None = field(default=None)

    @became_aware_on.validator
    def _aware_between(self, attribute: Any, value: dt.date | None) -> None:
        if value is not None and not self.incident_date <= value <= self.notified_on:
            raise InvalidValue(
                f"the day the local authority became aware ({long_date(value)}) should fall "
                f"between the incident ({long_date(self.incident_date)}) and the notification "
                f"({long_date(self.notified_on)})")

    @notified_on.validator
    def _notified_after_incident(self, attribute: Any, value: dt.date) -> None:
        if value < self.incident_date:
            raise InvalidValue(
                f"the notification date {long_date(value)} is before the incident "
                f"({long_date(self.incident_date)}); a review is notified after the incident"
            )


@frozen
class Provenance:
    """Where a piece of evidence came from, so every entry can be traced back to its source."""

    agency: str = ""
    file: str = ""
    row: int | None = None
    import_id: str = ""  # the journal event that brought it in


@frozen
class Sharing:
    """An agency was told of an entry on a date: this is how knowledge crosses agencies."""

    agency: str
    on: dt.date


@frozen
class ChronologyEntry:
    id: str = field(validator=_required("an entry id"))
    agency: str = field(validator=_required("the agency that recorded the entry"))
    date: PartialDate
    what_happened: str = field(validator=_required("what happened"))
    time: str = ""
    who: str = ""  # a role, never a name
    what_was_known: str = ""
    decision_or_action: str = ""
    source_ref: str = ""
    recorded_on: dt.date | None = None  # when the agency recorded it, if later than the event
    shared_with: tuple[Sharing, ...] = field(default=(), converter=_sharings)
    provenance: Provenance = Factory(Provenance)
    category: str = ""  # the agency's own category or type of contact, as it wrote it
    risk_grade: str = ""  # the agency's risk grading at the time (e.g. a DASH grade)

    @property
    def known_to_recorder_from(self) -> dt.date:
        """The first day the recording agency certainly knew of the entry."""
        return max(self.date.end, self.recorded_on or self.date.end)


class EvidenceKind(StrEnum):
    AGENCY_REPORT = "agency_report"
    CONVERSATION = "conversation"
    DOCUMENT = "document"
    CONTRIBUTION = "contribution"


@frozen
class Evidence:
    id: str = field(validator=_required("an evidence id"))
    kind: EvidenceKind = field(converter=EvidenceKind)
    title: str = field(validator=_required("an evidence title"))
    summary: str = ""
    agency: str = ""
    entry_ids: tuple[str, ...] = field(default=(), converter=strings)
    received_on: dt.date | None = None
    provenance: Provenance = Factory(Provenance)
    details: dict[str, Any] = Factory(dict)  # the methodology's own shape of the evidence


class FindingStatus(StrEnum):
    SUGGESTED = "suggested"  # proposed by software; a reviewer has not accepted it
    DRAFT = "draft"
    FINAL = "final"


@frozen
class Finding:
    id: str = field(validator=_required("a finding id"))
    title: str = field(validator=_required("a finding title"))
    statement: str = field(validator=_required("what the finding says"))
    category: str = ""  # from the methodology's typology
    evidence_ids: tuple[str, ...] = field(default=(), converter=strings)
    status: FindingStatus = field(default=FindingStatus.DRAFT, converter=FindingStatus)
    details: dict[str, Any] = Factory(dict)  # the methodology's own shape of a finding


@frozen
class Recommendation:
    id: str = field(validator=_required("a recommendation id"))
    text: str = field(validator=_required("the recommendation's text"))
    finding_ids: tuple[str, ...] = field(
        converter=strings,
        validator=_not_empty("a recommendation must address at least one finding"),
    )
    strength: str = ""  # e.g. RCA's stronger / intermediate / weaker


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@frozen
class ImprovementAction:
    id: str = field(validator=_required("an action id"))
    description: str = field(validator=_required("what the action is"))
    owner: str = field(validator=_required("an owner for the action (a role or a body)"))
    due: dt.date
    measure_of_success: str = field(validator=_required("a measure of success"))
    addresses: tuple[str, ...] = field(
        converter=strings,
        validator=_not_empty("an action must address at least one recommendation or finding"),
    )
    agency: str = ""
    status: ActionStatus = field(default=ActionStatus.PLANNED, converter=ActionStatus)
    impact_evidence: str = ""


@frozen
class LearningEvent:
    id: str = field(validator=_required("a learning event id"))
    kind: str = field(validator=_required("the kind of learning event"))
    title: str = field(validator=_required("a learning event title"))
    held_on: dt.date | None = None
    facilitator: str = ""
    attendee_roles: tuple[str, ...] = field(default=(), converter=strings)


# What a participant can contribute at a learning event, with the words a session shows.
CONTRIBUTION_KINDS: dict[str, str] = {
    "observation": "An observation",
    "at_the_time": "What it looked like at the time",
    "factor": "A contributory factor",
    "strength": "A strength",
    "question": "A question",
}


@frozen
class Contribution:
    """Something said at a learning event, attributed to a role, never a name."""

    id: str = field(validator=_required("a contribution id"))
    event_id: str = field(validator=_required("the learning event"))
    role: str = field(validator=_required("the contributor's role"))
    text: str = field(validator=_required("what was contributed"))
    phase: str = ""
    agency: str = ""
    evidence_id: str = ""  # set once the methodology has taken it into the evidence
    kind: str = ""  # a key of CONTRIBUTION_KINDS, when the contributor said which
    refs: tuple[str, ...] = field(default=(), converter=strings)  # entries, episodes, factors
    participant: str = ""  # a live session's anonymous participant id, never a name


class RequestStatus(StrEnum):
    SENT = "sent"
    RECEIVED = "received"
    WITHDRAWN = "withdrawn"
    # "overdue" is not stored: a request still SENT after its due date is overdue
    # (core.evidence.requests)


def _necessary_and_proportionate(instance: object, attribute: Any, value: str) -> None:
    # Seed 2.5: each request must explain why the information is necessary and proportionate.
    words = value.split()
    if len(words) < 3 or value.strip().lower().rstrip(".") in ("n/a", "na", "none", "tbc"):
        raise InvalidValue(
            "an information request must say why the information is necessary and "
            "proportionate (a reason of a few words at least), e.g. 'to understand what the "
            "GP knew of the missed immunisations in 2022'"
        )


@frozen
class InformationRequest:
    """A request for information to a person or body (seed 2.5), with why it is needed."""

    id: str = field(validator=_required("a request id"))
    to: str = field(validator=_required("who the request is to (a person's role or a body)"))
    what: str = field(validator=_required("what information is asked for"))
    reason: str = field(validator=_necessary_and_proportionate)
    sent_on: dt.date
    due: dt.date = field()
    agency: str = ""  # the review's agency the request is to, if it is one
    status: RequestStatus = field(default=RequestStatus.SENT, converter=RequestStatus)
    received_on: dt.date | None = None
    note: str = ""

    @due.validator
    def _due_after_sent(self, attribute: Any, value: dt.date) -> None:
        if value < self.sent_on:
            raise InvalidValue(
                f"a request cannot be due ({long_date(value)}) before it is sent "
                f"({long_date(self.sent_on)})"
            )


# The merged chronology's order (precision-aware): by the start of each entry's date span, then
# its end, so on the same first day a single day comes before the month or year that contains
# it ("3 March 2012" before "March 2012" before "2012"); then by time of day (entries without a
# time first), agency, the order of import and the row in the agency's file.
def merge_key(entry: ChronologyEntry) -> tuple:
    provenance = entry.provenance
    return (entry.date.start, entry.date.end, entry.time, entry.agency,
            import_number(provenance.import_id), provenance.row or 0, entry.id)


def merged(entries: Iterable[ChronologyEntry]) -> list[ChronologyEntry]:
    """Entries in the merged chronology's order."""
    return sorted(entries, key=merge_key)


def import_number(import_id: str) -> int:
    """The number of an import ("IMP-12" -> 12), which orders imports oldest first."""
    _, _, number = import_id.rpartition("-")
    return int(number) if number.isdigit() else 0
