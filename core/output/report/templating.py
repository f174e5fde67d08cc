"""The one jinja2 environment reports use: templates named "package:path", autoescape always on.

A methodology ships its section templates inside its package and names them
`"learning_together:templates/episodes.html.j2"`; the core's own are
`"core.output.report:templates/..."`.
Templates may include or extend each other by the same names.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from core.kernel import dates
from core.kernel.errors import NotFound

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
    """A date as a UK reader writes it (`core.kernel.dates.long_date`: 4 March 2026); a value that
    is not a date (text a template was given) as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return dates.long_date(value)
    return str(value)


def sentence(text: Any) -> str:
    """Text ending as a sentence ends, so two pieces of user text do not run together."""
    text = str(text or "").strip()
    return text if not text or text[-1] in ".!?" else text + "."


# A chronology date in words, at its own precision: the one shared way reports write such dates.
when = dates.long_span


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
