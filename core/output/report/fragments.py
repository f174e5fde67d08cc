"""A section template's HTML output, read into report blocks.

Templates may use: p, h1-h6, ul/ol/li, table (caption, th, td), strong/b, em/i, br, dl/dt/dd,
and any container (div, section, span ...), whose text is kept. Nothing else survives: no
attribute, link target, script or style is carried into any format. A template that writes no
tags at all is read as plain text, one paragraph per blank-line-separated block.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from core.output.report.model import Block, Heading, ItemList, Paragraph, Run, Table

_SPACE = re.compile(r"\s+")
_DROPPED = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.runs: list[Run] = []
        self.bold = 0
        self.italic = 0
        self.dropped = 0
        self.heading: int | None = None
        self.lists: list[tuple[bool, list[tuple[Run, ...]]]] = []
        self.table: dict | None = None
        self.cell: list[str] | None = None
        self.caption: list[str] | None = None

    # -- text ---------------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.dropped:
            return
        if self.caption is not None:
            self.caption.append(data)
        elif self.cell is not None:
            self.cell.append(data)
        elif data.strip() or self.runs:
            self.runs.append(Run(data, bold=self.bold > 0, italic=self.italic > 0))

    def _take_runs(self) -> tuple[Run, ...]:
        runs = _tidy(self.runs)
        self.runs = []
        return runs

    def _flush_paragraph(self) -> None:
        runs = self._take_runs()
        if runs:
            self.blocks.append(Paragraph(runs))

    # -- tags ---------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _DROPPED:
            self.dropped += 1
            return
        if self.dropped:
            return
        if tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br":
            self.handle_data(" ")
        elif tag in _HEADINGS:
            self._flush_paragraph()
            self.heading = _HEADINGS[tag]
        elif tag in ("ul", "ol"):
            self._flush_paragraph()
            self.lists.append((tag == "ol", []))
        elif tag == "li":
            self._end_item()
        elif tag == "table":
            self._flush_paragraph()
            self.table = {"header": [], "rows": [], "row": None}
        elif tag == "caption" and self.table is not None:
            self.caption = []
        elif tag == "tr" and self.table is not None:
            self.table["row"] = []
        elif tag in ("td", "th") and self.table is not None:
            self._end_cell()
            self.cell = []
            self.table["in_th"] = tag == "th"
        elif tag in ("p", "div", "section", "dl", "dd", "blockquote", "article"):
            if not self.lists:
                self._flush_paragraph()
        elif tag == "dt":
            self._flush_paragraph()
            self.bold += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
            return
        if self.dropped:
            return
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)
        elif tag in _HEADINGS and self.heading is not None:
            text = "".join(r.text for r in self._take_runs())
            if text:
                self.blocks.append(Heading(self.heading, text))
            self.heading = None
        elif tag == "li":
            self._end_item()
        elif tag in ("ul", "ol") and self.lists:
            self._end_item()
            ordered, items = self.lists.pop()
            if items:
                self.blocks.append(ItemList(items, ordered=ordered))
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "caption" and self.caption is not None and self.table is not None:
            self.table["caption"] = _SPACE.sub(" ", "".join(self.caption)).strip()
            self.caption = None
        elif tag == "tr" and self.table is not None:
            self._end_row()
        elif tag == "table" and self.table is not None:
            self._end_row()
            table, self.table = self.table, None
            if table["header"] or table["rows"]:
                width = max([len(table["header"]), *(len(r) for r in table["rows"])])
                header = table["header"] + [""] * (width - len(table["header"]))
                rows = [r + [""] * (width - len(r)) for r in table["rows"]]
                self.blocks.append(Table(header, rows, table.get("caption", "")))
        elif tag == "dt":
            self.bold = max(0, self.bold - 1)
            self._flush_paragraph()
        elif tag in ("p", "div", "section", "dl", "dd", "blockquote", "article") and not self.lists:
            self._flush_paragraph()

    def _end_item(self) -> None:
        if not self.lists:
            return
        runs = self._take_runs()
        if runs:
            self.lists[-1][1].append(runs)

    def _end_cell(self) -> None:
        if self.cell is None or self.table is None:
            return
        text = _SPACE.sub(" ", "".join(self.cell)).strip()
        self.cell = None
        if self.table["row"] is None:
            self.table["row"] = []
        self.table["row"].append((text, self.table.get("in_th", False)))

    def _end_row(self) -> None:
        self._end_cell()
        if self.table is None or not self.table["row"]:
            return
        row = self.table["row"]
        self.table["row"] = None
        if not self.table["header"] and not self.table["rows"] and all(th for _, th in row):
            self.table["header"] = [text for text, _ in row]
        else:
            self.table["rows"].append([text for text, _ in row])

    def close(self) -> None:
        super().close()
        while self.lists:
            self.handle_endtag("ol" if self.lists[-1][0] else "ul")
        if self.table is not None:
            self.handle_endtag("table")
        self._flush_paragraph()


def _tidy(runs: list[Run]) -> tuple[Run, ...]:
    """Collapse whitespace as a browser would, and join neighbouring runs of the same style."""
    out: list[Run] = []
    for run in runs:
        text = _SPACE.sub(" ", run.text)
        if out and (out[-1].bold, out[-1].italic) == (run.bold, run.italic):
            out[-1] = Run(out[-1].text + text, run.bold, run.italic)
        else:
            out.append(Run(text, run.bold, run.italic))
    if out:
        out[0] = Run(out[0].text.lstrip(), out[0].bold, out[0].italic)
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold, out[-1].italic)
    # A run of spaces between two styled runs may collapse to nothing; drop empty runs.
    return tuple(r for r in out if r.text)


def read_fragment(html: str) -> list[Block]:
    """Blocks from a rendered section template, with headings made to nest without gaps."""
    if "<" not in html:
        return [Paragraph(_SPACE.sub(" ", part).strip())
                for part in re.split(r"\n\s*\n", html) if part.strip()]
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return _nest_headings(reader.blocks)


def _nest_headings(blocks: list[Block]) -> list[Block]:
    """The smallest heading level a template used becomes level 1; no level skips a step."""
    levels = sorted({b.level for b in blocks if isinstance(b, Heading)})
    if not levels:
        return blocks
    rank = {level: i + 1 for i, level in enumerate(levels)}
    out: list[Block] = []
    previous = 0
    for block in blocks:
        if isinstance(block, Heading):
            level = min(rank[block.level], previous + 1)
            previous = level
            block = Heading(level, block.text)
        out.append(block)
    return out
