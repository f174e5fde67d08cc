"""`casereview plugin new NAME`: start a methodology plugin of your own."""

from __future__ import annotations

from pathlib import Path

import click

from core.kernel.errors import CaseReviewError
from plugins.scaffold.writer import new_plugin, package_name


@click.group()
def plugin_command() -> None:
    """Start a methodology plugin of your own (see docs/writing-a-methodology.md)."""


@plugin_command.command("new")
@click.argument("name")
@click.option("--out", "out", type=click.Path(file_okay=False), default=None,
              help="The folder to write it in (default: a new folder named NAME).")
def new_command(name: str, out: str | None) -> None:
    """Write a starting package for the methodology NAME (lower-case words joined by hyphens).

    It holds a pyproject with the entry point, the hooks with docstrings, example material
    for the fictional Child A case, and a conformance test. It installs and passes the
    conformance kit as written: change it step by step into your method.
    """
    folder = Path(out or name)
    try:
        written = new_plugin(name, folder)
    except CaseReviewError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Wrote {len(written)} files for the methodology {name!r} in {folder}:")
    for path in written:
        click.echo(f"  {path}")
    click.echo(f"\nNext:\n  cd {folder}\n  pip install -e '.[test]'\n  python -m pytest tests\n"
               f"  casereview demo --methodology {name} --out demo-{name}\n"
               f"Then make {package_name(name)}/method.py your method.")
