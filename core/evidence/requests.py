"""Information requests (seed 2.5): what the partnership asked of a person or body, and why.

Every request carries the reason the information is necessary and proportionate; one without
is refused (the model's validator). Status is sent, received or withdrawn; a request still
sent after its due date is *overdue* — worked out on the day asked, never stored, so it cannot
go stale. `status_section` adds them to `casereview status` and `casereview deadlines`
(core.statutory.status);
`overdue(state, today)` and `status_lines(state, today)` serve other callers.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from attrs import evolve

from core.evidence.chronology.agencies import known_names
from core.evidence.chronology.columns import normalise
from core.kernel.corrections import used_ids
from core.kernel.dates import long_date
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.ids import next_id
from core.kernel.model import InformationRequest, RequestStatus
from core.kernel.state import ReviewState, put
from core.kernel.text import plural, shorten
from core.statutory.status import DueItem, StatusSection

if TYPE_CHECKING:
    from core.statutory.status import StatusSection

OVERDUE = "overdue"


def status_of(request: InformationRequest, today: dt.date) -> str:
    """sent, received, withdrawn, or overdue (sent and past its due date)."""
    if request.status is RequestStatus.SENT and request.due < today:
        return OVERDUE
    return request.status.value


def requests(state: ReviewState) -> list[InformationRequest]:
    """The review's requests, oldest first."""
    return sorted(state.collections["information_requests"].values(),
                  key=lambda r: (r.sent_on, _number(r.id)))


def overdue(state: ReviewState, today: dt.date) -> list[InformationRequest]:
    """Requests still awaited after their due date, the longest overdue first."""
    late = [r for r in requests(state) if status_of(r, today) == OVERDUE]
    return sorted(late, key=lambda r: (r.due, _number(r.id)))


def status_lines(state: ReviewState, today: dt.date) -> list[str]:
    """One plain line per overdue request, for `casereview status` (empty when none are)."""
    return [
        f"Information request {r.id} to {r.to} is overdue: due {long_date(r.due)}, "
        f"{plural((today - r.due).days, 'day')} ago ({shorten(r.what, 60)})"
        for r in overdue(state, today)
    ]


def status_section(host: Any, state: ReviewState, today: dt.date) -> StatusSection | None:
    """The information requests for `casereview status` and `casereview deadlines`: each open
    request with its due day (overdue ones warned about); None when there are none."""
    shown = [r for r in requests(state) if r.status is not RequestStatus.WITHDRAWN]
    if not shown:
        return None
    items = [
        DueItem(id=r.id, title=f"Information request to {r.to} ({shorten(r.what, 40)})",
                kind="information_request", due=r.due, met_on=r.received_on,
                satisfied_by=f"casereview requests {state.id} update {r.id} --status received",
                today=today)
        for r in shown
    ]
    return StatusSection(key="requests", title="Information requests", items=items,
                         warnings=status_lines(state, today))


def add(
    state: ReviewState,
    *,
    to: str,
    what: str,
    reason: str,
    due: dt.date,
    sent_on: dt.date,
    note: str = "",
) -> tuple[InformationRequest, tuple[str, dict[str, Any]]]:
    """A new request and the event recording it. `to` naming one of the review's agencies (or
    an alias) links the request to that agency."""
    agency = known_names(state).get(normalise(to), "")
    request = InformationRequest(
        id=next_id(used_ids(state, "information_requests"), "IR-"), to=" ".join(to.split()),
        what=what.strip(), reason=reason.strip(), sent_on=sent_on, due=due, agency=agency,
        note=note.strip(),
    )
    return request, put("information_requests", request)


def update(
    state: ReviewState,
    request_id: str,
    *,
    status: str | None = None,
    on: dt.date | None = None,
    due: dt.date | None = None,
    note: str | None = None,
) -> tuple[InformationRequest, tuple[str, dict[str, Any]]]:
    """Change a request's status (received on `on`, withdrawn, sent again), due date or note."""
    request = find(state, request_id)
    changes: dict[str, Any] = {}
    if status is not None:
        if status == OVERDUE:
            raise InvalidValue("overdue is worked out from the due date; it cannot be set. "
                               "Give a new due date with --due, or mark it received or withdrawn")
        changes["status"] = RequestStatus(status)
        if changes["status"] is RequestStatus.RECEIVED:
            received = on or dt.date.today()
            if received < request.sent_on:
                raise InvalidValue(f"{request.id} was sent on {long_date(request.sent_on)}; it "
                                   f"cannot be received before then ({long_date(received)})")
            changes["received_on"] = received
        else:
            changes["received_on"] = None
    if due is not None:
        changes["due"] = due
    if note is not None:
        changes["note"] = note.strip()
    if not changes:
        raise InvalidValue("nothing to change: give --status, --due or --note")
    changed = evolve(request, **changes)
    return changed, put("information_requests", changed)


def find(state: ReviewState, request_id: str) -> InformationRequest:
    found = state.collections["information_requests"].get(request_id.strip().upper())
    if found is None:
        known = ", ".join(r.id for r in requests(state)) or "none yet"
        raise NotFound(f"no information request {request_id!r} in review {state.id}; "
                       f"requests: {known}")
    return found


def _number(request_id: str) -> int:
    _, _, number = request_id.rpartition("-")
    return int(number) if number.isdigit() else 0
