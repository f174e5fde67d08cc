"""The Welsh Child Practice Review (concise or extended), as a casereview methodology plugin;
under the single unified safeguarding review it is the child practice review component.

The small public face: pluggy registers this package module, and every run of the command line
loads it (`casereview --help` too), so each hook here is a stand-in that imports the module
owning it on the hook's first call (see core.plugin_api.lazy). The method's vocabularies are in
`taxonomy`, its records in `records`, its YAML reading in `reading`, `readers` and `loading`,
and its published bundle in `bundle`.
"""

from __future__ import annotations

from core.plugin_api.lazy import lazy_hookimpl

# Registration
register_methodologies = lazy_hookimpl("child_practice_review.descriptor:register_methodologies")
register_taxonomies = lazy_hookimpl("child_practice_review.descriptor:register_taxonomies")
register_commands = lazy_hookimpl("child_practice_review.cli:register_commands")

# Methodology hooks
assess_fit = lazy_hookimpl("child_practice_review.descriptor:assess_fit")
plan_review = lazy_hookimpl("child_practice_review.plan:plan_review")
agency_submission_form = lazy_hookimpl("child_practice_review.plan:agency_submission_form")
check_methodology_transition = lazy_hookimpl(
    "child_practice_review.plan:check_methodology_transition")
structure_evidence = lazy_hookimpl("child_practice_review.analysis:structure_evidence")
build_causal_graph = lazy_hookimpl("child_practice_review.analysis:build_causal_graph")
plan_learning_event = lazy_hookimpl("child_practice_review.meetings:plan_learning_event")
take_contribution = lazy_hookimpl("child_practice_review.meetings:take_contribution")
derive_findings = lazy_hookimpl("child_practice_review.learning:derive_findings")
check_finding = lazy_hookimpl("child_practice_review.learning:check_finding")
report_sections = lazy_hookimpl("child_practice_review.report:report_sections")
load_material = lazy_hookimpl("child_practice_review.loading:load_material")
material_templates = lazy_hookimpl("child_practice_review.forms:material_templates")
example_material = lazy_hookimpl("child_practice_review.loading:example_material")

# Cross-cutting hooks
check_stage = lazy_hookimpl("child_practice_review.checks:check_stage",
                             only_for="child-practice-review")  # only its own reviews
