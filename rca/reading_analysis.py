"""Reading the investigation team's YAML, part two: the analysis (problems, contributory factors,
five whys, root causes, notable practice, incidental findings, lessons), the findings, and the
graded recommendations with their options appraisal.

Links between items are checked across files: a factor names a problem, a chain ends at a
factor or root cause, a recommendation names findings and root causes that exist.
"""

from __future__ import annotations

from typing import Any

from core.kernel.model import Finding
from rca.reading import Reader
from rca.records import (
    Factor,
    Incidental,
    Lesson,
    Notable,
    Option,
    Problem,
    Recommendation,
    RootCause,
    WhyChain,
    WhyStep,
)
from rca.taxonomy import (
    FACTOR_TAXONOMIES,
    FINDING_KINDS,
    LESSON_STAGES,
    LEVELS_FOR_ACTION,
    PROBLEM_KINDS,
    STRENGTHS,
    causality_words,
)

ANALYSIS_KEYS = ("problems", "factors", "whys", "root_causes", "notable_practice",
                 "incidental_findings", "lessons")


class Analysis:
    """Everything read from the analysis file, with the ids each kind knows."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.factors: list[Factor] = []
        self.whys: list[WhyChain] = []
        self.root_causes: list[RootCause] = []
        self.notable: list[Notable] = []
        self.incidental: list[Incidental] = []
        self.lessons: list[Lesson] = []


def _link(reader: Reader, item: dict[str, Any], key: str, at: str, known: set[str],
          declared: set[str], what: str) -> str:
    """One id naming an item of this file (a problem, a factor ...), or a problem that says
    whether it is missing or only has problems of its own."""
    value = reader.text(item, key, at)
    if value and value not in known:
        _unknown(reader, f"{at}.{key}", value, known, declared, what)
        return ""
    return value


def _unknown(reader: Reader, at: str, value: str, known: set[str], declared: set[str],
             what: str) -> None:
    if value in declared:
        reader.problem(at, f"{what} {value!r} has problems of its own, listed here; fix those "
                       "first")
    else:
        reader.problem(at, f"no {what} {value!r}", "one of " + (", ".join(sorted(known))
                                                                or f"the {what} ids of this file"))


def read_analysis(reader: Reader, data: Any, *, psirf: bool) -> Analysis:
    out = Analysis()
    if not isinstance(data, dict):
        reader.problem("analysis", "expected a mapping with " + ", ".join(ANALYSIS_KEYS))
        return out
    reader.known_keys(data, "", ANALYSIS_KEYS)
    if psirf:
        for key in ("whys", "root_causes"):
            if data.get(key):
                reader.problem(key, "a PSIRF learning response makes no judgement of causality: "
                               "it records work-system factors, not five whys or root causes",
                               "remove it, or commission a level 1, 2 or 3 investigation")
    seen: set[str] = set()
    for at, item in reader.items(data, "problems"):
        reader.known_keys(item, at, ("id", "kind", "title", "act_or_omission", "rows",
                                     "standards", "expected", "justification", "effect"))
        pid = reader.unique_id(item, at, seen)
        kind = reader.choice(item, "kind", at, PROBLEM_KINDS)
        title, act = reader.text(item, "title", at), reader.text(item, "act_or_omission", at)
        rows = reader.entries(item, "rows", at)
        standards = reader.evidence_ids(item, "standards", at)
        if pid and kind and title and act and rows:
            out.problems.append(Problem(pid, kind, title, act, rows, standards, **{
                k: reader.text(item, k, at, required=False)
                for k in ("expected", "justification", "effect")}))
    problem_ids = {p.id for p in out.problems}
    allowed = ("seips",) if psirf else ("npsa", "london_protocol")
    for at, item in reader.items(data, "factors", required=False):
        reader.known_keys(item, at, ("id", "problem", "taxonomy", "category", "text", "effect",
                                     "evidence"))
        fid = reader.unique_id(item, at, seen)
        problem = _link(reader, item, "problem", at, problem_ids, seen, "problem")
        taxonomy = str(item.get("taxonomy") or allowed[0])
        if taxonomy not in allowed:
            reader.problem(f"{at}.taxonomy", f"{taxonomy!r} is not used in this mode",
                           "one of " + ", ".join(allowed))
            continue
        category = reader.choice(item, "category", at, FACTOR_TAXONOMIES[taxonomy])
        effect = reader.choice(item, "effect", at, ("helped", "hindered"))
        text, sources = reader.text(item, "text", at), reader.sources(item, "evidence", at)
        if fid and problem and category and effect and text and sources:
            out.factors.append(Factor(fid, problem, taxonomy, category, text, effect, sources))
    taxonomy_of: dict[str, str] = {}
    for f in out.factors:
        first = taxonomy_of.setdefault(f.problem, f.taxonomy)
        if first != f.taxonomy:
            reader.problem("factors", f"{f.id} uses the {f.taxonomy} categories but {f.problem}'s "
                           f"other factors use {first}; one fishbone or grid per problem "
                           "needs one taxonomy")
    factor_ids = {f.id for f in out.factors}
    root_items = reader.items(data, "root_causes", required=False)
    root_ids = {str(item.get("id") or "") for _, item in root_items}
    for at, item in reader.items(data, "whys", required=False):
        reader.known_keys(item, at, ("id", "problem", "steps", "ends_at"))
        wid = reader.unique_id(item, at, seen)
        problem = _link(reader, item, "problem", at, problem_ids, seen, "problem")
        ends_at = _link(reader, item, "ends_at", at, factor_ids | root_ids, seen | root_ids,
                        "contributory factor or root cause")
        steps = []
        for sat, step in reader.items(item, "steps"):
            sat = f"{at}.{sat}"
            reader.known_keys(step, sat, ("why", "because", "evidence"))
            steps.append(WhyStep(reader.text(step, "why", sat), reader.text(step, "because", sat),
                                 reader.sources(step, "evidence", sat)))
        if wid and problem and ends_at and steps:
            out.whys.append(WhyChain(wid, problem, steps, ends_at))
    for at, item in root_items:
        reader.known_keys(item, at, ("id", "title", "why_fundamental", "problems", "factors"))
        rid = reader.unique_id(item, at, seen)
        linked = reader.texts(item, "problems", at, required=True)
        for i, pid in enumerate(linked, 1):
            if pid not in problem_ids:
                _unknown(reader, f"{at}.problems[{i}]", pid, problem_ids, seen, "problem")
        factors = reader.texts(item, "factors", at)
        for i, fid in enumerate(factors, 1):
            if fid not in factor_ids:
                _unknown(reader, f"{at}.factors[{i}]", fid, factor_ids, seen,
                         "contributory factor")
        title, why = reader.text(item, "title", at), reader.text(item, "why_fundamental", at)
        if rid and title and why and linked:
            out.root_causes.append(RootCause(rid, title, why, linked, factors))
    for at, item in reader.items(data, "notable_practice", required=False):
        reader.known_keys(item, at, ("id", "text", "rows"))
        nid, text = reader.unique_id(item, at, seen), reader.text(item, "text", at)
        rows = reader.entries(item, "rows", at)
        if nid and text and rows:
            out.notable.append(Notable(nid, text, rows))
    for at, item in reader.items(data, "incidental_findings", required=False):
        reader.known_keys(item, at, ("id", "text", "evidence", "action"))
        iid, text = reader.unique_id(item, at, seen), reader.text(item, "text", at)
        sources = reader.sources(item, "evidence", at)
        if iid and text and sources:
            out.incidental.append(Incidental(iid, text, sources,
                                             reader.text(item, "action", at, required=False)))
    for at, item in reader.items(data, "lessons", required=False):
        reader.known_keys(item, at, ("id", "stage", "went", "description", "conclusion",
                                     "recommendation", "sharing", "problems"))
        drawn = reader.texts(item, "problems", at)
        for i, pid in enumerate(drawn, 1):
            if pid not in problem_ids:
                _unknown(reader, f"{at}.problems[{i}]", pid, problem_ids, seen, "problem")
        lid = reader.unique_id(item, at, seen)
        stage = reader.choice(item, "stage", at, LESSON_STAGES)
        went = reader.choice(item, "went", at, ("well", "badly"))
        description, conclusion = (reader.text(item, "description", at),
                                   reader.text(item, "conclusion", at))
        if lid and stage and went and description and conclusion:
            out.lessons.append(Lesson(lid, stage, went, description, conclusion,
                                      reader.text(item, "recommendation", at, required=False),
                                      reader.text(item, "sharing", at, required=False),
                                      drawn))
    if psirf:
        _refuse_causal_wording(reader, data)
    return out


def _refuse_causal_wording(reader: Reader, data: Any, where: str = "") -> None:
    """PSIRF mode: every text a learning response writes is free of causality wording."""
    if isinstance(data, dict):
        for key, value in data.items():
            _refuse_causal_wording(reader, value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data, 1):
            _refuse_causal_wording(reader, value, f"{where}[{i}]")
    elif isinstance(data, str):
        found = causality_words(data)
        if found:
            reader.problem(where, f"a PSIRF learning response makes no judgement of causality "
                           f"or avoidability; reword without: {', '.join(found)}",
                           "what was found about the work system, e.g. 'contributed to', "
                           "'made it harder to', 'a gap between what was expected and what "
                           "happened'")


# -- findings -----------------------------------------------------------------------------

LINKED = {"root_causes": "root cause", "problems": "problem", "incidental": "incidental finding",
          "notable": "notable practice"}
FINDING_KEYS = ("id", "title", "kind", "statement", "root_causes", "problems", "incidental",
                "notable", "evidence", "status")


def read_findings(reader: Reader, data: Any, known: dict[str, set[str]], *, psirf: bool
                  ) -> list[Finding]:
    """Findings: a root cause with its evidence chain, a theme across problems, an incidental
    finding, notable practice, or (PSIRF) an area for improvement. `known` gives the ids of
    each linked kind; evidence ids are gathered by the loader from what is linked."""
    found: list[Any] = []
    seen: set[str] = set()
    kinds = [k for k in FINDING_KINDS if (k == "area_for_improvement") == psirf
             or k in ("incidental", "notable_practice", "problem_theme")]
    for at, item in reader.items(data, "findings"):
        reader.known_keys(item, at, FINDING_KEYS)
        fid = reader.unique_id(item, at, seen)
        kind = reader.choice(item, "kind", at, kinds)
        links = {}
        for key in ("root_causes", "problems", "incidental", "notable"):
            links[key] = list(reader.texts(item, key, at))
            for i, lid in enumerate(links[key], 1):
                if lid not in known[key]:
                    reader.problem(f"{at}.{key}[{i}]", f"no {LINKED[key]} {lid!r} in the "
                                   "analysis", "an id from analysis.yaml")
        if not any(links.values()):
            reader.problem(at, "a finding links what it rests on",
                           "root_causes, problems, incidental or notable")
        status = str(item.get("status") or "draft")
        if status not in ("draft", "final"):
            reader.problem(f"{at}.status", f"{status!r} is not a status here", "draft or final")
            continue
        extra = list(reader.texts(item, "evidence", at))
        for i, eid in enumerate(extra, 1):
            if eid not in reader.evidence and eid not in reader.state.chronology:
                reader.problem(f"{at}.evidence[{i}]", f"no evidence {eid!r} in the review")
        title, statement = reader.text(item, "title", at), reader.text(item, "statement", at)
        if psirf:
            _refuse_causal_wording(reader, item, at)
        if fid and kind and title and statement:
            found.append(Finding(fid, title, statement, category=kind, evidence_ids=extra,
                                 status=status, details={"kind": kind, **links}))
    return found


# -- recommendations (safety actions in the PSIRF mode) ---------------------------------------

RECOMMENDATION_KEYS = ("id", "text", "strength", "level", "owner", "due", "measure",
                       "findings", "root_causes", "sign_off", "options")


def read_recommendations(reader: Reader, data: Any, findings: set[str], roots: set[str], *,
                         psirf: bool) -> list[Recommendation]:
    found: list[Any] = []
    seen: set[str] = set()
    key = "safety_actions" if psirf else "recommendations"
    for at, item in reader.items(data, key):
        reader.known_keys(item, at, RECOMMENDATION_KEYS)
        rid = reader.unique_id(item, at, seen)
        strength = reader.choice(item, "strength", at, STRENGTHS)
        level = reader.choice(item, "level", at, LEVELS_FOR_ACTION)
        owner = reader.text(item, "owner", at)
        reader.role(owner, f"{at}.owner")
        due, measure = reader.day(item, "due", at), reader.text(item, "measure", at)
        linked = reader.texts(item, "findings", at, required=True)
        for i, fid in enumerate(linked, 1):
            if fid not in findings:
                reader.problem(f"{at}.findings[{i}]", f"no finding {fid!r}",
                               "an id from findings.yaml or the review")
        root_ids = reader.texts(item, "root_causes", at)
        if psirf and root_ids:
            reader.problem(f"{at}.root_causes", "a PSIRF safety action answers findings, not "
                           "root causes")
        for i, rc in enumerate(root_ids, 1):
            if rc not in roots:
                reader.problem(f"{at}.root_causes[{i}]", f"no root cause {rc!r}")
        options = []
        for oat, option in reader.items(item, "options", required=False):
            oat = f"{at}.{oat}"
            reader.known_keys(option, oat, ("solution", "strength", "benefits", "drawbacks",
                                            "chosen"))
            solution = reader.text(option, "solution", oat)
            ostrength = reader.choice(option, "strength", oat, STRENGTHS)
            if solution and ostrength:
                options.append(Option(solution, ostrength,
                                      reader.text(option, "benefits", oat, required=False),
                                      reader.text(option, "drawbacks", oat, required=False),
                                      bool(option.get("chosen"))))
        text = reader.text(item, "text", at)
        if psirf:
            _refuse_causal_wording(reader, item, at)
        if rid and text and strength and level and owner and due and measure and linked:
            found.append(Recommendation(rid, text, strength, level, owner, due, measure, linked,
                                        root_ids, reader.text(item, "sign_off", at,
                                                              required=False), options))
    return found
