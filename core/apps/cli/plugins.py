"""`casereview plugins` and `casereview methodologies`: what is installed."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option
from core.kernel import codec


@click.command()
@json_option
@click.pass_obj
def plugins_command(app: App, as_json: bool) -> None:
    """List installed plugins, their versions and the hooks each implements.

    Set CASEREVIEW_PLUGINS=name,name to load only some; CASEREVIEW_TRACE_PLUGINS=1 to print
    every hook call.
    """
    infos = app.host.plugin_infos()
    if as_json:
        echo_json([{"name": i.name, "version": i.version, "module": i.module,
                    "hooks": list(i.hooks)} for i in infos])
        return
    for info in infos:
        click.echo(f"{info.name} {info.version} ({info.module})")
        click.echo(f"    hooks: {', '.join(info.hooks) or 'none'}")


@click.command()
@json_option
@click.pass_obj
def methodologies_command(app: App, as_json: bool) -> None:
    """List the review methodologies available, with when each fits."""
    methods = [app.host.methodologies[name] for name in sorted(app.host.methodologies)]
    if as_json:
        echo_json([codec.to_data(m) for m in methods])
        return
    if not methods:
        click.echo("No methodologies are installed.")
    for m in methods:
        click.echo(f"{m.name}: {m.title} (plugin {m.plugin})")
        click.echo(f"    {m.summary}")
        for line in m.fits_when:
            click.echo(f"    fits when: {line}")
        for line in m.not_fits_when:
            click.echo(f"    not when:  {line}")
        if m.variants:
            click.echo(f"    variants: {', '.join(m.variants)}")
