"""SILP on the bundled Child A case: the method's artefacts, their links and its checks.

The review is built once per module through the command line (notification, the seven agency
chronologies, decision, commissioning with the terms of reference, two independent lead
reviewers, the family, `silp load`); each test works on its own copy of the database.
"""

from __future__ import annotations

import copy
import functools
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CommandLine

import silp
from core.errors import InputProblems
from core.journal import Journal
from core.model import FindingStatus
from core.plugins import PluginHost
from core.reviews import Reviews

CASE = Path(__file__).resolve().parent.parent / "examples" / "child-a"
MATERIAL = Path(silp.__file__).resolve().parent / "example"
REVIEW = "child-a"


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


@pytest.fixture
def host() -> PluginHost:
    return every_plugin()


def build_child_a(cli: CommandLine, tmp: Path, *, material: bool = True) -> None:
    """Child A as a coordinator and the lead reviewers would enter it."""
    cli.ok("new", "--from-case", str(CASE / "case.yaml"))
    case = yaml.safe_load((CASE / "case.yaml").read_text(encoding="utf-8"))
    for agency in case["agencies"]:
        spec = agency["chronology"]
        args = ["import", REVIEW, str(CASE / spec["file"]), "--agency", agency["name"]]
        for field, heading in spec["columns"].items():
            args += ["--map", f"{heading}={field}"]
        if "sheet" in spec:
            args += ["--sheet", spec["sheet"]]
        cli.ok(*args)
    cli.ok("decide", REVIEW, "--decision", "initiate", "--by", "Chair of the partnership",
           "--on", "2025-03-04")
    cli.ok("move", REVIEW, "commissioning")
    script = yaml.safe_load((CASE / "review.yaml").read_text(encoding="utf-8"))
    terms = tmp / "terms.txt"
    terms.write_text("\n\n".join(script["terms_of_reference"]), encoding="utf-8")
    cli.ok("commission", REVIEW, "--methodology", "silp", "--terms-of-reference", f"@{terms}",
           "--rationale", "Every agency can give an author; practitioners can attend both events.")
    for name, employer in (("Alex Morgan", "Morgan Reviews Ltd"), ("Sam Okafor", "Northfield")):
        cli.ok("people", REVIEW, "add", "--role", "lead_reviewer", "--title",
               "Independent lead reviewer", "--name", name, "--employer", employer)
    with Journal.open(cli.db) as journal:  # closed, so the template copied below is whole
        state = Reviews(journal, cli.host, "test").load(REVIEW)
    have = {p.title for p in state.participants.values()}
    for member in case.get("family", []):
        if member["relationship"] not in have:
            cli.ok("people", REVIEW, "add", "--role", "family", "--title",
                   member["relationship"])
    if material:
        cli.ok("silp", "load", REVIEW, str(MATERIAL))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("child-a")
    build_child_a(CommandLine(every_plugin(), folder / "template.db"), folder)
    return folder / "template.db"


@pytest.fixture
def db(template: Path, cli: CommandLine) -> Path:
    shutil.copy(template, cli.db)
    return cli.db


@pytest.fixture
def reviews(db: Path, host: PluginHost):
    journal = Journal.open(db)
    yield Reviews(journal, host, "test reviewer")
    journal.close()


def material(name: str) -> Any:
    return yaml.safe_load((MATERIAL / name).read_text(encoding="utf-8"))


def plan_with(reviews: Reviews, **documents: Any):
    """What loading these documents (kind -> parsed YAML) would write, or InputProblems."""
    from silp.loading import plan_load

    state = reviews.load(REVIEW)
    return state, plan_load(reviews.host, state, {k: (f"{k}.yaml", v)
                                                   for k, v in documents.items()})


def ahead(reviews: Reviews, **documents: Any):
    from silp.loading import preview

    state, plan = plan_with(reviews, **documents)
    return preview(state, plan.events)


# -- scoping and agency reports ------------------------------------------------------------------


def test_key_lines_of_enquiry_are_what_the_terms_of_reference_turn_into(reviews):
    from silp.checks import scoping_warnings
    from silp.records import scoping

    state = reviews.load(REVIEW)
    scope = scoping(state)
    assert [(k.id, k.terms) for k in scope.lines] == [("KLOE-1", (1,)), ("KLOE-2", (3,)),
                                                      ("KLOE-3", (2,))]
    assert [p.id for p in scope.periods] == ["P1", "P2", "P3"]
    assert scoping_warnings(state) == []


def test_a_paragraph_of_the_terms_with_no_line_of_enquiry_is_warned_about(reviews):
    from silp.checks import scoping_warnings

    scoping = material("scoping.yaml")
    scoping["key_lines_of_enquiry"][1]["terms"] = [1]  # paragraph 3 now turns into nothing
    scoping["weeks"] = 8
    warnings = scoping_warnings(ahead(reviews, scoping=scoping))
    assert any("paragraph 3 of the terms of reference" in w for w in warnings)
    assert any("8 weeks lies outside" in w and "16 weeks to six months" in w for w in warnings)


def test_seven_agency_reports_each_analyse_every_key_line_or_say_why_not(reviews):
    from silp.records import reports

    state = reviews.load(REVIEW)
    held = {r.id: r for r in reports(state)}
    assert len(held) == 7 and len({r.agency for r in held.values()}) == 7
    for report in held.values():
        assert [a.line for a in report.analyses] == ["KLOE-1", "KLOE-2", "KLOE-3"], report.id
        for analysis in report.analyses:
            assert analysis.not_involved or (analysis.what_happened and analysis.why)
    assert held["AR-HSG"].analysis("KLOE-2").not_involved
    assert held["AR-ED"].analysis("KLOE-1").not_involved
    # each report is the agency's own chronology, resolved to its entries, and core evidence
    csc = held["AR-CSC"]
    assert len(csc.chronology) == 25
    assert all(state.chronology[e.entry_id].agency == csc.agency for e in csc.chronology)
    evidence = state.evidence["AR-CSC"]
    assert evidence.kind.value == "agency_report"
    assert set(evidence.entry_ids) == {e.entry_id for e in csc.chronology}
    # the authors are participants, by role, in the agency_author role
    author = state.participants["AR-CSC-author"]
    assert (author.role.value, author.title, author.name) == (
        "agency_author", "Service manager, quality assurance", "")
    cited = [e.ref for e in held["AR-HSG"].analysis("KLOE-1").entries]
    assert cited == ["HSG-004", "HSG-005", "HSG-007"]


def test_a_report_missing_a_line_or_citing_another_agencys_entry_is_refused_by_field(
        reviews, cli, tmp_path):
    data = material("agency-reports.yaml")
    data["reports"][1]["analysis"].pop(1)  # AR-CSC loses KLOE-2
    data["reports"][0]["chronology"].append("CN-1016")  # a police report citing a CSC ref
    data["reports"][2]["analysis"][0]["line"] = "KLOE-9"
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, reports=data)
    message = str(caught.value)
    assert "reports[2].analysis" in message and "no analysis of KLOE-2" in message
    assert "reports[1].chronology[12]" in message
    assert "reports[3].analysis[1].line" in message and "KLOE-9" in message
    bad = tmp_path / "agency-reports.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    before = reviews.load(REVIEW).seq
    cli.refused("silp", "import", REVIEW, "reports", str(bad), says="reports[2].analysis")
    assert reviews.load(REVIEW).seq == before


# -- distribution before the learning event -------------------------------------------------------


def test_every_report_went_out_in_good_time_before_the_learning_event(reviews):
    from silp.checks import distribution_warnings, working_days
    from silp.records import reports

    state = reviews.load(REVIEW)
    assert {str(r.sent_on) for r in reports(state)} == {"2025-05-02"}
    assert state.learning_events["LE-1"].held_on.isoformat() == "2025-05-14"
    assert working_days(reports(state)[0].sent_on, state.learning_events["LE-1"].held_on) == 8
    assert distribution_warnings(state) == []


def test_a_learning_event_held_before_a_report_went_out_is_warned_about(reviews):
    from silp.checks import check_stage

    data = material("agency-reports.yaml")
    data["reports"][3]["distributed"] = [{"to": "learning event participants",
                                          "sent_on": "2025-05-15"}]  # the GP practice's
    data["reports"][4]["distributed"] = [{"to": "learning event participants",
                                          "sent_on": "2025-05-12"}]  # two working days
    data["reports"][5].pop("distributed")
    state = ahead(reviews, reports=data)
    found = [c for c in check_stage(review=state, stage="learning_events")
             if c["check"] == "reports shared"]
    messages = " | ".join(c["message"] for c in found)
    assert len(found) == 3 and all(c["level"] == "warning" for c in found)
    assert ("the learning event (14 May 2025) was held before Fenwright Medical Practice's "
            "agency report went out (15 May 2025)") in messages
    assert "Wendmoor Health Visiting Service's agency report went out 2 working days" in messages
    assert "Wendmoor General Hospital's agency report has no record of going" in messages


def test_distribute_records_who_received_the_reports_and_when(cli, reviews):
    from silp.records import reports

    cli.ok("silp", "distribute", REVIEW, "AR-POL", "--to", "review panel", "--on", "2025-04-30")
    held = {r.id: r for r in reports(reviews.load(REVIEW))}
    assert [(d.to, str(d.sent_on)) for d in held["AR-POL"].distributed] == [
        ("learning event participants", "2025-05-02"), ("review panel", "2025-04-30")]
    assert held["AR-POL"].sent_on.isoformat() == "2025-04-30"
    assert len(held["AR-CSC"].distributed) == 1
    out = cli.ok("silp", "reports", REVIEW)
    assert "AR-POL" in out and "review panel on 30 April 2025" in out


# -- the learning event --------------------------------------------------------------------------


def test_the_walk_by_period_is_the_knowledge_horizon_of_the_room(reviews):
    from core.horizon import known_by_any
    from silp.meetings import learning_event_plan, room
    from silp.records import scoping

    state = reviews.load(REVIEW)
    plan = learning_event_plan(state)
    assert [p.minutes for p in plan.phases] == [20, 15, 60, 90, 40, 15, 10]
    walk = plan.phases[2]
    agencies = room(state)
    assert len(agencies) == 7
    p1 = scoping(state).periods[0]
    known = [e for e in known_by_any(state, agencies, p1.end)
             if e.date.overlaps(p1.start, p1.end)]
    dated = [e for e in state.chronology.values() if e.date.overlaps(p1.start, p1.end)]
    late = {e.source_ref for e in dated} - {e.source_ref for e in known}
    assert late == {"HSG-001"}  # dated "2022–2023": known only once the whole span had passed
    assert f"had {len(known)} entries for this period" in walk.prompts[0]
    assert "1 entry dated in it reached no one in the room until later" in walk.prompts[0]
    lines = plan.phases[3]
    assert any(p.startswith("KLOE-2 Response to missed health appointments") for p in
               lines.prompts)
    assert "Speak from what you knew and thought at the time" in plan.ground_rules[1]


def test_contributions_belong_to_a_line_and_question_and_become_evidence(reviews):
    from silp.records import events

    state = reviews.load(REVIEW)
    event = state.learning_events["LE-1"]
    assert (event.kind, event.held_on.isoformat()) == ("learning_event", "2025-05-14")
    detail = events(state, "learning_event")[0]
    groups = {a.group for a in detail.attendees}
    assert groups == {"agency_author", "practitioner", "first_line_manager"}
    tags = {t.contribution: (t.line, t.question) for t in detail.tags}
    assert tags["LE-1-C10"] == ("KLOE-3", "why")
    said = state.contributions["LE-1-C10"]
    assert said.evidence_id == "EV-LE-1-C10"
    assert state.evidence["EV-LE-1-C10"].kind.value == "contribution"
    assert not state.contributions["LE-1-C1"].evidence_id  # ground rules: not evidence
    assert not state.contributions["LE-1-C13"].evidence_id  # close and support


def test_a_family_member_among_the_practitioners_is_refused(reviews):
    event = material("learning-event.yaml")
    event["learning_event"]["contributions"][1]["role"] = "Mother"
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, learning_event=event)
    message = str(caught.value)
    assert "learning_event.contributions[2].role" in message
    assert "kept apart" in message or "recorded apart" in message


def test_attendance_without_first_line_managers_is_warned_about(reviews):
    from silp.checks import attendance_warnings

    event = material("learning-event.yaml")
    event["learning_event"]["attendees"] = [
        a for a in event["learning_event"]["attendees"] if a["group"] != "first_line_manager"]
    warnings = attendance_warnings(ahead(reviews, learning_event=event))
    assert any("no first-line managers recorded" in w for w in warnings)


# -- findings, traced ---------------------------------------------------------------------------


def test_each_finding_rests_on_agency_analyses_and_the_learning_event(reviews):
    from silp.findings import grounds
    from silp.records import finding_details, learning_points

    state = reviews.load(REVIEW)
    points = {p.id: p for p in learning_points(state)}
    assert len(points) == 8
    for finding in state.findings.values():
        assert finding.status is FindingStatus.FINAL
        linked = [points[p] for p in finding_details(finding)["learning_points"]]
        assert grounds(linked, state) == (True, True), finding.id
    f3 = state.findings["F3"]
    assert finding_details(f3)["line"] == "KLOE-3"
    assert {"AR-CSC", "AR-POL", "AR-SCH", "EV-LE-1-C10"} <= set(f3.evidence_ids)
    assert {r.id: r.finding_ids for r in state.recommendations.values()} == {
        "R1": ("F1",), "R2": ("F2",), "R3": ("F3",), "R4": ("F3",)}


def test_a_final_finding_without_the_learning_event_is_refused(reviews):
    data = copy.deepcopy(material("findings.yaml"))
    data["learning_points"].append({"id": "LP-9", "line": "KLOE-2",
                                    "text": "Only the reports say this.",
                                    "evidence": [{"analysis": "AR-GP/KLOE-2"}]})
    data["findings"][1]["learning_points"] = ["LP-9"]
    with pytest.raises(InputProblems) as caught:
        plan_with(reviews, findings=data)
    assert "F2 is final: it rests on nothing said at the learning event" in str(caught.value)
    data["findings"][1]["not_evidenced_because"] = "The practice could not attend the event."
    _state, plan = plan_with(reviews, findings=data)
    assert plan.counts["findings"]["changed"] == 1


def test_the_causal_graph_runs_from_the_chronology_to_the_actions(reviews, cli):
    from core.graph import build_graph

    cli.ok("move", REVIEW, "evidence")
    cli.ok("move", REVIEW, "analysis")
    cli.ok("move", REVIEW, "learning_events")
    cli.ok("move", REVIEW, "findings")
    cli.ok("move", REVIEW, "improvement_actions")
    cli.ok("actions", REVIEW, "import", str(MATERIAL / "actions.yaml"))
    state = reviews.load(REVIEW)
    graph = build_graph(reviews.host, state)  # validates: raises on any problem
    assert graph.problems() == []
    edges = set(graph.edges())
    entry = next(e.id for e in state.chronology.values() if e.source_ref == "CN-1016")
    chain = [("action:A4", "recommendation:R3", "addresses"),
             ("recommendation:R3", "finding:F3", "addresses"),
             ("finding:F3", "learning_point:LP-6", "evidenced_by"),
             ("learning_point:LP-6", "finding:F3", "raises"),
             ("learning_point:LP-6", "agency_analysis:AR-CSC/KLOE-3", "evidenced_by"),
             ("agency_analysis:AR-CSC/KLOE-3", f"event:{entry}", "evidenced_by"),
             ("agency_analysis:AR-CSC/KLOE-3", "line_of_enquiry:KLOE-3", "part_of"),
             (f"event:{entry}", "line_of_enquiry:KLOE-3", "part_of"),
             ("finding:F3", "recall_response:LE-2-C3", "evidenced_by"),
             ("recall_response:LE-2-C3", "evidence:EV-LE-2-C3", "evidenced_by")]
    for edge in chain:
        assert edge in edges, edge
    # a challenge the lead reviewers did not accept changed nothing, so evidences nothing
    assert ("finding:F3", "recall_response:LE-2-C4", "evidenced_by") not in edges
    assert "strength:AR-SCH/1" in graph.nodes_of("strength")
    out = cli.ok("graph", REVIEW, "--check")
    assert "no problems" in out


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
    from core.report import build

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
    from core.exporters import exporter, render
    from core.report import build

    overview = copy.deepcopy(material("overview.yaml"))
    overview["the_child"] = "Child A drew <script>alert('x')</script> at school."
    state = ahead(reviews, overview=overview)
    html = render(reviews.host, exporter(reviews.host, "html"), build(reviews.host, state))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
