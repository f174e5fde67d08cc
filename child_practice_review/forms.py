"""Blank, commented YAML forms for each of the method's files, so a reviewer starts from a
documented form rather than an empty page (`casereview cpr template KIND`). The timeline's form
can list the review's chronology entries in the focus period as commented candidates."""

from __future__ import annotations

from child_practice_review.loading import FILES
from child_practice_review.plan import default_focus
from child_practice_review.records import terms
from core.analysis.material_text import commented, review_notes
from core.kernel.dates import long_span
from core.kernel.state import ReviewState

FORMS: dict[str, str] = {
    "terms": """\
# Terms of reference: the method's part (the questions are the review's own).
# review_type: concise | extended. Leave it out to follow the regime's classification; a type
#   that differs from it needs type_reason (the board's reason).
# focus_period: the 12 months before the event, unless longer_focus_reason says why.
review_type:
type_reason:
focus_period:
  from: YYYY-MM-DD
  to: YYYY-MM-DD
longer_focus_reason:
circumstances: >-
  A brief outline of the circumstances that led to the review, with as little family detail as
  the learning needs.
""",
    "panel": """\
# The review panel: senior staff from every agency involved, by role and agency, never by name.
chair:
  role: Independent chair of the review panel
  independent: true       # false, with agency:, for a chair from one of the agencies
  approved_list: true     # on Welsh Government's approved list (single unified review)
members:
  - {role: ROLE, agency: AGENCY}
reviewers:                # matched to the lead reviewers by their title in the review
  - title: TITLE
    approved_list: true   # on Welsh Government's approved list (single unified review)
    statement: >-
      The reviewer's statement of independence and how they took part.
chair_statement: >-
  The panel chair's statement for the report.
""",
    "notices": """\
# Key dates (YYYY-MM-DD, or {on: ..., note: ...}). Keep the ones that have happened.
welsh_government:             # told of the intent to hold a review
case_review_group:            # met on the referral (single unified review)
panel_first_met:
board_approved:
case_review_group_sign_off:   # the action plan signed off (single unified review)
home_office:                  # a domestic homicide review component only
repository:                   # stored in the Wales Safeguarding Repository
published:
""",
    "events": """\
# Learning events: who was invited (every practitioner involved) and what was said, by role
# and agency (or relationship, for the family), never by name.
events:
  - id: LE-1
    # kind: learning_event, family_meeting, panel_meeting, feedback_event or professional_forum
    kind: learning_event
    held_on: YYYY-MM-DD
    facilitator: the reviewers
    invited:
      - {role: ROLE, agency: AGENCY, attended: true}
    contributions:
      - id: LE-1-C1
        phase: walk-the-timeline-of-significant-events   # number or short name of the phase
        role: ROLE
        agency: AGENCY
        text: What they said.
        about: [T01]   # the significant events it speaks to
""",
    "learning": """\
# Learning: practice or organisational learning, or good practice, resting on significant
# events and heard from practitioners or the family. About practice and systems, never a person.
learning:
  - id: L1
    kind: organisational   # practice | organisational | good_practice
    status: draft          # draft | final
    title: A short statement of the learning
    learning: >-
      The learning, in plain English.
    in_this_case: >-
      How it showed in this case (optional).
    timeline: [T01]
    heard: [LE-1-C1]
""",
    "briefing": """\
# The 7-minute briefing: one page (at most 550 words; 120 in any one box). No names.
background:
what_happened:
key_learning:
why_it_matters:
what_to_do:
questions:
further_information:
""",
    "press": """\
# The press statement the board issues on publication. No names, no identifying detail.
issued_on: YYYY-MM-DD
text: >-
  The statement.
""",
}

TIMELINE_HEAD = """\
# The timeline of significant events the review panel agreed from the agencies' records.
# summary: the wording in the published summary timeline (reduced, anonymised); leave it out to
# keep an event off it.
timeline:
  - id: T01
    entry: {agency: AGENCY, ref: SOURCE-REF}
    significance: Why it is significant.
    summary: Its published wording.
"""


def timeline_form(state: ReviewState | None) -> str:
    """The timeline form, with the review's entries in the focus period as candidates."""
    if state is None:
        return TIMELINE_HEAD
    recorded = terms(state)
    focus = (recorded.focus_from, recorded.focus_to) if recorded else default_focus(state)
    lines = [TIMELINE_HEAD, "# Candidates: the chronology entries in the focus period"]
    for entry in state.sorted_chronology():
        if focus and not entry.date.overlaps(*focus):
            continue
        lines.append(f"#   {{agency: {entry.agency}, ref: {entry.source_ref}}}  "
                     f"{long_span(entry.date)}: {' '.join(entry.what_happened.split())[:80]}")
    return "\n".join(lines) + "\n"


def material_templates(review: ReviewState) -> dict[str, str]:
    """Every form, under the file name `load_material` reads, for `casereview material REVIEW
    --template DIR`: headed by the review's agencies and entries and wholly commented (the
    timeline's candidates too), so each loads back as nothing until a reviewer fills it in."""
    notes = review_notes(review)
    return {name: notes + commented(timeline_form(review) if kind == "timeline" else FORMS[kind])
            for kind, name in FILES.items()}
