"""Appreciative Inquiry, as a casereview methodology plugin: the 5-D cycle (Define, Discover,
Dream, Design, Destiny) applied to a case review, with an honest record of what went wrong.

The small public face: every run of the command line loads it, so each hook here stands in for
the module owning it until its first call (see core.plugin_api.lazy). The vocabularies are in
`taxonomy`, the records in `records`, the YAML reading in `reading` and `loading`, and the
honesty gate in `honesty`.
"""

from __future__ import annotations

from core.plugin_api.lazy import lazy_hookimpl

# Registration
register_methodologies = lazy_hookimpl("appreciative_inquiry.descriptor:register_methodologies")
register_taxonomies = lazy_hookimpl("appreciative_inquiry.descriptor:register_taxonomies")
register_commands = lazy_hookimpl("appreciative_inquiry.cli:register_commands")

# Methodology hooks
assess_fit = lazy_hookimpl("appreciative_inquiry.descriptor:assess_fit")
plan_review = lazy_hookimpl("appreciative_inquiry.plan:plan_review")
agency_submission_form = lazy_hookimpl("appreciative_inquiry.plan:agency_submission_form")
check_methodology_transition = lazy_hookimpl(
    "appreciative_inquiry.plan:check_methodology_transition")
structure_evidence = lazy_hookimpl("appreciative_inquiry.analysis:structure_evidence")
build_causal_graph = lazy_hookimpl("appreciative_inquiry.analysis:build_causal_graph")
plan_learning_event = lazy_hookimpl("appreciative_inquiry.events:plan_learning_event")
take_contribution = lazy_hookimpl("appreciative_inquiry.events:take_contribution")
derive_findings = lazy_hookimpl("appreciative_inquiry.findings:derive_findings")
check_finding = lazy_hookimpl("appreciative_inquiry.findings:check_finding")
report_sections = lazy_hookimpl("appreciative_inquiry.report:report_sections")
load_material = lazy_hookimpl("appreciative_inquiry.loading:load_material")
material_templates = lazy_hookimpl("appreciative_inquiry.templates_yaml:material_templates")
example_material = lazy_hookimpl("appreciative_inquiry.loading:example_material")

# Cross-cutting hooks
check_stage = lazy_hookimpl("appreciative_inquiry.checks:check_stage",
                             only_for="appreciative-inquiry")  # only its own reviews
