"""Reading key practice episodes from the review team's YAML: the entries by agency and source
reference, the appraisal (checked against the knowledge horizon: no hindsight) and the
explanation by contributory factors, each with its evidence."""

from __future__ import annotations

from typing import Any

from learning_together.hindsight import elsewhere_problems, hindsight_problems
from learning_together.reading import PERIOD_FORMS, Reader, parse_period
from learning_together.records import Appraisal, EntryRef, Episode, Factor, Source
from learning_together.taxonomy import APPRAISALS, PROMPT_LAYER

# -- key practice episodes ------------------------------------------------------------------

EPISODE_KEYS = ("id", "title", "period", "agencies", "roles", "entries", "what_happened",
                "appraisal", "explanation")


def read_episodes(reader: Reader, data: Any, conversation_ids: set[str]) -> list[Episode]:
    found, seen = [], set()
    for at, item in reader.items(data, "episodes", required=False):
        reader.known_keys(item, at, EPISODE_KEYS)
        eid = reader.unique_id(item, at, seen)
        try:
            period = parse_period(item.get("period"))
        except ValueError as error:
            reader.problem(f"{at}.period", str(error), PERIOD_FORMS)
            period = None
        agencies = tuple(reader.agency(agency, f"{at}.agencies[{i}]") for i, agency
                         in enumerate(reader.texts(item, "agencies", at, required=True), 1))
        roles = reader.texts(item, "roles", at, required=True)
        for i, role in enumerate(roles, 1):
            reader.role(role, f"{at}.roles[{i}]")
        entries = _entries(reader, item.get("entries"), f"{at}.entries", required=True)
        for i, ref in enumerate(entries, 1):
            entry = reader.state.chronology[ref.entry_id]
            if entry.agency not in agencies:
                reader.problem(f"{at}.entries[{i}]", f"{ref.ref} is {entry.agency}'s; add "
                               f"{entry.agency} to the episode's agencies or leave it out")
            if period is not None and not entry.date.overlaps(period.start, period.end):
                reader.problem(f"{at}.entries[{i}]", f"{ref.ref} ({entry.date}) lies outside "
                               f"the episode's period ({period})")
        appraisal = _appraisal(reader, item.get("appraisal"), f"{at}.appraisal")
        explanation = _explanation(reader, item.get("explanation"), f"{at}.explanation",
                                   conversation_ids, appraisal)
        if eid and period is not None and appraisal is not None:
            episode = Episode(eid, reader.text(item, "title", at), period, agencies, roles,
                              entries, reader.text(item, "what_happened", at), appraisal,
                              explanation)
            for problem in hindsight_problems(reader.state, episode):
                reader.problem(f"{at}.appraisal.cites", problem)
            for problem in elsewhere_problems(reader.state, episode):
                reader.problem(f"{at}.appraisal.elsewhere_in_system", problem)
            found.append(episode)
    return found


def _entries(reader: Reader, value: Any, at: str, *, required: bool) -> list[EntryRef]:
    if value is None and not required:
        return []
    if not isinstance(value, list) or not value:
        reader.problem(at, "expected a list of chronology entries", "[{agency: ..., ref: ...}]")
        return []
    return [ref for i, v in enumerate(value, 1) if (ref := reader.entry(v, f"{at}[{i}]"))]


def _appraisal(reader: Reader, value: Any, at: str) -> Appraisal | None:
    if not isinstance(value, dict):
        reader.problem(at, "every episode needs an appraisal of practice",
                       "{judgement: good | reasonable | problematic, text: ..., cites: [...], "
                       "elsewhere_in_system: [...], standards: [...]}")
        return None
    reader.known_keys(value, at, ("judgement", "text", "cites", "elsewhere_in_system",
                                  "standards"))
    judgement = str(value.get("judgement") or "").strip()
    if judgement not in APPRAISALS:
        reader.problem(f"{at}.judgement", f"{judgement!r} is not an appraisal",
                       "good, reasonable (in the circumstances) or problematic")
    cites = _entries(reader, value.get("cites"), f"{at}.cites", required=False)
    elsewhere = _entries(reader, value.get("elsewhere_in_system"), f"{at}.elsewhere_in_system",
                         required=False)
    return Appraisal(judgement, reader.text(value, "text", at), cites, elsewhere,
                     reader.texts(value, "standards", at))


def _explanation(reader: Reader, value: Any, at: str, conversation_ids: set[str],
                 appraisal: Appraisal | None) -> list[Factor]:
    if not isinstance(value, list) or not value:
        reader.problem(at, "an episode is explained by its contributory factors",
                       "a list of {factor, text, evidence}")
        return []
    default_effect = "helped" if appraisal is not None and appraisal.judgement == "good" \
        else "hindered"
    factors: list[Factor] = []
    for i, raw in enumerate(value, 1):
        fat = f"{at}[{i}]"
        if not isinstance(raw, dict):
            reader.problem(fat, "expected {factor, text, evidence}")
            continue
        reader.known_keys(raw, fat, ("factor", "layer", "subcategory", "text", "effect",
                                     "evidence"))
        key = reader.factor_key(raw.get("factor"), f"{fat}.factor")
        layer = reader.layer(raw["layer"], f"{fat}.layer") if raw.get("layer") else \
            PROMPT_LAYER.get(key, "")
        subcategory = reader.subcategory(raw["subcategory"], f"{fat}.subcategory") \
            if raw.get("subcategory") else ""
        if key and key in {f.factor for f in factors}:
            reader.problem(f"{fat}.factor", f"{key!r} appears twice; say it once, with all its "
                           "evidence")
            key = ""
        effect = str(raw.get("effect") or default_effect)
        if effect not in ("helped", "hindered"):
            reader.problem(f"{fat}.effect", f"{effect!r}", "helped or hindered")
        sources = _sources(reader, raw.get("evidence"), f"{fat}.evidence", conversation_ids)
        if key and sources:
            factors.append(Factor(key, reader.text(raw, "text", fat), effect, sources,
                                  layer=layer, subcategory=subcategory))
    return factors


def _sources(reader: Reader, value: Any, at: str, conversation_ids: set[str]) -> list[Source]:
    if not isinstance(value, list) or not value:
        reader.problem(at, "each contributory factor needs the conversations or records that "
                       "evidence it", "a list of {conversation: ID}, {entry: {agency, ref}}, "
                       "{evidence: ID} or {contribution: ID}")
        return []
    sources = []
    state = reader.state
    for i, raw in enumerate(value, 1):
        sat = f"{at}[{i}]"
        if not isinstance(raw, dict) or len(raw) != 1:
            reader.problem(sat, "expected one of conversation, entry, evidence, contribution")
            continue
        (kind, ref), = raw.items()
        if kind == "conversation":
            if str(ref) not in conversation_ids:
                reader.problem(sat, f"no structured conversation {ref!r}",
                               "the id of a conversation in conversations.yaml or the review")
            else:
                sources.append(Source("conversation", str(ref)))
        elif kind == "entry":
            entry = reader.entry(ref, sat)
            if entry is not None:
                sources.append(Source("entry", entry.entry_id, entry.agency, entry.ref))
        elif kind == "evidence":
            if str(ref) not in state.evidence:
                reader.problem(sat, f"no evidence {ref!r} in the review")
            else:
                sources.append(Source("evidence", str(ref)))
        elif kind == "contribution":
            said = state.contributions.get(str(ref))
            if said is None or not said.evidence_id:
                reader.problem(sat, f"{ref!r} is not a learning-event contribution taken into "
                               "the evidence", "accept it first: casereview event REVIEW accept")
            else:
                sources.append(Source("evidence", said.evidence_id))
        else:
            reader.problem(sat, f"unknown kind of evidence {kind!r}",
                           "conversation, entry, evidence or contribution")
    return sources
