"""`casereview commission`: choose the methodology (and variant) and the terms of reference."""

from __future__ import annotations

from pathlib import Path

import click

from core.cli.base import App
from core.cli.output import echo_json, json_option, review_argument


@click.command()
@review_argument
@click.option("--methodology", required=True, metavar="NAME",
              help="e.g. learning-together, rca, silp (see `casereview methodologies`).")
@click.option("--variant", metavar="NAME", help="The methodology's variant, if it has them.")
@click.option("--terms-of-reference", "terms", metavar="TEXT|FILE",
              help="The terms of reference, as text or the path of a text file.")
@json_option
@click.pass_obj
def commission_command(app: App, review_id: str, methodology: str, variant: str | None,
                       terms: str | None, as_json: bool) -> None:
    """Commission REVIEW: record its methodology, variant and terms of reference, and show the
    methodology's plan. The review must be at the commissioning stage.

    Next, appoint independent lead reviewers (`casereview people REVIEW add --role
    lead_reviewer ...`) and record the agencies involved (`casereview agencies REVIEW add`).
    """
    from core import codec
    from core.commissioning import commission

    if terms is not None and Path(terms).is_file():
        terms = Path(terms).read_text(encoding="utf-8").strip()
    state, plan = commission(app.reviews, review_id, methodology, variant, terms)
    if as_json:
        echo_json({"review": review_id, "methodology": state.methodology,
                   "variant": state.review.variant,
                   "plan": codec.to_data(plan) if plan is not None else None})
        return
    chosen = state.review
    click.echo(f"{review_id} is commissioned to use {chosen.methodology}"
               + (f" ({chosen.variant})" if chosen.variant else "") + ".")
    if plan is None:
        return
    if plan.typical_weeks:
        click.echo(f"Typical length: {plan.typical_weeks:g} weeks.")
    for activity in plan.activities:
        who = f" — {', '.join(activity.who)}" if activity.who else ""
        count = f" ×{activity.count}" if activity.count > 1 else ""
        click.echo(f"  {activity.stage.replace('_', ' ')}: {activity.title}{count}{who}")
    if plan.agency_submission:
        click.echo(f"Each agency is asked for: {plan.agency_submission}")
