"""SCIE Learning Together (the systems model), as a casereview methodology plugin.

The small public face: pluggy registers this package module, and every run of the command line
loads it (`casereview --help` too), so each hook here is a stand-in that imports the module
owning it on the hook's first call (see core.plugin_api.lazy). The method's vocabularies are in
`taxonomy`, its records in `records`, and its YAML reading in `reading` and `loading`.
"""

from __future__ import annotations

from core.plugin_api.lazy import lazy_hookimpl

# Registration
register_methodologies = lazy_hookimpl("learning_together.descriptor:register_methodologies")
register_taxonomies = lazy_hookimpl("learning_together.descriptor:register_taxonomies")
register_commands = lazy_hookimpl("learning_together.cli:register_commands")

# Methodology hooks
assess_fit = lazy_hookimpl("learning_together.descriptor:assess_fit")
plan_review = lazy_hookimpl("learning_together.plan:plan_review")
agency_submission_form = lazy_hookimpl("learning_together.plan:agency_submission_form")
check_methodology_transition = lazy_hookimpl(
    "learning_together.plan:check_methodology_transition")
structure_evidence = lazy_hookimpl("learning_together.analysis:structure_evidence")
build_causal_graph = lazy_hookimpl("learning_together.analysis:build_causal_graph")
plan_learning_event = lazy_hookimpl("learning_together.meetings:plan_learning_event")
take_contribution = lazy_hookimpl("learning_together.meetings:take_contribution")
derive_findings = lazy_hookimpl("learning_together.patterns:derive_findings")
check_finding = lazy_hookimpl("learning_together.patterns:check_finding")
report_sections = lazy_hookimpl("learning_together.report:report_sections")
load_material = lazy_hookimpl("learning_together.loading:load_material")
material_templates = lazy_hookimpl("learning_together.template:material_templates")
example_material = lazy_hookimpl("learning_together.loading:example_material")

# Cross-cutting hooks
check_stage = lazy_hookimpl("learning_together.checks:check_stage",
                             only_for="learning-together")  # only its own reviews
