"""The one jinja2 environment reports use: templates named "package:path", autoescape always on.

A methodology ships its section templates inside its package and names them
`"learning_together:templates/episodes.html.j2"`; the core's own are `"core.report:templates/..."`.
Templates may include or extend each other by the same names.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from core.errors import NotFound

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _load(name: str) -> tuple[str, str | None, Any] | None:
    package, sep, path = name.partition(":")
    if not sep or not package or not path:
        raise NotFound(f"a report template is named 'package:path/inside.j2', not {name!r}")
    try:
        source = resources.files(package).joinpath(path).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError) as error:
        raise NotFound(f"report template {name!r} not found: {error}") from error
    return source, None, lambda: True


def paragraphs(text: Any) -> list[str]:
    """A piece of user text split into paragraphs at blank lines."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(str(text or "")) if p.strip()]


def long_date(value: Any) -> str:
    """A date as a UK reader writes it: 4 March 2026."""
    if value is None or value == "":
        return ""
    if hasattr(value, "strftime"):
        return f"{value.day} {value:%B %Y}"
    return str(value)


def sentence(text: Any) -> str:
    """Text ending as a sentence ends, so two pieces of user text do not run together."""
    text = str(text or "").strip()
    return text if not text or text[-1] in ".!?" else text + "."


def when(value: Any) -> str:
    """A chronology date in words, at its own precision: 11 January 2022, March 2023, 2022,
    early May 2022, March to May 2012, 5 to 11 March 2012. Never figures as they were typed
    (11/01/2022 is written 11 January 2022); the one shared way reports write such dates."""
    precision = getattr(getattr(value, "precision", None), "value", None)
    if precision is None:
        return long_date(value)
    start, end = value.start, value.end
    if precision == "day":
        return long_date(start)
    if precision == "month":
        return f"{start:%B %Y}"
    if precision == "year":
        return str(start.year)
    part = _part(start, end)  # "early March 2012", "late 2012", as the agency wrote it
    first = str(getattr(value, "text", "") or "").strip().split(" ")[0].lower()
    if part and first.startswith(("early", "beginning", "start", "mid", "late", "end")):
        return part
    return span_in_words(start, end)


def _part(start: dt.date, end: dt.date) -> str:
    """"early/mid/late" + a month or a year, when the span is exactly that part of it."""
    last = calendar.monthrange(end.year, end.month)[1]
    if (start.year, start.month) == (end.year, end.month):
        days = {(1, 10): "early", (11, 20): "mid", (21, last): "late"}
        found = days.get((start.day, end.day))
        return f"{found} {start:%B %Y}" if found else ""
    if start.year == end.year and start.day == 1 and end.day == last:
        months = {(1, 4): "early", (5, 8): "mid", (9, 12): "late"}
        found = months.get((start.month, end.month))
        return f"{found} {start.year}" if found else ""
    return ""


def span_in_words(start: dt.date, end: dt.date) -> str:
    """A span of days in words, as briefly as it can be said exactly."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months and (start.month, end.month) == (1, 12):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    if whole_months:
        if start.year == end.year:
            if start.month == end.month:
                return f"{start:%B %Y}"
            return f"{start:%B} to {end:%B %Y}"
        return f"{start:%B %Y} to {end:%B %Y}"
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(_load),
        autoescape=True,  # always: every value in a report may be someone's typing
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["paragraphs"] = paragraphs
    env.filters["long_date"] = long_date
    env.filters["when"] = when
    env.filters["sentence"] = sentence
    return env


def render(template: str, context: dict[str, Any]) -> str:
    return str(environment().get_template(template).render(**context))
