"""Learning Together against SCIE's published model, on the bundled Child A case: the fuller
conversation record, context held elsewhere in the system, accreditation, the review question,
the model's last step (priorities, summary, window on the system) and the board's questions
linked to the partnership's response."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CommandLine
from test_learning_together_child_a import MATERIAL, REVIEW, build_child_a, every_plugin

from core.apps.demo_material import EXAMPLE
from core.kernel.errors import InputProblems
from core.kernel.state import amend, put_record
from core.kernel.store import open_journal
from core.output.report.records import ACCREDITATION_RECORD
from core.output.report.written import WRITTEN_RECORD
from core.plugin_api.reviews import Reviews


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("child-a-fidelity") / "template.db"
    build_child_a(CommandLine(every_plugin(), db))
    return db


@pytest.fixture
def reviews(template: Path, tmp_path: Path):
    """Child A, as built once for the module, in a database of the test's own."""
    db = tmp_path / "child-a.db"
    shutil.copy(template, db)
    journal = open_journal(db)
    yield Reviews(journal, every_plugin(), "test reviewer")
    journal.close()


def material(name: str) -> dict:
    return yaml.safe_load((MATERIAL / name).read_text(encoding="utf-8"))


def load(reviews, kind: str, data: dict):
    from learning_together.loading import plan_load

    return plan_load(reviews.host, reviews.load(REVIEW), {kind: (f"{kind}.yaml", data)})


# -- the conversation record ---------------------------------------------------------------------


def test_a_conversation_keeps_reasons_emotions_concerns_aims_enablers_and_queries(reviews):
    from learning_together.records import conversations

    c1 = next(c for c in conversations(reviews.load(REVIEW)) if c.id == "C1")
    assert "worried that pushing harder" in c1.mindset.reasons_and_emotions
    assert "clashed" in c1.mindset.main_concerns
    assert c1.mindset.hoping_to_achieve.startswith("To keep seeing the children")
    assert c1.what_enabled_it and "supervision" in c1.what_enabled_it[0]
    assert len(c1.queries) == 2
    assert c1.explained_on == c1.held_on


def test_ethics_explained_after_the_conversation_is_refused_with_its_field(reviews):
    data = material("conversations.yaml")
    data["conversations"][0]["explained_on"] = "2025-05-01"
    with pytest.raises(InputProblems, match=r"conversations\[1\]\.explained_on"):
        load(reviews, "conversations", data)


def test_the_narrative_in_the_pack_shows_the_new_fields(reviews):
    from learning_together.report import narrative

    view = narrative(reviews.load(REVIEW))
    health = next(a for a in view["agencies"] if a["name"].startswith("Wendmoor Health"))
    c1 = health["conversations"][0]
    labels = [label for label, _ in c1["mindset"]]
    assert "Their main concerns, and whether they clashed" in labels
    assert c1["explained_on"] == "8 April 2025" and c1["queries"] and c1["what_enabled_it"]


# -- hindsight, with its nuance ------------------------------------------------------------------


def test_context_held_elsewhere_is_kept_apart_from_what_the_appraisal_rests_on(reviews):
    from learning_together.records import episode
    from learning_together.report import episode_view

    state = reviews.load(REVIEW)
    kpe5 = episode(state, "KPE-5")
    assert [r.ref for r in kpe5.appraisal.elsewhere] == ["POL-001"]
    assert "POL-001" not in [r.ref for r in kpe5.appraisal.cites]
    assert kpe5.appraisal.standards
    view = episode_view(state, kpe5)
    assert view["elsewhere"][0].startswith("POL-001 (Wendmoor Constabulary, 27 August 2022)")
    assert not any("POL-001" in line for line in view["cited"])


@pytest.mark.parametrize(("ref", "agency", "why"), [
    ("HSG-005", "Tessingford Council Housing Service", "cite it instead"),  # they knew it
    ("POL-006", "Wendmoor Constabulary", "not held anywhere in the system at the time"),
])
def test_context_held_elsewhere_must_really_be_held_elsewhere_at_the_time(reviews, ref, agency,
                                                                         why):
    data = material("episodes.yaml")
    kpe5 = next(e for e in data["episodes"] if e["id"] == "KPE-5")
    kpe5["appraisal"]["elsewhere_in_system"].append({"agency": agency, "ref": ref})
    with pytest.raises(InputProblems, match="elsewhere_in_system") as caught:
        load(reviews, "episodes", data)
    assert why in str(caught.value)


def test_each_factor_sits_in_both_frameworks(reviews):
    from learning_together.records import episode
    from learning_together.taxonomy import KPE_FRAMEWORK, PROMPT_LAYER

    state = reviews.load(REVIEW)
    kpe3 = episode(state, "KPE-3")
    triage = next(f for f in kpe3.explanation if f.factor == "conditions_of_work")
    assert triage.layer == "task" and triage.subcategory == "assessment_forms"  # set by hand
    for factor in episode(state, "KPE-5").explanation:
        assert factor.layer == PROMPT_LAYER[factor.factor] and factor.layer in KPE_FRAMEWORK


def test_a_sub_category_outside_the_typology_is_refused(reviews):
    data = material("episodes.yaml")
    data["episodes"][0]["explanation"][0]["subcategory"] = "teamwork"
    data["episodes"][0]["explanation"][1]["layer"] = "luck"
    with pytest.raises(InputProblems) as caught:
        load(reviews, "episodes", data)
    text = str(caught.value)
    assert "explanation[1].subcategory" in text and "explanation[2].layer" in text


def test_a_findings_sub_category_must_belong_to_its_category(reviews):
    data = material("findings.yaml")
    data["findings"][0]["subcategory"] = "supervision"  # management systems, not longer-term
    data["findings"][1]["confidence"] = "likely"
    data["findings"][2]["priority"] = "high"
    with pytest.raises(InputProblems) as caught:
        load(reviews, "findings", data)
    text = str(caught.value)
    assert "findings[1].subcategory" in text and "findings[2].confidence" in text
    assert "findings[3].priority" in text


# -- accreditation and the review question -------------------------------------------------------


def accredit(reviews, state, person: str, status: str, supervisor: str = ""):
    from core.output.report.records import check_accreditation

    value = check_accreditation({"reviewer": person, "scheme": "SCIE Learning Together",
                                 "status": status, "since": "2024-01-10",
                                 "supervisor": supervisor}, state, "test")
    value.pop("reviewer")
    return reviews.write(state, [put_record(ACCREDITATION_RECORD, person, value)])


def accreditation_warnings(state) -> list[str]:
    from learning_together.checks import check_stage

    return [c["message"] for c in check_stage(review=state, stage="commissioning")
            if c["check"] == "accreditation"]


def test_accreditation_is_recorded_and_warned_on_never_refused(reviews):
    state = reviews.load(REVIEW)
    leads = sorted(p.id for p in state.participants.values() if p.role.value == "lead_reviewer")
    assert len(accreditation_warnings(state)) == 2  # none recorded yet
    state = accredit(reviews, state, leads[0], "trainee", "an accredited SCIE reviewer")
    [warning] = [w for w in accreditation_warnings(state) if leads[0] in w]
    assert "trainee" in warning and "no other lead reviewer is accredited" in warning
    # SCIE's route: a trainee reviews alongside an accredited reviewer
    state = accredit(reviews, state, leads[1], "accredited")
    assert accreditation_warnings(state) == []


def test_a_review_question_that_presupposes_its_answer_is_warned_about(reviews):
    from learning_together.checks import check_stage

    def warned(state) -> list[str]:
        return [c["message"] for c in check_stage(review=state, stage="commissioning")
                if c["check"] == "review question"]

    state = reviews.write(reviews.load(REVIEW), [amend(
        terms_of_reference="How well did the agencies share what they knew about Child A?")])
    assert warned(state) == []
    state = reviews.write(state, [amend(
        terms_of_reference="Why did the agencies fail to protect Child A, and what were the "
                           "missed opportunities?")])
    assert [w.split("'")[1] for w in warned(state)] == ["fail to", "missed opportunities"]


# -- the model's last step and the board -------------------------------------------------------


def test_the_published_findings_come_in_priority_order_with_a_summary_and_the_response(reviews):
    from learning_together.report import findings_context

    state = reviews.load(REVIEW)
    # the partners' response as Child A's report.yaml gives it (its actions come later in the
    # review, so it is stored as it stands rather than checked against them)
    record = yaml.safe_load((EXAMPLE / "report.yaml").read_text(encoding="utf-8"))[
        "sections"]["partnership-response"]
    record["agreed_on"] = str(record["agreed_on"])
    state = reviews.write(state, [put_record(WRITTEN_RECORD, "partnership-response", record)])
    rows = findings_context(state)["findings"]
    assert [(r["id"], r["priority"]) for r in rows] == [("F1", 1), ("F2", 2), ("F3", 3),
                                                        ("F4", 4)]
    assert [r["id"] for r in rows if r["indicative"]] == ["F4"]
    assert rows[0]["short_category"] == "Longer-term work"
    assert rows[0]["subcategory"] == "Who is responsible for thinking?"
    # the response answers F1's first question through two improvement actions
    first = rows[0]["board_issues"][0]
    assert first["responses"][0]["actions"] == ["A1", "A2"]
    assert rows[0]["board_issues"][1]["responses"] == []
    assert all(r["accepted"] for r in rows)


def test_a_finding_without_a_priority_is_warned_about(reviews):
    from learning_together.checks import check_stage
    from learning_together.loading import plan_load

    data = material("findings.yaml")
    del data["findings"][3]["priority"]
    state = reviews.load(REVIEW)
    plan = plan_load(reviews.host, state, {"findings": ("findings.yaml", data)})
    state = reviews.write(state, plan.events)
    warnings = [c["message"] for c in check_stage(review=state, stage="findings")
                if c["check"] == "priorities"]
    assert warnings and warnings[0].startswith("F4 has no priority")


def test_the_report_stage_asks_for_the_window_on_the_system(reviews):
    from learning_together.checks import check_stage

    state = reviews.load(REVIEW)
    asked = [c["message"] for c in check_stage(review=state, stage="report")
             if c["check"] == "the model's last step"]
    assert any("window-on-the-system" in m for m in asked)
    state = reviews.write(state, [put_record(WRITTEN_RECORD, "window-on-the-system",
                                             {"text": "A useful window."})])
    asked = [c["message"] for c in check_stage(review=state, stage="report")
             if c["check"] == "the model's last step"]
    assert not any("window-on-the-system" in m for m in asked)


def test_a_finding_whose_sub_category_is_of_another_category_is_a_problem(reviews):
    import attrs

    from learning_together.patterns import check_finding

    state = reviews.load(REVIEW)
    f1 = state.findings["F1"]
    wrong = attrs.evolve(f1, details={**f1.details, "subcategory": "supervision"})
    problems = [c["message"] for c in check_finding(review=state, methodology="learning-together",
                                                    finding=wrong, status="final")
                if c["level"] == "problem"]
    assert problems == ["the sub-category 'supervision' belongs to 'human_management_system', "
                        "not to the finding's category 'multi_agency_assessment_and_longer_term'"]


def test_a_conversation_added_on_the_command_line_keeps_the_new_fields(tmp_path):
    from learning_together.records import conversations

    db = tmp_path / "cli.db"
    cli = CommandLine(every_plugin(), db)
    build_child_a(cli, material=False)
    cli.ok("lt", "conversations", REVIEW, "add", "--id", "C10", "--role", "School nurse",
           "--agency", "Brindlecote Primary School", "--held-on", "2025-05-02",
           "--explained-on", "2025-05-02", "--overview", "Saw Child A twice.",
           "--what-was-happening", "A shy child.", "--reasons-and-emotions", "Felt unsure.",
           "--main-concerns", "Weight; none clashed.", "--hoping-to-achieve", "A referral.",
           "--went-well", "Weighed Child A.", "--enabled-by", "A quiet room.",
           "--query", "Who saw the weight chart?")
    journal = open_journal(db)
    try:
        [c10] = conversations(Reviews(journal, every_plugin(), "t").load(REVIEW))
    finally:
        journal.close()
    assert c10.mindset.reasons_and_emotions == "Felt unsure."
    assert c10.what_enabled_it == ("A quiet room.",) and c10.queries == ("Who saw the weight "
                                                                          "chart?",)
    assert c10.explained_on is not None and c10.explained_on.isoformat() == "2025-05-02"
