"""SILP on the bundled Child A case, continued: the recall event, the family, the lead
reviewers, suggestions, the report and the template (the case is built as in silp_case)."""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import CommandLine
from silp_case import (  # noqa: F401  (fixtures, found by pytest by name)
    CASE,
    MATERIAL,
    REVIEW,
    ahead,
    build_child_a,
    db,
    every_plugin,
    host,
    material,
    plan_with,
    reviews,
    template,
)

from core.kernel.errors import InputProblems
from core.kernel.model import FindingStatus

# -- the recall event ---------------------------------------------------------------------------


def test_the_recall_event_changed_one_finding_and_each_response_is_traced(reviews):
    from silp.checks import recall_trace
    from silp.records import events

    state = reviews.load(REVIEW)
    recall = events(state, "recall_event")[0]
    draft = {p.id: p.text for p in recall.draft}
    responses = {r.contribution: r for r in recall.responses}
    assert {r.kind for r in responses.values()} == {"agree", "challenge", "add", "correct"}
    assert (responses["LE-2-C3"].part, responses["LE-2-C3"].disposition) == ("F3", "accepted")
    assert responses["LE-2-C4"].disposition == "not_accepted"
    # the one finding that changed is F3; F1 and F2 read as drafted
    changed = [f for f in ("F1", "F2", "F3") if " ".join(draft[f].split()) !=
               " ".join(state.findings[f].statement.split())]
    assert changed == ["F3"]
    assert "The school disagreed by phone the same week" in state.findings["F3"].statement
    assert state.contributions["LE-2-C3"].evidence_id == "EV-LE-2-C3"
    assert recall_trace(state) == ([], [])


def test_a_response_said_to_change_a_finding_that_reads_as_drafted_is_refused(reviews):
    findings = copy.deepcopy(material("findings.yaml"))
    recall = material("recall-event.yaml")
    f3 = next(p for p in recall["draft"]["parts"] if p["id"] == "F3")
    findings["findings"][2]["finding"] = f3["text"]  # the change was never made
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, findings=findings, recall_event=recall)
    message = str(caught.value)
    assert "recall_event.yaml" in message
    assert "LE-2-C3 changed F3 at recall event LE-2, but F3 still reads as drafted" in message


def test_a_challenge_without_a_decision_is_warned_about(reviews):
    from silp.checks import recall_trace

    recall = copy.deepcopy(material("recall-event.yaml"))
    recall["recall_event"]["responses"][3].pop("disposition")
    recall["recall_event"]["responses"][3].pop("change")
    problems, warnings = recall_trace(ahead(reviews, recall_event=recall))
    assert problems == []
    assert warnings == ["the challenge LE-2-C4 to F3 at recall event LE-2 has no decision "
                        "recorded"]


def test_a_change_of_mind_needs_its_reason(reviews):
    recall = copy.deepcopy(material("recall-event.yaml"))
    recall["recall_event"]["responses"][2].pop("change")
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, recall_event=recall)
    assert "recall_event.responses[3].change" in str(caught.value)


# -- the family ---------------------------------------------------------------------------------


def test_the_familys_involvement_is_recorded_apart(reviews):
    from silp.records import family

    state = reviews.load(REVIEW)
    involvement = family(state)
    answers = {m.relationship: m.response for m in involvement.members}
    assert answers == {"Mother": "accepted", "Maternal grandmother": "accepted",
                       "Mother's partner": "declined", "Child A's father": "declined",
                       "Sibling B": "not_offered"}
    mother = next(m for m in involvement.members if m.relationship == "Mother")
    assert len(mother.said) == 2
    # none of it is in the practitioners' material
    said = " ".join(c.text for c in state.contributions.values())
    assert "two buses" not in said


def test_a_family_member_not_offered_needs_the_reason(reviews):
    data = copy.deepcopy(material("family.yaml"))
    data["family"]["members"][4].pop("reason")
    data["family"]["members"][2]["said"] = ["something"]
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, family=data)
    message = str(caught.value)
    assert "family.members[5].reason" in message
    assert "family.members[3].said" in message


# -- lead reviewers -----------------------------------------------------------------------------


def test_lead_reviewers_mix_and_accreditation(reviews):
    from silp.checks import lead_reviewer_warnings, mix_problems

    state = reviews.load(REVIEW)
    assert mix_problems(state) == [] and lead_reviewer_warnings(state) == []
    scoping = copy.deepcopy(material("scoping.yaml"))
    for lead in scoping["lead_reviewers"]:
        lead["standing"] = "employed"
    scoping["lead_reviewers"][1]["accreditation"] = {"status": "trainee",
                                                     "supervisor": "an accredited reviewer"}
    scoping["lead_reviewers"][0]["accreditation"] = {"status": "none"}
    state = ahead(reviews, scoping=scoping)
    assert mix_problems(state) == [
        "the lead reviewers are employed by the commissioning partnership and employed by the "
        "commissioning partnership; SILP needs one independent lead reviewer, two, or one "
        "independent and one employed by the partnership"]
    warnings = lead_reviewer_warnings(state)
    assert any("Alex Morgan (P1) is not accredited in SILP" in w for w in warnings)
    assert any("Sam Okafor (P2) is in training" in w for w in warnings)
    scoping["lead_reviewers"][0]["standing"] = "independent"
    assert mix_problems(ahead(reviews, scoping=scoping)) == []


def test_the_learning_event_waits_for_every_agency_report(cli, tmp_path, host):
    other = CommandLine(host, tmp_path / "bare.db")
    build_child_a(other, tmp_path, material=False)
    other.ok("silp", "import", REVIEW, "scoping", str(MATERIAL / "scoping.yaml"))
    other.ok("move", REVIEW, "evidence")
    other.ok("move", REVIEW, "analysis")
    other.refused("move", REVIEW, "learning_events",
                  says=["every agency involved has an agency report", "Wendmoor Constabulary"])


# -- suggestions, the report, the template -------------------------------------------------------


def test_learning_points_no_finding_uses_are_suggested_never_final(reviews):
    from silp.findings import derive_findings

    data = copy.deepcopy(material("findings.yaml"))
    data["findings"] = [f for f in data["findings"] if f["id"] != "F2"]
    data["recommendations"] = [r for r in data["recommendations"] if "F2" not in r["findings"]]
    state = ahead(reviews, findings=data)
    state.findings.pop("F2")  # as if the reviewers had never recorded it
    found = {f.id: f for f in derive_findings(review=state, methodology="silp")}
    suggestion = found["S-KLOE-2"]
    assert suggestion.status is FindingStatus.SUGGESTED
    assert suggestion.details["learning_points"] == ["LP-4", "LP-5"]


def test_the_report_gives_the_synthesis_not_the_agency_reports(reviews):
    from core.output.report.build import build

    report = build(reviews.host, reviews.load(REVIEW))
    ids = [s.id for s in report.sections]
    for wanted in ("silp-scope", "silp-method", "silp-family", "silp-child", "silp-agencies",
                   "silp-analysis", "silp-good-practice", "findings", "silp-authors"):
        assert wanted in ids
    text = " ".join(t for _, t in report.texts())
    assert "Changed after the recall event" in text
    assert "F3 now says the school disagreed by phone" in text
    assert "two buses to school" in text  # what the family said, in its own section
    assert "October 2024 housing saw the children" in text
    # an agency report's own analysis stays in the review team's pack
    assert "Caseloads averaged 24 children" not in text
    assert "KLOE-" not in text


def test_the_template_writer_gives_files_that_load_only_when_filled_in(reviews, tmp_path, cli):
    from silp.loading import directory_paths, plan_load, read_documents

    out = cli.ok("silp", "template", REVIEW, str(tmp_path / "pack"))
    assert "scoping.yaml" in out and "agency-reports.yaml" in out
    written = (tmp_path / "pack" / "scoping.yaml").read_text(encoding="utf-8")
    assert "paragraph 2: Why did the closure" in written and "participant: P1" in written
    reports = yaml.safe_load((tmp_path / "pack" / "agency-reports.yaml").read_text())
    assert len(reports["reports"]) == 7
    assert [a["line"] for a in reports["reports"][0]["analysis"]] == ["KLOE-1", "KLOE-2",
                                                                     "KLOE-3"]
    with pytest.raises(InputProblems) as caught:
        plan_load(reviews.host, reviews.load(REVIEW),
                  read_documents(directory_paths(tmp_path / "pack")))
    assert "scoping.yaml" in str(caught.value) and "is required" in str(caught.value)
    again = cli.ok("silp", "template", REVIEW, str(tmp_path / "pack"))
    assert "Kept" in again and "Wrote" not in again


def test_loading_the_same_material_again_writes_nothing(reviews):
    from silp.loading import directory_paths, plan_load, read_documents

    plan = plan_load(reviews.host, reviews.load(REVIEW),
                     read_documents(directory_paths(MATERIAL)))
    assert plan.events == []
    assert all(c["new"] == c["changed"] == 0 for c in plan.counts.values())


def test_a_recall_event_recorded_from_the_command_line_is_traced(cli, reviews):
    from silp.checks import recall_trace

    cli.ok("event", REVIEW, "add", "--kind", "recall_event", "--on", "2025-07-01")
    event = max(e.id for e in reviews.load(REVIEW).learning_events.values()
                if e.kind == "recall_event" and e.id != "LE-2")
    cli.refused("silp", "respond", REVIEW, event, "--part", "F1", "--kind", "challenge",
                "--role", "Health visitor", "--said", "Not quite.", says="record the draft")
    cli.ok("silp", "draft", REVIEW, event, "--circulated-on", "2025-06-25")
    out = cli.ok("silp", "respond", REVIEW, event, "--part", "F1", "--kind", "challenge",
                 "--role", "Health visitor", "--agency", "Wendmoor Health Visiting Service",
                 "--said", "The health visitor did tell the social worker, by email.")
    response = out.split()[1].rstrip(":")
    state = reviews.load(REVIEW)
    assert state.contributions[response].evidence_id == f"EV-{response}"
    _problems, warnings = recall_trace(state)
    assert f"the challenge {response} to F1 at recall event {event} has no decision " \
           "recorded" in warnings
    cli.refused("silp", "decide", REVIEW, response, "--disposition", "accepted",
                says="--change")
    cli.ok("silp", "decide", REVIEW, response, "--disposition", "accepted", "--change",
           "F1 now says the update went by email.")
    problems, _warnings = recall_trace(reviews.load(REVIEW))
    assert problems == [f"{response} changed F1 at recall event {event}, but F1 still reads "
                        "as drafted; record the changed text, or the decision as not accepted"]


def test_an_agency_author_involved_in_the_case_is_warned_about(reviews):
    from silp.checks import check_stage

    data = material("agency-reports.yaml")
    data["reports"][2]["author_independent"] = False
    found = [c for c in check_stage(review=ahead(reviews, reports=data), stage="analysis")
             if c["check"] == "agency authors"]
    assert [c["level"] for c in found] == ["warning"]
    assert "Brindlecote Primary School's agency report was involved" in found[0]["message"]


def test_walk_shows_the_period_as_known_then_and_what_it_leaves_out(cli, db):
    out = cli.ok("silp", "walk", REVIEW, "P1")
    assert out.startswith("P1 Arrival in Tessingford to the domestic abuse incident")
    assert "Wendmoor Constabulary POL-001" in out  # the police knew their own call-out
    assert "(left out: Tessingford Council Housing Service HSG-001, dated 2022 to 2023" in out
    assert "CN-1002" not in out  # November 2023: the next period
    cli.refused("silp", "walk", REVIEW, "P9", says="no period 'P9'")


def test_ground_rules_are_not_taken_as_evidence(reviews):
    event = copy.deepcopy(material("learning-event.yaml"))
    event["learning_event"]["contributions"][0]["evidence"] = True  # said in phase 1
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, learning_event=event)
    assert "learning_event.contributions[1].evidence" in str(caught.value)


def test_what_reviewers_wrote_is_escaped_in_the_html_report(reviews):
    from core.output.exporters import exporter, render
    from core.output.report.build import build

    overview = copy.deepcopy(material("overview.yaml"))
    overview["the_child"] = "Child A drew <script>alert('x')</script> at school."
    state = ahead(reviews, overview=overview)
    html = render(reviews.host, exporter(reviews.host, "html"), build(reviews.host, state))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
