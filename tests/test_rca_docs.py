"""The worked example in docs/methodologies/rca.md runs as written.
(The rules for running it are in tests/worked_examples.py.)
"""

from __future__ import annotations

from pathlib import Path

from worked_examples import run_as_written, sessions

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "methodologies" / "rca.md"


def test_the_worked_example_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "rca").symlink_to(ROOT / "rca")
    steps = sessions(PAGE.read_text(encoding="utf-8"))
    assert any(c.startswith("casereview rca load") for c, _ in steps)
    assert sum(bool(out) for _, out in steps) >= 12
    run_as_written(steps, tmp_path / "a.db")
    assert (tmp_path / "cdp-1.svg").read_text(encoding="utf-8").startswith("<svg")
