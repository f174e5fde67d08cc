"""The Welsh Child Practice Review's vocabularies, as data: its two review types, its kinds of
learning, its learning events, the report template's headings, the 7-minute briefing's headings
and length budget, and the focus period.

Facts the sources did not confirm are marked "(check)" in a note beside them: they stay here as
named data a board can correct in one place, never as logic.
"""

from __future__ import annotations

from attrs import frozen

from core.plugin_api.methodology import Taxonomy

METHODOLOGY = "child-practice-review"
PREFIX = "child-practice-review/"  # the method's record collections


@frozen
class ReviewType:
    """Concise or extended: how many reviewers, and how the child and family take part."""

    name: str
    summary: str
    reviewers: int
    family: str  # how the child and family are engaged
    regime_kind: str  # the regime's word for it (wales-cpr and wales-susr)


REVIEW_TYPES: dict[str, ReviewType] = {
    t.name: t
    for t in (
        ReviewType("concise", "one reviewer, who meets the family where appropriate",
                   reviewers=1, family="who met the family where appropriate",
                   regime_kind="concise_cpr"),
        ReviewType("extended", "two reviewers, engaging the child and family directly",
                   reviewers=2, family="engaging the child and family directly",
                   regime_kind="extended_cpr"),
    )
}
DEFAULT_TYPE = "concise"
TYPE_OF_KIND = {t.regime_kind: t.name for t in REVIEW_TYPES.values()}

# The period the review looks at: "the practice during the previous 12 months" (NSPCC).
FOCUS_MONTHS = 12

# How long each part usually takes: a local default for planning, not the guidance's timescale,
# whose figures are not confirmed (check). A multi-agency professional forum, the lighter
# route, usually takes FORUM_WEEKS in all.
WEEKS = {"commissioning": 3, "evidence": 6, "learning_events": 3, "findings": 3, "report": 4}
FORUM_WEEKS = 6.0

# What a piece of learning is about. The report's heading is "practice and organisational
# learning"; good practice is learning too.
LEARNING_KINDS: dict[str, str] = {
    "practice": "Practice learning: what practitioners did, and what helped or hindered them",
    "organisational": "Organisational learning: systems, procedures and how agencies work "
    "together",
    "good_practice": "Good practice: what helped keep the child safe, to keep and spread",
}

# The learning events the method holds: kind -> what it is.
LEARNING_EVENTS: dict[str, str] = {
    "learning_event": "The practitioner learning event, led by the reviewers: every "
    "practitioner involved walks the timeline of significant events and names the learning",
    "family_meeting": "The reviewers meet the child and family, where appropriate, to hear "
    "their account and what they want the review to understand",
    "panel_meeting": "A meeting of the review panel of senior multi-agency staff: scope, "
    "timeline, draft learning, recommendations and action plan",
    "feedback_event": "A follow-up event where the reviewers test the draft learning with the "
    "practitioners and panel",
    "professional_forum": "A multi-agency professional forum: a lighter learning event for a "
    "case below the review threshold",
}
EVENT_NOTES = {
    "feedback_event": "(check) whether a follow-up event is standard is not confirmed",
    "professional_forum": "(check) the forum's criteria and format are not confirmed",
}

# The Welsh report template's order, as data (check: widely recalled, not confirmed against the
# template itself). Section id -> heading.
REPORT_HEADINGS: dict[str, str] = {
    "circumstances": "Brief outline of the circumstances that led to the review",
    "learning": "Practice and organisational learning",
    "improving": "Improving systems and practice",
    "reviewers": "Statement by the reviewers",
    "chair": "Statement by the review panel chair",
    "terms": "Appendix 1: Terms of reference",
    "timeline": "Appendix 2: Summary timeline",
    "key_dates": "For Welsh Government: key dates in the review",
}
REPORT_HEADINGS_NOTE = "(check) the template's headings are remembered, not confirmed"

# The 7-minute briefing: one page for practitioners. Headings vary between boards (check); a
# board edits these. The budget keeps it to one A4 page in the usual boxed layout.
BRIEFING_HEADINGS: dict[str, str] = {
    "background": "Background",
    "what_happened": "What happened",
    "key_learning": "Key learning",
    "why_it_matters": "Why it matters",
    "what_to_do": "What to do",
    "questions": "Questions to consider",
    "further_information": "Further information",
}
BRIEFING_WORD_BUDGET = 550  # words on one A4 page of seven boxes (a local default)
BRIEFING_HEADING_BUDGET = 120  # the most words in one box
BRIEFING_NOTE = "(check) the heading set varies locally; the budget is a local default"

SUMMARY_TIMELINE_ROWS = 25  # a summary timeline is reduced: a local default

TAXONOMIES = (
    Taxonomy("child-practice-review/learning-kinds",
             "Child Practice Review: kinds of learning", LEARNING_KINDS),
    Taxonomy("child-practice-review/review-types", "Child Practice Review: review types",
             {n: t.summary for n, t in REVIEW_TYPES.items()}),
    Taxonomy("child-practice-review/report-headings",
             "Child Practice Review: report template headings", REPORT_HEADINGS,
             {k: REPORT_HEADINGS_NOTE for k in REPORT_HEADINGS}),
    Taxonomy("child-practice-review/briefing-headings",
             "Child Practice Review: 7-minute briefing headings", BRIEFING_HEADINGS,
             {k: BRIEFING_NOTE for k in BRIEFING_HEADINGS}),
)
