"""Root Cause Analysis on the bundled Child A case (a level 2 investigation of the emergency
department's triage of the scald on 12 August 2023): the method's artefacts — the timeline
rows, the problems and their standards, the factors, the five-whys chains, the root causes,
the graded recommendations and the graph — and its checks firing on bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CommandLine
from rca_case import MATERIAL, REVIEW, build, copy_of, every_plugin

from core.analysis import material
from core.analysis.causal_graph import build_graph
from core.kernel.errors import InputProblems
from rca import records as r
from rca.checks import check_stage
from rca.fishbone import fishbone_svg, npsa_grid
from rca.timeline import change_analysis, tabular_timeline, time_person_grid


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("rca") / "template.db"
    build(db)
    reviews = copy_of(db, db.parent / "loaded.db")
    material.load(reviews, REVIEW, MATERIAL)
    reviews.journal.close()
    return db.parent / "loaded.db"


@pytest.fixture
def reviews(template: Path, tmp_path: Path):
    opened = copy_of(template, tmp_path / "child-a.db")
    yield opened
    opened.journal.close()


@pytest.fixture
def state(reviews):
    return reviews.load(REVIEW)


def ids(items) -> list[str]:
    return [item.id for item in items]


def test_the_incident_is_a_level_2_investigation_of_the_triage(state):
    incident = r.incident(state)
    assert incident.level == "level-2-comprehensive" == state.review.variant
    assert incident.occurred_on.isoformat() == "2023-08-12" and incident.time == "14:35"
    assert incident.agency == "Wendmoor General Hospital"
    assert incident.lead.role.startswith("Named nurse for safeguarding children")
    assert not incident.lead.independent  # level 2 needs none


def test_the_tabular_timeline_is_built_from_the_merged_chronology(state):
    rows = tabular_timeline(state)
    refs = [row["ref"] for row in rows]
    # every entry of the four agencies from March to 5 September 2023, in merged order
    assert refs == ["HV-009", "CN-1001", "HV-010", "GP-007", "HV-011", "ED-01", "HV-012",
                    "GP-008"]
    triage = rows[5]
    assert triage["when"] == "12 August 2023, 14:35"
    assert "no concerns identified" in triage["what_happened"]  # as the hospital recorded it
    assert triage["standards"][0].startswith("Wendmoor General Hospital: safeguarding children")
    assert triage["problems"] == [
        'CDP-1, care delivery problem: Triage safeguarding questions answered "no concerns" '
        "without a history check",
        "SDP-1, service delivery problem: No access to other agencies' records at triage"]
    assert triage["root_causes"] == ["RC-1", "RC-2"]
    assert rows[0]["should_have_happened"] == ""  # not annotated, still shown


def test_a_confirmed_duplicate_shows_once_on_the_annotated_record(state):
    from core.evidence.chronology.duplicates import DECISIONS
    from core.kernel.state import put_record
    from rca.loading import preview

    entry = {e.source_ref: e.id for e in state.chronology.values()}
    same = preview(state, [put_record(DECISIONS, "d1", {
        "first": entry["HV-010"], "second": entry["CN-1001"], "decision": "confirmed"})])
    rows = tabular_timeline(same)
    assert [row["ref"] for row in rows][:3] == ["HV-009", "CN-1001", "GP-007"]
    assert rows[1]["also"] == ["Wendmoor Health Visiting Service HV-010"]


def test_the_time_person_grid_and_change_analysis(state):
    grid = time_person_grid(state)
    people = {p["person"]: p["cells"] for p in grid["people"]}
    nurse = people["ED nurse (Wendmoor General Hospital)"]
    assert nurse[grid["moments"].index("12 August 2023, 14:35")] == "ED-01"
    changes = {c["id"]: c for c in change_analysis(state)}
    assert changes["CDP-1"]["normal"].startswith("The history check the procedure asks for")
    # what happened comes from the chronology, in date order
    assert [line.split(":")[0] for line in changes["SDP-1"]["actual"]] == [
        "14 March 2023, Tessingford Council Children's Services CN-1001",
        "28 March 2023, Wendmoor Health Visiting Service HV-011",
        "12 August 2023, Wendmoor General Hospital ED-01"]


def test_problems_factors_whys_and_root_causes(state):
    problems = {p.id: p for p in r.problems(state)}
    assert {p.kind for p in problems.values()} == {"cdp", "sdp"}
    assert problems["CDP-1"].standards == ("STD-1", "STD-2")
    factors = r.factors(state)
    assert {f.category for f in factors if f.problem == "CDP-1"} == {
        "task", "working_conditions", "education_and_training", "child_and_family",
        "communication"}
    assert [f.id for f in factors if f.effect == "helped"] == ["CF-5"]
    chains = {c.id: c for c in r.whys(state)}
    assert len(chains["W-1"].steps) == 5 and chains["W-1"].ends_at == "RC-1"
    assert chains["W-2"].ends_at == "CF-7"  # a chain may end at a factor
    assert all(step.sources for c in chains.values() for step in c.steps)
    roots = {rc.id: rc for rc in r.root_causes(state)}
    assert roots["RC-2"].problems == ("SDP-1", "CDP-1")
    assert ids(r.notable_practice(state)) == ["NP-1"]
    assert ids(r.incidental_findings(state)) == ["IF-1"]


def test_the_npsa_grid_and_the_fishbone(state):
    grids = {g["id"]: g for g in npsa_grid(state)}
    rows = {row["category"]: row for row in grids["CDP-1"]["rows"]}
    assert len(rows) == 9 and rows["Communication"]["helped"][0].endswith("[CF-5]")
    assert "Staff interview: named nurse for safeguarding children (Wendmoor General " \
           "Hospital)" in rows["Education and training"]["evidence"]
    problem = next(p for p in r.problems(state) if p.id == "CDP-1")
    svg = fishbone_svg(state, problem)
    assert svg.startswith("<svg") and svg == fishbone_svg(state, problem)  # the same bytes
    assert svg.count("font-weight=\"bold\">") == 10  # nine bones and the head
    assert "&quot;" not in svg and "answered \"no concerns\"" in svg  # text nodes escaped, not
    assert "(none recorded)" in svg  # empty bones show                 # quoted attributes


def test_the_fishbone_escapes_every_text(state):
    problem = next(p for p in r.problems(state) if p.id == "CDP-1")
    from attrs import evolve

    hostile = evolve(problem, title='<script>alert("x")</script> & more')
    svg = fishbone_svg(state, hostile)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; more" in svg
    import xml.etree.ElementTree as ET

    ET.fromstring(svg)  # well-formed


def test_findings_and_graded_recommendations(state):
    kinds = {f.id: (f.details["kind"], f.status.value) for f in state.findings.values()}
    assert kinds == {"F1": ("root_cause", "final"), "F2": ("root_cause", "final"),
                     "F3": ("notable_practice", "final"), "F4": ("incidental", "final")}
    # a finding's evidence is gathered from what it links: the root cause's factors' sources
    assert {"INT-1", "INT-3", "STD-1"} <= set(state.findings["F1"].evidence_ids)
    recs = {x.id: x for x in r.recommendations(state)}
    assert [recs[k].strength for k in sorted(recs)] == ["stronger", "stronger", "intermediate",
                                                        "weaker"]
    assert recs["R2"].level == "partnership" and recs["R1"].root_causes == ("RC-1",)
    assert [o.chosen for o in recs["R1"].options] == [True, False, False]
    assert state.recommendations["R1"].strength == "stronger"  # the core's list too


def test_the_causal_graph_is_sound_and_laid_out_as_the_method_says(state):
    graph = build_graph(every_plugin(), state)  # raises if unsound
    edges = set(graph.edges())
    cdp, sdp = "care_delivery_problem:CDP-1", "service_delivery_problem:SDP-1"
    assert {(f"event:{e}", cdp, "part_of") for e in [r.problems(state)[0].rows[0].entry_id]} \
        <= edges
    assert ("factor:CF-1", cdp, "contributed_to") in edges
    assert ("root_cause:RC-2", sdp, "contributed_to") in edges
    assert ("why_step:W-1/2", "why_step:W-1/1", "led_to") in edges
    assert ("why_step:W-1/1", cdp, "contributed_to") in edges
    assert ("root_cause:RC-1", "why_step:W-1/5", "led_to") in edges  # the chain's end
    assert ("factor:CF-7", "why_step:W-2/3", "led_to") in edges
    assert ("finding:F1", "root_cause:RC-1", "evidenced_by") in edges
    assert ("finding:F1", cdp, "evidenced_by") in edges
    # what raised F1 is its root cause, not the problem (whose other root cause has its own
    # responses)
    assert ("root_cause:RC-1", "finding:F1", "raises") in edges
    assert (cdp, "finding:F1", "raises") not in edges
    assert ("strength:NP-1", "finding:F3", "raises") in edges
    assert ("recommendation:R1", "root_cause:RC-1", "addresses") in edges
    assert ("action:A1", "recommendation:R1", "addresses") not in edges  # actions come later
    assert ("incidental_finding:IF-1", "event:" + next(
        e.id for e in state.chronology.values() if e.source_ref == "GP-008"),
        "evidenced_by") in edges
    assert graph.nodes_of("lesson") == ["lesson:LL-1", "lesson:LL-2", "lesson:LL-3"]


def test_the_checks_are_quiet_on_the_example_and_fire_on_a_weak_plan(state, reviews):
    assert check_stage(review=state, stage="findings") == []
    events = [r.put(r.RECOMMENDATIONS, x.id, __import__("attrs").evolve(x, strength="weaker"))
              for x in r.recommendations(state)]
    from rca.loading import preview

    weak = preview(state, events)
    found = check_stage(review=weak, stage="findings")
    assert [c["check"] for c in found] == ["strength"]
    assert "every recommendation is weaker" in found[0]["message"]


def test_a_cdp_without_a_standard_is_flagged_as_hindsight(tmp_path, reviews):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    data = yaml.safe_load((folder / "analysis.yaml").read_text(encoding="utf-8"))
    data["problems"][0]["standards"] = []
    data["problems"][0]["justification"] = "In hindsight the scald was a warning sign."
    (folder / "analysis.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    loaded = material.load(reviews, REVIEW, folder)
    warnings = [w for w in loaded.warnings if w.startswith("CDP-1")]
    assert len(warnings) == 2 and all("(hindsight)" in w for w in warnings)
    assert "'In hindsight'" in warnings[1]
    found = check_stage(review=reviews.load(REVIEW), stage="analysis")
    assert [c["check"] for c in found] == ["hindsight", "hindsight"]


def test_bad_material_is_refused_naming_file_and_field_and_nothing_changes(tmp_path, reviews):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    data = yaml.safe_load((folder / "analysis.yaml").read_text(encoding="utf-8"))
    data["factors"][0]["category"] = "luck"
    data["whys"][0]["steps"][1]["evidence"] = ["INT-99"]
    data["whys"][1]["ends_at"] = "nowhere"
    (folder / "analysis.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    before = reviews.journal.last_seq(REVIEW)
    with pytest.raises(InputProblems) as refused:
        material.load(reviews, REVIEW, folder)
    text = str(refused.value)
    assert "analysis.yaml" in text
    assert "factors[1].category" in text and "'luck' is not allowed here" in text
    assert "whys[1].steps[2].evidence[1]" in text and "INT-99" in text
    assert "whys[2].ends_at" in text
    assert reviews.journal.last_seq(REVIEW) == before


def test_level_3_needs_an_independent_lead(tmp_path):
    db = tmp_path / "level-3.db"
    build(db, "level-3-independent")
    reviews = copy_of(db, tmp_path / "copy.db")
    try:
        folder = tmp_path / "material"
        shutil.copytree(MATERIAL, folder)
        text = (folder / "incident.yaml").read_text(encoding="utf-8")
        (folder / "incident.yaml").write_text(text.replace(
            "level: level-2-comprehensive", "level: level-3-independent"), encoding="utf-8")
        material.load(reviews, REVIEW, folder)
        found = check_stage(review=reviews.load(REVIEW), stage="analysis")
        independence = [c for c in found if c["check"] == "independence"]
        assert independence and independence[0]["level"] == "problem"
        assert "not independent" in independence[0]["message"]
    finally:
        reviews.journal.close()


def test_the_level_must_match_the_commissioned_variant(tmp_path, reviews):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    text = (folder / "incident.yaml").read_text(encoding="utf-8")
    (folder / "incident.yaml").write_text(text.replace(
        "level: level-2-comprehensive", "level: level-1-concise"), encoding="utf-8")
    with pytest.raises(InputProblems, match=r"incident.level.*commissioned as "
                                            r"'level-2-comprehensive'"):
        material.load(reviews, REVIEW, folder)


def test_the_commands_show_the_views(template: Path, tmp_path: Path):
    db = tmp_path / "cli.db"
    shutil.copy(template, db)
    cli = CommandLine(every_plugin(), db)
    assert "HV-009" in cli.ok("rca", "timeline", REVIEW)
    assert "No Root Cause Analysis check finds anything at stage" in cli.ok("rca", "check",
                                                                            REVIEW)
    assert "CF-5" in cli.ok("rca", "factors", REVIEW)
    out = tmp_path / "cdp-1.svg"
    assert "Wrote the fishbone of CDP-1" in cli.ok("rca", "fishbone", REVIEW, "CDP-1",
                                                   "--out", str(out))
    assert out.read_text(encoding="utf-8").startswith("<svg")
    cli.refused("rca", "fishbone", REVIEW, "CDP-9", says="CDP-9")
    written = cli.ok("rca", "template", str(tmp_path / "blank"))
    assert "incident.yaml" in written and (tmp_path / "blank" / "analysis.yaml").exists()
    assert "Kept" in cli.ok("rca", "template", str(tmp_path / "blank"))


def test_loading_the_same_material_again_writes_nothing(reviews):
    before = reviews.journal.last_seq(REVIEW)
    loaded = material.load(reviews, REVIEW, MATERIAL)
    assert reviews.journal.last_seq(REVIEW) == before
    assert loaded.read and all(": 0 new, 0 changed, " in line for line in loaded.read)
    assert "care and service delivery problems: 0 new, 0 changed, 2 unchanged" in loaded.read


def test_the_london_protocol_is_an_alternative_taxonomy(tmp_path, reviews):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    data = yaml.safe_load((folder / "analysis.yaml").read_text(encoding="utf-8"))
    for factor in data["factors"]:
        if factor["problem"] == "SDP-1":
            factor["taxonomy"] = "london_protocol"
            factor["category"] = {"equipment_and_resources": "task_and_technology",
                                  "organisational_and_strategic":
                                      "organisational_and_management",
                                  "communication": "team"}[factor["category"]]
    (folder / "analysis.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    material.load(reviews, REVIEW, folder)
    state = reviews.load(REVIEW)
    grids = {g["id"]: g for g in npsa_grid(state)}
    assert grids["SDP-1"]["taxonomy"] == "London Protocol"
    assert len(grids["SDP-1"]["rows"]) == 7
    problem = next(p for p in r.problems(state) if p.id == "SDP-1")
    assert "Institutional context factors" in fishbone_svg(state, problem)


def test_a_root_cause_no_finding_takes_up_is_suggested_never_final(state):
    from core.kernel.model import FindingStatus
    from core.kernel.state import remove
    from rca.checks import derive_findings
    from rca.loading import preview

    without = preview(state, [remove("findings", "F2")])
    derived = derive_findings(review=without, methodology="rca")
    suggested = [f for f in derived if f.status is FindingStatus.SUGGESTED]
    assert [f.id for f in suggested] == ["S-RC-2"]
    assert suggested[0].details["root_causes"] == ["RC-2"]
    assert "INT-3" in suggested[0].evidence_ids


def test_one_problem_uses_one_taxonomy(tmp_path, reviews):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    data = yaml.safe_load((folder / "analysis.yaml").read_text(encoding="utf-8"))
    data["factors"][0].update(taxonomy="london_protocol", category="team")  # CF-1, of CDP-1
    (folder / "analysis.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputProblems, match="CF-2 uses the npsa categories but CDP-1's other "
                                            "factors use london_protocol"):
        material.load(reviews, REVIEW, folder)


def test_the_report_escapes_what_reviewers_wrote(tmp_path, reviews):
    from core.output.exporters import exporter, render
    from core.output.report.build import build as build_report

    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    data = yaml.safe_load((folder / "analysis.yaml").read_text(encoding="utf-8"))
    data["problems"][0]["title"] = '<script>alert("x")</script> & <b>bold</b>'
    (folder / "analysis.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    material.load(reviews, REVIEW, folder)
    host = every_plugin()
    html = render(host, exporter(host, "html"), build_report(host, reviews.load(REVIEW)))
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert" in html


@pytest.mark.parametrize("psirf", [False, True])
def test_an_unfilled_template_is_refused_with_clear_problems(tmp_path, psirf):
    from click.testing import CliRunner

    from core.apps.cli.base import cli as casereview
    from rca.loading import directory_paths, plan_load, read_documents

    args = ["rca", "template", str(tmp_path / "blank")] + (["--psirf"] if psirf else [])
    assert CliRunner().invoke(casereview, args).exit_code == 0
    documents = read_documents(directory_paths(tmp_path / "blank"))
    assert set(documents) == {"incident", "timeline", "analysis", "findings", "recommendations"}
    db = tmp_path / "t.db"
    build(db, "psii" if psirf else None)
    reviews = copy_of(db, tmp_path / "c.db")
    try:
        with pytest.raises(InputProblems) as refused:
            plan_load(every_plugin(), reviews.load(REVIEW), documents)
    finally:
        reviews.journal.close()
    text = str(refused.value)
    assert "'The agency, as the review names it' is not an agency of this review" in text
    assert "no chronology entry 'THEIR-REF' from The agency" in text
    # an item with problems of its own is named as such where others link it
    assert "'CDP-1' has problems of its own" in text or "'GAP-1' has problems of its own" in text
    assert "expected one of )" not in text


def test_a_name_or_an_unknown_field_is_refused_where_it_is(tmp_path, reviews):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    data = yaml.safe_load((folder / "incident.yaml").read_text(encoding="utf-8"))
    data["interviews"][0]["name"] = "Jo Bloggs"
    data["colour"] = "blue"
    (folder / "incident.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InputProblems) as refused:
        material.load(reviews, REVIEW, folder)
    text = str(refused.value)
    assert "column 'interviews[1].name': the method records people by role, never by name" \
        in text
    assert "column 'colour': unknown field 'colour'" in text
