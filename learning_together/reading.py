"""Reading the review team's YAML: conversations, key practice episodes and findings.

Every problem is collected with its file and field (e.g. `episodes[2].appraisal.cites[1]`) so a
reviewer can fix them all in one go; the loader writes nothing while any remain.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from core.dates import PartialDate
from core.errors import CaseReviewError, InputProblem
from core.findings import individual_references, review_vocabulary
from core.state import ReviewState
from learning_together.records import (
    Conversation,
    EntryRef,
    Mindset,
    PrioritisedFactor,
)
from learning_together.taxonomy import CATEGORY_OF, CONTRIBUTORY_FACTORS, KPE_FRAMEWORK

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class Reader:
    """Reads one file's items, collecting problems rather than stopping at the first."""

    def __init__(self, file: str, state: ReviewState) -> None:
        self.file = file
        self.state = state
        self.problems: list[InputProblem] = []
        self.names = [p.name for p in state.participants.values() if p.name]

    def problem(self, at: str, message: str, expected: str | None = None) -> None:
        self.problems.append(InputProblem(message, file=self.file, field=at, expected=expected))

    def items(self, data: Any, key: str) -> list[tuple[str, dict[str, Any]]]:
        """The list under `key` (or a bare list), each with its field path."""
        if isinstance(data, dict):
            data = data.get(key)
        if data is None:  # "conversations:" with only commented examples under it (a template)
            return []
        if not isinstance(data, list):
            self.problem(key, f"expected a list of {key}", f"'{key}:' followed by a list")
            return []
        found = []
        for i, item in enumerate(data, 1):
            if isinstance(item, dict):
                found.append((f"{key}[{i}]", item))
            else:
                self.problem(f"{key}[{i}]", f"expected a mapping, found {item!r}")
        return found

    def known_keys(self, item: dict[str, Any], at: str, keys: Iterable[str]) -> None:
        allowed = set(keys)
        for key in sorted(set(item) - allowed, key=str):
            if key == "name":
                self.problem(f"{at}.name", "the method records people by role and agency, never "
                             "by name; remove 'name'")
            else:
                self.problem(f"{at}.{key}", f"unknown field {key!r}",
                             "one of " + ", ".join(sorted(allowed)))

    def text(self, item: dict[str, Any], key: str, at: str, *, required: bool = True) -> str:
        value = item.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required")
            return ""
        if isinstance(value, dict | list):
            self.problem(f"{at}.{key}", f"'{key}' should be text, not {type(value).__name__}")
            return ""
        return " ".join(str(value).split())

    def texts(self, item: dict[str, Any], key: str, at: str, *, required: bool = False
              ) -> tuple[str, ...]:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required", "a list")
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
            self.problem(f"{at}.{key}", f"'{key}' should be a list of text")
            return ()
        result = tuple(" ".join(str(v).split()) for v in value if str(v).strip())
        if required and not result:
            self.problem(f"{at}.{key}", f"'{key}' needs at least one item")
        return result

    def unique_id(self, item: dict[str, Any], at: str, seen: set[str]) -> str:
        value = self.text(item, "id", at)
        if value and not _ID.match(value):
            self.problem(f"{at}.id", f"{value!r} is not a usable id", "letters, digits, - . _")
        elif value in seen:
            self.problem(f"{at}.id", f"the id {value!r} is used twice in this file")
        seen.add(value)
        return value

    def role(self, value: str, at: str) -> None:
        found = individual_references(value, allowed=review_vocabulary(self.state),
                                      names=self.names)
        if found:
            self.problem(at, f"{value!r} looks like a person ({', '.join(found)}); give the role, "
                         "never a name")

    def agency(self, value: str, at: str) -> str:
        """The review's spelling of an agency (matched loosely), or a problem."""
        if not value:
            return value
        from core.chronology import agency_named

        try:
            return agency_named(self.state, value)
        except CaseReviewError:
            known = sorted(set(self.state.agencies) | {e.agency for e in
                                                       self.state.chronology.values()})
            self.problem(at, f"{value!r} is not an agency of this review",
                         "one of " + ", ".join(known) if known else "an agency added first")
            return value

    def factor_key(self, value: Any, at: str) -> str:
        key = str(value or "").strip()
        if key not in CONTRIBUTORY_FACTORS:
            self.problem(at, f"{key!r} is not one of the nine contributory-factor prompts",
                         "one of " + ", ".join(CONTRIBUTORY_FACTORS))
            return ""
        return key

    def layer(self, value: Any, at: str) -> str:
        """A key of the episode framework for contributory factors, or "" with a problem."""
        key = str(value or "").strip()
        if key not in KPE_FRAMEWORK:
            self.problem(at, f"{key!r} is not a layer of the framework for contributory "
                         "factors in key practice episodes", "one of " + ", ".join(KPE_FRAMEWORK))
            return ""
        return key

    def subcategory(self, value: Any, at: str, category: str = "") -> str:
        """A sub-category of the typology (of `category`, when given), or "" with a problem."""
        key = str(value or "").strip()
        if key not in CATEGORY_OF:
            self.problem(at, f"{key!r} is not a sub-category of the typology",
                         "one of " + ", ".join(CATEGORY_OF))
            return ""
        if category and CATEGORY_OF[key] != category:
            self.problem(at, f"{key!r} belongs to the category {CATEGORY_OF[key]!r}, not "
                         f"{category!r}", "a sub-category of the finding's own category")
            return ""
        return key

    def entry(self, value: Any, at: str) -> EntryRef | None:
        """The chronology entry `value` names: its id as casereview shows it (`police-1-4`,
        alone or as `{id: ...}`), or `{agency: ..., ref: ...}` by the agency's source
        reference. Exports from GP, hospital and school systems often carry no reference."""
        if isinstance(value, str | int) or (isinstance(value, dict) and set(value) == {"id"}):
            entry_id = str(value["id"] if isinstance(value, dict) else value).strip()
            found = self.state.chronology.get(entry_id)
            if found is None:
                self.problem(at, f"no chronology entry with the id {entry_id!r}",
                             "an id as `casereview chronology REVIEW` shows it, or "
                             "{agency: ..., ref: ...}")
                return None
            return EntryRef(found.agency, found.source_ref or found.id, found.id)
        if not isinstance(value, dict) or not value.get("agency") or not value.get("ref"):
            self.problem(at, "a chronology entry is named by its id, or by its agency and "
                         "source reference", "an entry id, or {agency: ..., ref: ...}")
            return None
        agency, ref = str(value["agency"]).strip(), str(value["ref"]).strip()
        from core.chronology import find_entry

        try:
            entry = find_entry(self.state, agency, ref)
        except CaseReviewError as error:
            self.problem(at, f"no chronology entry {ref!r} from {agency}: {error}")
            return None
        return EntryRef(entry.agency, ref, entry.id)


# -- dates ------------------------------------------------------------------------------------


def parse_period(value: Any) -> PartialDate:
    """A day, a month, a year or a range, as a reviewer writes it: 2023-03-14, 2023-03,
    March 2023, 2023, '2023-03-01 to 2023-04-15' or {from: ..., to: ...}."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate.day(value)
    if isinstance(value, dict) and set(value) == {"from", "to"}:
        start, end = parse_period(value["from"]), parse_period(value["to"])
        return PartialDate.between(start.start, end.end)
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date")
    text = value.strip()
    if " to " in text:
        first, _, last = text.partition(" to ")
        start, end = parse_period(first), parse_period(last)
        return PartialDate.between(start.start, end.end, text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return PartialDate.day(dt.date.fromisoformat(text))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return PartialDate.month(int(m.group(1)), int(m.group(2)))
    if m := re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", text):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            return PartialDate.month(int(m.group(2)), month, text)
    if re.fullmatch(r"\d{4}", text):
        return PartialDate.year(int(text))
    raise ValueError(f"{text!r} is not a date")


PERIOD_FORMS = "a day (2023-03-14), a month (2023-03 or March 2023), a year, or a range " \
               "('2023-03-01 to 2023-04-15')"


# -- conversations --------------------------------------------------------------------------

CONVERSATION_KEYS = ("id", "role", "agency", "held_on", "explained_on", "overview",
                     "turning_points", "mindset", "factors", "went_well", "what_enabled_it",
                     "queries", "suggested_changes")
MINDSET_KEYS = ("what_was_happening", "reasons_and_emotions", "salient", "competing_demands",
                "main_concerns", "hoping_to_achieve", "options_seen")


def read_day(reader: Reader, item: dict[str, Any], key: str, at: str) -> dt.date | None:
    """An optional day (YYYY-MM-DD) under `key`, or None with a problem when it is not one."""
    if item.get(key) is None:
        return None
    try:
        period = parse_period(item[key])
        if period.precision.value != "day":
            raise ValueError("not a day")
        return period.start
    except ValueError:
        reader.problem(f"{at}.{key}", "not a day", "YYYY-MM-DD")
        return None


def read_conversations(reader: Reader, data: Any) -> list[Conversation]:
    found, seen = [], set()
    for at, item in reader.items(data, "conversations"):
        reader.known_keys(item, at, CONVERSATION_KEYS)
        cid = reader.unique_id(item, at, seen)
        role = reader.text(item, "role", at)
        reader.role(role, f"{at}.role")
        agency = reader.agency(reader.text(item, "agency", at), f"{at}.agency")
        held_on = read_day(reader, item, "held_on", at)
        explained_on = read_day(reader, item, "explained_on", at)
        if explained_on and held_on and explained_on > held_on:
            reader.problem(f"{at}.explained_on", "the purpose, confidentiality and ethics are "
                           "explained before or at the start of the conversation, not after it",
                           f"a day on or before {held_on.isoformat()}")
        mindset = Mindset()
        raw = item.get("mindset")
        if isinstance(raw, dict):
            reader.known_keys(raw, f"{at}.mindset", MINDSET_KEYS)
            mindset = Mindset(**{k: reader.text(raw, k, f"{at}.mindset", required=False)
                                 for k in MINDSET_KEYS})
        if not mindset.recorded():
            reader.problem(f"{at}.mindset", "the practitioner's mindset at the time is the heart "
                           "of the conversation", "a mapping with " + ", ".join(MINDSET_KEYS))
        factors = []
        for j, raw_factor in enumerate(item.get("factors") or [], 1):
            fat = f"{at}.factors[{j}]"
            if isinstance(raw_factor, str):
                raw_factor = {"factor": raw_factor}
            if not isinstance(raw_factor, dict):
                reader.problem(fat, "expected {factor: KEY, note: TEXT}")
                continue
            reader.known_keys(raw_factor, fat, ("factor", "note"))
            key = reader.factor_key(raw_factor.get("factor"), f"{fat}.factor")
            if key and key in {f.factor for f in factors}:
                reader.problem(f"{fat}.factor", f"{key!r} is listed twice; list each once, "
                               "in order of priority")
            elif key:
                factors.append(PrioritisedFactor(key, reader.text(raw_factor, "note", fat,
                                                                  required=False)))
        if cid and role:
            found.append(Conversation(
                cid, role, agency, reader.text(item, "overview", at), held_on=held_on,
                turning_points=reader.texts(item, "turning_points", at), mindset=mindset,
                factors=factors, went_well=reader.texts(item, "went_well", at),
                suggested_changes=reader.texts(item, "suggested_changes", at),
                what_enabled_it=reader.texts(item, "what_enabled_it", at),
                queries=reader.texts(item, "queries", at), explained_on=explained_on))
    return found
