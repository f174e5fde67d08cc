"""`casereview commission`: choose the methodology (and variant) and the terms of reference."""

from __future__ import annotations

from pathlib import Path

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel import codec
from core.kernel.files import read_yaml
from core.statutory.commissioning import choice_of, commission, record_rationale
from core.statutory.profile import profile_from_mapping


@click.command()
@review_argument
@click.option("--methodology", metavar="NAME",
              help="e.g. learning-together, rca, silp (see `casereview methodologies`).")
@click.option("--variant", metavar="NAME", help="The methodology's variant, if it has them.")
@click.option("--terms-of-reference", "terms", metavar="TEXT|@FILE",
              help="The terms of reference, as text, or @ and the name of a UTF-8 text file to "
                   "read them from (@terms.txt).")
@click.option("--rationale", metavar="TEXT|@FILE",
              help="Why the partnership chose this methodology for this review, as text or "
                   "@ and the name of a text file; the report gives it. Alone (without "
                   "--methodology) it records or rewords the reason at any later stage.")
@click.option("--profile", "profile_file", type=click.Path(exists=True, dir_okay=False),
              help="A case profile (as for `casereview choose --profile`) adding what the "
                   "review's records do not say, for the chooser's suggestion.")
@json_option
@click.pass_obj
def commission_command(app: App, review_id: str, methodology: str | None, variant: str | None,
                       terms: str | None, rationale: str | None, profile_file: str | None,
                       as_json: bool) -> None:
    """Commission REVIEW: record its methodology, variant, terms of reference and why the
    methodology was chosen, and show the methodology's plan. The review must be at the
    commissioning stage.

    The chooser is asked as well (see `casereview choose REVIEW`): a methodology the regime
    rules out is refused, and a choice that differs from the chooser's suggestion, or that the
    regime allows only as a contribution, needs --rationale. Both are recorded for the report.

    Next, appoint independent lead reviewers (`casereview people REVIEW add --role
    lead_reviewer ...`) and record the agencies involved (`casereview agencies REVIEW add`).

    \b
    Examples:
      casereview commission CR-2025-001 --methodology learning-together --variant full \\
          --terms-of-reference @terms.txt --rationale "Seven agencies, three years: ..."
      casereview commission CR-2025-001 --rationale @why-learning-together.txt
    """
    terms = _text_or_file(terms, "--terms-of-reference", "the terms of reference")
    rationale = _text_or_file(rationale, "--rationale", "the reason for the methodology")
    if methodology is None:
        if rationale is None or variant is not None or terms is not None:
            raise click.UsageError("give --methodology (and optionally --variant, "
                                   "--terms-of-reference and --rationale), or --rationale alone "
                                   "to record why the chosen methodology was chosen")
        state = record_rationale(app.reviews, review_id, rationale)
        if as_json:
            echo_json({"review": review_id, "methodology": state.methodology,
                       "rationale": rationale.strip()})
        else:
            click.echo(f"Recorded why {review_id} uses {state.methodology}.")
        return
    profile = None
    if profile_file:
        profile = profile_from_mapping(read_yaml(profile_file, "the profile", shape=dict),
                                       source=profile_file)
    state, plan = commission(app.reviews, review_id, methodology, variant, terms, rationale,
                             profile)
    choice = choice_of(state)
    if as_json:
        echo_json({"review": review_id, "methodology": state.methodology,
                   "variant": state.review.variant, "chooser": choice,
                   "plan": codec.to_data(plan) if plan is not None else None})
        return
    chosen = state.review
    click.echo(f"{review_id} is commissioned to use {chosen.methodology}"
               + (f" ({chosen.variant})" if chosen.variant else "") + ".")
    if choice.get("summary"):
        click.echo(f"The chooser's view: {choice['summary']}.")
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


MAX_TEXT_FILE = 1024 * 1024  # a page of terms of reference is a few kilobytes


def _text_or_file(value: str | None, option: str, what: str) -> str | None:
    """The text given, or with a leading @ the text of the file named (and said so). A value
    that merely names a file is refused, not read: a mistyped option must not put a file that
    happens to exist (a password file) into the report."""
    if value is None:
        return None
    if not value.startswith("@"):
        if Path(value).is_file():
            raise click.BadParameter(
                f"{value!r} is the name of a file; to read {what} from it, write {option} "
                f"@{value} (or give the text itself)", param_hint=option)
        return value
    path = Path(value[1:])
    if not path.is_file():
        raise click.BadParameter(f"there is no file {str(path)!r} to read {what} from",
                                 param_hint=option)
    if path.stat().st_size > MAX_TEXT_FILE:
        raise click.BadParameter(f"{path} is larger than {MAX_TEXT_FILE // 1024} KB; {what} "
                                 "should be a short text file", param_hint=option)
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise click.BadParameter(f"cannot read {path} as UTF-8 text ({error})",
                                 param_hint=option) from None
    click.echo(f"Read {what} from the file {path}.", err=True)
    return text
