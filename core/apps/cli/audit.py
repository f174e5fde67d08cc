"""`casereview audit REVIEW`: who saw the identity register and the review team's pack."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel.access_log import entries
from core.kernel.accounts import current_account, require
from core.kernel.dates import long_date


@click.command()
@review_argument
@json_option
@click.pass_obj
def audit_command(app: App, review_id: str, as_json: bool) -> None:
    """List who read REVIEW's identity register or its review team's pack, and when.

    Each read is recorded before anything is shown. Only the review's lead reviewers and
    business manager may see this list. The history of changes is `casereview history`.
    """
    app.reviews.load(review_id)  # an unknown review is refused
    require(app.journal, current_account(app.journal, app.actor), review_id, "audit")
    found = entries(app.journal, review_id)
    if as_json:
        echo_json([{"at": a.at, "account": a.account, "what": a.what, "detail": a.detail}
                   for a in found])
        return
    if not found:
        click.echo(f"No one has read the identity register or the review team's pack of "
                   f"{review_id}.")
    for access in found:
        click.echo(f"{long_date(access.at.date())} at {access.at:%H:%M} UTC: {access.account} "
                   f"read {access.described}")
