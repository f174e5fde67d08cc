"""`casereview users`: a partnership's accounts and their roles on each review."""

from __future__ import annotations

import sys

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option
from core.kernel.accounts import (
    ROLE_TITLES,
    accounts,
    add_account,
    current_account,
    grant,
    grants,
    require,
    revoke,
)


@click.group()
def users_command() -> None:
    """The people who use casereview in a partnership, and their role on each review.

    \b
    Roles, held per review:
      business-manager  runs the review; sees everything, gives others roles
      lead-reviewer     sees and changes the review, the identity register and the pack
      review-team       sees and changes the review and the review team's pack
      agency-author     sends and sees their own agency's material only (--agency)
      practitioner      joins their own learning session only
      board-member      may read the review, not change it

    On the shared PostgreSQL server each account is a database login and the database itself
    enforces these roles. In an SQLite file there are no logins: the roles there catch mistakes
    by whoever acts as an account (--actor); the coordinator who keeps the file may do all.
    """


@users_command.command("add")
@click.argument("name")
@click.option("--full-name", required=True, help="The person's name, as colleagues know it.")
@click.option("--password-stdin", is_flag=True,
              help="On the server: read the account's password from standard input.")
@click.pass_obj
def add_command(app: App, name: str, full_name: str, password_stdin: bool) -> None:
    """Add the account NAME (lower case, e.g. jsmith): on the server, also its login."""
    password = sys.stdin.readline().strip() if password_stdin else None
    account = add_account(app.journal, name, full_name, app.actor, password)
    click.echo(f"Added the account {account.name} ({account.full_name}). Give it a role on a "
               f"review with `casereview users grant {account.name} REVIEW ROLE`.")


@users_command.command("list")
@json_option
@click.pass_obj
def list_command(app: App, as_json: bool) -> None:
    """List the accounts, each with its roles."""
    found = accounts(app.journal)
    held = grants(app.journal)
    if as_json:
        echo_json([{"name": a.name, "full_name": a.full_name,
                    "roles": [{"review": g.review_id, "role": g.role, "agency": g.agency}
                              for g in held if g.account == a.name]} for a in found])
        return
    if not found:
        click.echo("There are no accounts yet; add one with `casereview users add`.")
    for account in found:
        click.echo(f"{account.name} ({account.full_name})")
        for g in (g for g in held if g.account == account.name):
            agency = f" for {g.agency}" if g.agency else ""
            click.echo(f"  {g.review_id}: {ROLE_TITLES[g.role].split(' (')[0]}{agency}")


@users_command.command("grant")
@click.argument("name")
@click.argument("review_id", metavar="REVIEW")
@click.argument("role", type=click.Choice(
    ["business-manager", "lead-reviewer", "review-team", "agency-author", "practitioner",
     "board-member"]))
@click.option("--agency", default="", help="For an agency author: the one agency they write for.")
@click.pass_obj
def grant_command(app: App, name: str, review_id: str, role: str, agency: str) -> None:
    """Give NAME the ROLE on REVIEW (a business manager of the review, or the administrator)."""
    app.reviews.load(review_id)  # an unknown review is refused
    require(app.journal, current_account(app.journal, app.actor), review_id, "roles")
    given = grant(app.journal, name, review_id, role, agency, app.actor)
    click.echo(f"{given.account} is now {ROLE_TITLES[role].split(' (')[0]} on {review_id}"
               + (f" for {given.agency}." if given.agency else "."))


@users_command.command("revoke")
@click.argument("name")
@click.argument("review_id", metavar="REVIEW")
@click.argument("role")
@click.pass_obj
def revoke_command(app: App, name: str, review_id: str, role: str) -> None:
    """Take the ROLE on REVIEW away from NAME."""
    require(app.journal, current_account(app.journal, app.actor), review_id, "roles")
    revoke(app.journal, name, review_id, role)
    click.echo(f"{name} no longer holds the role {role} on {review_id}.")
