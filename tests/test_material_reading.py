"""core.analysis.material_reading: the reader every methodology's loader builds on, the folder and
file helpers and the load plan. The methods' own wording is tested with each method."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.analysis.material_reading import LoadPlan, Reader, material_files, preview, read_material
from core.kernel.errors import InputProblems
from core.kernel.model import Agency
from core.kernel.state import ReviewState, put


def reader() -> Reader:
    return Reader("notes.yaml", ReviewState(id="CR-1"))


def problems(r: Reader) -> list[tuple[str | None, str, str | None]]:
    """(field, message, expected) of each problem, in the order found."""
    found = []
    for p in r.problems:
        message = str(p).split(": ", 1)[1]
        message = message.removesuffix(f" (expected {p.expected})") if p.expected else message
        found.append((p.field, message, p.expected))
    return found


def test_items_name_each_item_by_its_path_and_keep_every_problem():
    r = reader()
    found = r.items({"notes": [{"id": "N1"}, "loose text", {"id": "N2"}]}, "notes", "pack")
    assert [at for at, _ in found] == ["pack.notes[1]", "pack.notes[3]"]
    assert problems(r) == [("pack.notes[2]", "expected a mapping, found 'loose text'", None)]


def test_a_missing_list_is_a_problem_only_when_it_is_required():
    r = reader()
    assert r.items({}, "learning_points", required=False) == []
    assert r.problems == []
    assert r.items({}, "learning_points") == []
    assert problems(r) == [("learning_points", "expected a list of learning points",
                            "'learning_points:' followed by a list")]


def test_a_bare_list_is_read_only_where_the_method_allows_it():
    class Bare(Reader):
        bare_lists = True

    r = Bare("notes.yaml", ReviewState(id="CR-1"))
    assert [at for at, _ in r.items([{"id": "N1"}], "notes")] == ["notes[1]"]
    strict = reader()
    assert strict.items([{"id": "N1"}], "notes") == []
    assert problems(strict)[0][:2] == ("notes", "expected a list of notes")


def test_unknown_fields_and_names_are_refused_with_the_methods_wording():
    class Method(Reader):
        name_rule = "this method records people by role; remove 'name'"

    r = Method("notes.yaml", ReviewState(id="CR-1"))
    r.known_keys({"id": "N1", "name": "x", "colour": "red"}, "notes[1]", ("id", "title"))
    assert problems(r) == [
        ("notes[1].colour", "unknown field 'colour'", "one of id, title"),
        ("notes[1].name", "this method records people by role; remove 'name'", None)]


def test_text_and_texts_tidy_spaces_and_say_what_is_missing_or_wrong():
    r = reader()
    item = {"title": "  Housing   knew ", "who": {"a": 1}, "points": ["one", " ", 2]}
    assert r.text(item, "title", "n") == "Housing knew"
    assert r.text(item, "who", "n") == ""
    assert r.text(item, "summary", "n") == ""
    assert r.texts(item, "points", "n") == ("one", "2")
    assert r.texts({"points": "alone"}, "points", "n") == ("alone",)
    assert r.texts({"points": []}, "points", "n", required=True) == ()
    assert problems(r) == [("n.who", "'who' should be text, not dict", None),
                           ("n.summary", "'summary' is required", None),
                           ("n.points", "'points' needs at least one item", None)]


def test_ids_must_be_usable_and_used_once():
    r, seen = reader(), set()
    assert r.unique_id({"id": "N1"}, "notes[1]", seen) == "N1"
    r.unique_id({"id": "N1"}, "notes[2]", seen)
    r.unique_id({"id": "N 3"}, "notes[3]", seen)
    assert problems(r) == [
        ("notes[2].id", "the id 'N1' is used twice in this file", None),
        ("notes[3].id", "'N 3' is not a usable id", "letters, digits, - . _")]


def test_days_are_read_from_yaml_dates_or_text():
    r = reader()
    item = {"on": dt.date(2024, 3, 14), "text": "2024-03-15", "bad": "14th March"}
    assert r.day(item, "on", "n") == dt.date(2024, 3, 14)
    assert r.day(item, "text", "n") == dt.date(2024, 3, 15)
    assert r.day(item, "bad", "n") is None
    assert r.day(item, "missing", "n", required=False) is None
    assert problems(r) == [("n.bad", "'14th March' is not a day", "YYYY-MM-DD")]


def test_an_agency_not_in_the_review_is_named_with_those_that_are():
    state = ReviewState(id="CR-1")
    state.collections["agencies"]["Police"] = Agency("Police")
    r = Reader("notes.yaml", state)
    assert r.agency("police", "n.agency") == "Police"
    assert r.agency("Fire service", "n.agency") == "Fire service"
    assert problems(r) == [("n.agency", "'Fire service' is not an agency of this review",
                            "one of Police")]


def test_an_entry_is_named_by_agency_and_reference():
    r = reader()
    assert r.entry_named("police-1-4", "n.entry") is None
    assert r.entry_named({"agency": "Police", "ref": "P-7"}, "n.cites[1]") is None
    assert [p[0] for p in problems(r)] == ["n.entry", "n.cites[1]"]
    assert problems(r)[0][2] == "{agency: ..., ref: ...}"
    assert problems(r)[1][1].startswith("no chronology entry 'P-7' from Police")


def test_material_files_finds_the_methods_files_or_says_what_it_expected(tmp_path: Path):
    files = {"notes": "notes.yaml", "findings": "findings.yaml"}
    (tmp_path / "notes.yaml").write_text("notes: []\n", encoding="utf-8")
    assert material_files(tmp_path, files, "Example") == {"notes": tmp_path / "notes.yaml"}
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputProblems) as raised:
        material_files(empty, files, "Example")
    assert str(raised.value.problems[0]) == (
        f"{empty}: holds none of the Example files (expected notes.yaml, findings.yaml)")
    with pytest.raises(InputProblems, match="is not a folder"):
        material_files(tmp_path / "missing", files, "Example")


def test_read_material_leaves_out_a_file_of_comments_only(tmp_path: Path):
    (tmp_path / "notes.yaml").write_text("notes:\n  - id: N1\n", encoding="utf-8")
    (tmp_path / "findings.yaml").write_text("# fill this in\n", encoding="utf-8")
    paths = {"notes": tmp_path / "notes.yaml", "findings": tmp_path / "findings.yaml"}
    read = read_material(paths, lambda kind: f"the {kind} file")
    assert read == {"notes": (str(tmp_path / "notes.yaml"), {"notes": [{"id": "N1"}]})}


def test_a_load_plan_counts_and_keeps_only_what_would_change():
    plan = LoadPlan()
    plan.add("notes", None, {"id": "N1"}, ["write N1"])
    plan.add("notes", {"id": "N2"}, {"id": "N2"}, ["write N2"])
    plan.add("notes", {"id": "N3"}, {"id": "N3", "title": "new"}, ["write N3"])
    assert plan.events == ["write N1", "write N3"]
    assert plan.describe() == ["notes: 1 new, 1 changed, 1 unchanged"]


def test_preview_applies_changes_to_a_copy():
    state = ReviewState(id="CR-1")
    ahead = preview(state, [put("agencies", Agency("Police"))])
    assert "Police" in ahead.agencies
    assert "Police" not in state.agencies
