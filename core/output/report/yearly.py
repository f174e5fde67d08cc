"""The year's case reviews, for the safeguarding partners' yearly report: they must say what
they did as a result of their arrangements, reviews included (Working Together; QM 18)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from core.kernel.model import ActionStatus, FindingStatus
from core.output.report.sections import _category_labels, words
from core.output.report.written import written
from core.statutory.regimes import DATES_RECORD, DECISION_RECORD, HELD_DECISIONS, MET_RECORD


def _on(value: Any) -> dt.date | None:
    text = (value or {}).get("on") if isinstance(value, dict) else value
    return dt.date.fromisoformat(text) if text else None


def milestones_of(state: Any) -> dict[str, dt.date | None]:
    """The day a review started (the decision to hold it), was completed (the completion clock
    met, or the partners' response agreed) and was published."""
    decision = state.record_collection(DECISION_RECORD).get("current") or {}
    started = _on(decision) if decision.get("decision") in HELD_DECISIONS else None
    completed = _on(state.record_collection(MET_RECORD).get("completion")) or \
        _on((written(state, "partnership-response") or {}).get("agreed_on"))
    published = _on(state.record_collection(DATES_RECORD).get("published"))
    return {"started": started, "completed": completed, "published": published}


def yearly(host: Any, states: list[Any], year: int, *, today: dt.date) -> dict[str, Any]:
    lists: dict[str, list[dict[str, Any]]] = {"started": [], "completed": [], "published": []}
    active = []
    for state in sorted(states, key=lambda s: s.id):
        days = milestones_of(state)
        touched = False
        for key, day in days.items():
            if day and day.year == year:
                lists[key].append({"review": state.id, "title": state.review.title, "on": day})
                touched = True
        if touched:
            active.append(state)
    themes: Counter[str] = Counter()
    actions: Counter[str] = Counter()
    for state in active:
        labels = _category_labels(host, state)
        for finding in state.findings.values():
            if finding.status is not FindingStatus.SUGGESTED and finding.category:
                themes[labels.get(finding.category, words(finding.category))] += 1
        for action in state.actions.values():
            actions[action.status.value] += 1
            if action.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) and \
                    action.due < today:
                actions["overdue"] += 1
    return {
        "year": year, **lists,
        "themes": [{"theme": t, "findings": n} for t, n in sorted(themes.items(),
                                                                  key=lambda x: (-x[1], x[0]))],
        "actions": {"total": sum(actions[s.value] for s in ActionStatus),
                    "completed": actions["completed"], "in_progress": actions["in_progress"],
                    "planned": actions["planned"], "cancelled": actions["cancelled"],
                    "overdue": actions["overdue"]},
    }
