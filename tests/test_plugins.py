"""The plugin host keeps the contract: loud start-up failures, named plugin errors, scoping."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import methodology

from core import hookimpl
from core.analysis.causal_graph import build_graph
from core.kernel import state as st
from core.kernel.errors import NotFound, PluginConflict, PluginError, TransitionRefused
from core.kernel.lifecycle import Stage
from core.plugin_api.hookspecs import METHODOLOGY_HOOKS
from core.plugin_api.methodology import CaseProfile, Taxonomy
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host


class Registers:
    """A plugin that registers one methodology (and optionally a taxonomy)."""

    def __init__(self, name: str, taxonomy: str | None = None) -> None:
        self.name, self.taxonomy = name, taxonomy

    @hookimpl
    def register_methodologies(self, register):
        register(methodology(self.name))

    @hookimpl
    def register_taxonomies(self, register):
        if self.taxonomy:
            register(Taxonomy(self.taxonomy, "Factors", {"workload": "Workload"}))


# -- start-up ---------------------------------------------------------------------------------


def test_duplicate_methodology_names_fail_at_start_up_naming_both_plugins():
    with pytest.raises(PluginConflict) as caught:
        make_host(("first-plugin", Registers("twin")), ("second-plugin", Registers("twin")))
    message = str(caught.value)
    assert "'twin'" in message
    assert "'first-plugin'" in message and "'second-plugin'" in message


def test_a_duplicate_of_an_installed_methodology_names_both_plugins():
    with pytest.raises(PluginConflict, match=r"'rca'.*'copycat'"):
        make_host("rca", ("copycat", Registers("rca")))


def test_duplicate_taxonomy_names_fail_too():
    with pytest.raises(PluginConflict, match="taxonomy 'factors'"):
        make_host(("a", Registers("one", "factors")), ("b", Registers("two", "factors")))


def test_a_misspelt_hook_name_fails_at_start_up():
    class Misspelt:
        @hookimpl
        def plan_reveiw(self, review, methodology, variant):
            return None

    with pytest.raises(PluginError) as caught:
        make_host(("speller", Misspelt()))
    assert "'speller'" in str(caught.value) and "plan_reveiw" in str(caught.value)


def test_an_argument_the_hook_does_not_have_fails_at_start_up_naming_the_plugin():
    class WrongArgument:
        @hookimpl
        def plan_review(self, review, methodology, varient):
            return None

    with pytest.raises(PluginError, match="plugin 'arguer' failed in start-up"):
        make_host(("arguer", WrongArgument()))


def test_a_methodology_missing_a_principle_is_refused_naming_the_plugin():
    class Unprincipled:
        @hookimpl
        def register_methodologies(self, register):
            from core.plugin_api.methodology import Methodology

            register(Methodology("thin", "Thin", "No principles", (), (), principles={}))

    with pytest.raises(PluginError, match="plugin 'thin-plugin' failed in register_methodologies"
                                          r".*five principles"):
        make_host(("thin-plugin", Unprincipled()))


def test_the_allow_list_limits_what_loads(monkeypatch):
    monkeypatch.setenv("CASEREVIEW_PLUGINS", "rca, silp")
    host = PluginHost.load()
    assert sorted(host.methodologies) == ["rca", "silp"]
    # the core's own plugin is not optional: it loads whatever the list says
    assert {info.name for info in host.plugin_infos()} == {"core-defaults", "rca", "silp"}


def test_the_allow_list_refuses_a_plugin_that_is_not_installed(monkeypatch):
    monkeypatch.setenv("CASEREVIEW_PLUGINS", "rca,no-such-plugin")
    with pytest.raises(NotFound, match=r"no-such-plugin.*installed: .*rca"):
        PluginHost.load()


def test_tracing_prints_every_hook_call(monkeypatch, capsys, sample):
    monkeypatch.setenv("CASEREVIEW_TRACE_PLUGINS", "1")
    host = make_host("rca")
    host.call_each("check_transition", review=sample, source="decision", target="commissioning")
    err = capsys.readouterr().err
    assert "casereview: hook register_methodologies(register) -> [rca]" in err
    assert "casereview: hook check_transition(review, source, target) -> [core-defaults]" in err


def test_plugins_are_listed_with_their_version_and_hooks():
    infos = {info.name: info for info in make_host("rca").plugin_infos()}
    assert "register_methodologies" in infos["rca"].hooks
    assert infos["rca"].version == "0.1.0" and infos["rca"].module == "rca"
    assert "check_transition" in infos["core-defaults"].hooks


# -- a plugin that raises -----------------------------------------------------------------------


class Objector:
    """Raises in one hook; everything else it leaves alone."""

    def __init__(self, hook: str) -> None:
        self.hook = hook

    @hookimpl
    def check_transition(self, review, source, target):
        if self.hook == "check_transition":
            raise RuntimeError("the guard's database is down")
        return []

    @hookimpl
    def stage_changed(self, review, source, target):
        if self.hook == "stage_changed":
            raise RuntimeError("could not send the e-mail")


def test_a_plugin_that_raises_is_named_and_the_review_is_unchanged(journal, sample):
    objecting = Reviews(journal, make_host("rca", ("objector", Objector("check_transition"))),
                        "test coordinator")
    before = st.summary(objecting.load(sample.id))
    with pytest.raises(PluginError) as caught:
        objecting.move(sample.id, "decision")
    assert str(caught.value) == (
        "plugin 'objector' failed in check_transition: the guard's database is down")
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert st.summary(objecting.load(sample.id, use_snapshot=False)) == before


def test_a_plugin_failing_to_hear_of_a_move_does_not_undo_it(journal, sample):
    told = Reviews(journal, make_host("rca", ("notifier", Objector("stage_changed"))), "tester")
    state = told.move(sample.id, "decision")
    assert state.stage is Stage.DECISION
    assert told.load(sample.id).stage is Stage.DECISION
    assert told.warnings == ["plugin 'notifier' failed in stage_changed: could not send the "
                             "e-mail (the move was recorded)"]


def test_a_methodology_hook_that_raises_names_the_plugin_and_the_hook(journal):
    class BrokenGraph(Registers):
        @hookimpl
        def build_causal_graph(self, review, methodology, graph):
            raise KeyError("episode KPE-9")

    host = make_host(("broken-graph", BrokenGraph("broken")))
    state = build_sample_review(Reviews(journal, host, "tester"), methodology="broken")
    with pytest.raises(PluginError, match="plugin 'broken-graph' failed in build_causal_graph: "
                                          "'episode KPE-9'"):
        build_graph(host, state)


# -- scoping ----------------------------------------------------------------------------------


class Recorder(Registers):
    """Implements every methodology hook and records each call it receives."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.calls: list[tuple[str, str, str]] = []  # (hook, review id, methodology)

    def _heard(self, hook: str, review, methodology: str) -> None:
        self.calls.append((hook, review.id if review is not None else "", methodology))

    @hookimpl
    def assess_fit(self, profile, methodology):
        self._heard("assess_fit", None, methodology)

    @hookimpl
    def plan_review(self, review, methodology, variant):
        self._heard("plan_review", review, methodology)

    @hookimpl
    def agency_submission_form(self, review, methodology, agency):
        self._heard("agency_submission_form", review, methodology)

    @hookimpl
    def structure_evidence(self, review, methodology):
        self._heard("structure_evidence", review, methodology)

    @hookimpl
    def build_causal_graph(self, review, methodology, graph):
        self._heard("build_causal_graph", review, methodology)

    @hookimpl
    def plan_learning_event(self, review, methodology, kind):
        self._heard("plan_learning_event", review, methodology)

    @hookimpl
    def take_contribution(self, review, methodology, contribution):
        self._heard("take_contribution", review, methodology)

    @hookimpl
    def derive_findings(self, review, methodology):
        self._heard("derive_findings", review, methodology)

    @hookimpl
    def report_sections(self, review, methodology):
        self._heard("report_sections", review, methodology)
        return []

    @hookimpl
    def check_methodology_transition(self, review, methodology, source, target):
        self._heard("check_methodology_transition", review, methodology)
        return []

    @hookimpl
    def check_finding(self, review, methodology, finding, status):
        self._heard("check_finding", review, methodology)
        return []

    @hookimpl
    def material_templates(self, review, methodology):
        self._heard("material_templates", review, methodology)

    @hookimpl
    def load_material(self, review, methodology, folder, host):
        self._heard("load_material", review, methodology)

    @hookimpl
    def example_material(self, methodology):
        self._heard("example_material", None, methodology)


class Onlooker:
    """Implements the cross-cutting hooks and records which reviews it sees."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    @hookimpl
    def check_transition(self, review, source, target):
        self.seen.append(("check_transition", review.id))
        return []

    @hookimpl
    def check_stage(self, review, stage):
        self.seen.append(("check_stage", review.id))
        return []

    @hookimpl
    def stage_changed(self, review, source, target):
        self.seen.append(("stage_changed", review.id))


def _ask_every_methodology_hook(host: PluginHost, state) -> None:
    from core.plugin_api.graph import CausalGraph

    arguments = {
        "plan_review": {"variant": None},
        "agency_submission_form": {"agency": "Northwold Police"},
        "plan_learning_event": {"kind": "learning_event"},
        "take_contribution": {"contribution": state.contributions["C1"]},
        "build_causal_graph": {"graph": CausalGraph()},
        "check_methodology_transition": {"source": "notification", "target": "decision"},
        "check_finding": {"finding": state.findings["F1"], "status": "final"},
        "load_material": {"folder": Path("material"), "host": host},
    }
    assert set(arguments) <= METHODOLOGY_HOOKS
    for hook in sorted(METHODOLOGY_HOOKS):
        host.call_methodology(state.methodology, hook, review=state, **arguments.get(hook, {}))


def test_methodology_hooks_are_called_only_for_reviews_of_that_methodology(journal):
    alpha, beta, onlooker = Recorder("alpha"), Recorder("beta"), Onlooker()
    host = make_host(("alpha-plugin", alpha), ("beta-plugin", beta), ("onlooker", onlooker))
    reviews = Reviews(journal, host, "tester")
    a = build_sample_review(reviews, methodology="alpha", review_id="CR-2025-001")
    b = build_sample_review(reviews, methodology="beta", review_id="CR-2025-002")
    unchosen = build_sample_review(reviews, methodology=None, review_id="CR-2025-003")

    for state in (a, b):
        _ask_every_methodology_hook(host, state)
        reviews.move(state.id, "decision")
    reviews.move(unchosen.id, "decision")
    host.call_methodology("beta", "assess_fit", profile=CaseProfile())
    for state in (a, b, unchosen):
        host.call_each("check_stage", review=state, stage="decision")

    every = METHODOLOGY_HOOKS | {"assess_fit"}
    assert {hook for hook, _, _ in alpha.calls} == METHODOLOGY_HOOKS
    assert {(review, method) for hook, review, method in alpha.calls
            if hook != "example_material"} == {("CR-2025-001", "alpha")}
    assert {method for hook, _, method in alpha.calls} == {"alpha"}
    assert {hook for hook, _, _ in beta.calls} == every
    assert {review for hook, review, _ in beta.calls
            if hook not in ("assess_fit", "example_material")} == {"CR-2025-002"}
    # Cross-cutting hooks see every review, whatever its methodology (or none yet).
    for hook in ("check_transition", "check_stage", "stage_changed"):
        assert {review for heard, review in onlooker.seen if heard == hook} == {
            "CR-2025-001", "CR-2025-002", "CR-2025-003"}


def test_a_refused_methodology_guard_stops_only_its_own_reviews(journal):
    class Strict(Registers):
        @hookimpl
        def check_methodology_transition(self, review, methodology, source, target):
            return [f"{methodology} reviews wait for the panel's agreement"]

    host = make_host(("strict-plugin", Strict("strict")), ("lenient-plugin", Registers("lenient")))
    reviews = Reviews(journal, host, "tester")
    strict = build_sample_review(reviews, methodology="strict", review_id="CR-2025-010")
    lenient = build_sample_review(reviews, methodology="lenient", review_id="CR-2025-011")
    with pytest.raises(TransitionRefused, match="strict reviews wait for the panel's agreement"):
        reviews.move(strict.id, "decision")
    assert reviews.move(lenient.id, "decision").stage is Stage.DECISION


# -- the other registration hooks ---------------------------------------------------------------


def test_a_plugin_adds_a_command_to_the_command_line(monkeypatch, sample):
    import click
    from click.testing import CliRunner

    from core.apps.cli.base import App, cli

    class Tally:
        @hookimpl
        def register_commands(self, cli):
            @cli.command(name="tally")
            def tally() -> None:
                """Count the methodologies installed, for a quick check."""
                click.echo("tallied")

    monkeypatch.setattr(cli, "_plugins_added", False)  # a fresh run, as in a new process
    monkeypatch.setattr(cli, "commands", dict(cli.commands))
    host = make_host(("tally-plugin", Tally()))
    result = CliRunner().invoke(cli, ["tally"], obj=App(host=host))
    assert result.exit_code == 0 and result.output == "tallied\n"


def test_exporters_are_registered_and_a_duplicate_format_names_both_plugins():
    from core.output.exporters import Exporter

    class Plain:
        def __init__(self, name: str) -> None:
            self.name = name

        @hookimpl
        def register_exporters(self, register):
            register(Exporter(self.name, "Plain text", ".txt", render=lambda report: ""))

    assert "plain" in make_host(("plain-export", Plain("plain"))).exporters
    both = r"exporter 'plain' is registered by both plugin '(one|two)' and plugin '(one|two)'"
    with pytest.raises(PluginConflict, match=both):
        make_host(("one", Plain("plain")), ("two", Plain("plain")))


def test_a_regime_registered_twice_names_both_plugins():
    from plugins.regimes.england_cspr_2018 import REGIME

    class LocalCopy:
        @hookimpl
        def register_regimes(self, register):
            register(REGIME)

    with pytest.raises(PluginConflict, match=r"regime 'england-cspr-2018'.*'local-copy'"):
        make_host(("local-copy", LocalCopy()))
