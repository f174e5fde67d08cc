"""Which NPSA report parts the level of investigation requires, and which the review has not
written yet. The level decides the parts (taxonomy.Variant.required_parts)."""

from __future__ import annotations

from collections.abc import Callable

from core.kernel.state import ReviewState
from rca import records as r
from rca.plan import variant_of
from rca.taxonomy import REPORT_PARTS


def _incident(attribute: str) -> Callable[[ReviewState], bool]:
    def written(state: ReviewState) -> bool:
        incident = r.incident(state)
        return bool(incident and getattr(incident, attribute))
    return written


WRITTEN: dict[str, Callable[[ReviewState], bool]] = {
    "executive_summary": _incident("executive_summary"),
    "incident": lambda s: r.incident(s) is not None,
    "risk_assessment": _incident("risk_assessment"),
    "background": _incident("background"),
    "terms_of_reference": lambda s: bool(_incident("terms_of_reference")(s)
                                         or (s.header and s.header.terms_of_reference)),
    "team": _incident("team"),
    "scope_and_level": _incident("scope"),
    "methods": _incident("methods"),
    "family_involvement": _incident("family_involvement"),
    "staff_involvement": _incident("staff_involvement"),
    "information": _incident("information"),
    "chronology": lambda s: r.timeline(s) is not None,
    "detection": _incident("detection_point"),
    "notable_practice": lambda s: bool(r.notable_practice(s)),
    "problems": lambda s: bool(r.problems(s)),
    "factors": lambda s: bool(r.factors(s)),
    "root_causes": lambda s: bool(r.root_causes(s)),
    "lessons": lambda s: bool(r.lessons(s)),
    "recommendations": lambda s: bool(r.recommendations(s)),
    "shared_learning": _incident("shared_learning"),
    "distribution": _incident("distribution"),
    "action_plan": lambda s: bool(s.actions),
}


def missing_parts(state: ReviewState) -> list[str]:
    """One message per report part the review's level requires and has not written."""
    v = variant_of(state, None)
    level = f"level {v.level}" if v.level else "a PSIRF learning response"
    return [f"{REPORT_PARTS[part][0]} is required at {level} and is not written yet"
            for part in v.required_parts if not WRITTEN[part](state)]
