"""What Learning Together asks of a review when it is commissioned: lead reviewers accredited
in the model, and an open review question.

SCIE commissions two independent reviewers "who are accredited and supervised"; a trainee
reaches accreditation through a supervised practice review alongside an accredited reviewer, so
a trainee with an accredited partner is SCIE's own route, not a shortcut. The review question
keeps the enquiry open: its focus is not set in advance, so a question that already holds its
answer ("Why did the agencies fail to ...?") is warned about.
"""

from __future__ import annotations

import re

from core.kernel.model import ParticipantRole
from core.kernel.state import ReviewState
from core.output.report.records import accreditations

SCHEME = "learning together"  # matched within the recorded scheme's name, ignoring case


def _lt_status(review: ReviewState, person: str) -> str:
    """"accredited", "trainee" or "" for a lead reviewer's Learning Together accreditation."""
    statuses = {a.get("status", "") for a in accreditations(review, person)
                if SCHEME in str(a.get("scheme", "")).lower()}
    return "accredited" if "accredited" in statuses else "trainee" if statuses else ""


def accreditation_warnings(review: ReviewState) -> list[str]:
    leads = [p for p in sorted(review.participants.values(), key=lambda p: p.id)
             if p.role is ParticipantRole.LEAD_REVIEWER]
    status = {p.id: _lt_status(review, p.id) for p in leads}
    accredited = [p.id for p in leads if status[p.id] == "accredited"]
    found = []
    for person in leads:
        who = f"lead reviewer {person.name or person.title} ({person.id})"
        if status[person.id] == "trainee" and not [p for p in accredited if p != person.id]:
            found.append(f"{who} is a trainee in Learning Together and no other lead reviewer "
                         "is accredited: a trainee reviews alongside an accredited reviewer")
        elif not status[person.id]:
            found.append(f"no Learning Together accreditation is recorded for {who}; SCIE's "
                         "model is led by accredited, supervised reviewers (record it with "
                         f"`casereview record {review.id} accreditation --template`)")
    return found


# Wordings that take the answer for granted: a failure, a missed chance, what should have been.
_PRESUPPOSES = re.compile(
    r"\b(fail(ed|ure|ures|ing)? to|failures?|missed opportunit(y|ies)|should have|"
    r"could have prevented|was (it|this) preventable|who (was|is) to blame|"
    r"why (did|was) no ?one)\b",
    re.IGNORECASE)


def review_question_warnings(review: ReviewState) -> list[str]:
    question = review.header.terms_of_reference if review.header else ""
    if not question.strip():
        return ["no review question is recorded yet: Learning Together asks one or a few open "
                "questions the case can answer about the system"]
    found = []
    for match in dict.fromkeys(m.group(0).lower() for m in _PRESUPPOSES.finditer(question)):
        found.append(f"the review question says {match!r}: it may presuppose its answer. "
                     "Learning Together keeps the enquiry open (for example 'How well did ...?' "
                     "or 'What made ... make sense at the time?')")
    return found
