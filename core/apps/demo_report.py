"""The demo's records around the report, read from examples/child-a/report.yaml: independence
and accreditation, the rapid review, the sections the reviewers write and the publication
decision. Each goes through the same checks as the command that records it by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from core.kernel.files import read_yaml
from core.kernel.state import put_record
from core.output.report import records
from core.output.report.sections import lead_reviewers
from core.output.report.written import WRITTEN_RECORD, check, kind_of
from core.statutory.commissioning import record_independence
from core.statutory.deadlines import record_met
from core.statutory.regimes import applies


def read(path: Path) -> dict[str, Any]:
    return read_yaml(path, "the example's report records", shape=dict)


def reviewer_events(reviews: Any, state: Any, data: dict[str, Any], where: str,
                    on: dt.date) -> list[Any]:
    """Each lead reviewer's statement of independence (written at once, through the same call
    as `casereview people REVIEW independence`) and the events for their accreditation."""
    people = lead_reviewers(state)
    for person, statement in zip(people, data.get("independence") or [], strict=False):
        record_independence(reviews, state.id, person.id, " ".join(statement.split()), on)
    events = []
    for person, held in zip(people, data.get("accreditations") or [], strict=False):
        value = records.check_accreditation({**held, "reviewer": person.id}, state, where)
        events.append(put_record(records.ACCREDITATION_RECORD, value.pop("reviewer"), value))
    return events


def rapid_review_event(state: Any, data: dict[str, Any], where: str) -> Any:
    value = records.check_rapid_review(data["rapid_review"], state, where)
    return put_record(records.RAPID_REVIEW_RECORD, records.CURRENT, value)


def written_events(state: Any, data: dict[str, Any], where: str) -> list[Any]:
    events = []
    for name, given in (data.get("sections") or {}).items():
        kind = kind_of(name)
        value = check(kind, state, where=f"{where} ({name})",
                      text=given if isinstance(given, str) else "",
                      data=given if isinstance(given, dict) else None)
        events.append(put_record(WRITTEN_RECORD, kind.id, value))
    return events


def publication_event(state: Any, data: dict[str, Any], where: str) -> Any:
    value = records.check_publication_decision(data["publication_decision"], state, where)
    return put_record(records.PUBLICATION_DECISION_RECORD, records.CURRENT, value)


def send_notifications(reviews: Any, host: Any, review_id: str) -> None:
    """The notifications due from the day of becoming aware (England: to the national Panel)
    were sent on the notification day, which is what meets them."""
    state = reviews.load(review_id)
    for clock in host.regime(state.review.regime).clocks:
        if clock.start == "notified" and clock.kind == "notification" and \
                applies(clock, state) is not False:
            record_met(reviews, review_id, clock.id, state.review.notified_on,
                       notification=True, note="sent by the local authority")
