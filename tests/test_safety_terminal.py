"""Text from agencies' files cannot act on the terminal: control characters, escape sequences
and bidirectional overrides are shown as their codes in everything the command line prints."""

from __future__ import annotations

import csv
import io
import json

import pytest

from core.apps.cli.terminal import visible

REVIEW = "CR-2026-401"
HOSTILE = ("\x1b[2J\x1b[H"  # clear the screen
           "\x1b]0;pwned\x07"  # the window's title
           "\x1b]52;c;ZWNobyBoaQ==\x07"  # write to the clipboard
           "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"  # a hidden link
           "\x9b31m\u202etxt.exe\u200b")
DANGEROUS = ["\x1b", "\x07", "\x9b", "\u202e", "\u200b"]


@pytest.fixture
def reviews(reviews, open_review):
    open_review(REVIEW, "Child Q")
    return reviews


def _file(tmp_path):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([
        ["Date", "What happened", "Who"], ["03/03/2023", f"Visit {HOSTILE} end", "HV"]])
    path = tmp_path / "hv.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _safe(output: str) -> None:
    for char in DANGEROUS:
        assert char not in output, repr(char)


def test_visible_shows_each_control_as_its_code():
    assert visible("a\x1b[2Jb\u202ec\td\n") == "a\\u001b[2Jb\\u202ec\td\n"


@pytest.mark.parametrize("args", [
    ("chronology", REVIEW), ("chronology", REVIEW, "--format", "json"),
    ("agencies", REVIEW, "list"),
])
def test_commands_that_show_agency_text_keep_the_terminal_safe(reviews, cli, tmp_path, args):
    cli.ok("import", REVIEW, str(_file(tmp_path)), "--agency", f"HV{HOSTILE}")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    _safe(result.output)
    assert "\\u001b" in result.output


def test_a_dry_run_and_an_error_keep_the_terminal_safe(reviews, cli, tmp_path):
    result = cli("import", REVIEW, str(_file(tmp_path)), "--agency", "HV", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "\\u001b]0;pwned\\u0007" in result.output
    _safe(result.output)
    error = cli("show", f"CR{HOSTILE}")
    assert error.exit_code == 1
    _safe(error.output)


def test_json_output_still_means_the_same(reviews, cli, tmp_path):
    cli.ok("import", REVIEW, str(_file(tmp_path)), "--agency", "HV")
    data = json.loads(cli.ok("chronology", REVIEW, "--format", "json"))
    assert [e["what_happened"] for e in data] == [f"Visit {HOSTILE} end"]
