"""Fixtures shared by the foundation tests: a journal on disk, a host with real plugins, the
kit's sample review, and the command line against that journal. Plugin-specific fixtures live
beside their tests."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from core.apps.cli.base import App
from core.apps.cli.base import cli as casereview
from core.kernel.journal import Journal
from core.kernel.model import Review, Subject
from core.kernel.state import ReviewState
from core.kernel.store import open_journal
from core.plugin_api.methodology import PRINCIPLES, Methodology
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host


def methodology(name: str, **more: object) -> Methodology:
    """A methodology descriptor for a test plugin, claiming every principle in its own words."""
    values: dict = {
        "name": name,
        "title": f"Test method {name}",
        "summary": "A methodology that exists only in the test suite.",
        "fits_when": ("a test needs it",),
        "not_fits_when": ("a real review",),
        "principles": {key: f"test claim: {text}" for key, text in PRINCIPLES.items()},
    }
    return Methodology(**(values | more))


# The storage tests run on both backends when a PostgreSQL server is given (`.ci/run` starts a
# throwaway one): CASEREVIEW_TEST_POSTGRES=postgresql://postgres@127.0.0.1:PORT/postgres.
TEST_SERVER = os.environ.get("CASEREVIEW_TEST_POSTGRES")
BACKENDS = ["sqlite", "postgresql"] if TEST_SERVER else ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `both_backends` run once per backend, through the `database` fixture."""
    if "database" in metafunc.fixturenames and metafunc.definition.get_closest_marker(
            "both_backends"):
        metafunc.parametrize("database", BACKENDS, indirect=True)


def server_schema_url(name: str) -> str:
    """The test server's URL, with every table in schema `name` (created afresh)."""
    import psycopg

    assert TEST_SERVER, "no test server: set CASEREVIEW_TEST_POSTGRES"
    with psycopg.connect(TEST_SERVER, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        admin.execute(f'CREATE SCHEMA "{name}"')
    joiner = "&" if "?" in TEST_SERVER else "?"
    return f"{TEST_SERVER}{joiner}options=-csearch_path%3D{name}"


def drop_server_schema(name: str) -> None:
    import psycopg

    with psycopg.connect(TEST_SERVER or "", autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterable[str]:
    """Where the test's database is: a file in tmp_path, or (for `both_backends` tests, when a
    test server is given) a fresh schema on it."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield str(tmp_path / "casereview.db")
        return
    import uuid

    name = f"test_{uuid.uuid4().hex[:12]}"
    yield server_schema_url(name)
    drop_server_schema(name)


@pytest.fixture
def journal(database: str) -> Journal:
    opened = open_journal(database)
    yield opened
    opened.close()


@pytest.fixture
def host() -> PluginHost:
    """Two real methodologies and the project's own plugins (defaults, regimes)."""
    return make_host("rca", "learning-together")


@pytest.fixture
def reviews(journal: Journal, host: PluginHost) -> Reviews:
    return Reviews(journal, host, "test coordinator")


@pytest.fixture
def sample(reviews: Reviews) -> ReviewState:
    """The kit's fictional sample review, using Root Cause Analysis."""
    return build_sample_review(reviews, methodology="rca")


@pytest.fixture
def open_review(reviews: Reviews) -> Callable[..., ReviewState]:
    """Opens a bare fictional review in the `reviews` database: `open_review("CR-2026-401",
    "Child Q")`, incident 1 February 2025, notified 3 February 2025, in Eastcombe, with no
    agencies or people yet. Returns its state."""

    def open_(review_id: str, child: str, regime: str = "england-cspr-2018") -> ReviewState:
        return reviews.open_review(Review(
            id=review_id, title=f"{child} (fictional)", regime=regime, area="Eastcombe",
            subject=Subject(child), incident_date=dt.date(2025, 2, 1),
            notified_on=dt.date(2025, 2, 3)))

    return open_


_HELP_IN_A_FRESH_PROCESS = """
import sys
sys.argv = ["casereview", "--help"]
from core.apps.cli import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)))
"""


def help_page_and_modules() -> tuple[list[str], set[str]]:
    """`casereview --help` run in a fresh Python: the page's lines, and every module imported."""
    result = subprocess.run([sys.executable, "-c", _HELP_IN_A_FRESH_PROCESS],
                            capture_output=True, text=True, check=True)
    *page, modules = result.stdout.splitlines()
    return page, set(modules.split())


class CommandLine:
    """`casereview` as a test runs it: one database (`db`), the test's plugin host (`host`)."""

    def __init__(self, host: PluginHost, db: Path | str) -> None:
        self.host, self.db = host, db

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(casereview, ["--db", str(self.db), *args],
                                  obj=App(host=self.host), prog_name="casereview", input=input)

    def ok(self, *args: str, input: str | None = None) -> str:
        """Run a command that must succeed; its output."""
        result = self(*args, input=input)
        assert result.exit_code == 0, result.output
        return result.output

    def refused(self, *args: str, says: str | Iterable[str] = (), one_line: bool = False,
                input: str | None = None) -> str:
        """Run a command that must be refused as a user error: exit code 1, a message on
        standard error that starts 'Error:' (on one line, with `one_line`) and names each of
        `says`, and no traceback. Returns the message."""
        result = self(*args, input=input)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        message = result.stderr.strip()
        assert message.startswith("Error:"), message
        assert not one_line or "\n" not in message, message
        for word in [says] if isinstance(says, str) else says:
            assert word in message, message
        return message


@pytest.fixture
def cli(database: str, host: PluginHost) -> CommandLine:
    """The command line against the `journal` and `reviews` fixtures' database (by default
    `tmp_path/casereview.db`) with the test module's `host`."""
    return CommandLine(host, Path(database) if "://" not in database else database)
