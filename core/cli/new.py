"""`casereview new`: record the notification of a serious incident as a new review."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from core.cli.base import App
from core.cli.criteria import facts_options, gather_facts, print_assessment
from core.cli.output import echo_json, json_option
from core.errors import InputProblem

# review: keys read as text, with what each holds (for the message when one is not text)
TEXT_FIELDS = {
    "id": "the review's id, e.g. CR-2025-001",
    "title": "a short title for the review",
    "area": "the safeguarding partnership or board",
    "regime": "a regime's name, e.g. england-cspr-2018",
    "child": "the child's pseudonym, e.g. Child A",
}
DATE_FIELDS = ("incident_date", "notified_on")
AGENCY_KINDS = ("police, childrens_social_care, education, gp, health_visiting, hospital, "
                "housing, probation, mental_health or other")


def read_case(path: str) -> dict[str, Any]:
    """A case file: `review:` (id, title, area, regime, subject or child, incident_date,
    notified_on), `facts:` and `agencies:` (each a name and a kind). Other keys are left to the
    commands that use them (chronology files, family). Every key read here is checked for its
    type, so a wrong one is refused naming the file and the field."""
    from core.files import read_yaml

    expected = "review: {title, area, regime, subject, incident_date, ...}"
    case = read_yaml(path, "the case file", shape=dict, expected=expected)
    if not isinstance(case.get("review"), dict):
        raise InputProblem("a case file starts with a 'review:' section", file=path,
                           expected=expected)
    check_case(case, path)
    return case


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return f"{type(value).__name__} {value!r}"


def _wrong(path: str, field: str, value: Any, expected: str) -> InputProblem:
    return InputProblem(f"{field} is {_kind_of(value)}", file=path, expected=expected)


def _text(value: Any, path: str, field: str, expected: str) -> None:
    if value is not None and not isinstance(value, str):
        raise _wrong(path, field, value, f"text: {expected}")


def check_case(case: dict[str, Any], path: str) -> None:
    """Refuse a case file whose keys (those `new` reads) hold the wrong kind of value."""
    header = case["review"]
    for key, expected in TEXT_FIELDS.items():
        _text(header.get(key), path, f"review.{key}", expected)
    subject = header.get("subject")
    if isinstance(subject, dict):
        _text(subject.get("pseudonym"), path, "review.subject.pseudonym",
              "the child's pseudonym, e.g. Child A")
        _text(subject.get("age_at_event"), path, "review.subject.age_at_event",
              "the child's age at the event in words, e.g. four years")
    elif subject is not None and not isinstance(subject, str):
        raise _wrong(path, "review.subject", subject,
                     "the child's pseudonym, or {pseudonym: Child A, age_at_event: four years}")
    for key in DATE_FIELDS:
        value = header.get(key)
        if value is not None and not isinstance(value, str | dt.date):
            raise _wrong(path, f"review.{key}", value, "a date, YYYY-MM-DD")
    if case.get("facts") is not None and not isinstance(case["facts"], dict):
        raise _wrong(path, "facts", case["facts"], "key: value pairs, e.g. outcome: died")
    agencies = case.get("agencies")
    if agencies is not None and not isinstance(agencies, list):
        raise _wrong(path, "agencies", agencies,
                     "a list of agencies, each - {name: ..., kind: police}")
    for number, entry in enumerate(agencies or [], start=1):
        if isinstance(entry, str):
            continue
        where = f"agencies item {number}"
        if not isinstance(entry, dict):
            raise _wrong(path, where, entry, "a name, or {name: ..., kind: police}")
        if not entry.get("name"):
            raise InputProblem(f"{where} has no name", file=path,
                               expected="a name and a kind, e.g. {name: ..., kind: police}")
        _text(entry["name"], path, f"{where} (name)", "the agency's name")
        _text(entry.get("kind"), path, f"{where} (kind)", AGENCY_KINDS)


def _day(value: Any, what: str, path: str | None) -> dt.date:
    from core.dates import day_from_text
    from core.errors import InvalidValue

    try:
        return day_from_text(value, what)
    except InvalidValue as error:
        raise InputProblem(str(error), file=path) from None


def _agencies(entries: Any, path: str) -> list[Any]:
    from core.model import Agency

    agencies = []
    for number, entry in enumerate(entries or [], start=1):
        item = {"name": entry} if isinstance(entry, str) else entry
        if not isinstance(item, dict) or not item.get("name"):
            raise InputProblem(f"agency {number} has no name", file=path,
                               expected="a name and a kind, e.g. {name: ..., kind: police}")
        try:
            agencies.append(Agency(name=str(item["name"]), kind=item.get("kind", "other")))
        except ValueError:
            raise InputProblem(f"agency {item['name']!r} has an unknown kind {item.get('kind')!r}",
                               file=path, expected=AGENCY_KINDS) from None
    return agencies


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
@click.option("--notified-on", metavar="DATE", help="The day the partnership was notified.")
@click.option("--id", "review_id", metavar="ID", help="The review's id (default CR-YEAR-NNN).")
@facts_options
@json_option
@click.pass_obj
def new_command(app: App, case_file: str | None, regime_name: str | None, title: str | None,
                area: str | None, child: str | None, age_at_event: str | None,
                incident_date: str | None, notified_on: str | None, review_id: str | None,
                facts_file: str | None, fact_assignments: tuple[str, ...], as_json: bool,
                **flags: Any) -> None:
    """Record the notification of a serious incident as a new review.

    Prints the new review's id on the first line, then the criteria answer (if facts were
    given) and what is due. Give the facts now if you know them: some regimes' first clocks
    (the national Panel's five working days) depend on them.

    Example: casereview new --regime england-cspr-2018 --title "Child A" --area Tessingford
    --child "Child A" --incident-date 2025-02-13 --notified-on 2025-02-18
    """
    from core import codec
    from core.decisions import facts_events
    from core.model import Review, Subject
    from core.regimes import clock_statuses
    from core.reviews import next_review_id
    from core.state import put

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
    notified = _day(given["notification date"], "the notification date", case_file)
    review = Review(
        id=review_id or header.get("id") or next_review_id(app.journal, notified.year),
        title=str(given["title"]), regime=regime.name, area=str(given["area"]),
        subject=Subject(str(given["child"]),
                        str(age_at_event or subject.get("age_at_event") or "")),
        incident_date=_day(given["incident date"], "the incident date", case_file),
        notified_on=notified,
    )
    changes: list[tuple[str, dict[str, Any]]] = [
        put("agencies", agency) for agency in _agencies(case.get("agencies"), str(case_file))
    ]
    facts = gather_facts(regime, facts_file, fact_assignments, flags,
                         base=case.get("facts") or {}, base_source=case_file)
    assessment = None
    if facts.values:
        assessment, events = facts_events(regime, facts, source="notification", on=notified)
        changes.extend(events)
    state = app.reviews.open_review(review, changes)
    due = [item for item in clock_statuses(app.host, state, dt.date.today()) if item.open]
    if as_json:
        echo_json({"id": review.id, "review": codec.to_data(review),
                   "criteria": assessment.to_data() if assessment else None,
                   "due": [item.to_data() for item in due]})
        return
    click.echo(review.id)
    click.echo(f"Recorded the notification of {review.title} under {regime.title}.")
    if assessment:
        print_assessment(assessment)
    for item in due:
        click.echo(f"Due: {item.describe()}")
