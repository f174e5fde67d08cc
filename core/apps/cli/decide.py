"""`casereview decide`: record the Chair's decision whether to hold a review."""

from __future__ import annotations

from typing import Any

import click

from core.apps.cli.base import App
from core.apps.cli.criteria import facts_options, gather_facts, print_assessment
from core.apps.cli.output import day_or_today, echo_json, json_option, review_argument
from core.kernel.dates import long_date
from core.statutory.decisions import decide, held_kind
from core.statutory.regimes import FACTS_RECORD, current


@click.command()
@review_argument
@facts_options
@click.option("--decision", required=True,
              type=click.Choice(["initiate", "alternative", "no-review"]),
              help="initiate a review, hold an alternative review, or no review.")
@click.option("--by", "by", required=True, metavar="NAME",
              help="Who decided (the final decision rests with the Chair).")
@click.option("--rationale", default="", metavar="TEXT",
              help="Why. Required when the decision differs from the criteria outcome.")
@click.option("--on", "on", metavar="DATE", help="The day of the decision (default today).")
@json_option
@click.pass_obj
def decide_command(app: App, review_id: str, facts_file: str | None,
                   fact_assignments: tuple[str, ...], decision: str, by: str, rationale: str,
                   on: str | None, as_json: bool, **flags: Any) -> None:
    """Record the Chair's decision on REVIEW, with the facts and the criteria outcome.

    The facts already recorded (at notification) are used, updated by --facts and the fact
    flags (a fact set to null in the file becomes unknown again). They are read against the
    review's regime and the outcome is recorded beside the decision, so the audit trail shows
    both. A decision that differs from the outcome (or one made while facts are missing)
    needs --rationale. A review still at notification moves to the decision stage in the same
    step: if a guard refuses that move, nothing is recorded. The regime says which review the
    decision holds (England 2018: a decision to initiate after the rapid review holds a local
    child safeguarding practice review). Then: `casereview move REVIEW commissioning`
    (initiate or alternative) or `casereview move REVIEW closed` (no-review).
    """
    reviews = app.reviews
    state = reviews.load(review_id)
    regime = app.host.regime(state.review.regime)
    recorded = (current(state, FACTS_RECORD) or {}).get("facts", {})
    facts = gather_facts(regime, facts_file, fact_assignments, flags, base=recorded,
                         base_source="the facts already recorded")
    day = day_or_today(on, "decision day")
    state, assessment = decide(reviews, review_id, facts, decision, by=by, rationale=rationale,
                               on=day)
    held = held_kind(app.host, state)
    if as_json:
        echo_json({"review": review_id, "decision": decision, "by": by, "on": day,
                   "rationale": rationale, "stage": state.stage.value,
                   "review_kind": held, "criteria_review_kind": assessment.review_kind,
                   "agrees_with_criteria": decision in assessment.expected_decisions,
                   "criteria": assessment.to_data()})
        return
    print_assessment(assessment)
    agrees = decision in assessment.expected_decisions
    click.echo(f"Recorded the decision for {review_id}: {decision}, by {by} on {long_date(day)}"
               + ("" if agrees else " (differs from the criteria outcome; rationale recorded)")
               + ".")
    if held:
        click.echo(f"Review held: {held.replace('_', ' ')}")
    following = "commissioning" if decision != "no-review" else "closed"
    click.echo(f"Next: casereview move {review_id} {following}")
