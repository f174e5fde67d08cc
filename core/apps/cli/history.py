"""`casereview history`: the audit trail, and the review as it stood on a date."""

from __future__ import annotations

import datetime as dt

import click

from core.apps.cli.base import App
from core.apps.cli.output import Streamed, echo_json_stream, json_option, parse_day, review_argument
from core.kernel import codec
from core.kernel import state as st
from core.kernel.dates import long_date
from core.kernel.text import plural
from core.output.audit import sentences, when


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
    """Show the audit trail of REVIEW: every change, when, by whom, and why.

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
    for e, sentence in sentences(events):
        click.echo(f"{e.seq:>5}  {when(e)}: {e.actor} {sentence}")
    stood = f"as it stood at the end of {long_date(until.date())}" if until else "now"
    click.echo(f"\nReview {review_id} {stood}: at the {review.stage.label} stage, "
               f"{plural(len(review.chronology), 'chronology entry', 'chronology entries')}, "
               f"{plural(len(review.findings), 'finding')}, "
               f"{plural(len(review.actions), 'improvement action')}.")


def _summary(review) -> dict:
    """`core.kernel.state.summary`, with the chronology streamed entry by entry in id order."""
    chronology = review.chronology
    data = st.summary(st.evolve(review, collections=review.collections | {"chronology": {}}))
    by_id = getattr(chronology, "by_id", None)
    entries = by_id() if by_id is not None else iter(sorted(chronology.items()))
    data["collections"]["chronology"] = Streamed(
        ((key, codec.to_data(entry)) for key, entry in entries), pairs=True)
    return data


def _describe(event) -> str:
    """One event in words (what `history` prints after the actor)."""
    return next(sentences([event]))[1].rstrip(".")
