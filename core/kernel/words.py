"""Values as a person reads them: yes and no, dates in words, names without underscores."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.kernel.dates import long_date


def in_words(value: Any) -> str:
    """`True` -> "yes", "2025-03-04" -> "4 March 2025", "seriously_harmed" -> "seriously
    harmed", a list -> its items joined with commas."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "not known"
    if isinstance(value, dt.date):
        return long_date(value)
    if isinstance(value, list | tuple):
        return ", ".join(in_words(v) for v in value) or "none"
    if isinstance(value, str):
        try:
            return long_date(dt.date.fromisoformat(value))
        except ValueError:
            return value.replace("_", " ")
    return str(value)


def fact_line(facts: dict[str, Any]) -> str:
    """Facts as a sentence's worth of "name: value" pairs."""
    return "; ".join(f"{k.replace('_', ' ')}: {in_words(v)}" for k, v in facts.items()) or "none"
