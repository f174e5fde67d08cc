"""Reading the review team's YAML: conversations, key practice episodes and findings.

Every problem is collected with its file and field (e.g. `episodes[2].appraisal.cites[1]`) so a
reviewer can fix them all in one go; the loader writes nothing while any remain.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from core.analysis import material_reading
from core.kernel.dates import PartialDate
from learning_together.records import (
    Conversation,
    EntryRef,
    Mindset,
    PrioritisedFactor,
)
from learning_together.taxonomy import CATEGORY_OF, CONTRIBUTORY_FACTORS, KPE_FRAMEWORK

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}


class Reader(material_reading.Reader):
    """Reads one file's items, collecting problems rather than stopping at the first."""

    name_rule = "the method records people by role and agency, never by name; remove 'name'"
    bare_lists = True

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
        entry = self.chronology_entry(agency, ref, at)
        return EntryRef(entry.agency, ref, entry.id) if entry else None


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
    for at, item in reader.items(data, "conversations", required=False):
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
