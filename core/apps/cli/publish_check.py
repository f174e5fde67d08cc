"""`casereview publish-check REVIEW`: is the report ready to publish, and if not, why not."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from attrs import evolve

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, parse_day, review_argument
from core.kernel.dates import long_date
from core.kernel.errors import TransitionRefused
from core.kernel.journal import Event
from core.kernel.lifecycle import Stage
from core.kernel.state import from_snapshot, to_snapshot
from core.kernel.text import plural
from core.output.pseudonyms import for_output, proposals
from core.output.publication.check import PUBLISHED_FORMATS, run_check
from core.output.publication.custody import checked_identities
from core.output.publication.guard import identities_events, record_event
from core.output.publication.problems import Problem
from core.output.publication.working_material import topics
from core.output.report.build import build
from core.output.report.pack import published


@click.command()
@review_argument
@click.option("--publication-date", metavar="DATE", default=None,
              help="The planned publication day (YYYY-MM-DD); default: the one recorded with "
                   "`casereview clock REVIEW date publication_planned --on DATE`.")
@click.option("--no-record", is_flag=True,
              help="Only look: do not record the outcome in the audit trail.")
@click.option("--publish", is_flag=True,
              help="If nothing blocks, move the review to the publication stage straight away.")
@json_option
@click.pass_obj
def publish_check_command(app: App, review_id: str, publication_date: str | None,
                          no_record: bool, publish: bool, as_json: bool) -> None:
    """Check REVIEW's report before publication, and list every problem.

    Blocking: identifying details (the real names in the identity register, dates of birth,
    street addresses and postcodes, NHS and National Insurance numbers, phone numbers, email
    addresses); content the regime requires (what happened, why, what must happen, actions
    taken, their impact, what more will be done); an incomplete chain from evidence to action;
    and the copies the regime requires before publication; working material in the published
    report (a section marked internal, a conversation record quoted word for word); the
    sections reviewers write (`casereview section`) and the publication decision. Warnings:
    plain English (reading ease, long sentences, acronyms not spelled out), the volume of
    chronology entries copied word for word, and sensitive topics (health conditions,
    pregnancy, mental health, criminal allegations ...: edit the list by putting a
    sensitive-topics.yaml beside the database) for a reviewer to confirm.

    The outcome is recorded (never the snippets), with the SHA-256 of the report in each
    format, so the file published can be matched to the one checked. The review can move to
    publication only after a check that finds nothing blocking, with nothing changed since
    (the identity register included). Exit code 1 when something blocks.
    """
    if publish and no_record:
        raise click.UsageError("--publish records the check with the move; leave out --no-record")
    state = app.reviews.load(review_id)
    identities, fingerprint = checked_identities(str(app.journal.path), state)
    day = parse_day(publication_date, "--publication-date") if publication_date else None
    today = dt.date.today()
    shown = for_output(state, identities)  # the report shows pseudonyms, never the names
    report = published(build(app.host, shown, today=today), shown)
    check = run_check(app.host, shown, identities, publication_date=day, today=today,
                      report=report, formats=PUBLISHED_FORMATS,
                      sensitive=topics(str(app.journal.path)))
    check = _names_in_records(check, state, identities)
    if not as_json:
        _print(check)  # first, so a refused move below still shows what the check found
    moved = None
    if not no_record:
        moved = _record(app, state, check, fingerprint, publish=publish and check.ready)
    if as_json:
        data = _data(check)
        if publish:
            data["published"] = moved is not None
        echo_json(data)
    elif moved is not None:
        click.echo(f"{check.review_id} is now at stage {moved.stage.label}.")  # (masked)
    if not check.ready:
        raise SystemExit(1)


def _record(app: App, state: Any, check: Any, fingerprint: str | None, *,
            publish: bool) -> Any:
    """Write the check's outcome and, with `publish`, the move to publication, in one batch:
    the move's guards are asked first, so a refused move writes nothing at all."""
    events = identities_events(state, fingerprint)
    events.append(record_event(check, state.seq + len(events), identities=fingerprint))
    if not publish:
        app.reviews.write(state, events)
        return None
    # The review as it will stand once the check is recorded: the guards judge that.
    preview = from_snapshot(to_snapshot(state))
    for offset, (kind, payload) in enumerate(events, start=1):
        preview.apply(Event(state.id, state.seq + offset, dt.datetime.now(dt.UTC),
                            app.actor, kind, payload))
    reasons = app.reviews.refusals(preview, Stage.PUBLICATION)
    if reasons:
        raise TransitionRefused(state.stage.value, Stage.PUBLICATION.value, reasons)
    source = state.stage
    events.append(("stage.changed", {"from": source.value, "to": Stage.PUBLICATION.value,
                                     "reason": "publication check passed"}))
    moved = app.reviews.write(state, events)
    for error in app.host.notify_each("stage_changed", review=moved, source=source.value,
                                      target=Stage.PUBLICATION.value):
        click.echo(f"Warning: {error} (the move was recorded)", err=True)
    return moved


def _names_in_records(check: Any, state: Any, identities: Any) -> Any:
    """A warning when stored records still hold registered names: the report shows their
    pseudonyms, but the review's own records should not keep the names either."""
    held = sum(1 for _ in proposals(state, identities))
    if not held:
        return check
    warning = Problem(
        code="names_in_records", where="The review's records", snippet="",
        why=f"{plural(held, 'stored record')} still {'holds' if held == 1 else 'hold'} a "
            "registered real name; the report "
            "shows the pseudonym in its place",
        fix=f"replace the names in the records with `casereview identity {state.id} apply`",
        blocking=False)
    return evolve(check, problems=(*check.problems, warning))


def _data(check: Any) -> dict[str, Any]:
    return {
        "review": check.review_id,
        "checked_on": check.checked_on,
        "publication_date": check.publication_date,
        "ready": check.ready,
        "reading_ease": check.reading_ease,
        "keep_on_website_until": [{"what": w, "until": d} for w, d in check.keep_until],
        "reports": [{"format": f, "sha256": h} for f, h in check.reports],
        "problems": [{"code": p.code, "where": p.where, "snippet": p.snippet, "why": p.why,
                      "fix": p.fix, "blocking": p.blocking} for p in check.problems],
    }


def _print(check: Any) -> None:
    blocking, warnings = check.blocking, check.warnings
    verdict = ("ready to publish" if check.ready
               else f"NOT ready: {plural(len(blocking), 'blocking problem')}")
    click.echo(f"Publication check of {check.review_id} on {long_date(check.checked_on)}: "
               f"{verdict}, {plural(len(warnings), 'warning')}.")
    if check.publication_date:
        click.echo(f"Planned publication: {long_date(check.publication_date)}.")
    for what, until in check.keep_until:
        click.echo(f"{what}: keep the report on the website until at least {long_date(until)}.")
    if check.reading_ease is not None:
        click.echo(f"Reading ease (Flesch): {check.reading_ease}.")
    for fmt, digest in check.reports:
        click.echo(f"Checked the {fmt} report with SHA-256 {digest}.")
    for title, problems in (("Blocking", blocking), ("Warnings", warnings)):
        if problems:
            click.echo(f"\n{title}:")
        for p in problems:
            click.echo(f"  - [{p.where}] {p.why}")
            if p.snippet:
                click.echo(f"      at: {p.snippet}")
            click.echo(f"      fix: {p.fix}")
