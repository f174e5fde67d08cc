"""What rests on what: the evidence behind a finding (gathered from the items it links), and
the hindsight flags on a care delivery problem that cites no standard or leans on the outcome.
"""

from __future__ import annotations

from attrs import evolve

from core.kernel.model import Finding
from core.kernel.state import ReviewState
from rca import records as r
from rca.taxonomy import OUTCOME_WORDING


def hindsight_flags(problem: r.Problem) -> list[str]:
    """Why a care delivery problem may rest on the outcome rather than on a standard."""
    flags = []
    if problem.kind == "cdp" and not problem.standards:
        flags.append("this care delivery problem cites no standard for what should have "
                     "happened, so only the outcome justifies it; cite the policy or "
                     "acceptable practice in force at the time (hindsight)")
    wording = OUTCOME_WORDING.search(" ".join((problem.justification, problem.act_or_omission)))
    if wording:
        flags.append(f"its justification says {wording.group(0)!r}: judge the care on what was "
                     "known and expected at the time, not on what happened afterwards "
                     "(hindsight)")
    return flags


def linked_evidence(state: ReviewState, finding: Finding) -> list[str]:
    """The chronology entries and evidence behind what a finding links (its root causes,
    problems, incidental findings and notable practice), each once."""
    d = r.finding_details(finding)
    problems = {p.id: p for p in r.problems(state)}
    by_problem: dict[str, list[r.Factor]] = {}
    factor_by_id = {}
    for f in r.factors(state):
        by_problem.setdefault(f.problem, []).append(f)
        factor_by_id[f.id] = f
    ids: list[str] = []

    def problem_evidence(pid: str) -> None:
        p = problems.get(pid)
        if p:
            ids.extend(x.entry_id for x in p.rows)
            ids.extend(p.standards)
            for f in by_problem.get(pid, []):
                ids.extend(s.id for s in f.sources)

    for rc in r.root_causes(state):
        if rc.id in d["root_causes"]:
            for fid in rc.factors:
                if fid in factor_by_id:
                    ids.extend(s.id for s in factor_by_id[fid].sources)
            for pid in rc.problems:
                problem_evidence(pid)
    for pid in d["problems"]:
        problem_evidence(pid)
    for incidental in r.incidental_findings(state):
        if incidental.id in d["incidental"]:
            ids.extend(s.id for s in incidental.sources)
    for notable in r.notable_practice(state):
        if notable.id in d["notable"]:
            ids.extend(x.entry_id for x in notable.rows)
    return list(dict.fromkeys(ids))


def with_evidence(state: ReviewState, finding: Finding) -> Finding:
    """The finding citing the evidence behind what it links, then what it cites itself."""
    ids = list(dict.fromkeys([*linked_evidence(state, finding), *finding.evidence_ids]))
    return evolve(finding, evidence_ids=tuple(ids))
