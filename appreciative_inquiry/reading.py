"""Reading the review team's YAML, one file per stage of the cycle: define.yaml, discover.yaml,
honest-record.yaml, dream-design.yaml and destiny.yaml (findings.yaml is read in `findings`).

Every problem is collected with its file and field (e.g. `interviews[2].entries[1]`) so a
reviewer can fix them all at once; the loader writes nothing while any remain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from appreciative_inquiry.records import (
    Commitment,
    Concern,
    Consent,
    Define,
    DesignElement,
    Dream,
    EntryRef,
    HonestRecord,
    Interview,
    Proposition,
    Question,
    Theme,
)
from appreciative_inquiry.taxonomy import DESIGN_ELEMENTS, QUESTION_KINDS
from core.analysis import material_reading
from core.kernel.dates import day_from_text
from core.kernel.errors import InvalidValue
from core.kernel.model import ActionStatus

CONSENTS = ("given", "declined", "not_sought")


class Reader(material_reading.Reader):
    """Reads one file's items, collecting problems rather than stopping at the first."""

    name_rule = ("people are recorded by role and agency (or, for the family, by relationship), "
                 "never by name; remove 'name'")
    id_scope = ""  # ids are unique across the cycle's files
    list_form = "'{key}:' followed by items each starting with '- '"

    def mapping(self, data: Any, what: str) -> dict[str, Any]:
        if isinstance(data, dict):
            return data
        self.problem(what, "expected a mapping of field: value at the top of the file")
        return {}

    def kind_of(self, value: Any) -> str:
        return f"a {type(value).__name__}"

    def texts(self, item: dict[str, Any], key: str, at: str, *, required: bool = False
              ) -> tuple[str, ...]:
        """A missing list and an empty one are both told they need an item."""
        before = len(self.problems)
        result = super().texts(item, key, at)
        if required and not result and len(self.problems) == before:
            self.problem(f"{at}.{key}", f"'{key}' needs at least one item", "a list")
        return result

    def ids(self, item: dict[str, Any], key: str, at: str, known: Iterable[str], what: str,
            *, required: bool = False) -> tuple[str, ...]:
        """Ids that must name something the review holds or this load adds."""
        pool = set(known)
        found = []
        for i, value in enumerate(self.texts(item, key, at, required=required), 1):
            if value in pool:
                found.append(value)
            else:
                self.problem(f"{at}.{key}[{i}]", f"no {what} {value!r}",
                             "one of " + ", ".join(sorted(pool)) if pool else f"a {what} "
                             "recorded first")
        return tuple(found)

    def agencies_to_suggest(self) -> list[str]:
        return sorted(self.state.agencies)  # the agencies added to the review, not the rows

    def entries(self, item: dict[str, Any], key: str, at: str, *, required: bool
                ) -> tuple[EntryRef, ...]:
        """`[{agency: ..., ref: ...}, ...]` -> the chronology entries they name."""
        value = item.get(key)
        if value is None and not required:
            return ()
        if not isinstance(value, list) or not value:
            self.problem(f"{at}.{key}", "expected a list of chronology entries",
                         "[{agency: ..., ref: ...}]")
            return ()
        found = (self.entry_named(raw, f"{at}.{key}[{i}]") for i, raw in enumerate(value, 1))
        return tuple(EntryRef(*ref) for ref in found if ref)

    def day(self, item: dict[str, Any], key: str, at: str, *, required: bool
            ) -> dt.date | None:
        value = item.get(key)
        if value is None:
            if required:
                self.problem(f"{at}.{key}", f"'{key}' is required", "YYYY-MM-DD")
            return None
        try:
            return day_from_text(value, key.replace("_", " "))
        except InvalidValue as error:
            self.problem(f"{at}.{key}", str(error), "YYYY-MM-DD or DD/MM/YYYY")
            return None


# -- Define -----------------------------------------------------------------------------------


def read_define(reader: Reader, data: Any) -> Define | None:
    top = reader.mapping(data, "define")
    reader.known_keys(top, "define", ("review_question", "affirmative_topic", "guide", "family"))
    question = reader.text(top, "review_question", "define")
    topic = reader.text(top, "affirmative_topic", "define")
    guide = []
    for at, item in reader.items(top, "guide"):
        reader.known_keys(item, at, ("kind", "question"))
        kind = reader.text(item, "kind", at)
        if kind and kind not in QUESTION_KINDS:
            reader.problem(f"{at}.kind", f"{kind!r} is not a kind of appreciative question",
                           "one of " + ", ".join(QUESTION_KINDS))
        text = reader.text(item, "question", at)
        if kind and text:
            guide.append(Question(kind, text))
    if guide and not any(q.kind == "peak" for q in guide):
        reader.problem("guide", "an appreciative interview starts from a story of practice at "
                       "its best: add a question of kind 'peak'")
    family = []
    for at, item in reader.items(top, "family", required=False):
        reader.known_keys(item, at, ("relationship", "consent", "note"))
        consent = reader.text(item, "consent", at)
        if consent and consent not in CONSENTS:
            reader.problem(f"{at}.consent", f"{consent!r}", "given, declined or not_sought")
        note = reader.text(item, "note", at, required=consent in ("declined", "not_sought"))
        family.append(Consent(reader.text(item, "relationship", at), consent, note))
    return Define(question, topic, guide, family) if question and topic and guide else None


# -- Discover -----------------------------------------------------------------------------------

INTERVIEW_KEYS = ("id", "role", "agency", "held_on", "paired_with", "story", "entries",
                  "enablers", "values", "continuity", "wishes", "family")


def read_interviews(reader: Reader, data: dict[str, Any], define: Define | None
                    ) -> list[Interview]:
    found, seen = [], set()
    for at, item in reader.items(data, "interviews"):
        reader.known_keys(item, at, INTERVIEW_KEYS)
        iid = reader.unique_id(item, at, seen)
        role = reader.text(item, "role", at)
        family = item.get("family") is True
        if family:
            consent = define.consent_of(role) if define else None
            if consent is None or consent.consent != "given":
                reader.problem(f"{at}.family", f"the family is involved only with their consent, "
                               f"and none is recorded as given for {role!r}",
                               "a 'family' entry in define.yaml with consent: given")
        else:
            reader.role(role, f"{at}.role")
        agency = reader.agency(reader.text(item, "agency", at, required=not family),
                               f"{at}.agency")
        held_on = reader.day(item, "held_on", at, required=False)
        found.append(Interview(
            iid, role, agency, reader.text(item, "story", at),
            reader.entries(item, "entries", at, required=True),
            reader.texts(item, "enablers", at, required=True), held_on,
            reader.text(item, "paired_with", at, required=False),
            reader.texts(item, "values", at), reader.texts(item, "continuity", at),
            reader.texts(item, "wishes", at), family))
    return [i for i in found if i.id and i.role and i.story]


def read_themes(reader: Reader, data: dict[str, Any], interview_ids: set[str]) -> list[Theme]:
    found, seen = [], set()
    for at, item in reader.items(data, "themes", required=False):
        reader.known_keys(item, at, ("id", "title", "statement", "stories", "keep"))
        tid = reader.unique_id(item, at, seen)
        stories = reader.ids(item, "stories", at, interview_ids, "appreciative interview",
                             required=True)
        theme = Theme(tid, reader.text(item, "title", at), reader.text(item, "statement", at),
                      stories, reader.text(item, "keep", at, required=False))
        if theme.id and theme.title and stories:
            found.append(theme)
    return found


# -- the honest record ----------------------------------------------------------------------


def read_honest(reader: Reader, data: Any, interview_ids: set[str], theme_ids: set[str]
                ) -> tuple[HonestRecord | None, list[Concern]]:
    top = reader.mapping(data, "honest record")
    reader.known_keys(top, "honest_record", ("what_happened", "concerns", "none_identified"))
    record = HonestRecord(reader.text(top, "what_happened", "honest_record"),
                          reader.text(top, "none_identified", "honest_record", required=False))
    found: list[Concern] = []
    seen: set[str] = set()
    for at, item in reader.items(top, "concerns", required=bool(not record.none_identified)):
        reader.known_keys(item, at, ("id", "title", "what_happened", "why", "entries",
                                     "interviews", "themes"))
        concern = Concern(
            reader.unique_id(item, at, seen), reader.text(item, "title", at),
            reader.text(item, "what_happened", at), reader.text(item, "why", at),
            reader.entries(item, "entries", at, required=True),
            reader.ids(item, "interviews", at, interview_ids, "appreciative interview"),
            reader.ids(item, "themes", at, theme_ids, "theme"))
        if concern.id and concern.why and concern.entries:
            found.append(concern)
    if record.none_identified and found:
        reader.problem("honest_record.none_identified", "the record lists concerns and also "
                       "says none were identified; keep one")
    return (record if record.what_happened else None), found


# -- Dream and Design -------------------------------------------------------------------------


def read_dreams(reader: Reader, data: dict[str, Any], theme_ids: set[str]) -> list[Dream]:
    found, seen = [], set()
    for at, item in reader.items(data, "dream", required=False):
        reader.known_keys(item, at, ("id", "text", "themes"))
        dream = Dream(reader.unique_id(item, at, seen), reader.text(item, "text", at),
                      reader.ids(item, "themes", at, theme_ids, "theme"))
        if dream.id and dream.text:
            found.append(dream)
    return found


def read_propositions(reader: Reader, data: dict[str, Any], theme_ids: set[str],
                      concern_ids: set[str]) -> list[Proposition]:
    found, seen = [], set()
    for at, item in reader.items(data, "propositions"):
        reader.known_keys(item, at, ("id", "statement", "themes", "concerns", "design"))
        pid = reader.unique_id(item, at, seen)
        grounded = reader.ids(item, "themes", at, theme_ids, "theme", required=True)
        design = []
        for j, raw in enumerate(item.get("design") or [], 1):
            where = f"{at}.design[{j}]"
            if not isinstance(raw, dict) or len(raw) != 1:
                reader.problem(where, "a design element is one of "
                               f"{', '.join(DESIGN_ELEMENTS)} with its text", "{process: ...}")
                continue
            (kind, text), = raw.items()
            if kind not in DESIGN_ELEMENTS:
                reader.problem(where, f"{kind!r} is not a kind of design element",
                               "one of " + ", ".join(DESIGN_ELEMENTS))
                continue
            design.append(DesignElement(kind, " ".join(str(text).split())))
        proposition = Proposition(pid, reader.text(item, "statement", at), grounded,
                                  reader.ids(item, "concerns", at, concern_ids, "concern"),
                                  design)
        if pid and proposition.statement and grounded:
            found.append(proposition)
    return found


# -- Destiny --------------------------------------------------------------------------------

COMMITMENT_KEYS = ("id", "proposition", "description", "owner", "champion", "due", "measure",
                   "agency", "status", "progress")


def read_commitments(reader: Reader, data: Any, proposition_ids: set[str]) -> list[Commitment]:
    top = reader.mapping(data, "destiny")
    found, seen = [], set()
    for at, item in reader.items(top, "commitments"):
        reader.known_keys(item, at, COMMITMENT_KEYS)
        cid = reader.unique_id(item, at, seen)
        proposition = reader.text(item, "proposition", at)
        if proposition and proposition not in proposition_ids:
            reader.problem(f"{at}.proposition", f"no provocative proposition {proposition!r}",
                           "one of " + ", ".join(sorted(proposition_ids)))
        owner, champion = reader.text(item, "owner", at), reader.text(item, "champion", at)
        for key, value in (("owner", owner), ("champion", champion)):
            reader.role(value, f"{at}.{key}")
        status = reader.text(item, "status", at, required=False) or "planned"
        if status not in {s.value for s in ActionStatus}:
            reader.problem(f"{at}.status", f"{status!r}",
                           ", ".join(s.value for s in ActionStatus))
        progress = reader.text(item, "progress", at, required=status == "completed")
        due = reader.day(item, "due", at, required=True)
        agency = reader.agency(reader.text(item, "agency", at, required=False), f"{at}.agency")
        description, measure = reader.text(item, "description", at), reader.text(
            item, "measure", at)
        if cid and proposition in proposition_ids and owner and champion and due and measure \
                and description:
            found.append(Commitment(cid, proposition, description, owner, champion, due,
                                    measure, agency, status, progress))
    return found
