"""core.kernel.files.read_yaml: every YAML file is read one way, and a bad one is refused naming the
file, the line YAML stopped at, and what the file should hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.kernel.errors import InputProblem
from core.kernel.files import read_yaml


def write(tmp_path: Path, text: str | bytes, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_yaml_and_json_read_as_data(tmp_path: Path) -> None:
    assert read_yaml(write(tmp_path, "outcome: died\nagencies: [a, b]\n"), "the case file") == {
        "outcome": "died", "agencies": ["a", "b"]}
    assert read_yaml(write(tmp_path, '{"outcome": "died"}', "f.json"), "the facts file",
                     shape=dict) == {"outcome": "died"}


def test_a_syntax_error_names_the_file_and_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "review:\n  title: Child A\n  area: [unclosed\n")
    with pytest.raises(InputProblem) as caught:
        read_yaml(path, "the case file")
    assert caught.value.file == str(path) and caught.value.line == 4
    assert str(caught.value).startswith(f"{path}, line 4: not valid YAML")


def test_a_missing_file_is_named_as_what_it_is(tmp_path: Path) -> None:
    with pytest.raises(InputProblem, match="cannot read the facts file: No such file"):
        read_yaml(tmp_path / "absent.yaml", "the facts file")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputProblem, match="the profile is not UTF-8 text"):
        read_yaml(write(tmp_path, "area: Caf\xe9\n".encode("cp1252")), "the profile")


def test_an_impossible_date_is_refused_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(InputProblem, match="a value that cannot be read"):
        read_yaml(write(tmp_path, "notified_on: 2025-02-30\n"), "the case file")


def test_the_shape_is_checked_and_an_empty_file_is_an_empty_one(tmp_path: Path) -> None:
    assert read_yaml(write(tmp_path, ""), "the facts file", shape=dict) == {}
    assert read_yaml(write(tmp_path, "# nothing yet\n"), "the plan", shape=list) == []
    assert read_yaml(write(tmp_path, ""), "the facts file") is None
    with pytest.raises(InputProblem) as caught:
        read_yaml(write(tmp_path, "- a list\n"), "the facts file", shape=dict,
                  expected="a mapping such as 'outcome: died'")
    assert str(caught.value) == (
        f"{tmp_path / 'case.yaml'}: the facts file does not hold key: value pairs "
        "(expected a mapping such as 'outcome: died')")
