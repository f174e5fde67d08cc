"""Small helpers every command uses to print: JSON for scripts, plain text for people."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    from core import codec

    return codec.to_data(value)


def parse_day(text: str, what: str = "date") -> dt.date:
    """A day given on the command line, as YYYY-MM-DD or DD/MM/YYYY (UK order)."""
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    raise click.BadParameter(f"{text!r} is not a date; give the {what} as YYYY-MM-DD")


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
review_argument = click.argument("review_id", metavar="REVIEW")
