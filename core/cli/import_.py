"""`casereview import`: bring one agency's chronology file into a review, all or nothing."""

from __future__ import annotations

import click

from core.cli.base import App
from core.cli.output import echo_json, json_option, review_argument
from core.dates import long_date, long_span
from core.model import AgencyKind
from core.text import plural, shorten

PREVIEW_ROWS = 20


@click.command()
@review_argument
@click.argument("file", type=click.Path(dir_okay=False), metavar="FILE")
@click.option("--agency", required=True, metavar="NAME",
              help="The agency the file comes from (added to the review if new).")
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
@click.option("--dry-run", is_flag=True, help="Check the file and show what would be imported; "
              "write nothing.")
@json_option
@click.pass_obj
def import_command(app: App, review_id: str, file: str, agency: str, kind: str | None,
                   maps: tuple[str, ...], save_map: bool, sheet: str | None,
                   aliases: tuple[str, ...], again: bool, dry_run: bool, as_json: bool) -> None:
    """Import an agency's chronology FILE (CSV or XLSX) into REVIEW.

    \b
    Columns are found by their headings, ignoring case and punctuation:
      date (required), time, what happened (required), who (a role, never a name),
      what was known, decision or action, source reference, shared with
      ("School 07/06/2024; Police 08/06/2024"), recorded on.
    Dates are read as agencies write them, in UK order: 03/03/2012, 2012-03-03,
    3 March 2012, March 2012, 2012, early March 2012, March–May 2012, 2011–2012,
    and Excel date numbers. A date that could mean two things is refused, not guessed.

    All or nothing: if any row has a problem, nothing is imported and every problem is
    listed (file, row, column, what was expected). CSV files may be UTF-8 or Windows-1252
    (a file joined from both is read line by line), separated by commas, semicolons, tabs or
    bars. Excel's own limits apply: 1,048,576 rows, 32,767 characters in a cell. The very same
    file imported twice is refused unless you add --again.
    """
    from core.chronology import plan_import
    from core.chronology.columns import parse_map_options
    from core.chronology.duplicates import flagged_in_import
    from core.errors import InputProblem, InputProblems

    mapping, problems = parse_map_options(maps)
    if problems:
        raise InputProblems([InputProblem(p) for p in problems])
    reviews = app.reviews
    state = reviews.load(review_id)
    plan = plan_import(state, file, agency=agency, kind=kind, mapping=mapping, sheet=sheet,
                       save_map=save_map, aliases=aliases)
    earlier = _same_file_imported(state, plan.sha256)
    if earlier and not again and not dry_run:
        from core.errors import CaseReviewError

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


def _same_file_imported(state, sha256: str) -> str | None:
    """The id of an earlier import of the file with this SHA-256, if any."""
    from core.chronology.importer import IMPORTS

    return next((import_id for import_id, note in state.record_collection(IMPORTS).items()
                 if note.get("sha256") == sha256), None)


def _interrupted(app: App, review_id: str, plan, dry_run: bool) -> None:
    """Ctrl-C after the plan was made: say whether the import was written, from the journal
    itself, so nobody imports the file twice believing the first attempt failed."""
    from core.chronology.importer import IMPORTS

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
