"""`casereview publish-check REVIEW`: is the report ready to publish, and if not, why not."""

from __future__ import annotations

import click

from core.cli.base import App
from core.cli.output import echo_json, json_option, parse_day, review_argument
from core.report.templating import long_date


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
    and the copies the regime requires before publication. Warnings: plain English (reading
    ease, long sentences, acronyms not spelled out).

    The outcome is recorded (never the snippets), and the review can move to publication only
    after a check that finds nothing blocking. Exit code 1 when something blocks.
    """
    from core.publication import IdentityRegister, run_check
    from core.publication.guard import record_event

    reviews = app.reviews
    state = reviews.load(review_id)
    register = IdentityRegister.beside(str(app.journal.path))
    try:
        identities = register.identities(review_id)
    finally:
        register.close()
    day = parse_day(publication_date, "--publication-date") if publication_date else None
    check = run_check(app.host, state, identities, publication_date=day)
    if not no_record:
        reviews.write(state, [record_event(check, state.seq)])
    if as_json:
        echo_json(_data(check))
    else:
        _print(check)
    if publish and check.ready:
        moved = reviews.move(review_id, "publication", reason="publication check passed")
        click.echo(f"{review_id} is now at stage {moved.stage.label}.")
    if not check.ready:
        raise SystemExit(1)


def _data(check) -> dict:
    return {
        "review": check.review_id,
        "checked_on": check.checked_on,
        "publication_date": check.publication_date,
        "ready": check.ready,
        "reading_ease": check.reading_ease,
        "keep_on_website_until": [{"what": w, "until": d} for w, d in check.keep_until],
        "problems": [{"code": p.code, "where": p.where, "snippet": p.snippet, "why": p.why,
                      "fix": p.fix, "blocking": p.blocking} for p in check.problems],
    }


def _print(check) -> None:
    blocking, warnings = check.blocking, check.warnings
    verdict = ("ready to publish" if check.ready
               else f"NOT ready: {len(blocking)} blocking problem(s)")
    click.echo(f"Publication check of {check.review_id} on {long_date(check.checked_on)}: "
               f"{verdict}, {len(warnings)} warning(s).")
    if check.publication_date:
        click.echo(f"Planned publication: {long_date(check.publication_date)}.")
    for what, until in check.keep_until:
        click.echo(f"{what}: keep the report on the website until at least {long_date(until)}.")
    if check.reading_ease is not None:
        click.echo(f"Reading ease (Flesch): {check.reading_ease}.")
    for title, problems in (("Blocking", blocking), ("Warnings", warnings)):
        if problems:
            click.echo(f"\n{title}:")
        for p in problems:
            click.echo(f"  - [{p.where}] {p.why}")
            if p.snippet:
                click.echo(f"      at: {p.snippet}")
            click.echo(f"      fix: {p.fix}")
