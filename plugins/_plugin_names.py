"""The plugins a test names, and those installed: entry-point names, plugin objects and
(name, object) pairs, for the kit's hosts (plugins.testing.make_host) and its checks."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import metadata

from core.plugin_api.plugins import GROUP


def installed_plugins() -> dict[str, str]:
    """Entry-point name -> module, for every installed casereview plugin."""
    return {ep.name: ep.value.split(":")[0] for ep in metadata.entry_points(group=GROUP)}


def core_plugin_names() -> list[str]:
    """The project's own non-methodology plugins (the core's defaults, the built-in regimes,
    exporters ...): every installed plugin whose module lives in `core` or `plugins`."""
    return sorted(
        name
        for name, module in installed_plugins().items()
        if module.split(".")[0] in ("core", "plugins")
    )


def split_plugins(
    plugins: Iterable[str | object | tuple[str, object]],
) -> tuple[list[str], list[tuple[str, object]]]:
    """(entry-point names, (name, plugin object) pairs) from what a test named."""
    names: list[str] = []
    extra: list[tuple[str, object]] = []
    for item in plugins:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, tuple):
            extra.append(item)
        else:
            extra.append((_plugin_name(item), item))
    return names, extra


def _plugin_name(plugin: object) -> str:
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    return str(name).rsplit(".", 1)[-1]
