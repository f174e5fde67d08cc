"""The worked example in docs/methodologies/silp.md runs as written, and the page keeps its
promises: it credits SILP by name as Review Consulting's method and lists its sources."""

from __future__ import annotations

from pathlib import Path

from worked_examples import run_as_written, sessions

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
    run_as_written(sessions(PAGE.read_text(encoding="utf-8")), tmp_path / "child-a.db")
