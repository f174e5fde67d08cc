"""`casereview material`: load the review team's written material through its methodology."""

from __future__ import annotations

import click

from core.cli.base import App
from core.cli.output import review_argument


@click.command()
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the files and say what would be loaded.")
@click.pass_obj
def material_command(app: App, review_id: str, folder: str, dry_run: bool) -> None:
    """Load the review team's written material for REVIEW from FOLDER.

    Which files and what they hold is the review's methodology's to say: Learning Together
    reads conversations.yaml, episodes.yaml and findings.yaml (see
    learning_together/example/). Everything is checked together first; any problem
    is listed with its file, row and field, and nothing is changed.
    """
    from pathlib import Path

    from core import material

    loaded = material.load(app.reviews, review_id, Path(folder), dry_run=dry_run)
    for warning in loaded.warnings:
        click.echo(f"Warning: {warning}", err=True)
    verb = "Would load" if dry_run else "Loaded"
    for line in loaded.read:
        click.echo(f"{verb} {line}.")
    if not loaded.events:
        click.echo("Nothing new to load: the review already holds all of it.")
