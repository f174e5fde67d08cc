"""Reading the learning event's record, the recall event's (the draft tested and each
response), and the family's involvement, which is kept apart from the practitioners'."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from core.analysis.learning_events import find_phase
from core.kernel.errors import CaseReviewError
from core.kernel.model import Contribution, LearningEvent, ParticipantRole
from silp.meetings import TITLES, USE_OF_PHASE, learning_event_plan
from silp.reading import Reader
from silp.records import (
    Attendee,
    DraftPart,
    FamilyInvolvement,
    FamilyMember,
    Response,
    SilpEvent,
    Tag,
)
from silp.taxonomy import DISPOSITIONS, FAMILY_RESPONSES, RESPONSES

GROUPS = ("agency_author", "practitioner", "first_line_manager", "lead_reviewer", "panel",
          "other")
QUESTIONS = ("what_happened", "why", "went_well", "learned")
EVENT_KEYS = ("id", "held_on", "facilitator", "attendees", "contributions", "responses")


@frozen
class EventRead:
    """One event as read: the core event, its contributions (with those to take into the
    evidence), and its SILP detail."""

    event: LearningEvent
    contributions: tuple[Contribution, ...]
    to_evidence: frozenset[str]
    detail: SilpEvent


def family_words(reader: Reader) -> set[str]:
    return {" ".join(p.title.casefold().split()) for p in reader.state.participants.values()
            if p.role is ParticipantRole.FAMILY}


def _event_head(reader: Reader, item: dict[str, Any], at: str, kind: str
                ) -> tuple[LearningEvent | None, list[Attendee]]:
    reader.known_keys(item, at, EVENT_KEYS)
    event_id = reader.unique_id(item, at, set())
    held_on = reader.day(item, "held_on", at)
    attendees = []
    family = family_words(reader)
    for aat, raw in reader.items(item, "attendees", at=at):
        reader.known_keys(raw, aat, ("role", "agency", "group"))
        role = reader.text(raw, "role", aat)
        reader.role(role, f"{aat}.role")
        if " ".join(role.casefold().split()) in family:
            reader.problem(f"{aat}.role", f"{role} is a member of the family: the family's "
                           "involvement is recorded apart from the practitioners' (family.yaml)")
        agency = reader.agency(reader.text(raw, "agency", aat, required=False), f"{aat}.agency")
        group = reader.choice(raw, "group", aat, GROUPS, default="practitioner")
        if role and group:
            attendees.append(Attendee(role, agency, group))
    if not (event_id and held_on):
        return None, attendees
    roles = tuple(dict.fromkeys(f"{a.role} ({a.agency})" if a.agency else a.role
                                for a in attendees))
    event = LearningEvent(event_id, kind, TITLES[kind], held_on=held_on,
                          facilitator=reader.text(item, "facilitator", at, required=False),
                          attendee_roles=roles)
    return event, attendees


def _said(reader: Reader, raw: dict[str, Any], at: str, event: LearningEvent, seen: set[str],
          phase: str) -> Contribution | None:
    cid = reader.unique_id(raw, at, seen)
    role = reader.text(raw, "role", at)
    reader.role(role, f"{at}.role")
    if " ".join(role.casefold().split()) in family_words(reader):
        reader.problem(f"{at}.role", f"{role} is a member of the family: what the family said "
                       "is recorded apart from the practitioners' material (family.yaml)")
    agency = reader.agency(reader.text(raw, "agency", at, required=False), f"{at}.agency")
    text = reader.text(raw, "said" if "said" in raw else "text", at)
    if not (cid and role and text):
        return None
    return Contribution(cid, event.id, role, text, phase=phase, agency=agency)


def read_learning_event(reader: Reader, data: Any, lines: set[str]) -> EventRead | None:
    item = reader.mapping(data, "learning_event")
    event, attendees = _event_head(reader, item, "learning_event", "learning_event")
    plan = learning_event_plan(reader.state)
    said, tags, taken, seen = [], [], set[str](), set[str]()
    for at, raw in reader.items(item, "contributions", at="learning_event"):
        reader.known_keys(raw, at, ("id", "phase", "role", "agency", "text", "line", "question",
                                    "evidence"))
        try:
            phase = find_phase(plan, str(raw.get("phase") or "")).title
        except CaseReviewError as error:
            reader.problem(f"{at}.phase", str(error))
            continue
        line = reader.text(raw, "line", at, required=False)
        if line and line not in lines:
            reader.problem(f"{at}.line", f"no key line of enquiry {line!r}",
                           "one of " + ", ".join(sorted(lines)))
        question = reader.text(raw, "question", at, required=False)
        if question and question not in QUESTIONS:
            reader.problem(f"{at}.question", f"{question!r}", "one of " + ", ".join(QUESTIONS))
        if event is None:
            continue
        contribution = _said(reader, raw, at, event, seen, phase)
        if contribution is not None:
            said.append(contribution)
            if line or question:
                tags.append(Tag(contribution.id, line, question))
            if raw.get("evidence") and USE_OF_PHASE.get(phase, "") is None:
                reader.problem(f"{at}.evidence", f"what is said in '{phase}' is not evidence "
                               "about the case; leave out 'evidence: true'")
            elif raw.get("evidence"):
                taken.add(contribution.id)
    if event is None:
        return None
    return EventRead(event, tuple(said), frozenset(taken),
                     SilpEvent(event.id, "learning_event", attendees, tags))


def read_recall_event(reader: Reader, data: Any, part_ids: set[str]) -> EventRead | None:
    """The draft as circulated (its parts), then the recall event and each response to it."""
    draft = reader.mapping(data, "draft")
    reader.known_keys(draft, "draft", ("circulated_on", "parts"))
    circulated = reader.day(draft, "circulated_on", "draft")
    parts, seen = [], set[str]()
    for at, raw in reader.items(draft, "parts", at="draft"):
        reader.known_keys(raw, at, ("id", "text"))
        pid = reader.unique_id(raw, at, seen)
        text = reader.text(raw, "text", at)
        if pid and text:
            parts.append(DraftPart(pid, text))
    unknown = [p.id for p in parts if p.id not in part_ids]
    if unknown:
        reader.problem("draft.parts", f"{', '.join(unknown)} is neither a finding, a "
                       "recommendation nor a key line of enquiry of the review",
                       "ids from findings.yaml or scoping.yaml")
    item = reader.mapping(data, "recall_event")
    event, attendees = _event_head(reader, item, "recall_event", "recall_event")
    if event and circulated and event.held_on and circulated >= event.held_on:
        reader.problem("draft.circulated_on", "the draft must go out before the recall event "
                       "that tests it")
    said, responses, seen_said = [], [], set[str]()
    known_parts = {p.id for p in parts}
    for at, raw in reader.items(item, "responses", at="recall_event"):
        reader.known_keys(raw, at, ("id", "role", "agency", "kind", "part", "said",
                                    "disposition", "change"))
        kind = reader.choice(raw, "kind", at, RESPONSES)
        part = reader.text(raw, "part", at)
        if part and part not in known_parts:
            reader.problem(f"{at}.part", f"the draft has no part {part!r}",
                           "one of " + ", ".join(sorted(known_parts)))
        disposition = str(raw.get("disposition") or "")
        if disposition and disposition not in DISPOSITIONS:
            reader.problem(f"{at}.disposition", f"{disposition!r}",
                           "one of " + ", ".join(DISPOSITIONS))
        change = reader.text(raw, "change", at, required=disposition in (
            "accepted", "partly_accepted", "not_accepted"))
        phase = "Check the facts and anonymity" if kind == "correct" else \
            "Test the draft findings"
        if event is None:
            continue
        contribution = _said(reader, raw, at, event, seen_said, phase)
        if contribution is not None and kind and part:
            said.append(contribution)
            responses.append(Response(contribution.id, kind, part, disposition, change))
    if event is None:
        return None
    return EventRead(event, tuple(said), frozenset(c.id for c in said),
                     SilpEvent(event.id, "recall_event", attendees,
                               draft_circulated_on=circulated, draft=parts,
                               responses=responses))


def read_family(reader: Reader, data: Any) -> FamilyInvolvement | None:
    item = reader.mapping(data, "family")
    reader.known_keys(item, "family", ("offered_on", "members"))
    offered = reader.day(item, "offered_on", "family", required=False)
    known = {" ".join(p.title.casefold().split()): p.title
             for p in reader.state.participants.values() if p.role is ParticipantRole.FAMILY}
    members = []
    for at, raw in reader.items(item, "members", at="family"):
        reader.known_keys(raw, at, ("relationship", "response", "how", "said", "reason"))
        relationship = reader.text(raw, "relationship", at)
        if known and relationship and " ".join(relationship.casefold().split()) not in known:
            reader.problem(f"{at}.relationship", f"{relationship!r} is not a family member of "
                           "this review", "one of " + ", ".join(sorted(known.values())))
        response = reader.choice(raw, "response", at, FAMILY_RESPONSES)
        how = reader.text(raw, "how", at, required=response == "accepted")
        reason = reader.text(raw, "reason", at, required=response == "not_offered")
        said = reader.texts(raw, "said", at)
        if said and response != "accepted":
            reader.problem(f"{at}.said", "only a family member who took part has words to "
                           "record; leave 'said' out or record that they accepted")
        if relationship and response:
            members.append(FamilyMember(relationship, response, how, said, reason))
    if members and offered is None and any(m.response != "not_offered" for m in members):
        reader.problem("family.offered_on", "say when the family was offered a part in the "
                       "review", "a day, YYYY-MM-DD")
    return FamilyInvolvement(offered, members) if members else None
