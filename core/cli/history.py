"""`casereview history`: the audit trail, and the review as it stood on a date."""

from __future__ import annotations

import datetime as dt

import click

from core.cli.base import App
from core.cli.output import Streamed, echo_json_stream, json_option, parse_day, review_argument


@click.command()
@review_argument
@click.option(
    "--as-of",
    metavar="DATE",
    help="Show the trail up to the end of DATE (YYYY-MM-DD, UTC) and the review as it stood then.",
)
@json_option
@click.pass_obj
def history_command(app: App, review_id: str, as_of: str | None, as_json: bool) -> None:
    """Show the audit trail of REVIEW: every change, when, by whom.

    Nothing in a review is overwritten: each change is added to its journal, so you can see
    who did what and when, and what the review looked like on any earlier date.
    """
    until = None
    if as_of:
        day = parse_day(as_of, "--as-of date")
        until = dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
    reviews = app.reviews
    if not reviews.exists(review_id):
        reviews.history(review_id)  # says so, naming the reviews there are
    review = reviews.load_as_of(review_id, until) if until else reviews.load(review_id)
    # The journal is read as it is written out, a batch at a time: a long one is never whole
    # in memory (nor, for a review read from its read models, is its chronology).
    events = app.journal.events(review_id, until=until)
    if as_json:
        echo_json_stream({
            "review": review_id,
            "as_of": as_of,
            "events": Streamed({"seq": e.seq, "recorded_at": e.recorded_at, "actor": e.actor,
                                "kind": e.kind, "payload": e.payload} for e in events),
            "state": _summary(review),
        })
        return
    for e in events:
        click.echo(f"{e.seq:>5}  {e.recorded_at:%Y-%m-%d %H:%M:%S}  {e.actor:<16} {_describe(e)}")
    stood = f"as it stood at the end of {as_of}" if as_of else "now"
    click.echo(f"\nReview {review_id} {stood}: stage {review.stage.label}, "
               f"{len(review.chronology)} chronology entries, {len(review.findings)} findings, "
               f"{len(review.actions)} actions.")


def _summary(review) -> dict:
    """`core.state.summary`, with the chronology streamed entry by entry in id order."""
    from core import codec
    from core import state as st

    chronology = review.chronology
    data = st.summary(st.evolve(review, collections=review.collections | {"chronology": {}}))
    by_id = getattr(chronology, "by_id", None)
    entries = by_id() if by_id is not None else iter(sorted(chronology.items()))
    data["collections"]["chronology"] = Streamed(
        ((key, codec.to_data(entry)) for key, entry in entries), pairs=True)
    return data


def _describe(event) -> str:
    payload = event.payload
    if event.kind == "stage.changed":
        from core.lifecycle import Stage, is_backward

        source, target = Stage(payload["from"]), Stage(payload["to"])
        back = "back " if is_backward(source, target) else ""  # reviews are iterative: say so
        return f"moved {back}from {source.label} to {target.label}"
    if event.kind == "review.opened":
        return f"notified: {payload.get('title', '')}"
    if event.kind == "chronology.imported":
        return (f"chronology: imported {len(payload.get('entries', []))} entries for "
                f"{payload.get('agency', '')} from {payload.get('file', '')} "
                f"({payload.get('import_id', '')})")
    if event.kind.endswith(".put"):
        value = payload.get("value", {})
        label = value.get("title") or value.get("name") or value.get("id") or payload.get("key", "")
        return f"{payload.get('collection', event.kind)}: recorded {label}"
    if event.kind.endswith(".removed"):
        return f"{payload.get('collection', event.kind)}: removed {payload.get('key', '')}"
    return event.kind
