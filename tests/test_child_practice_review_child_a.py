"""The Child Practice Review on the bundled Child A case, run as if in Wales under wales-susr:
the method's artefacts (type, panel, timeline, learning event, learning, chain, outputs), not
merely output.

The demo builds the review once per module (every stage, through the same functions as the
commands); each test reads it, or works on its own copy of the database.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest
import yaml

import child_practice_review
from core.apps.demo import Demo
from core.kernel.errors import InputProblems
from core.kernel.lifecycle import Stage
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews

MATERIAL = Path(child_practice_review.__file__).resolve().parent / "example"
REVIEW = "child-a"


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("cpr-demo")
    result = Demo(out, methodology="child-practice-review", echo=lambda _: None,
                  host=every_plugin(), today=dt.date(2025, 10, 1)).run()
    return out, result


@pytest.fixture
def reviews(built: tuple[Path, object], tmp_path: Path):
    """The built review, on this test's own copy of the database."""
    db = tmp_path / "casereview.db"
    shutil.copy(built[0] / "casereview.db", db)
    journal = open_journal(db)
    yield Reviews(journal, every_plugin(), "test")
    journal.close()


def documents(**changed: object) -> dict[str, tuple[str, object]]:
    from child_practice_review.loading import FILES

    found = {kind: (str(MATERIAL / name), yaml.safe_load((MATERIAL / name).read_text()))
             for kind, name in FILES.items()}
    for kind, data in changed.items():
        found[kind] = (str(MATERIAL / FILES[kind]), data)
    return found


def test_the_demo_runs_every_stage_and_passes_the_publication_check(built) -> None:
    _out, result = built
    assert not result.stopped
    assert len(result.stages) == 12
    assert result.check.ready, [p.why for p in result.check.blocking]


def test_the_board_chose_an_extended_review_over_the_concise_classification(reviews) -> None:
    from child_practice_review.plan import classified_type, plan_review, review_type

    state = reviews.load(REVIEW)
    assert state.review.regime == "wales-susr"
    assert classified_type(state) == "concise"  # not on the register or looked after
    assert review_type(state).name == "extended"
    assert review_type(state).reviewers == 2
    plan = plan_review(review=state, methodology="child-practice-review", variant=None)
    assert any("Engage the child and family directly" in a.title for a in plan.activities)
    assert plan_review(review=state, methodology="child-practice-review",
                       variant="concise").roles["reviewer"].startswith("One reviewer")


def test_a_type_other_than_the_classification_needs_the_boards_reason(reviews) -> None:
    from child_practice_review.loading import plan_load
    from child_practice_review.plan import check_methodology_transition

    state = reviews.load(REVIEW)
    terms = yaml.safe_load((MATERIAL / "terms-of-reference.yaml").read_text())
    del terms["type_reason"]
    plan = plan_load(reviews.host, state, {"terms": ("terms.yaml", terms)})
    after = reviews.write(state, plan.events)
    reasons = check_methodology_transition(review=after, methodology="child-practice-review",
                                           source="analysis", target="learning_events")
    assert any("concise review but it is run as extended" in r for r in reasons)


def test_the_timeline_of_significant_events_cites_real_entries(reviews) -> None:
    from child_practice_review.records import timeline
    from child_practice_review.report import summary_rows

    state = reviews.load(REVIEW)
    items = {t.id: t for t in timeline(state)}
    assert len(items) == 18
    voice = state.chronology[items["T04"].entry.entry_id]
    assert (voice.agency, voice.source_ref) == ("Wendmoor Health Visiting Service", "HV-015")
    rows = summary_rows(state)
    assert len(rows) == 18 and rows[0]["when"] == "22 February 2024"
    # the published row is the panel's reduced wording, not the agency's record
    assert rows[3]["summary"] == items["T04"].summary != voice.what_happened


def test_what_was_said_becomes_evidence_citing_the_events_it_speaks_to(reviews) -> None:
    state = reviews.load(REVIEW)
    said = state.evidence["EV-LE-1-C2"]
    refs = sorted(state.chronology[e].source_ref for e in said.entry_ids)
    assert refs == ["HSG-005", "HV-015", "HV-016"]
    assert said.details["phase"] == "Walk the timeline of significant events"
    # the ground rules and the close stay notes, not evidence
    assert not state.contributions["LE-1-C1"].evidence_id
    assert "EV-LE-1-C11" not in state.evidence
    family = state.evidence["EV-FM-1-C3"]
    assert family.details["role"] == "Child A" and family.details["event"] == "FM-1"


def test_the_learning_event_invites_every_practitioner_involved(reviews) -> None:
    from child_practice_review.checks import invitation_problems
    from child_practice_review.records import invitations

    state = reviews.load(REVIEW)
    invited = invitations(state)["LE-1"].invited
    assert len(invited) == 9
    assert [i.role for i in invited if not i.attended] == ["Emergency department nurse"]
    assert invitation_problems(state) == []
    events = yaml.safe_load((MATERIAL / "events.yaml").read_text())
    events["events"][2]["invited"] = [i for i in events["events"][2]["invited"]
                                      if i["role"] != "Housing officer"]
    from child_practice_review.loading import plan_load

    after = reviews.write(state, plan_load(reviews.host, state,
                                           {"events": ("events.yaml", events)}).events)
    assert invitation_problems(after) == [
        "the learning event is for every practitioner involved; not invited: Housing officer "
        "(Tessingford Council Housing Service)"]


def test_the_causal_chain_runs_from_timeline_to_action(reviews) -> None:
    from core.analysis.causal_graph import build_graph

    state = reviews.load(REVIEW)
    graph = build_graph(reviews.host, state)  # raises if unsound
    assert graph.problems() == []
    edges = set(graph.edges())
    voice = next(e.id for e in state.chronology.values() if e.source_ref == "HV-015")
    assert (f"event:{voice}", "evidence:EV-LE-1-C2", "evidenced_by") in edges
    assert ("finding:L1", "evidence:EV-LE-1-C2", "evidenced_by") in edges
    assert ("recommendation:R1", "finding:L1", "addresses") in edges
    assert ("action:A1", "recommendation:R1", "addresses") in edges
    node = graph.nx.nodes[f"event:{voice}"]
    assert node["significant"] is True and node["timeline_id"] == "T04"


def test_learning_in_the_methods_shape(reviews) -> None:
    from child_practice_review.records import learning_details

    state = reviews.load(REVIEW)
    kinds = {f.id: f.category for f in state.findings.values()}
    assert kinds == {"L1": "organisational", "L2": "practice", "L3": "organisational",
                     "L4": "good_practice"}
    assert learning_details(state.findings["L3"])["heard"] == ["LE-1-C7", "LE-1-C8"]
    assert all(f.status.value == "final" for f in state.findings.values())


def test_final_learning_must_be_heard_at_the_learning_event(reviews) -> None:
    from attrs import evolve

    from child_practice_review.learning import check_finding

    state = reviews.load(REVIEW)
    unheard = evolve(state.findings["L3"], details={
        **state.findings["L3"].details, "heard": []})
    problems = [c["message"] for c in check_finding(
        review=state, methodology="child-practice-review", finding=unheard, status="final")
        if c["level"] == "problem"]
    assert problems == ["before L3 is final: link what practitioners or the family said about "
                        "it (the learning is identified with them)"]


def test_a_suggestion_points_at_an_event_several_agencies_spoke_about(reviews) -> None:
    from child_practice_review.learning import suggested_learning

    state = reviews.load(REVIEW)
    assert suggested_learning(state) == []  # all taken up by the reviewers' learning
    del state.collections["findings"]["L2"]
    suggestions = {s.id: s for s in suggested_learning(state)}
    assert set(suggestions) == {"S-T09"}  # housing and health visiting spoke about the move
    assert suggestions["S-T09"].status.value == "suggested"


def test_a_briefing_that_does_not_fit_one_page_is_refused_and_nothing_changes(reviews) -> None:
    from child_practice_review.loading import plan_load

    state = reviews.load(REVIEW)
    long = yaml.safe_load((MATERIAL / "briefing.yaml").read_text())
    long["what_to_do"] = "Share what you know. " * 40
    with pytest.raises(InputProblems) as raised:
        plan_load(reviews.host, state, documents(briefing=long))
    text = str(raised.value)
    assert "briefing.yaml" in text and "briefing.what_to_do" in text
    assert "at most 120" in text
    assert reviews.load(REVIEW).seq == state.seq


def test_a_longer_focus_period_needs_the_panels_reason(reviews) -> None:
    from child_practice_review.loading import plan_load
    from child_practice_review.plan import focus_problems

    state = reviews.load(REVIEW)
    terms = yaml.safe_load((MATERIAL / "terms-of-reference.yaml").read_text())
    terms["focus_period"]["from"] = dt.date(2023, 1, 1)
    after = reviews.write(state, plan_load(reviews.host, state,
                                           {"terms": ("t.yaml", terms)}).events)
    assert focus_problems(after) == [
        "the focus period is about 25 months, longer than the usual 12: record the panel's "
        "reason as longer_focus_reason"]
    terms["longer_focus_reason"] = "the scald in August 2023 began the pattern"
    after = reviews.write(after, plan_load(reviews.host, after,
                                           {"terms": ("t.yaml", terms)}).events)
    assert focus_problems(after) == []


def test_the_report_follows_the_welsh_template_order(built) -> None:
    text = (built[0] / "child-a-report.md").read_text(encoding="utf-8")
    headings = ["Brief outline of the circumstances", "Practice and organisational learning",
                "Improving systems and practice", "Statement by the reviewers",
                "Statement by the review panel chair", "Appendix 1: Terms of reference",
                "Appendix 2: Summary timeline"]
    places = [text.index(f"## {h}") for h in headings]
    assert places == sorted(places)
    assert "The board chose an extended review because the case review group advised" in text
    # what practitioners said stays with the review team
    assert "I thought the voice upstairs was a visitor" not in text


def test_the_bundle_holds_every_output_and_escapes_what_people_typed(reviews, tmp_path) -> None:
    from child_practice_review.bundle import write_bundle
    from child_practice_review.loading import plan_load

    state = reviews.load(REVIEW)
    press = {"text": "<script>alert(1)</script> The board publishes its review."}
    state = reviews.write(state, plan_load(reviews.host, state,
                                           {"press": ("p.yaml", press)}).events)
    written = write_bundle(reviews.host, state, tmp_path / "bundle", today=dt.date(2025, 10, 1),
                           formats=("md",))  # Word and HTML reports are the core's, tested there
    names = sorted(p.name for p in written)
    assert names == ["7-minute-briefing.html", "action-plan.html", "press-statement.html",
                     "report.md", "summary-timeline.html", "terms-of-reference.html"]
    briefing = (tmp_path / "bundle" / "7-minute-briefing.html").read_text(encoding="utf-8")
    for heading in ("Background", "Key learning", "Questions to consider"):
        assert heading in briefing
    statement = (tmp_path / "bundle" / "press-statement.html").read_text(encoding="utf-8")
    assert "<script>" not in statement and "&lt;script&gt;" in statement
    plan = (tmp_path / "bundle" / "action-plan.html").read_text(encoding="utf-8")
    assert "Multi-agency safeguarding hub manager" in plan and "R3" in plan
    with pytest.raises(Exception, match="already holds"):
        write_bundle(reviews.host, state, tmp_path / "bundle", formats=("md",))


def test_checks_at_publication_find_nothing_missing(reviews) -> None:
    from child_practice_review.checks import check_stage

    state = reviews.load(REVIEW)
    assert state.stage is Stage.PUBLICATION
    assert check_stage(review=state, stage=state.stage.value) == []


def test_a_significant_event_outside_the_focus_period_is_pointed_out(reviews) -> None:
    from child_practice_review.checks import outside_focus
    from child_practice_review.loading import plan_load

    state = reviews.load(REVIEW)
    assert outside_focus(state) == []
    scald = {"timeline": [{"id": "T00", "entry": {"agency": "Wendmoor General Hospital",
                                                  "ref": "ED-01"},
                           "significance": "The scald, assessed as no concern."}]}
    after = reviews.write(state, plan_load(reviews.host, state,
                                           {"timeline": ("t.yaml", scald)}).events)
    assert outside_focus(after) == [
        "T00 (12 August 2023) is outside the focus period (13 February 2024 to 13 February "
        "2025): extend the period with the panel's reason, or take it off the timeline"]


def test_a_contribution_recorded_live_links_to_the_events_it_names(reviews) -> None:
    from core.analysis import learning_events as le

    state = reviews.load(REVIEW)
    contribution, events, _ = le.contribute(reviews.host, state, "LE-1", le.Said(
        "Housing officer", "At T13 nobody asked housing; T09 was the move.",
        "walk-the-timeline-of-significant-events", "Tessingford Council Housing Service"))
    state = reviews.write(state, events)
    evidence, events = le.take(reviews.host, state, contribution.id)
    refs = sorted(state.chronology[e].source_ref for e in evidence.entry_ids)
    assert refs == ["HSG-007", "HSG-008"]  # T09 and T13; "T1" alone would name nothing


def test_the_panel_has_someone_from_every_agency_involved(reviews) -> None:
    from child_practice_review.checks import panel_gaps
    from child_practice_review.loading import plan_load

    state = reviews.load(REVIEW)
    assert panel_gaps(state) == []
    recorded = yaml.safe_load((MATERIAL / "panel.yaml").read_text())
    recorded["members"] = [m for m in recorded["members"] if "Housing" not in m["agency"]]
    after = reviews.write(state, plan_load(reviews.host, state,
                                           {"panel": ("p.yaml", recorded)}).events)
    assert panel_gaps(after) == [
        "the review panel has no member from Tessingford Council Housing Service"]


def test_the_bundle_is_refused_when_a_page_names_the_child(reviews, tmp_path) -> None:
    from child_practice_review.bundle import write_bundle
    from child_practice_review.loading import plan_load
    from core.output.publication.identity import Identity

    state = reviews.load(REVIEW)
    full = {"text": "The board publishes its review of the help given to Lowri Evans-Tudor."}
    with pytest.raises(InputProblems, match=r"press_statement\.text"):  # looks like a person
        plan_load(reviews.host, state, {"press": ("p.yaml", full)})
    named = {"text": "The board publishes its review of the help given to Lowri."}
    state = reviews.write(state, plan_load(reviews.host, state,
                                           {"press": ("p.yaml", named)}).events)
    with pytest.raises(Exception, match="would identify the child") as raised:
        write_bundle(reviews.host, state, tmp_path / "bundle", formats=("md",),
                     identities=[Identity("Child A", "Lowri")])
    assert "[Press statement]" in str(raised.value)
    assert "Lowri" not in str(raised.value)  # the refusal never repeats the name
    assert not (tmp_path / "bundle").exists()


def test_loading_the_same_material_again_writes_nothing(reviews) -> None:
    from child_practice_review.loading import plan_load

    plan = plan_load(reviews.host, reviews.load(REVIEW), documents())
    assert plan.events == []
    assert all(c["new"] == c["changed"] == 0 for c in plan.counts.values())


def test_every_problem_in_the_files_is_named_at_once_and_nothing_changes(reviews) -> None:
    from child_practice_review.loading import plan_load

    state = reviews.load(REVIEW)
    bad = documents(
        timeline={"timeline": [{"id": "T99", "entry": {"agency": "Nowhere", "ref": "X-1"},
                                "significance": "x", "name": "a name"}]},
        events={"events": [{"id": "LE-9", "kind": "tea_party", "held_on": "2025-06-04"}]},
        learning={"learning": [{"id": "L9", "kind": "blame", "title": "t", "learning": "l",
                                "timeline": ["T77"], "heard": ["LE-9-C1"]}]},
        notices={"welsh_government": "last spring"},
    )
    with pytest.raises(InputProblems) as raised:
        plan_load(reviews.host, state, bad)
    text = str(raised.value)
    for expected in ("timeline[1].entry", "timeline[1].name", "events[1].kind",
                     "learning[1].kind", "learning[1].timeline[1]", "learning[1].heard[1]",
                     "notices.welsh_government.on"):
        assert expected in text, expected
    assert reviews.load(REVIEW).seq == state.seq
