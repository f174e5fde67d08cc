"""`casereview choose`: which methodology fits this case, with reasons both ways."""

from __future__ import annotations

import click

from core.cli.base import App
from core.cli.output import echo_json, json_option


@click.command()
@click.option(
    "--profile",
    "profile_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A YAML or JSON file describing the case (keys listed below).",
)
@click.option("--regime", help="The statutory regime, e.g. england-cspr-2018.")
@click.option("--agencies", "agencies_involved", type=int, help="How many agencies were involved.")
@click.option("--months", "months_available", type=float, help="Months available for the review.")
@click.option("--nation", type=click.Choice(["england", "wales"]), help="Where the case is.")
@click.option("--threshold-met/--below-threshold", "statutory_threshold_met", default=None,
              help="Whether the statutory criteria for a review are met.")
@click.option("--parallel-proceedings/--no-parallel-proceedings", default=None,
              help="Whether criminal or family court proceedings run alongside.")
@click.option("--good-practice/--no-good-practice", "focus_on_good_practice", default=None,
              help="Whether learning from good practice is a main aim.")
@click.option("--health-led/--not-health-led", "health_led_incident", default=None,
              help="Whether the incident centres on a health service's care.")
@json_option
@click.pass_obj
def choose_command(app: App, profile_file: str | None, as_json: bool, **flags: object) -> None:
    """Suggest a review methodology for a case, best fit first, with the reasons.

    Describe the case with flags or a --profile file whose keys are: regime, agencies_involved,
    statutory_threshold_met, months_available, family_wants_to_take_part,
    parallel_proceedings, focus_on_good_practice, health_led_incident,
    practitioners_available, nation. Leave out what you do not know. Each installed
    methodology says how well it fits; the partnership makes the choice.
    """
    from core.chooser import profile_from_mapping, rank

    data: dict[str, object] = {}
    if profile_file:
        from core.files import read_yaml

        data.update(read_yaml(profile_file, "the profile", shape=dict,
                              expected="key: value pairs, e.g. 'months_available: 9'"))
    data.update({k: v for k, v in flags.items() if v is not None})
    profile = profile_from_mapping(data, source=profile_file or "the options")
    assessed, silent = rank(app.host, profile)
    if as_json:
        from core import codec

        echo_json({"ranking": codec.to_data(assessed), "no_view": silent})
        return
    if not assessed:
        click.echo("No installed methodology gave a view on this case.")
    for position, answer in enumerate(assessed, start=1):
        title = app.host.methodologies[answer.methodology].title
        click.echo(f"{position}. {title} ({answer.methodology}): fit {answer.score}/100")
        for reason in answer.reasons_for:
            click.echo(f"     + {reason}")
        for reason in answer.reasons_against:
            click.echo(f"     - {reason}")
    if silent:
        click.echo(f"No view from: {', '.join(silent)} (they do not assess fit yet).")


