"""`casereview graph`: export, draw and check a review's causal graph from the command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import networkx as nx
import pytest

from core import hookimpl
from core.kernel.dates import PartialDate
from core.kernel.model import (
    ChronologyEntry,
    Evidence,
    Finding,
    ImprovementAction,
    Recommendation,
    Review,
    Subject,
)
from core.kernel.state import put
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews

REVIEW = "CR-2026-950"


class RegimeForTests:
    """A temporary plugin: the one regime these reviews need."""

    @hookimpl
    def register_regimes(self, register):
        register(SimpleNamespace(name="test-regime", title="A regime for tests"))


@pytest.fixture
def host() -> PluginHost:
    return PluginHost.load(entry_points=False, extra=[("test-regime", RegimeForTests())])


@pytest.fixture
def db(cli) -> str:
    """The database of `cli`, holding one small fictional review whose graph is sound."""
    path = str(cli.db)
    with open_journal(path) as journal:
        reviews = Reviews(journal, cli.host, "tester")
        review = Review(id=REVIEW, title="Child R (fictional)", regime="test-regime",
                        area="Eastcombe", subject=Subject("Child R"),
                        incident_date=dt.date(2025, 9, 1), notified_on=dt.date(2025, 9, 2))
        entry = ChronologyEntry("E1", "Eastcombe Police", PartialDate.day(dt.date(2025, 4, 2)),
                                'A call about "shouting" & a slammed door')
        reviews.open_review(review, [
            put("chronology", entry),
            put("evidence", Evidence("V1", "agency_report", "Police report", entry_ids=("E1",))),
            put("findings", Finding("F1", "Calls are not shared", "Police calls stay with the "
                                    "police", evidence_ids=("V1",), status="final")),
            put("recommendations", Recommendation("R1", "Share calls daily", ("F1",))),
            put("actions", ImprovementAction("A1", "Daily call review", "Police",
                                             dt.date(2026, 3, 31), "Every call reviewed",
                                             ("R1",))),
        ])
    return path


def add_unevidenced_finding(cli) -> None:
    with open_journal(cli.db) as journal:
        reviews = Reviews(journal, cli.host, "tester")
        state = reviews.load(REVIEW)
        reviews.write(state, [put("findings", Finding("F2", "A hunch", "Nothing behind it"))])


def test_check_passes_a_sound_review(cli, db):
    result = cli("graph", REVIEW, "--check")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"The causal graph of {REVIEW} has no problems (5 nodes, "
                             "4 links).\n")


def test_check_lists_the_problems_and_exits_1(cli, db):
    add_unevidenced_finding(cli)
    result = cli("graph", REVIEW, "--check")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"The causal graph of {REVIEW} has 1 problem (6 nodes, 4 links):"
    assert lines[1].startswith("  - finding:F2 (A hunch) is not evidenced")


def test_json_is_the_default_and_reads_back(cli, db):
    result = cli("graph", REVIEW)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    graph = nx.node_link_graph(data, edges="links")
    assert sorted(graph.nodes) == ["action:A1", "event:E1", "evidence:V1", "finding:F1",
                                   "recommendation:R1"]
    assert data["graph"]["review"] == REVIEW and data["problems"] == []
    assert result.stderr == ""


def test_an_export_with_problems_still_happens_with_a_note(cli, db):
    add_unevidenced_finding(cli)
    result = cli("graph", REVIEW, "--format", "dot")
    assert result.exit_code == 0
    assert result.stdout.startswith('digraph "Causal graph of review CR-2026-950')
    assert '\\"shouting\\"' in result.stdout  # quotes escaped inside DOT strings
    assert result.stderr == (f"Note: the graph has 1 problem; `casereview graph {REVIEW} "
                             "--check` lists them.\n")


def test_graphml_to_stdout_reads_back(cli, db):
    result = cli("graph", REVIEW, "--format", "graphml")
    assert result.exit_code == 0
    graph = nx.read_graphml(io.BytesIO(result.stdout.encode("utf-8")))
    assert graph.number_of_nodes() == 5


def test_the_format_follows_the_output_file(cli, db, tmp_path):
    target = tmp_path / "graph.svg"
    result = cli("graph", REVIEW, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Wrote the causal graph of {REVIEW} (5 nodes, 4 links) as svg to "
                             f"{target}.\n")
    root = ET.parse(target).getroot()
    assert root.find("{http://www.w3.org/2000/svg}title").text == (
        f"Causal graph of review {REVIEW}: Child R (fictional)")


def test_an_explicit_format_wins_over_the_file_ending(cli, db, tmp_path):
    target = tmp_path / "graph.txt"
    assert cli("graph", REVIEW, "-o", str(target), "--format", "dot").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("digraph ")


def test_an_unwritable_output_is_one_line(cli, db, tmp_path):
    result = cli("graph", REVIEW, "-o", str(tmp_path / "missing" / "graph.svg"))
    assert result.exit_code == 1
    assert "cannot write" in result.output and "Traceback" not in result.output


def test_check_with_an_export_is_a_usage_error(cli, db):
    result = cli("graph", REVIEW, "--check", "--format", "svg")
    assert result.exit_code == 2
    assert "--check lists problems and exports nothing" in result.output


def test_an_unknown_review_is_one_line(cli, db):
    result = cli("graph", "CR-1999-001")
    assert result.exit_code == 1
    assert f"no review with the id 'CR-1999-001'; reviews in this database: {REVIEW}" in (
        result.output)


def test_help_explains_the_command(cli, db):
    result = cli("graph", "--help")
    assert result.exit_code == 0
    for words in ("--format", "json|graphml|dot|svg", "-o, --output", "--check",
                  "every finding evidenced"):
        assert words in result.output


def test_networkx_waits_until_a_graph_is_needed():
    code = ("import sys, core.apps.cli.base, core.apps.cli.graph; "
            "print('networkx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
