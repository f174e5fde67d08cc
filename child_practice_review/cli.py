"""`casereview cpr ...`: the Child Practice Review commands (added through `register_commands`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from core import hookimpl
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel.errors import InvalidValue

KINDS = ("terms", "panel", "notices", "timeline", "events", "learning", "briefing", "press")


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(cpr)


@click.group("cpr")
def cpr() -> None:
    """Child Practice Review (Wales): panel, timeline, learning event, learning, outputs.

    The review team writes its material as YAML a reviewer can edit (forms from `casereview
    cpr template KIND`; a worked example in child_practice_review/example/). The
    commands check it against the review and load it, all or nothing. People are recorded by
    role and agency, never by name.

    \b
      casereview cpr plan REVIEW [--type extended]
      casereview cpr taxonomy
      casereview cpr template KIND [--review REVIEW] [--out FILE]
      casereview cpr record REVIEW KIND FILE.yaml     (KIND: terms, panel, notices, timeline,
                                                     events, learning, briefing, press)
      casereview cpr load REVIEW FOLDER
      casereview cpr date REVIEW welsh_government --on 2025-03-06
      casereview cpr timeline REVIEW
      casereview cpr briefing REVIEW
      casereview cpr bundle REVIEW --out FOLDER
      casereview cpr check REVIEW
    Learning is then listed, accepted and finalised with `casereview findings`; the
    recommendations and action plan with `casereview actions`.
    """


def _write(app: App, review_id: str, documents: dict[str, tuple[str, Any]]) -> None:
    from child_practice_review.loading import plan_load
    from child_practice_review.taxonomy import METHODOLOGY
    from core.apps.cli.method_material import load_documents

    load_documents(app, review_id, documents, plan_load, METHODOLOGY, "Child Practice Review")


@cpr.command("plan")
@review_argument
@click.option("--type", "review_type", type=click.Choice(["concise", "extended"]),
              help="Plan as this type (default: the review's, from the regime's criteria).")
@json_option
@click.pass_obj
def plan_command(app: App, review_id: str, review_type: str | None, as_json: bool) -> None:
    """The plan of REVIEW: activities per stage, roles, duration."""
    from child_practice_review.plan import classified_type, plan_review

    state = app.reviews.load(review_id)
    plan = plan_review(review=state, methodology="child-practice-review", variant=review_type)
    if as_json:
        echo_json(plan)
        return
    classified = classified_type(state)
    click.echo(f"Child Practice Review, {plan.variant}: about {plan.typical_weeks:g} weeks"
               + (f" (the regime's criteria make it {classified})" if classified else ""))
    for a in plan.activities:
        count = f" ×{a.count}" if a.count != 1 else ""
        click.echo(f"  {a.stage:<16} {a.title}{count}  [{', '.join(a.who)}]")
    click.echo("Roles:")
    for role, what in plan.roles.items():
        click.echo(f"  {role}: {what}")
    click.echo(f"Each agency sends: {plan.agency_submission}")


@cpr.command("taxonomy")
@json_option
def taxonomy_command(as_json: bool) -> None:
    """The keys to use in the YAML: review types, kinds of learning, learning events, the
    report's and the briefing's headings."""
    from child_practice_review import taxonomy as t

    data = {"review_types": {n: v.summary for n, v in t.REVIEW_TYPES.items()},
            "learning_kinds": t.LEARNING_KINDS, "learning_events": t.LEARNING_EVENTS,
            "report_headings": t.REPORT_HEADINGS, "briefing_headings": t.BRIEFING_HEADINGS}
    if as_json:
        echo_json(data)
        return
    for key, values in data.items():
        click.echo(key.replace("_", " ").capitalize() + ":")
        for name, label in values.items():
            click.echo(f"  {name:<22} {label}")
    click.echo(f"The 7-minute briefing fits one page: at most {t.BRIEFING_WORD_BUDGET} words, "
               f"{t.BRIEFING_HEADING_BUDGET} in a box (a local default you can change).")


@cpr.command("template")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--review", "review_id", metavar="REVIEW",
              help="For the timeline: list this review's entries in the focus period.")
@click.option("--out", type=click.Path(dir_okay=False), help="Write to FILE (never overwrites).")
@click.pass_obj
def template_command(app: App, kind: str, review_id: str | None, out: str | None) -> None:
    """Write a blank, commented form for KIND, to fill in and load with `cpr record`."""
    from child_practice_review.forms import FORMS, timeline_form

    text = timeline_form(app.reviews.load(review_id) if review_id else None) \
        if kind == "timeline" else FORMS[kind]
    if out is None:
        click.echo(text, nl=False)
        return
    path = Path(out)
    if path.exists():
        raise InvalidValue(f"{out} already exists; nothing was written",
                           hint="give another file name")
    path.write_text(text, encoding="utf-8")
    click.echo(f"Wrote the {kind} form to {out}.")


@cpr.command("record")
@review_argument
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("path", metavar="FILE.yaml", type=click.Path(dir_okay=False))
@click.pass_obj
def record_command(app: App, review_id: str, kind: str, path: str) -> None:
    """Load one file of KIND into REVIEW, checked first: any problem changes nothing."""
    from child_practice_review.loading import read_documents

    _write(app, review_id, read_documents({kind: Path(path)}))


@cpr.command("load")
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.pass_obj
def load_command(app: App, review_id: str, folder: str) -> None:
    """Load every method file in FOLDER into REVIEW, all checked together first."""
    from child_practice_review.loading import directory_paths, read_documents

    _write(app, review_id, read_documents(directory_paths(Path(folder))))


@cpr.command("date")
@review_argument
@click.argument("key", type=click.Choice(["welsh_government", "case_review_group",
                                          "panel_first_met", "board_approved",
                                          "case_review_group_sign_off", "home_office",
                                          "repository", "published"]))
@click.option("--on", "on", required=True, metavar="DATE", help="The day (YYYY-MM-DD).")
@click.option("--note", default="", help="What was sent or done, in a few words.")
@click.pass_obj
def date_command(app: App, review_id: str, key: str, on: str, note: str) -> None:
    """Record a key date of REVIEW, e.g. the day Welsh Government was told of the intent."""
    _write(app, review_id, {"notices": ("the command line",
                                        {key: {"on": on, "note": note} if note else on})})


@cpr.command("timeline")
@review_argument
@json_option
@click.pass_obj
def timeline_command(app: App, review_id: str, as_json: bool) -> None:
    """The timeline of significant events, in date order, marking the published rows."""
    from child_practice_review.records import timeline
    from core.kernel import codec
    from core.kernel.dates import long_span

    state = app.reviews.load(review_id)
    found = timeline(state)
    if as_json:
        echo_json(codec.to_data(found))
        return
    if not found:
        click.echo("No significant events yet (`casereview cpr template timeline`).")
    for item in found:
        entry = state.chronology.get(item.entry.entry_id)
        when = long_span(entry.date) if entry else "?"
        mark = "published" if item.summary else "panel only"
        click.echo(f"{item.id:<5} {when:<22} {item.entry.agency} {item.entry.ref} [{mark}]\n"
                   f"      {item.significance}")


@cpr.command("briefing")
@review_argument
@click.pass_obj
def briefing_command(app: App, review_id: str) -> None:
    """The 7-minute briefing, box by box, with its length against the one-page budget."""
    from child_practice_review.readers import words
    from child_practice_review.records import briefing
    from child_practice_review.taxonomy import BRIEFING_HEADINGS, BRIEFING_WORD_BUDGET

    recorded = briefing(app.reviews.load(review_id))
    if recorded is None:
        click.echo("No 7-minute briefing yet (`casereview cpr template briefing`).")
        return
    for key, text in recorded.boxes.items():
        click.echo(f"{BRIEFING_HEADINGS.get(key, key)} ({words(text)} words)\n  {text}")
    total = sum(words(t) for t in recorded.boxes.values())
    click.echo(f"{total} of {BRIEFING_WORD_BUDGET} words: "
               + ("fits one page." if total <= BRIEFING_WORD_BUDGET else "too long for a page."))


@cpr.command("bundle")
@review_argument
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="The folder for the bundle (files in it are never overwritten).")
@click.pass_obj
def bundle_command(app: App, review_id: str, out: str) -> None:
    """Write the published bundle: terms of reference, summary timeline, the report (HTML,
    Markdown, Word), the 7-minute briefing, the press statement and the action plan.

    Refused, with nothing written, if any page holds an identifying detail of the child or
    family (the identity register's real names, dates of birth, addresses ...). Run
    `casereview publish-check REVIEW` before publishing the report."""
    from child_practice_review.bundle import write_bundle
    from core.output.publication.identity import IdentityRegister

    register = IdentityRegister.beside(str(app.journal.path))
    try:
        identities = register.identities(review_id)
    finally:
        register.close()
    for path in write_bundle(app.host, app.reviews.load(review_id), Path(out),
                             identities=identities):
        click.echo(f"Wrote {path}")


@cpr.command("check")
@review_argument
@json_option
@click.pass_obj
def check_command(app: App, review_id: str, as_json: bool) -> None:
    """The method's checks on REVIEW at its stage: reviewers, panel, Welsh Government notice,
    focus period, invitations, summary timeline, briefing, press statement."""
    from child_practice_review.checks import check_stage

    state = app.reviews.load(review_id)
    found = check_stage(review=state, stage=state.stage.value)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No Child Practice Review check finds anything at stage {state.stage.label}.")
    for item in found:
        click.echo(f"{item['level']:<8} {item['check']}: {item['message']}")
