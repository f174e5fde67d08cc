"""The command line names the plugin at fault: a duplicate registration stops every command at
start-up, and a plugin's own command that fails is reported as that plugin's failure."""

from __future__ import annotations

import click
from click.testing import CliRunner

from core import hookimpl
from core.apps.cli.base import App, CaseReviewCLI, cli
from core.plugin_api.methodology import PRINCIPLES, Methodology
from core.plugin_api.plugins import PluginHost


def _method(name: str) -> Methodology:
    return Methodology(name=name, title=name, summary="A test method.", fits_when=("tests",),
                       not_fits_when=("real reviews",),
                       principles=dict.fromkeys(PRINCIPLES, "claimed for the test"))


class Registers:
    def __init__(self, name: str) -> None:
        self.name = name

    @hookimpl
    def register_methodologies(self, register):
        register(_method(self.name))


class BrokenCommand:
    @hookimpl
    def register_commands(self, cli):
        @click.command("boom")
        def boom() -> None:
            """Fail the way a buggy plugin would."""
            raise ValueError("the plugin tripped over its own feet")

        cli.add_command(boom)


def _invoke(host: PluginHost, *args: str):
    # A fresh group each time: plugin commands are added once per group.
    group = CaseReviewCLI(name="casereview", params=cli.params, callback=cli.callback)
    return CliRunner().invoke(group, list(args), obj=App(host=host))


def test_a_duplicate_name_stops_any_command_at_start_up_naming_both_plugins(tmp_path):
    host = PluginHost.load(entry_points=False,
                           extra=[("first", Registers("same")), ("second", Registers("same"))])
    result = _invoke(host, "--db", str(tmp_path / "x.db"), "list")
    assert result.exit_code == 1
    assert "'first'" in result.output and "'second'" in result.output
    assert "Traceback" not in result.output


def test_a_plugin_command_that_fails_is_named_without_a_traceback(tmp_path):
    host = PluginHost.load(entry_points=False, extra=[("clumsy", BrokenCommand())])
    result = _invoke(host, "--db", str(tmp_path / "x.db"), "boom")
    assert result.exit_code == 1
    assert "plugin 'clumsy' failed in its command 'boom'" in result.output
    assert "tripped over its own feet" in result.output
    assert "Traceback" not in result.output


def test_debug_shows_where_the_plugin_command_failed(tmp_path):
    host = PluginHost.load(entry_points=False, extra=[("clumsy", BrokenCommand())])
    result = _invoke(host, "--db", str(tmp_path / "x.db"), "--debug", "boom")
    assert result.exit_code == 1
    assert "Traceback" in result.output and "ValueError" in result.output


def test_help_lists_every_core_command_under_a_heading_and_plugin_commands_last():
    from core.apps.cli.base import CORE_COMMANDS, HELP_SECTIONS, PLUGIN_SECTION

    placed = [name for names in HELP_SECTIONS.values() for name in names]
    assert sorted(placed) == sorted(CORE_COMMANDS)  # each core command once, none forgotten
    host = PluginHost.load(entry_points=False, extra=[("clumsy", BrokenCommand())])
    page = _invoke(host, "--help").output
    headings = [line for line in page.splitlines() if line.endswith(":") and not line[0].isspace()]
    assert headings[-1] == f"{PLUGIN_SECTION}:"
    assert page.index("new ") < page.index("decide ") < page.index("commission ")
    assert page.rindex("boom") > page.index(f"{PLUGIN_SECTION}:")
