"""The method's sections of the report, in its own shape: the narrative of multi-agency
perspectives and the key practice episodes with appraisal and explanation (both working
material for the review team's pack); and, published, how the method was applied (its
technique against hindsight, its two frameworks, the variant) and the findings in order of
priority with a summary and their issues for the board, each linked to the partnership's
response (this one replaces the core's plainer findings section).

Each section is a jinja2 template shipped in `learning_together/templates/` and rendered by the
core with autoescape on; the contexts hold plain text only, and practitioners only by role.
"""

from __future__ import annotations

from typing import Any

from core import hookimpl
from core.evidence.horizon import known_ids
from core.kernel.dates import long_date, long_span
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState
from core.output.report.written import written
from core.plugin_api.methodology import ReportSection
from learning_together.analysis import matched_responses
from learning_together.plan import variant_of
from learning_together.records import (
    EntryRef,
    Episode,
    Source,
    conversations,
    episodes,
    finding_details,
    in_sentence,
)
from learning_together.taxonomy import (
    APPRAISALS,
    CONFIDENCE,
    CONTRIBUTORY_FACTORS,
    FINDINGS_TYPOLOGY,
    KPE_FRAMEWORK,
    SUBCATEGORY_LABELS,
    TYPOLOGY_SHORT,
)

TEMPLATES = "learning_together:templates/"
MINDSET_LABELS = {
    "what_was_happening": "What they thought was happening",
    "reasons_and_emotions": "What was behind their thinking: reasons and feelings",
    "salient": "What stood out to them",
    "competing_demands": "What competed for their time",
    "main_concerns": "Their main concerns, and whether they clashed",
    "hoping_to_achieve": "What they were hoping to achieve",
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
            "what_enabled_it": list(c.what_enabled_it),
            "suggested_changes": list(c.suggested_changes),
            "queries": list(c.queries),
            "explained_on": long_date(c.explained_on) if c.explained_on else "",
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


def _entry_lines(state: ReviewState, refs: tuple[EntryRef, ...]) -> list[str]:
    entries = [state.chronology[r.entry_id] for r in refs if r.entry_id in state.chronology]
    return [f"{e.source_ref} ({e.agency}, {long_span(e.date)}). {e.what_happened}"
            for e in sorted(entries, key=lambda e: (e.date.sort_key, e.agency, e.id))]


def episode_view(state: ReviewState, episode: Episode) -> dict[str, Any]:
    cited = _entry_lines(state, episode.appraisal.cites)
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
        "elsewhere": _entry_lines(state, episode.appraisal.elsewhere),
        "standards": list(episode.appraisal.standards),
        "factors": [{"label": _factor_label(f.factor), "effect": f.effect, "text": f.text,
                     "layer": KPE_FRAMEWORK.get(f.layer, f.layer).split(":")[0],
                     "subcategory": SUBCATEGORY_LABELS.get(f.subcategory, ""),
                     "evidence": [_source_text(state, s) for s in f.sources]}
                    for f in episode.explanation],
    }


def episodes_context(state: ReviewState) -> dict[str, Any]:
    found = episodes(state)
    return {"episodes": [episode_view(state, e) for e in found],
            "good_count": sum(1 for e in found if e.good_practice)}


def in_priority_order(findings: list[Finding]) -> list[Finding]:
    """Findings by priority (1 first); those not yet given one after them, by id."""
    def key(f: Finding) -> tuple[int, int, str]:
        priority = finding_details(f)["priority"]
        return (priority is None, priority or 0, f.id)
    return sorted(findings, key=key)


def _responses(state: ReviewState) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The partnership's response to each issue for the board: (finding id, number) -> items."""
    by_issue: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for finding_id, number, item in matched_responses(state):
        by_issue.setdefault((finding_id, number), []).append(
            {"response": item.get("response", ""), "lead": item.get("lead", ""),
             "actions": [str(a) for a in item.get("actions", [])]})
    return by_issue


def _first_sentence(text: str) -> str:
    head, stop, _ = text.partition(". ")
    return head + "." if stop else text


def _accepted(state: ReviewState) -> dict[str, bool]:
    return {item["finding"]: item["accepted"] for item in
            (written(state, "partnership-response") or {}).get("findings", [])}


def findings_context(state: ReviewState) -> dict[str, Any]:
    titles = {e.id: e.title for e in episodes(state)}
    responses, accepted = _responses(state), _accepted(state)
    rows = []
    # a suggestion is not a finding until a reviewer accepts it
    accepted_findings = [f for f in state.findings.values()
                         if f.status is not FindingStatus.SUGGESTED]
    for finding in in_priority_order(accepted_findings):
        d = finding_details(finding)
        rows.append({
            "id": finding.id,
            "title": finding.title,
            "category": FINDINGS_TYPOLOGY.get(finding.category, finding.category or
                                              "not yet placed"),
            "short_category": TYPOLOGY_SHORT.get(finding.category, finding.category or
                                                 "not yet placed"),
            "subcategory": SUBCATEGORY_LABELS.get(d["subcategory"], "").partition(": ")[2],
            "indicative": d["confidence"] == "indicative",
            "priority": d["priority"],
            "draft": finding.status is not FindingStatus.FINAL,
            "pattern": finding.statement,
            "pattern_in_brief": _first_sentence(finding.statement),
            "in_this_case": d["in_this_case"],
            "episodes": [f"{e}: {titles.get(e, '')}".rstrip(": ") for e in d["episodes"]],
            "not_peculiar": d["not_peculiar"],
            "why_it_matters": d["why_it_matters"],
            "board_issues": [{"number": n, "question": q,
                              "responses": responses.get((finding.id, n), [])}
                             for n, q in enumerate(d["board_issues"], 1)],
            "accepted": accepted.get(finding.id),
        })
    return {"findings": rows, "indicative": CONFIDENCE["indicative"],
            "any_indicative": any(r["indicative"] for r in rows)}


def method_context(state: ReviewState) -> dict[str, Any]:
    variant = variant_of(state, None)
    return {"variant": variant.name, "indicative": variant.indicative,
            "episodes": len(episodes(state)), "conversations": len(conversations(state)),
            "elsewhere": sum(1 for e in episodes(state) if e.appraisal.elsewhere)}


@hookimpl
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    # The narrative of perspectives and the episode tables are the review team's working
    # material (SCIE's process map; conversations are held in confidence): the pack carries
    # them. The published report gives the findings and the reviewers' own appraisal.
    return [
        ReportSection("lt-method", "How the review applied Learning Together",
                      f"{TEMPLATES}method.html.j2", method_context(review), order=210,
                      published=True),
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
