"""`casereview silp ...`: the SILP commands (added through `register_commands`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from core import hookimpl
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, parse_day, review_argument
from core.kernel.errors import InvalidValue, lookup

FILE_KINDS = ("scoping", "reports", "learning_event", "findings", "recall_event", "family",
              "overview")


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(silp)


@click.group("silp")
def silp() -> None:
    """SILP (Significant Incident Learning Process): scoping, agency reports, the learning and
    recall events, findings.

    SILP is a proprietary method of Review Consulting Ltd; these commands follow its published
    features. The review team writes its material as YAML a reviewer can edit: start from
    `casereview silp template REVIEW FOLDER` (or silp/example/), then load it, all
    checked first, all or nothing. People are recorded by role and agency, never by name.

    \b
      casereview silp plan REVIEW [--variant proportionate]
      casereview silp terms
      casereview silp template REVIEW FOLDER     (commented files to fill in)
      casereview silp load REVIEW FOLDER         (all the files in FOLDER)
      casereview silp import REVIEW KIND FILE    (one file)
      casereview silp reports REVIEW [--show AGENCY-REPORT]
      casereview silp distribute REVIEW --to WHO --on DATE [AGENCY-REPORT ...]
      casereview silp draft REVIEW RECALL-EVENT --circulated-on DATE
      casereview silp respond REVIEW RECALL-EVENT --part F1 --kind challenge ...
      casereview silp decide REVIEW RESPONSE --disposition accepted --change "..."
      casereview silp walk REVIEW [PERIOD]       (the chronology as known at the time)
      casereview silp recall REVIEW
      casereview silp check REVIEW
    Findings are then listed, accepted and finalised with `casereview findings`.
    """


def _silp_review(app: App, review_id: str) -> Any:
    from core.apps.cli.method_material import review_using

    return review_using(app, review_id, "silp", "SILP")


def _write(app: App, review_id: str, documents: dict[str, tuple[str, Any]]) -> None:
    from core.apps.cli.method_material import load_documents
    from silp.loading import plan_load

    load_documents(app, review_id, documents, plan_load, "silp", "SILP")


@silp.command("plan")
@review_argument
@click.option("--variant", help="full, proportionate or mini-silp (default: the review's).")
@json_option
@click.pass_obj
def plan_command(app: App, review_id: str, variant: str | None, as_json: bool) -> None:
    """The plan of REVIEW: activities per stage, roles, what each agency writes, timescale."""
    from silp.plan import plan_review

    plan = plan_review(review=app.reviews.load(review_id), methodology="silp", variant=variant)
    if as_json:
        echo_json(plan)
        return
    click.echo(f"SILP, {plan.variant} variant: about {plan.typical_weeks:g} weeks")
    for a in plan.activities:
        count = f" ×{a.count}" if a.count != 1 else ""
        click.echo(f"  {a.stage:<16} {a.title}{count}  [{', '.join(a.who)}; ~{a.weeks:g} wk]")
    click.echo("Roles:")
    for role, what in plan.roles.items():
        click.echo(f"  {role}: {what}")
    click.echo(f"Each agency sends: {plan.agency_submission}")


@silp.command("terms")
@json_option
def terms_command(as_json: bool) -> None:
    """The words to use in the YAML: analysis headings, responses, decisions, standings."""
    from silp import taxonomy as t

    data = {"analysis_headings": t.ANALYSIS_HEADINGS, "recall_responses": t.RESPONSES,
            "dispositions": t.DISPOSITIONS, "lead_reviewer_standing": t.STANDINGS,
            "accreditation": t.ACCREDITATION_STATUSES, "family_responses": t.FAMILY_RESPONSES,
            "frames": t.FRAMES, "variants": {n: v.summary for n, v in t.VARIANTS.items()}}
    if as_json:
        echo_json(data)
        return
    for title, values in data.items():
        click.echo(title.replace("_", " ").capitalize() + ":")
        for key, label in values.items():
            click.echo(f"  {key:<20} {label}")


@silp.command("template")
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.pass_obj
def template_command(app: App, review_id: str, folder: str) -> None:
    """Write commented YAML files to fill in, ready-made from REVIEW: its terms of reference,
    agencies, lead reviewers and family. Existing files in FOLDER are never overwritten."""
    from silp.template import write_templates

    written, kept = write_templates(_silp_review(app, review_id), Path(folder))
    for path in written:
        click.echo(f"Wrote {path}")
    for path in kept:
        click.echo(f"Kept {path} (it exists already)")
    click.echo(f"Fill them in, then: casereview silp load {review_id} {folder}")


@silp.command("load")
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.pass_obj
def load_command(app: App, review_id: str, folder: str) -> None:
    """Load every SILP file in FOLDER into REVIEW, all checked together first: any problem
    (listed with file and field) changes nothing."""
    from silp.loading import directory_paths, read_documents

    _write(app, review_id, read_documents(directory_paths(Path(folder))))


@silp.command("import")
@review_argument
@click.argument("kind", type=click.Choice(FILE_KINDS))
@click.argument("path", metavar="FILE.yaml", type=click.Path(dir_okay=False))
@click.pass_obj
def import_command(app: App, review_id: str, kind: str, path: str) -> None:
    """Load one SILP file of KIND (scoping, reports, learning_event, findings, recall_event,
    family or overview) into REVIEW."""
    from silp.loading import read_documents

    _write(app, review_id, read_documents({kind: Path(path)}))


@silp.command("reports")
@review_argument
@click.option("--show", "show", metavar="AGENCY-REPORT", help="Show one report in full.")
@json_option
@click.pass_obj
def reports_command(app: App, review_id: str, show: str | None, as_json: bool) -> None:
    """The agency reports of REVIEW: author, received, and who received each and when.
    These are the review team's working papers; the overview report gives their synthesis."""
    from core.kernel.dates import long_date
    from silp.records import reports
    from silp.taxonomy import ANALYSIS_HEADINGS

    held = {x.id: x for x in reports(app.reviews.load(review_id))}
    chosen = [lookup(held, show, f"no agency report {show!r}")] if show else list(held.values())
    if as_json:
        echo_json(chosen)
        return
    if not chosen:
        click.echo("No agency reports yet.")
    for x in chosen:
        sent = "; ".join(f"{d.to} on {long_date(d.sent_on)}" for d in x.distributed) or "not yet"
        click.echo(f"{x.id:<8} {x.agency} (author: {x.author_role}); received "
                   f"{long_date(x.received_on) or 'not recorded'}; sent to {sent}")
        if not show:
            continue
        click.echo(f"  {x.summary}")
        for a in x.analyses:
            click.echo(f"  {a.line}:" + (f" not involved: {a.not_involved}" if a.not_involved
                                         else ""))
            for key, label in ANALYSIS_HEADINGS.items():
                if getattr(a, key):
                    click.echo(f"    {label}: {getattr(a, key)}")
        for title, items in (("Good practice", x.good_practice), ("Learning", x.learning),
                             ("Single-agency recommendations", x.recommendations)):
            for item in items:
                click.echo(f"  {title}: {item}")


@silp.command("distribute")
@review_argument
@click.argument("report_ids", nargs=-1, metavar="[AGENCY-REPORT ...]")
@click.option("--to", "to", required=True, help="Who received them: a role or a group, never "
              "a name (e.g. 'learning event participants').")
@click.option("--on", "on", required=True, help="The day they were sent (YYYY-MM-DD).")
@click.pass_obj
def distribute_command(app: App, review_id: str, report_ids: tuple[str, ...], to: str,
                       on: str) -> None:
    """Record that agency reports (all of them if none is named) went to someone on a day.
    SILP shares every report with the learning event's participants before the event."""
    from attrs import evolve

    from silp.records import REPORTS, Distribution, put_keyed, reports

    state = _silp_review(app, review_id)
    day = parse_day(on, "--on")
    held = {x.id: x for x in reports(state)}
    chosen = [lookup(held, rid, f"no agency report {rid!r}") for rid in report_ids] \
        or list(held.values())
    if not chosen:
        raise InvalidValue("there are no agency reports to record as sent; load them first")
    sent = Distribution(to.strip(), day)
    events = [put_keyed(REPORTS, x.id, evolve(x, distributed=[*x.distributed, sent]))
              for x in chosen]
    app.reviews.write(state, events)
    click.echo(f"Recorded {len(chosen)} report{'s' if len(chosen) != 1 else ''} sent to "
               f"{to.strip()} on {day.isoformat()}.")


@silp.command("recall")
@review_argument
@json_option
@click.pass_obj
def recall_command(app: App, review_id: str, as_json: bool) -> None:
    """Each response to the draft at the recall event: who, what, the part of the draft it is
    about, the decision, and what changed."""
    from silp.records import events
    from silp.taxonomy import DISPOSITIONS

    state = app.reviews.load(review_id)
    held = events(state, "recall_event")
    if as_json:
        echo_json(held)
        return
    if not held:
        click.echo("No recall event recorded yet.")
    for event in held:
        click.echo(f"Recall event {event.id}: {len(event.responses)} responses")
        for x in event.responses:
            said = state.contributions.get(x.contribution)
            who = f"{said.role}, {said.agency}" if said and said.agency else \
                (said.role if said else "")
            decided = DISPOSITIONS.get(x.disposition, "no decision yet")
            click.echo(f"  {x.contribution} {x.kind} {x.part} ({who}): "
                       f"{said.text if said else ''}\n    {decided}. {x.change}".rstrip())


@silp.command("draft")
@review_argument
@click.argument("event_id", metavar="RECALL-EVENT")
@click.option("--circulated-on", "on", required=True, help="The day the draft went out.")
@click.pass_obj
def draft_command(app: App, review_id: str, event_id: str, on: str) -> None:
    """Keep the draft overview report as it went out before RECALL-EVENT: each finding,
    recommendation and key line of enquiry's analysis as it reads now. Each response at the
    recall event is then traced to the part it is about, and any later change to it."""
    from silp.recall import draft_snapshot

    state = _silp_review(app, review_id)
    changes = draft_snapshot(state, event_id, parse_day(on, "--circulated-on"))
    app.reviews.write(state, changes)
    click.echo(f"Kept the draft as circulated for {event_id}.")


@silp.command("respond")
@review_argument
@click.argument("event_id", metavar="RECALL-EVENT")
@click.option("--part", required=True, help="The part of the draft: a finding, recommendation "
              "or key line of enquiry id.")
@click.option("--kind", required=True, type=click.Choice(["agree", "challenge", "add",
                                                          "correct"]),
              help="What the response does to the part of the draft.")
@click.option("--role", required=True, help="The participant's role (never a name).")
@click.option("--agency", default="", help="Their agency.")
@click.option("--said", required=True, help="What they said.")
@click.option("--disposition", default="", help="The lead reviewers' decision, if made: "
              "accepted, partly_accepted, not_accepted or noted.")
@click.option("--change", default="", help="What changed in the draft, or why it did not.")
@click.pass_obj
def respond_command(app: App, review_id: str, event_id: str, part: str, kind: str, role: str,
                    agency: str, said: str, disposition: str, change: str) -> None:
    """Record a participant's response to the draft at RECALL-EVENT, traced to its part."""
    from silp.recall import respond

    state = _silp_review(app, review_id)
    contribution, changes = respond(app.host, state, event_id, part=part, kind=kind, role=role,
                                    agency=agency, said=said, disposition=disposition,
                                    change=change)
    app.reviews.write(state, changes)
    click.echo(f"Recorded {contribution}: {kind} {part}"
               + ("" if disposition else "; the decision on it is still to record "
                  f"(`casereview silp decide {review_id} {contribution} ...`)"))


@silp.command("decide")
@review_argument
@click.argument("contribution_id", metavar="RESPONSE")
@click.option("--disposition", required=True, type=click.Choice(
    ["accepted", "partly_accepted", "not_accepted", "noted"]),
    help="The lead reviewers' decision on the response.")
@click.option("--change", default="", help="What changed in the draft, or why it did not.")
@click.pass_obj
def decide_command(app: App, review_id: str, contribution_id: str, disposition: str,
                   change: str) -> None:
    """Record the lead reviewers' decision on a recall-event response."""
    from silp.recall import decide

    state = _silp_review(app, review_id)
    app.reviews.write(state, decide(state, contribution_id, disposition, change))
    click.echo(f"Recorded the decision on {contribution_id}: {disposition}.")


@silp.command("walk")
@review_argument
@click.argument("period_id", metavar="[PERIOD]", required=False)
@click.pass_obj
def walk_command(app: App, review_id: str, period_id: str | None) -> None:
    """The merged chronology as the learning event walks it: for each period of the scoping
    (or PERIOD), the entries the agencies in the room knew by its end, and those that reached
    none of them until later (left out of the walk: that would be hindsight)."""
    from core.kernel.dates import long_date, long_span
    from silp.meetings import period_walk, room
    from silp.records import scoping

    state = app.reviews.load(review_id)
    scope = scoping(state)
    periods = {p.id: p for p in (scope.periods if scope else ())}
    if not periods:
        raise InvalidValue("the scoping names no periods to walk (periods in scoping.yaml)")
    chosen = [lookup(periods, period_id, f"no period {period_id!r}")] if period_id \
        else list(periods.values())
    agencies = room(state)
    for period in chosen:
        inside, later = period_walk(state, period, agencies)
        click.echo(f"{period.id} {period.title}: {long_date(period.start)} to "
                   f"{long_date(period.end)}, as known by {long_date(period.end)}")
        for entry in inside:
            click.echo(f"  {long_span(entry.date)}, {entry.agency} {entry.source_ref}: "
                       f"{entry.what_happened}")
        for entry in later:
            click.echo(f"  (left out: {entry.agency} {entry.source_ref}, dated "
                       f"{long_span(entry.date)}, was not known in the room by the end of the "
                       "period)")


@silp.command("check")
@review_argument
@json_option
@click.pass_obj
def check_command(app: App, review_id: str, as_json: bool) -> None:
    """SILP's checks on REVIEW at its stage: lead reviewers, accreditation, reports shared
    before the learning event, the recall event's trace, the family kept apart."""
    from silp.checks import check_stage

    state = app.reviews.load(review_id)
    found = check_stage(review=state, stage=state.stage.value)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No SILP check finds anything at stage {state.stage.label}.")
    for item in found:
        click.echo(f"{item['level']:<8} {item['check']}: {item['message']}")
