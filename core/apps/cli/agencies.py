"""`casereview agencies`: the agencies involved in a review."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.kernel.model import AgencyKind
from core.statutory.commissioning import add_agency


@click.group()
@review_argument
def agencies_command(review_id: str) -> None:
    """Add or list the agencies involved in REVIEW (police, children's social care, schools,
    GPs, hospitals, health visiting, housing, probation, ...):
    `casereview agencies REVIEW add NAME --kind police`."""


@agencies_command.command("add")
@click.argument("name")
@click.option("--kind", default="other", type=click.Choice([k.value for k in AgencyKind]),
              help="What kind of agency it is.")
@click.pass_obj
def add_command(app: App, name: str, kind: str) -> None:
    """Record NAME as an agency involved in REVIEW."""
    review_id = group_review_id()
    _state, clashes = add_agency(app.reviews, review_id, name, kind)
    click.echo(f"Added {name} ({kind.replace('_', ' ')}).")
    for reviewer in clashes:
        click.echo(f"Warning: lead reviewer {reviewer} is or was employed by {name}; they are not "
                   "independent of this review. Appoint another before gathering evidence.",
                   err=True)


@agencies_command.command("list")
@json_option
@click.pass_obj
def list_command(app: App, as_json: bool) -> None:
    """List the agencies involved in REVIEW."""
    review_id = group_review_id()
    agencies = sorted(app.reviews.load(review_id).agencies.values(), key=lambda a: a.name)
    if as_json:
        echo_json([{"name": a.name, "kind": a.kind.value} for a in agencies])
        return
    if not agencies:
        click.echo("No agencies recorded yet.")
    for agency in agencies:
        click.echo(f"{agency.name} ({agency.kind.value.replace('_', ' ')})")
