"""The report as data: sections of simple blocks that every renderer understands.

Sections are written as jinja2 templates (the core's and each methodology's), but a template's
output is parsed into these blocks before any renderer sees it. So HTML, Markdown, Word and JSON
say the same thing, and nothing a template emits can reach a reader as live markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from attrs import field, frozen

# Control characters other than tab and newline (and lone surrogates, U+FFFE, U+FFFF) cannot be
# stored in a Word file (XML) and mean nothing to a reader; they are dropped everywhere so that
# every format says the same. So are bidirectional controls and zero-width characters, which
# can make text display as something other than what it says (a name stored backwards).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff"
                      r"\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060-\u2064\ufeff\u00ad"
                      r"\u180e]")


def clean(text: Any) -> str:
    return _CONTROL.sub("", "" if text is None else str(text))


@frozen
class Run:
    """A piece of text within a paragraph, optionally bold or italic."""

    text: str = field(converter=clean)
    bold: bool = False
    italic: bool = False


def _runs(value: Any) -> tuple[Run, ...]:
    if isinstance(value, str):
        return (Run(value),)
    return tuple(value)


@frozen
class Paragraph:
    runs: tuple[Run, ...] = field(converter=_runs)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@frozen
class Heading:
    """A heading inside a section: level 1 sits just below the section's own title."""

    level: int
    text: str = field(converter=clean)


@frozen
class ItemList:
    items: tuple[tuple[Run, ...], ...] = field(converter=lambda v: tuple(_runs(i) for i in v))
    ordered: bool = False


def _cells(rows: Any) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(clean(c) for c in row) for row in rows)


@frozen
class Table:
    header: tuple[str, ...] = field(converter=lambda v: tuple(clean(c) for c in v))
    rows: tuple[tuple[str, ...], ...] = field(converter=_cells)
    caption: str = field(default="", converter=clean)


@frozen
class Figure:
    """A drawing (the causal graph) with the text alternative a screen reader announces."""

    svg: str  # already sanitised (see core.output.report.graphs)
    alt: str = field(converter=clean)
    caption: str = field(default="", converter=clean)
    labels: tuple[str, ...] = field(default=(), converter=lambda v: tuple(clean(x) for x in v))


Block = Paragraph | Heading | ItemList | Table | Figure


def _blocks(values: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(values)


@frozen
class Section:
    id: str
    title: str = field(converter=clean)
    blocks: tuple[Block, ...] = field(converter=_blocks)
    order: int = 500
    source: str = "core"  # "core" or the plugin that contributed it
    published: bool = False  # False: working material for the review team's pack only

    def texts(self, *, drawings: bool = True) -> Iterator[str]:
        """Every piece of text a reader can see in the section, in reading order (without the
        words inside drawings when `drawings` is False)."""
        yield self.title
        for block in self.blocks:
            if drawings or not isinstance(block, Figure):
                yield from block_texts(block)


def block_texts(block: Block) -> Iterator[str]:
    if isinstance(block, Paragraph | Heading):
        yield block.text
    elif isinstance(block, ItemList):
        for item in block.items:
            yield "".join(r.text for r in item)
    elif isinstance(block, Table):
        if block.caption:
            yield block.caption
        yield from block.header
        for row in block.rows:
            yield from row
    elif isinstance(block, Figure):
        yield block.alt
        if block.caption:
            yield block.caption
        yield from block.labels


def _sections(values: Iterable[Section]) -> tuple[Section, ...]:
    return tuple(values)


def _optional_texts(values: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(values)


@frozen
class Report:
    review_id: str = field(converter=clean)  # printed on every page: cleaned like the rest
    title: str = field(converter=clean)
    facts: tuple[tuple[str, str], ...] = field(
        converter=lambda v: tuple((clean(k), clean(x)) for k, x in v)
    )  # the title page: label -> value
    sections: tuple[Section, ...] = field(converter=_sections)
    generated_on: dt.date
    methodology: str = ""
    # "published" (what the public reads), "pack" (the review team's working material) or
    # "whole" (every section, as built; never rendered for publication)
    part: str = "whole"
    # The causal graph's problems as the report found them when it drew the graph (None: not
    # known), so that the publication check does not build the graph a second time. Never
    # rendered: the graph and its problems are the review team's.
    graph_problems: tuple[str, ...] | None = field(default=None, converter=_optional_texts)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def texts(self, *, drawings: bool = True) -> Iterator[tuple[str, str]]:
        """(where, text) for everything a reader can see: the title page, then each section."""
        yield "Title page", self.title
        for label, value in self.facts:
            yield "Title page", f"{label}: {value}"
        for section in self.sections:
            for text in section.texts(drawings=drawings):
                yield section.title, text
