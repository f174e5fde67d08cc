"""`casereview material`: load the review team's written material through its methodology."""

from __future__ import annotations

from pathlib import Path

import click

from core.analysis import material
from core.apps.cli.base import App
from core.apps.cli.output import review_argument


@click.command()
@review_argument
@click.argument("folder", type=click.Path(file_okay=False), required=False)
@click.option("--dry-run", is_flag=True, help="Check the files and say what would be loaded.")
@click.option("--template", "template", type=click.Path(file_okay=False), metavar="DIR",
              help="Instead of loading, write the methodology's starting files into DIR, "
                   "commented and filled in with the review's agencies and entries.")
@click.pass_obj
def material_command(app: App, review_id: str, folder: str | None, dry_run: bool,
                     template: str | None) -> None:
    """Load the review team's written material for REVIEW from FOLDER.

    Which files and what they hold is the review's methodology's to say: Learning Together
    reads conversations.yaml, episodes.yaml and findings.yaml (see
    learning_together/example/); SILP reads scoping.yaml, agency-reports.yaml and the rest
    (see silp/example/). Everything is checked together first; any problem
    is listed with its file, row and field, and nothing is changed.

    To start, `casereview material REVIEW --template DIR` writes the files with comments
    that explain each field, the review's agencies and the ids of its chronology entries.
    Fill them in, then load them with `casereview material REVIEW DIR`.
    """
    if template:
        if folder or dry_run:
            raise click.UsageError("--template writes files; give no FOLDER or --dry-run")
        for path in material.write_templates(app.reviews, review_id, Path(template)):
            click.echo(f"Wrote {path}")
        click.echo(f"Fill them in, then load them: casereview material {review_id} {template}")
        return
    if not folder:
        raise click.UsageError("give the FOLDER to load (or --template DIR to start one)")

    loaded = material.load(app.reviews, review_id, Path(folder), dry_run=dry_run)
    for warning in loaded.warnings:
        click.echo(f"Warning: {warning}", err=True)
    verb = "Would load" if dry_run else "Loaded"
    for line in loaded.read:
        click.echo(f"{verb} {line}.")
    if not loaded.events:
        click.echo("Nothing new to load: the review already holds all of it.")
