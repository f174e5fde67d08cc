"""The bundled Child A files import cleanly, and what `expected.yaml` promises holds: the entry
count, the duplicates flagged, and what each agency knew on given days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from core import hookimpl
from core.apps import defaults as core_defaults
from core.evidence.chronology.duplicates import likely_duplicates
from core.evidence.chronology.importer import plan_import
from core.evidence.chronology.merge import find_entry
from core.evidence.horizon import known_by
from core.kernel.model import Review, Subject
from core.kernel.state import ReviewState
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews

CASE_DIR = Path(__file__).resolve().parent.parent / "examples" / "child-a"
pytestmark = pytest.mark.skipif(not (CASE_DIR / "case.yaml").exists(),
                                reason="the Child A example case is not in this checkout")


class RegimeForTests:
    @hookimpl
    def register_regimes(self, register):
        register(SimpleNamespace(name="test-regime", title="A regime for tests"))


@pytest.fixture(scope="module")
def case() -> dict:
    return yaml.safe_load((CASE_DIR / "case.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def expected() -> dict:
    return yaml.safe_load((CASE_DIR / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def state(case) -> ReviewState:
    """Every agency file imported as a coordinator would: the case's column names as --map,
    its sheet, and its aliases."""
    host = PluginHost.load(entry_points=False, extra=[("core-defaults", core_defaults),
                                                      ("test-regime", RegimeForTests())])
    with open_journal(":memory:") as journal:
        reviews = Reviews(journal, host, "tester")
        header = case["review"]
        state = reviews.open_review(Review(
            id=header["id"], title=header["title"], regime="test-regime", area=header["area"],
            subject=Subject(header["subject"]["pseudonym"]),
            incident_date=header["incident_date"], notified_on=header["notified_on"]))
        for agency in case["agencies"]:
            source = agency["chronology"]
            plan = plan_import(
                state, CASE_DIR / source["file"], agency=agency["name"], kind=agency["kind"],
                mapping={column: field for field, column in source["columns"].items()},
                sheet=source.get("sheet"), aliases=agency.get("aliases", []))
            reviews.write(state, plan.events)
        return state


def test_every_file_imports_cleanly_and_completely(state, case, expected):
    assert len(state.chronology) == expected["entries"]
    assert {a.name for a in state.agencies.values()} == {a["name"] for a in case["agencies"]}
    for agency in case["agencies"]:
        assert any(e.agency == agency["name"] for e in state.chronology.values())


def test_the_headings_are_found_without_a_map_except_the_ambiguous_one(case):
    # Every file but the GP's ("Entry date": the event or the day of writing?) needs no --map.
    state = ReviewState(id="x")
    for agency in case["agencies"]:
        source = agency["chronology"]
        if source["columns"].get("date") == "Entry date":
            continue
        plan = plan_import(state, CASE_DIR / source["file"], agency=agency["name"],
                           sheet=source.get("sheet"))
        found = {f: plan.columns.headings[i] for f, i in plan.columns.fields.items()}
        assert found == source["columns"], agency["name"]


def test_the_duplicates_the_case_holds_are_flagged_and_kept(state, expected):
    flagged = {frozenset((p.first.id, p.second.id)) for p in likely_duplicates(state)}
    for group in [*expected["near_duplicates"], *expected["exact_duplicates"]]:
        ids = frozenset(find_entry(state, e["agency"], e["ref"]).id for e in group["entries"])
        assert ids in flagged, group["what"]


def test_what_each_agency_knew_on_the_days_the_case_names(state, expected):
    for check in expected["knowledge"]:
        on = check["on"] if "on" in check else check[True]  # YAML 1.1 reads the key on: as True
        on = on if isinstance(on, dt.date) else dt.date.fromisoformat(on)
        known = {e.id for e in known_by(state, check["agency"], on)}
        for ref in check.get("knows", []):
            assert find_entry(state, ref["agency"], ref["ref"]).id in known, (
                check["agency"], on, ref)
        for ref in check.get("does_not_know", []):
            assert find_entry(state, ref["agency"], ref["ref"]).id not in known, (
                check["agency"], on, ref)
