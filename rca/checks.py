"""The method's checks: at each stage (`check_stage`), on a finding before it is recorded
(`check_finding`), and the suggestions it offers (`derive_findings`, never final).

Problems are what the method forbids (a level 3 investigation without an independent lead,
causality wording in a PSIRF learning response, a finding linking what the review does not
hold); warnings are what a reviewer should look at (a problem with no evidenced factor, a root
cause no problem reaches, a care delivery problem resting on the outcome, only weaker
recommendations, report parts the level requires but the review has not written).
"""

from __future__ import annotations

from typing import Any

from attrs import evolve

from core import hookimpl
from core.kernel.lifecycle import ORDER, Stage
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import ReviewState
from rca import records as r
from rca.evidence import hindsight_flags, linked_evidence
from rca.plan import independence_problems, variant_of
from rca.report_parts import missing_parts
from rca.taxonomy import FINDING_KINDS, METHODOLOGY, causality_words


def _check(level: str, check: str, message: str) -> dict[str, str]:
    return {"level": level, "check": check, "message": message}


def _reached(stage: str, since: Stage) -> bool:
    return ORDER.index(Stage(stage)) >= ORDER.index(since)


def analysis_warnings(state: ReviewState) -> list[dict[str, str]]:
    found = []
    problems = r.problems(state)
    factors = r.factors(state)
    roots = r.root_causes(state)
    chains = r.whys(state)
    for p in problems:
        if not any(f.problem == p.id and f.sources for f in factors):
            found.append(_check("warning", "contributory factors", f"{p.id} has no "
                                "contributory factor with evidence yet"))
        found += [_check("warning", "hindsight", f"{p.id}: {m}") for m in hindsight_flags(p)]
    problem_ids = {p.id for p in problems}
    for rc in roots:
        reached = [pid for pid in rc.problems if pid in problem_ids]
        chained = any(c.ends_at == rc.id for c in chains)
        if not reached:
            found.append(_check("warning", "root causes", f"{rc.id} is reached from no "
                                "care or service delivery problem the review holds"))
        elif not chained and not rc.factors:
            found.append(_check("warning", "root causes", f"{rc.id} rests on no five-whys "
                                "chain and no contributory factor: say how it was reached"))
    factor_ids = {f.id for f in factors} | {rc.id for rc in roots}
    for c in chains:
        if c.ends_at not in factor_ids:
            found.append(_check("problem", "five whys", f"{c.id} ends at {c.ends_at}, which is "
                                "neither a contributory factor nor a root cause"))
        bare = [str(n) for n, step in enumerate(c.steps, 1) if not step.sources]
        if bare:
            found.append(_check("problem", "five whys", f"{c.id}: step {', '.join(bare)} "
                                "has no evidence"))
    if problems and not r.notable_practice(state):
        found.append(_check("warning", "notable practice", "no notable practice is recorded; "
                            "the method looks for what went well too"))
    return found


def recommendation_warnings(state: ReviewState) -> list[dict[str, str]]:
    recs = r.recommendations(state)
    if recs and all(x.strength == "weaker" for x in recs):
        word = "safety action" if r.psirf(state) else "recommendation"
        return [_check("warning", "strength", f"every {word} is weaker (training, policy, "
                       "memo): these rely on people remembering; consider at least one "
                       "stronger or intermediate action that changes the system")]
    return []


def psirf_problems(state: ReviewState) -> list[dict[str, str]]:
    """PSIRF mode: no causality or avoidability wording anywhere the response writes."""
    if not r.psirf(state):
        return []
    found = []
    if r.root_causes(state) or r.whys(state):
        found.append(_check("problem", "PSIRF", "root causes or five whys are recorded; a "
                            "PSIRF learning response makes no judgement of causality"))
    texts: list[tuple[str, str]] = []
    for p in r.problems(state):
        texts += [(p.id, p.title), (p.id, p.act_or_omission), (p.id, p.justification)]
    texts += [(f.id, f.text) for f in r.factors(state)]
    texts += [(x.id, x.text) for x in r.recommendations(state)]
    for finding in state.findings.values():
        texts += [(finding.id, finding.title), (finding.id, finding.statement)]
    for where, text in texts:
        words = causality_words(text)
        if words:
            found.append(_check("problem", "PSIRF", f"{where} uses {', '.join(words)}: a "
                                "PSIRF learning response makes no judgement of causality or "
                                "avoidability"))
    return found


@hookimpl
def check_stage(review: ReviewState, stage: str) -> list[dict[str, str]]:
    if review.methodology != METHODOLOGY:
        return []
    found: list[dict[str, str]] = []
    if _reached(stage, Stage.COMMISSIONING):
        try:
            variant_of(review, None)
        except Exception as error:  # an unknown variant: say so rather than fail the checks
            return [_check("problem", "level", str(error))]
        found += [_check("problem", "independence", m) for m in independence_problems(review)]
    if _reached(stage, Stage.ANALYSIS):
        found += analysis_warnings(review)
        found += psirf_problems(review)
    if _reached(stage, Stage.FINDINGS):
        found += recommendation_warnings(review)
        for finding in review.findings.values():
            if finding.status is FindingStatus.SUGGESTED:
                found.append(_check("warning", "suggestions", f"{finding.id} is a suggestion "
                                    "waiting for a reviewer to accept or dismiss it"))
    if _reached(stage, Stage.REPORT):
        found += [_check("warning", "report parts", m) for m in missing_parts(review)]
    return found


@hookimpl
def check_finding(review: ReviewState, methodology: str, finding: Finding, status: str
                  ) -> list[dict[str, str]]:
    d = r.finding_details(finding)
    found = []
    if d["kind"] and d["kind"] not in FINDING_KINDS:
        found.append(_check("problem", "kind", f"{d['kind']!r} is not a kind of finding here"))
    held = {
        "root_causes": set(review.record_collection(r.ROOT_CAUSES)),
        "problems": set(review.record_collection(r.PROBLEMS)),
        "incidental": set(review.record_collection(r.INCIDENTAL)),
        "notable": set(review.record_collection(r.NOTABLE)),
    }
    for key, ids in held.items():
        missing = [x for x in d[key] if x not in ids]
        if missing:
            found.append(_check("problem", "links", f"it links {key.replace('_', ' ')} the "
                                f"review does not hold: {', '.join(missing)}"))
    if r.psirf(review):
        words = causality_words(" ".join((finding.title, finding.statement)))
        if words:
            found.append(_check("problem", "PSIRF", f"{finding.id} uses {', '.join(words)}; a "
                                "PSIRF learning response makes no judgement of causality or "
                                "avoidability"))
        if d["kind"] == "root_cause":
            found.append(_check("problem", "PSIRF", "a PSIRF learning response records areas "
                                "for improvement, not root causes"))
    if status == "final" and d["kind"] == "root_cause" and not d["root_causes"]:
        found.append(_check("problem", "root cause", f"before {finding.id} is final: link the "
                            "root cause it states"))
    return found


def suggested_findings(state: ReviewState) -> list[Finding]:
    """A root cause no finding takes up is offered as a candidate finding — a suggestion."""
    if r.psirf(state):
        return []
    taken = {x for f in state.findings.values() for x in r.finding_details(f)["root_causes"]}
    suggestions = []
    for rc in r.root_causes(state):
        if rc.id in taken:
            continue
        suggestion = Finding(
            f"S-{rc.id}", f"Candidate finding: {rc.title}",
            f"Root cause {rc.id} is not yet the subject of a finding. A reviewer decides "
            "whether to state it as one.", category="root_cause",
            status=FindingStatus.SUGGESTED,
            details={"kind": "root_cause", "root_causes": [rc.id],
                     "suggested_from": {"root_cause": rc.id}})
        suggestions.append(evolve(suggestion, evidence_ids=linked_evidence(state, suggestion)))
    return suggestions


@hookimpl
def derive_findings(review: ReviewState, methodology: str) -> list[Any]:
    recorded = sorted(review.findings.values(), key=lambda f: f.id)
    return recorded + [s for s in suggested_findings(review) if s.id not in review.findings]
