"""The worked example in docs/methodologies/learning-together.md runs as written.
(The rules for running it are in tests/worked_examples.py.)
"""

from __future__ import annotations

from pathlib import Path

from worked_examples import run_as_written, sessions

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "methodologies" / "learning-together.md"


def test_the_page_has_a_worked_example():
    steps = sessions(PAGE.read_text(encoding="utf-8"))
    commands = [c for c, _ in steps]
    assert any(c.startswith("casereview lt load") for c in commands)
    assert any(c.startswith("casereview event child-a facilitate") for c in commands)
    assert sum(bool(out) for _, out in steps) >= 10


def test_the_worked_example_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    run_as_written(sessions(PAGE.read_text(encoding="utf-8")), tmp_path / "child-a.db")
