"""Quality checks an appreciative review shows at each stage (the `check_stage` hook).

Cross-cutting hooks are asked for every review, so these look at the review's methodology
first. Problems are what the method or the regime forbids (no honest record once findings are
being agreed; a commitment without a champion); warnings are for the facilitator to look at
(a deficit-framed question, with a suggested reframe).
"""

from __future__ import annotations

from appreciative_inquiry import records as r
from appreciative_inquiry.framing import framing_notes
from appreciative_inquiry.honesty import honest_record_problems, unanswered_concerns
from appreciative_inquiry.taxonomy import METHODOLOGY
from core import hookimpl
from core.kernel.lifecycle import ORDER, Stage
from core.kernel.state import ReviewState


def _check(level: str, check: str, message: str) -> dict[str, str]:
    return {"level": level, "check": check, "message": message}


def _reached(stage: str, since: Stage) -> bool:
    return ORDER.index(Stage(stage)) >= ORDER.index(since)


def define_checks(state: ReviewState) -> list[dict[str, str]]:
    define = r.define(state)
    if define is None:
        return [_check("warning", "define", "no affirmative topic and interview guide yet "
                       f"(`casereview ai guide {state.id}` suggests one)")]
    return [_check("warning", "deficit-framed question", n.message)
            for n in framing_notes([q.text for q in define.guide])]


def design_checks(state: ReviewState) -> list[dict[str, str]]:
    found = []
    held_themes = {t.id for t in r.themes(state)}
    for p in r.propositions(state):
        if not set(p.themes) & held_themes:
            found.append(_check("problem", "propositions", f"proposition {p.id} is grounded in "
                                "no discovered theme; link at least one"))
    realised = {c.proposition for c in r.commitments(state)}
    for p in r.propositions(state):
        if p.id not in realised:
            found.append(_check("warning", "commitments", f"proposition {p.id} has no "
                                "commitment yet: who will make it happen?"))
    for c in r.commitments(state):
        for what, value in (("an owner", c.owner), ("a champion", c.champion),
                            ("a date", c.due), ("a measure", c.measure)):
            if not value:
                found.append(_check("problem", "commitments", f"commitment {c.id} has no {what}"))
        if c.id not in state.actions:
            found.append(_check("problem", "commitments", f"commitment {c.id} has not become "
                                "an improvement action"))
    return found


@hookimpl
def check_stage(review: ReviewState, stage: str) -> list[dict[str, str]]:
    if review.methodology != METHODOLOGY:
        return []
    found: list[dict[str, str]] = []
    if _reached(stage, Stage.COMMISSIONING):
        found += define_checks(review)
    if _reached(stage, Stage.ANALYSIS):
        if not r.interviews(review):
            found.append(_check("warning", "discover", "no appreciative interview is recorded "
                                "yet"))
        for interview in r.interviews(review):
            missing = [e.ref for e in interview.entries if e.entry_id not in review.chronology]
            if missing:
                found.append(_check("problem", "discover", f"interview {interview.id} cites "
                                    f"entries the chronology no longer holds: "
                                    f"{', '.join(missing)}"))
    if _reached(stage, Stage.FINDINGS):
        found += [_check("problem", "honest record", m) for m in honest_record_problems(review)]
        for concern in unanswered_concerns(review):
            found.append(_check("warning", "honest record", f"concern {concern} is in the "
                                "honest record but no finding takes it up"))
        found += design_checks(review)
    return found
