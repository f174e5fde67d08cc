"""Starting files for a review's Learning Together material (`material_templates`).

Three commented YAML files, the ones `load_material` reads: conversations.yaml, episodes.yaml
and findings.yaml. Each explains its fields in plain words, lists what the review already
holds (agencies, the chronology entries to cite by id, records already made) and carries a
commented example to copy. Unedited, each loads back as nothing new.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from core import hookimpl
from core.kernel.dates import long_span
from core.kernel.state import ReviewState
from core.kernel.text import shorten
from learning_together.records import conversations, episodes
from learning_together.taxonomy import APPRAISALS, CONTRIBUTORY_FACTORS, FINDINGS_TYPOLOGY

MAX_ENTRIES_LISTED = 400  # a long chronology is listed in part; `casereview chronology` has all


@hookimpl
def material_templates(review: ReviewState) -> dict[str, str]:
    return {"conversations.yaml": conversations_file(review),
            "episodes.yaml": episodes_file(review),
            "findings.yaml": findings_file(review)}


def _comment(lines: Iterable[str]) -> str:
    return "".join(f"# {line}".rstrip() + "\n" for line in lines)


def _header(state: ReviewState, what: str) -> list[str]:
    review = state.review
    return [f"{what} for review {state.id}: {review.title}.",
            "Lines starting with # are notes and are ignored. To add an item, copy the example",
            "below, take the '# ' off the front of its lines, and fill it in. Load the folder",
            f"with: casereview material {state.id} FOLDER (everything is checked first; a",
            "problem is reported with its file and field, and nothing is changed).",
            "People are known by role and agency, never by name.", ""]


def _agencies(state: ReviewState) -> list[str]:
    names = sorted(set(state.agencies) | {e.agency for e in state.chronology.values()})
    return names or ["(no agencies yet: import the chronologies first)"]


def _first_agency(state: ReviewState) -> str:
    return _agencies(state)[0]


def conversations_file(state: ReviewState) -> str:
    held = conversations(state)
    factors = ", ".join(CONTRIBUTORY_FACTORS)
    lines = _header(state, "Structured conversations with practitioners")
    lines += ["Fields: id (C1, C2 ...); role (e.g. Health visitor); agency (one of the review's",
              "agencies, below); held_on (the day, YYYY-MM-DD); overview (their involvement);",
              "turning_points (a list); mindset (how the case looked to them then:",
              "what_was_happening, salient, competing_demands, options_seen); factors (the",
              "contributory factors they see as most important, in order, each with a note);",
              "went_well and suggested_changes (lists).",
              f"Contributory factors: {factors}.", "",
              "The review's agencies: " + "; ".join(_agencies(state)) + "."]
    if held:
        lines += ["", "Already recorded (list one again with the same id to correct it):"]
        lines += [f"  {c.id}: {c.who}" for c in held]
    example = [
        "  - id: C1",
        "    role: Health visitor",
        f"    agency: {json.dumps(_first_agency(state), ensure_ascii=False)}",
        "    held_on: 2025-04-08",
        "    overview: >-",
        "      What their involvement with the family was, in a few sentences.",
        "    turning_points:",
        "      - A moment they saw as a turning point.",
        "    mindset:",
        "      what_was_happening: How the case looked to them at the time.",
        "      salient: What stood out to them then.",
        "      competing_demands: What else they had to deal with.",
        "      options_seen: What they thought they could do.",
        "    factors:",
        "      - factor: conditions_of_work",
        "        note: Why it mattered, in their words.",
        "    went_well:",
        "      - What went well.",
        "    suggested_changes:",
        "      - What they would change.",
    ]
    return _comment(lines) + "\nconversations:\n" + _comment(example)


def episodes_file(state: ReviewState) -> str:
    held = episodes(state)
    lines = _header(state, "Key practice episodes")
    lines += ["Fields: id (KPE-1 ...); title; period (e.g. 2023-03-01 to 2023-05-31, or",
              "March 2023); agencies and roles involved (lists); entries (the chronology",
              "entries that make it up, each by its id below, or as {agency: ..., ref: ...});",
              "what_happened; appraisal (judgement: one of "
              + ", ".join(APPRAISALS) + "; text; cites:",
              "the entries the agencies knew of by the end of the episode, no hindsight);",
              "explanation (contributory factors, each with factor, effect helped or hindered,",
              "text, and evidence: a list of {conversation: C1}, {entry: ID}, {evidence: ID}).",
              ""]
    if held:
        lines += ["Already recorded (list one again with the same id to correct it):"]
        lines += [f"  {e.id}: {e.title}" for e in held]
        lines.append("")
    chronology = state.sorted_chronology()
    lines.append("Chronology entries to cite, by id (date, agency, what happened):")
    for entry in chronology[:MAX_ENTRIES_LISTED]:
        ref = f" [{entry.source_ref}]" if entry.source_ref else ""
        lines.append(f"  {entry.id}: {long_span(entry.date)}, {entry.agency}{ref}: "
                     f"{shorten(entry.what_happened, 60)}")
    if len(chronology) > MAX_ENTRIES_LISTED:
        lines.append(f"  ... and {len(chronology) - MAX_ENTRIES_LISTED} more: "
                     f"casereview chronology {state.id}")
    if not chronology:
        lines.append("  (none yet: import the agencies' chronologies first)")
    # The example names the first entry, with its agency and a period that covers it.
    first, agency, period = "police-1-2", _first_agency(state), "2023-03-01 to 2023-05-31"
    if chronology:
        entry = chronology[0]
        first, agency = entry.id, entry.agency
        period = f"{entry.date.start.isoformat()} to {entry.known_to_recorder_from.isoformat()}"
    example = [
        "  - id: KPE-1",
        "    title: A short title for the episode",
        f"    period: {period}",
        f"    agencies: [{json.dumps(agency, ensure_ascii=False)}]",
        "    roles: [Health visitor]",
        "    entries:",
        f"      - {first}",
        "    what_happened: >-",
        "      What happened in this episode, in plain words.",
        "    appraisal:",
        "      judgement: problematic",
        "      text: How practice looked, judged on what was known then.",
        f"      cites: [{first}]",
        "    explanation:",
        "      - factor: conditions_of_work",
        "        effect: hindered",
        "        text: Why practice went as it did.",
        "        evidence:",
        "          - conversation: C1",
        f"          - entry: {first}",
    ]
    return _comment(lines) + "\nepisodes:\n" + _comment(example)


def findings_file(state: ReviewState) -> str:
    lines = _header(state, "Findings: underlying patterns in the multi-agency system")
    lines += ["A finding is a pattern in the system, not a fault peculiar to this case.",
              "Fields: id (F1 ...); title; category (one of the typology below); pattern (the",
              "pattern, in general terms); in_this_case (how it showed here); episodes (ids of",
              "the key practice episodes it draws on); factors (contributory factors those",
              "episodes share); not_peculiar (the evidence that it is not peculiar to this",
              "case: needed before it can be final); why_it_matters; board_issues (questions",
              "for the board, each ending with '?'); status (draft or final).",
              "Categories: " + ", ".join(FINDINGS_TYPOLOGY) + "."]
    held = sorted(state.findings.values(), key=lambda f: f.id)
    if held:
        lines += ["", "Already recorded (list one again with the same id to correct it):"]
        lines += [f"  {f.id} ({f.status.value}): {f.title}" for f in held]
    episode_ids = [e.id for e in episodes(state)] or ["KPE-1"]
    example = [
        "  - id: F1",
        "    title: The pattern in a line",
        f"    category: {next(iter(FINDINGS_TYPOLOGY))}",
        "    pattern: >-",
        "      The pattern in the system, in general terms.",
        "    in_this_case: How it showed in this case.",
        f"    episodes: [{episode_ids[0]}]",
        "    factors: [conditions_of_work]",
        "    not_peculiar: The evidence that it happens beyond this case (audits, other reviews).",
        "    why_it_matters: Why it matters for children.",
        "    board_issues:",
        "      - How does the board know whether this happens elsewhere?",
        "    status: draft",
    ]
    return _comment(lines) + "\nfindings:\n" + _comment(example)
