"""The plugin kit's scaffold: `casereview plugin new NAME` writes a starting methodology
package (`writer`, from the templates in `templates/`). A plugin like any other, registered
through the `casereview` entry points, so the core knows nothing of it."""

from __future__ import annotations

from typing import Any

from core.plugin_api.hookspecs import hookimpl
from plugins.scaffold.command import plugin_command


@hookimpl
def register_commands(cli: Any) -> None:
    cli.add_command(plugin_command, "plugin")
