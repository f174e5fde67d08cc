"""The top-level group: global options, plugin loading, and turning errors into messages."""

from __future__ import annotations

import getpass
import os
import sys
from importlib import import_module
from typing import Any

import click

from core.apps.cli.commands import CORE_COMMANDS
from core.apps.cli.terminal import safe_streams
from core.kernel.errors import CaseReviewError, PluginError
from core.plugin_api.plugins import PluginHost, current_plugin

# `casereview --help` lists the core's commands under these headings, in the order a review
# needs them; commands that plugins add come last, under their own heading.
HELP_SECTIONS: dict[str, tuple[str, ...]] = {
    "Notification, decision and clocks": (
        "new", "criteria", "decide", "regimes", "status", "deadlines", "clock", "notify", "delay"),
    "Commissioning": ("choose", "methodologies", "commission", "people", "agencies"),
    "Evidence": ("import", "chronology", "duplicates", "requests", "submissions", "inbox",
                 "material"),
    "Analysis, learning events and findings": ("event", "session", "findings", "graph"),
    "Actions, report and publication": (
        "recommendations", "actions", "section", "record", "report", "publish-check",
        "identity", "yearly-report"),
    "Reviews and their audit trail": ("list", "show", "move", "correct", "withdraw", "history",
                                      "audit"),
    "People, roles and the database": ("users", "db"),
    "Plugins and the demo": ("plugins", "demo"),
}
PLUGIN_SECTION = "Commands from plugins"


def _section_of(name: str) -> str:
    for title, names in HELP_SECTIONS.items():
        if name in names:
            return title
    return PLUGIN_SECTION


class App:
    """What every command needs: where the journal is, who is acting, and the plugins."""

    def __init__(self, *, host: Any = None, db: str | None = None) -> None:
        self.db = db
        self.actor = _default_actor()
        self.debug = False
        self._host: Any = host  # tests may give their own
        self._journal: Any = None
        self.may_create = False  # set by the commands that may start a new database

    def configure(self, db: str | None, actor: str | None, debug: bool) -> None:
        self.db = db or self.db
        self.actor = actor or self.actor
        self.debug = debug

    @property
    def host(self) -> Any:
        if self._host is None:
            self._host = PluginHost.load()
        return self._host

    @property
    def journal(self) -> Any:
        if self._journal is None:
            from core.kernel.store import open_journal

            # Only `casereview new` starts a database: a mistyped --db elsewhere is an error,
            # not a new empty file.
            self._journal = open_journal(self.db, create=self.may_create)
        return self._journal

    @property
    def reviews(self) -> Any:
        from core.plugin_api.reviews import Reviews

        return Reviews(self.journal, self.host, self.actor)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None  # a later use opens it again


def _default_actor() -> str:
    try:
        return os.environ.get("CASEREVIEW_ACTOR") or getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


class UserError(click.ClickException):
    """A CaseReviewError on its way to the terminal: one message, exit code 1."""

    def __init__(self, error: CaseReviewError, *, debugging: bool = False) -> None:
        message = str(error)
        if error.hint:
            message += f"\nWhat to do: {error.hint}"
        elif isinstance(error, PluginError) and not debugging:
            message += "\n(run again with --debug to see where in the plugin it failed)"
        super().__init__(message)


class CaseReviewCLI(click.Group):
    """Finds core commands lazily and plugin commands through the plugin host."""

    _plugins_added = False
    _command_plugins: dict[str, str]  # command name -> the plugin that added it

    def _add_plugin_commands(self, ctx: click.Context) -> None:
        if self._plugins_added:
            return
        self._plugins_added = True
        self._command_plugins = {}
        host = ctx.ensure_object(App).host
        _answers, failures = host.gather("register_commands", cli=self)
        for failure in failures:
            # One plugin's mistake costs only its own commands: --help and the rest still work.
            for name in [n for n, p in self._command_plugins.items() if p == failure.plugin]:
                self.commands.pop(name, None)
                del self._command_plugins[name]
            click.echo(f"casereview: {failure}; its commands are left out "
                       "(the plugin's author can see why with --debug)", err=True)
            if ctx.ensure_object(App).debug:
                import traceback

                traceback.print_exception(failure, file=sys.stderr)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        super().add_command(cmd, name)
        plugin = current_plugin()
        if plugin is not None:  # added by a plugin's register_commands
            self._command_plugins[name or cmd.name or ""] = plugin

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._safely(ctx, self._add_plugin_commands)
        return sorted(set(CORE_COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in CORE_COMMANDS and name not in self.commands:
            module = import_module(CORE_COMMANDS[name].module)
            self.add_command(getattr(module, name.replace("-", "_") + "_command"), name)
        if name not in self.commands:
            self._safely(ctx, self._add_plugin_commands)
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, but in sections in the order a review needs them; a core command not
        imported yet shows its summary from the command table: `casereview --help` imports
        none of them."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows: dict[str, list[tuple[str, str]]] = {title: [] for title in HELP_SECTIONS}
        for name in names:
            if name in CORE_COMMANDS and name not in self.commands:
                # Click's own shortening, of the summary the command table holds.
                text = click.Command(name, help=CORE_COMMANDS[name].summary).get_short_help_str(
                    limit)
            else:
                command = self.get_command(ctx, name)
                if command is None or command.hidden:
                    continue
                text = command.get_short_help_str(limit)
            rows.setdefault(_section_of(name), []).append((name, text))
        for title, section in rows.items():
            order = HELP_SECTIONS.get(title, ())
            section.sort(key=lambda row: (order.index(row[0]) if row[0] in order else 0, row[0]))
            if section:
                with formatter.section(title):
                    formatter.write_dl(section)

    def _safely(self, ctx: click.Context, action: Any) -> None:
        try:
            action(ctx)
        except CaseReviewError as error:
            raise UserError(error) from error

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with safe_streams():  # text from agencies' files cannot act on the terminal
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CaseReviewError as error:
            raise self._user_error(ctx, error) from error
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            # A command a plugin added failed: name the plugin, as for its hooks. Anything
            # else is a bug in casereview itself, and its traceback is what we need to see.
            sqlite = sys.modules.get("sqlite3")
            if sqlite and isinstance(error, sqlite.DatabaseError) and isinstance(ctx.obj, App):
                from core.kernel.database_files import cannot_open

                # A page that went bad after the database was opened: damaged, or a full disk.
                path = ctx.obj.db or os.environ.get("CASEREVIEW_DB") or "casereview.db"
                raise self._user_error(ctx, cannot_open(path, error)) from error
            server = sys.modules.get("psycopg")
            if server and isinstance(error, server.Error) and isinstance(ctx.obj, App):
                from core.kernel.journal_pg import server_error

                raise self._user_error(ctx, server_error(error)) from error
            plugin = getattr(self, "_command_plugins", {}).get(ctx.invoked_subcommand or "")
            if plugin is None:
                raise
            failure = PluginError(plugin, f"its command {ctx.invoked_subcommand!r}", error)
            failure.__cause__ = error  # so --debug shows where in the plugin it failed
            raise self._user_error(ctx, failure) from error
        finally:
            if isinstance(ctx.obj, App):
                ctx.obj.close()

    @staticmethod
    def _user_error(ctx: click.Context, error: CaseReviewError) -> UserError:
        debugging = isinstance(ctx.obj, App) and ctx.obj.debug
        if debugging:
            import traceback

            traceback.print_exception(error, file=sys.stderr)
        return UserError(error, debugging=debugging)


@click.group(cls=CaseReviewCLI, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    metavar="PATH|URL",
    envvar="CASEREVIEW_DB",
    help="The review database: a file (default ./casereview.db, or $CASEREVIEW_DB), or the "
    "partnership's server as postgresql://USER@HOST:PORT/DATABASE.",
)
@click.option(
    "--actor",
    metavar="NAME",
    envvar="CASEREVIEW_ACTOR",
    help="Who is making the change, for the audit trail (default: your login name).",
)
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.version_option(package_name="casereview")
@click.pass_context
def cli(ctx: click.Context, db: str | None, actor: str | None, debug: bool) -> None:
    """Run multi-agency child safeguarding case reviews.

    A review moves from notification, through the statutory decision, commissioning, evidence,
    analysis and learning events, to findings, improvement actions, a report, publication and
    monitoring. Every change is kept in an audit trail. The review methodology (Learning
    Together, Root Cause Analysis, SILP, Appreciative Inquiry, Child Practice Review) comes
    from a plugin.

    All data in the bundled examples is fictional.
    """
    app = ctx.ensure_object(App)
    app.configure(db, actor, debug)
    # Every command starts by asking every plugin's registrations, so a mistake such as two
    # plugins registering one name stops it at once. Only the bare `--help` skips this.
    app.host.collect()


def main() -> None:
    cli(prog_name="casereview")
