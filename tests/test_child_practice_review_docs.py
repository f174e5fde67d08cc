"""The worked example in docs/methodologies/child-practice-review.md runs as written.
(The rules for running it are in tests/worked_examples.py.)
"""

from __future__ import annotations

from pathlib import Path

from worked_examples import run_as_written, sessions

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "methodologies" / "child-practice-review.md"


def test_the_page_has_a_worked_example() -> None:
    commands = [c for c, _ in sessions(PAGE.read_text(encoding="utf-8"))]
    assert any(c.startswith("casereview cpr load child-a") for c in commands)
    assert any("--regime wales-cpr" in c for c in commands)
    assert any(c.startswith("casereview graph child-a --check") for c in commands)


def test_the_worked_example_runs_as_written(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    run_as_written(sessions(PAGE.read_text(encoding="utf-8")), tmp_path / "child-a-wales.db")
