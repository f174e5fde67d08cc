"""Recording the recall event from the command line, without writing YAML: the draft as it went
out (a snapshot of the findings, recommendations and the lead reviewers' analysis at that
moment), each participant's response traced to the part of the draft it is about, and the lead
reviewers' decision on it. Each function checks, then returns the events; nothing is written
while anything is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import evolve

from core.analysis import learning_events as le
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.state import ReviewState, put
from silp.meetings import evidence_for
from silp.records import EVENTS, DraftPart, Response, SilpEvent, events, overview, put_keyed
from silp.taxonomy import DISPOSITIONS, RESPONSES

Change = tuple[str, dict[str, Any]]


def recall_event(state: ReviewState, event_id: str) -> SilpEvent:
    """The SILP detail of a recall event (empty if none is recorded yet)."""
    event = state.learning_events.get(event_id)
    if event is None or event.kind != "recall_event":
        held = ", ".join(e.id for e in state.learning_events.values()
                         if e.kind == "recall_event") or "none yet: `casereview event REVIEW add " \
            "--kind recall_event --on DATE`"
        raise NotFound(f"{event_id!r} is not a recall event of review {state.id}; its recall "
                       f"events: {held}")
    found = {e.id: e for e in events(state, "recall_event")}
    return found.get(event_id) or SilpEvent(event_id, "recall_event")


def draft_snapshot(state: ReviewState, event_id: str, circulated_on: dt.date) -> list[Change]:
    """Keep the draft as it went out: every finding, recommendation and key line of enquiry's
    analysis as it reads now, so later changes can be traced to the responses that made them."""
    detail = recall_event(state, event_id)
    held = state.learning_events[event_id]
    if held.held_on and circulated_on >= held.held_on:
        raise InvalidValue("the draft must go out before the recall event that tests it")
    parts = [DraftPart(f.id, f.statement) for f in sorted(state.findings.values(),
                                                          key=lambda f: f.id)
             if f.status.value != "suggested"]
    parts += [DraftPart(r.id, r.text) for r in sorted(state.recommendations.values(),
                                                      key=lambda r: r.id)]
    written = overview(state)
    parts += [DraftPart(line, text) for line, text in sorted(
        (written.analysis if written else {}).items())]
    if not parts:
        raise InvalidValue("there is no draft to circulate yet: record the findings first")
    return [put_keyed(EVENTS, event_id, evolve(detail, draft_circulated_on=circulated_on,
                                               draft=parts))]


def respond(host: Any, state: ReviewState, event_id: str, *, part: str, kind: str, role: str,
            agency: str, said: str, disposition: str = "", change: str = ""
            ) -> tuple[str, list[Change]]:
    """A participant's response to the draft at the recall event: a contribution, taken into
    the evidence, traced to the part of the draft it is about."""
    detail = recall_event(state, event_id)
    if not detail.draft:
        raise InvalidValue(f"record the draft that went out first (`casereview silp draft "
                           f"{state.id} {event_id} --circulated-on DATE`)")
    if part not in {p.id for p in detail.draft}:
        raise InvalidValue(f"the draft has no part {part!r}; its parts: "
                           + ", ".join(p.id for p in detail.draft))
    if kind not in RESPONSES:
        raise InvalidValue(f"a response is one of {', '.join(RESPONSES)}, not {kind!r}")
    response = decided(Response("", kind, part), disposition, change)
    phase = "Check the facts and anonymity" if kind == "correct" else "Test the draft findings"
    contribution, changes, _warnings = le.contribute(
        host, state, event_id, le.Said(role, said, phase, agency))
    evidence = evidence_for(contribution, state.learning_events[event_id])
    if evidence is not None:
        contribution = evolve(contribution, evidence_id=evidence.id)
        changes = [put("evidence", evidence), put("contributions", contribution)]
    response = evolve(response, contribution=contribution.id)
    return contribution.id, [*changes, put_keyed(EVENTS, event_id, evolve(
        detail, responses=[*detail.responses, response]))]


def decided(response: Response, disposition: str, change: str) -> Response:
    if disposition and disposition not in DISPOSITIONS:
        raise InvalidValue(f"a decision is one of {', '.join(DISPOSITIONS)}, not "
                           f"{disposition!r}")
    if disposition in ("accepted", "partly_accepted", "not_accepted") and not change.strip():
        raise InvalidValue("say what changed in the draft, or why it did not (--change)")
    return evolve(response, disposition=disposition, change=change.strip())


def decide(state: ReviewState, contribution_id: str, disposition: str, change: str
           ) -> list[Change]:
    """The lead reviewers' decision on a response already recorded."""
    for detail in events(state, "recall_event"):
        for number, response in enumerate(detail.responses):
            if response.contribution == contribution_id:
                responses = list(detail.responses)
                responses[number] = decided(response, disposition, change)
                return [put_keyed(EVENTS, detail.id, evolve(detail, responses=responses))]
    raise NotFound(f"no response {contribution_id!r} at any recall event of review {state.id}; "
                   f"see `casereview silp recall {state.id}`")
