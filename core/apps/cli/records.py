"""`casereview record REVIEW KIND`: the statutory records around the report, and
`casereview yearly-report --year Y`: the year's reviews for the partners' yearly report."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, parse_day, review_argument
from core.kernel.dates import long_date
from core.kernel.files import read_yaml
from core.kernel.state import amend, put_record
from core.output.report import records
from core.output.report.yearly import yearly

TEMPLATES = {
    "rapid-review": (
        "held_on: 2025-03-04\n"
        "facts: What happened and what the agencies knew, in brief.\n"
        "immediate_actions: The safeguarding actions taken at once.\n"
        "learning: The learning identified so far.\n"
        "decision: local_review            # local_review, no_local_review or other_review\n"
        "rationale: Why, in the partners' words.\n"
        "national_review_suggested: false\n"
        "sent_to_panel_on:                 # the day it went to the national Panel\n"
        "panel_response_on:                # the day the Panel answered\n"
        "panel_response:                   # what the Panel said\n"),
    "publication-decision": (
        "decided_on: 2025-09-01\n"
        "choice: full                      # full, improvements_only or defer\n"
        "reason: Why, in the partners' words.\n"
        "impact_assessment: The likely impact of publication on the family and any surviving "
        "children, and how it is reduced.\n"
        "family_told_on:                   # the day the family were told, before publication\n"
        "defer_until:                      # with defer: when to look at it again\n"),
    "accreditation": (
        "reviewer: P1                      # a lead reviewer's id (casereview people REVIEW)\n"
        "scheme: SCIE Learning Together\n"
        "status: accredited                # accredited or trainee\n"
        "since: 2021-06-01                 # accredited (or training) since\n"
        "supervisor:                       # for a trainee: the accredited reviewer\n"),
}
KIND_NAMES = (*TEMPLATES, "became-aware")


@click.command(epilog="\b\nKinds of record:\n"
               "  rapid-review          the rapid review, sent to the Panel, its response\n"
               "  publication-decision  publish in full, improvements only, or defer\n"
               "  accreditation         a lead reviewer's accreditation in a methodology\n"
               "  became-aware          the day the local authority became aware (--on)")
@review_argument
@click.argument("kind", type=click.Choice(KIND_NAMES), metavar="KIND")
@click.option("--file", "file", type=click.Path(dir_okay=False), default=None,
              help="The record as a YAML file (print one to fill in with --template).")
@click.option("--on", "on", default=None, metavar="DATE",
              help="For became-aware: the day (YYYY-MM-DD).")
@click.option("--template", is_flag=True, help="Print a starting point for KIND to fill in.")
@json_option
@click.pass_obj
def record_command(app: App, review_id: str, kind: str, file: str | None, on: str | None,
                   template: bool, as_json: bool) -> None:
    """Record a statutory record of REVIEW: the rapid review (with the day it went to the
    national Panel and the Panel's response), the publication decision (with the impact
    assessment and the day the family were told), a lead reviewer's accreditation, or the day
    the local authority became aware of the incident (the clocks count from it).

    Each record is checked as a whole; a wrong field is named and nothing is written.

    \b
    Examples:
      casereview record CR-2025-001 rapid-review --template > rapid.yaml
      casereview record CR-2025-001 rapid-review --file rapid.yaml
      casereview record CR-2025-001 became-aware --on 2025-02-14
    """
    if template:
        if kind not in TEMPLATES:
            raise click.UsageError(f"{kind} takes --on DATE, not a file")
        click.echo(TEMPLATES[kind], nl=False)
        return
    state = app.reviews.load(review_id)
    if kind == "became-aware":
        if not on:
            raise click.UsageError("give the day with --on DATE")
        day = parse_day(on, "--on")
        app.reviews.write(state, [amend(became_aware_on=day)])
        click.echo(f"Recorded that the local authority became aware on {long_date(day)}; the "
                   "clocks that count from it have moved.")
        return
    if not file:
        raise click.UsageError(f"give the {kind} record with --file FILE (see --template)")
    data = read_yaml(file, f"the {kind} record", shape=dict)
    if kind == "rapid-review":
        value = records.check_rapid_review(data, state, file)
        event = put_record(records.RAPID_REVIEW_RECORD, records.CURRENT, value)
    elif kind == "publication-decision":
        value = records.check_publication_decision(data, state, file)
        event = put_record(records.PUBLICATION_DECISION_RECORD, records.CURRENT, value)
    else:
        value = records.check_accreditation(data, state, file)
        event = put_record(records.ACCREDITATION_RECORD, value.pop("reviewer"), value)
    app.reviews.write(state, [event])
    if as_json:
        echo_json({"kind": kind, "record": value})
    else:
        click.echo(f"Recorded the {kind.replace('-', ' ')} of {review_id}.")


@click.command("yearly-report")
@click.option("--year", required=True, type=int, help="The year to report on, e.g. 2025.")
@json_option
@click.pass_obj
def yearly_report_command(app: App, year: int, as_json: bool) -> None:
    """The year's reviews, for the safeguarding partners' yearly report: reviews started,
    completed and published in the year, their themes (the findings' categories), and the
    state of their improvement actions."""
    states = [app.reviews.load(review_id) for review_id in app.journal.review_ids()]
    data = yearly(app.host, states, year, today=dt.date.today())
    if as_json:
        echo_json(data)
        return
    _print(data)


def _print(data: dict[str, Any]) -> None:
    click.echo(f"Case reviews in {data['year']}: {len(data['started'])} started, "
               f"{len(data['completed'])} completed, {len(data['published'])} published.")
    for heading, key in (("Started", "started"), ("Completed", "completed"),
                         ("Published", "published")):
        if data[key]:
            click.echo(f"\n{heading}:")
        for row in data[key]:
            click.echo(f"  {row['review']}  {row['title']} ({long_date(row['on'])})")
    if data["themes"]:
        click.echo("\nThemes of the findings:")
        for theme in data["themes"]:
            click.echo(f"  {theme['theme']}: {theme['findings']} finding"
                       f"{'s' if theme['findings'] != 1 else ''}")
    actions = data["actions"]
    click.echo(f"\nImprovement actions: {actions['total']} in all, {actions['completed']} "
               f"completed, {actions['in_progress']} in progress, {actions['planned']} planned, "
               f"{actions['overdue']} overdue.")
