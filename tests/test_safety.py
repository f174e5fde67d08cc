"""Hostile text in every user-text field: the HTML report holds no active content, and Word and
Markdown carry the same text intact and inert."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from reportcase import FIELD_SECTIONS, MethodPlugin, build_case, plain

from core.output.report.build import build
from core.output.report.renderers import to_html, to_json, to_markdown
from core.output.report.word import to_docx
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<svg/onload=alert(1)>",
    '"><iframe src="javascript:alert(2)"></iframe>',
    "<b><i>unbalanced <table><tr><td>",
    "</p></section></main><h1>fake heading</h1>",
    "[click me](javascript:alert(3)) ![x](javascript:alert(4)) <javascript:alert(5)>",
    "`code` *bold* _em_ # heading | pipe | --- > quote",
    "1. not a list\n- nor this\n\n## nor a heading",
    "right\u202eto\u202dleft override \u2067isolate\u2069",
    "null\x00byte and bell\x07 and escape\x1b[31m",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "&lt;script&gt; &amp; &#60;script&#62;",
    "very long " + "x" * 20000,
]
FIELDS = [f for f in FIELD_SECTIONS if f != "analysis"] + ["board"]
ALL = " ~~ ".join(HOSTILE)


def _text(field: str) -> str:
    return f"{plain(field)} {ALL} end-{field}"


@pytest.fixture(scope="module")
def built():
    """One review with every hostile string in every user-text field (built once: it is big)."""
    from core.kernel.store import open_journal

    host = make_host(("report-test", MethodPlugin(f"Analysis {ALL} end-analysis")))
    journal = open_journal(":memory:")
    state = build_case(Reviews(journal, host, "test coordinator"), _text)
    yield build(host, state)
    journal.close()


@pytest.fixture(params=range(len(HOSTILE)), ids=lambda i: f"hostile{i}")
def hostile(request):
    return HOSTILE[request.param]


@pytest.fixture(scope="module")
def html_page(built):
    return to_html(built)


@pytest.fixture(scope="module")
def word(built):
    import docx

    document = docx.Document(io.BytesIO(to_docx(built)))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return " ".join("\n".join(texts).split()), document.element.xml


@pytest.fixture(scope="module")
def markdown(built):
    return to_markdown(built)


class ActiveContent(HTMLParser):
    """Collects every element and attribute that could run code or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("script", "iframe", "object", "embed", "foreignobject", "base", "link",
                   "form", "img", "image", "use", "meta") and not (tag == "meta" and any(
                       n in ("charset", "name") for n, _ in attrs)):
            self.problems.append(f"element {tag}")
        for name, value in attrs:
            value = (value or "").strip().lower().replace(" ", "")
            if name.startswith("on"):
                self.problems.append(f"{tag} has handler {name}")
            elif "javascript:" in value or "vbscript:" in value:
                self.problems.append(f"{tag} {name}={value[:40]}")
            elif name == "href" and not value.startswith("#"):
                self.problems.append(f"{tag} links out: {value[:40]}")
            elif name in ("src", "xlink:href", "action", "formaction", "data", "srcset"):
                self.problems.append(f"{tag} loads {name}={value[:40]}")
            elif name == "style" and ("url(" in value or "expression(" in value):
                self.problems.append(f"{tag} style={value[:40]}")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def _strip_controls(text: str) -> str:
    # (reports also drop bidirectional controls and zero-width characters)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\u200b-\u200f]", "", text)


def test_the_html_report_holds_no_active_content(html_page, hostile):
    parser = ActiveContent()
    parser.feed(html_page)
    assert parser.problems == []
    assert parser.tags.count("h1") == 1 and parser.tags.count("script") == 0
    text = "".join(parser.text)
    for field in FIELDS:
        if field != "board" and field != "title":
            assert f"end-{field}" in text
    # The hostile text is shown to the reader as text, whole (less control characters).
    assert " ".join(_strip_controls(hostile).split()) in " ".join(text.split())


def test_word_keeps_the_text_intact_as_plain_runs(word, hostile):
    joined, body = word
    assert " ".join(_strip_controls(hostile).split()) in joined
    # The one field in the body is the contents list the report adds itself; no text a user
    # typed becomes a field.
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", body)
    assert [i.strip() for i in instructions] == ['TOC \\o "1-2" \\h \\z \\u']
    assert "w:fldSimple" not in body and "w:hyperlink" not in body


def test_markdown_keeps_the_text_intact_and_inert(markdown, hostile):
    from markdown_it import MarkdownIt

    unescaped = re.sub(r"\\(.)", r"\1", markdown)
    assert " ".join(_strip_controls(hostile).split()) in " ".join(unescaped.split())
    rendered = MarkdownIt("commonmark", {"html": True, "linkify": False}).render(markdown)
    parser = ActiveContent()
    parser.feed(rendered)
    assert parser.problems == []
    assert "<h1>fake heading" not in rendered and "<script" not in rendered


def test_json_carries_the_text_as_data(built, hostile):
    import json

    texts = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            texts.append(value)

    walk(json.loads(to_json(built)))
    assert " ".join(_strip_controls(hostile).split()) in " ".join(" ".join(texts).split())


def test_a_drawing_with_hostile_parts_is_rebuilt_safe():
    from core.output.report.graphs import sanitise_svg

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'onload="alert(1)" width="10" height="10"><script>alert(2)</script>'
           '<a xlink:href="javascript:alert(3)"><text x="1" y="2">inside a link</text></a>'
           '<foreignObject><div>html</div></foreignObject>'
           '<rect width="5" height="5" fill="url(javascript:alert(4))" style="x" '
           'onclick="alert(5)"/><path d="M0,0 L1,1" marker-end="url(#arrow)"/>'
           '<text x="1" y="8">&lt;script&gt;label</text></svg>')
    safe, labels = sanitise_svg(svg)
    assert "script>" not in safe.replace("&lt;script&gt;", "")
    for bad in ("onload", "onclick", "javascript", "foreignObject", "href", "style="):
        assert bad not in safe
    assert 'marker-end="url(#arrow)"' in safe and labels == ["<script>label"]
