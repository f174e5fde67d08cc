"""`casereview demo`: the whole Child A review runs, writes its reports, and no registered real
name reaches any file or line of output it leaves behind (the register's own file aside)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from core.apps.cli.base import cli
from core.apps.demo import script
from core.apps.demo_folder import MARKER, MARKER_HEADING
from core.output.publication.identity import register_path

FICTIONAL_REAL_NAME = script()["fictional_real_name"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    return out, result


def test_the_demo_runs_every_stage_and_prints_the_reports(demo):
    out, result = demo
    assert result.exit_code == 0, result.output
    stages = [line for line in result.output.splitlines() if line.startswith("[")]
    assert len(stages) == 12 and stages[-1].startswith("[12/12] Publication check")
    assert "ready to publish" in stages[-1]
    assert "not available yet" not in result.output
    for name in ("child-a-report.html", "child-a-report.docx", "child-a-report.md",
                 "child-a-pack.html", "child-a-pack.md"):
        path = out / name
        assert path.stat().st_size > 10_000
        assert str(path) in result.output


def test_no_registered_real_name_appears_in_any_output_or_log(demo):
    out, result = demo
    register = register_path(str(out / "casereview.db"))
    from core.output.publication.identity import IdentityRegister

    held = IdentityRegister.open(register)
    assert [i.real_name for i in held.identities("child-a")] == [FICTIONAL_REAL_NAME]
    held.close()
    parts = FICTIONAL_REAL_NAME.split()
    assert "[real name registered for Child A]" in result.output
    for part in [FICTIONAL_REAL_NAME, *parts]:
        assert part not in result.output
    checked = 0
    for path in out.rglob("*"):
        if not path.is_file() or str(path).startswith(register):
            continue
        data = path.read_bytes()
        if path.suffix == ".docx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        for part in [FICTIONAL_REAL_NAME, *parts]:
            assert part.encode() not in data, (path, part)
            assert part.encode("utf-16-le") not in data, (path, part)
        checked += 1
    assert checked >= 4  # the three reports and the journal, at least


def test_the_audit_trail_holds_the_check_but_not_the_name(demo):
    out, _result = demo
    history = CliRunner().invoke(cli, ["--db", str(out / "casereview.db"), "history", "child-a",
                                       "--json"])
    assert history.exit_code == 0
    assert "publication/check" in history.output
    assert FICTIONAL_REAL_NAME not in history.output and "Thornbury" not in history.output


def test_an_unknown_methodology_is_refused_before_anything_is_written(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "d"), "--methodology",
                                      "no-such-method"])
    assert result.exit_code == 1 and "no methodology called 'no-such-method'" in result.output
    assert not (tmp_path / "d" / "casereview.db").exists()


def test_the_demo_never_replaces_a_database_it_did_not_make(tmp_path):
    (tmp_path / "casereview.db").write_bytes(b"someone's real work")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "did not make" in result.output
    assert (tmp_path / "casereview.db").read_bytes() == b"someone's real work"


def test_a_folder_with_files_the_demo_did_not_make_is_refused_untouched(tmp_path):
    (tmp_path / "casereview-2024.db").write_bytes(b"last year's review")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "did not make" in result.output and "casereview-2024.db" in result.output
    assert "--out" in result.output  # says what to do
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casereview-2024.db", "notes.txt"]


def test_a_rerun_deletes_only_the_files_the_demo_made(demo):
    out, _result = demo
    marker = (out / MARKER).read_text(encoding="utf-8").splitlines()
    listed = [line for line in marker if not line.startswith("#")]
    assert "casereview.db" in listed and "child-a-report.html" in listed
    # Someone keeps their own files beside the demo's, named much like its database.
    mine = {"casereview-2024.db": b"last year's review", "casereview.db.bak": b"a backup",
            "notes.txt": b"my notes"}
    for name, data in mine.items():
        (out / name).write_bytes(data)
    again = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert again.exit_code == 0, again.output
    for name, data in mine.items():
        assert (out / name).read_bytes() == data, name
    relisted = (out / MARKER).read_text(encoding="utf-8")
    assert "notes.txt" not in relisted and "casereview.db.bak" not in relisted


def test_the_demo_will_not_overwrite_a_report_it_did_not_make(tmp_path):
    out = tmp_path / "d"
    out.mkdir()
    (out / MARKER).write_text(f"{MARKER_HEADING}\n", encoding="utf-8")
    (out / "child-a-report.html").write_text("someone's edited report", encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 1 and "will not overwrite" in result.output
    assert (out / "child-a-report.html").read_text(encoding="utf-8") == "someone's edited report"


# -- what the report says -----------------------------------------------------------------------


def _sections(markdown: str) -> dict[str, str]:
    """The Markdown report's text under each '## ' heading (the title page under '')."""
    found, title = {"": []}, ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            title = line[3:].strip()
            found[title] = []
        else:
            found[title].append(line)
    return {k: "\n".join(v).replace("\\", "") for k, v in found.items()}


@pytest.fixture(scope="module")
def report_md(demo):
    out, result = demo
    assert result.exit_code == 0, result.output
    return _sections((out / "child-a-report.md").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pack_md(demo):
    out, result = demo
    assert result.exit_code == 0, result.output
    return _sections((out / "child-a-pack.md").read_text(encoding="utf-8"))


def test_the_pack_holds_the_episodes_and_the_report_the_findings_and_actions(demo, report_md,
                                                                          pack_md):
    out, _result = demo
    html = (out / "child-a-pack.html").read_text(encoding="utf-8")
    episodes = pack_md["Key practice episodes: appraisal and explanation"]
    findings = report_md["Findings: underlying patterns and issues for the board"]
    for number in range(1, 9):
        assert f"### KPE-{number}:" in episodes and f"KPE-{number}:" in html
    assert "KPE-9" not in episodes
    assert "### KPE-1:" not in (out / "child-a-report.md").read_text(encoding="utf-8")
    for number in range(1, 5):
        assert f"### F{number}:" in findings
    assert "Issues for the board to consider" in findings
    assert "| A1 |" in report_md["Improvement actions"] or "A1" in report_md["Improvement actions"]


def test_the_practitioners_who_took_part_are_listed_by_role_and_agency(report_md):
    text = report_md["How practitioners and the family were involved"]
    practitioners = text.split("### Practitioners")[1].split("###")[0]
    assert "9 practitioners and managers who worked with the family took part" in practitioners
    listed = [line for line in practitioners.splitlines() if line.startswith("- ")]
    assert len(listed) == 9
    assert "- Health visitor, Wendmoor Health Visiting Service" in practitioners
    assert "No practitioners have been recorded" not in text
    assert "held 9 one-to-one conversations" in practitioners


def test_the_family_section_says_who_was_asked_and_who_took_part(report_md):
    family = report_md["How practitioners and the family were involved"].split(
        "### The family")[1]
    assert "offered a part in the review on" in family
    took_part = family.split("took part:")[1].split("chose not to take part")[0]
    assert "- Mother: met the lead reviewers" in took_part
    assert "Sibling B" not in took_part and "Mother's partner" not in took_part
    assert "- Mother's partner: declined" in family
    assert "- Sibling B: too young to be approached" in family


def test_the_report_scope_and_variant_read_as_plain_sentences(report_md):
    scope = " ".join(report_md["Introduction and terms of reference"].split())
    # The earliest record is housing's "2022–2023": the period begins in 2022, no day invented.
    assert "The agencies' records cover the period from 2022 to " in scope
    assert "from 2022 to 2023 to" not in scope
    method = " ".join(report_md["The methodology and why it was chosen"].split())
    assert "in its full variant (about six months" in method


def test_the_report_says_why_the_methodology_was_chosen(report_md):
    METHODOLOGY_RATIONALE = "\n\n".join(script()["methodology_rationale"])

    text = report_md["The methodology and why it was chosen"]
    first = METHODOLOGY_RATIONALE.split("\n\n")[0].replace("\n", " ")
    assert first in " ".join(text.split())
    assert "chose it because" not in text


def test_the_entries_the_analysis_rests_on_are_fewer_than_the_chronology(pack_md):
    timeline = pack_md["The chronology entries the analysis rests on"]
    rows = [line for line in timeline.splitlines() if line.startswith("| ")][2:]  # less header
    assert 0 < len(rows) < 115
    assert f"({len(rows)} of the 115 entries" in timeline
    assert "| 11 January 2022 |" in timeline and "| 11/01/2022 |" not in timeline
    full = pack_md["The full chronology"]
    assert len([line for line in full.splitlines() if line.startswith("| ")][2:]) == 115


PUBLISHED_SECTIONS = [
    "Executive summary", "Introduction and terms of reference",
    "The methodology and why it was chosen", "How the review applied Learning Together",
    "Methodological comment and limitations",
    "How practitioners and the family were involved", "What the family told the review",
    "Case summary", "Summary of significant events", "The child's lived experience",
    "Identity, race, ethnicity, culture, disability and language",
    "Appraisal of professional practice in this case",
    "In what ways does this case provide a useful window on our system?",
    "Findings: underlying patterns and issues for the board",
    "Recommendations and issues for the board", "Improvement actions",
    "What has been done, its impact, and what more will be done",
    "The review's timeline and delays", "The partnership's response",
    "Asks of national bodies", "Glossary of acronyms"]
WORKING_MATERIAL = [
    "Multi-agency perspectives: how the case looked at the time",
    "Key practice episodes: appraisal and explanation", "The full chronology",
    "The chronology entries the analysis rests on", "Conversation records",
    "The agencies' submissions", "The chain behind each finding",
    "From evidence to action: the causal graph"]


def test_the_published_report_has_every_section_and_no_working_material(report_md, pack_md):
    assert [title for title in report_md if title] == PUBLISHED_SECTIONS
    assert set(WORKING_MATERIAL) <= set(pack_md)
    assert not set(PUBLISHED_SECTIONS) & set(pack_md)
    # a practitioner's words from a conversation record stay in the pack
    said = "Formal escalation felt like a complaint"
    assert said not in "".join(report_md.values())


def test_the_statements_of_independence_are_rendered_from_the_records(report_md):
    involvement = report_md["How practitioners and the family were involved"]
    assert "Each lead reviewer is independent" not in involvement
    assert "Dr Ruth Calloway stated on" in involvement
    assert ("Dr Ruth Calloway is accredited in SCIE Learning Together (since 14 May 2019)."
            in involvement)


def test_the_review_timeline_starts_when_the_local_authority_became_aware(report_md):
    timeline = report_md["The review's timeline and delays"]
    assert "| 13 February 2025 | The local authority became aware of the incident |" in timeline
    assert "| 5 March 2025 | The rapid review was sent to the national Panel |" in timeline
    assert "The review took longer than its six-month target" in timeline
    assert "| **Local authority became aware** | 13 February 2025 |" in report_md[""]
    assert "| **Notified** | 18 February 2025 |" in report_md[""]
    why = report_md["Introduction and terms of reference"]
    assert ("A rapid review on 3 March 2025 decided to hold a local child safeguarding practice "
            "review.") in " ".join(why.split())


def test_the_title_page_gives_the_kind_of_review_decided_not_the_rapid_review(report_md):
    # England 2018: the rapid review decides whether to hold a local review; the report is
    # the local review's.
    title_page = report_md[""]
    kind = next(line for line in title_page.splitlines() if line.startswith("| **Review**"))
    assert "Rapid review" not in kind
    assert kind == "| **Review** | Local child safeguarding practice review |"


def test_the_title_page_shows_the_kind_the_chair_decided(demo):
    out, _result = demo
    from core.kernel.store import open_journal
    from core.output.report.build import build
    from core.plugin_api.plugins import PluginHost
    from core.plugin_api.reviews import Reviews

    journal = open_journal(out / "casereview.db")
    try:
        host = PluginHost.load()
        state = Reviews(journal, host, "t").load("child-a")
        decided = state.record_collection("regime/decision")["current"]["review_kind"]
        facts = dict(build(host, state).facts)
    finally:
        journal.close()
    assert facts["Review"] == decided.replace("_", " ").capitalize()


def test_learning_togethers_last_step_is_in_the_published_report(report_md, pack_md):
    """Child A shows the model's last step: the hindsight technique in plain English, the
    review questions, a window on the system, the findings in priority order with a summary
    (one of them indicative), each question with the partnership's response."""
    method = report_md["How the review applied Learning Together"]
    assert "judged each decision only on what the practitioners and their agencies knew" in method
    assert "This was the case in 1 of the 8 key practice episodes" in method
    assert "### Review questions" in report_md["Introduction and terms of reference"]
    window = report_md["In what ways does this case provide a useful window on our system?"]
    assert "useful window" in window
    assert "One finding (F4) is indicative" in report_md["Methodological comment and limitations"]
    findings = report_md["Findings: underlying patterns and issues for the board"]
    assert "*Summary of findings*" in findings
    assert findings.index("### F1:") < findings.index("### F2:") < findings.index("### F4:")
    assert "*Indicative finding. Priority 4." in findings
    assert "| 4 | F4: Once a family is seen as struggling" in findings
    assert "(indicative) | Human reasoning |" in findings
    assert "*The partnership's response to issue 1*: Chairs of child in need plans" in findings
    assert "Improvement actions: A1, A2" in findings
    # what other agencies held is working material: context in the pack, not in the report
    episodes = pack_md["Key practice episodes: appraisal and explanation"]
    assert "Held by other agencies at the time, not known to those involved" in episodes
    assert "POL-001" in episodes and "POL-001" not in "".join(report_md.values())
    perspectives = pack_md["Multi-agency perspectives: how the case looked at the time"]
    assert "The reviewers' queries from the overview" in perspectives
    assert "Second joint meeting" in report_md["How practitioners and the family were involved"]
