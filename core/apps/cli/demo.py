"""`casereview demo`: run the fictional Child A case through a whole review."""

from __future__ import annotations

from pathlib import Path

import click

from core.apps.cli.base import App
from core.apps.demo import METHODOLOGY, Demo, methodologies_with_material


@click.command()
@click.option("--out", "out", type=click.Path(file_okay=False), default="demo-output",
              show_default=True, help="The folder for the demo's database and reports.")
@click.option("--methodology", default=None, metavar="M",
              help="The methodology to run it with (default learning-together).")
@click.option("--all", "run_all", is_flag=True,
              help="Run it once with every methodology that ships example material.")
@click.pass_obj
def demo_command(app: App, out: str, methodology: str | None, run_all: bool) -> None:
    """Run the bundled, fictional Child A case through every stage of a review.

    Notification, the criteria and the Chair's decision, commissioning, every agency's
    chronology, the methodology's analysis, its learning events, findings, improvement actions,
    the report in HTML, Word and Markdown, and the publication check. It uses its own fresh
    database in the output folder (never yours) and ends with the paths of the reports.
    """
    if run_all and methodology:
        raise click.UsageError("give --methodology or --all, not both")
    methods = methodologies_with_material(app.host) if run_all else [methodology or METHODOLOGY]
    for method in methods:
        folder = Path(out) / method if run_all else Path(out)
        if run_all:
            click.echo(f"\n== {method} ==")
        result = Demo(folder, methodology=method, echo=click.echo, host=app.host).run()
        click.echo(f"\nThe demo's database: {folder / 'casereview.db'}")
        packs = {f.removeprefix("pack-"): p for f, p in result.reports.items()
                 if f.startswith("pack-")}
        published = {f: p for f, p in result.reports.items() if not f.startswith("pack-")}
        if packs:
            click.echo("The review team's pack (working material, never published):")
            for fmt, path in packs.items():
                click.echo(f"  {fmt:<5} {path}")
        if published:  # last, so the demo ends with the report's path
            click.echo("The published report:")
            for fmt, path in published.items():
                click.echo(f"  {fmt:<5} {path}")
