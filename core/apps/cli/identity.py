"""`casereview identity REVIEW add|list|remove`: the real names to keep out of the report."""

from __future__ import annotations

import sys

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.kernel.access_log import seen
from core.kernel.corrections import require_reason
from core.kernel.errors import NotFound
from core.kernel.text import plural
from core.output.pseudonyms import hidden_names, proposals
from core.output.publication.custody import add_and_note, open_register, remove_and_note


def _register(app: App, state, *, replace_lost: bool = False):
    """The register beside the database, refused when it is not the one the journal knows."""
    return open_register(str(app.journal.path), state, replace_lost=replace_lost)


def _seen(app: App, review_id: str, detail: str) -> None:
    """Only named roles may use the register, and every use is recorded (`casereview audit`)."""
    if not seen(app.journal, app.actor, review_id, "identity", detail):
        click.echo("(This database is read-only here, so this use of the register was not "
                   "recorded.)", err=True)


@click.group()
@review_argument
def identity_command(review_id: str) -> None:
    """The identity register: real names behind the review's pseudonyms.

    Kept in a separate file beside the database (readable by you only), never in the audit
    trail, never exported and never in a report. The publication check reads it to make sure
    none of these names appears in the report.
    """


@identity_command.command("add")
@click.option("--pseudonym", required=True, help='The name the report uses, e.g. "Child A".')
@click.option("--real-name", default=None,
              help="The real name. Leave it out to be asked for it (it then stays out of your "
                   "shell history).")
@click.option("--real-name-stdin", is_flag=True,
              help="Read the real name from the first line of standard input.")
@click.option("--replace-lost-register", is_flag=True,
              help="The register that belonged with this database is lost for good: start or "
                   "use the one beside it anyway (then register every real name again).")
@click.pass_context
def add_command(ctx: click.Context, pseudonym: str, real_name: str | None,
                real_name_stdin: bool, replace_lost_register: bool) -> None:
    """Register the real name behind PSEUDONYM."""
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    state = app.reviews.load(review_id)  # refuse an unknown review before asking for a name
    _seen(app, review_id, f"added a name for {pseudonym}")
    checked = _register(app, state, replace_lost=replace_lost_register)  # refuse a wrong one
    if checked is not None:
        checked.close()
    if real_name_stdin:
        real_name = sys.stdin.readline().strip()
    elif real_name is None:
        real_name = click.prompt(f"Real name behind {pseudonym}", hide_input=True)
    register = _register(app, state, replace_lost=True)  # (checked above)
    try:
        # The journal hears of it too (an earlier check no longer holds): both or neither.
        add_and_note(app.reviews, review_id, register, real_name or "", pseudonym)
    finally:
        register.close()
    click.echo(f"Registered a real name for {pseudonym} in {register.path}; the publication "
               "check will keep it out of the report.")


@identity_command.command("list")
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """List the pseudonyms with a real name registered (names shown as initials only)."""
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    state = app.reviews.load(review_id)
    _seen(app, review_id, "listed")
    register = _register(app, state)
    try:
        found = register.identities(review_id) if register else []
    finally:
        if register:
            register.close()
    if as_json:
        echo_json([{"pseudonym": i.pseudonym, "initials": i.masked} for i in found])
        return
    if not found:
        click.echo("No real names are registered for this review.")
    for identity in found:
        click.echo(f"{identity.pseudonym}: {identity.masked}")


@identity_command.command("remove")
@click.option("--pseudonym", required=True, help="The pseudonym whose real names to forget.")
@click.pass_context
def remove_command(ctx: click.Context, pseudonym: str) -> None:
    """Forget every real name registered for PSEUDONYM."""
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    state = app.reviews.load(review_id)
    _seen(app, review_id, f"removed the names for {pseudonym}")
    register = _register(app, state, replace_lost=False)
    if register is None:
        raise NotFound(f"no real name is registered for {pseudonym!r}; registered: none")
    try:
        removed = remove_and_note(app.reviews, review_id, register, pseudonym)
    finally:
        register.close()
    click.echo(f"Removed {plural(removed, 'real name')} registered for {pseudonym}.")


@identity_command.command("apply")
@click.option("--all", "apply_all", is_flag=True,
              help="Apply every proposed substitution without asking one by one.")
@click.option("--reason", default="real names replaced by their pseudonyms from the identity "
              "register", metavar="TEXT", show_default=True,
              help="The reason the audit trail keeps beside each corrected record.")
@click.option("--dry-run", is_flag=True, help="Only list the records that hold names.")
@click.pass_context
def apply_command(ctx: click.Context, apply_all: bool, reason: str, dry_run: bool) -> None:
    """Replace the registered real names by their pseudonyms in REVIEW's stored records.

    Reports and exports already show pseudonyms; this corrects the records themselves (an
    agency file that arrived with names, a finding that named someone), so the review holds
    no names either. Each record that holds a name is shown as it would read, and you confirm
    it (or give --all). Every correction keeps the earlier version in the audit trail.
    """
    app: App = ctx.obj
    review_id = group_review_id(ctx)
    reviews = app.reviews
    state = reviews.load(review_id)
    reason = require_reason(reason)
    register = _register(app, state)
    try:
        identities = register.identities(review_id)
    finally:
        register.close()
    found = list(proposals(state, identities))
    if not found:
        click.echo("No stored record holds a registered real name.")
        return
    chosen = []
    for proposal in found:
        click.echo(f"{hidden_names(proposal)}")
        payload = proposal.event[1]
        value = payload.get("value", payload)  # a record's new value, or the review's header
        for name in proposal.fields:
            after = value.get(name) if isinstance(value, dict) else None
            if isinstance(after, str):
                click.echo(f"    would read: {after}")
        if dry_run:
            continue
        if apply_all or click.confirm("Replace the names in this record?", default=True):
            kind, payload = proposal.event
            chosen.append((kind, payload | {"reason": reason}))
    if dry_run:
        click.echo(f"Dry run: {plural(len(found), 'record')} hold registered names; nothing "
                   "was changed.")
        return
    if chosen:
        reviews.write(state, chosen)
    click.echo(f"Replaced the names in {plural(len(chosen), 'record')} of {len(found)}; the "
               "audit trail keeps the earlier versions.")
