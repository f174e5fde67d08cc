"""Keeping to the regime's clocks: record a clock met, a notification sent, a date set, a delay.

Each is a record event written through `Reviews`, so the audit trail shows who recorded it and
when. The status sections for clocks, notifications and delays are built here too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from core.kernel import state as st
from core.kernel.dates import long_date
from core.kernel.errors import InvalidValue
from core.kernel.text import plural
from core.statutory.regimes import (
    CURRENT,
    DATES_RECORD,
    DELAY_RECORD,
    MET_RECORD,
    SETTABLE_STARTS,
    STARTS,
    applies,
    clock_statuses,
    current,
)
from core.statutory.status import DueItem, StatusSection

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from core.plugin_api.plugins import PluginHost
    from core.plugin_api.reviews import Reviews


def _check_day(state: ReviewState, on: dt.date, what: str) -> None:
    if on > dt.date.today():
        raise InvalidValue(f"{what} cannot be in the future ({long_date(on)})")
    if on < state.review.notified_on:
        raise InvalidValue(f"{what} ({long_date(on)}) is before the notification "
                           f"({long_date(state.review.notified_on)})")


def record_met(reviews: Reviews, review_id: str, clock_id: str, on: dt.date, *,
               notification: bool, note: str = "") -> ReviewState:
    """Record that a clock was met (or a notification sent) on `on`."""
    state = reviews.load(review_id)
    clock = reviews.host.regime(state.review.regime).clock(clock_id)
    if (clock.kind == "notification") != notification:
        use = "casereview notify REVIEW sent" if clock.kind == "notification" else \
            "casereview clock REVIEW met"
        raise InvalidValue(f"{clock_id} is a {clock.kind.replace('_', ' ')}, not a "
                           f"{'notification' if notification else 'clock'}; use `{use}`")
    if applies(clock, state) is False:
        raise InvalidValue(f"{clock_id} does not apply to this review "
                           f"(it applies {clock.applies.describe()})")
    _check_day(state, on, "the day it was " + ("sent" if notification else "met"))
    value: dict[str, Any] = {"on": on.isoformat()}
    if note:
        value["note"] = note
    return reviews.write(state, [st.put_record(MET_RECORD, clock_id, value)])


def set_date(reviews: Reviews, review_id: str, start: str, on: dt.date) -> ReviewState:
    """Set a day some clocks count from, e.g. the planned publication day."""
    if start not in SETTABLE_STARTS:
        raise InvalidValue(f"{start!r} is not a date you set here; you can set: "
                           f"{', '.join(SETTABLE_STARTS)}")
    state = reviews.load(review_id)
    if on < state.review.notified_on:
        raise InvalidValue(f"{STARTS[start]} ({long_date(on)}) cannot be before the notification")
    if start == "published":
        _check_day(state, on, "the publication day")
    return reviews.write(state, [st.put_record(DATES_RECORD, start, {"on": on.isoformat()})])


def record_delay(reviews: Reviews, review_id: str, on: dt.date, *, reason: str = "",
                 improvements: tuple[str, ...] = (),
                 corrective_actions: tuple[str, ...] = ()) -> ReviewState:
    """Record why the completion target slipped, and what is being learned and done meanwhile."""
    if not (reason.strip() or improvements or corrective_actions):
        raise InvalidValue("say why the review is delayed (--reason), or add an improvement point "
                           "(--improvement) or a corrective action (--corrective-action)")
    state = reviews.load(review_id)
    delay = dict(current(state, DELAY_RECORD) or {"improvements": [], "corrective_actions": []})
    if reason.strip():
        delay["reason"], delay["reason_on"] = reason.strip(), on.isoformat()
    for key, texts in (("improvements", improvements), ("corrective_actions", corrective_actions)):
        delay[key] = [*delay.get(key, []), *({"text": t.strip(), "on": on.isoformat()}
                                              for t in texts if t.strip())]
    return reviews.write(state, [st.put_record(DELAY_RECORD, CURRENT, delay)])


# -- status sections ----------------------------------------------------------------------------


def _overdue_warnings(items: list[DueItem]) -> list[str]:
    return [f"{item.title} is {plural(-(item.days_left or 0), 'day')} overdue "
            f"(due {long_date(item.due)}); "
            f"met by: {item.satisfied_by}" for item in items if item.state == "overdue"]


def clock_section(host: PluginHost, state: ReviewState, today: dt.date) -> StatusSection:
    items = [i for i in clock_statuses(host, state, today) if i.kind != "notification"]
    lines = [] if items else ["this regime sets no clocks"]
    return StatusSection("clocks", "Statutory clocks", items, lines, _overdue_warnings(items))


def notification_section(host: PluginHost, state: ReviewState,
                         today: dt.date) -> StatusSection | None:
    items = [i for i in clock_statuses(host, state, today) if i.kind == "notification"]
    if not items:
        return None
    return StatusSection("notifications", "Notifications to send", items, (),
                         _overdue_warnings(items))


def delay_section(host: PluginHost, state: ReviewState, today: dt.date) -> StatusSection | None:
    """Seed 2.7: a slipped completion target needs a reason and, while the review goes on,
    improvement points captured and corrective action taken."""
    regime = host.regime(state.review.regime)
    targets = {c.id for c in regime.clocks if c.completion_target}
    delay = current(state, DELAY_RECORD)
    slipped = [i for i in clock_statuses(host, state, today)
               if i.id in targets and i.state in ("overdue", "met late")]
    if not slipped and not delay:
        return None
    lines, warnings = [], []
    delay = delay or {}
    if delay.get("reason"):
        lines.append(f"Reason for delay (recorded {delay['reason_on']}): {delay['reason']}")
    else:
        lines.append("No reason for the delay recorded yet")
    for label, key in (("Improvement point", "improvements"),
                       ("Corrective action", "corrective_actions")):
        lines.extend(f"{label} ({item['on']}): {item['text']}" for item in delay.get(key, []))
    for item in slipped:
        if not delay.get("reason"):
            warnings.append(f"{item.title} slipped (due {long_date(item.due)}) and no reason is "
                            "recorded: record one with `casereview delay REVIEW --reason ...`")
        if item.state == "overdue":
            for label, key, option in (
                ("improvement points", "improvements", "--improvement"),
                ("corrective actions", "corrective_actions", "--corrective-action"),
            ):
                if not delay.get(key):
                    warnings.append(f"while the review is delayed, capture {label} as you go: "
                                    f"`casereview delay REVIEW {option} ...`")
    return StatusSection("delay", "Delay", (), lines, warnings)
