"""Case files: the notification of a review written as YAML (examples/child-a/case.yaml), read
and checked here for `casereview new` and the demo alike."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.kernel.errors import InputProblem
from core.kernel.files import read_yaml
from core.kernel.model import Agency

# review: keys read as text, with what each holds (for the message when one is not text)
TEXT_FIELDS = {
    "id": "the review's id, e.g. CR-2025-001",
    "title": "a short title for the review",
    "area": "the safeguarding partnership or board",
    "regime": "a regime's name, e.g. england-cspr-2018",
    "child": "the child's pseudonym, e.g. Child A",
}
DATE_FIELDS = ("incident_date", "notified_on", "became_aware_on")
AGENCY_KINDS = ("police, childrens_social_care, education, gp, health_visiting, hospital, "
                "housing, probation, mental_health or other")


def read_case(path: str) -> dict[str, Any]:
    """A case file: `review:` (id, title, area, regime, subject or child, incident_date,
    notified_on), `facts:` and `agencies:` (each a name and a kind). Other keys are left to the
    commands that use them (chronology files, family). Every key read here is checked for its
    type, so a wrong one is refused naming the file and the field."""
    expected = "review: {title, area, regime, subject, incident_date, ...}"
    case = read_yaml(path, "the case file", shape=dict, expected=expected)
    if not isinstance(case.get("review"), dict):
        raise InputProblem("a case file starts with a 'review:' section", file=path,
                           expected=expected)
    check_case(case, path)
    return case


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return f"{type(value).__name__} {value!r}"


def _wrong(path: str, field: str, value: Any, expected: str) -> InputProblem:
    return InputProblem(f"{field} is {_kind_of(value)}", file=path, expected=expected)


def _text(value: Any, path: str, field: str, expected: str) -> None:
    if value is not None and not isinstance(value, str):
        raise _wrong(path, field, value, f"text: {expected}")


def check_case(case: dict[str, Any], path: str) -> None:
    """Refuse a case file whose keys (those `new` reads) hold the wrong kind of value."""
    header = case["review"]
    for key, expected in TEXT_FIELDS.items():
        _text(header.get(key), path, f"review.{key}", expected)
    subject = header.get("subject")
    if isinstance(subject, dict):
        _text(subject.get("pseudonym"), path, "review.subject.pseudonym",
              "the child's pseudonym, e.g. Child A")
        _text(subject.get("age_at_event"), path, "review.subject.age_at_event",
              "the child's age at the event in words, e.g. four years")
    elif subject is not None and not isinstance(subject, str):
        raise _wrong(path, "review.subject", subject,
                     "the child's pseudonym, or {pseudonym: Child A, age_at_event: four years}")
    for key in DATE_FIELDS:
        value = header.get(key)
        if value is not None and not isinstance(value, str | dt.date):
            raise _wrong(path, f"review.{key}", value, "a date, YYYY-MM-DD")
    if case.get("facts") is not None and not isinstance(case["facts"], dict):
        raise _wrong(path, "facts", case["facts"], "key: value pairs, e.g. outcome: died")
    agencies = case.get("agencies")
    if agencies is not None and not isinstance(agencies, list):
        raise _wrong(path, "agencies", agencies,
                     "a list of agencies, each - {name: ..., kind: police}")
    for number, entry in enumerate(agencies or [], start=1):
        if isinstance(entry, str):
            continue
        where = f"agencies item {number}"
        if not isinstance(entry, dict):
            raise _wrong(path, where, entry, "a name, or {name: ..., kind: police}")
        if not entry.get("name"):
            raise InputProblem(f"{where} has no name", file=path,
                               expected="a name and a kind, e.g. {name: ..., kind: police}")
        _text(entry["name"], path, f"{where} (name)", "the agency's name")
        _text(entry.get("kind"), path, f"{where} (kind)", AGENCY_KINDS)


def case_agencies(entries: Any, path: str) -> list[Agency]:
    """The agencies a case file lists (each a name, or a name and a kind) as Agency values."""
    agencies = []
    for number, entry in enumerate(entries or [], start=1):
        item = {"name": entry} if isinstance(entry, str) else entry
        if not isinstance(item, dict) or not item.get("name"):
            raise InputProblem(f"agency {number} has no name", file=path,
                               expected="a name and a kind, e.g. {name: ..., kind: police}")
        try:
            agencies.append(Agency(name=str(item["name"]), kind=item.get("kind", "other")))
        except ValueError:
            raise InputProblem(f"agency {item['name']!r} has an unknown kind {item.get('kind')!r}",
                               file=path, expected=AGENCY_KINDS) from None
    return agencies
