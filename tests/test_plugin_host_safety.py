"""The plugin host keeps one plugin's mistakes to that plugin: a hook cannot change the review
it is handed, a snapshot is trusted only as its journal replays, a plugin whose checks or
commands fail loses only its own, and an empty allow-list loads no optional plugin."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from core import hookimpl
from core.apps.cli.base import App, CaseReviewCLI, cli
from core.kernel.errors import PluginError
from core.kernel.model import Participant
from core.kernel.state import ReviewState, put
from core.plugin_api.plugins import DEFAULTS, PluginHost
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host


class Vandal:
    """A check_transition that empties the review it was asked about."""

    @hookimpl
    def check_transition(self, review, source, target):
        review.chronology.clear()
        review.participants.clear()
        return []


def test_a_hook_cannot_change_the_review_it_is_handed(journal):
    reviews = Reviews(journal, make_host("rca", ("vandal", Vandal())), "test")
    state = build_sample_review(reviews, methodology="rca")
    entries, people = dict(state.chronology), dict(state.participants)
    with pytest.raises(PluginError, match="plugin 'vandal' failed in check_transition"):
        reviews.move(state.id, "decision")
    assert state.chronology == entries and state.participants == people
    reviews.snapshot(state.id)
    again = reviews.load(state.id)
    assert again.chronology == entries and again.participants == people
    # the next person gets a new id: nobody is overwritten
    assert f"P{len(people) + 1}" not in again.participants


def test_a_hook_that_changes_plugin_records_changes_only_its_copy(journal):
    class Scribbler:
        @hookimpl
        def check_stage(self, review, stage):
            review.records.setdefault("core/imports", {})["forged"] = {"entries": 0}
            return []

    reviews = Reviews(journal, make_host("rca", ("scribbler", Scribbler())), "test")
    state = build_sample_review(reviews, methodology="rca")
    reviews.host.call_each("check_stage", review=state, stage="notification")
    assert "forged" not in state.record_collection("core/imports")


def test_a_snapshot_is_the_journal_replayed_not_the_state_in_memory(journal, monkeypatch):
    reviews = Reviews(journal, make_host("rca"), "test")
    reviews._read_models = False  # snapshots are taken where the read models are not kept
    state = build_sample_review(reviews, methodology="rca")
    lead = next(iter(state.participants))
    state.participants.clear()  # a bug changes the live state without an event
    monkeypatch.setattr("core.plugin_api.reviews.SNAPSHOT_EVERY", 1)  # this write takes a snapshot
    reviews.write(state, [put("participants", Participant("P99", "review_team", "Analyst"))])
    assert lead in state.participants  # the live state was put right too
    loaded = reviews.load(state.id)
    assert lead in loaded.participants and "P99" in loaded.participants
    assert any("audit trail's version was kept" in w for w in reviews.warnings)


def test_an_empty_allow_list_loads_no_optional_plugin(monkeypatch):
    monkeypatch.setenv("CASEREVIEW_PLUGINS", "")
    host = PluginHost.load()
    assert [info.name for info in host.plugin_infos()] == [DEFAULTS]
    assert host.methodologies == {}


class Crashing:
    @hookimpl
    def register_commands(self, cli):
        @click.command("half-added")
        def half_added() -> None:
            """Added before the plugin fell over."""

        cli.add_command(half_added)
        raise RuntimeError("the plugin's command module is broken")


class Helpful:
    @hookimpl
    def register_commands(self, cli):
        @click.command("tidy")
        def tidy() -> None:
            """Tidy the review's folder."""

        cli.add_command(tidy)


def test_one_plugins_failing_commands_do_not_break_help():
    host = PluginHost.load(entry_points=False,
                           extra=[("crashing", Crashing()), ("helpful", Helpful())])
    group = CaseReviewCLI(name="casereview", params=cli.params, callback=cli.callback)
    result = CliRunner().invoke(group, ["--help"], obj=App(host=host))
    assert result.exit_code == 0, result.output
    assert "tidy" in result.stdout and "half-added" not in result.stdout
    assert "plugin 'crashing' failed in register_commands" in result.stderr
    assert "its commands are left out" in result.stderr


def test_no_allow_list_switches_off_the_publication_guard(journal, monkeypatch):
    """Every choice of optional plugins: publication is still refused without a passing check."""
    from itertools import combinations

    from core.kernel.lifecycle import Stage
    from plugins.testing import installed_plugins

    reviews = Reviews(journal, make_host(), "test")
    state = build_sample_review(reviews, methodology=None)
    state = reviews.write(state, [("stage.changed", {"from": state.stage.value, "to": "report",
                                                     "reason": "test"})])
    optional = sorted(installed_plugins())
    assert DEFAULTS not in optional  # the core's own plugin is not one to choose
    for size in range(len(optional) + 1):
        for chosen in combinations(optional, size):
            monkeypatch.setenv("CASEREVIEW_PLUGINS", ",".join(chosen))
            reasons = Reviews(journal, PluginHost.load(), "test").refusals(
                state, Stage.PUBLICATION)
            assert any("run the publication check first" in r for r in reasons), chosen


def test_a_hook_reads_the_stored_chronology_without_reading_it_all(reviews, sample):
    """The chronology a hook is handed from the read models is read-only like the rest, but
    answers the way the read models do (the agencies, the merged order), so a check on a large
    review does not read every entry."""
    seen = {}

    class Reader:
        @hookimpl
        def check_stage(self, review, stage):
            entries = review.chronology
            seen["agencies"] = entries.agencies()
            seen["first"] = entries.first_and_last()[0].id
            seen["read everything"] = entries._entries._source.all is not None
            with pytest.raises(TypeError):
                entries["new"] = next(iter(entries.values()))
            return []

    reviews.host.pm.register(Reader(), "reader")
    state = reviews.load(sample.id)
    reviews.host.call_each("check_stage", review=state, stage="notification")
    assert seen["agencies"] == {e.agency for e in sample.chronology.values()}
    assert seen["first"] == sample.sorted_chronology()[0].id
    assert seen["read everything"] is False
    assert dict(reviews.load(sample.id).chronology) == dict(sample.chronology)


def test_a_hooks_plugin_records_are_copied_as_it_reads_them_and_behave_as_a_dict():
    state = ReviewState(id="R1", records={"a/x": {"k": {"v": [1]}}, "b/y": {"q": {}}})
    records = state.read_only().records
    assert "a/x" in records and "zz" not in records and len(records) == 2
    records["a/x"]["k"]["v"].append(2)  # its own copy
    records.setdefault("c/z", {})["n"] = 1
    del records["b/y"]
    assert sorted(records) == ["a/x", "c/z"] and records.get("b/y") is None
    assert dict(records.items()) == {"a/x": {"k": {"v": [1, 2]}}, "c/z": {"n": 1}}
    assert state.records == {"a/x": {"k": {"v": [1]}}, "b/y": {"q": {}}}  # the review's


def test_without_the_core_plugin_installed_nothing_starts_and_the_message_says_why():
    from importlib import metadata

    from core.kernel.errors import CaseReviewError, PluginError
    from core.plugin_api.plugins import _core_plugin

    with pytest.raises(CaseReviewError) as raised:
        _core_plugin(metadata.EntryPoints([]))
    assert not isinstance(raised.value, PluginError)  # no plugin's fault: an install's
    assert "core-defaults" in str(raised.value) and "not installed" in str(raised.value)
    assert "pip install -e ." in raised.value.hint
