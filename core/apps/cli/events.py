"""`casereview event REVIEW ...`: plan, record and facilitate learning events, any methodology."""

from __future__ import annotations

from typing import Any

import click
from attrs import evolve

from core.analysis import learning_events
from core.analysis.learning_events import phase_slug
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, parse_day, review_argument
from core.kernel import codec
from core.kernel.dates import long_date


@click.group()
@review_argument
def event_command(review_id: str) -> None:
    """Learning events of REVIEW: the meetings where practitioners and reviewers look at the case
    together. The review's methodology says which kinds it holds and plans their phases, each
    with prompts and a time-box. Contributions are recorded by role and agency, never by name;
    a contribution becomes evidence when a reviewer accepts it.

    \b
    Examples:
      casereview event CR-2026-001 plan --kind joint_meeting
      casereview event CR-2026-001 add --kind joint_meeting --on 2026-03-12
      casereview event CR-2026-001 facilitate LE-1
      casereview event CR-2026-001 contribute LE-1 --role "Health visitor" \\
          --agency "Northshire Community Health" --phase appraise-and-explain --text "..."
      casereview event CR-2026-001 accept LE-1-C1
    """


def _load(ctx: click.Context) -> tuple[App, Any, Any]:
    app: App = ctx.obj
    reviews = app.reviews
    return app, reviews, reviews.load(group_review_id(ctx))


def _echo_plan(event_plan: Any) -> None:
    hours, minutes = divmod(event_plan.minutes, 60)
    click.echo(f"{event_plan.title} ({event_plan.kind}): {hours} h {minutes:02d} min in "
               f"{len(event_plan.phases)} phases")
    if event_plan.ground_rules:
        click.echo("Ground rules:")
        for rule in event_plan.ground_rules:
            click.echo(f"  - {rule}")


def _echo_phase(number: int, phase: Any, started: int) -> None:
    end = started + phase.minutes
    click.echo(f"\n{number}. {phase.title}  [{phase.minutes} min; "
               f"{started // 60}:{started % 60:02d} to {end // 60}:{end % 60:02d}]  "
               f"(phase name: {phase_slug(phase)})")
    click.echo(f"   Purpose: {phase.purpose}")
    for prompt in phase.prompts:
        click.echo(f"   - {prompt}")


@event_command.command("plan")
@click.option("--kind", required=True, help="The kind of learning event (the methodology's).")
@json_option
@click.pass_context
def plan_event(ctx: click.Context, kind: str, as_json: bool) -> None:
    """Show the methodology's plan for a learning event: phases, prompts, time-boxes."""
    app, _, state = _load(ctx)
    event_plan = learning_events.plan(app.host, state, kind)
    if as_json:
        echo_json(event_plan)
        return
    _echo_plan(event_plan)
    started = 0
    for number, phase in enumerate(event_plan.phases, 1):
        _echo_phase(number, phase, started)
        started += phase.minutes


@event_command.command("add")
@click.option("--kind", required=True, help="The kind of learning event (the methodology's).")
@click.option("--title", default="", help="A title (default: the methodology's).")
@click.option("--on", "held_on", metavar="DATE", help="When it is or was held (YYYY-MM-DD).")
@click.option("--facilitator", default="", help="Who facilitates (a lead reviewer).")
@click.option("--attendee-role", "roles", multiple=True, metavar="ROLE",
              help="A role that attends, e.g. 'Health visitor' (repeat; roles, not names).")
@click.option("--id", "event_id", help="Replace the event with this id instead of adding one.")
@click.pass_context
def add_event(ctx: click.Context, kind: str, title: str, held_on: str | None, facilitator: str,
              roles: tuple[str, ...], event_id: str | None) -> None:
    """Record a learning event of a kind the methodology holds."""
    app, reviews, state = _load(ctx)
    day = parse_day(held_on, "--on date") if held_on else None
    event, events = learning_events.record_event(
        app.host, state, kind=kind, title=title, held_on=day, facilitator=facilitator,
        attendee_roles=roles, event_id=event_id)
    reviews.write(state, events)
    click.echo(f"Recorded learning event {event.id}: {event.title}.")


@event_command.command("list")
@json_option
@click.pass_context
def list_events(ctx: click.Context, as_json: bool) -> None:
    """List the learning events and what was said at each (by role and agency)."""
    _, _, state = _load(ctx)
    events = sorted(state.learning_events.values(), key=lambda e: e.id)
    said = sorted(state.contributions.values(), key=lambda c: c.id)
    if as_json:
        echo_json({"events": codec.to_data(events), "contributions": codec.to_data(said)})
        return
    if not events:
        click.echo("No learning events yet.")
    for event in events:
        when = long_date(event.held_on) if event.held_on else "date not set"
        click.echo(f"{event.id}  {event.kind.replace('_', ' '):<20} {when}  {event.title}")
        for c in (c for c in said if c.event_id == event.id):
            status = f"evidence {c.evidence_id}" if c.evidence_id else "note"
            click.echo(f"    {c.id:<10} {c.role} ({c.agency or 'no agency'}) "
                       f"[{c.phase or 'no phase'}; {status}]: {c.text}")


@event_command.command("contribute")
@click.argument("event_id", metavar="EVENT")
@click.option("--role", required=True, help="The contributor's role (never a name).")
@click.option("--text", required=True, help="What was said.")
@click.option("--phase", default="", help="The phase: its number, short name or title.")
@click.option("--agency", default="", help="The contributor's agency.")
@click.pass_context
def contribute_event(ctx: click.Context, event_id: str, role: str, text: str, phase: str,
                     agency: str) -> None:
    """Record what someone said at a learning event, by role and agency."""
    app, reviews, state = _load(ctx)
    said = learning_events.Said(role, text, phase, agency)
    contribution, events, warnings = learning_events.contribute(app.host, state, event_id, said)
    reviews.write(state, events)
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Recorded contribution {contribution.id}.")


@event_command.command("accept")
@click.argument("contribution_id", metavar="CONTRIBUTION")
@click.pass_context
def accept_contribution(ctx: click.Context, contribution_id: str) -> None:
    """Take a contribution into the evidence, the methodology's way (it may keep it as a note)."""
    app, reviews, state = _load(ctx)
    evidence, events = learning_events.take(app.host, state, contribution_id)
    if evidence is None:
        click.echo(f"{contribution_id} stays a note: the methodology does not take it as evidence.")
        return
    reviews.write(state, events)
    click.echo(f"{contribution_id} is now evidence {evidence.id}: {evidence.title}.")


@event_command.command("facilitate")
@click.argument("event_id", metavar="EVENT")
@click.option("--record", is_flag=True,
              help="After each phase, ask for what was said (role, agency, text) and record it.")
@click.option("--script", "script", type=click.Path(dir_okay=False), metavar="FILE.yaml",
              help="Take what was said from a script instead of asking (implies --record). "
                   "YAML: phases: [{phase: 2, contributions: [{role, agency, text, accept}]}].")
@click.pass_context
def facilitate_event(ctx: click.Context, event_id: str, record: bool, script: str | None) -> None:
    """Walk a learning event's phases in order: time-box, purpose and prompts for each.

    The facilitator's view. With --record it asks, after each phase, what was said (leave the
    role empty to move on); with --script it records the contributions of a YAML script, which
    is checked whole first, so a bad script changes nothing.
    """
    app, reviews, state = _load(ctx)
    event = learning_events.get_event(state, event_id)
    event_plan = learning_events.plan(app.host, state, event.kind)
    scripted = _checked_script(app, state, event_id, event_plan, script) if script else None
    click.echo(f"{event.id}: {event.title}")
    _echo_plan(event_plan)
    started = 0
    for number, phase in enumerate(event_plan.phases, 1):
        _echo_phase(number, phase, started)
        started += phase.minutes
        if scripted is not None:
            for said in scripted.get(phase.title, []):
                state = _record_one(app, reviews, state, event_id, said)
        elif record:
            while said := _ask(phase.title):
                state = _record_one(app, reviews, state, event_id, said)


def _checked_script(app: App, state: Any, event_id: str, event_plan: Any,
                    path: str) -> dict[str, list[Any]]:
    """The script's contributions by phase title, each checked before anything is written."""
    by_phase: dict[str, list[Any]] = {}
    for item in learning_events.facilitation_script(path):
        phase = learning_events.find_phase(event_plan, item.phase)
        for said in item.contributions:
            # A dry run: raises on a name for a role, an unknown agency or phase.
            learning_events.contribute(app.host, state, event_id, said,
                                       contribution_id=f"{event_id}-check")
            by_phase.setdefault(phase.title, []).append(evolve(said, phase=phase.title))
    return by_phase


def _ask(phase_title: str) -> Any:
    role = click.prompt("   Contributor's role (blank to move on)", default="",
                        show_default=False).strip()
    if not role:
        return None
    agency = click.prompt("   Agency", default="", show_default=False).strip()
    text = click.prompt("   What was said").strip()
    accept = click.confirm("   Take it into the evidence now?", default=False)
    return learning_events.Said(role, text, phase_title, agency, accept)


def _record_one(app: App, reviews: Any, state: Any, event_id: str, said: Any) -> Any:
    contribution, events, warnings = learning_events.contribute(app.host, state, event_id, said)
    state = reviews.write(state, events)
    for warning in warnings:
        click.echo(f"   Warning: {warning}", err=True)
    line = f"   Recorded {contribution.id} ({contribution.role}"
    line += f", {contribution.agency})" if contribution.agency else ")"
    if said.accept:
        evidence, taken = learning_events.take(app.host, state, contribution.id)
        if evidence is not None:
            state = reviews.write(state, taken)
            line += f" as evidence {evidence.id}"
    click.echo(line)
    return state
