"""`casereview findings REVIEW ...`: list, add, take up suggestions, finalise — any methodology."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from core.analysis import findings
from core.apps.cli.base import App
from core.apps.cli.correct import settings_of
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.kernel import codec
from core.kernel.model import Finding, FindingStatus
from core.output.pseudonyms import load_for_output


def echo_warnings(warnings: list[dict[str, str]]) -> None:
    for warning in warnings:
        click.echo(f"Warning ({warning.get('check', 'check')}): {warning.get('message', '')}",
                   err=True)


@click.group()
@review_argument
def findings_command(review_id: str) -> None:
    """The findings of REVIEW: list them, add one, take up a suggestion, finalise.

    Findings are the reviewers' judgement. The methodology may suggest candidate findings
    (`suggest`); a suggestion stays a suggestion until a reviewer accepts it, and a draft becomes
    final only when the core's and the methodology's checks find no problem (for example, a
    Learning Together finding needs evidence that the pattern is not peculiar to this case).

    \b
    Examples:
      casereview findings CR-2026-001 list
      casereview findings CR-2026-001 suggest
      casereview findings CR-2026-001 accept S-inter-agency-team
      casereview findings CR-2026-001 dismiss S-family --reason "case-specific"
      casereview findings CR-2026-001 finalise F1
    """


def _row(finding: Any) -> dict[str, Any]:
    return codec.to_data(finding)


@findings_command.command("list")
@click.option("--status", type=click.Choice(["suggested", "draft", "final"]),
              help="Only findings with this status.")
@json_option
@click.pass_context
def list_findings(ctx: click.Context, status: str | None, as_json: bool) -> None:
    """List the findings, with their status, category and evidence."""
    app: App = ctx.obj
    state = load_for_output(app.reviews, group_review_id(ctx))  # names read as pseudonyms
    rows = [f for _, f in sorted(state.findings.items()) if not status or f.status.value == status]
    if as_json:
        echo_json([_row(f) for f in rows])
        return
    if not rows:
        click.echo("No findings yet." if not status else f"No {status} findings.")
    for f in rows:
        click.echo(f"{f.id:<12} {f.status.value:<10} {f.category or '-':<40} {f.title}")
        if f.evidence_ids:
            click.echo(f"{'':<12} evidence: {', '.join(f.evidence_ids)}")


@findings_command.command("show")
@click.argument("finding_id", metavar="FINDING")
@json_option
@click.pass_context
def show_finding(ctx: click.Context, finding_id: str, as_json: bool) -> None:
    """Show one finding in full, with the checks it would face to become final."""
    app: App = ctx.obj
    state = load_for_output(app.reviews, group_review_id(ctx))  # names read as pseudonyms
    finding = findings.get(state, finding_id)
    found = findings.checks(app.host, state, finding, FindingStatus.FINAL)
    if as_json:
        echo_json(_row(finding) | {"checks_for_final": found})
        return
    click.echo(f"{finding.id} ({finding.status.value}): {finding.title}")
    click.echo(f"  Category:  {finding.category or 'none'}")
    click.echo(f"  Statement: {finding.statement}")
    click.echo(f"  Evidence:  {', '.join(finding.evidence_ids) or 'none'}")
    for key, value in finding.details.items():
        click.echo(f"  {key.replace('_', ' ').capitalize()}: {value}")
    if finding.status is not FindingStatus.FINAL:
        if not found:
            click.echo("  Ready to finalise: no check finds a problem.")
        for check in found:
            click.echo(f"  To finalise ({check['level']}, {check['check']}): {check['message']}")


@findings_command.command("add")
@click.option("--id", "finding_id", required=True, help="A short id, e.g. F1.")
@click.option("--title", required=True, help="The finding in a line.")
@click.option("--statement", required=True, help="What the finding says.")
@click.option("--category", default="", help="The category from the methodology's typology.")
@click.option("--evidence", "evidence_ids", multiple=True, metavar="ID",
              help="Evidence that supports it (repeat for several).")
@click.option("--detail", "details", multiple=True, metavar="KEY=VALUE",
              help="One of the methodology's own fields of a finding (Learning Together: "
                   "in_this_case, episodes, factors, not_peculiar, why_it_matters, "
                   "board_issues); repeat a key for a list, e.g. one --detail "
                   "board_issues=... per question.")
@click.option("--final", is_flag=True, help="Record it as final straight away (checks apply).")
@click.pass_context
def add_finding(ctx: click.Context, finding_id: str, title: str, statement: str, category: str,
                evidence_ids: tuple[str, ...], final: bool, details: tuple[str, ...] = ()) -> None:
    """Record a finding a reviewer wrote (a draft unless --final). Replaces one with the same id.

    A methodology with its own shape of finding has its own import too (for Learning Together:
    `casereview lt findings REVIEW import FILE.yaml`).
    """
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    finding = Finding(finding_id, title, statement, category=category,
                      evidence_ids=evidence_ids, status="final" if final else "draft",
                      details=dict(settings_of(details, "--detail")))
    change = findings.record(app.host, state, finding)
    reviews.write(state, change.events)
    echo_warnings(change.warnings)
    click.echo(f"Recorded finding {finding_id} as {finding.status.value}.")


@findings_command.command("suggest")
@json_option
@click.pass_context
def suggest_findings(ctx: click.Context, as_json: bool) -> None:
    """Ask the methodology for candidate findings and keep them as suggestions.

    A suggestion is never a finding until a reviewer accepts it; the report leaves suggestions out.
    """
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    new, events = findings.suggest(app.host, state)
    if events:
        reviews.write(state, events)
    if as_json:
        echo_json([_row(f) for f in new])
        return
    if not new:
        click.echo("No new suggestions.")
    for f in new:
        click.echo(f"Suggested {f.id}: {f.title}")
    if new:
        click.echo("Accept one with `casereview findings REVIEW accept ID` once a reviewer agrees.")


@findings_command.command("accept")
@click.argument("finding_id", metavar="SUGGESTION")
@click.option("--title", help="Reword the title as you take it up.")
@click.option("--statement", help="Reword the statement.")
@click.option("--category", help="Place it in a category of the methodology's typology.")
@click.pass_context
def accept_finding(ctx: click.Context, finding_id: str, title: str | None,
                   statement: str | None, category: str | None) -> None:
    """A reviewer takes up a suggestion: it becomes a draft finding."""
    _change(ctx, lambda host, state: findings.accept(
        host, state, finding_id, title=title, statement=statement, category=category),
        f"{finding_id} is now a draft finding.")


@findings_command.command("dismiss")
@click.argument("finding_id", metavar="SUGGESTION")
@click.option("--reason", default="", help="Why, for the audit trail.")
@click.pass_context
def dismiss_finding(ctx: click.Context, finding_id: str, reason: str) -> None:
    """Turn a suggestion down: it is removed and not suggested again."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    reviews.write(state, findings.dismiss(state, finding_id, reason))
    click.echo(f"Dismissed the suggestion {finding_id}.")


@findings_command.command("finalise")
@click.argument("finding_id", metavar="FINDING")
@click.pass_context
def finalise_finding(ctx: click.Context, finding_id: str) -> None:
    """Make a draft finding final, if no check finds a problem (each problem is listed)."""
    _change(ctx, lambda host, state: findings.finalise(host, state, finding_id),
            f"{finding_id} is final.")


@findings_command.command("reopen")
@click.argument("finding_id", metavar="FINDING")
@click.pass_context
def reopen_finding(ctx: click.Context, finding_id: str) -> None:
    """Turn a final finding back into a draft (for example after a recall session)."""
    _change(ctx, lambda host, state: findings.reopen(host, state, finding_id),
            f"{finding_id} is a draft again.")


def _change(ctx: click.Context, make: Callable[[Any, Any], Any], done: str) -> None:
    """Load the group's review, make a finding change on it, write it, and say so."""
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    change = make(app.host, state)
    reviews.write(state, change.events)
    echo_warnings(change.warnings)
    click.echo(done)
