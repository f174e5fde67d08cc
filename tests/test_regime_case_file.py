"""`casereview new --from-case`: a case file whose fields hold the wrong kind of value is
refused in one line naming the file and the field, never with a traceback, and nothing is
written."""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.kernel.errors import InputProblem
from core.kernel.store import open_journal
from core.statutory.case_file import read_case
from plugins.testing import make_host

CASE: dict[str, Any] = {
    "review": {
        "id": "child-t",
        "title": "Child T (fictional)",
        "area": "Westmere Safeguarding Children Partnership (fictional)",
        "regime": "england-cspr-2018",
        "subject": {"pseudonym": "Child T", "age_at_event": "three years"},
        "incident_date": dt.date(2025, 2, 13),
        "notified_on": dt.date(2025, 2, 18),
    },
    "facts": {"abuse_or_neglect": "suspected", "outcome": "seriously_harmed"},
    "agencies": [{"name": "Westmere Police (fictional)", "kind": "police"}],
}

# Each field `new` reads: where it is in the case, how the message names it, and the kinds of
# value it takes (a wrong value is any other kind).
TEXT, DATE, MAPPING, LIST = (str,), (str, dt.date), (dict,), (list,)
FIELDS: list[tuple[tuple[Any, ...], str, tuple[type, ...]]] = [
    (("review", "id"), "review.id", TEXT),
    (("review", "title"), "review.title", TEXT),
    (("review", "area"), "review.area", TEXT),
    (("review", "regime"), "review.regime", TEXT),
    (("review", "child"), "review.child", TEXT),
    (("review", "subject"), "review.subject", (str, dict)),
    (("review", "subject", "pseudonym"), "review.subject.pseudonym", TEXT),
    (("review", "subject", "age_at_event"), "review.subject.age_at_event", TEXT),
    (("review", "incident_date"), "review.incident_date", DATE),
    (("review", "notified_on"), "review.notified_on", DATE),
    (("facts",), "facts", MAPPING),
    (("agencies",), "agencies", LIST),
    (("agencies", 0), "agencies item 1", (str, dict)),
    (("agencies", 0, "name"), "agencies item 1", TEXT),
    (("agencies", 0, "kind"), "agencies item 1 (kind)", TEXT),
]

VALUES = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=False), st.booleans(), st.dates(),
    st.lists(st.integers(0, 9), max_size=2), st.dictionaries(st.text("abc", min_size=1),
                                                             st.integers(0, 9), max_size=2),
    st.text("abc xyz", max_size=8),
)


def with_value(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    case = copy.deepcopy(CASE)
    place = case
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return case


def write_case(folder: Path, case: dict[str, Any]) -> Path:
    path = folder / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return path


def test_the_base_case_is_read() -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert read_case(str(write_case(Path(folder), CASE)))["review"]["id"] == "child-t"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=VALUES)
def test_a_wrong_kind_of_value_is_refused_naming_file_and_field(field, value) -> None:
    path, label, takes = field
    if isinstance(value, takes):
        return  # a value of a kind the field takes
    with tempfile.TemporaryDirectory() as folder:
        written = write_case(Path(folder), with_value(path, value))
        with pytest.raises(InputProblem) as refused:
            read_case(str(written))
    message = str(refused.value)
    assert message.startswith(str(written)), message
    assert label in message, message


@pytest.fixture(scope="module")
def host():
    return make_host()


@pytest.mark.parametrize(("path", "value", "words"), [
    (("review", "subject"), 5, ["review.subject is a number", "pseudonym"]),
    (("review", "subject"), ["Child T"], ["review.subject is a list"]),
    (("review", "subject", "pseudonym"), {"first": "x"}, ["review.subject.pseudonym"]),
    (("review", "title"), ["a", "b"], ["review.title is a list", "text"]),
    (("review", "notified_on"), 20250218, ["review.notified_on is a number", "YYYY-MM-DD"]),
    (("facts",), ["outcome: died"], ["facts is a list", "key: value"]),
    (("agencies",), "Westmere Police", ["agencies is text", "a list"]),
    (("agencies",), {"name": "Westmere Police"}, ["agencies is a mapping", "a list"]),
    (("agencies", 0, "name"), 7, ["agencies item 1 (name) is a number"]),
    (("agencies", 0, "kind"), ["police"], ["agencies item 1 (kind) is a list", "police"]),
])
def test_new_refuses_a_wrong_kind_in_one_line(cli, tmp_path: Path, path, value,
                                              words: list[str]) -> None:
    case_file = write_case(tmp_path, with_value(path, value))
    cli.refused("new", "--from-case", str(case_file), says=[str(case_file), *words],
                one_line=True)
    with open_journal(cli.db) as journal:
        assert journal.review_ids() == []


def test_a_date_yaml_cannot_make_is_refused(cli, tmp_path: Path) -> None:
    case_file = tmp_path / "case.yaml"
    text = yaml.safe_dump(CASE).replace("incident_date: 2025-02-13", "incident_date: 2025-02-30")
    case_file.write_text(text, encoding="utf-8")
    cli.refused("new", "--from-case", str(case_file), says=[str(case_file), "cannot be read"])


def test_a_date_and_time_counts_as_its_day(cli, tmp_path: Path) -> None:
    case = with_value(("review", "notified_on"), dt.datetime(2025, 2, 18, 9, 30))
    cli.ok("new", "--from-case", str(write_case(tmp_path, case)))
