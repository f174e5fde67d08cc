"""`casereview criteria`: does a notified incident meet a regime's criteria? Stores nothing.

Also the facts options (`--facts FILE`, one flag per documented fact, `--fact KEY=VALUE`) that
`new` and `decide` share.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option
from core.kernel.dates import long_date
from core.kernel.text import plural
from core.statutory.criteria import assess, facts_used
from core.statutory.facts import FACTS
from core.statutory.facts import gather_facts as gather
from core.statutory.regimes import HELD_DECISIONS

if TYPE_CHECKING:
    from core.statutory.criteria import Assessment
    from core.statutory.facts import Facts
    from core.statutory.regimes import Regime

_FLAG_PREFIX = "fact__"


def facts_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --facts FILE, a flag per documented fact, and --fact KEY=VALUE to a command."""
    for spec in reversed(FACTS.values()):
        command = click.option(
            "--" + spec.key.replace("_", "-"), _FLAG_PREFIX + spec.key, metavar="VALUE",
            help=f"{spec.help[0].upper()}{spec.help[1:]} ({spec.expected()}).",
        )(command)
    command = click.option(
        "--fact", "fact_assignments", multiple=True, metavar="KEY=VALUE",
        help="Any fact, including one a regime adds (e.g. recurrent_themes=yes). Repeatable.",
    )(command)
    return click.option(
        "--facts", "facts_file", metavar="FILE",
        help="The facts as a YAML or JSON file of key: value pairs. Flags override the file.",
    )(command)


def gather_facts(regime: Regime, facts_file: str | None, assignments: tuple[str, ...],
                 flags: dict[str, Any], base: dict[str, Any] | None = None,
                 base_source: str | None = None) -> Facts:
    """`core.statutory.facts.gather_facts` for a command: pops the fact flags out of `flags` (the
    command's keyword arguments) and checks everything against the regime."""
    given = {k[len(_FLAG_PREFIX):]: flags.pop(k) for k in list(flags) if k.startswith(_FLAG_PREFIX)}
    return gather(regime.facts, base=base, base_source=base_source, facts_file=facts_file,
                  given=given, assignments=assignments)


def print_assessment(assessment: Assessment) -> None:
    kind = f" — {assessment.review_kind.replace('_', ' ')}" if assessment.review_kind else ""
    click.echo(f"Outcome: {assessment.outcome.replace('_', ' ')}{kind}")
    click.echo("Reasons:")
    for reason in assessment.reasons:
        click.echo(f"  [{reason.rule}] {reason.text}")
    missing = ", ".join(assessment.missing_facts)
    click.echo(f"Missing facts: {missing or 'none'}")
    if assessment.notifications:
        click.echo("Notifications:")
    for notice in assessment.notifications:
        condition = "" if notice["applies"] == "yes" else f" [{notice['applies']}]"
        click.echo(f"  - {notice['what']} (to {', '.join(notice['to'])}): {notice['when']}"
                   f"{condition}")


@click.command()
@click.option("--regime", "regime_name", required=True, metavar="REGIME",
              help="The statutory regime, e.g. england-cspr-2018 (see `casereview regimes`).")
@facts_options
@json_option
@click.pass_obj
def criteria_command(app: App, regime_name: str, facts_file: str | None,
                     fact_assignments: tuple[str, ...], as_json: bool, **flags: Any) -> None:
    """Say whether the facts meet REGIME's criteria for a review: must, should, may or not met.

    Every reason names the rule it comes from. A fact that is not given is never assumed: if the
    answer depends on it, the outcome is "undecided" and the missing facts are listed. Nothing is
    stored. Dates are YYYY-MM-DD; yes/no facts take yes or no (or true/false).

    Example: casereview criteria --regime england-scr-2013 --abuse-or-neglect suspected
    --outcome died
    """
    regime = app.host.regime(regime_name)
    assessment = assess(regime, gather_facts(regime, facts_file, fact_assignments, flags))
    if as_json:
        echo_json(assessment.to_data())
        return
    click.echo(f"Regime: {regime.name} — {regime.title}")
    print_assessment(assessment)


@click.command()
@json_option
@click.pass_obj
def regimes_command(app: App, as_json: bool) -> None:
    """List the statutory regimes installed, with their clocks and the facts they read."""
    regimes = [app.host.regimes[name] for name in sorted(app.host.regimes)]

    def facts_read(regime: Regime) -> list[str]:
        conditions = [rule.when for rule in regime.rules]
        conditions += [rule.kind_choice.when for rule in regime.rules if rule.kind_choice]
        conditions += [advice.when for advice in regime.advice]
        return sorted(facts_used(conditions))

    if as_json:
        echo_json([{
            "name": r.name, "title": r.title, "nation": r.nation, "calendar": r.calendar,
            "summary": r.summary, "rules": [rule.id for rule in r.rules],
            "facts": facts_read(r),
            "clocks": [{"id": c.id, "title": c.title, "kind": c.kind,
                        "when": c.when, "note": c.note}
                       for c in r.clocks],
            "focus_months": r.focus_months, "reviewers_required": r.reviewers_required,
            # decision -> the review it holds; null: the kind the criteria name
            "decision_kinds": {d: r.held_kind(d, None) for d in HELD_DECISIONS},
            "notes": r.notes,
            "replaced_on": r.replaced_on.isoformat() if r.replaced_on else None,
            "replaced_by": r.replaced_by or None,
        } for r in regimes])
        return
    for regime in regimes:
        click.echo(f"{regime.name}: {regime.title}")
        click.echo(f"    {regime.summary}")
        if regime.replaced_on:
            click.echo(f"    replaced by {regime.replaced_by} for reviews starting on or after "
                       f"{long_date(regime.replaced_on)}")
        click.echo(f"    facts it reads: {', '.join(facts_read(regime))}")
        if regime.focus_months:
            click.echo(f"    the review looks mainly at the {regime.focus_months} months before "
                       "the event")
        for kind, count in regime.reviewers_required.items():
            click.echo(f"    {kind.replace('_', ' ')}: {plural(count, 'lead reviewer')}")
        for decision in HELD_DECISIONS:
            held = regime.held_kind(decision, None)
            click.echo(f"    on a decision of {decision}: "
                       + (held.replace("_", " ") if held else "the kind of review the criteria "
                          "name"))
        if not regime.clocks:
            click.echo("    clocks: none set by this regime")
        for clock in regime.clocks:
            note = f"; {clock.note}" if clock.note else ""
            click.echo(f"    clock {clock.id}: {clock.title}, {clock.when}{note}")
