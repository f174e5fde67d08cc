"""`casereview chronology` (the merged timeline, exported or as one agency knew it) and
`casereview duplicates` (likely duplicates, for a person to confirm or dismiss)."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, parse_day, review_argument
from core.evidence.chronology.duplicates import (
    confirmed_duplicates,
    decide,
    keeper,
    likely_duplicates,
)
from core.evidence.chronology.export import RENDERERS
from core.evidence.chronology.merge import agency_named, chronology, imports
from core.evidence.horizon import known_by as horizon
from core.kernel.errors import InvalidValue
from core.kernel.text import plural
from core.output.output_file import write_output
from core.output.pseudonyms import load_for_output


@click.command()
@review_argument
@click.option("--agency", metavar="NAME", help="Only this agency's entries.")
@click.option("--format", "form", type=click.Choice(["text", "csv", "xlsx", "json", "md"]),
              default="text", show_default=True, help="How to write the chronology.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write to FILE instead of the screen (needed for xlsx).")
@click.option("--as-known-by", "known_by", metavar="AGENCY",
              help="Only what AGENCY had recorded or been told by the day given with --on.")
@click.option("--on", "on", metavar="DATE",
              help="The day for --as-known-by (YYYY-MM-DD or DD/MM/YYYY); alone, what any "
                   "agency knew by then.")
@click.option("--imports", "list_imports", is_flag=True, help="List the review's imports instead.")
@click.pass_obj
def chronology_command(app: App, review_id: str, agency: str | None, form: str,
                       output: str | None, known_by: str | None, on: str | None,
                       list_imports: bool) -> None:
    """Show or export the merged chronology of REVIEW: every agency's entries in date order.

    Entries known only to a month, a year or a range keep that precision and sort by it.
    Likely duplicates stay in, marked once a person has confirmed them.

    \b
    Hindsight is kept out with --as-known-by AGENCY --on DATE: only what that agency had
    recorded, or had been told through a 'shared with' record, by the end of that day.
    An entry dated only "March 2024" counts as known from 31 March 2024, not before.
    """
    state = load_for_output(app.reviews, review_id)
    if list_imports:
        for note in imports(state):
            replaced = (f"  (withdrawn: {note['withdrawn']})" if note.get("withdrawn")
                        else f"  (replaced by {note['replaced_by']})" if note.get("replaced_by")
                        else f"  (replaces {note['replaces']})" if note.get("replaces") else "")
            click.echo(f"{note['import_id']:<10} {note['agency']:<40} {note['entries']:>6} "
                       f"entries  {note['file']}{replaced}")
        return
    if known_by and not on:
        raise click.UsageError("--as-known-by needs the day: add --on DATE")
    if form == "xlsx" and not output:
        raise click.UsageError("an xlsx export needs a file: add -o FILE.xlsx")
    if on:
        day = parse_day(on, "--on date")
        entries = horizon(state, agency_named(state, known_by) if known_by else None, day)
        if agency:
            entries = [e for e in entries if e.agency == agency_named(state, agency)]
    else:
        entries = chronology(state, agency)
    rendered = RENDERERS[form](entries, confirmed_duplicates(state))
    if output:
        write_output(output, rendered, "the chronology", database=str(app.journal.path))
        click.echo(f"Wrote {len(entries)} entries to {output}.", err=True)
        return
    if not entries and form == "text":
        click.echo("No entries." if not on else f"Nothing known by then ({on}).")
        return
    click.echo(rendered, nl=False)


@click.group(invoke_without_command=True)
@review_argument
@click.pass_context
def duplicates_command(ctx: click.Context, review_id: str) -> None:
    """Likely duplicate entries in REVIEW's chronology, for a person to decide on.

    A pair is flagged when both entries have the same date and nearly the same words, and
    came from two agencies or from two imports (the same row imported twice). Nothing is
    dropped: confirming marks the later entry as a duplicate of the first, dismissing says
    they are different events. Each decision is kept in the audit trail.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_duplicates)


@duplicates_command.command("list")
@click.option("--all", "show_all", is_flag=True, help="Include pairs already decided.")
@json_option
@click.pass_context
def list_duplicates(ctx: click.Context, show_all: bool = False, as_json: bool = False) -> None:
    """List flagged pairs awaiting a decision (with --all, the decided ones too)."""
    app: App = ctx.obj
    state = app.reviews.load(group_review_id(ctx))
    pairs = likely_duplicates(state, include_decided=show_all)
    if as_json:
        echo_json([{"first": p.first.id, "second": p.second.id, "similarity": p.similarity,
                    "decision": p.decision, "note": p.note} for p in pairs])
        return
    if not pairs:
        click.echo("No likely duplicates awaiting a decision.")
        return
    for p in pairs:
        status = f"  [{p.decision}]" if p.decision else ""
        click.echo(f"{p.first.id} and {p.second.id}  ({p.first.date}, {p.similarity:.0%} of "
                   f"words shared){status}")
        for entry in (p.first, p.second):
            click.echo(f"    {entry.agency} {entry.source_ref}: {entry.what_happened}")
    if not show_all:
        click.echo(f"\nDecide with: casereview duplicates {state.id} confirm|dismiss FIRST SECOND")


def _decision(decision: str):
    @click.argument("first")
    @click.argument("second")
    @click.option("--note", default="", help="Why, for the audit trail.")
    @click.pass_context
    def command(ctx: click.Context, first: str, second: str, note: str,
                keep: str | None = None) -> None:
        app: App = ctx.obj
        reviews = app.reviews
        state = reviews.load(group_review_id(ctx))
        reviews.write(state, [decide(state, first, second, decision, note, keep=keep)])
        if decision == "confirmed":
            kept = keep or first
            other = second if kept == first else first
            click.echo(f"Recorded: {first} and {second} are the same event; {kept} is kept "
                       f"and {other} is marked as its duplicate.")
        else:
            click.echo(f"Recorded: {first} and {second} are different events.")

    return command


duplicates_command.command(
    "confirm", help="Confirm FIRST and SECOND record the same event: both entries stay, and "
    "the one not kept (FIRST is kept unless --keep says otherwise) is marked its duplicate."
)(click.option("--keep", metavar="ID", help="The entry to keep (default FIRST).")(
    _decision("confirmed")))


@duplicates_command.command("confirm-all")
@click.option("--keep", "rule", required=True, metavar="RULE",
              help="Which entry of each pair to keep: earlier, later, an import (import-2) or "
                   "an agency's name.")
@click.option("--note", default="", help="Why, for the audit trail.")
@click.option("--agency", metavar="NAME", help="Only pairs with an entry from this agency.")
@click.pass_context
def confirm_all(ctx: click.Context, rule: str, note: str, agency: str | None) -> None:
    """Confirm every pair awaiting a decision as the same event, keeping the entry RULE names.

    For example, after an agency resent a file as a new import: `confirm-all --keep import-3`.
    Check the list first (`casereview duplicates REVIEW list`); each decision can be changed
    afterwards with confirm or dismiss.
    """
    app: App = ctx.obj
    reviews = app.reviews
    state = reviews.load(group_review_id(ctx))
    pairs = [p for p in likely_duplicates(state, include_decided=False)
             if not agency or agency in (p.first.agency, p.second.agency)]
    events, left = [], []
    for pair in pairs:
        try:
            events.append(decide(state, pair.first.id, pair.second.id, "confirmed", note,
                                 keep=keeper(pair, rule)))
        except InvalidValue:
            left.append(pair.key.replace("|", " and "))  # the rule cannot choose: a person must
    if not events and left:
        raise InvalidValue(f"--keep {rule!r} chooses in none of the pairs awaiting a decision; "
                           "give earlier, later, an import or an agency that only one entry "
                           "of each pair has")
    if events:
        reviews.write(state, events)
    kept = {"earlier": "the earlier entry", "later": "the later entry"}.get(
        rule, f"the entry of {rule}")
    click.echo(f"Confirmed {plural(len(events), 'likely duplicate pair')}, keeping {kept} in "
               "each." if events else "No likely duplicates await a decision.")
    if left:
        click.echo(f"Left for you to decide ({rule} does not choose between them): "
                   f"{'; '.join(left)}.")
duplicates_command.command(
    "dismiss", help="Dismiss the flag: FIRST and SECOND are different events."
)(_decision("dismissed"))

__all__ = ["chronology_command", "duplicates_command"]
