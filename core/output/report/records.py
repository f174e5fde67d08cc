"""The statutory records around a report (England 2018 onward, usable by any regime): the rapid
review and what the Panel said, each reviewer's accreditation, the publication decision, and
the review's own milestones read from all of them.

Each record is checked here exactly as it would be from a file, and written as one journal
event; nothing here renders. `core.apps.cli.records` is the command line over it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.kernel.dates import day_from_text, long_date
from core.kernel.errors import InputProblem
from core.output.report.written import WRITTEN_RECORD
from core.statutory.regimes import APPOINTED_RECORD, DATES_RECORD, DECISION_RECORD, MET_RECORD
from core.statutory.status import StatusSection

RAPID_REVIEW_RECORD = "statutory/rapid-review"  # "current" -> the record
PUBLICATION_DECISION_RECORD = "statutory/publication-decision"  # "current" -> the decision
ACCREDITATION_RECORD = "commissioning/accreditation"  # participant id -> {"schemes": [...]}
CURRENT = "current"

RAPID_DECISIONS = {
    "local_review": "hold a local child safeguarding practice review",
    "no_local_review": "not hold a local review",
    "other_review": "hold another kind of learning review",
}
PUBLICATION_CHOICES = {
    "full": "publish the report in full",
    "improvements_only": "publish information about the improvements to be made, not the report",
    "defer": "defer publication",
}
ACCREDITATION_STATUSES = ("accredited", "trainee")


def _day(value: Any, where: str, name: str, *, required: bool = True) -> str:
    if value in (None, ""):
        if required:
            raise InputProblem(f"{name} is missing", file=where, field=name,
                               expected="a day such as 2025-03-04")
        return ""
    try:
        return (value if isinstance(value, dt.date) else
                day_from_text(str(value), name)).isoformat()
    except Exception as error:
        raise InputProblem(str(error), file=where, field=name,
                           expected="a day such as 2025-03-04") from error


def _text(value: Any, where: str, name: str, *, required: bool = True) -> str:
    text = "" if value is None or isinstance(value, bool) else str(value).strip()
    if required and not text:
        raise InputProblem(f"{name} is empty", file=where, field=name, expected="some text")
    return text


def _choice(value: Any, choices: dict[str, str], where: str, name: str) -> str:
    key = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if key not in choices:
        raise InputProblem(f"{name} is {value!r}", file=where, field=name,
                           expected="one of " + ", ".join(choices))
    return key


def _not_before_incident(state: Any, day: str, where: str, name: str) -> None:
    if day and dt.date.fromisoformat(day) < state.review.incident_date:
        raise InputProblem(f"{name} ({long_date(dt.date.fromisoformat(day))}) is before the "
                           f"incident ({long_date(state.review.incident_date)})",
                           file=where, field=name)


def check_rapid_review(data: dict[str, Any], state: Any, where: str) -> dict[str, Any]:
    """The rapid review in the Panel's shape: the facts, the immediate safeguarding actions,
    the learning identified, the decision on a local review and why, whether a national review
    is suggested; then the day it went to the Panel and the Panel's response."""
    record: dict[str, Any] = {
        "held_on": _day(data.get("held_on"), where, "held_on"),
        "facts": _text(data.get("facts"), where, "facts"),
        "immediate_actions": _text(data.get("immediate_actions"), where, "immediate_actions"),
        "learning": _text(data.get("learning"), where, "learning"),
        "decision": _choice(data.get("decision"), RAPID_DECISIONS, where, "decision"),
        "rationale": _text(data.get("rationale"), where, "rationale"),
        "national_review_suggested": data.get("national_review_suggested"),
        "sent_to_panel_on": _day(data.get("sent_to_panel_on"), where, "sent_to_panel_on",
                                 required=False),
        "panel_response_on": _day(data.get("panel_response_on"), where, "panel_response_on",
                                  required=False),
        "panel_response": _text(data.get("panel_response"), where, "panel_response",
                                required=False),
    }
    if not isinstance(record["national_review_suggested"], bool):
        raise InputProblem("say whether the rapid review suggests a national review",
                           file=where, field="national_review_suggested", expected="true or false")
    for name in ("held_on", "sent_to_panel_on", "panel_response_on"):
        _not_before_incident(state, record[name], where, name)
    if record["panel_response_on"] and not record["sent_to_panel_on"]:
        raise InputProblem("a response from the Panel needs the day the rapid review was sent "
                           "to it", file=where, field="sent_to_panel_on")
    if record["sent_to_panel_on"] and record["sent_to_panel_on"] < record["held_on"]:
        raise InputProblem("the rapid review was sent to the Panel before it was held",
                           file=where, field="sent_to_panel_on")
    if record["panel_response_on"] and record["panel_response_on"] < record["sent_to_panel_on"]:
        raise InputProblem("the Panel responded before the rapid review was sent to it",
                           file=where, field="panel_response_on")
    if record["panel_response_on"] and not record["panel_response"]:
        raise InputProblem("say what the Panel said", file=where, field="panel_response")
    return record


def check_publication_decision(data: dict[str, Any], state: Any, where: str) -> dict[str, Any]:
    """Whether, when and how to publish (QM 17): the choice, the impact assessment on the family
    and surviving children, and that the family was told before publication."""
    record = {
        "decided_on": _day(data.get("decided_on"), where, "decided_on"),
        "choice": _choice(data.get("choice"), PUBLICATION_CHOICES, where, "choice"),
        "reason": _text(data.get("reason"), where, "reason"),
        "impact_assessment": _text(data.get("impact_assessment"), where, "impact_assessment"),
        "family_told_on": _day(data.get("family_told_on"), where, "family_told_on",
                               required=False),
        "defer_until": _day(data.get("defer_until"), where, "defer_until", required=False),
    }
    if record["choice"] == "defer" and not record["defer_until"]:
        raise InputProblem("a deferred publication needs the day to look at it again",
                           file=where, field="defer_until")
    _not_before_incident(state, record["decided_on"], where, "decided_on")
    return record


def check_accreditation(data: dict[str, Any], state: Any, where: str) -> dict[str, Any]:
    """A lead reviewer's accreditation in a methodology: scheme, accredited or trainee, since
    when (`since`), and (for a trainee) the accredited reviewer who supervises."""
    person = _text(data.get("reviewer"), where, "reviewer")
    if person not in state.participants or \
            state.participants[person].role.value != "lead_reviewer":
        raise InputProblem(f"{person} is not a lead reviewer of this review", file=where,
                           field="reviewer")
    status = str(data.get("status") or "").strip().lower()
    if status not in ACCREDITATION_STATUSES:
        raise InputProblem(f"status is {data.get('status')!r}", file=where, field="status",
                           expected=" or ".join(ACCREDITATION_STATUSES))
    entry = {"scheme": _text(data.get("scheme"), where, "scheme"), "status": status,
             # read as "since": YAML reads a bare "on:" key as true, not as the word
             "on": _day(data.get("since"), where, "since", required=False),
             "supervisor": _text(data.get("supervisor"), where, "supervisor",
                                 required=status == "trainee")}
    others = [s for s in accreditations(state, person) if s["scheme"] != entry["scheme"]]
    return {"reviewer": person, "schemes": [*others, entry]}


def current(state: Any, record: str) -> dict[str, Any] | None:
    return state.record_collection(record).get(CURRENT)


def accreditations(state: Any, person: str) -> list[dict[str, Any]]:
    return list((state.record_collection(ACCREDITATION_RECORD).get(person) or {})
                .get("schemes", []))


def aware_on(state: Any) -> tuple[dt.date, bool]:
    """(the day the local authority became aware, whether that day is on record). A review
    recorded before the two days were kept apart has only its notification day: it is taken as
    the day of becoming aware, which may start the clocks late."""
    recorded = getattr(state.review, "became_aware_on", None)
    return (recorded, True) if recorded else (state.review.notified_on, False)


def milestones(state: Any) -> list[tuple[dt.date, str]]:
    """The review's own timeline from its records, in date order: (day, what happened)."""
    out: list[tuple[dt.date, str]] = []

    def add(day: Any, what: str) -> None:
        if day:
            out.append((day if isinstance(day, dt.date) else dt.date.fromisoformat(day), what))

    aware, recorded = aware_on(state)
    if recorded:
        add(aware, "The local authority became aware of the incident")
    add(state.review.notified_on, "The serious incident was notified")
    rapid = current(state, RAPID_REVIEW_RECORD) or {}
    add(rapid.get("held_on"), "The rapid review was held")
    add(rapid.get("sent_to_panel_on"), "The rapid review was sent to the national Panel")
    add(rapid.get("panel_response_on"), "The national Panel responded")
    decision = (state.record_collection(DECISION_RECORD).get(CURRENT) or {})
    add(decision.get("on"), "The decision on a review was made")
    appointed = [r.get("on") for r in state.record_collection(APPOINTED_RECORD).values()
                 if r.get("on")]
    add(min(appointed) if appointed else None, "The first lead reviewer was appointed")
    for event in sorted(state.learning_events.values(), key=lambda e: e.id):
        add(event.held_on, f"Learning event held: {event.title}")
    response = state.record_collection(WRITTEN_RECORD).get("partnership-response") or {}
    add(response.get("agreed_on"), "The safeguarding partners agreed their response")
    met = state.record_collection(MET_RECORD)
    add((met.get("prepublication-copy") or {}).get("on"),
        "Copies were sent before publication")
    publication = current(state, PUBLICATION_DECISION_RECORD) or {}
    add(publication.get("family_told_on"), "The family were told before publication")
    add(publication.get("decided_on"), "The partners decided how to publish")
    dates = state.record_collection(DATES_RECORD)
    add((dates.get("publication_planned") or {}).get("on"), "Publication planned")
    add((dates.get("published") or {}).get("on"), "The report was published")
    return sorted(out, key=lambda m: m[0])


def status_section(host: Any, state: Any, today: dt.date) -> Any:
    """`casereview status`: the statutory records kept so far, and what was assumed."""
    lines, warnings = [], []
    aware, recorded = aware_on(state)
    if recorded:
        lines.append(f"The local authority became aware on {long_date(aware)}; notified on "
                     f"{long_date(state.review.notified_on)}.")
    else:
        warnings.append(
            f"The day the local authority became aware is not recorded, so it is taken to be "
            f"the notification day ({long_date(aware)}) and the clocks may start late: record "
            f"it with `casereview record {state.id} became-aware --on DATE`.")
    rapid = current(state, RAPID_REVIEW_RECORD)
    if rapid:
        line = (f"Rapid review held on {long_date(dt.date.fromisoformat(rapid['held_on']))}: "
                f"decided to {RAPID_DECISIONS[rapid['decision']]}")
        if rapid.get("sent_to_panel_on"):
            line += (f"; sent to the Panel on "
                     f"{long_date(dt.date.fromisoformat(rapid['sent_to_panel_on']))}")
        if rapid.get("panel_response_on"):
            line += (f"; the Panel responded on "
                     f"{long_date(dt.date.fromisoformat(rapid['panel_response_on']))}")
        lines.append(line + ".")
    decision = current(state, PUBLICATION_DECISION_RECORD)
    if decision:
        chosen = PUBLICATION_CHOICES[decision["choice"]]
        lines.append(f"Publication: the partners decided to {chosen} "
                     f"({long_date(dt.date.fromisoformat(decision['decided_on']))}).")
    return StatusSection("statutory", "Statutory records", lines=lines, warnings=warnings)
