"""Commissioning a review: the methodology, the people, the agencies, and independence.

Seed 2.6 and principle 1.3: a lead reviewer is independent of the organisations involved in the
case. The core refuses a lead reviewer who works or has worked for an agency involved in the
review, naming the agency, and will not let a review gather evidence while that is so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from attrs import evolve

from core.kernel import state as st
from core.kernel.corrections import refuse_reuse, used_ids, withdrawal
from core.kernel.dates import long_date
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.ids import next_id
from core.kernel.lifecycle import Stage
from core.kernel.model import Agency, AgencyKind, Involvement, Participant, ParticipantRole
from core.statutory.chooser import CONTRIBUTION, EXCLUDED, compare
from core.statutory.comparison import summary, to_data
from core.statutory.profile import FAMILY_OFFER_RECORD, known, profile_from_review
from core.statutory.regimes import APPOINTED_RECORD, DECISION_RECORD, current
from core.statutory.status import StatusSection

if TYPE_CHECKING:
    from core.kernel.state import ReviewState
    from core.plugin_api.methodology import CaseProfile, ReviewPlan
    from core.plugin_api.plugins import PluginHost
    from core.plugin_api.reviews import Reviews

NAMED_ROLES = (ParticipantRole.LEAD_REVIEWER, ParticipantRole.CHAIR)  # named to the Panel
# Records: a lead reviewer's statement of independence (participant id -> {statement, on}) and
# the offer to the family to take part (FAMILY_OFFER_RECORD, read by the chooser's profile too).
INDEPENDENCE_RECORD = "commissioning/independence"
FAMILY_RESPONSES = ("accepted", "declined", "awaiting")
# Why this methodology was chosen (key "current" -> {methodology, rationale}), for the report.
RATIONALE_RECORD = "commissioning/rationale"
# What the chooser made of the case when the methodology was commissioned (key "current"): its
# suggestion beside the partnership's choice, for the report's "why this methodology".
CHOICE_RECORD = "commissioning/choice"


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def conflicts(participant: Participant, agencies: Iterable[str]) -> list[str]:
    """The involved agencies that employ or have employed `participant`."""
    employers = [e for e in (participant.agency, *participant.employers) if e.strip()]
    return [a for a in agencies if any(_same(a, e) for e in employers)]


def _who(participant: Participant) -> str:
    return participant.name or f"the {participant.title}"


def independence_problems(review: ReviewState) -> list[str]:
    problems = []
    for person in review.participants.values():
        if person.role is not ParticipantRole.LEAD_REVIEWER:
            continue
        for agency in conflicts(person, review.agencies):
            problems.append(f"lead reviewer {_who(person)} ({person.id}) is or was employed by "
                            f"{agency}, an agency involved in this review; a lead reviewer must be "
                            "independent of the agencies involved, and a statement of "
                            "independence does not change that: appoint another reviewer, or "
                            f"correct their employers if they are wrong (`casereview correct "
                            f"{review.id} person {person.id} --set employers=... --reason ...`)")
    return problems


def lead_reviewers(review: ReviewState) -> list[Participant]:
    return [p for p in review.participants.values() if p.role is ParticipantRole.LEAD_REVIEWER]


def reviewers_required(review: ReviewState) -> int | None:
    decision = current(review, DECISION_RECORD) or {}
    return decision.get("lead_reviewers_required")


def check_commissioning(review: ReviewState, source: str, target: str) -> list[str]:
    """Lifecycle guard commissioning -> evidence: independent reviewers, as many as needed."""
    if (source, target) != (Stage.COMMISSIONING.value, Stage.EVIDENCE.value):
        return []
    reasons = independence_problems(review)
    needed, have = reviewers_required(review), len(lead_reviewers(review))
    if needed and have < needed:
        kind = ((current(review, DECISION_RECORD) or {}).get("review_kind") or "").replace("_", " ")
        reasons.append(f"a {kind} needs {needed} lead reviewers; {have} appointed")
    return reasons


# -- changes -------------------------------------------------------------------------------------


def commission(reviews: Reviews, review_id: str, methodology: str, variant: str | None,
               terms_of_reference: str | None,
               rationale: str | None = None,
               profile: CaseProfile | None = None) -> tuple[ReviewState, ReviewPlan | None]:
    """Choose the methodology (and variant), set the terms of reference and record why this
    methodology was chosen (`rationale`, for the report); return the methodology's plan.

    The chooser is asked too, on what the review's records say (and `profile`, if given): a
    method the regime rules out is refused, and a choice that differs from the chooser's
    suggestion, or that the regime allows only as a contribution, needs a rationale. Both
    answers are recorded side by side."""
    state = reviews.load(review_id)
    if state.stage is not Stage.COMMISSIONING:
        raise InvalidValue(f"review {review_id} is at stage {state.stage.label}; a review is "
                           "commissioned at the commissioning stage (`casereview move REVIEW "
                           "commissioning` after the Chair's decision)")
    method = reviews.host.methodology(methodology)
    variant = variant or method.default_variant
    if variant is not None and method.variants and variant not in method.variants:
        raise InvalidValue(f"{method.title} has no variant {variant!r}; its variants: "
                           f"{', '.join(method.variants)}")
    if variant is not None and not method.variants:
        raise InvalidValue(f"{method.title} has no variants; leave out --variant")
    changes: dict[str, Any] = {"methodology": method.name, "variant": variant}
    if terms_of_reference is not None:
        changes["terms_of_reference"] = terms_of_reference
    kept = rationale_of(state) if state.methodology == method.name else ""
    why = _rationale_text(rationale) if rationale is not None else kept
    choice = choice_record(reviews.host, state, method.name, bool(why), profile)
    state = reviews.write(state, [
        st.amend(**changes),
        st.put_record(RATIONALE_RECORD, "current", {"methodology": method.name, "rationale": why}),
        st.put_record(CHOICE_RECORD, "current", choice),
    ])
    plan = reviews.host.call_methodology(method.name, "plan_review", review=state,
                                         variant=variant)
    return state, plan


def choice_record(host: PluginHost, state: ReviewState, chosen: str, has_rationale: bool,
                  profile: CaseProfile | None = None) -> dict[str, Any]:
    """The chooser's answer beside the partnership's choice; refuses what the law rules out and
    a departure from the suggestion that gives no reason."""
    base = profile_from_review(state, host)
    if profile is not None:
        base = evolve(base, **known(profile))
    comparison = compare(host, base)
    option = comparison.option(chosen)
    title = host.methodologies[chosen].title
    if option is not None and option.standing == EXCLUDED:
        raise InvalidValue(f"{title} cannot be this review's method: "
                           + "; ".join(r.text for r in option.rules)
                           + ". See `casereview choose " + state.id + "` for the methods "
                           "the law allows")
    top = comparison.top
    departs = top is not None and top.methodology != chosen
    contribution = option is not None and option.standing == CONTRIBUTION
    if (departs or contribution) and not has_rationale:
        because = ("the regime allows it only as a contribution: "
                   + "; ".join(r.text for r in option.rules)) if contribution and option else \
            f"the chooser suggested {top.title if top else 'another method'}"
        raise InvalidValue(f"say why the partnership chose {title} (--rationale): {because}")
    data = to_data(comparison)
    return {
        "chosen": chosen, "suggested": top.methodology if top else None,
        "suggested_title": top.title if top else None,
        "suggested_score": top.score if top else None,
        "chosen_standing": data["options"][comparison.options.index(option)]["standing"]
        if option else None,
        "rules": [r.text for r in option.rules] if option else [],
        "summary": summary(comparison), "regime": comparison.regime,
        "notes": data["notes"], "profile": data["profile"],
    }


def choice_of(state: ReviewState) -> dict[str, Any]:
    """The chooser's answer recorded when the current methodology was commissioned, or {}."""
    record = state.record_collection(CHOICE_RECORD).get("current") or {}
    return record if record.get("chosen") == state.methodology else {}


def record_rationale(reviews: Reviews, review_id: str, rationale: str) -> ReviewState:
    """Record, or reword, why the review's methodology was chosen, at any stage after it was."""
    state = reviews.load(review_id)
    if not state.methodology:
        raise InvalidValue(f"review {review_id} has no methodology yet; give --methodology with "
                           "--rationale at commissioning")
    return reviews.write(state, [st.put_record(RATIONALE_RECORD, "current", {
        "methodology": state.methodology, "rationale": _rationale_text(rationale)})])


def rationale_of(state: ReviewState) -> str:
    """Why the review's current methodology was chosen, as recorded ("" if it was not)."""
    record = state.record_collection(RATIONALE_RECORD).get("current") or {}
    if record.get("methodology") != state.methodology:
        return ""  # a reason given for another methodology, since replaced
    return str(record.get("rationale") or "")


def _rationale_text(text: str) -> str:
    text = text.strip()
    if len(text.split()) < 5:
        raise InvalidValue("say in a sentence or more why this methodology suits this review "
                           "(--rationale); the report gives it under 'Why this methodology was "
                           "chosen'")
    return text


def add_participant(reviews: Reviews, review_id: str, *, role: str, title: str,
                    agency: str = "", name: str = "", employers: Iterable[str] = (),
                    participant_id: str | None = None,
                    appointed_on: dt.date | None = None, involvement: str | None = None,
                    involvement_note: str = "") -> tuple[ReviewState, Participant]:
    state = reviews.load(review_id)
    role_value = ParticipantRole(role)
    if name.strip() and role_value not in NAMED_ROLES:
        role_name = role_value.value.replace("_", " ")
        raise InvalidValue(f"only lead reviewers and chairs are named; a {role_name} is known by "
                           "role and title (leave out --name)")
    pid = participant_id or next_id(used_ids(state, "participants"), "P")
    refuse_reuse(state, "participants", pid)
    if pid in state.participants:
        raise InvalidValue(f"there is already a participant {pid}")
    person = Participant(id=pid, role=role_value, title=title, agency=agency.strip(),
                         name=name.strip(), employers=tuple(e.strip() for e in employers),
                         involvement=involvement, involvement_note=involvement_note.strip())
    events = [st.put("participants", person)]
    if role_value is ParticipantRole.LEAD_REVIEWER:
        found = conflicts(person, state.agencies)
        if found:
            raise InvalidValue(f"{_who(person)} cannot be a lead reviewer: they are or were "
                               f"employed by {', '.join(found)}, involved in this review; a lead "
                               "reviewer must be independent of the agencies involved")
        on = appointed_on or dt.date.today()
        events.append(st.put_record(APPOINTED_RECORD, pid, {"on": on.isoformat()}))
    return reviews.write(state, events), person


def remove_participant(reviews: Reviews, review_id: str, participant_id: str,
                       reason: str) -> ReviewState:
    """Withdraw a participant, saying why; their id is never given to anyone else."""
    state = reviews.load(review_id)
    if participant_id not in state.participants:
        raise NotFound(f"no participant {participant_id!r} in review {review_id}; see "
                       "`casereview people REVIEW list`")
    events = [withdrawal(state, "participants", participant_id, reason)]
    for record in (APPOINTED_RECORD, INDEPENDENCE_RECORD):
        if participant_id in state.record_collection(record):
            events.append(st.remove_record(record, participant_id))
    return reviews.write(state, events)


def record_independence(reviews: Reviews, review_id: str, participant_id: str, statement: str,
                        on: dt.date) -> ReviewState:
    """Keep a lead reviewer's statement of independence (a quality marker of commissioning;
    a Welsh report carries the reviewers' statements)."""
    state = reviews.load(review_id)
    person = state.participants.get(participant_id)
    if person is None or person.role is not ParticipantRole.LEAD_REVIEWER:
        leads = ", ".join(p.id for p in lead_reviewers(state)) or "none appointed yet"
        raise NotFound(f"{participant_id!r} is not a lead reviewer of review {review_id}; its "
                       f"lead reviewers: {leads}")
    if not statement.strip():
        raise InvalidValue("give the statement of independence in the reviewer's words "
                           "(--statement)")
    return reviews.write(state, [st.put_record(INDEPENDENCE_RECORD, participant_id, {
        "statement": statement.strip(), "on": on.isoformat()})])


def record_family_offer(reviews: Reviews, review_id: str, offered_on: dt.date,
                        response: str) -> ReviewState:
    """Keep that the family was offered a part in the review, and their answer so far."""
    if response not in FAMILY_RESPONSES:
        raise InvalidValue(f"the family's response is one of {', '.join(FAMILY_RESPONSES)}, not "
                           f"{response!r}")
    state = reviews.load(review_id)
    if offered_on < state.review.notified_on:
        raise InvalidValue(f"the offer ({long_date(offered_on)}) cannot come before the "
                           f"notification ({long_date(state.review.notified_on)})")
    return reviews.write(state, [st.put_record(FAMILY_OFFER_RECORD, "current", {
        "offered_on": offered_on.isoformat(), "response": response})])


def record_involvement(reviews: Reviews, review_id: str, participant_id: str, involvement: str,
                       note: str = "") -> ReviewState:
    """Record a person's answer to the invitation to take part: took part (the note says how),
    declined, or not approached (the note gives the reviewers' reason, which is required)."""
    state = reviews.load(review_id)
    person = state.participants.get(participant_id)
    if person is None:
        raise NotFound(f"no participant {participant_id!r} in review {review_id}; see "
                       "`casereview people REVIEW list`")
    try:
        chosen = Involvement(involvement)
    except ValueError:
        allowed = ", ".join(i.value for i in Involvement)
        raise InvalidValue(f"{involvement!r} is not an answer to the invitation; use one of: "
                           f"{allowed}") from None
    changed = evolve(person, involvement=chosen, involvement_note=note.strip())
    return reviews.write(state, [st.put("participants", changed)])


def add_agency(reviews: Reviews, review_id: str, name: str,
               kind: str = "other") -> tuple[ReviewState, list[str]]:
    """Record an agency as involved; returns the lead reviewers it employs or employed (the
    guard holds the review at commissioning until that is resolved)."""
    state = reviews.load(review_id)
    if any(_same(name, known) for known in state.agencies):
        raise InvalidValue(f"{name} is already recorded as involved in review {review_id}")
    agency = Agency(name=name.strip(), kind=AgencyKind(kind))
    state = reviews.write(state, [st.put("agencies", agency)])
    return state, [_who(p) for p in lead_reviewers(state) if conflicts(p, [agency.name])]


def status_section(host: PluginHost, state: ReviewState, today: dt.date) -> StatusSection | None:
    review = state.review
    if not (review.methodology or state.participants or state.agencies):
        return None
    lines = [f"Methodology: {review.methodology or 'not chosen yet'}"
             + (f" ({review.variant})" if review.variant else "")]
    reviewers = lead_reviewers(state)
    lines.append("Lead reviewers: " + (", ".join(_who(p) for p in reviewers) or "none appointed"))
    lines.append(f"Agencies involved: {', '.join(sorted(state.agencies)) or 'none recorded'}")
    warnings = independence_problems(state)
    needed = reviewers_required(state)
    if needed and len(reviewers) < needed:
        warnings.append(f"this review needs {needed} lead reviewers; {len(reviewers)} appointed")
    return StatusSection("commissioning", "Commissioning", (), lines, warnings)
