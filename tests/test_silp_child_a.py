"""SILP on the bundled Child A case: the method's artefacts, their links and its checks.

The review is built once per module through the command line (notification, the seven agency
chronologies, decision, commissioning with the terms of reference, two independent lead
reviewers, the family, `silp load`); each test works on its own copy of the database.
"""

from __future__ import annotations

import copy

import pytest
import yaml
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
    from core.evidence.horizon import known_by_any
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
    from core.analysis.causal_graph import build_graph

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
