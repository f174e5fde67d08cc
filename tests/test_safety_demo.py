"""The demo's folder: the marker cannot be a link out of it, a database that now holds real
work is never deleted, and a run killed half-way leaves a folder the next run cleans up."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from core.apps import demo_folder
from core.apps.cli.base import cli
from core.apps.demo_folder import MARKER, MARKER_HEADING
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host


def _demo(out):
    return CliRunner().invoke(cli, ["demo", "--out", str(out)])


def test_a_marker_that_is_a_link_is_refused_and_nothing_is_written_through_it(tmp_path):
    out, elsewhere = tmp_path / "d", tmp_path / "elsewhere.txt"
    out.mkdir()
    elsewhere.write_text(f"{MARKER_HEADING}\nimportant.txt\n", encoding="utf-8")
    (tmp_path / "important.txt").write_text("keep me")
    (out / MARKER).symlink_to(elsewhere)
    result = _demo(out)
    assert result.exit_code == 1 and "link" in result.output
    assert elsewhere.read_text(encoding="utf-8") == f"{MARKER_HEADING}\nimportant.txt\n"
    assert (tmp_path / "important.txt").read_text() == "keep me"


def test_a_marker_is_never_written_through_a_link(tmp_path):
    target = tmp_path / "target"
    target.write_text("mine")
    (tmp_path / MARKER).symlink_to(target)
    with pytest.raises(OSError):
        demo_folder.write_marker(tmp_path / MARKER, ["casereview.db"])
    assert target.read_text() == "mine"


def test_a_rerun_never_deletes_a_database_that_now_holds_real_work(tmp_path):
    out = tmp_path / "d"
    out.mkdir()
    (out / MARKER).write_text(f"{MARKER_HEADING}\ncasereview.db\n", encoding="utf-8")
    journal = open_journal(out / "casereview.db")
    build_sample_review(Reviews(journal, make_host("rca"), "a coordinator"), methodology="rca")
    journal.close()
    before = (out / "casereview.db").read_bytes()
    result = _demo(out)
    assert result.exit_code == 1, result.output
    assert "someone other than the demo" in result.output and "nothing was changed" in result.output
    assert (out / "casereview.db").read_bytes() == before


def test_a_run_killed_after_the_first_report_leaves_a_folder_the_next_run_cleans(tmp_path,
                                                                              monkeypatch):
    import core.apps.demo

    out = tmp_path / "d"
    written = []
    real_write = core.apps.demo.write_output

    def killed_on_the_second(path, *args, **kwargs):
        if written:
            raise KeyboardInterrupt  # as if killed: the cleanup below is skipped too
        written.append(path)
        real_write(path, *args, **kwargs)

    monkeypatch.setattr(core.apps.demo, "write_output", killed_on_the_second)
    monkeypatch.setattr(demo_folder, "release", lambda out, before: None)
    assert _demo(out).exit_code != 0
    assert written and written[0].exists()
    monkeypatch.undo()
    again = _demo(out)
    assert again.exit_code == 0, again.output
