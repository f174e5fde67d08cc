"""The report in HTML (self-contained), Markdown and JSON. Word lives in
`core.output.report.word`."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from core.kernel.text import md_escape
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
from core.output.report.templating import environment


def _anchor(section: Section) -> str:
    return "s-" + re.sub(r"[^a-z0-9]+", "-", section.id.lower()).strip("-")


def to_html(report: Report) -> str:
    """One HTML file: inline CSS, the drawing inline, no script, no external asset."""
    from markupsafe import Markup, escape

    def runs(items: tuple[Run, ...]) -> Markup:
        out = []
        for run in items:
            text = escape(run.text)
            if run.italic:
                text = Markup("<em>") + text + Markup("</em>")
            if run.bold:
                text = Markup("<strong>") + text + Markup("</strong>")
            out.append(text)
        return Markup("").join(out)

    def svg(figure: Figure) -> Markup:
        return Markup(figure.svg)  # already rebuilt from safe parts (core.output.report.graphs)

    css = resources.files("core.output.report").joinpath("templates/report.css").read_text("utf-8")
    template = environment().get_template("core.output.report:templates/page.html.j2")
    return str(template.render(
        report=report, css=Markup(css), anchor=_anchor, runs=runs, svg=svg,
        block_kind=lambda block: type(block).__name__.lower(),
    ))


# -- Markdown -----------------------------------------------------------------------------------



def _md_runs(items: tuple[Run, ...]) -> str:
    out = []
    for run in items:
        text = md_escape(run.text)
        if not text.strip():
            out.append(text)
            continue
        if run.italic:
            text = f"*{text}*"
        if run.bold:
            text = f"**{text}**"
        # md_escape trims; the space between a bold run and the next belongs outside the marks
        out.append((" " if run.text[:1].isspace() else "") + text
                   + (" " if run.text[-1:].isspace() else ""))
    return "".join(out).strip()


def _md_cell(text: str) -> str:
    return md_escape(text) or " "


def to_markdown(report: Report) -> str:
    lines = [f"# {md_escape(report.title)}", ""]
    lines += ["| | |", "| --- | --- |"]
    lines += [f"| **{_md_cell(k)}** | {_md_cell(v)} |" for k, v in report.facts]
    lines.append("")
    for section in report.sections:
        lines += [f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            lines += _md_block(block)
    lines.append(f"*Report of review {md_escape(report.review_id)}, produced on "
                 f"{report.generated_on.isoformat()} by casereview.*")
    return "\n".join(lines) + "\n"


def _md_block(block: Any) -> list[str]:
    if isinstance(block, Paragraph):
        return [_md_runs(block.runs), ""]
    if isinstance(block, Heading):
        return [f"{'#' * min(block.level + 2, 6)} {md_escape(block.text)}", ""]
    if isinstance(block, ItemList):
        marks = [f"{i}." if block.ordered else "-" for i in range(1, len(block.items) + 1)]
        items = zip(marks, block.items, strict=True)
        return [*(f"{mark} {_md_runs(item)}" for mark, item in items), ""]
    if isinstance(block, Table):
        out = [f"*{md_escape(block.caption)}*", ""] if block.caption else []
        header = block.header or tuple("" for _ in (block.rows[0] if block.rows else ()))
        out.append("| " + " | ".join(_md_cell(c) for c in header) + " |")
        out.append("|" + " --- |" * len(header))
        out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block.rows]
        return [*out, ""]
    if isinstance(block, Figure):
        # Markdown cannot hold the drawing safely inline; the chains table that follows says
        # the same in words, and the HTML and Word reports carry the drawing.
        return [f"*{md_escape(block.caption)}.* {md_escape(block.alt)}", ""]
    return []


# -- JSON ---------------------------------------------------------------------------------------


def to_data(report: Report) -> dict[str, Any]:
    return {
        "review": report.review_id,
        "title": report.title,
        "methodology": report.methodology,
        "generated_on": report.generated_on.isoformat(),
        "title_page": [{"label": k, "value": v} for k, v in report.facts],
        "sections": [
            {"id": s.id, "title": s.title, "order": s.order, "source": s.source,
             "blocks": [_block_data(b) for b in s.blocks]}
            for s in report.sections
        ],
    }


def _block_data(block: Any) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text,
                "runs": [{"text": r.text, "bold": r.bold, "italic": r.italic} for r in block.runs]}
    if isinstance(block, Heading):
        return {"type": "heading", "level": block.level, "text": block.text}
    if isinstance(block, ItemList):
        return {"type": "list", "ordered": block.ordered,
                "items": ["".join(r.text for r in item) for item in block.items]}
    if isinstance(block, Table):
        return {"type": "table", "caption": block.caption, "header": list(block.header),
                "rows": [list(r) for r in block.rows]}
    return {"type": "figure", "caption": block.caption, "alt": block.alt, "svg": block.svg}


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
