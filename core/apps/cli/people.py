"""`casereview people`: the review's participants — reviewers, panel, case group, family."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import (
    day_or_today,
    echo_json,
    group_review_id,
    json_option,
    parse_day,
    review_argument,
)
from core.kernel import codec
from core.kernel.model import Involvement, ParticipantRole
from core.output.pseudonyms import load_for_output
from core.statutory.commissioning import (
    add_participant,
    record_family_offer,
    record_independence,
    record_involvement,
    remove_participant,
)

ANSWERS = [answer.value for answer in Involvement]


@click.group()
@review_argument
def people_command(review_id: str) -> None:
    """Add, list or remove the people taking part in REVIEW: `casereview people REVIEW add ...`.
    Also: a lead reviewer's statement of independence, and the offer to the family.

    Practitioners and family are known by role and title, never by name; only lead reviewers
    and chairs are named (their names go to the National Panel where the regime says so). A lead
    reviewer who works or has worked for an agency involved in the review is refused.
    """


@people_command.command("add")
@click.option("--role", required=True, type=click.Choice([r.value for r in ParticipantRole]),
              help="Their part in the review.")
@click.option("--title", required=True, help="Job title or relationship, e.g. 'Health visitor'.")
@click.option("--agency", default="", help="The agency they work for (empty for family and "
              "independent reviewers).")
@click.option("--name", default="", help="Only for lead reviewers and chairs.")
@click.option("--employer", "employers", multiple=True, metavar="AGENCY",
              help="A past or present employer, for the independence check. Repeatable.")
@click.option("--id", "participant_id", metavar="ID", help="Their id (default P1, P2, ...).")
@click.option("--appointed-on", metavar="DATE",
              help="For a lead reviewer: the day of appointment (default today).")
@click.option("--answer", type=click.Choice(ANSWERS), default=None,
              help="Their answer to the invitation to take part (family and practitioners): "
                   "took_part, declined or not_approached.")
@click.option("--note", default="", metavar="TEXT",
              help="With --answer: how they took part, or why they declined or were not "
                   "approached (required for not_approached); the report gives it.")
@click.pass_obj
def add_command(app: App, role: str, title: str, agency: str, name: str,
                employers: tuple[str, ...], participant_id: str | None,
                appointed_on: str | None, answer: str | None, note: str) -> None:
    """Add a participant to REVIEW."""
    review_id = group_review_id()
    if note and answer is None:
        raise click.UsageError("--note goes with --answer")
    day = parse_day(appointed_on, "appointment day") if appointed_on else None
    _state, person = add_participant(app.reviews, review_id, role=role, title=title,
                                     agency=agency, name=name, employers=employers,
                                     participant_id=participant_id, appointed_on=day,
                                     involvement=answer, involvement_note=note)
    click.echo(f"Added {person.id}: {person.name or person.title} ({role.replace('_', ' ')}).")
    if person.role is ParticipantRole.LEAD_REVIEWER:
        click.echo("See `casereview status` for any notice of the reviewers' names the regime "
                   "requires.")


@people_command.command("list")
@json_option
@click.pass_obj
def list_command(app: App, as_json: bool) -> None:
    """List REVIEW's participants."""
    review_id = group_review_id()
    shown = load_for_output(app.reviews, review_id)  # names read as pseudonyms
    people = sorted(shown.participants.values(), key=lambda p: p.id)
    if as_json:
        echo_json([codec.to_data(p) for p in people])
        return
    if not people:
        click.echo("No participants yet.")
    for p in people:
        where = f", {p.agency}" if p.agency else ""
        named = f"{p.name}, " if p.name else ""
        click.echo(f"{p.id:<5} {p.role.value.replace('_', ' '):<14} {named}{p.title}{where}")


@people_command.command("remove")
@click.argument("participant_id", metavar="ID")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why they are removed, in a few words; the audit trail keeps it.")
@click.pass_obj
def remove_command(app: App, participant_id: str, reason: str) -> None:
    """Remove a participant from REVIEW (the audit trail keeps that they took part, and why
    they were removed; their id is never given to anyone else).

    To correct a participant instead (a title, an agency), use `casereview correct REVIEW
    person ID --set title=... --reason ...`.
    """
    review_id = group_review_id()
    remove_participant(app.reviews, review_id, participant_id, reason)
    click.echo(f"Removed {participant_id}.")


@people_command.command("independence")
@click.argument("participant_id", metavar="ID")
@click.option("--statement", required=True, metavar="TEXT",
              help="The lead reviewer's statement of independence, in their words.")
@click.option("--on", "on", metavar="DATE", help="The day it was made (default today).")
@click.pass_obj
def independence_command(app: App, participant_id: str, statement: str, on: str | None) -> None:
    """Record lead reviewer ID's statement of independence from the case and the agencies.

    Example: casereview people CR-2025-001 independence P1 --statement "I have had no part in
    the services to this family and no link with the agencies involved."
    """
    review_id = group_review_id()
    day = day_or_today(on, "statement day")
    record_independence(app.reviews, review_id, participant_id, statement, day)
    click.echo(f"Recorded {participant_id}'s statement of independence.")


@people_command.command("family-offer")
@click.option("--on", "on", required=True, metavar="DATE",
              help="The day the family was offered a part in the review.")
@click.option("--response", default="awaiting",
              type=click.Choice(["accepted", "declined", "awaiting"]),
              help="Their answer so far (default awaiting).")
@click.pass_obj
def family_offer_command(app: App, on: str, response: str) -> None:
    """Record that the family was offered a part in REVIEW, and their answer.

    Family members who take part are added with `people REVIEW add --role family` (by
    relationship, never by name); this records the offer, which also counts when they decline.
    """
    review_id = group_review_id()
    record_family_offer(app.reviews, review_id, parse_day(on, "offer day"), response)
    click.echo(f"Recorded the offer to the family ({response}).")


@people_command.command("answer")
@click.argument("participant_id", metavar="ID")
@click.argument("answer", type=click.Choice(ANSWERS))
@click.option("--note", default="", metavar="TEXT",
              help="How they took part, or why they declined or were not approached "
                   "(required for not_approached).")
@click.pass_obj
def answer_command(app: App, participant_id: str, answer: str, note: str) -> None:
    """Record ID's answer to the invitation to take part: took_part, declined or
    not_approached.

    The report's section on involvement says, for each family member, whether they took part,
    declined or were not approached, with the note. Examples:

    \b
      casereview people CR-2025-001 answer P7 took_part --note "met the lead reviewers twice"
      casereview people CR-2025-001 answer P9 not_approached --note "too young to be approached"
    """
    review_id = group_review_id()
    record_involvement(app.reviews, review_id, participant_id, answer, note)
    click.echo(f"Recorded {participant_id}'s answer: {answer.replace('_', ' ')}.")
