"""`casereview report REVIEW --format html|docx|md|json [-o FILE]`: write the review's report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from core.cli.base import App
from core.cli.output import review_argument
from core.errors import CaseReviewError

if TYPE_CHECKING:
    from core.exporters import Exporter

DEFAULT_FORMAT = "html"


@click.command()
@review_argument
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="html (one self-contained page), docx (Word), md (Markdown) or json; "
                   "plugins may add more. Default: from the ending of the -o file, else html.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: REVIEW-report.<format> in this folder; "
                   "'-' prints text formats).")
@click.pass_obj
def report_command(app: App, review_id: str, fmt: str | None, output: str | None) -> None:
    """Write the report of REVIEW.

    The report is built from the core's sections (title page, introduction and terms of
    reference, the methodology, involvement, summary timeline, findings, recommendations,
    improvement actions, what has been done and its impact, the causal graph and a glossary)
    and the methodology's own analysis. Check it with `casereview publish-check` before it is
    published.

    \b
    Examples:
      casereview report CR-2025-001 -o report.docx      # Word, from the file's ending
      casereview report CR-2025-001 --format md -o -    # Markdown to the screen
    """
    from core.exporters import render
    from core.report import build

    chosen = choose_exporter(app.host, fmt, output)
    from core.pseudonyms import load_for_output

    state = load_for_output(app.reviews, review_id)
    rendered = render(app.host, chosen, build(app.host, state))
    if output == "-":
        if chosen.binary:
            raise click.UsageError(f"the {chosen.name} format is binary; give a file with -o")
        sys.stdout.write(str(rendered))
        return
    path = Path(output or f"{review_id}-report{chosen.suffix}")
    write_file(path, rendered, "the report")
    click.echo(f"Wrote the report of {review_id} to {path} ({chosen.title}).")


def choose_exporter(host: Any, fmt: str | None, output: str | None) -> Exporter:
    """The format asked for, or the one the file's ending names; a clash is a usage error
    (writing HTML into r.docx would give a file Word cannot open)."""
    from core.exporters import by_suffix, exporter

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


def write_file(path: Path, data: str | bytes, what: str) -> None:
    try:
        # Bytes as rendered (no newline translation), so the file's SHA-256 is the one the
        # publication check records.
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as error:
        raise CaseReviewError(f"cannot write {what} to {path}: {error.strerror or error}",
                              hint="check that the folder exists and that you may write there"
                              ) from error
