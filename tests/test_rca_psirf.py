"""Root Cause Analysis in its PSIRF mode (variant psii): the after action review of Child A's
triage loads with SEIPS factors and safety actions, and any wording of causality or
avoidability, any root cause and any five whys are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from rca_case import PSIRF, REVIEW, build, copy_of, every_plugin

from core.analysis import material
from core.kernel.errors import InputProblems
from rca import records as r
from rca.checks import check_stage, psirf_problems
from rca.report import report_sections


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("psirf") / "template.db"
    build(db, "psii")
    return db


@pytest.fixture
def reviews(template: Path, tmp_path: Path):
    opened = copy_of(template, tmp_path / "psirf.db")
    yield opened
    opened.journal.close()


def edited(tmp_path: Path, name: str, change) -> Path:
    folder = tmp_path / "material"
    shutil.copytree(PSIRF, folder)
    data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
    change(data)
    (folder / name).write_text(yaml.safe_dump(data), encoding="utf-8")
    return folder


def test_the_after_action_review_loads_with_seips_factors_and_safety_actions(reviews):
    loaded = material.load(reviews, REVIEW, PSIRF)
    assert not loaded.warnings
    state = reviews.load(REVIEW)
    assert r.psirf(state) and r.incident(state).response_type == "after_action_review"
    assert {f.taxonomy for f in r.factors(state)} == {"seips"}
    assert r.root_causes(state) == [] and r.whys(state) == []
    assert [(x.id, x.strength, x.measure != "") for x in r.recommendations(state)] == [
        ("SA-1", "stronger", True), ("SA-2", "stronger", True)]
    assert {f.details["kind"] for f in state.findings.values()} == {"area_for_improvement",
                                                                     "notable_practice"}
    assert psirf_problems(state) == []
    assert check_stage(review=state, stage="findings") == []
    titles = {s.id: s.title for s in report_sections(review=state, methodology="rca")}
    assert titles["recommendations"] == "Safety actions"
    assert titles["findings"] == "Areas for improvement"
    assert "rca-root-causes" not in titles


@pytest.mark.parametrize("wording, word", [
    ("The form caused the gap.", "cause"),
    ("The harm was avoidable.", "avoidable"),
    ("The root cause is the form.", "root cause"),
    ("It could have been prevented by a prompt.", "could have been prevented"),
])
def test_causality_or_avoidability_wording_is_refused(tmp_path, reviews, wording, word):
    def change(data):
        data["findings"][0]["statement"] = wording

    folder = edited(tmp_path, "findings.yaml", change)
    before = reviews.journal.last_seq(REVIEW)
    with pytest.raises(InputProblems) as refused:
        material.load(reviews, REVIEW, folder)
    text = str(refused.value)
    assert "findings.yaml" in text and "findings[1].statement" in text
    assert f"reword without: {word}" in text
    assert reviews.journal.last_seq(REVIEW) == before


def test_because_is_not_causality_wording(tmp_path, reviews):
    def change(data):
        data["findings"][0]["statement"] = "Staff use the form because it is in front of them."

    material.load(reviews, REVIEW, edited(tmp_path, "findings.yaml", change))
    assert "because" in reviews.load(REVIEW).findings["AFI-1"].statement


def test_root_causes_five_whys_and_npsa_factors_are_refused(tmp_path, reviews):
    def change(data):
        data["root_causes"] = [{"id": "RC-1", "title": "x", "why_fundamental": "y",
                                "problems": ["GAP-1"]}]
        data["factors"][0]["taxonomy"] = "npsa"

    with pytest.raises(InputProblems) as refused:
        material.load(reviews, REVIEW, edited(tmp_path, "analysis.yaml", change))
    text = str(refused.value)
    assert "root_causes" in text and "makes no judgement of causality" in text
    assert "factors[1].taxonomy" in text and "'npsa' is not used in this mode" in text


def test_the_psirf_review_has_a_sound_graph_and_a_report_without_causal_words(reviews):
    from core.analysis.causal_graph import build_graph
    from core.output.report.build import build as build_report

    material.load(reviews, REVIEW, PSIRF)
    state = reviews.load(REVIEW)
    graph = build_graph(every_plugin(), state)
    assert graph.nodes_of("root_cause") == [] and graph.nodes_of("why_step") == []
    assert ("factor:WS-1", "care_delivery_problem:GAP-1", "contributed_to") in graph.edges()
    report = build_report(every_plugin(), state)
    ours = [s for s in report.sections if s.source == "rca"]
    assert {s.id for s in ours} >= {"rca-problems", "findings", "recommendations", "actions"}
    from rca.taxonomy import causality_words

    said = "judgement of causality or avoidability"  # the method saying what it does not do
    for section in ours:
        for text in section.texts():
            assert causality_words(text.replace(said, "")) == [], (section.id, text)


def test_a_finding_added_later_is_held_to_the_same_wording(reviews):
    from core.analysis import findings
    from core.kernel.model import Finding

    material.load(reviews, REVIEW, PSIRF)
    state = reviews.load(REVIEW)
    causal = Finding("AFI-9", "The form caused the gap", "It was preventable.",
                     evidence_ids=("STD-1",), details={"kind": "area_for_improvement",
                                                       "problems": ["GAP-1"]})
    with pytest.raises(findings.FindingRefused, match="cause, preventable"):
        findings.record(every_plugin(), state, causal)
