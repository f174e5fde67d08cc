"""The bundled Child A case is what we promise: the formats agencies send, a coherent case, and
nothing in it that could identify anyone. These checks read the files directly (no importer)."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import importlib.util
import io
import itertools
import re
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from core.kernel.model import AgencyKind

CASE_DIR = Path(__file__).resolve().parent.parent / "examples" / "child-a"

# file -> (encoding, delimiter); XLSX files have no encoding.
CSV_FORMATS = {
    "police.csv": ("utf-8", ","),
    "school.csv": ("utf-8", ","),
    "gp.csv": ("utf-8", ";"),
    "health-visiting.csv": ("utf-8-sig", ","),
    "housing.csv": ("cp1252", ","),
}
XLSX_FILES = {"childrens-social-care.xlsx": "Chronology", "hospital.xlsx": "ED chronology"}
FACT_KEYS = {
    "abuse_or_neglect", "outcome", "died_by_suicide", "concern_about_joint_working",
    "died_in_custody_setting", "on_child_protection_register_within_6_months",
    "looked_after_within_6_months", "event_date", "looked_after_at_death",
}
ENTRY_FIELDS = {
    "date", "time", "source_ref", "who", "what_happened", "what_was_known",
    "decision_or_action", "recorded_on", "shared_with", "category", "risk_grade",
}
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}


@functools.cache
def _case() -> dict:
    return yaml.safe_load((CASE_DIR / "case.yaml").read_text(encoding="utf-8"))


def _rows(agency: dict) -> list[dict]:
    """An agency's chronology rows as heading -> value, read the way the agency sent them."""
    spec = agency["chronology"]
    path = CASE_DIR / spec["file"]
    if path.suffix == ".xlsx":
        sheet = load_workbook(path)[spec["sheet"]]
        values = list(sheet.iter_rows(values_only=True))
        headings = values[spec["header_row"] - 1]
        rows = values[spec["header_row"]:]
        return [dict(zip(headings, row, strict=True)) for row in rows if any(row)]
    encoding, delimiter = CSV_FORMATS[spec["file"]]
    text = path.read_bytes().decode(encoding)
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


@functools.cache
def _all_entries() -> list[tuple[dict, dict]]:
    """(agency, row) for every row of every agency, with the row keyed by entry field."""
    out = []
    for agency in _case()["agencies"]:
        columns = agency["chronology"]["columns"]
        for row in _rows(agency):
            out.append((agency, {field: row[heading] for field, heading in columns.items()}))
    return out


def _day(value: object) -> dt.date | None:
    """The day an agency's date names, or None when it names a month, a year or a range."""
    if isinstance(value, dt.datetime):
        return value.date()
    text = str(value).strip()
    if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", text):
        return dt.date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))
    return None


def _sharings(value: object) -> list[tuple[str, dt.date]]:
    """ "Children's social care 05/11/2023; School 06/11/2023" -> [(alias, day), ...]."""
    found = []
    for part in filter(None, (p.strip() for p in str(value or "").split(";"))):
        m = re.fullmatch(r"(.+) (\d\d/\d\d/\d{4})", part)
        assert m, f"cannot read sharing {part!r}: expected 'Agency dd/mm/yyyy'"
        day = _day(m[2])
        assert day is not None
        found.append((m[1], day))
    return found


# ---- formats and encodings ----------------------------------------------------------------


def test_every_agency_file_exists_and_is_listed_in_case_yaml() -> None:
    files = {a["chronology"]["file"] for a in _case()["agencies"]}
    assert files == set(CSV_FORMATS) | set(XLSX_FILES)
    for name in files:
        assert (CASE_DIR / name).is_file(), name


def test_housing_csv_is_windows_1252_and_not_utf8() -> None:
    data = (CASE_DIR / "housing.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "£" in text and "Café" in text and "2022–2023" in text


def test_health_visiting_csv_has_a_utf8_bom_and_the_others_do_not() -> None:
    assert (CASE_DIR / "health-visiting.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("police.csv", "school.csv", "gp.csv"):
        data = (CASE_DIR / name).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), name
        data.decode("utf-8")  # plain UTF-8


def test_gp_csv_is_semicolon_delimited() -> None:
    text = (CASE_DIR / "gp.csv").read_text(encoding="utf-8")
    assert csv.Sniffer().sniff(text[:2000], delimiters=",;").delimiter == ";"
    assert text.splitlines()[0].split(";")[0] == "Entry date"


def test_xlsx_files_hold_excel_date_cells_and_some_dates_as_text() -> None:
    for name, sheet in XLSX_FILES.items():
        assert sheet in load_workbook(CASE_DIR / name).sheetnames
    entries = _all_entries()
    cell_dates = [r["date"] for a, r in entries if a["chronology"]["file"].endswith(".xlsx")]
    assert sum(isinstance(d, dt.datetime) for d in cell_dates) >= 20
    assert {"early Feb 2024", "April 2024"} <= {d for d in cell_dates if isinstance(d, str)}


def test_dates_come_in_the_styles_agencies_write() -> None:
    texts = [str(r["date"]) for _, r in _all_entries()]
    styles = {
        "uk": r"\d\d/\d\d/\d{4}", "iso": r"\d{4}-\d\d-\d\d", "long": r"\d{1,2} [A-Z][a-z]+ \d{4}",
        "month": r"[A-Z][a-z]+ \d{4}", "early": r"early [A-Z][a-z]+ \d{4}",
        "range": r"\d{4}–\d{4}",
    }
    for style, pattern in styles.items():
        assert any(re.fullmatch(pattern, t) for t in texts), f"no {style} date"


def test_built_files_match_their_sources() -> None:
    spec = importlib.util.spec_from_file_location("build_files", CASE_DIR / "build_files.py")
    assert spec and spec.loader
    build_files = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_files)
    assert build_files.stale_files() == []


# ---- the case header and the chronology's shape -------------------------------------------


def test_case_yaml_has_the_documented_header() -> None:
    case = _case()
    review = case["review"]
    assert review["regime"] == "england-cspr-2018"
    assert review["subject"]["pseudonym"] == "Child A"
    assert not re.search(r"\d", review["subject"]["age_at_event"])  # age in words
    assert isinstance(review["incident_date"], dt.date)
    assert review["notified_on"] >= review["incident_date"]
    assert set(case["facts"]) == FACT_KEYS
    assert case["facts"]["outcome"] == "seriously_harmed"
    assert all(set(member) <= {"relationship", "note"} for member in case["family"])


def test_case_facts_are_a_serious_child_safeguarding_case_for_the_regime() -> None:
    from core.plugin_api.plugins import PluginHost
    from core.statutory.criteria import assess
    from core.statutory.facts import parse_facts

    case = _case()
    regime = PluginHost.load().regime(case["review"]["regime"])
    facts = parse_facts(case["facts"], regime.facts, source="case.yaml")
    assessment = assess(regime, facts)
    assert assessment.outcome == "must", assessment.to_data()
    assert not assessment.missing_facts


def test_agencies_cover_the_promised_kinds_and_map_real_columns() -> None:
    agencies = _case()["agencies"]
    kinds = {AgencyKind(a["kind"]) for a in agencies}
    assert {"police", "childrens_social_care", "education", "gp", "health_visiting",
            "hospital", "housing"} <= {k.value for k in kinds}
    assert len({a["name"] for a in agencies}) == len(agencies)
    headings_seen = set()
    for agency in agencies:
        columns = agency["chronology"]["columns"]
        assert set(columns) <= ENTRY_FIELDS, agency["name"]
        assert {"date", "source_ref", "what_happened"} <= set(columns)
        headings = set(_rows(agency)[0])
        assert set(columns.values()) <= headings, agency["name"]
        headings_seen.add(columns["date"])
    assert len(headings_seen) >= 3  # agencies head their date columns differently


def test_entry_counts_and_unique_source_refs() -> None:
    case = _case()
    total = 0
    for agency in case["agencies"]:
        refs = [row[agency["chronology"]["columns"]["source_ref"]] for row in _rows(agency)]
        assert len(refs) >= 5, agency["name"]
        assert all(refs), f"{agency['name']} has a row without a reference"
        assert len(refs) == len(set(refs)), f"{agency['name']} repeats a reference"
        total += len(refs)
    expected = yaml.safe_load((CASE_DIR / "expected.yaml").read_text(encoding="utf-8"))
    assert 60 <= total <= 120
    assert total == expected["entries"]


def test_entries_fall_in_scope_and_sharing_never_precedes_the_event() -> None:
    case = _case()
    start, end = case["scope"]["from"], case["scope"]["to"]
    aliases = {alias for a in case["agencies"] for alias in a["aliases"]}
    sharing_columns = {a["chronology"]["columns"].get("shared_with") for a in case["agencies"]}
    assert len(sharing_columns - {None}) >= 2  # named differently by different agencies
    days = 0
    for agency, row in _all_entries():
        day = _day(row["date"])
        if day is None:
            continue
        days += 1
        assert start <= day <= end, (agency["name"], row["source_ref"])
        for alias, shared_on in _sharings(row.get("shared_with")):
            assert alias in aliases, f"{row['source_ref']}: unknown agency {alias!r}"
            assert shared_on >= day, row["source_ref"]
    assert days >= 90


# ---- the deliberate features other tests rely on ------------------------------------------


def _by_ref() -> dict[tuple[str, str], dict]:
    return {(a["name"], str(r["source_ref"])): r for a, r in _all_entries()}


def _similarity(a: str, b: str, floor: float = 0.0) -> float:
    matcher = difflib.SequenceMatcher(None, a.lower(), b.lower(), autojunk=False)
    if matcher.quick_ratio() < floor:  # an upper bound: cheap, and enough to rule a pair out
        return matcher.quick_ratio()
    return matcher.ratio()


def test_expected_yaml_names_only_real_entries() -> None:
    expected = yaml.safe_load((CASE_DIR / "expected.yaml").read_text(encoding="utf-8"))
    entries = _by_ref()
    refs = [e for group in expected["near_duplicates"] + expected["exact_duplicates"]
            for e in group["entries"]]
    refs += [e for check in expected["knowledge"]
             for e in check.get("knows", []) + check.get("does_not_know", [])]
    for ref in refs:
        assert (ref["agency"], ref["ref"]) in entries, ref


def test_only_the_marked_near_duplicates_read_alike() -> None:
    expected = yaml.safe_load((CASE_DIR / "expected.yaml").read_text(encoding="utf-8"))
    marked = {
        frozenset((e["agency"], e["ref"]) for e in group["entries"])
        for group in expected["near_duplicates"] + expected["exact_duplicates"]
    }
    entries = _by_ref()
    for pair in marked:
        first, second = (entries[key] for key in pair)
        assert _day(first["date"]) == _day(second["date"])
        assert _similarity(first["what_happened"], second["what_happened"]) >= 0.9
    for (key_a, a), (key_b, b) in itertools.combinations(entries.items(), 2):
        if frozenset((key_a, key_b)) not in marked:
            similarity = _similarity(a["what_happened"], b["what_happened"], floor=0.8)
            assert similarity < 0.8, (key_a, key_b)


# ---- safe to publish ----------------------------------------------------------------------

UNSAFE = {
    "email address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "UK postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    "NHS-like number": re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"),
    "phone number": re.compile(r"(?:\+44\s?|\b0)\d{2,4}[ -]?\d{3,4}[ -]?\d{3,4}\b"),
}


def _publishable_texts() -> dict[str, str]:
    texts = {}
    for path in sorted(CASE_DIR.rglob("*")):
        if path.suffix == ".xlsx":
            rows = load_workbook(path).active.iter_rows(values_only=True)
            texts[path.name] = "\n".join(" | ".join(map(str, r)) for r in rows)
        elif path.suffix in {".csv", ".yaml", ".md"}:
            data = path.read_bytes()
            texts[path.name] = data.decode("cp1252" if path.name == "housing.csv" else "utf-8")
    return texts


@pytest.mark.parametrize("what", sorted(UNSAFE))
def test_no_file_holds_identifying_details(what: str) -> None:
    texts = _publishable_texts()
    assert len(texts) >= 10
    for name, text in texts.items():
        match = UNSAFE[what].search(text)
        assert match is None, f"{name} contains what looks like a {what}: {match.group()!r}"


def test_the_safety_patterns_do_catch_what_they_look_for() -> None:
    samples = {
        "email address": "write to duty.team@example.org",
        "UK postcode": "the flat at SW1A 1AA",
        "NHS-like number": "NHS number 943 476 5919",
        "phone number": "ring 01632 960123",
    }
    for what, sample in samples.items():
        assert UNSAFE[what].search(sample), what
