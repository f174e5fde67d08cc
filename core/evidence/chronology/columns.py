"""Which column of an agency's file holds which field of a chronology entry.

Headings are matched ignoring case, spaces and punctuation ("What happened?", "WHAT_HAPPENED"
and "what happened" are one heading), against a table of the names agencies use. A coordinator
can say otherwise with `--map COLUMN=FIELD`, and save that per agency for the next file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from attrs import frozen

# The fields of a chronology entry an agency file can give, with what each holds.
FIELDS: dict[str, str] = {
    "date": "when it happened (required; a day, a month, a year or a range)",
    "time": "the time of day, if known",
    "what_happened": "what happened (required)",
    "who": "who was involved, by role (a role, never a name)",
    "what_was_known": "what the agency knew at the time",
    "decision_or_action": "the decision made or the action taken",
    "source_ref": "the agency's own reference for the record",
    "shared_with": "agencies told of it, each with the day: 'School 07/06/2024; Police 08/06/2024'",
    "recorded_on": "the day the agency recorded it, when later than the event",
    "category": "the agency's category or type of contact, kept as written",
    "risk_grade": "the agency's risk grading at the time, kept as written",
}
REQUIRED = ("date", "what_happened")
IGNORE = "ignore"  # --map "Notes=ignore" leaves a column out

# Headings agencies use for each field (matched after `normalise`).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "event date", "date of event", "date of contact", "contact date",
             "date of incident", "incident date", "when", "date period", "period", "dates",
             "attendance date", "date of attendance", "visit date", "date of visit",
             "consultation date", "date of consultation", "meeting date", "date/time",
             "date and time", "date time", "datetime", "incident date/time", "event date/time",
             "contact date/time", "date of referral", "referral date"),
    "time": ("time", "time of event", "time of contact", "event time", "contact time"),
    "what_happened": ("what happened", "event", "events", "description", "event description",
                      "details", "event details", "summary", "narrative", "contact details",
                      "details of contact", "details of event", "entry", "account",
                      "description of event", "significant event", "key event",
                      "event summary", "contact summary", "summary of contact",
                      "summary of event", "presentation", "presentation and findings",
                      "what happened details", "incident summary", "summary of incident",
                      "incident details", "details of incident", "consultation text",
                      "consultation notes", "consultation details", "concern", "concerns",
                      "concern raised", "case note", "case notes", "contact notes",
                      "contact text", "log entry", "entry text", "note text", "notes of contact",
                      "referral details", "reason for referral"),
    "who": ("who", "role", "roles", "practitioner role", "practitioner", "professional",
            "professional role", "staff role", "worker role", "by whom", "who role",
            "who involved", "people involved", "agency worker", "staff member", "officer",
            "clinician", "seen by", "worker", "practitioner involved", "author role",
            "attending officer", "attending officers", "officer in case", "reporting officer",
            "attending clinician", "staff", "staff involved", "professional involved",
            "completed by", "author", "recorded by"),
    "what_was_known": ("what was known", "known at the time", "what was known at the time",
                       "information known", "knowledge", "information held",
                       "what the agency knew", "information available", "known to agency"),
    "decision_or_action": ("decision or action", "decision action", "decision", "decisions",
                           "action", "actions", "action taken", "actions taken", "outcome",
                           "decisions and actions", "decision and action", "response",
                           "decision made", "action decision", "outcome action",
                           "outcome decision", "action plan", "plan", "disposal",
                           "disposal action", "next steps"),
    "source_ref": ("source reference", "source ref", "reference", "ref", "record reference",
                   "record ref", "case note reference", "record number", "record no",
                   "source record", "log number", "log reference", "reference number"),
    "shared_with": ("shared with", "information shared with", "shared", "shared with whom",
                    "disclosed to", "copied to", "who was told", "passed to",
                    "information shared", "shared with agency date", "agencies told"),
    # Not "entry date": some systems mean the event's date by it, others the day of writing.
    "recorded_on": ("recorded on", "date recorded", "recorded", "date entered", "date of record",
                    "recorded date", "date written", "date typed", "date note written"),
    "category": ("category", "type", "contact type", "type of contact", "event type",
                 "incident type", "type of incident", "concern type", "type of concern",
                 "classification", "incident category", "contact category", "service category"),
    "risk_grade": ("risk", "risk grade", "risk grading", "risk level", "risk rating",
                   "risk assessment", "grading", "dash risk", "dash grading", "dash risk level",
                   "rag rating", "rag", "priority", "risk category"),
}

_NOT_ALNUM = re.compile(r"[\W_]+")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def normalise(heading: object) -> str:
    """A heading with case, spaces and punctuation taken out: 'What happened?' -> 'whathappened'."""
    return _NOT_ALNUM.sub("", str(heading or "").casefold())


def _keys(heading: object) -> list[str]:
    # "Date (dd/mm/yyyy)" is matched as "Date (dd/mm/yyyy)" first, then as "Date".
    text = str(heading or "")
    plain = normalise(_BRACKETED.sub(" ", text))
    return [k for k in dict.fromkeys((normalise(text), plain)) if k]


_LOOKUP: dict[str, str] = {
    normalise(name): field for field, names in SYNONYMS.items() for name in (field, *names)
}
# Families of headings: "Consultation ref", "Officer role", "Known to practice".
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r".*(ref|reference|refno|referenceno|referencenumber)"), "source_ref"),
    (re.compile(r".*role"), "who"),
    (re.compile(r"(knownto|informationknown|infoknown).*"), "what_was_known"),
)


def _synonym(key: str) -> str | None:
    found = _LOOKUP.get(key)
    if found is None:
        found = next((field for pattern, field in _PATTERNS if pattern.fullmatch(key)), None)
    return found


def field_named(text: str) -> str | None:
    """The field a name refers to ('What happened', 'what_happened', 'ignore'), or None."""
    key = normalise(text)
    if key == IGNORE:
        return IGNORE
    return next((f for f in FIELDS if normalise(f) == key), None) or _synonym(key)


@frozen
class ColumnPlan:
    """Which column (by position) feeds which field, and what was left unused."""

    fields: dict[str, int]  # field -> column index
    headings: tuple[str, ...]
    unused: tuple[str, ...]  # headings matched to no field
    problems: tuple[str, ...]  # each a sentence: a field matched twice, a required one missing

    @property
    def matched(self) -> int:
        return len(self.fields)


def plan_columns(
    headings: Sequence[object],
    overrides: Mapping[str, str] | None = None,
    saved: Mapping[str, str] | None = None,
) -> ColumnPlan:
    """Match `headings` to fields: `overrides` (--map) first, then `saved` (the agency's saved
    map), then the synonyms. Problems are reported, never resolved by guessing."""
    chosen = [*(saved or {}).items(), *(overrides or {}).items()]
    explicit = {normalise(k): field_named(v) or v for k, v in chosen}
    texts = tuple("" if h is None else str(h).strip() for h in headings)
    claims: dict[str, list[int]] = {}
    unused: list[str] = []
    for index, heading in enumerate(texts):
        keys = _keys(heading)
        field = next((explicit[k] for k in keys if k in explicit), None)
        if field is None:
            field = next((found for k in keys if (found := _synonym(k))), None)
        if field == IGNORE:
            continue
        if field is None:
            if heading:
                unused.append(heading)
            continue
        claims.setdefault(field, []).append(index)
    problems = []
    for field, indexes in claims.items():
        if len(indexes) > 1:
            names = " and ".join(repr(texts[i]) for i in indexes)
            problems.append(
                f"columns {names} both look like the {field.replace('_', ' ')}; say which to use "
                f"with --map, e.g. --map '{texts[indexes[1]]}=ignore'"
            )
    found = ", ".join(repr(t) for t in texts if t) or "none"
    for field in REQUIRED:
        if field not in claims:
            problems.append(
                f"no column for {field.replace('_', ' ')} ({FIELDS[field]}) was understood; "
                f"the headings found are {found}; say which holds it with --map, e.g. "
                f"--map '{_example(texts, field)}={field}' (README: 'Column headings')"
            )
    return ColumnPlan(
        fields={field: indexes[0] for field, indexes in claims.items()},
        headings=texts,
        unused=tuple(unused),
        problems=tuple(problems),
    )


def _example(texts: Sequence[str], field: str) -> str:
    """A heading of the file to show in the --map example: the first one left unmatched."""
    spare = [t for t in texts if t and not any(_synonym(k) for k in _keys(t))]
    return spare[0] if spare else "COLUMN"


def parse_map_options(options: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """`--map COLUMN=FIELD` options as {column: field}, with a problem for each bad one."""
    mapping: dict[str, str] = {}
    problems: list[str] = []
    for option in options:
        column, sep, name = option.rpartition("=")
        field = field_named(name) if sep else None
        if not sep or not column.strip():
            problems.append(f"--map {option!r} should be COLUMN=FIELD, e.g. 'Event=what_happened'")
        elif field is None:
            problems.append(
                f"--map {option!r}: {name!r} is not a field; the fields are "
                f"{', '.join(FIELDS)} (or {IGNORE})"
            )
        else:
            mapping[column.strip()] = field
    return mapping, problems


def unknown_map_columns(mapping: Mapping[str, str], headings: Sequence[object]) -> list[str]:
    """Columns named in --map that the file does not have."""
    present = {k for h in headings for k in _keys(h)}
    return [c for c in mapping if not set(_keys(c)) & present]
