"""SILP's vocabularies, as data: variants and their timescales, the lead-reviewer mixes the
method allows, accreditation, the parts of an agency report, recall-event responses and their
dispositions, and the family's answers.

SILP (Significant Incident Learning Process) is a proprietary method of Review Consulting Ltd.
This plugin describes it by its published features only. Facts not confirmed against a public
source are kept here as named data with a "(check)" note, never as logic, so a partnership can
correct them in one place.
"""

from __future__ import annotations

from attrs import frozen

from core.plugin_api.methodology import Taxonomy

METHODOLOGY = "silp"


@frozen
class Variant:
    """How a SILP review is scoped. `weeks` is the plan's guide, not a deadline."""

    name: str
    summary: str
    weeks: float
    agencies: str  # "all" (every agency involved) or "one" (a single-agency mini-SILP)
    note: str = ""


# Published: "some... as little as 16 weeks, others... up to 6 months" (Review Consulting).
SHORTEST_WEEKS, LONGEST_WEEKS = 16, 26

VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("full", "about six months, with every stage in full", weeks=26,
                agencies="all"),
        Variant("proportionate", "about sixteen weeks, scoped tightly to a few key lines of "
                "enquiry", weeks=16, agencies="all"),
        Variant("mini-silp", "one agency's review, with smaller learning and recall events",
                weeks=12, agencies="one",
                note="(check) the twelve weeks are a local default, not a published figure"),
    )
}
DEFAULT_VARIANT = "full"

# Who may lead: one or two lead reviewers, at least one of them independent; a second may be
# employed by the commissioning partnership (published on Review Consulting's SILP pages).
STANDINGS: dict[str, str] = {
    "independent": "Independent of the commissioning partnership and of every agency involved",
    "employed": "Employed by the commissioning partnership (never by an agency involved)",
}
ALLOWED_MIXES: tuple[tuple[str, ...], ...] = (
    ("independent",), ("independent", "independent"), ("employed", "independent"))

# Accreditation of lead reviewers (recorded, and warned on, never enforced).
ACCREDITATION_STATUSES: dict[str, str] = {
    "accredited": "Completed the SILP lead reviewer training and is accredited",
    "trainee": "In training, leading under the supervision of an accredited lead reviewer",
    "none": "Not accredited in SILP",
}

# What this plugin encodes that no stored public source confirms: named, so a partnership can
# check each against Review Consulting's own guidance and correct it here.
UNCONFIRMED: dict[str, str] = {
    "recall_event": "(check) the recall event (recall day) and its response kinds",
    "key_lines_of_enquiry": "(check) the term 'key lines of enquiry' for the questions the "
    "terms of reference turn into",
    "analysis_headings": "(check) the agency report's headings (ANALYSIS_HEADINGS)",
    "agency_author": "(check) that an agency author must not have been involved in the case",
    "distribution_lead_days": "(check) the lead time for sharing the agency reports",
    "mini_silp_weeks": "(check) the twelve weeks planned for a mini-SILP",
    "event_timings": "(check) the phase timings of the learning and recall events",
    "accreditation": "(check) the scheme's name; the published course is three days, "
    "university accredited, with a simulated learning event, a written assignment and an "
    "annual refresher",
}

# The analytic frame the scoping chooses (published: "a chronology, ... key episodes or a
# timeline").
FRAMES: dict[str, str] = {
    "chronology": "The merged chronology, walked in periods",
    "key_episodes": "Key episodes chosen from the chronology",
    "timeline": "A timeline of the significant events",
}

# What each agency report analyses against every key line of enquiry.
# (check) the exact template headings are in Review Consulting's members' library, not public.
ANALYSIS_HEADINGS: dict[str, str] = {
    "what_happened": "What happened",
    "why": "Why it happened as it did",
    "went_well": "What went well",
    "could_be_better": "What could have been better",
    "changed_since": "What has changed since",
}

# Working days between sending the agency reports and the learning event.
# (check) not published: a local default a partnership can change.
DISTRIBUTION_LEAD_DAYS = 5

# A participant's response to the draft overview report at the recall event (check: the recall
# event is widely described in SILP reviews but not confirmed in a stored public source).
RESPONSES: dict[str, str] = {
    "agree": "Agrees with this part of the draft",
    "challenge": "Challenges this part of the draft",
    "add": "Adds something the draft leaves out",
    "correct": "Corrects a fact in the draft",
}
DISPOSITIONS: dict[str, str] = {
    "accepted": "Accepted: the draft was changed",
    "partly_accepted": "Partly accepted: the draft was changed in part",
    "not_accepted": "Not accepted, with the lead reviewers' reason",
    "noted": "Noted: nothing to change",
}
CHANGING = ("accepted", "partly_accepted")

# The family's answer to the offer to take part (kept apart from practitioners' material).
FAMILY_RESPONSES: dict[str, str] = {
    "accepted": "Accepted the offer to take part",
    "declined": "Declined the offer",
    "not_offered": "Not offered, for a reason the reviewers record",
}

TAXONOMIES = (
    Taxonomy("silp/analysis-headings", "SILP: the agency report's analysis of each key line "
             "of enquiry", ANALYSIS_HEADINGS,
             {k: "(check) template headings not public" for k in ANALYSIS_HEADINGS}),
    Taxonomy("silp/recall-responses", "SILP: responses to the draft at the recall event",
             RESPONSES, {k: "(check) recall event unconfirmed in public sources"
                         for k in RESPONSES}),
    Taxonomy("silp/lead-reviewer-standing", "SILP: lead reviewers' standing", STANDINGS),
)

# The learning events the method holds: kind -> what it is.
LEARNING_EVENTS: dict[str, str] = {
    "learning_event": "The learning event: agency authors, frontline practitioners and first-"
    "line managers together walk the merged chronology as it was known at the time and, for "
    "each key line of enquiry, say what happened, why, what was good and what is learned",
    "recall_event": "The recall event: the same participants test the draft overview report; "
    "each response (agree, challenge, add, correct) is traced to the part it changed",
    "panel_meeting": "A meeting of the review panel: scoping, the quality of the agency "
    "reports, and the draft overview report",
}
