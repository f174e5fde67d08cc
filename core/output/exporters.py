"""Output formats for a review's report, registered through the `register_exporters` hook.

The core registers HTML, Markdown, Word and JSON from its defaults plugin; a plugin may add
another (a PDF, a partnership's house style) with `register(Exporter(...))`. `render` receives
a built `core.output.report.model.Report` and returns text or bytes. Renderers import their
libraries when called, so registering them costs nothing at start-up. Call them through
`render`, which names the plugin at fault when one fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from core.kernel.errors import CaseReviewError, PluginError, lookup
from core.output.report.renderers import to_html, to_json, to_markdown
from core.output.report.word import to_docx


@frozen
class Exporter:
    name: str  # what --format takes
    title: str
    suffix: str  # the file name ending, with its dot
    render: Callable[[Any], str | bytes]
    binary: bool = False


def _html(report: Any) -> str:
    return to_html(report)


def _markdown(report: Any) -> str:
    return to_markdown(report)


def _docx(report: Any) -> bytes:
    return to_docx(report)


def _json(report: Any) -> str:
    return to_json(report)


CORE_EXPORTERS = (
    Exporter("html", "Web page (self-contained HTML)", ".html", _html),
    Exporter("docx", "Word document", ".docx", _docx, binary=True),
    Exporter("md", "Markdown, for version control", ".md", _markdown),
    Exporter("json", "JSON, for other tools", ".json", _json),
)


def exporter(host: Any, name: str) -> Exporter:
    return lookup(host.exporters, name, f"no report format called {name!r}",
                  none="none are registered")


def by_suffix(host: Any, suffix: str) -> Exporter | None:
    """The exporter whose files end in `suffix` (".docx"), or None. When several plugins write
    the same ending, the one named after it (html for .html) is meant."""
    suffix = SUFFIX_ALIASES.get(suffix.lower(), suffix.lower())
    found = [e for e in host.exporters.values() if e.suffix.lower() == suffix]
    named = [e for e in found if e.name == suffix.lstrip(".")]
    return (named or found or [None])[0]


SUFFIX_ALIASES = {".htm": ".html", ".markdown": ".md"}


def render(host: Any, chosen: Exporter, report: Any) -> str | bytes:
    """`chosen.render(report)`; any failure of a plugin's renderer is a PluginError naming it."""
    try:
        rendered = chosen.render(report)
    except CaseReviewError:
        raise
    except Exception as error:
        raise PluginError(owner(host, chosen.name), "render", error) from error
    if not isinstance(rendered, str | bytes):
        raise PluginError(owner(host, chosen.name), "render", TypeError(
            f"the {chosen.name} exporter returned {type(rendered).__name__}, not text or bytes"))
    return rendered


def owner(host: Any, name: str) -> str:
    """The plugin that registered the exporter `name`: each plugin's `register_exporters` is
    asked again on its own (only after a failure, so it costs nothing otherwise)."""
    pm = host.pm
    for impl in pm.hook.register_exporters.get_hookimpls():
        others = [p for n, p in pm.list_name_plugin() if n != impl.plugin_name]
        names: list[str] = []
        try:
            pm.subset_hook_caller("register_exporters", remove_plugins=others)(
                register=lambda value, names=names: names.append(getattr(value, "name", "")))
        except Exception:  # a plugin failing here was reported when it first registered
            continue
        if name in names:
            return str(impl.plugin_name)
    return "unknown"


def register_exporters(register: Callable[[Exporter], None]) -> None:
    """The core's own plugin's answer to the hook of this name: the report's formats (HTML,
    Word, Markdown, JSON; the renderers load their libraries when they run)."""
    for core_exporter in CORE_EXPORTERS:
        register(core_exporter)
