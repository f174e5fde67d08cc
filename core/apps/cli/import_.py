"""`casereview import`: bring one agency's chronology file into a review, all or nothing."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.evidence.chronology.columns import parse_map_options
from core.evidence.chronology.duplicates import flagged_in_import
from core.evidence.chronology.importer import IMPORTS, plan_import
from core.evidence.chronology.replace import replace_import
from core.evidence.chronology.split import plan_split_import
from core.kernel.corrections import require_reason
from core.kernel.dates import long_date, long_span
from core.kernel.errors import CaseReviewError, InputProblem, InputProblems
from core.kernel.model import AgencyKind
from core.kernel.text import plural, shorten

PREVIEW_ROWS = 20


@click.command()
@review_argument
@click.argument("file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--agency", metavar="NAME",
              help="The agency the file comes from (added to the review if new).")
@click.option("--agency-column", metavar="COLUMN",
              help="For a combined file (e.g. a health chronology with a 'Service' column): "
                   "the column naming each row's agency; the file is imported as one import "
                   "per agency, all or nothing.")
@click.option("--century", type=int, metavar="YEAR",
              help="Read two-digit years (03/03/12) in the century starting at YEAR: "
                   "--century 2000 reads them as 2000 to 2099.")
@click.option("--kind", type=click.Choice([k.value for k in AgencyKind]),
              help="The kind of agency, when it is new to the review (default: other).")
@click.option("--map", "maps", multiple=True, metavar="COLUMN=FIELD",
              help="Say which field a column holds, e.g. --map 'Entry date=date'; "
                   "FIELD 'ignore' leaves a column out. Repeat for more columns.")
@click.option("--save-map", is_flag=True,
              help="Remember this file's columns for the agency's next file.")
@click.option("--sheet", metavar="NAME", help="The sheet of an XLSX workbook (default: the first).")
@click.option("--alias", "aliases", multiple=True, metavar="NAME",
              help="Another name other agencies use for this one in 'shared with' columns "
                   "(e.g. --alias MASH). Repeat for more.")
@click.option("--again", is_flag=True,
              help="Import the file even though the very same file (the same bytes) was "
                   "imported into this review before.")
@click.option("--replace", "replaces", metavar="IMPORT",
              help="Replace an earlier import (e.g. import-2) with this corrected file: matching "
                   "entries keep their ids and what cites them, new rows are added, and entries "
                   "missing from the file are withdrawn. Needs --reason.")
@click.option("--reason", default="", metavar="TEXT",
              help="With --replace: why the file was corrected, for the audit trail.")
@click.option("--dry-run", is_flag=True, help="Check the file and show what would be imported; "
              "write nothing.")
@json_option
@click.pass_obj
def import_command(app: App, review_id: str, file: str, agency: str, kind: str | None,
                   maps: tuple[str, ...], save_map: bool, sheet: str | None,
                   aliases: tuple[str, ...], again: bool, replaces: str | None, reason: str,
                   dry_run: bool, as_json: bool, agency_column: str | None = None,
                   century: int | None = None) -> None:
    """Import an agency's chronology FILE (CSV or XLSX) into REVIEW.

    \b
    Columns are found by their headings, ignoring case and punctuation:
      date (required), time, what happened (required), who (a role, never a name),
      what was known, decision or action, source reference, shared with
      ("School 07/06/2024; Police 08/06/2024"), recorded on, category, risk grade.
    Everyday headings are understood too (Date/Time, Incident summary, Consultation
    text, Concern, Attending officer, Clinician, Staff, Type, Risk ...; the README's
    'Column headings' lists them); for any other, say which field it holds with --map.
    Dates are read as agencies write them, in UK order: 03/03/2012, 2012-03-03,
    3 March 2012, March 2012, 2012, early March 2012, March–May 2012, 2011–2012,
    and Excel date numbers. A date that could mean two things is refused, not guessed.

    All or nothing: if any row has a problem, nothing is imported and every problem is
    listed (file, row, column, what was expected). CSV files may be UTF-8 or Windows-1252
    (a file joined from both is read line by line), separated by commas, semicolons, tabs or
    bars. Excel's own limits apply: 1,048,576 rows, 32,767 characters in a cell. The very same
    file imported twice is refused unless you add --again.
    """
    mapping, problems = parse_map_options(maps)
    if problems:
        raise InputProblems([InputProblem(p) for p in problems])
    reviews = app.reviews
    state = reviews.load(review_id)
    if reason and not replaces:
        raise click.UsageError("--reason goes with --replace")
    if agency_column:
        if agency or replaces or save_map or aliases:
            raise click.UsageError("--agency-column takes each row's agency from the file; "
                                   "leave out --agency, --replace, --save-map and --alias")
        _split(reviews, state, file, agency_column, mapping, sheet, kind, century, dry_run,
               as_json)
        return
    if not agency:
        raise click.UsageError("say which agency the file comes from with --agency NAME (or, "
                               "for a combined file, --agency-column COLUMN)")
    plan = plan_import(state, file, agency=agency, kind=kind, mapping=mapping, sheet=sheet,
                       save_map=save_map, aliases=aliases, century=century)
    if replaces:
        _replace(reviews, state, replaces, plan, reason, dry_run, as_json)
        return
    earlier = _same_file_imported(state, plan.sha256)
    if earlier and not again and not dry_run:
        raise CaseReviewError(
            f"{plan.file} was imported into {review_id} already, as {earlier} (the very same "
            "file); importing it again would add every entry twice, so nothing was imported",
            hint=f"see the entries with `casereview chronology {review_id}`; to import it a "
                 "second time all the same, add --again")
    try:
        if dry_run:
            entries = plan.entry_values()
        else:  # the written state holds the entries already built: no need to build them again
            state = reviews.write(state, plan.events)
            entries = [state.chronology[data["id"]] for data in plan.entries]
        flagged = [] if dry_run else flagged_in_import(state, plan.import_id)
    except KeyboardInterrupt:
        _interrupted(app, review_id, plan, dry_run)
    if as_json:
        echo_json({
            "review": review_id, "dry_run": dry_run, "import_id": plan.import_id,
            "agency": plan.agency, "new_agency": plan.new_agency, "file": plan.file,
            "sha256": plan.sha256, "heading_row": plan.heading_row,
            "columns": {f: plan.columns.headings[i] for f, i in plan.columns.fields.items()},
            "unused_columns": list(plan.columns.unused), "warnings": list(plan.warnings),
            "entries": plan.entries, "likely_duplicates": flagged,
        })
        return
    _report(plan, entries, dry_run, len(flagged), review_id)
    paired = [state.chronology[entry_id] for key in flagged for entry_id in key.split("|")]
    copies = sorted({e.provenance.import_id for e in paired
                     if e.agency == plan.agency and e.provenance.import_id != plan.import_id})
    if copies:
        click.echo(f"If this file is a corrected copy of {' or '.join(copies)}, replace that "
                   "import with it instead, so nothing is held twice: `casereview withdraw "
                   f"{review_id} import {plan.import_id} --reason ...`, then `casereview import "
                   f"{review_id} FILE --agency '{plan.agency}' --replace {copies[0]} "
                   "--reason ...`.")


def _same_file_imported(state, sha256: str) -> str | None:
    """The id of an earlier import of the file with this SHA-256, if any."""
    return next((import_id for import_id, note in state.record_collection(IMPORTS).items()
                 if note.get("sha256") == sha256), None)


def _interrupted(app: App, review_id: str, plan, dry_run: bool) -> None:
    """Ctrl-C after the plan was made: say whether the import was written, from the journal
    itself, so nobody imports the file twice believing the first attempt failed."""
    committed = not dry_run and plan.import_id in app.reviews.load(review_id).record_collection(
        IMPORTS)
    if committed:
        click.echo(f"Interrupted, but the import was complete: "
                   f"{plural(len(plan.entries), 'entry', 'entries')} for {plan.agency} from "
                   f"{plan.file} are in {review_id} as {plan.import_id}. Do not import the file "
                   f"again. The check for likely duplicates did not finish: run `casereview "
                   f"duplicates {review_id} list`.", err=True)
    else:
        click.echo(f"Interrupted: nothing was imported into {review_id}.", err=True)
    raise SystemExit(130)


def _report(plan, entries, dry_run: bool, flagged: int, review_id: str) -> None:
    first = min(e.date.start for e in entries)
    last = max(e.date.end for e in entries)
    verb = "Would import" if dry_run else "Imported"
    click.echo(f"{verb} {plural(len(entries), 'entry', 'entries')} for {plan.agency} from "
               f"{plan.file} as {plan.import_id} (ids {entries[0].id} to {entries[-1].id}), "
               f"dated {long_date(first)} to {long_date(last)}.")
    if plan.new_agency:
        verb = "would be" if dry_run else "was"
        click.echo(f"{plan.agency} {verb} added to the review's agencies.")
    used = ", ".join(f"{plan.columns.headings[i]!r} as {f.replace('_', ' ')}"
                     for f, i in sorted(plan.columns.fields.items(), key=lambda item: item[1]))
    click.echo(f"Columns (headings on row {plan.heading_row}): {used}.")
    if plan.columns.unused:
        click.echo(f"Not used: {', '.join(map(repr, plan.columns.unused))} "
                   "(name a field for them with --map COLUMN=FIELD).")
    for warning in plan.warnings:
        click.echo(f"Note: {warning}.")
    if dry_run:
        for entry in entries[:PREVIEW_ROWS]:
            when = f"{long_span(entry.date)} {entry.time}".strip()  # as read, to check it
            click.echo(f"  row {entry.provenance.row:>5}  {when:<22} "
                       f"{shorten(entry.what_happened, 70)}")
        if len(entries) > PREVIEW_ROWS:
            click.echo(f"  ... and {len(entries) - PREVIEW_ROWS} more.")
        click.echo("Dry run: nothing was written.")
    elif flagged:
        click.echo(f"{plural(flagged, 'likely duplicate')} flagged for a person to check: "
                   f"casereview duplicates {review_id} list")


def _replace(reviews, state, replaces: str, plan, reason: str, dry_run: bool,
             as_json: bool) -> None:
    """Replace import `replaces` with the corrected file `plan` read, and say what changed."""
    change = replace_import(state, replaces, plan, require_reason(reason))
    if not dry_run:
        reviews.write(state, change.events)
    if as_json:
        echo_json({"replaced": replaces, "import_id": plan.import_id, "dry_run": dry_run,
                   "unchanged": change.unchanged, "corrected": change.corrected,
                   "added": change.added, "withdrawn": change.withdrawn})
        return
    click.echo(("Would replace: " if dry_run else "Replaced: ") + change.summary() + ".")
    for title, ids in (("Corrected", change.corrected), ("Added", change.added),
                       ("Withdrawn", change.withdrawn)):
        if ids:
            more = f" and {len(ids) - PREVIEW_ROWS} more" if len(ids) > PREVIEW_ROWS else ""
            click.echo(f"{title}: {', '.join(ids[:PREVIEW_ROWS])}{more}.")
    if dry_run:
        click.echo("Dry run: nothing was written.")
    else:
        click.echo("Entries carried over keep their ids, so what cites them still does; the "
                   "audit trail keeps every earlier version.")


def _split(reviews, state, file: str, column: str, mapping, sheet, kind, century,
           dry_run: bool, as_json: bool) -> None:
    """Import a combined file as one import per agency, in one batch."""
    plans = plan_split_import(state, file, column, mapping=mapping, sheet=sheet, kind=kind,
                              century=century)
    if not dry_run:
        reviews.write(state, [event for plan in plans for event in plan.events])
    if as_json:
        echo_json([{"import_id": p.import_id, "agency": p.agency, "new_agency": p.new_agency,
                    "entries": len(p.entries), "dry_run": dry_run} for p in plans])
        return
    verb = "Would import" if dry_run else "Imported"
    for plan in plans:
        click.echo(f"{verb} {plural(len(plan.entries), 'entry', 'entries')} for {plan.agency} "
                   f"as {plan.import_id}" + (" (a new agency)" if plan.new_agency else "") + ".")
    if dry_run:
        click.echo("Dry run: nothing was written.")
