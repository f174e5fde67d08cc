"""The report as a Word document: real heading styles (so the navigation pane works), tables for
the title page, timeline and actions, and the causal graph as a picture with alt text.

The picture is the project's own SVG drawn to PNG by resvg (the `resvg-py` wheel, no system
tool). Where no font can be found to draw its words, the picture is left out and the document
says so; the table of chains that follows the drawing gives the same content in words.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from core.output.report.model import Figure, Heading, ItemList, Paragraph, Report, Table
from core.output.report.word_layout import a4_pages, contents

# Page: A4 less 2.5 cm margins leaves about 6.3 inches by 9.5.
PICTURE_WIDTH_IN = 6.3
PICTURE_MAX_HEIGHT_IN = 9.0
PRINT_WIDTH_PX = 1_900  # 6.3 inches at 300 dots an inch
MAX_PIXELS = 8_000_000  # about 1,400 x 5,700: sharp enough to zoom into in Word
# A drawing larger than this (in SVG pixels) has too many items to read on a page, and takes
# resvg many seconds; Word then gets the table of chains and a pointer to the HTML drawing.
MAX_DRAWING_AREA = 30_000_000
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
             "/Library/Fonts", "/System/Library/Fonts", "C:/Windows/Fonts")
SANS_FONTS = ("DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans")


def to_docx(report: Report) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK

    doc = Document()
    doc.core_properties.title = report.title[:255]  # Word's limit for a document property
    doc.core_properties.subject = f"Review {report.review_id}"
    doc.core_properties.author = "casereview"
    a4_pages(doc)
    doc.add_heading(report.title, level=0)
    _table(doc, (), report.facts, labels=True)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    contents(doc)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for section in report.sections:
        doc.add_heading(section.title, level=1)
        for block in section.blocks:
            _block(doc, block)
    out = io.BytesIO()
    doc.save(out)
    return _steady(out.getvalue(), report.generated_on)


def _steady(docx: bytes, day: Any) -> bytes:
    """The same Word file with every part stamped with the report's date, not the moment it was
    saved: the same report gives the same bytes, so the publication check's hash of it matches
    the file the coordinator publishes (a zip records each part's time of writing)."""
    stamp = (day.year, day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as steady:
        for part in source.infolist():
            info = zipfile.ZipInfo(part.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = part.external_attr
            steady.writestr(info, source.read(part.filename))
    return out.getvalue()


def _block(doc: Any, block: Any) -> None:
    if isinstance(block, Paragraph):
        paragraph = doc.add_paragraph()
        for run in block.runs:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None
    elif isinstance(block, Heading):
        doc.add_heading(block.text, level=min(block.level + 1, 9))
    elif isinstance(block, ItemList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            paragraph = doc.add_paragraph(style=style)
            for run in item:
                added = paragraph.add_run(run.text)
                added.bold = run.bold or None
                added.italic = run.italic or None
    elif isinstance(block, Table):
        if block.caption:
            doc.add_paragraph(block.caption, style="Caption")
        _table(doc, block.header, block.rows)
    elif isinstance(block, Figure):
        _figure(doc, block)


def _table(doc: Any, header: tuple[str, ...], rows: Any, *, labels: bool = False) -> None:
    """A table written straight into the document's XML: python-docx's row API re-reads the
    whole table for every row, which takes minutes for a chronology of thousands of entries.
    `labels`: the first column names what the second holds (the title page), in bold."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = list(rows)
    width = max([len(header), *(len(r) for r in rows)]) or 1
    table = doc.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    tbl = table._tbl

    def add_row(cells: Any, *, bold: tuple[bool, ...], repeat: bool = False) -> None:
        tr = OxmlElement("w:tr")
        if repeat:  # repeat the header row at the top of every page
            tr_pr = OxmlElement("w:trPr")
            tr_pr.append(OxmlElement("w:tblHeader"))
            tr.append(tr_pr)
        for index, text in enumerate(cells):
            tc = OxmlElement("w:tc")
            p = OxmlElement("w:p")
            r = OxmlElement("w:r")
            if bold[index]:
                r_pr = OxmlElement("w:rPr")
                r_pr.append(OxmlElement("w:b"))
                r.append(r_pr)
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = str(text)
            r.append(t)
            p.append(r)
            tc.append(p)
            tr.append(tc)
        tbl.append(tr)

    if header:
        add_row(header, bold=(True,) * width, repeat=True)
    body_bold = (labels,) + (False,) * (width - 1)
    for row in rows:
        add_row(row, bold=body_bold)


def _figure(doc: Any, figure: Figure) -> None:
    from docx.shared import Inches

    png = svg_to_png(figure.svg)
    if png is None:
        doc.add_paragraph(
            "The drawing of the causal graph is not included in this Word document (it is too "
            "large to read on a page, or no font was found to draw its words); it is in the "
            "HTML report, and the table below gives the same chains in words."
        )
    else:
        data, width_px, height_px = png
        width = PICTURE_WIDTH_IN
        height = width * height_px / max(width_px, 1)
        if height > PICTURE_MAX_HEIGHT_IN:
            width *= PICTURE_MAX_HEIGHT_IN / height
            height = PICTURE_MAX_HEIGHT_IN
        doc.add_picture(io.BytesIO(data), width=Inches(width), height=Inches(height))
        picture = doc.inline_shapes[-1]
        picture._inline.docPr.set("descr", figure.alt)  # the alt text Word shows and reads out
        picture._inline.docPr.set("title", figure.caption)
    if figure.caption:
        doc.add_paragraph(figure.caption, style="Caption")
    doc.add_paragraph(figure.alt)


def fonts_available() -> bool:
    for folder in FONT_DIRS:
        path = Path(os.path.expanduser(folder))
        if path.is_dir() and any(path.rglob("*.[ot]tf")):
            return True
    return False


def svg_to_png(svg: str) -> tuple[bytes, int, int] | None:
    """(PNG bytes, width, height) of an SVG, or None when it cannot be drawn legibly here."""
    try:
        import resvg_py
    except ImportError:
        return None
    if not fonts_available():
        return None
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
    width, height = (float(match.group(1)), float(match.group(2))) if match else (800.0, 600.0)
    if width * height > MAX_DRAWING_AREA:
        return None
    # Sharp on paper: about 300 dots an inch across the A4 text width, never less than the
    # drawing's own size (more pixels than that only cost time to draw).
    zoom = min(2.0, max(1.0, PRINT_WIDTH_PX / width))
    if width * height * zoom * zoom > MAX_PIXELS:
        zoom = (MAX_PIXELS / (width * height)) ** 0.5
    try:
        data = resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background="#ffffff",
                                     sans_serif_family=_sans_family())
    except (ValueError, RuntimeError):
        return None
    return bytes(data), int(width * zoom), int(height * zoom)


def _sans_family() -> str:
    for folder in FONT_DIRS:
        path = Path(os.path.expanduser(folder))
        if not path.is_dir():
            continue
        names = {p.stem.lower().replace("-", "").replace(" ", "") for p in path.rglob("*.[ot]tf")}
        for family in SANS_FONTS:
            key = family.lower().replace(" ", "")
            if any(name.startswith(key) for name in names):
                return family
    return "DejaVu Sans"
