"""The Word report's page: A4 with 2.5 cm margins (what partnerships print on), page numbers in
the footer, and a contents list after the title page. The contents and the page numbers are
Word fields: Word fills them in when the document is opened (it asks to update them)."""

from __future__ import annotations

from typing import Any

A4_CM = (21.0, 29.7)
MARGIN_CM = 2.5
CONTENTS_HINT = "The contents appear here when Word updates the document's fields."


def a4_pages(doc: Any) -> None:
    from docx.shared import Cm

    for section in doc.sections:
        section.page_width, section.page_height = Cm(A4_CM[0]), Cm(A4_CM[1])
        section.left_margin = section.right_margin = Cm(MARGIN_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_CM)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1  # centred
        footer.add_run("Page ")
        _field(footer, "PAGE", "1")
        footer.add_run(" of ")
        _field(footer, "NUMPAGES", "1")


def contents(doc: Any) -> None:
    """A heading and a table-of-contents field over the report's headings (levels 1 to 2)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc.add_paragraph("Contents", style="TOC Heading" if _has_style(doc, "TOC Heading")
                      else "Heading 1")
    paragraph = doc.add_paragraph()
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', CONTENTS_HINT)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def _has_style(doc: Any, name: str) -> bool:
    return any(style.name == name for style in doc.styles)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, the text shown until updated, end)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run.append(mark)
        return run

    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.append(text)
    value = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = shown
    value.append(words)
    for part in (char("begin"), code, char("separate"), value, char("end")):
        paragraph._p.append(part)
