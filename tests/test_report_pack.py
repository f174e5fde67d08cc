"""Published and internal: every section says where it goes, the published report carries no
working material, the review team's pack carries it, and the publication check refuses a
report that carries an internal section or quotes a confidential conversation."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from reportcase import REVIEW_ID, MethodPlugin, build_case

from core import hookimpl
from core.kernel.model import ChronologyEntry, Evidence
from core.kernel.state import put
from core.output.publication import working_material as working
from core.output.publication.check import run_check
from core.output.report.build import build
from core.output.report.pack import pack, pack_sections, published
from core.output.report.renderers import to_markdown
from core.plugin_api.methodology import ReportSection
from core.plugin_api.reviews import Reviews
from core.statutory.deadlines import record_met
from plugins.testing import make_host

PLANNED = dt.date.today() + dt.timedelta(days=30)


class ForgetfulMethod(MethodPlugin):
    """A methodology whose working notes do not say where they go."""

    @hookimpl
    def report_sections(self, review, methodology):
        return [*super().report_sections(review, methodology),
                ReportSection("notes", "Working notes",
                               "core.output.report:templates/glossary.html.j2",
                              {"terms": [("Note", "What the practitioner told us.")]})]


@pytest.fixture
def host():
    return make_host(("report-test", ForgetfulMethod()))


@pytest.fixture
def reviews(journal, host):
    return Reviews(journal, host, "test coordinator")


def _ready(reviews):
    build_case(reviews)
    record_met(reviews, REVIEW_ID, "prepublication-copy", dt.date.today(), notification=True)
    return reviews.load(REVIEW_ID)


def test_a_section_that_does_not_say_is_internal():
    assert ReportSection("x", "X", "t").published is False


def test_the_published_report_leaves_internal_sections_to_the_pack(reviews, host):
    state = _ready(reviews)
    whole = build(host, state)
    public = published(whole)
    ids = {s.id for s in public.sections}
    assert {"notes", "timeline", "graph"}.isdisjoint(ids)
    assert {"analysis", "findings", "significant-events", "glossary"} <= ids
    team = pack(whole, pack_sections(host, state))
    team_ids = [s.id for s in team.sections]
    assert team_ids[0] == "pack-notice" and team.part == "pack"
    assert {"notes", "timeline", "graph", "pack-chronology", "pack-conversations",
            "pack-submissions", "pack-chains"} <= set(team_ids)
    assert not {s.id for s in team.sections if s.published}
    assert team_ids[-1] == "graph"  # the whole graph is the pack's appendix


def test_each_finding_has_its_own_chain_drawing_in_the_pack(reviews, host):
    state = _ready(reviews)
    chains = next(s for s in pack_sections(host, state) if s.id == "pack-chains")
    figures = [b for b in chains.blocks if type(b).__name__ == "Figure"]
    assert len(figures) == 1 and figures[0].svg.startswith("<svg")
    assert "F1" in figures[0].caption


def test_the_check_of_the_published_report_passes_and_of_the_whole_refuses(reviews, host):
    state = _ready(reviews)
    assert run_check(host, state, [], publication_date=PLANNED, sensitive={}).ready
    whole = build(host, state)
    check = run_check(host, state, [], publication_date=PLANNED, report=whole, sensitive={})
    assert {"internal:notes", "internal:timeline", "internal:graph"} <= \
        {p.code for p in check.blocking}
    team = pack(whole, pack_sections(host, state))
    check = run_check(host, state, [], publication_date=PLANNED, report=team, sensitive={})
    assert "internal:pack" in {p.code for p in check.blocking}


def test_a_quoted_conversation_record_blocks(reviews, host):
    said = ("I saw the boots in the hall and heard a voice upstairs but I did not write it "
            "down anywhere")
    state = reviews.write(_ready(reviews), [put("evidence", Evidence(
        "C1", "conversation", "Conversation with the health visitor", details={
            "turning_points": [said]}))])
    assert not working.quoted_conversations(state, published(build(host, state)))
    from core.kernel.state import put_record
    from core.output.report.written import WRITTEN_RECORD

    state = reviews.write(state, [put_record(WRITTEN_RECORD, "practice-appraisal", {
        "text": f"One practitioner said: {said}."})])
    found = working.quoted_conversations(state, published(build(host, state)))
    assert [p.code for p in found] == ["quoted_conversation"] and found[0].blocking
    assert said not in found[0].snippet  # the check never repeats what was said


def test_many_entries_word_for_word_warn_on_volume(reviews, host):
    state = _ready(reviews)
    entries = [ChronologyEntry(f"X{n}", "Northwold Police", _day(n),
                               f"Officers visited the home on patrol round {n}.")
               for n in range(working.VERBATIM_ENTRIES_LIMIT + 1)]
    state = reviews.write(state, [put("chronology", e) for e in entries])
    assert not working.verbatim_volume(state, published(build(host, state)))
    from core.kernel.state import put_record
    from core.output.report.written import WRITTEN_RECORD

    state = reviews.write(state, [put_record(WRITTEN_RECORD, "case-summary", {
        "text": " ".join(e.what_happened for e in entries)})])
    found = working.verbatim_volume(state, published(build(host, state)))
    assert [p.code for p in found] == ["volume"] and not found[0].blocking
    assert int(found[0].snippet.split()[0]) > working.VERBATIM_ENTRIES_LIMIT


def _day(n):
    from core.kernel.dates import PartialDate

    return PartialDate.day(dt.date(2025, 1, 1) + dt.timedelta(days=n))


def test_sensitive_topics_warn_once_a_section_and_never_show_a_real_name(reviews, host):
    from core.output.publication.identity import Identity

    state = _ready(reviews)
    from core.kernel.state import put_record
    from core.output.report.written import WRITTEN_RECORD

    state = reviews.write(state, [put_record(WRITTEN_RECORD, "case-summary", {
        "text": "Amelia Thornbury was pregnant. Later she was pregnant again."})])
    found = working.sensitive_topics(published(build(host, state)), {"pregnancy": ["pregnant"]},
                                     [Identity("Child Q", "Amelia Thornbury")])
    assert [(p.code, p.where) for p in found] == [("sensitive:pregnancy", "Case summary")]
    assert "Thornbury" not in found[0].snippet and not found[0].blocking


def test_the_default_topics_cover_what_the_quality_markers_name():
    listed = working.topics()
    assert {"health conditions", "pregnancy", "mental health", "criminal allegations"} <= \
        set(listed)


def test_a_partnership_edits_its_own_list_beside_the_database(tmp_path, reviews, cli):
    _ready(reviews)
    (tmp_path / "sensitive-topics.yaml").write_text("weather: [cold]\n", encoding="utf-8")
    output = cli("publish-check", REVIEW_ID, "--no-record", "--publication-date",
                 PLANNED.isoformat()).output
    assert "touches on weather ('cold')" in output and "pregnancy" not in output


def test_the_report_command_writes_the_report_or_the_pack(tmp_path, reviews, cli):
    _ready(reviews)
    report, team = tmp_path / "r.md", tmp_path / "p.md"
    cli.ok("report", REVIEW_ID, "-o", str(report))
    said = cli.ok("report", REVIEW_ID, "--pack", "-o", str(team))
    assert "review team pack" in said
    assert "## Working notes" not in report.read_text(encoding="utf-8")
    text = team.read_text(encoding="utf-8")
    assert "## Working notes" in text and "## About this pack" in text
    assert "## Executive summary" not in text


def test_word_is_a4_with_page_numbers_and_a_contents_field(reviews, host):
    import docx

    from core.output.report.word import to_docx

    document = docx.Document(io.BytesIO(to_docx(published(build(host, _ready(reviews))))))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
    assert 'TOC \\o "1-2"' in document.element.xml
    assert "Heading 1" in {p.style.name for p in document.paragraphs}


def test_html_table_cells_break_between_words_only():
    from importlib import resources

    css = resources.files("core.output.report").joinpath("templates/report.css").read_text("utf-8")
    cells = next(line for line in css.splitlines() if line.startswith("td, th {"))
    assert "overflow-wrap: break-word" in cells and "anywhere" not in cells


def test_markdown_of_the_published_report_names_no_internal_section(reviews, host):
    text = to_markdown(published(build(host, _ready(reviews))))
    assert "From evidence to action" not in text and "Working notes" not in text


class SilentMethod(MethodPlugin):
    """A methodology whose analysis section does not say it is published."""

    @hookimpl
    def report_sections(self, review, methodology):
        return [ReportSection("analysis", "The method's analysis",
                              "core.output.report:templates/glossary.html.j2",
                              {"terms": [("Analysis", self.text)]})]


def test_an_unmarked_analysis_is_not_published_and_the_check_says_why_is_missing(journal):
    from core.kernel.state import put_record
    from core.output.report.written import WRITTEN_RECORD

    host = make_host(("report-test", SilentMethod()))
    reviews = Reviews(journal, host, "t")
    state = _ready(reviews)
    assert published(build(host, state)).section("analysis") is None
    codes = {p.code for p in run_check(host, state, [], publication_date=PLANNED,
                                       sensitive={}).blocking}
    assert "missing:why" in codes
    state = reviews.write(state, [put_record(WRITTEN_RECORD, "practice-appraisal", {
        "text": "Practice was good where agencies met; weaker where they wrote."})])
    assert run_check(host, state, [], publication_date=PLANNED, sensitive={}).ready
