"""Learning Together's vocabularies, as data: the nine contributory-factor prompts of the
structured conversation, the findings typology, the appraisal scale, and the variants.

Facts DOMAIN.md marks "(check)" are remembered rather than confirmed; they stay here as named
data with a note, never as logic, so a partnership can correct them in one place.
"""

from __future__ import annotations

from attrs import frozen

from core.methodology import Taxonomy

METHODOLOGY = "learning-together"

# The nine prompts a structured conversation walks through, in the method's order.
CONTRIBUTORY_FACTORS: dict[str, str] = {
    "family": "Family: what the child and family brought to the work",
    "role": "Role: what the practitioner's role asked and allowed of them",
    "conditions_of_work": "Conditions of work: workload, time, tools, the place of work",
    "personal": "Personal: the practitioner's own experience, knowledge and circumstances",
    "own_team": "Own team: supervision, support and the team's ways of working",
    "inter_agency_team": "Inter-agency team: how the agencies worked with one another",
    "organisational_culture": "Organisational culture and management: priorities, procedures, "
    "what is valued",
    "wider_context": "Wider political context: national policy, funding, inspection",
    "other": "Other: anything else that helped or hindered",
}

# Findings are underlying patterns in the system, each in one category.
FINDINGS_TYPOLOGY: dict[str, str] = {
    "human_tool_operation": "Human–tool operation",
    "human_management_system": "Human–management system operation",
    "multi_agency_incidents_and_crises": "Multi-agency working in response to incidents and "
    "crises",
    "multi_agency_assessment_and_longer_term": "Multi-agency working in assessment and "
    "longer-term work",
    "family_professional_interaction": "Family–professional interaction",
    "human_judgement_and_reasoning": "Human judgement and reasoning",
}
FINDINGS_TYPOLOGY_NOTES: dict[str, str] = {
    # (check) both remembered from the SCIE typology rather than confirmed against the source.
    "family_professional_interaction": "the wording of this category may differ slightly from "
    "SCIE's published typology",
    "human_judgement_and_reasoning": "the wording of this category may differ slightly from "
    "SCIE's published typology",
}

# How the review team appraises the practice in a key practice episode.
APPRAISALS: dict[str, str] = {
    "good": "Good practice",
    "reasonable": "Reasonable in the circumstances",
    "problematic": "Problematic practice",
}

TAXONOMIES = (
    Taxonomy("learning-together/contributory-factors",
             "Learning Together: contributory factors (the nine prompts)", CONTRIBUTORY_FACTORS),
    Taxonomy("learning-together/findings-typology", "Learning Together: typology of findings",
             FINDINGS_TYPOLOGY, FINDINGS_TYPOLOGY_NOTES),
    Taxonomy("learning-together/appraisals", "Learning Together: appraisal of practice",
             APPRAISALS),
)

# The learning events the method holds: kind -> what it is.
LEARNING_EVENTS: dict[str, str] = {
    "joint_meeting": "A joint meeting of the review team and the case group: walk the timeline "
    "as it was known at the time, agree and appraise the key practice episodes, test patterns",
    "review_team_meeting": "A meeting of the review team of senior managers: steer the review, "
    "agree the episodes to look at, test and shape the findings",
}


@frozen
class Variant:
    """How a Learning Together variant is run. Figures marked in `note` are not confirmed."""

    name: str
    summary: str
    weeks: float
    review_team_meetings: int
    joint_meetings: int
    conversations: str  # "all" (every case-group practitioner), "key" (a few), or "none"
    conversation_cap: int  # the most conversations planned; used when the case group is known
    nominal_conversations: int  # planned per case when the case group is not yet known
    lead_reviewers: int
    cases: int = 1
    note: str = ""


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("full", "about six months: five review-team meetings and two joint meetings "
                "with the case group; a structured conversation with every practitioner",
                weeks=26, review_team_meetings=5, joint_meetings=2, conversations="all",
                conversation_cap=99, nominal_conversations=10, lead_reviewers=2),
        Variant("intensive", "the full model concentrated into about three months: three "
                "review-team meetings, two joint meetings, every practitioner seen",
                weeks=13, review_team_meetings=3, joint_meetings=2, conversations="all",
                conversation_cap=99, nominal_conversations=10, lead_reviewers=2,
                note="the weeks and meeting counts are typical, not fixed by SCIE; plan your own"),
        Variant("speed+", "about one week of intensive work: conversations with the key "
                "practitioners, one joint meeting at the end of the week",
                weeks=1, review_team_meetings=2, joint_meetings=1, conversations="key",
                conversation_cap=6, nominal_conversations=6, lead_reviewers=2,
                note="the meeting and conversation counts are typical, not fixed by SCIE"),
        Variant("mid-range", "about four months, between full and focused: three review-team "
                "meetings, one joint meeting, conversations with the key practitioners",
                weeks=16, review_team_meetings=3, joint_meetings=1, conversations="key",
                conversation_cap=8, nominal_conversations=8, lead_reviewers=2,
                note="the weeks and counts are typical, not fixed by SCIE; plan your own"),
        Variant("focused", "a one-day event with the case group, prepared by one review-team "
                "meeting; no one-to-one conversations",
                weeks=6, review_team_meetings=1, joint_meetings=1, conversations="none",
                conversation_cap=0, nominal_conversations=0, lead_reviewers=1,
                note="one lead reviewer and six weeks of preparation are typical, not a rule"),
        Variant("themed", "several cases around one theme, over about six months: five "
                "review-team meetings, two joint meetings, conversations in every case",
                weeks=26, review_team_meetings=5, joint_meetings=2, conversations="all",
                conversation_cap=99, nominal_conversations=5, lead_reviewers=2, cases=3,
                note="three cases is a typical number, not a rule"),
    )
}
DEFAULT_VARIANT = "full"
