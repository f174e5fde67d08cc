"""The conformance kit: the five built-in methodologies pass it, and it catches a methodology
that breaks the contract - every check can fail."""

from __future__ import annotations

import pytest
from attrs import evolve
from conftest import methodology

from core import hookimpl
from core.kernel import state as st
from core.kernel.model import Finding
from core.plugin_api.methodology import (
    GraphSchema,
    LearningEventPlan,
    Phase,
    PlannedActivity,
    ReportSection,
    ReviewPlan,
)
from plugins._conformance import CHECKS, METHODOLOGY_HOOKS
from plugins._results import RESULT_CHECKS
from plugins.testing import (
    ConformanceFailure,
    MethodologyConformance,
    check_methodology,
    conformance_case,
    conformance_problems,
)


class TestLearningTogether(MethodologyConformance):
    methodology = "learning-together"


class TestRootCauseAnalysis(MethodologyConformance):
    methodology = "rca"


class TestSILP(MethodologyConformance):
    methodology = "silp"


class TestAppreciativeInquiry(MethodologyConformance):
    methodology = "appreciative-inquiry"


class TestChildPracticeReview(MethodologyConformance):
    methodology = "child-practice-review"


def test_the_kit_knows_what_every_methodology_hook_must_return():
    # A new methodology hook needs a result check here, or the kit would silently skip it.
    assert set(RESULT_CHECKS) == METHODOLOGY_HOOKS | {"assess_fit"}


def test_check_methodology_passes_in_one_line():
    check_methodology("learning-together")


class Sloppy:
    """Breaks the contract in every way the kit checks."""

    reviews = None  # set by the read-only test, to write from inside a hook

    @hookimpl
    def register_methodologies(self, register):
        register(methodology(
            "Sloppy Method", fits_when=(), default_variant="express",
            taxonomies=("sloppy-factors",),
            graph_schema=GraphSchema(node_kinds={"finding": "redefined"},
                                     allowed=(("zaps", "episode", "gremlin"),)),
            learning_events={"huddle": "a quick huddle"},
        ))

    @hookimpl
    def plan_review(self, review, methodology, variant):
        if self.reviews is not None:
            self.reviews.write(review, [st.put_record("sloppy/log", "planned", {"by": "hook"})])
        return ReviewPlan("another-method", "full", [PlannedActivity("brainstorming", "Think")])

    @hookimpl
    def plan_learning_event(self, review, methodology, kind):
        if kind == "learning_event":
            return LearningEventPlan("recall_session", "Event", [Phase("Open", 0, "Welcome")])
        return None

    @hookimpl
    def structure_evidence(self, review, methodology):
        return ["episode one"]

    @hookimpl
    def derive_findings(self, review, methodology):
        return [Finding("F2", "Screening", "Draft the reviewers have not finalised",
                        status="final"),
                Finding("F9", "Invented", "A finding nobody recorded", status="draft")]

    @hookimpl
    def report_sections(self, review, methodology):
        return [ReportSection("s1", "Section", "plugins:no/such/template.j2"),
                ReportSection("s1", "Twice", "not-a-template-reference"),
                # a real template, without the context it needs
                ReportSection("s2", "Glossary", "core.output.report:templates/glossary.html.j2")]

    @hookimpl
    def check_methodology_transition(self, review, methodology, source, target):
        return "refused"

    @hookimpl
    def build_causal_graph(self, review, methodology, graph):
        graph.add_edge("event:E1", "event:E2", "led_to")
        graph.add_edge("event:E2", "event:E1", "led_to")

    @hookimpl
    def check_stage(self, review, stage):
        return [{"level": "catastrophic", "message": "no check name"}]


@pytest.fixture
def sloppy_problems():
    return conformance_problems("Sloppy Method", ("sloppy", Sloppy()))


def test_a_sloppy_descriptor_is_caught(sloppy_problems):
    found = sloppy_problems["descriptor"]
    assert "the name 'Sloppy Method' should be lower-case words joined by hyphens" in found
    assert any("fits_when" in p for p in found)
    assert "the default variant 'express' is not one of its variants" in found
    assert "the graph schema redefines the core's node kind 'finding'" in found
    assert ("the allowed edge (zaps, episode, gremlin) uses undeclared kinds: zaps, gremlin"
            in found)


def test_unregistered_taxonomies_are_caught(sloppy_problems):
    assert sloppy_problems["taxonomies"] == [
        "lists the taxonomy 'sloppy-factors', which no loaded plugin registers"]


def test_wrong_answers_from_methodology_hooks_are_caught(sloppy_problems):
    found = "\n".join(sloppy_problems["hooks"])
    for expected in (
        "plan_review (variant None): the plan is for 'another-method'",
        "activity 'Think' is on 'brainstorming', which is not a lifecycle stage",
        "plan_learning_event (kind 'huddle'): no plan for 'huddle', a kind of event the "
        "methodology says it holds",
        "plan_learning_event (kind 'learning_event'): asked for a 'learning_event' event, "
        "planned a 'recall_session' one",
        "phase 'Open' has a time-box of 0 minutes",
        "phase 'Open' has no prompts",
        "structure_evidence (the sample review): returned ['episode one'], expected a list of "
        "EvidenceGroup",
        "finding 'F2' is returned as final, but the reviewers have not finalised it",
        "finding 'F9' was not recorded by the reviewers but is returned as draft",
        "section id 's1' is used twice",
        "template 'plugins:no/such/template.j2' cannot be read",
        "template 'not-a-template-reference' is not of the form 'package:path.j2'",
        "template 'core.output.report:templates/glossary.html.j2' does not render: UndefinedError",
        "check_methodology_transition (notification -> decision): returned 'refused'",
        "build_causal_graph (the sample review): the graph does not validate",
    ):
        assert expected in found, expected


def test_malformed_cross_cutting_answers_are_caught(sloppy_problems):
    assert any(p.startswith("check_stage from sloppy at notification gave")
               for p in sloppy_problems["cross_cutting"])


def test_the_whole_failure_lists_every_problem():
    with pytest.raises(ConformanceFailure) as caught:
        check_methodology("Sloppy Method", ("sloppy", Sloppy()))
    message = str(caught.value)
    assert message.startswith("methodology 'Sloppy Method' does not keep the plugin contract:")
    assert "descriptor: " in message and "hooks: " in message and "taxonomies: " in message


def test_a_hook_that_writes_to_the_journal_is_caught():
    plugin = Sloppy()
    case = conformance_case("Sloppy Method", ("sloppy", plugin))
    plugin.reviews = case.reviews
    assert CHECKS["read_only"](case) == ["the hooks wrote 1 event to the journal"]


def test_a_hook_reached_for_another_methodologys_review_is_caught(monkeypatch):
    case = conformance_case("rca")

    class Eavesdropper:
        @hookimpl
        def plan_review(self, review, methodology, variant):
            return None

    case.host.pm.register(Eavesdropper(), name="eavesdropper")
    # Pretend the core forgot to scope: call every plugin, whoever owns the methodology.
    monkeypatch.setattr(case.host, "call_methodology",
                        lambda name, hook, **kw: getattr(case.host.pm.hook, hook)(
                            methodology=name, **kw))
    monkeypatch.setitem(case.host.methodologies, "rca",
                        evolve(case.host.methodologies["rca"], plugin="eavesdropper"))
    assert CHECKS["scoped"](case) == [
        "plan_review reached plugin 'eavesdropper' for a review of another methodology"]


def test_duplicate_names_with_installed_plugins_are_caught():
    class Copycat:
        @hookimpl
        def register_methodologies(self, register):
            register(methodology("rca-copy"))
            register(methodology("silp"))

    found = conformance_problems("rca-copy", ("copycat", Copycat()))["names_unique"]
    assert len(found) == 1
    assert "the methodology 'silp' is registered by both plugin" in found[0]
    assert "'silp'" in found[0] and "'copycat'" in found[0]
