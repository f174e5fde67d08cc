"""The report: its sections and order, an accessible self-contained HTML page, Word with real
heading styles and tables, Markdown and JSON, and the `casereview report` command."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from reportcase import REVIEW_ID, MethodPlugin, build_case

from core.apps.cli.base import App, cli
from core.output.report.build import build
from core.output.report.fragments import read_fragment
from core.output.report.model import Heading, ItemList, Paragraph, Table
from core.output.report.renderers import to_html, to_json, to_markdown
from core.output.report.word import to_docx
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host

CORE_ORDER = ["executive-summary", "introduction", "methodology", "limitations", "involvement",
              "family-account", "case-summary", "significant-events", "timeline",
              "lived-experience", "identity", "analysis", "findings", "recommendations",
              "actions", "progress", "review-timeline", "partnership-response", "national-asks",
              "graph", "glossary"]
INTERNAL = {"timeline", "graph"}  # the review team's pack, never the published report


@pytest.fixture(scope="module")
def host():
    return make_host(("report-test", MethodPlugin(
        "The general practitioner (GP) and the health visitor (HV) saw different things. The GP "
        "was not told. The MASH screened it.")))


@pytest.fixture(scope="module")
def report(host):
    from core.kernel.store import open_journal

    journal = open_journal(":memory:")
    yield build(host, build_case(Reviews(journal, host, "test coordinator")))
    journal.close()


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.links: list[tuple[str, str, str]] = []
        self.svg: list[dict] = []
        self.ids: set[str] = set()
        self.figures = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in values:
            self.ids.add(values["id"])
        for name in ("src", "href", "xlink:href", "action", "data"):
            if name in values:
                self.links.append((tag, name, values[name]))
        if tag == "svg":
            self.svg.append(values)
        if tag == "figure":
            self.figures += 1


def test_sections_come_in_order_with_the_methodology_analysis_in_its_place(report):
    assert [s.id for s in report.sections] == CORE_ORDER
    assert report.section("analysis").source == "report-test"
    assert dict(report.facts)["The child"] == "Child Q, aged three years"
    progress = [b.text for b in report.section("progress").blocks if isinstance(b, Heading)]
    assert progress == ["Actions already taken", "The impact of these actions",
                        "What more will be done"]


def test_a_methodology_section_with_a_core_id_replaces_the_core_one(journal):
    from core import hookimpl
    from core.plugin_api.methodology import ReportSection

    class Findings(MethodPlugin):
        @hookimpl
        def report_sections(self, review, methodology):
            return [ReportSection("findings", "Findings in the method's shape",
                                  "core.output.report:templates/glossary.html.j2",
                                  {"terms": [("F1", "pattern")]}, order=600)]

    host = make_host(("report-test", Findings()))
    report = build(host, build_case(Reviews(journal, host, "t")))
    found = [s for s in report.sections if s.id == "findings"]
    assert [(s.title, s.source) for s in found] == [("Findings in the method's shape",
                                                     "report-test")]
    said = " ".join(report.section("recommendations").texts())
    assert "set out with each finding" in said


def test_the_glossary_lists_the_acronyms_used_with_their_meaning(report):
    table = next(b for b in report.section("glossary").blocks if isinstance(b, Table))
    meanings = dict(table.rows)
    assert meanings["GP"] == "general practitioner"  # as the report itself spelled it out
    assert meanings["HV"] == "health visitor"
    assert meanings["MASH"] == "multi-agency safeguarding hub"  # from the built-in list


def test_the_html_page_is_accessible_and_self_contained(report):
    page = to_html(report)
    outline = Outline()
    outline.feed(page)
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    for before, after in zip(outline.headings, outline.headings[1:], strict=False):
        assert after <= before + 1, outline.headings  # no level skipped on the way down
    for tag, name, value in outline.links:
        assert name == "href" and value.startswith("#") and value[1:] in outline.ids, (tag, value)
    assert outline.figures == 1 and len(outline.svg) == 1
    svg = outline.svg[0]
    assert svg.get("role") == "img"
    assert all(i in outline.ids for i in svg["aria-labelledby"].split())
    assert 'aria-describedby="' in page and "<figcaption>" in page
    assert "@media print" in page and "page-break" in page
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert '<html lang="en-GB">' in page


def test_word_has_heading_styles_tables_and_the_graph_with_alt_text(report):
    import docx

    document = docx.Document(io.BytesIO(to_docx(report)))
    styles = [(p.style.name, p.text) for p in document.paragraphs
              if p.style.name.startswith(("Heading", "Title"))]
    assert styles[0] == ("Title", report.title)
    assert [t for s, t in styles if s == "Heading 1"] == [s.title for s in report.sections]
    assert ("Heading 2", "Actions already taken") in styles
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Date", "Agency", "What happened"] in headers
    assert ["Action", "Owner", "Due", "Measure of success", "Status", "Addresses"] in headers
    assert "Report date" in [t.rows[-1].cells[0].text for t in document.tables]
    pictures = document.inline_shapes
    assert len(pictures) == 1
    assert pictures[0]._inline.docPr.get("descr", "").startswith("Causal graph")


def test_markdown_and_json_say_what_the_html_says(report):
    markdown = to_markdown(report)
    assert markdown.startswith(f"# {report.title.replace('(', '(')}")
    assert all(f"## {s.title}" in markdown.replace("\\", "") for s in report.sections)
    data = json.loads(to_json(report))
    assert [s["id"] for s in data["sections"]] == CORE_ORDER
    figure = [b for s in data["sections"] for b in s["blocks"] if b["type"] == "figure"]
    assert figure and figure[0]["svg"].startswith("<svg")


def test_fragments_become_blocks_and_headings_nest_without_gaps():
    blocks = read_fragment("<h4>A</h4><p>one <strong>two</strong></p><h6>B</h6>"
                           "<ul><li>x</li><li>y</li></ul><table><tr><th>h</th></tr>"
                           "<tr><td>c</td></tr></table><script>bad()</script><p>end</p>")
    assert blocks[0] == Heading(1, "A") and blocks[2] == Heading(2, "B")
    assert isinstance(blocks[1], Paragraph) and blocks[1].runs[1].bold
    assert isinstance(blocks[3], ItemList) and len(blocks[3].items) == 2
    assert isinstance(blocks[4], Table) and blocks[4].header == ("h",)
    assert [b.text for b in blocks if isinstance(b, Paragraph)][-1] == "end"
    assert read_fragment("plain\n\ntext") == [Paragraph("plain"), Paragraph("text")]


def test_the_report_command_writes_each_format(tmp_path, journal, host):
    build_case(Reviews(journal, host, "t"))
    runner = CliRunner()
    for fmt, suffix in (("html", ".html"), ("docx", ".docx"), ("md", ".md"), ("json", ".json")):
        out = tmp_path / f"r{suffix}"
        result = runner.invoke(cli, ["--db", str(journal.path), "report", REVIEW_ID, "--format",
                                     fmt, "-o", str(out)], obj=App(host=host))
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    wrong = runner.invoke(cli, ["--db", str(journal.path), "report", REVIEW_ID, "--format",
                                "pdf"], obj=App(host=host))
    assert wrong.exit_code == 1 and "no report format called 'pdf'" in wrong.output


def _run(journal, host, *args):
    return CliRunner().invoke(cli, ["--db", str(journal.path), "report", REVIEW_ID, *args],
                              obj=App(host=host))


def test_the_format_follows_the_file_ending_and_a_clash_is_refused(tmp_path, journal, host):
    build_case(Reviews(journal, host, "t"))
    word = tmp_path / "r.docx"
    result = _run(journal, host, "-o", str(word))
    assert result.exit_code == 0, result.output
    assert word.read_bytes()[:2] == b"PK"  # a Word file (a zip), not HTML
    markdown = tmp_path / "r.md"
    assert _run(journal, host, "-o", str(markdown)).exit_code == 0
    assert markdown.read_text(encoding="utf-8").startswith("# ")
    clash = _run(journal, host, "--format", "html", "-o", str(tmp_path / "c.docx"))
    assert clash.exit_code == 2 and "clashes" in clash.output
    assert not (tmp_path / "c.docx").exists()
    unknown = _run(journal, host, "-o", str(tmp_path / "r.txt"))
    assert unknown.exit_code == 2 and "give --format" in unknown.output
    assert _run(journal, host, "--format", "md", "-o", str(tmp_path / "r.txt")).exit_code == 0


def test_a_file_that_cannot_be_written_is_one_line_naming_it(tmp_path, journal, host):
    build_case(Reviews(journal, host, "t"))
    target = tmp_path / "no-such-folder" / "r.html"
    result = _run(journal, host, "-o", str(target))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"cannot write the report to {target}" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


class BrokenExporter:
    """A third-party format whose renderer fails."""

    @staticmethod
    def _render(report):
        raise RuntimeError("the house style sheet is missing")

    from core import hookimpl

    @hookimpl
    def register_exporters(self, register):
        from core.output.exporters import Exporter

        register(Exporter("house", "House style", ".house", self._render))


def test_a_failing_plugin_exporter_is_named_not_a_traceback(journal, tmp_path):
    host = make_host(("report-test", MethodPlugin()), ("house-style", BrokenExporter()))
    build_case(Reviews(journal, host, "t"))
    result = _run(journal, host, "-o", str(tmp_path / "r.house"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "plugin 'house-style' failed in render: the house style sheet is missing" \
        in result.output
    from core.kernel.errors import PluginError
    from core.output.exporters import exporter, render

    with pytest.raises(PluginError) as failed:
        render(host, exporter(host, "house"), build(host, Reviews(journal, host, "t").load(
            REVIEW_ID)))
    assert failed.value.plugin == "house-style" and failed.value.hook == "render"


def test_the_same_report_gives_the_same_word_file_whenever_it_is_saved(report, monkeypatch):
    import time

    first = to_docx(report)
    later = time.time() + 3 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    assert to_docx(report) == first  # so the publication check's hash matches the file


class GroupingMethod(MethodPlugin):
    """A methodology that groups one chronology entry into an episode of its analysis."""

    def __init__(self, entry_ids) -> None:
        super().__init__()
        self.entry_ids = entry_ids

    from core import hookimpl

    @hookimpl
    def structure_evidence(self, review, methodology):
        from core.plugin_api.methodology import EvidenceGroup

        return [EvidenceGroup("key_practice_episode", "KPE-1: the call-out",
                              entry_ids=self.entry_ids)]


def _timeline_rows(report):
    table = next(b for b in report.section("timeline").blocks if isinstance(b, Table))
    return table, [tuple(row) for row in table.rows]


def test_the_summary_timeline_is_what_the_analysis_and_findings_rest_on(journal):
    from core.evidence.chronology.duplicates import decide
    from core.kernel.dates import PartialDate
    from core.kernel.model import ChronologyEntry
    from core.kernel.state import put

    host = make_host(("report-test", GroupingMethod(["E4"])))
    reviews = Reviews(journal, host, "t")
    state = build_case(reviews)
    day = PartialDate.day(dt.date(2025, 3, 4))
    state = reviews.write(state, [
        # The police's record of the health visitor's visit (E1): the same event twice.
        put("chronology", ChronologyEntry("E3", "Northwold Police", day,
                                          "Health visitor saw Child Q at home; the home was "
                                          "cold.")),
        put("chronology", ChronologyEntry("E4", "Northwold Police", PartialDate.between(
            dt.date(2025, 8, 1), dt.date(2025, 8, 10),
            "early August 2025"), "Second call-out; nobody answered.")),
        put("chronology", ChronologyEntry("E5", "Northwold Police",
                                          PartialDate.month(2025, 9), "Routine patrol.")),
    ])
    state = reviews.write(state, [decide(state, "E1", "E3", "confirmed", "the same visit")])
    table, rows = _timeline_rows(build(host, state))
    # E1 (cited by finding F1 through its evidence) with E3 collapsed into it, and E4 (in the
    # methodology's episode); E2 and E5 are in no episode and cited by no finding.
    assert rows == [
        ("4 March 2025", "Northwold Health Visiting; Northwold Police",
         "Health visitor saw Child Q at home; the home was cold."),
        ("early August 2025", "Northwold Police", "Second call-out; nobody answered."),
    ]
    assert table.caption == ("The entries the analysis rests on (2 of the 5 entries in the "
                             "agencies' chronologies)")
    section = build(host, state).section("timeline")
    assert "key practice episode" in " ".join(section.texts()) and not section.published


def test_a_chronology_linked_to_nothing_gives_no_timeline_and_the_check_says_so(journal):
    from core.kernel.state import put
    from core.output.publication.check import run_check

    host = make_host(("report-test", MethodPlugin()))
    reviews = Reviews(journal, host, "t")
    state = build_case(reviews, written=False)
    from core.kernel.model import Evidence

    state = reviews.write(state, [put("evidence", Evidence(
        "EV1", "agency_report", "Health visiting agency report", entry_ids=()))])
    report = build(host, state)
    assert not any(isinstance(b, Table) for b in report.section("timeline").blocks)
    assert "None of the 2 entries" in " ".join(report.section("timeline").texts())
    check = run_check(host, state, [], report=report)
    assert "missing:what_happened" in {p.code for p in check.blocking}


@pytest.mark.parametrize("written, words", [
    ("11/01/2022", "11 January 2022"), ("2012-03-03", "3 March 2012"),
    ("Mar 2012", "March 2012"), ("2012", "2012"), ("early March 2012", "early March 2012"),
    ("end of March 2012", "late March 2012"), ("late 2012", "late 2012"),
    ("2011–2012", "2011 to 2012"), ("March–May 2012", "March to May 2012"),
    ("w/c 05/03/2012", "5 to 11 March 2012"), ("28/02/2012 - 03/03/2012",
                                                "28 February to 3 March 2012"),
    ("30/12/2011 to 02/01/2012", "30 December 2011 to 2 January 2012"),
    ("November 2011 - February 2012", "November 2011 to February 2012"),
])
def test_timeline_dates_are_written_in_words(written, words):
    from core.kernel.date_forms import parse_date
    from core.output.report.templating import when

    assert when(parse_date(written)) == words
