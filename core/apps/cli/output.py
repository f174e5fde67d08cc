"""Small helpers every command uses to print: JSON for scripts, plain text for people."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click

from core.kernel.errors import InvalidValue


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    from core.kernel import codec

    return codec.to_data(value)


def parse_day(text: str, what: str = "date") -> dt.date:
    """A day given on the command line (`core.kernel.dates.day_from_text`), as a usage error if
    not."""
    from core.kernel.dates import day_from_text  # attrs: not at start-up
    try:
        return day_from_text(text, what)
    except InvalidValue as error:
        raise click.BadParameter(str(error)) from None


def day_or_today(text: str | None, what: str = "date") -> dt.date:
    """The day given on the command line, or today when none was."""
    return parse_day(text, what) if text else dt.date.today()


def group_review_id(ctx: click.Context | None = None) -> str:
    """The REVIEW given to the command group a subcommand belongs to: `casereview people
    REVIEW add`, `casereview findings REVIEW list`. Read from the command line's own arguments
    (the nearest command that took one), so a group need not pass it on."""
    current: click.Context | None = ctx or click.get_current_context()
    while current is not None:
        if "review_id" in current.params:
            return str(current.params["review_id"])
        current = current.parent
    raise click.UsageError("give the review (REVIEW), e.g. CR-2025-001")


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
review_argument = click.argument("review_id", metavar="REVIEW")


class Streamed:
    """A list (or, with `pairs`, an object of (key, value) pairs) written as it is produced,
    so a long one never sits whole in memory. `echo_json_stream` writes it."""

    def __init__(self, items: Any, *, pairs: bool = False) -> None:
        self.items, self.pairs = items, pairs


def echo_json_stream(data: Any) -> None:
    """Write `data` as `echo_json` does (the same text), streaming any `Streamed` part."""
    chunk: list[str] = []
    size = 0
    for piece in _json_pieces(data, 0):
        chunk.append(piece)
        size += len(piece)
        if size > 1 << 16:
            click.echo("".join(chunk), nl=False)
            chunk, size = [], 0
    click.echo("".join(chunk))


def _json_pieces(value: Any, level: int):
    pad = "  " * (level + 1)
    if isinstance(value, dict) and _streams(value):
        value = Streamed(iter(value.items()), pairs=True)
    if not isinstance(value, Streamed):
        text = json.dumps(value, ensure_ascii=False, indent=2, default=_default)
        yield text.replace("\n", "\n" + "  " * level) if level else text
        return
    opening, closing = ("{", "}") if value.pairs else ("[", "]")
    first = True
    for item in value.items:
        yield (opening + "\n" if first else ",\n") + pad
        first = False
        if value.pairs:
            key, item = item
            yield json.dumps(key, ensure_ascii=False) + ": "
        yield from _json_pieces(item, level + 1)
    yield opening + closing if first else "\n" + "  " * level + closing


def _streams(value: Any) -> bool:
    return isinstance(value, Streamed) or (
        isinstance(value, dict) and any(_streams(v) for v in value.values()))
