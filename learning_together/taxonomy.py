"""Learning Together's vocabularies, as data: the nine contributory-factor prompts of the
structured conversation, the findings typology, the appraisal scale, and the variants.

Facts DOMAIN.md marks "(check)" are remembered rather than confirmed; they stay here as named
data with a note, never as logic, so a partnership can correct them in one place.
"""

from __future__ import annotations

from attrs import frozen

from core.plugin_api.methodology import Taxonomy

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

# The framework for contributory factors used to explain a key practice episode (SCIE Guide 24,
# Appendix 5). It is a separate tool from the nine conversation prompts. (check) Appendix 5
# could not be read; these layers follow the Taylor-Adams and Vincent framework the method
# builds on, kept as data so a partnership can correct them in one place.
KPE_FRAMEWORK: dict[str, str] = {
    "family": "Family: the child, the family and their circumstances",
    "individual": "Individual practitioner: knowledge, skills, experience and wellbeing",
    "task": "Task: what the work asked, its tools, procedures and guidance",
    "team": "Team: supervision, support and communication within the team",
    "inter_agency": "Inter-agency: how the agencies worked, shared and understood each other",
    "work_environment": "Work environment: workload, staffing, time and place of work",
    "organisation_and_management": "Organisation and management: priorities, culture, "
    "decisions and resources",
    "wider_context": "Wider context: national policy, funding, regulation and inspection",
}
KPE_FRAMEWORK_NOTES: dict[str, str] = {
    key: "(check) Appendix 5 of SCIE Guide 24 could not be read; the layer follows the "
    "framework the method builds on" for key in KPE_FRAMEWORK}
# Where a conversation prompt usually sits in the episode framework, used when a factor names
# only its prompt. A reviewer can name the layer to override it.
PROMPT_LAYER: dict[str, str] = {
    "family": "family", "role": "task", "conditions_of_work": "work_environment",
    "personal": "individual", "own_team": "team", "inter_agency_team": "inter_agency",
    "organisational_culture": "organisation_and_management", "wider_context": "wider_context",
}

# Findings are underlying patterns in the system, each in one category of SCIE's "typology of
# underlying patterns" (Guide 24, Appendix 6), with the source's own labels.
FINDINGS_TYPOLOGY: dict[str, str] = {
    "human_tool_operation": "Patterns in human–tool operation",
    "human_management_system": "Patterns in human–management system operation",
    "multi_agency_incidents_and_crises": "Patterns in communication and collaboration in "
    "multi-agency working in response to incidents/crises",
    "multi_agency_assessment_and_longer_term": "Patterns in communication and collaboration in "
    "multi-agency working in assessment and longer-term work",
    "family_professional_interaction": "Patterns in family–professional interaction",
    "human_judgement_and_reasoning": "Patterns in human judgement/reasoning",
}
FINDINGS_TYPOLOGY_NOTES: dict[str, str] = {
    # (check) the wording of both against SCIE's Appendix 6.
    "family_professional_interaction": "the wording of this category may differ slightly from "
    "SCIE's published typology",
    "human_judgement_and_reasoning": "one of the six categories (Community Care, 3 December "
    "2008); its exact wording may differ slightly from SCIE's published typology",
}
# Shorter names later SCIE reports use for the same categories: an alternative display over
# the same keys. (check) remembered from published reports, not confirmed.
TYPOLOGY_SHORT: dict[str, str] = {
    "human_tool_operation": "Tools",
    "human_management_system": "Management systems",
    "multi_agency_incidents_and_crises": "Responses to incidents and crises",
    "multi_agency_assessment_and_longer_term": "Longer-term work",
    "family_professional_interaction": "Family–professional interaction",
    "human_judgement_and_reasoning": "Human reasoning",
}
# The sub-categories of each category (Appendix 6). A finding, and a contributory factor, may
# name one: it anchors the pattern and lets recurring sub-categories suggest patterns. Keys are
# unique across categories, so a sub-category names its category too.
SUBCATEGORIES: dict[str, dict[str, str]] = {
    "human_tool_operation": {
        "assessment_forms": "Assessment forms",
        "assessment_framework": "Assessment framework",
        "case_management_framework": "Case-management framework (for example APIR)",
    },
    "human_management_system": {
        "resource_demand_mismatch": "Resource–demand mismatch",
        "access_to_expert_assessments": "Access to expert assessments",
        "service_gaps": "Service gaps",
        "funding_disputes": "Funding disputes and practitioners creating safety",
        "performance_indicators": "Performance indicators and borrowing from safety",
        "competing_priorities": "Trade-offs between competing priorities",
        "conceptual_blurring": "Conceptual blurring",
        "supervision": "Supervision",
    },
    "multi_agency_incidents_and_crises": {
        "priority_setting_culture": "Priority-setting culture",
        "understanding_the_task": "Understanding the task",
        "reserve_capacity": "Reserve capacity",
        "knowing_each_other": "Knowing each other",
        "referral_and_feedback": "Referral procedures and cultures of feedback",
    },
    "multi_agency_assessment_and_longer_term": {
        "nature_of_the_task": "Nature of the task",
        "clarity_of_roles": "Clarity of roles",
        "shared_responsibility": "Shared responsibility",
        "responsible_for_thinking": "Who is responsible for thinking?",
        "what_to_share": "What and how much to share",
    },
    "family_professional_interaction": {},
    "human_judgement_and_reasoning": {
        "failure_to_revise": "Failure to revise judgements and plans",
    },
}
SUBCATEGORY_NOTES: dict[str, str] = {
    # (check) the stored excerpt of Appendix 6 stops after "what and how much to share"; the
    # sub-categories of categories 5 and 6 beyond the one Community Care names are not known.
    "what_to_share": "(check) the list of this category's sub-categories may continue",
    "failure_to_revise": "named by Community Care (3 December 2008) as a common error of "
    "reasoning; (check) the sub-category's wording",
}
CATEGORY_OF: dict[str, str] = {sub: category for category, subs in SUBCATEGORIES.items()
                               for sub in subs}
SUBCATEGORY_LABELS: dict[str, str] = {
    sub: f"{TYPOLOGY_SHORT[category]}: {label}" for category, subs in SUBCATEGORIES.items()
    for sub, label in subs.items()}

# How sure a finding is: lighter variants produce indicative findings, drawn from the case and
# limited evidence beyond it, for the partnership to test further (SCIE: "findings and/or
# indicative findings").
CONFIDENCE: dict[str, str] = {
    "finding": "Finding",
    "indicative": "Indicative finding: drawn from this case and limited evidence beyond it; "
    "to be tested further",
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
    Taxonomy("learning-together/episode-factors",
             "Learning Together: framework for contributory factors in key practice episodes",
             KPE_FRAMEWORK, KPE_FRAMEWORK_NOTES),
    Taxonomy("learning-together/findings-typology", "Learning Together: typology of findings",
             FINDINGS_TYPOLOGY, FINDINGS_TYPOLOGY_NOTES),
    Taxonomy("learning-together/typology-subcategories",
             "Learning Together: sub-categories of the typology", SUBCATEGORY_LABELS,
             SUBCATEGORY_NOTES),
    Taxonomy("learning-together/appraisals", "Learning Together: appraisal of practice",
             APPRAISALS),
)

# The learning events the method holds: kind -> what it is.
LEARNING_EVENTS: dict[str, str] = {
    "joint_meeting": "The first joint meeting of the review team and the case group: walk the "
    "timeline as it was known at the time, check the narrative, agree and appraise the key "
    "practice episodes; plan support for the practitioners",
    "second_joint_meeting": "The second joint meeting of the review team and the case group: "
    "test the findings and how widespread each is, prioritise them, and shape the issues for "
    "the board; plan support for the practitioners",
    "review_team_meeting": "A meeting of the review team of senior managers: steer the review, "
    "agree the episodes to look at, test and shape the findings",
}


@frozen
class Variant:
    """How a Learning Together variant is run (SCIE's review options). Figures the service
    descriptions do not give are marked "(check)" in `note`: local defaults to change."""

    name: str
    summary: str
    weeks: float  # the review's own work, from the first meeting to the findings agreed
    review_team_meetings: int
    joint_meetings: int
    conversations: str  # "all" (every case-group practitioner), "key" (a few), or "none"
    conversation_cap: int  # the most conversations planned; used when the case group is known
    nominal_conversations: int  # planned per case when the case group is not yet known
    lead_reviewers: int
    note: str = ""
    blocks: int = 0  # intensive: the work is arranged around this many blocks of activity
    lead_in_weeks: float = 0  # preparation before the review's own work starts
    report_weeks: float = 0  # report writing after it, when the variant plans it apart
    audit_cases: int = 0  # themed: the case files audited in the first stage
    indicative: bool = False  # a lighter option: "findings and/or indicative findings"
    findings_meeting: bool = False  # speed+: an extra meeting on the findings, if wanted

    @property
    def total_weeks(self) -> float:
        return self.lead_in_weeks + self.weeks + self.report_weeks


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("full", "about six months: five review-team meetings and two joint meetings "
                "with the case group; a structured conversation with all the key staff",
                weeks=26, review_team_meetings=5, joint_meetings=2, conversations="all",
                conversation_cap=99, nominal_conversations=10, lead_reviewers=2),
        Variant("intensive", "every part of the full model, arranged around two blocks of "
                "concentrated activity: conversations in the first, the joint meetings and "
                "findings in the second",
                weeks=13, review_team_meetings=3, joint_meetings=2, conversations="all",
                conversation_cap=99, nominal_conversations=10, lead_reviewers=2, blocks=2,
                note="(check) thirteen weeks and three review-team meetings are local "
                     "defaults; SCIE gives only the two blocks"),
        Variant("speed+", "every part of the full model in a single week, based on peer "
                "review, with a significant lead-in beforehand and the report written "
                "afterwards; an extra meeting on the findings if wanted",
                weeks=1, review_team_meetings=2, joint_meetings=2, conversations="all",
                conversation_cap=99, nominal_conversations=8, lead_reviewers=2,
                lead_in_weeks=6, report_weeks=4, indicative=True, findings_meeting=True,
                note="(check) six weeks of lead-in and four of report writing are local "
                     "defaults; SCIE says only 'significant lead-in' and 'in addition'"),
        Variant("mid-range", "a limited number of structured conversations (usually no more "
                "than six) and often fewer meetings than the full model",
                weeks=16, review_team_meetings=3, joint_meetings=1, conversations="key",
                conversation_cap=6, nominal_conversations=6, lead_reviewers=2, indicative=True,
                note="(check) sixteen weeks and the meeting counts are local defaults"),
        Variant("focused", "a one-day event for all the staff involved, with no one-to-one "
                "conversations and a few review-team meetings; the report is written "
                "afterwards",
                weeks=6, review_team_meetings=2, joint_meetings=1, conversations="none",
                conversation_cap=0, nominal_conversations=0, lead_reviewers=2, report_weeks=3,
                indicative=True,
                note="(check) six weeks of preparation, two review-team meetings and three "
                     "weeks of report writing are local defaults"),
        Variant("themed", "two stages around one theme: first an audit of case files, then a "
                "review of what the audit shows, with conversations with the key staff",
                weeks=20, review_team_meetings=3, joint_meetings=1, conversations="key",
                conversation_cap=6, nominal_conversations=6, lead_reviewers=2, audit_cases=10,
                note="(check) ten case files and twenty weeks are local defaults; SCIE gives "
                     "the two stages, not their size"),
    )
}
DEFAULT_VARIANT = "full"
