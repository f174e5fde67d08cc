"""The worked example in docs/methodologies/appreciative-inquiry.md runs as written.
(The rules for running it are in tests/worked_examples.py.)
"""

from __future__ import annotations

from pathlib import Path

from worked_examples import run_as_written, sessions

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "methodologies" / "appreciative-inquiry.md"


def test_the_worked_example_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    steps = sessions(PAGE.read_text(encoding="utf-8"))
    assert any(c.startswith("casereview ai guide") for c, _ in steps)
    run_as_written(steps, tmp_path / "child-a-ai.db")
