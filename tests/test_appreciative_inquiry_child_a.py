"""Appreciative Inquiry on the bundled Child A case: the method's artefacts, not merely output.

The demo runs Child A through every stage once for the module (`casereview demo --methodology
appreciative-inquiry`); the tests read what it recorded, and each test that changes something
works on its own copy of the database.
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import networkx as nx
import pytest
from conftest import CommandLine

from core.kernel.model import FindingStatus
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews

REVIEW = "child-a"
METHOD = "appreciative-inquiry"


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


@pytest.fixture
def host() -> PluginHost:
    return every_plugin()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    from core.apps.demo import Demo

    out = tmp_path_factory.mktemp("ai-demo")
    lines: list[str] = []
    result = Demo(out, methodology=METHOD, echo=lines.append, host=every_plugin()).run()
    return out, result, lines


@pytest.fixture
def reviews(demo, tmp_path: Path):
    out, _result, _lines = demo
    db = tmp_path / "casereview.db"
    shutil.copy(out / "casereview.db", db)
    journal = open_journal(db)
    yield Reviews(journal, every_plugin(), "test reviewer")
    journal.close()


@pytest.fixture
def state(reviews):
    return reviews.load(REVIEW)


def refs(state, entry_refs) -> set[str]:
    return {state.chronology[e.entry_id].source_ref for e in entry_refs}


# -- the demo ---------------------------------------------------------------------------------


def test_the_demo_runs_every_stage_and_the_report_passes_the_publication_check(demo):
    _out, result, lines = demo
    assert not result.stopped, result.stopped
    assert len(result.stages) == 12
    assert result.check.ready, [p.why for p in result.check.blocking]
    assert "Appreciative workshop (summit) with 8 contributions, 7 taken into evidence" in \
        "\n".join(lines)
    html = result.reports["html"].read_text(encoding="utf-8")
    for title in ("Strengths to amplify", "What went wrong and why", "Conditions to create",
                  "The commitments and their champions"):
        assert title in html
    # the stories told in the appreciative interviews stay in the review team's pack
    assert "texted and called again" not in html
    assert "texted and called again" in result.reports["pack-html"].read_text(encoding="utf-8")


# -- Define -----------------------------------------------------------------------------------


def test_define_holds_the_affirmative_topic_the_guide_and_the_familys_consent(state):
    from appreciative_inquiry.records import define

    found = define(state)
    assert found.topic == "Seeing and acting on a young child's accumulating needs together"
    assert [q.kind for q in found.guide] == ["peak", "enablers", "values", "continuity",
                                             "wishes"]
    assert found.consent_of("Maternal grandmother").consent == "given"
    assert found.consent_of("Mother's partner").consent == "declined"


def test_a_deficit_framed_question_is_flagged_with_a_reframe_and_never_rewritten(reviews, state):
    from appreciative_inquiry.loading import plan_load
    from appreciative_inquiry.records import define

    guide = [{"kind": "peak", "question": "What went wrong when the plan closed?"},
             {"kind": "wishes", "question": "What do you wish had been different?"}]
    plan = plan_load(reviews.host, state, {"define": ("define.yaml", {
        "review_question": "Why was neglect missed?", "affirmative_topic": "Seeing needs",
        "guide": guide})})
    assert len(plan.warnings) == 1
    warning = plan.warnings[0]
    assert "first question" in warning and "'What went wrong'" in warning
    assert "What happened when the plan closed, and what do you wish had been different?" \
        in warning
    reviews.write(state, plan.events)
    stored = define(reviews.load(REVIEW))
    assert stored.guide[0].text == "What went wrong when the plan closed?"  # as written
    checks = [c for c in _stage_checks(reviews.load(REVIEW))
              if c["check"] == "deficit-framed question"]
    assert len(checks) == 1 and checks[0]["level"] == "warning"


def _stage_checks(state):
    from appreciative_inquiry.checks import check_stage

    return check_stage(review=state, stage=state.stage.value)


# -- Discover and the honest record -------------------------------------------------------------


def test_the_discovered_strengths_are_the_health_visitor_and_the_school_safeguarding_lead(state):
    from appreciative_inquiry.records import interviews, themes

    held = {i.id: i for i in interviews(state)}
    assert held["I-1"].who == "Health visitor, Wendmoor Health Visiting Service"
    assert refs(state, held["I-1"].entries) == {"HV-002", "HV-003", "HV-009", "HV-010"}
    assert held["I-2"].who == "Designated safeguarding lead, Brindlecote Primary School"
    assert {"SCH-14", "SCH-15"} <= refs(state, held["I-2"].entries)
    assert all(i.enablers for i in held.values())
    assert held["I-6"].family and not held["I-6"].agency
    persistence = next(t for t in themes(state) if t.id == "T-1")
    assert persistence.stories == ("I-1", "I-2")
    # each interview is evidence the findings cite
    assert state.evidence["I-1"].entry_ids == tuple(e.entry_id for e in held["I-1"].entries)


def test_the_honest_record_says_the_child_in_need_plan_closed_and_why(state):
    from appreciative_inquiry.honesty import honest_record_problems
    from appreciative_inquiry.records import concerns, honest_record

    assert "closed on Mother's word" in honest_record(state).what_happened
    closure = next(c for c in concerns(state) if c.id == "G-1")
    assert {"CN-1015", "CN-1012", "HV-015", "HV-016", "HSG-005"} <= refs(state, closure.entries)
    assert "caseloads" in closure.why
    assert honest_record_problems(state) == []


# -- Design, Destiny and the findings ------------------------------------------------------------


def test_each_proposition_is_grounded_in_themes_and_each_commitment_became_an_action(state):
    from appreciative_inquiry.records import commitments, propositions

    grounded = {p.id: (p.themes, p.concerns) for p in propositions(state)}
    assert grounded == {"P-1": (("T-3",), ("G-1",)), "P-2": (("T-2", "T-3"), ("G-2",)),
                        "P-3": (("T-1",), ("G-3",))}
    made = {c.id: c for c in commitments(state)}
    assert len(made) == 4 and all(c.owner and c.champion and c.measure for c in made.values())
    action = state.actions["C-1"]
    assert action.owner == made["C-1"].owner and action.measure_of_success == made["C-1"].measure
    # P-1 rests on T-3 (finding F2, what worked) and answers G-1 (finding F3)
    assert action.addresses == ("F2", "F3")
    assert state.actions["C-4"].addresses == ("F1", "F4")


def test_findings_are_of_the_two_kinds_and_final(state):
    kinds = {f.id: (f.category, f.status) for f in state.findings.values()}
    final = FindingStatus.FINAL
    assert kinds == {"F1": ("what_worked", final), "F2": ("what_worked", final),
                     "F3": ("what_got_in_the_way", final),
                     "F4": ("what_got_in_the_way", final)}
    # a what-worked finding cites the interviews behind its themes
    assert {"I-1", "I-2", "I-3", "I-4"} <= set(state.findings["F1"].evidence_ids)


def test_a_theme_no_finding_takes_up_is_suggested_never_final(reviews, state):
    from appreciative_inquiry.findings import derive_findings
    from core.kernel.state import remove

    state = reviews.write(state, [remove("findings", "F2")])
    suggested = [f for f in derive_findings(review=state, methodology=METHOD)
                 if f.status is FindingStatus.SUGGESTED]
    assert [f.id for f in suggested] == ["S-T-3"]
    assert suggested[0].details["themes"] == ["T-3"]


# -- the causal graph ---------------------------------------------------------------------------


def test_the_graph_runs_from_entries_to_actions_and_is_clean(reviews, state):
    from core.analysis.causal_graph import build_graph

    graph = build_graph(reviews.host, state)  # raises if the core finds a problem
    assert graph.problems() == []
    edges = set(graph.edges())
    hv = next(e.id for e in state.chronology.values() if e.source_ref == "HV-009")
    assert ("strength:I-1", f"event:{hv}", "evidenced_by") in edges
    assert ("enabler:I-1/1", "strength:I-1", "contributed_to") in edges
    assert ("strength:I-1", "theme:T-1", "part_of") in edges
    assert ("proposition:P-3", "theme:T-1", "grounded_in") in edges
    assert ("commitment:C-4", "proposition:P-3", "addresses") in edges
    assert ("commitment:C-4", "action:C-4", "becomes") in edges
    closure = next(e.id for e in state.chronology.values() if e.source_ref == "CN-1015")
    assert ("concern:G-1", f"event:{closure}", "evidenced_by") in edges
    assert ("concern:G-1", "theme:T-3", "bears_on") in edges
    assert ("concern:G-1", "finding:F3", "raises") in edges
    # the whole chain, one link after another: an entry to an action through the method
    chain = {"event", "strength", "theme", "proposition", "commitment", "action"}
    plain = nx.Graph(graph.nx.to_undirected()).subgraph(
        n for n in graph.nx.nodes if graph.kind_of(n) in chain)
    path = nx.shortest_path(plain, f"event:{hv}", "action:C-4")
    kinds = [graph.kind_of(n) for n in path]
    assert kinds == ["event", "strength", "theme", "proposition", "commitment", "action"]


# -- the honesty gate ---------------------------------------------------------------------------


def test_without_the_honest_record_no_finding_is_finalised_and_the_report_is_refused(reviews,
                                                                                     state):
    from appreciative_inquiry import records as r
    from core.analysis import findings
    from core.kernel.state import remove_record

    state = reviews.write(state, [remove_record(r.HONEST, r.CURRENT)] + [
        remove_record(r.CONCERNS, c) for c in ("G-1", "G-2", "G-3")])
    state = reviews.write(state, findings.reopen(reviews.host, state, "F1").events)
    with pytest.raises(findings.FindingRefused) as refused:
        findings.finalise(reviews.host, state, "F1")
    assert any("no honest record of what went wrong" in p for p in refused.value.problems)
    refusals = reviews.host.call_methodology(METHOD, "check_methodology_transition",
                                             review=state, source="improvement_actions",
                                             target="report")
    assert any("the report cannot go forward" in reason for found in refusals for reason in found)
    assert any(c["level"] == "problem" and c["check"] == "honest record"
               for c in _stage_checks(state))


def test_a_summary_without_any_concern_or_reason_is_not_enough(reviews, state):
    from appreciative_inquiry import records as r
    from appreciative_inquiry.honesty import honest_record_problems
    from core.kernel.state import remove_record

    state = reviews.write(state, [remove_record(r.CONCERNS, c) for c in ("G-1", "G-2", "G-3")])
    assert honest_record_problems(state) == [
        "the honest record names no problem that got in the way; record each one with why it "
        "happened, or say why none were identified"]


# -- the workshop --------------------------------------------------------------------------------


def test_the_summit_has_seven_time_boxed_phases_with_prompts_from_the_review(state):
    from appreciative_inquiry.events import plan_learning_event

    plan = plan_learning_event(review=state, methodology=METHOD, kind="ai_summit")
    assert [p.minutes for p in plan.phases] == [20, 45, 45, 40, 45, 30, 25]
    assert plan.phases[1].title == "Paired appreciative interviews"
    assert any("Seeing and acting on" in p for p in plan.phases[0].prompts)
    assert "Emerging theme T-1: Persistence that keeps a child in view" in plan.phases[2].prompts
    assert any(p.startswith("Acknowledged G-1") for p in plan.phases[5].prompts)
    follow = plan_learning_event(review=state, methodology=METHOD, kind="destiny_follow_up")
    assert any("champion: Housing officer" in p for p in follow.phases[1].prompts)


def test_what_was_said_in_the_honest_reflection_became_evidence_of_a_problem(state):
    said = [e for e in state.evidence.values() if e.kind.value == "contribution"]
    uses = {e.details["use"] for e in said}
    assert "a problem acknowledged: what got in the way and why" in uses
    assert "a story of practice at its best" in uses
    # ground rules stay notes
    assert not any(e.details["phase"] == "Welcome, topic and ground rules" for e in said)


# -- bad input --------------------------------------------------------------------------------


def test_bad_material_names_each_file_and_field_and_writes_nothing(reviews, state):
    from appreciative_inquiry.loading import plan_load
    from core.kernel.errors import InputProblems

    documents = {
        "discover": ("discover.yaml", {"interviews": [{
            "id": "I-9", "role": "Grandfather", "family": True, "story": "He helped.",
            "entries": [{"agency": "Brindlecote Primary School", "ref": "SCH-99"}],
            "enablers": ["time"]}]}),
        "design": ("dream-design.yaml", {"propositions": [
            {"id": "P-9", "statement": "We listen.", "themes": []}]}),
        "destiny": ("destiny.yaml", {"commitments": [{
            "id": "C-9", "proposition": "P-1", "description": "Do it", "owner": "Head teacher",
            "due": "2026-01-01", "measure": "Done"}]}),
    }
    before = state.seq
    with pytest.raises(InputProblems) as caught:
        plan_load(reviews.host, state, documents)
    text = str(caught.value)
    assert "discover.yaml" in text and "interviews[1].family" in text and "consent" in text
    assert "interviews[1].entries[1]" in text and "SCH-99" in text
    assert "propositions[1].themes" in text
    assert "commitments[1].champion" in text
    assert reviews.load(REVIEW).seq == before


# -- the commands ---------------------------------------------------------------------------------


def test_a_reviewer_records_each_artefact_from_the_command_line(demo, tmp_path, host):
    out, _result, _lines = demo
    db = tmp_path / "cli.db"
    shutil.copy(out / "casereview.db", db)
    cli = CommandLine(host, db)
    said = cli.ok("ai", "interview", REVIEW, "--id", "I-7", "--role", "GP",
                  "--agency", "Fenwright Medical Practice", "--story",
                  "The safeguarding lead GP reviewed the records the day after the admission.",
                  "--entry", "Fenwright Medical Practice:GP-020", "--enabler",
                  "A practice safeguarding meeting")
    assert "appreciative interviews: 1 new" in said
    said = cli.ok("ai", "concern", REVIEW, "--id", "G-4", "--title", "Letters filed unread",
                  "--what-happened", "A discharge letter was filed without a GP reading it.",
                  "--why", "Administrators file letters to keep up with volume.",
                  "--entry", "Fenwright Medical Practice:GP-008", "--theme", "T-1")
    assert "concerns (what got in the way): 1 new" in said
    cli.ok("ai", "proposition", REVIEW, "--id", "P-4", "--statement",
           "Every letter about an injury to a young child is read by a clinician.",
           "--theme", "T-2", "--concern", "G-4")
    said = cli.ok("ai", "commitment", REVIEW, "--id", "C-5", "--proposition", "P-4",
                  "--description", "A GP reads every emergency department letter about a child.",
                  "--owner", "Practice manager", "--champion", "Safeguarding lead GP",
                  "--due", "2026-06-30", "--measure", "An audit finds every letter read.")
    assert "commitments (Destiny): 1 new" in said
    cli.refused("ai", "proposition", REVIEW, "--id", "P-5", "--statement", "x", "--theme",
                "T-9", says=["no theme 'T-9'", "propositions[1].themes[1]"])
    shown = cli.ok("ai", "show", REVIEW)
    assert "C-5 -> P-4, champion Safeguarding lead GP" in shown
    summary = cli.ok("ai", "summary", REVIEW)
    assert "**Our topic:** Seeing and acting on a young child's accumulating needs together" \
        in summary
    assert "- Letters filed unread. Administrators file letters to keep up with volume." in summary
    assert "champion: Safeguarding lead GP." in summary
    checks = cli.ok("ai", "check", REVIEW)
    assert "concern G-4 is in the honest record but no finding takes it up" in checks


def test_the_template_writer_gives_every_stage_and_never_overwrites(cli, tmp_path):
    folder = tmp_path / "ours"
    said = cli.ok("ai", "template", str(folder))
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["define.yaml", "destiny.yaml", "discover.yaml", "dream-design.yaml",
                     "findings.yaml", "honest-record.yaml"]
    assert str(folder / "define.yaml") in said
    cli.refused("ai", "template", str(folder), says="already holds")


def test_none_identified_with_a_reason_completes_the_honest_record(reviews, state):
    from appreciative_inquiry import records as r
    from appreciative_inquiry.honesty import honest_record_problems
    from appreciative_inquiry.loading import plan_load
    from core.kernel.state import remove_record

    state = reviews.write(state, [remove_record(r.CONCERNS, c) for c in ("G-1", "G-2", "G-3")])
    plan = plan_load(reviews.host, state, {"honest": ("honest-record.yaml", {
        "what_happened": "A summary.", "none_identified": "Every agency acted as it should."})})
    state = reviews.write(state, plan.events)
    assert honest_record_problems(state) == []
    assert r.honest_record(state).none_identified == "Every agency acted as it should."


def test_a_guide_without_a_peak_question_and_a_commitment_with_no_finding_are_refused(reviews,
                                                                                      state):
    from appreciative_inquiry.loading import plan_load
    from core.kernel.errors import InputProblems
    from core.kernel.state import remove

    with pytest.raises(InputProblems) as caught:
        plan_load(reviews.host, state, {"define": ("define.yaml", {
            "review_question": "Q?", "affirmative_topic": "T",
            "guide": [{"kind": "wishes", "question": "What do you wish?"}]})})
    assert "add a question of kind 'peak'" in str(caught.value)
    state = reviews.write(state, [remove("findings", "F1"), remove("findings", "F4")])
    with pytest.raises(InputProblems) as caught:
        plan_load(reviews.host, state, {"destiny": ("destiny.yaml", {"commitments": [{
            "id": "C-9", "proposition": "P-3", "description": "Do it", "owner": "Practice manager",
            "champion": "Health visitor", "due": "2026-01-01", "measure": "Done"}]})})
    assert "commitment C-9 becomes an improvement action, which must answer a finding" in \
        str(caught.value)
