"""`casereview demo`: the whole Child A review runs, writes its reports, and no registered real
name reaches any file or line of output it leaves behind (the register's own file aside)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from core.cli.base import cli
from core.demo import FICTIONAL_REAL_NAME, MARKER, MARKER_HEADING
from core.publication import register_path


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    return out, result


def test_the_demo_runs_every_stage_and_prints_the_reports(demo):
    out, result = demo
    assert result.exit_code == 0, result.output
    stages = [line for line in result.output.splitlines() if line.startswith("[")]
    assert len(stages) == 11 and stages[-1].startswith("[11/11] Publication check")
    assert "not available yet" not in result.output
    for name in ("child-a-report.html", "child-a-report.docx", "child-a-report.md"):
        path = out / name
        assert path.stat().st_size > 10_000
        assert str(path) in result.output


def test_no_registered_real_name_appears_in_any_output_or_log(demo):
    out, result = demo
    register = register_path(str(out / "casereview.db"))
    from core.publication import IdentityRegister

    held = IdentityRegister.open(register)
    assert [i.real_name for i in held.identities("child-a")] == [FICTIONAL_REAL_NAME]
    held.close()
    parts = FICTIONAL_REAL_NAME.split()
    assert "[real name registered for Child A]" in result.output
    for part in [FICTIONAL_REAL_NAME, *parts]:
        assert part not in result.output
    checked = 0
    for path in out.rglob("*"):
        if not path.is_file() or str(path).startswith(register):
            continue
        data = path.read_bytes()
        if path.suffix == ".docx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
        for part in [FICTIONAL_REAL_NAME, *parts]:
            assert part.encode() not in data, (path, part)
            assert part.encode("utf-16-le") not in data, (path, part)
        checked += 1
    assert checked >= 4  # the three reports and the journal, at least


def test_the_audit_trail_holds_the_check_but_not_the_name(demo):
    out, _result = demo
    history = CliRunner().invoke(cli, ["--db", str(out / "casereview.db"), "history", "child-a",
                                       "--json"])
    assert history.exit_code == 0
    assert "publication/check" in history.output
    assert FICTIONAL_REAL_NAME not in history.output and "Thornbury" not in history.output


def test_an_unknown_methodology_is_refused_before_anything_is_written(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "d"), "--methodology",
                                      "no-such-method"])
    assert result.exit_code == 1 and "no methodology called 'no-such-method'" in result.output
    assert not (tmp_path / "d" / "casereview.db").exists()


def test_the_demo_never_replaces_a_database_it_did_not_make(tmp_path):
    (tmp_path / "casereview.db").write_bytes(b"someone's real work")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 1 and "did not make" in result.output
    assert (tmp_path / "casereview.db").read_bytes() == b"someone's real work"


def test_a_folder_with_files_the_demo_did_not_make_is_refused_untouched(tmp_path):
    (tmp_path / "casereview-2024.db").write_bytes(b"last year's review")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "did not make" in result.output and "casereview-2024.db" in result.output
    assert "--out" in result.output  # says what to do
    assert sorted(p.name for p in tmp_path.iterdir()) == ["casereview-2024.db", "notes.txt"]


def test_a_rerun_deletes_only_the_files_the_demo_made(demo):
    out, _result = demo
    marker = (out / MARKER).read_text(encoding="utf-8").splitlines()
    listed = [line for line in marker if not line.startswith("#")]
    assert "casereview.db" in listed and "child-a-report.html" in listed
    # Someone keeps their own files beside the demo's, named much like its database.
    mine = {"casereview-2024.db": b"last year's review", "casereview.db.bak": b"a backup",
            "notes.txt": b"my notes"}
    for name, data in mine.items():
        (out / name).write_bytes(data)
    again = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert again.exit_code == 0, again.output
    for name, data in mine.items():
        assert (out / name).read_bytes() == data, name
    relisted = (out / MARKER).read_text(encoding="utf-8")
    assert "notes.txt" not in relisted and "casereview.db.bak" not in relisted


def test_the_demo_will_not_overwrite_a_report_it_did_not_make(tmp_path):
    out = tmp_path / "d"
    out.mkdir()
    (out / MARKER).write_text(f"{MARKER_HEADING}\n", encoding="utf-8")
    (out / "child-a-report.html").write_text("someone's edited report", encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out)])
    assert result.exit_code == 1 and "will not overwrite" in result.output
    assert (out / "child-a-report.html").read_text(encoding="utf-8") == "someone's edited report"
