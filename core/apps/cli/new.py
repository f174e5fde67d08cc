"""`casereview new`: record the notification of a serious incident as a new review."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from core.apps.cli.base import App
from core.apps.cli.criteria import facts_options, gather_facts, print_assessment
from core.apps.cli.output import echo_json, json_option
from core.kernel import codec
from core.kernel.dates import day_from_text
from core.kernel.errors import InputProblem, InvalidValue
from core.kernel.model import Review, Subject
from core.kernel.state import put
from core.plugin_api.reviews import next_review_id
from core.statutory.case_file import case_agencies, read_case
from core.statutory.decisions import facts_events
from core.statutory.regimes import clock_statuses


def _day(value: Any, what: str, path: str | None) -> dt.date:
    try:
        return day_from_text(value, what)
    except InvalidValue as error:
        raise InputProblem(str(error), file=path) from None


@click.command()
@click.option("--from-case", "case_file", metavar="FILE",
              help="Take the header, facts and agencies from a case file "
              "(e.g. examples/child-a/case.yaml). Options given here override it.")
@click.option("--regime", "regime_name", metavar="REGIME", help="The statutory regime.")
@click.option("--title", help="A short title for the review.")
@click.option("--area", help="The safeguarding partnership or board.")
@click.option("--child", help="The child's pseudonym, e.g. 'Child A'. Never a real name.")
@click.option("--age", "age_at_event", help="The child's age at the event, in words.")
@click.option("--incident-date", metavar="DATE", help="The day of the incident.")
@click.option("--notified-on", metavar="DATE",
              help="The day of the notification (England: to the national Panel).")
@click.option("--became-aware-on", metavar="DATE",
              help="The day the local authority became aware of the incident, if earlier: "
                   "the clocks count from it. Default: the notification day.")
@click.option("--id", "review_id", metavar="ID", help="The review's id (default CR-YEAR-NNN).")
@facts_options
@json_option
@click.pass_obj
def new_command(app: App, case_file: str | None, regime_name: str | None, title: str | None,
                area: str | None, child: str | None, age_at_event: str | None,
                incident_date: str | None, notified_on: str | None,
                became_aware_on: str | None, review_id: str | None,
                facts_file: str | None, fact_assignments: tuple[str, ...], as_json: bool,
                **flags: Any) -> None:
    """Record the notification of a serious incident as a new review.

    Prints the new review's id on the first line, then the criteria answer (if facts were
    given) and what is due. Give the facts now if you know them: some regimes' first clocks
    (the national Panel's five working days) depend on them.

    Example: casereview new --regime england-cspr-2018 --title "Child A" --area Tessingford
    --child "Child A" --incident-date 2025-02-13 --notified-on 2025-02-18
    """
    case = read_case(case_file) if case_file else {"review": {}}
    header = case["review"]
    subject = header.get("subject") or {}
    if isinstance(subject, str):
        subject = {"pseudonym": subject}
    given = {
        "regime": regime_name or header.get("regime"),
        "title": title or header.get("title"),
        "area": area or header.get("area"),
        "child": child or subject.get("pseudonym") or header.get("child"),
        "incident date": incident_date or header.get("incident_date"),
        "notification date": notified_on or header.get("notified_on"),
    }
    missing = [name for name, value in given.items() if not value]
    if missing:
        raise click.UsageError("give the " + ", ".join(missing) + " (as options or in --from-case)")
    regime = app.host.regime(str(given["regime"]))
    app.may_create = True  # a notification may be the first thing in a new database
    notified = _day(given["notification date"], "the notification date", case_file)
    aware = became_aware_on or header.get("became_aware_on")
    # The notification falls on or after the incident, so it dates the review's start.
    replaced = regime.replacement_for(notified)
    review = Review(
        id=review_id or header.get("id") or next_review_id(app.journal, notified.year),
        title=str(given["title"]), regime=regime.name, area=str(given["area"]),
        subject=Subject(str(given["child"]),
                        str(age_at_event or subject.get("age_at_event") or "")),
        incident_date=_day(given["incident date"], "the incident date", case_file),
        notified_on=notified,
        became_aware_on=_day(aware, "the day of becoming aware", case_file) if aware else None,
    )
    changes: list[tuple[str, dict[str, Any]]] = [
        put("agencies", agency) for agency in case_agencies(case.get("agencies"), str(case_file))
    ]
    facts = gather_facts(regime, facts_file, fact_assignments, flags,
                         base=case.get("facts") or {}, base_source=case_file)
    assessment = None
    if facts.values:
        assessment, events = facts_events(regime, facts, source="notification", on=notified)
        changes.extend(events)
    state = app.reviews.open_review(review, changes)
    due = [item for item in clock_statuses(app.host, state, dt.date.today()) if item.open]
    warning = (f"Warning: {replaced} (`--regime {regime.replaced_by}`). The review is "
               "recorded as asked.") if replaced else ""
    if as_json:
        echo_json({"id": review.id, "review": codec.to_data(review),
                   "criteria": assessment.to_data() if assessment else None,
                   "due": [item.to_data() for item in due],
                   "warnings": [warning] if warning else []})
        return
    click.echo(review.id)
    if warning:  # after the id, which scripts read from the first line
        click.echo(warning, err=True)
    click.echo(f"Recorded the notification of {review.title} under {regime.title}.")
    if assessment:
        print_assessment(assessment)
    for item in due:
        click.echo(f"Due: {item.describe()}")
