"""`casereview report REVIEW --format html|docx|md|json [-o FILE]`: write the review's report."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from core.cli.base import App
from core.cli.output import review_argument


@click.command()
@review_argument
@click.option("--format", "fmt", default="html", show_default=True, metavar="FORMAT",
              help="html (one self-contained page), docx (Word), md (Markdown) or json; "
                   "plugins may add more.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: REVIEW-report.<format> in this folder; "
                   "'-' prints text formats).")
@click.pass_obj
def report_command(app: App, review_id: str, fmt: str, output: str | None) -> None:
    """Write the report of REVIEW.

    The report is built from the core's sections (title page, introduction and terms of
    reference, the methodology, involvement, summary timeline, findings, recommendations,
    improvement actions, what has been done and its impact, the causal graph and a glossary)
    and the methodology's own analysis. Check it with `casereview publish-check` before it is
    published.
    """
    from core.exporters import exporter
    from core.report import build

    chosen = exporter(app.host, fmt)
    state = app.reviews.load(review_id)
    rendered = chosen.render(build(app.host, state))
    if output == "-":
        if chosen.binary:
            raise click.UsageError(f"the {fmt} format is binary; give a file with -o")
        sys.stdout.write(str(rendered))
        return
    path = Path(output or f"{review_id}-report{chosen.suffix}")
    if isinstance(rendered, bytes):
        path.write_bytes(rendered)
    else:
        path.write_text(rendered, encoding="utf-8")
    click.echo(f"Wrote the {chosen.title.lower()} report of {review_id} to {path}")
