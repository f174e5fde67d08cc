"""The method's sections of the report, in its own shape: the narrative of multi-agency
perspectives and the key practice episodes with appraisal and explanation (both working
material for the review team's pack), and the findings with their issues for the board (published;
this one replaces the core's plainer findings section).

Each section is a jinja2 template shipped in `learning_together/templates/` and rendered by the
core with autoescape on; the contexts hold plain text only, and practitioners only by role.
"""

from __future__ import annotations

from typing import Any

from core import hookimpl
from core.dates import long_span
from core.horizon import known_ids
from core.methodology import ReportSection
from core.model import FindingStatus
from core.state import ReviewState
from learning_together.records import (
    Episode,
    Source,
    conversations,
    episodes,
    finding_details,
    in_sentence,
)
from learning_together.taxonomy import APPRAISALS, CONTRIBUTORY_FACTORS, FINDINGS_TYPOLOGY

TEMPLATES = "learning_together:templates/"
MINDSET_LABELS = {
    "what_was_happening": "What they thought was happening",
    "salient": "What stood out to them",
    "competing_demands": "What competed for their time",
    "options_seen": "The options they saw",
}


def _factor_label(key: str) -> str:
    return CONTRIBUTORY_FACTORS.get(key, key).split(":")[0]


def narrative(state: ReviewState) -> dict[str, Any]:
    by_agency: dict[str, list[dict[str, Any]]] = {}
    talked = conversations(state)
    for c in talked:
        by_agency.setdefault(c.agency or "Other", []).append({
            "role": in_sentence(c.role),
            "overview": c.overview,
            "turning_points": list(c.turning_points),
            "mindset": [(label, getattr(c.mindset, key)) for key, label in MINDSET_LABELS.items()
                        if getattr(c.mindset, key)],
            "factors": [{"label": _factor_label(f.factor), "note": f.note} for f in c.factors],
            "went_well": list(c.went_well),
            "suggested_changes": list(c.suggested_changes),
        })
    return {"count": len(talked),
            "agencies": [{"name": name, "conversations": items}
                         for name, items in sorted(by_agency.items())]}


def _source_text(state: ReviewState, source: Source) -> str:
    if source.kind == "entry":
        entry = state.chronology.get(source.id)
        return f"{entry.agency} record {entry.source_ref} ({long_span(entry.date)})" if entry \
            else source.id
    evidence = state.evidence.get(source.id)
    return evidence.title if evidence else source.id


def episode_view(state: ReviewState, episode: Episode) -> dict[str, Any]:
    entries = [state.chronology[r.entry_id] for r in episode.appraisal.cites
               if r.entry_id in state.chronology]
    cited = [f"{e.source_ref} ({e.agency}, {long_span(e.date)}). {e.what_happened}"
             for e in sorted(entries, key=lambda e: (e.date.sort_key, e.agency, e.id))]
    return {
        "id": episode.id,
        "title": episode.title,
        "period": long_span(episode.period),
        "agencies": list(episode.agencies),
        "roles": list(episode.roles),
        "what_happened": episode.what_happened,
        "appraisal": APPRAISALS.get(episode.appraisal.judgement, episode.appraisal.judgement),
        "appraisal_text": episode.appraisal.text,
        "known_count": len(known_ids(state, episode.agencies, episode.period.end)),
        "cited": cited,
        "factors": [{"label": _factor_label(f.factor), "effect": f.effect, "text": f.text,
                     "evidence": [_source_text(state, s) for s in f.sources]}
                    for f in episode.explanation],
    }


def episodes_context(state: ReviewState) -> dict[str, Any]:
    found = episodes(state)
    return {"episodes": [episode_view(state, e) for e in found],
            "good_count": sum(1 for e in found if e.good_practice)}


def findings_context(state: ReviewState) -> dict[str, Any]:
    titles = {e.id: e.title for e in episodes(state)}
    rows = []
    for finding in sorted(state.findings.values(), key=lambda f: f.id):
        if finding.status is FindingStatus.SUGGESTED:
            continue  # a suggestion is not a finding until a reviewer accepts it
        d = finding_details(finding)
        rows.append({
            "id": finding.id,
            "title": finding.title,
            "category": FINDINGS_TYPOLOGY.get(finding.category, finding.category or
                                              "not yet placed"),
            "draft": finding.status is not FindingStatus.FINAL,
            "pattern": finding.statement,
            "in_this_case": d["in_this_case"],
            "episodes": [f"{e}: {titles.get(e, '')}".rstrip(": ") for e in d["episodes"]],
            "not_peculiar": d["not_peculiar"],
            "why_it_matters": d["why_it_matters"],
            "board_issues": d["board_issues"],
        })
    return {"findings": rows}


@hookimpl
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    # The narrative of perspectives and the episode tables are the review team's working
    # material (SCIE's process map; conversations are held in confidence): the pack carries
    # them. The published report gives the findings and the reviewers' own appraisal.
    return [
        ReportSection("lt-narrative", "Multi-agency perspectives: how the case looked at the "
                      "time", f"{TEMPLATES}narrative.html.j2", narrative(review), order=450,
                      published=False),
        ReportSection("lt-episodes", "Key practice episodes: appraisal and explanation",
                      f"{TEMPLATES}episodes.html.j2", episodes_context(review), order=500,
                      published=False),
        ReportSection("findings", "Findings: underlying patterns and issues for the board",
                      f"{TEMPLATES}findings.html.j2", findings_context(review), order=600,
                      published=True),
    ]
