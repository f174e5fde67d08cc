"""SILP (Significant Incident Learning Process), as a casereview methodology plugin.

SILP is a proprietary method of Review Consulting Ltd; this plugin follows its published
features. The small public face: pluggy registers this package module, and every run of the
command line loads it, so each hook here is a stand-in that imports the module owning it on the
hook's first call (see core.plugin_api.lazy). The vocabularies are in `taxonomy`, the records in
`records`, the YAML reading in `reading*` and `loading`.
"""

from __future__ import annotations

from core.plugin_api.lazy import lazy_hookimpl

# Registration
register_methodologies = lazy_hookimpl("silp.descriptor:register_methodologies")
register_taxonomies = lazy_hookimpl("silp.descriptor:register_taxonomies")
register_commands = lazy_hookimpl("silp.cli:register_commands")

# Methodology hooks
assess_fit = lazy_hookimpl("silp.descriptor:assess_fit")
plan_review = lazy_hookimpl("silp.plan:plan_review")
agency_submission_form = lazy_hookimpl("silp.plan:agency_submission_form")
check_methodology_transition = lazy_hookimpl("silp.plan:check_methodology_transition")
structure_evidence = lazy_hookimpl("silp.analysis:structure_evidence")
build_causal_graph = lazy_hookimpl("silp.analysis:build_causal_graph")
plan_learning_event = lazy_hookimpl("silp.meetings:plan_learning_event")
take_contribution = lazy_hookimpl("silp.meetings:take_contribution")
derive_findings = lazy_hookimpl("silp.findings:derive_findings")
check_finding = lazy_hookimpl("silp.findings:check_finding")
report_sections = lazy_hookimpl("silp.report:report_sections")
load_material = lazy_hookimpl("silp.loading:load_material")
material_templates = lazy_hookimpl("silp.template:material_templates")
example_material = lazy_hookimpl("silp.loading:example_material")

# Cross-cutting hooks
check_stage = lazy_hookimpl("silp.checks:check_stage",
                             only_for="silp")  # only its own reviews
