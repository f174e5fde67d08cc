"""A quick start: `casereview --help` loads every plugin but imports no model, the host asks
registration hooks only when their registry is used, and lazy hook implementations
(core.plugin_api.lazy) behave like the functions they stand in for."""

from __future__ import annotations

import sys
import textwrap
import types

import pytest
from conftest import help_page_and_modules, methodology

from core import hookimpl
from core.kernel.errors import PluginConflict, PluginError
from core.plugin_api.lazy import lazy_hookimpl
from core.plugin_api.plugins import PluginHost
from plugins.testing import make_host

# What `casereview --help` must not import: the attrs model and what it pulls in, and the
# libraries only some commands need.
NOT_AT_START_UP = {
    "attr", "attrs", "cattrs", "core.kernel.model", "core.kernel.state",
    "core.plugin_api.methodology", "core.statutory.regimes",
    "core.statutory.criteria", "core.kernel.journal", "core.kernel.codec",
    "learning_together.records",
    "learning_together.taxonomy", "plugins.regimes.england_cspr_2018",
    "networkx", "jinja2", "docx", "openpyxl", "yaml", "holidays",
}


def test_the_help_page_loads_every_plugin_but_imports_no_model():
    page, modules = help_page_and_modules()
    assert sorted(NOT_AT_START_UP & modules) == []
    # Not a vacuous pass: the plugins were loaded, and the one plugin command is listed.
    assert {"core.apps.defaults", "learning_together", "rca", "plugins.regimes"} <= modules
    assert any(line.split()[:1] == ["lt"] for line in page), "\n".join(page)


# -- the host asks registration hooks on first use ----------------------------------------------


class Counting:
    """Registers one methodology and counts how often it is asked."""

    def __init__(self, name: str) -> None:
        self.name, self.asked = name, 0

    @hookimpl
    def register_methodologies(self, register):
        self.asked += 1
        register(methodology(self.name))


def test_methodologies_are_asked_for_once_and_only_when_used():
    plugin = Counting("counted")
    host = PluginHost.load(entry_points=False, extra=[("counting", plugin)], trace=False)
    assert plugin.asked == 0
    assert host.methodology("counted").plugin == "counting"
    assert sorted(host.methodologies) == ["counted"]
    assert plugin.asked == 1


def test_a_duplicate_name_fails_on_first_use_naming_both_plugins_every_time():
    host = PluginHost.load(entry_points=False, trace=False,
                           extra=[("first", Counting("twin")), ("second", Counting("twin"))])
    assert host.regimes == {}  # the other registries are unaffected
    for _ in range(2):  # a failed registry is not kept half-filled
        with pytest.raises(PluginConflict, match=r"'twin'.*'(first|second)'.*'(first|second)'"):
            host.methodologies  # noqa: B018


def test_a_misspelt_hook_still_fails_when_the_host_is_built():
    class Misspelt:
        @hookimpl
        def register_methodologys(self, register):
            return None

    with pytest.raises(PluginError, match="'speller' failed in start-up"):
        PluginHost.load(entry_points=False, extra=[("speller", Misspelt())], trace=False)


# -- lazy hook implementations -------------------------------------------------------------------


@pytest.fixture
def module_maker(tmp_path, monkeypatch):
    """Writes a module `name` with `source` where imports find it; forgets it afterwards."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(name: str, source: str) -> str:
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.delitem(sys.modules, name, raising=False)
        return name

    return make


def lazy_plugin(**hooks: object) -> types.ModuleType:
    """A plugin module holding the given stand-ins, as a package's `__init__` would."""
    plugin = types.ModuleType("lazy_plugin")
    for name, function in hooks.items():
        setattr(plugin, name, function)
    return plugin


def test_a_stand_in_imports_its_module_on_the_first_call_and_passes_what_it_takes(
        module_maker, sample):
    module = module_maker("lazy_checks", """
        def check_stage(stage):  # a subset of the hook's arguments (review, stage)
            return [{"level": "warning", "check": "lazy", "message": f"asked at {stage}"}]
    """)
    host = make_host(("lazy", lazy_plugin(check_stage=lazy_hookimpl(f"{module}:check_stage"))))
    assert module not in sys.modules
    assert "check_stage" in {info.name: info for info in host.plugin_infos()}["lazy"].hooks
    answers = dict(host.call_each("check_stage", review=sample, stage="decision"))
    assert answers["lazy"] == [{"level": "warning", "check": "lazy",
                                "message": "asked at decision"}]
    assert module in sys.modules


def test_a_stand_in_keeps_its_place_in_the_calling_order(module_maker, sample):
    module = module_maker("lazy_first", """
        def check_transition(review, source, target):
            return ["first"]
    """)

    class Plain:
        @hookimpl
        def check_transition(self, review, source, target):
            return ["plain"]

    early = lazy_plugin(check_transition=lazy_hookimpl(f"{module}:check_transition",
                                                       tryfirst=True))
    host = make_host(("early", early), ("plain", Plain()), core=False)
    order = [name for name, _ in host.call_each("check_transition", review=sample,
                                                 source="decision", target="commissioning")]
    assert order[:2] == ["early", "plain"]  # then the core's own, which always loads


@pytest.mark.parametrize("target", ["no_colon", "somewhere:plan_reveiw", ":check_stage"])
def test_a_stand_in_for_no_hook_is_refused_when_the_plugin_is_imported(target):
    with pytest.raises(ValueError, match="the casereview hook it implements"):
        lazy_hookimpl(target)


def test_an_argument_the_hook_does_not_give_fails_on_first_call_naming_the_plugin(
        module_maker, sample):
    module = module_maker("lazy_wrong", """
        def check_stage(review, stag):
            return []
    """)
    host = make_host(("wrong", lazy_plugin(check_stage=lazy_hookimpl(f"{module}:check_stage"))))
    with pytest.raises(PluginError, match=r"plugin 'wrong' failed in check_stage: .*takes stag"):
        host.call_each("check_stage", review=sample, stage="decision")


def test_a_stand_in_must_agree_with_the_functions_own_marker(module_maker, sample):
    module = module_maker("lazy_marked", """
        from core import hookimpl

        @hookimpl(trylast=True)
        def check_stage(review, stage):
            return []
    """)
    host = make_host(("marked", lazy_plugin(check_stage=lazy_hookimpl(f"{module}:check_stage"))))
    with pytest.raises(PluginError, match="trylast=True; give lazy_hookimpl the same"):
        host.call_each("check_stage", review=sample, stage="decision")


def test_learning_together_stands_in_for_every_hook_its_modules_implement():
    import importlib
    import pkgutil

    import learning_together

    implemented = set()
    for info in pkgutil.iter_modules(learning_together.__path__, "learning_together."):
        module = importlib.import_module(info.name)
        implemented |= {name for name, value in vars(module).items()
                        if getattr(value, "casereview_impl", None) is not None
                        and getattr(value, "__module__", None) == info.name}
    hooks = {info.name: info.hooks for info in make_host("learning-together").plugin_infos()}
    assert set(hooks["learning-together"]) == implemented


def test_a_stand_in_only_for_one_methodology_answers_other_reviews_without_importing(
        module_maker, sample):
    module = module_maker("lazy_own", """
        def check_stage(review, stage):
            return [] if review.methodology != "rca" else [{"level": "warning",
                    "check": "own", "message": stage}]
    """)
    stand_in = lazy_hookimpl(f"{module}:check_stage", only_for="learning-together")
    host = make_host(("own", lazy_plugin(check_stage=stand_in)))
    assert sample.methodology == "rca"
    assert dict(host.call_each("check_stage", review=sample, stage="decision"))["own"] == []
    assert module not in sys.modules
    host = make_host(("own", lazy_plugin(check_stage=lazy_hookimpl(f"{module}:check_stage",
                                                                   only_for="rca"))))
    answers = dict(host.call_each("check_stage", review=sample, stage="decision"))
    assert answers["own"] == [{"level": "warning", "check": "own", "message": "decision"}]
    with pytest.raises(ValueError, match="not asked about a review"):
        lazy_hookimpl(f"{module}:register_methodologies", only_for="rca")


@pytest.mark.parametrize("plugin", ["learning_together", "rca", "silp", "appreciative_inquiry",
                                    "child_practice_review"])
def test_each_methodology_checks_only_its_own_reviews(plugin):
    import importlib

    package = importlib.import_module(plugin)
    taxonomy = importlib.import_module(f"{plugin}.taxonomy")
    assert package.check_stage.only_for == taxonomy.METHODOLOGY
