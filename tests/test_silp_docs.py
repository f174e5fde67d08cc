"""The worked example in docs/methodologies/silp.md runs as written, and the page keeps its
promises: it credits SILP by name as Review Consulting's method and lists its sources."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from click.testing import CliRunner
from test_learning_together_docs import sessions, squeeze

from core.cli.base import App, cli
from core.plugins import PluginHost

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "methodologies" / "silp.md"


def test_the_page_credits_the_method_and_gives_its_sources():
    text = PAGE.read_text(encoding="utf-8")
    assert "Review Consulting Ltd" in text and "published features" in text
    assert "https://www.reviewconsulting.co.uk/silp-reviews/" in text
    assert "Unconfirmed points" in text


def test_the_page_has_a_worked_example():
    commands = [c for c, _ in sessions(PAGE.read_text(encoding="utf-8"))]
    assert any(c.startswith("casereview silp load") for c in commands)
    assert any(c.startswith("casereview silp recall") for c in commands)
    assert any(c.startswith("casereview event child-a plan --kind learning_event")
               for c in commands)


def test_the_worked_example_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    host = PluginHost.load()
    db = tmp_path / "child-a.db"
    for command, expected in sessions(PAGE.read_text(encoding="utf-8")):
        words = shlex.split(command)
        if words[0] == "export":
            continue
        assert words[0] == "casereview", command
        result = CliRunner().invoke(cli, words[1:], obj=App(host=host),
                                    env={**os.environ, "CASEREVIEW_DB": str(db)})
        failing = bool(expected) and expected[0].startswith("Error:")
        assert result.exit_code == (1 if failing else 0), f"{command}\n{result.output}"
        shown = squeeze(result.output)
        for line in expected:
            assert squeeze(line) in shown, f"{command}\nexpected: {line}\ngot:\n{result.output}"
