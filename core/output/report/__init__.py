"""The review's report: built from the core's sections and the methodology's, then rendered.

    report = build(host, state)          # a Report: title page facts and ordered sections
    to_html(report) / to_markdown(report) / to_docx(report) / to_json(report)

Sections are jinja2 templates (autoescape on) whose HTML output is read into simple blocks
(`core.output.report.model`), so every format says the same and nothing a template or a
user typed can become live markup. A methodology contributes sections with its
`report_sections` hook; see `core.output.report.sections` for the core's sections, their order,
and how to replace one.
"""

from core.output.report.build import ReportProblem, build
from core.output.report.model import (
    Figure,
    Heading,
    ItemList,
    Paragraph,
    Report,
    Run,
    Section,
    Table,
)
from core.output.report.renderers import to_html, to_json, to_markdown
from core.output.report.word import to_docx

__all__ = [
    "Figure", "Heading", "ItemList", "Paragraph", "Report", "ReportProblem", "Run", "Section",
    "Table", "build", "to_docx", "to_html", "to_json", "to_markdown",
]
