"""The command line's manners: exit codes 0 / 1 / 2, one-line errors without a traceback unless
--debug, and a --help on every command (plugins' too) that explains it in plain words."""

from __future__ import annotations

import re

import click
import pytest
from conftest import CommandLine, help_page_and_modules

from core import hookimpl
from core.apps.cli.base import App
from core.apps.cli.base import cli as casereview
from core.apps.cli.commands import CORE_COMMANDS
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host


@pytest.fixture(scope="module")
def host() -> PluginHost:
    """Every installed plugin, as `casereview` loads them."""
    return PluginHost.load()


def top_level_commands() -> list[str]:
    """Names only: resolving a command imports its module, which a test should do."""
    return casereview.list_commands(click.Context(casereview, info_name="casereview", obj=App()))


def command_paths(name: str) -> list[tuple[click.Context, click.Command]]:
    """The command `name` and, if it is a group, every subcommand under it, each with a
    context whose command path reads `casereview group sub`."""
    found: list[tuple[click.Context, click.Command]] = []

    def walk(group: click.Group, parent: click.Context, name: str) -> None:
        command = group.get_command(parent, name)
        assert command is not None, f"`{parent.command_path} {name}` is listed but missing"
        ctx = click.Context(command, parent=parent, info_name=name)
        found.append((ctx, command))
        if isinstance(command, click.Group):
            for sub in command.list_commands(ctx):
                walk(command, ctx, sub)

    walk(casereview, click.Context(casereview, info_name="casereview", obj=App()), name)
    return found


def test_the_core_commands_are_all_there():
    assert {"history", "move", "show", "list", "plugins", "methodologies"} <= set(
        top_level_commands())


@pytest.mark.parametrize("name", top_level_commands())
def test_every_command_explains_itself_in_plain_words(cli, name):
    result = cli(name, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: casereview {name}")
    for ctx, command in command_paths(name):
        text = command.get_help(ctx)
        assert text.startswith(f"Usage: {ctx.command_path}")
        description = text.split("\n\n", 1)[1].split("Options:")[0]
        assert len(re.findall(r"[A-Za-z']+", description)) >= 3, (
            f"`{ctx.command_path} --help` says too little")
        assert not re.search(r"\b(TODO|FIXME|XXX)\b", text)
        silent = [param.opts[0] for param in command.params
                  if isinstance(param, click.Option) and not param.hidden and not param.help]
        assert silent == [], f"options without help in `{ctx.command_path}`"


def test_the_top_level_help_names_the_commands_and_the_global_options(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for text in ("--db PATH", "--actor NAME", "--debug", "history", "plugins"):
        assert text in result.output


# -- exit codes and messages ------------------------------------------------------------------


def test_success_is_exit_code_0(cli):
    open_journal(cli.db).close()  # an empty database
    result = cli("list")
    assert result.exit_code == 0
    assert result.output == "No reviews yet. Record a notification with `casereview new`.\n"


def test_only_a_notification_starts_a_database(cli):
    message = cli.refused("list", says=["there is no casereview database at", "casereview new"])
    assert "nothing was created" in message and not cli.db.exists()


def test_a_user_error_is_exit_code_1_with_one_line_and_no_traceback(cli):
    open_journal(cli.db).close()
    result = cli("show", "CR-2030-404")
    assert result.exit_code == 1
    assert result.output == (
        "Error: no review with the id 'CR-2030-404'; this database has no reviews yet\n")


@pytest.mark.parametrize("args, says", [
    (("no-such-command",), "No such command 'no-such-command'"),
    (("show",), "Missing argument 'REVIEW'"),
    (("list", "--no-such-option"), "No such option"),
    (("move", "CR-2025-001", "drafting"), "'drafting' is not one of"),
])
def test_a_usage_error_is_exit_code_2(cli, args, says):
    result = cli(*args)
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output


class FailingGuard:
    @hookimpl
    def check_transition(self, review, source, target):
        return {}["missing key"]


@pytest.fixture
def failing(tmp_path) -> CommandLine:
    """The command line with a guard that fails, on the kit's sample review."""
    failing = CommandLine(make_host("rca", ("failing-guard", FailingGuard())), tmp_path / "f.db")
    with open_journal(failing.db) as journal:
        build_sample_review(Reviews(journal, failing.host, "tester"), methodology="rca")
    return failing


def test_a_failing_plugin_is_one_message_naming_it_and_debug_shows_the_traceback(failing):
    plain = failing("move", "CR-2025-900", "decision")
    assert plain.exit_code == 1
    assert plain.output.splitlines() == [
        "Error: plugin 'failing-guard' failed in check_transition: 'missing key'",
        "(run again with --debug to see where in the plugin it failed)",
    ]
    debug = failing("--debug", "move", "CR-2025-900", "decision")
    assert debug.exit_code == 1
    assert "Traceback (most recent call last)" in debug.output
    assert 'return {}["missing key"]' in debug.output  # the plugin's own line
    # Under --debug the advice to run with --debug would be noise.
    assert "run again with --debug" not in debug.output


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and re.match(r"casereview, version \d+\.\d+", result.output)


# -- a fast --help --------------------------------------------------------------------------------


def test_the_command_table_names_each_command_with_the_first_sentence_of_its_help():
    ctx = click.Context(casereview, info_name="casereview", obj=App())
    for name, entry in CORE_COMMANDS.items():
        command = casereview.get_command(ctx, name)
        assert command is not None and command.name == name, name
        assert entry.summary == command.get_short_help_str(10**6), name


def test_the_help_page_shows_the_summaries_shortened_as_click_shortens_them(cli):
    page = cli("--help").output.splitlines()
    listed = {line.split()[0]: line.split(None, 1)[1] for line in page
              if line.startswith("  ") and len(line.split()) > 1}
    assert listed["list"] == CORE_COMMANDS["list"].summary  # short enough to show whole
    assert listed["status"].endswith("...")  # a long one, cut at a word
    assert CORE_COMMANDS["status"].summary.startswith(listed["status"][:-3])


def test_the_help_page_imports_no_command_and_no_heavy_library():
    _, output = help_page_and_modules()
    commands = sorted(m for m in output if m.startswith("core.apps.cli.") and m not in (
        "core.apps.cli.base", "core.apps.cli.commands", "core.apps.cli.output",
        "core.apps.cli.terminal"))
    assert commands == [], "casereview --help imported command modules"
    heavy = {"networkx", "jinja2", "docx", "openpyxl", "yaml", "markdown_it"}
    assert heavy.isdisjoint(output)
