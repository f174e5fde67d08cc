"""One reader per file of the method's material: terms of reference, panel, notices, timeline,
learning events, learning, 7-minute briefing and press statement. Each returns plain values
and leaves its problems on the Reader; `loading` checks them together and builds the changes."""

from __future__ import annotations

from typing import Any

from attrs import frozen

from child_practice_review.meetings import PLANS
from child_practice_review.reading import Reader
from child_practice_review.records import (
    Briefing,
    Invitation,
    Invitations,
    Member,
    Notice,
    Panel,
    PressStatement,
    Reviewer,
    SignificantEvent,
    Terms,
)
from child_practice_review.taxonomy import (
    BRIEFING_HEADING_BUDGET,
    BRIEFING_HEADINGS,
    BRIEFING_WORD_BUDGET,
    LEARNING_EVENTS,
    LEARNING_KINDS,
    REVIEW_TYPES,
)
from core.analysis.learning_events import find_phase
from core.kernel.errors import InvalidValue
from core.kernel.model import Contribution, Finding, LearningEvent

NOTICE_KEYS = {
    "welsh_government": "Welsh Government told of the intent to hold a review",
    "case_review_group": "the case review group met on the referral",
    "panel_first_met": "the review panel first met",
    "board_approved": "the board approved the report",
    "case_review_group_sign_off": "the case review group signed off the action plan",
    "home_office": "the domestic homicide review component sent to the Home Office",
    "repository": "the report stored in the Wales Safeguarding Repository",
    "published": "the report published by the board",
}


def words(text: str) -> int:
    return len(text.split())


def read_terms(reader: Reader, data: Any) -> Terms | None:
    item = reader.mapping(data, "terms")
    reader.known_keys(item, "terms", ("review_type", "type_reason", "focus_period",
                                      "longer_focus_reason", "circumstances"))
    review_type = reader.text(item, "review_type", "terms", required=False)
    if review_type and review_type not in REVIEW_TYPES:
        reader.problem("terms.review_type", f"{review_type!r} is not a review type",
                       " or ".join(REVIEW_TYPES))
    period = reader.mapping(item.get("focus_period") or {}, "terms.focus_period")
    start = reader.day(period, "from", "terms.focus_period")
    end = reader.day(period, "to", "terms.focus_period")
    if start and end and end <= start:
        reader.problem("terms.focus_period.to", "the focus period ends before it starts")
    if not (start and end):
        return None
    return Terms(start, end, review_type=review_type,
                 type_reason=reader.text(item, "type_reason", "terms", required=False),
                 longer_focus_reason=reader.text(item, "longer_focus_reason", "terms",
                                                 required=False),
                 circumstances=reader.text(item, "circumstances", "terms"))


def _member(reader: Reader, item: dict[str, Any], at: str) -> Member:
    reader.known_keys(item, at, ("role", "agency", "independent", "approved_list"))
    role = reader.text(item, "role", at)
    reader.role(role, f"{at}.role")
    return Member(role, reader.agency(reader.text(item, "agency", at, required=False),
                                      f"{at}.agency"))


def read_panel(reader: Reader, data: Any) -> Panel | None:
    item = reader.mapping(data, "panel")
    reader.known_keys(item, "panel", ("chair", "members", "reviewers", "chair_statement"))
    chair_data = reader.mapping(item.get("chair") or {}, "panel.chair")
    chair = _member(reader, chair_data, "panel.chair")
    independent = reader.flag(chair_data, "independent", "panel.chair", default=False)
    on_list = reader.flag(chair_data, "approved_list", "panel.chair")
    members = [_member(reader, m, at) for at, m in reader.items(item, "members", "panel")]
    if not members:
        reader.problem("panel.members", "a review panel has senior staff from the agencies "
                       "involved", "at least one member")
    reviewers = []
    for at, r in reader.items(item, "reviewers", "panel", required=False):
        reader.known_keys(r, at, ("title", "statement", "approved_list"))
        statement = reader.text(r, "statement", at)
        reader.plain(statement, f"{at}.statement")
        reviewers.append(Reviewer(reader.text(r, "title", at), statement,
                                  reader.flag(r, "approved_list", at)))
    statement = reader.text(item, "chair_statement", "panel", required=False)
    reader.plain(statement, "panel.chair_statement")
    return Panel(chair, bool(independent), members, reviewers, statement, on_list)


def read_notices(reader: Reader, data: Any) -> list[Notice]:
    item = reader.mapping(data, "notices")
    reader.known_keys(item, "notices", NOTICE_KEYS)
    found = []
    for key in NOTICE_KEYS:
        if key not in item:
            continue
        value = item[key]
        value = dict(value) if isinstance(value, dict) else {"on": value}
        if True in value:  # YAML 1.1 reads a bare `on:` key as true
            value["on"] = value.pop(True)
        reader.known_keys(value, f"notices.{key}", ("on", "note"))
        day = reader.day(value, "on", f"notices.{key}")
        if day:
            found.append(Notice(key, day, reader.text(value, "note", f"notices.{key}",
                                                      required=False)))
    return found


def read_timeline(reader: Reader, data: Any) -> list[SignificantEvent]:
    found, seen = [], set()
    for at, item in reader.items(data, "timeline"):
        reader.known_keys(item, at, ("id", "entry", "significance", "summary"))
        tid = reader.unique_id(item, at, seen)
        entry = reader.entry(item.get("entry"), f"{at}.entry")
        significance = reader.text(item, "significance", at)
        summary = reader.text(item, "summary", at, required=False)
        reader.plain(summary, f"{at}.summary")
        if tid and entry and significance:
            found.append(SignificantEvent(tid, entry, significance, summary))
    return found


@frozen
class ReadEvent:
    event: LearningEvent
    invitations: Invitations
    said: list[tuple[Contribution, tuple[str, ...]]]  # each with the timeline ids it speaks to


EVENT_KEYS = ("id", "kind", "title", "held_on", "facilitator", "invited", "contributions")


def read_events(reader: Reader, data: Any, timeline_ids: set[str]) -> list[ReadEvent]:
    found: list[ReadEvent] = []
    seen: set[str] = set()
    said_ids: set[str] = set()
    for at, item in reader.items(data, "events"):
        reader.known_keys(item, at, EVENT_KEYS)
        eid = reader.unique_id(item, at, seen)
        kind = reader.text(item, "kind", at)
        if kind and kind not in LEARNING_EVENTS:
            reader.problem(f"{at}.kind", f"{kind!r} is not a learning event of the method",
                           "one of " + ", ".join(LEARNING_EVENTS))
            continue
        plan = PLANS[kind](reader.state) if kind else None
        invited = []
        for iat, raw in reader.items(item, "invited", at, required=False):
            reader.known_keys(raw, iat, ("role", "agency", "attended"))
            role = reader.text(raw, "role", iat)
            reader.role(role, f"{iat}.role")
            invited.append(Invitation(role, reader.agency(reader.text(raw, "agency", iat,
                                                                      required=False),
                                                          f"{iat}.agency"),
                                      bool(reader.flag(raw, "attended", iat, default=True))))
        said = []
        for cat, raw in reader.items(item, "contributions", at, required=False):
            reader.known_keys(raw, cat, ("id", "phase", "role", "agency", "text", "about"))
            cid = reader.unique_id(raw, cat, said_ids)
            role, text = reader.text(raw, "role", cat), reader.text(raw, "text", cat)
            reader.role(role, f"{cat}.role")
            reader.plain(text, f"{cat}.text")
            phase = ""
            if plan is not None and raw.get("phase") is not None:
                try:
                    phase = find_phase(plan, str(raw["phase"])).title
                except InvalidValue as error:
                    reader.problem(f"{cat}.phase", str(error))
            about = reader.texts(raw, "about", cat)
            for i, tid in enumerate(about, 1):
                if tid not in timeline_ids:
                    reader.problem(f"{cat}.about[{i}]", f"no significant event {tid!r} on the "
                                   "timeline", "an id from timeline.yaml")
            agency = reader.agency(reader.text(raw, "agency", cat, required=False),
                                   f"{cat}.agency")
            if cid and role and text:
                said.append((Contribution(cid, eid, role, text, phase=phase, agency=agency),
                             about))
        if not (eid and kind and plan):
            continue
        held_on = reader.day(item, "held_on", at)
        title = reader.text(item, "title", at, required=False) or plan.title
        roles = tuple(dict.fromkeys(i.role for i in invited if i.attended))
        found.append(ReadEvent(
            LearningEvent(eid, kind, title, held_on=held_on,
                          facilitator=reader.text(item, "facilitator", at, required=False),
                          attendee_roles=roles),
            Invitations(eid, invited), said))
    return found


LEARNING_KEYS = ("id", "title", "kind", "learning", "in_this_case", "timeline", "heard",
                 "status")


def read_learning(reader: Reader, data: Any, timeline: dict[str, SignificantEvent],
                  heard_ids: set[str]) -> list[Finding]:
    found, seen = [], set()
    for at, item in reader.items(data, "learning"):
        reader.known_keys(item, at, LEARNING_KEYS)
        fid = reader.unique_id(item, at, seen)
        kind = reader.text(item, "kind", at)
        if kind and kind not in LEARNING_KINDS:
            reader.problem(f"{at}.kind", f"{kind!r} is not a kind of learning",
                           "one of " + ", ".join(LEARNING_KINDS))
        on_timeline = reader.texts(item, "timeline", at, required=True)
        for i, tid in enumerate(on_timeline, 1):
            if tid not in timeline:
                reader.problem(f"{at}.timeline[{i}]", f"no significant event {tid!r}",
                               "an id from timeline.yaml")
        heard = reader.texts(item, "heard", at)
        for i, cid in enumerate(heard, 1):
            if cid not in heard_ids:
                reader.problem(f"{at}.heard[{i}]", f"no contribution {cid!r} taken into the "
                               "evidence", "a contribution id from events.yaml")
        status = str(item.get("status") or "draft")
        if status not in ("draft", "final"):
            reader.problem(f"{at}.status", f"{status!r}", "draft or final")
            continue
        title, statement = reader.text(item, "title", at), reader.text(item, "learning", at)
        for key, value in (("title", title), ("learning", statement)):
            reader.plain(value, f"{at}.{key}")
        if not (fid and title and statement):
            continue
        evidence = [f"EV-{c}" for c in heard] + [timeline[t].entry.entry_id
                                                 for t in on_timeline if t in timeline]
        found.append(Finding(fid, title, statement, category=kind,
                             evidence_ids=list(dict.fromkeys(evidence)), status=status,
                             details={"kind": kind, "timeline": list(on_timeline),
                                      "heard": list(heard),
                                      "in_this_case": reader.text(item, "in_this_case", at,
                                                                  required=False)}))
    return found


def read_briefing(reader: Reader, data: Any) -> Briefing | None:
    item = reader.mapping(data, "briefing")
    reader.known_keys(item, "briefing", BRIEFING_HEADINGS)
    boxes = {}
    for key, heading in BRIEFING_HEADINGS.items():
        text = reader.text(item, key, "briefing")
        reader.plain(text, f"briefing.{key}")
        if words(text) > BRIEFING_HEADING_BUDGET:
            reader.problem(f"briefing.{key}", f"'{heading}' has {words(text)} words; one box "
                           f"of a one-page briefing holds at most {BRIEFING_HEADING_BUDGET}")
        boxes[key] = text
    total = sum(words(t) for t in boxes.values())
    if total > BRIEFING_WORD_BUDGET:
        reader.problem("briefing", f"the briefing has {total} words; a 7-minute briefing fits "
                       f"one page, at most {BRIEFING_WORD_BUDGET} words: shorten it")
    return Briefing(boxes) if all(boxes.values()) else None


def read_press(reader: Reader, data: Any) -> PressStatement | None:
    item = reader.mapping(data, "press_statement")
    reader.known_keys(item, "press_statement", ("text", "issued_on"))
    text = reader.text(item, "text", "press_statement")
    reader.plain(text, "press_statement.text")
    day = reader.day(item, "issued_on", "press_statement", required=False)
    return PressStatement(text, day) if text else None
