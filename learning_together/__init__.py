"""SCIE Learning Together (the systems model), as a casereview methodology plugin.

The small public face: pluggy registers this package module, so every hook implementation is
imported here from the module that owns it. The method's vocabularies are in `taxonomy`, its
records in `records`, and its YAML reading in `reading` and `loading`.
"""

from __future__ import annotations

from learning_together.analysis import build_causal_graph, structure_evidence
from learning_together.checks import check_stage
from learning_together.cli import register_commands
from learning_together.descriptor import (
    DESCRIPTOR,
    assess_fit,
    register_methodologies,
    register_taxonomies,
)
from learning_together.meetings import plan_learning_event, take_contribution
from learning_together.patterns import check_finding, derive_findings
from learning_together.plan import (
    agency_submission_form,
    check_methodology_transition,
    plan_review,
)
from learning_together.report import report_sections

__all__ = [
    "DESCRIPTOR",
    "agency_submission_form",
    "assess_fit",
    "build_causal_graph",
    "check_finding",
    "check_methodology_transition",
    "check_stage",
    "derive_findings",
    "plan_learning_event",
    "plan_review",
    "register_commands",
    "register_methodologies",
    "register_taxonomies",
    "report_sections",
    "structure_evidence",
    "take_contribution",
]
