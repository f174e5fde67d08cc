"""Output formats for a review's report, registered through the `register_exporters` hook.

The core registers HTML, Markdown, Word and JSON from its defaults plugin; a plugin may add
another (a PDF, a partnership's house style) with `register(Exporter(...))`. `render` receives
a built `core.report.Report` and returns text or bytes. Renderers import their libraries when
called, so registering them costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from core.errors import NotFound


@frozen
class Exporter:
    name: str  # what --format takes
    title: str
    suffix: str  # the file name ending, with its dot
    render: Callable[[Any], str | bytes]
    binary: bool = False


def _html(report: Any) -> str:
    from core.report import to_html

    return to_html(report)


def _markdown(report: Any) -> str:
    from core.report import to_markdown

    return to_markdown(report)


def _docx(report: Any) -> bytes:
    from core.report import to_docx

    return to_docx(report)


def _json(report: Any) -> str:
    from core.report import to_json

    return to_json(report)


CORE_EXPORTERS = (
    Exporter("html", "Web page (self-contained HTML)", ".html", _html),
    Exporter("docx", "Word document", ".docx", _docx, binary=True),
    Exporter("md", "Markdown, for version control", ".md", _markdown),
    Exporter("json", "JSON, for other tools", ".json", _json),
)


def exporter(host: Any, name: str) -> Exporter:
    try:
        return host.exporters[name]
    except KeyError:
        known = ", ".join(sorted(host.exporters)) or "none are registered"
        raise NotFound(f"no report format called {name!r}; known: {known}") from None
