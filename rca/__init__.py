"""Root Cause Analysis (NHS / NPSA), with a PSIRF mode, as a casereview methodology plugin.

The small public face: pluggy registers this package module and every run of the command line
loads it, so each hook here is a stand-in that imports the module owning it on the hook's
first call (see core.plugin_api.lazy). The vocabularies are in `taxonomy`, the records in `records`,
the YAML reading in `reading`, `reading_analysis` and `loading`, and the views (tabular
timeline, time–person grid, change analysis, fishbone, NPSA grid) in `timeline` and `fishbone`.
"""

from __future__ import annotations

from core.plugin_api.lazy import lazy_hookimpl

# Registration
register_methodologies = lazy_hookimpl("rca.descriptor:register_methodologies")
register_taxonomies = lazy_hookimpl("rca.descriptor:register_taxonomies")
register_commands = lazy_hookimpl("rca.cli:register_commands")

# Methodology hooks
assess_fit = lazy_hookimpl("rca.descriptor:assess_fit")
plan_review = lazy_hookimpl("rca.plan:plan_review")
agency_submission_form = lazy_hookimpl("rca.plan:agency_submission_form")
check_methodology_transition = lazy_hookimpl("rca.plan:check_methodology_transition")
structure_evidence = lazy_hookimpl("rca.analysis:structure_evidence")
build_causal_graph = lazy_hookimpl("rca.analysis:build_causal_graph")
plan_learning_event = lazy_hookimpl("rca.meetings:plan_learning_event")
take_contribution = lazy_hookimpl("rca.meetings:take_contribution")
derive_findings = lazy_hookimpl("rca.checks:derive_findings")
check_finding = lazy_hookimpl("rca.checks:check_finding")
report_sections = lazy_hookimpl("rca.report:report_sections")
load_material = lazy_hookimpl("rca.loading:load_material")
material_templates = lazy_hookimpl("rca.template:material_templates")
example_material = lazy_hookimpl("rca.loading:example_material")

# Cross-cutting hooks
check_stage = lazy_hookimpl("rca.checks:check_stage",
                             only_for="rca")  # only its own reviews
