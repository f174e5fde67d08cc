"""`casereview report REVIEW --format html|docx|md|json [-o FILE]`: write the review's report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from core.apps.cli.base import App
from core.apps.cli.output import review_argument
from core.kernel.access_log import seen
from core.output.exporters import by_suffix, exporter, render
from core.output.output_file import write_output
from core.output.pseudonyms import load_for_output
from core.output.report.build import build
from core.output.report.pack import pack as team_pack
from core.output.report.pack import pack_sections, published

if TYPE_CHECKING:
    from core.output.exporters import Exporter

DEFAULT_FORMAT = "html"


@click.command()
@review_argument
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="html (one self-contained page), docx (Word), md (Markdown) or json; "
                   "plugins may add more. Default: from the ending of the -o file, else html.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: REVIEW-report.<format>, or REVIEW-pack.<format> "
                   "with --pack, in this folder; '-' prints text formats).")
@click.option("--pack", is_flag=True,
              help="Write the review team's pack instead: the working material the published "
                   "report leaves out (conversation records, the analysis tables, the full "
                   "chronology, the agencies' submissions, the chain behind each finding and "
                   "the whole causal graph). Confidential to the review team.")
@click.pass_obj
def report_command(app: App, review_id: str, fmt: str | None, output: str | None,
                   pack: bool) -> None:
    """Write the report of REVIEW, or with --pack the review team's pack.

    The published report is built from the sections meant for the public: the title page,
    executive summary, introduction and terms of reference, the methodology, limitations,
    involvement with each reviewer's statement of independence, the family's account, the case
    summary and significant events, the child's lived experience, identity and equality, the
    methodology's published analysis, findings, recommendations, improvement actions, what has
    been done, the review's timeline, the partnership's response, national asks and a glossary.
    The sections reviewers write come from `casereview section`. Working material never goes
    in it: that is what --pack is for. Check the report with `casereview publish-check`.

    \b
    Examples:
      casereview report CR-2025-001 -o report.docx      # Word, from the file's ending
      casereview report CR-2025-001 --format md -o -    # Markdown to the screen
      casereview report CR-2025-001 --pack -o pack.html # the review team's pack
    """
    chosen = choose_exporter(app.host, fmt, output)
    state = load_for_output(app.reviews, review_id)
    # The pack is confidential: refused without a role that may read it, and every read recorded.
    if pack and not seen(app.journal, app.actor, review_id, "pack",
                         "to the screen" if output == "-" else f"to {output or 'a file'}"):
        click.echo("(This database is read-only here, so this read of the pack was not "
                   "recorded.)", err=True)
    whole = build(app.host, state)
    part = team_pack(whole, pack_sections(app.host, state)) if pack else published(whole, state)
    rendered = render(app.host, chosen, part)
    if output == "-":
        if chosen.binary:
            raise click.UsageError(f"the {chosen.name} format is binary; give a file with -o")
        sys.stdout.write(str(rendered))
        return
    what = "pack" if pack else "report"
    path = Path(output or f"{review_id}-{what}{chosen.suffix}")
    write_file(path, rendered, f"the {what}", database=str(app.journal.path))
    click.echo(f"Wrote the {'review team pack' if pack else 'report'} of {review_id} to {path} "
               f"({chosen.title}).")


def choose_exporter(host: Any, fmt: str | None, output: str | None) -> Exporter:
    """The format asked for, or the one the file's ending names; a clash is a usage error
    (writing HTML into r.docx would give a file Word cannot open)."""
    suffix = Path(output).suffix if output and output != "-" else ""
    from_suffix = by_suffix(host, suffix) if suffix else None
    if fmt is None:
        if suffix and from_suffix is None:
            known = ", ".join(sorted({e.suffix for e in host.exporters.values()}))
            raise click.UsageError(f"cannot tell the report's format from the ending of {output} "
                                   f"(known endings: {known}); give --format")
        return from_suffix or exporter(host, DEFAULT_FORMAT)
    chosen = exporter(host, fmt)
    if from_suffix is not None and from_suffix.name != chosen.name:
        raise click.UsageError(f"--format {fmt} clashes with the ending of {output}, which is "
                               f"for {from_suffix.name}; change one of them")
    return chosen


def write_file(path: Path, data: str | bytes, what: str, *, database: str | None = None) -> None:
    # Bytes as rendered (no newline translation), so the file's SHA-256 is the one the
    # publication check records; never over the database, whole or not at all.
    write_output(path, data, what, database=database)
