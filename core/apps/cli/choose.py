"""`casereview choose`: which methodology fits this case, the law first, with reasons both ways."""

from __future__ import annotations

from typing import Any

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option
from core.kernel.files import read_yaml
from core.statutory.chooser import compare
from core.statutory.chooser import explain as sensitivity
from core.statutory.comparison import to_data, to_markdown, to_text
from core.statutory.profile import profile_from_mapping, profile_from_review


def _settings(values: tuple[str, ...]) -> dict[str, Any]:
    """KEY=VALUE pairs from --set, each value read as YAML would read it (yes, 3, 2025-03-07)."""
    import yaml

    found: dict[str, Any] = {}
    for pair in values:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE, e.g. months_available=4",
                                     param_hint="--set")
        found[key.strip()] = yaml.safe_load(text) if text.strip() else None
    return found


@click.command()
@click.argument("review_id", metavar="[REVIEW]", required=False)
@click.option("--profile", "profile_file", type=click.Path(exists=True, dir_okay=False),
              help="A YAML or JSON file describing the case (the keys are listed above).")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="Set one profile key, e.g. --set practitioners_available=no. Repeatable.")
@click.option("--regime", help="The statutory regime, e.g. england-cspr-2018.")
@click.option("--agencies", "agencies_involved", type=int, help="How many agencies were involved.")
@click.option("--months", "months_available", type=float, help="Months available for the review.")
@click.option("--nation", type=click.Choice(["england", "wales"]), help="Where the case is.")
@click.option("--threshold-met/--below-threshold", "statutory_threshold_met", default=None,
              help="Whether the statutory criteria for a review are met.")
@click.option("--parallel-proceedings/--no-parallel-proceedings", default=None,
              help="Whether criminal, coroner's or other proceedings run alongside.")
@click.option("--good-practice/--no-good-practice", "focus_on_good_practice", default=None,
              help="Whether learning from good practice is a main aim.")
@click.option("--health-led/--not-health-led", "health_led_incident", default=None,
              help="Whether the incident centres on a health service's care.")
@click.option("--explain", is_flag=True,
              help="Also show which profile keys would change the top choice, and to what.")
@click.option("--markdown", "as_markdown", is_flag=True,
              help="Print a Markdown table for a board paper.")
@json_option
@click.pass_obj
def choose_command(app: App, review_id: str | None, profile_file: str | None,
                   settings: tuple[str, ...], explain: bool, as_markdown: bool, as_json: bool,
                   **flags: object) -> None:
    """Compare the installed methodologies for a case: the law first, then how well each fits.

    The regime's rules come before any score: a method the regime rules out is listed with the
    rule, and where a statutory review needs a systems method, a single-service method is
    shown as a possible contribution only. Each remaining method gives a fit score, reasons
    for and against (with the profile keys they rest on), cautions, a suggested variant, a
    realistic timescale and the practitioners' time it asks for.

    Describe the case with REVIEW (what its records say: regime, facts, agencies, chronology,
    the family's answer), a --profile file, --set KEY=VALUE and the flags; later ones win.
    Leave out what you do not know. The partnership makes the choice and records it with
    `casereview commission`.

    \b
    Profile keys (`--set KEY=VALUE`, or KEY: VALUE in a --profile file):
      regime: the statutory regime, e.g. england-cspr-2018
      nation: the nation whose law applies
      statutory_threshold_met: whether the criteria for a statutory review are met
      outcome: what happened to the child
      event_date: the day of the incident (in Wales it decides the regime)
      agencies_involved: how many agencies were involved
      agency_kinds: the kinds of agency involved
      years_involved: for how many years the agencies were involved
      single_agency: whether the review is about one agency alone
      health_led_incident: whether the incident centres on one health service's care
      practitioners_available: whether practitioners can take part in one-to-one conversations
      family_wants_to_take_part: whether the family is willing to take part
      parallel_proceedings: whether other proceedings run alongside the review
      proceedings: which proceedings run alongside
      months_available: how many months are available for the review
      budget: the budget for the review
      review_question: the question the review sets out to answer
      focus_on_good_practice: whether learning from good practice is a main aim
      learning_already_known: whether the likely learning is already known locally (proportionality)
      previous_reviews_on_theme: whether earlier reviews covered the same theme (proportionality)
      impact_on_practitioners: how heavily a review would weigh on the practitioners
      impact_on_family: how heavily a review would weigh on the family
      media_interest: whether the case has drawn media interest

    \b
    Examples:
      casereview choose CR-2025-001 --explain
      casereview choose --profile case.yaml --markdown > board-paper-table.md
      casereview choose --nation wales --set event_date=2025-03-07 --agencies 7
    """
    base = None
    if review_id:
        base = profile_from_review(app.reviews.load(review_id), app.host)
    data: dict[str, Any] = {}
    if profile_file:
        data.update(read_yaml(profile_file, "the profile", shape=dict,
                              expected="key: value pairs, e.g. 'months_available: 9'"))
    profile = profile_from_mapping(data, source=profile_file or "the profile", base=base)
    options = {k: v for k, v in flags.items() if v is not None}
    options.update(_settings(settings))
    profile = profile_from_mapping(options, source="the options", base=profile)
    if explain:
        comparison, changes = sensitivity(app.host, profile)
    else:
        comparison, changes = compare(app.host, profile), None
    if as_json:
        echo_json(to_data(comparison, changes))
    elif as_markdown:
        click.echo(to_markdown(comparison, changes), nl=False)
    else:
        for line in to_text(comparison, changes):
            click.echo(line)

