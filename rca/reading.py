"""Reading the investigation team's YAML, part one: the reader that collects every problem with
its file and field (e.g. `problems[2].rows[1]`), and the incident file (the incident, the
standards, the staff interviews) and the tabular timeline.

The loader writes nothing while any problem remains.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.analysis import material_reading
from core.kernel.model import Evidence, EvidenceKind
from core.kernel.state import ReviewState
from rca.records import EntryRef, Incident, Source, TeamMember, Timeline, TimelineRow
from rca.taxonomy import RESPONSE_TYPES, VARIANTS


class Reader(material_reading.Reader):
    """Reads one file's items, collecting problems rather than stopping at the first."""

    name_rule = "the method records people by role, never by name; remove 'name'"
    id_scope = ""  # an investigation's ids are unique across its files

    def __init__(self, file: str, state: ReviewState, evidence: Iterable[str] = ()) -> None:
        super().__init__(file, state)
        self.evidence = set(state.evidence) | set(evidence)  # ids citable as evidence

    def choice(self, item: dict[str, Any], key: str, at: str, choices: Iterable[str], *,
               required: bool = True) -> str:
        value = self.text(item, key, at, required=required)
        allowed = list(choices)
        if value and value not in allowed:
            self.problem(f"{at}.{key}", f"{value!r} is not allowed here", "one of "
                         + ", ".join(allowed))
            return ""
        return value

    def agencies_to_suggest(self) -> list[str]:
        return sorted(self.state.agencies)  # the agencies added to the review, not the rows

    def entry(self, value: Any, at: str) -> EntryRef | None:
        """`{agency: ..., ref: ...}` -> the chronology entry it names."""
        found = self.entry_named(value, at)
        return EntryRef(*found) if found else None

    def entries(self, item: dict[str, Any], key: str, at: str, *, required: bool = True
                ) -> tuple[EntryRef, ...]:
        raw = item.get(key) or []
        if required and not raw:
            self.problem(f"{at}.{key}", f"'{key}' needs at least one chronology entry",
                         "a list of {agency: ..., ref: ...}")
        if not isinstance(raw, list):
            self.problem(f"{at}.{key}", "expected a list of chronology entries")
            return ()
        found = [self.entry(v, f"{at}.{key}[{i}]") for i, v in enumerate(raw, 1)]
        return tuple(f for f in found if f is not None)

    def sources(self, item: dict[str, Any], key: str, at: str) -> tuple[Source, ...]:
        """Evidence: each a chronology entry {agency, ref} or an evidence id."""
        raw = item.get(key)
        if not raw:
            self.problem(f"{at}.{key}", "evidence is required", "a list of chronology entries "
                         "{agency: ..., ref: ...} or evidence ids")
            return ()
        if not isinstance(raw, list):
            raw = [raw]
        found = []
        for i, value in enumerate(raw, 1):
            where = f"{at}.{key}[{i}]"
            if isinstance(value, dict):
                ref = self.entry(value, where)
                if ref:
                    found.append(Source("entry", ref.entry_id, ref.agency, ref.ref))
            elif str(value).strip() in self.evidence:
                found.append(Source("evidence", str(value).strip()))
            else:
                self.problem(where, f"no evidence {value!r} in the review or these files",
                             "an evidence id (a standard, an interview) or {agency, ref}")
        return tuple(found)

    def evidence_ids(self, item: dict[str, Any], key: str, at: str) -> tuple[str, ...]:
        ids = self.texts(item, key, at)
        for i, eid in enumerate(ids, 1):
            if eid not in self.evidence:
                self.problem(f"{at}.{key}[{i}]", f"no evidence {eid!r} in the review or these "
                             "files", "the id of a standard or an interview")
        return tuple(i for i in ids if i in self.evidence)


# -- the incident file --------------------------------------------------------------------

INCIDENT_KEYS = ("description", "occurred_on", "time", "type", "service", "agency",
                 "actual_effect", "severity", "level", "response_type", "detection",
                 "risk_assessment", "background", "terms_of_reference", "team", "scope",
                 "methods", "family_involvement", "staff_involvement", "information",
                 "shared_learning", "distribution", "executive_summary")
FILE_KEYS = ("incident", "standards", "interviews")


def read_incident(reader: Reader, data: Any) -> Incident | None:
    if not isinstance(data, dict) or not isinstance(data.get("incident"), dict):
        reader.problem("incident", "the incident is a mapping under 'incident:'")
        return None
    reader.known_keys(data, "", FILE_KEYS)
    item, at = data["incident"], "incident"
    reader.known_keys(item, at, INCIDENT_KEYS)
    level = reader.choice(item, "level", at, VARIANTS)
    variant = reader.state.header.variant if reader.state.header else None
    if level and variant and level != variant:
        reader.problem(f"{at}.level", f"the incident is investigated at {level!r}, but the "
                       f"review was commissioned as {variant!r}; make them the same")
    psirf = level == "psii"
    response = reader.choice(item, "response_type", at, RESPONSE_TYPES, required=psirf)
    detection = item.get("detection") if isinstance(item.get("detection"), dict) else {}
    if not detection:
        reader.problem(f"{at}.detection", "say how and when the problem was found",
                       "{point: ..., method: ...}")
    team = []
    for i, member in enumerate(item.get("team") or [], 1):
        where = f"{at}.team[{i}]"
        if not isinstance(member, dict):
            reader.problem(where, "expected {role, agency, lead, independent}")
            continue
        reader.known_keys(member, where, ("role", "agency", "lead", "independent"))
        role = reader.text(member, "role", where)
        reader.role(role, f"{where}.role")
        team.append(TeamMember(role, reader.text(member, "agency", where, required=False),
                               bool(member.get("lead")), bool(member.get("independent"))))
    occurred = reader.day(item, "occurred_on", at)
    texts = {k: reader.text(item, k, at, required=False)
             for k in ("time", "type", "risk_assessment", "background", "scope", "methods",
                       "family_involvement", "staff_involvement", "shared_learning",
                       "executive_summary")}
    required = {k: reader.text(item, k, at)
                for k in ("description", "service", "actual_effect", "severity")}
    agency = reader.agency(reader.text(item, "agency", at), f"{at}.agency")
    if occurred is None or not level or not all(required.values()):
        return None
    return Incident(
        **required, occurred_on=occurred, agency=agency, level=level, response_type=response,
        detection_point=reader.text(detection, "point", f"{at}.detection"),
        detection_method=reader.text(detection, "method", f"{at}.detection"),
        terms_of_reference=reader.texts(item, "terms_of_reference", at, required=True),
        team=team, information=reader.texts(item, "information", at),
        distribution=reader.texts(item, "distribution", at), **texts)


def read_evidence(reader: Reader, data: Any, key: str) -> list[Evidence]:
    """Standards (what should have happened) and staff interviews, as core Evidence."""
    found: list[Evidence] = []
    seen: set[str] = set()
    for at, item in reader.items(data, key, required=False):
        taken = reader.state.evidence.get(str(item.get("id") or ""))
        if taken is not None and not taken.details.get("rca"):
            reader.problem(f"{at}.id", f"the id {taken.id!r} is already used by evidence "
                           f"{taken.title!r}; give this one another id")
        if key == "standards":
            reader.known_keys(item, at, ("id", "title", "source", "expects"))
        else:
            reader.known_keys(item, at, ("id", "role", "agency", "held_on", "involvement",
                                         "problems_seen", "factors", "what_would_help"))
        eid = reader.unique_id(item, at, seen)
        if key == "standards":
            title, summary = reader.text(item, "title", at), reader.text(item, "expects", at)
            details = {"rca": "standard", "source": reader.text(item, "source", at)}
            agency, held = "", None
        else:
            role = reader.text(item, "role", at)
            reader.role(role, f"{at}.role")
            agency = reader.agency(reader.text(item, "agency", at), f"{at}.agency")
            held = reader.day(item, "held_on", at, required=False)
            title = f"Staff interview: {role[:1].lower() + role[1:]}" + (
                f" ({agency})" if agency else "")
            summary = reader.text(item, "involvement", at)
            details = {"rca": "staff_interview", "role": role,
                       **{k: reader.text(item, k, at, required=False)
                          for k in ("problems_seen", "factors", "what_would_help")}}
        if eid and title and summary:
            kind = EvidenceKind.DOCUMENT if key == "standards" else EvidenceKind.CONVERSATION
            found.append(Evidence(eid, kind, title, summary=summary, agency=agency,
                                  received_on=held, details=details))
    return found


# -- the tabular timeline ----------------------------------------------------------------

ROW_KEYS = ("entry", "should_have_happened", "standards", "additional", "missing", "notable")


def read_timeline(reader: Reader, data: Any) -> Timeline | None:
    if not isinstance(data, dict):
        reader.problem("timeline", "expected 'from', 'to', 'agencies' and 'rows'")
        return None
    reader.known_keys(data, "", ("from", "to", "agencies", "rows"))
    start, end = reader.day(data, "from", "timeline"), reader.day(data, "to", "timeline")
    if start and end and end < start:
        reader.problem("timeline.to", "the timeline ends before it starts")
    agencies = tuple(reader.agency(a, f"agencies[{i}]")
                     for i, a in enumerate(reader.texts(data, "agencies", "timeline"), 1))
    rows, seen = [], set()
    for at, item in reader.items(data, "rows", required=False):
        reader.known_keys(item, at, ROW_KEYS)
        ref = reader.entry(item.get("entry"), f"{at}.entry")
        if ref is None:
            continue
        if ref.entry_id in seen:
            reader.problem(f"{at}.entry", f"{ref.agency} {ref.ref} has two rows; give it one")
        seen.add(ref.entry_id)
        entry = reader.state.chronology[ref.entry_id]
        if start and end and not entry.date.overlaps(start, end):
            reader.problem(f"{at}.entry", f"{ref.agency} {ref.ref} falls outside the "
                           "timeline's period")
        rows.append(TimelineRow(ref, **{k: reader.text(item, k, at, required=False) for k in
                                        ("should_have_happened", "additional", "missing",
                                         "notable")},
                                standards=reader.evidence_ids(item, "standards", at)))
    if start is None or end is None:
        return None
    return Timeline(start, end, agencies, rows)
