"""The plugin contract: every hook a casereview plugin can implement. The docstring is the contract.

Calls are keyword-only; an implementation may accept any subset of the arguments; signatures
only ever grow. Three families:

* registration hooks, each called at most once per run, when the host first needs what it
  registers (`register_commands` when the command line starts), each with a `register` callback;
* methodology hooks, called *only* on the plugin that registered the review's methodology (the
  core does the scoping; a plugin never checks which methodology a review uses, unless it
  registers more than one, when the `methodology` argument says which);
* cross-cutting hooks, called on every plugin for every review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import click

    from core.kernel.model import Contribution, Evidence, Finding
    from core.kernel.state import ReviewState
    from core.plugin_api.graph import CausalGraph
    from core.plugin_api.methodology import (
        CaseProfile,
        EvidenceGroup,
        FitAssessment,
        LearningEventPlan,
        Material,
        Methodology,
        ReportSection,
        ReviewPlan,
        SubmissionForm,
        Taxonomy,
    )

PROJECT = "casereview"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

# The core calls these only on the plugin that registered the review's methodology.
METHODOLOGY_HOOKS = frozenset(
    {
        "plan_review",
        "agency_submission_form",
        "structure_evidence",
        "build_causal_graph",
        "plan_learning_event",
        "take_contribution",
        "derive_findings",
        "report_sections",
        "check_methodology_transition",
        "check_finding",
        "load_material",
        "material_templates",
        "example_material",
    }
)


# -- Registration (once per run, when first needed) -------------------------------------------


@hookspec
def register_methodologies(register: Callable[[Methodology], None]) -> None:
    """Register zero or more methodologies by calling `register(Methodology(...))`.

    Called once, the first time the host needs the methodologies. A name registered twice
    fails then, naming both plugins. The plugin that registers a methodology receives its
    methodology hooks.
    """


@hookspec
def register_regimes(register: Callable[[Any], None]) -> None:
    """Register zero or more statutory regimes with `register(Regime(...))` (see
    core.statutory.regimes).

    Called once, when the regimes are first needed; duplicate names fail naming both plugins.
    """


@hookspec
def register_taxonomies(register: Callable[[Taxonomy], None]) -> None:
    """Register named taxonomies (contributory factors, findings typologies) as data.

    Called once, when the taxonomies are first needed; duplicate names fail naming both plugins.
    """


@hookspec
def register_exporters(register: Callable[[Any], None]) -> None:
    """Register output formats with `register(Exporter(...))` (see core.output.exporters).

    Called once, when the formats are first needed; duplicate names fail naming both plugins.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add click commands to the `casereview` command line with `cli.add_command(...)`.

    Called when the command line starts, `casereview --help` too: keep the imports at the top
    of your plugin's modules light (see docs/plugin-hooks.md, "Keep your module top light").
    """


# -- Methodology hooks (asked of every methodology for the chooser) ----------------------------


@hookspec(firstresult=True)
def assess_fit(profile: CaseProfile, methodology: str) -> FitAssessment | None:
    """Say how well `methodology` fits a case with this profile, with reasons both ways.

    Called on the plugin that registered `methodology`, once per methodology, when a
    partnership asks which method to use. Return None if the plugin has no view.
    """


# -- Methodology hooks (scoped: only for reviews that use the plugin's methodology) -----------


@hookspec(firstresult=True)
def plan_review(review: ReviewState, methodology: str, variant: str | None) -> ReviewPlan | None:
    """Plan the review: activities per lifecycle stage, roles, agency submissions, duration.

    Called when a review is commissioned or its plan is shown. First non-None result wins.
    """


@hookspec(firstresult=True)
def agency_submission_form(
    review: ReviewState, methodology: str, agency: str
) -> SubmissionForm | None:
    """Say what `agency` must write about its involvement, in the form this method needs.

    Called when an information request or submission is prepared. The core's default
    (trylast) gives a plain form when the methodology returns None.
    """


@hookspec(firstresult=True)
def structure_evidence(review: ReviewState, methodology: str) -> list[EvidenceGroup] | None:
    """Organise the review's evidence the method's way (episodes, lines of enquiry, ...).

    Called when the analysis is shown or the report is built. Read-only: it returns groups.
    """


@hookspec
def build_causal_graph(review: ReviewState, methodology: str, graph: CausalGraph) -> None:
    """Add the method's nodes and edges to `graph`, which the core then validates.

    Called when the graph is drawn, checked or put in the report. Use only node and edge kinds
    from the core or from the methodology's registered GraphSchema.
    """


@hookspec(firstresult=True)
def plan_learning_event(
    review: ReviewState, methodology: str, kind: str
) -> LearningEventPlan | None:
    """Plan a learning event of `kind`: its phases, each with prompts and a time-box.

    Called when a learning event is planned or facilitated. Return None for a kind the method
    does not hold.
    """


@hookspec(firstresult=True)
def take_contribution(
    review: ReviewState, methodology: str, contribution: Contribution
) -> Evidence | None:
    """Turn a learning-event contribution into evidence the analysis can cite.

    Called when a facilitator accepts a contribution. Return None to leave it as a note.
    """


@hookspec(firstresult=True)
def derive_findings(review: ReviewState, methodology: str) -> list[Finding] | None:
    """Return the review's findings in the method's own shape.

    Findings are the reviewers' judgement: return those they recorded, and any suggestions
    with status SUGGESTED; never invent a finding as final.
    """


@hookspec(firstresult=True)
def load_material(
    review: ReviewState, methodology: str, folder: Path, host: Any
) -> Material | None:
    """Read the review team's written material for this method from `folder` (the files the
    method documents, e.g. structured conversations and key practice episodes as YAML) and
    return what to journal, without writing anything. `host` (the plugin host,
    core.plugin_api.plugins.PluginHost) is there for the core functions
    that need it, such as `core.analysis.findings.record`, which asks the method's `check_finding`.

    Called by `casereview material REVIEW FOLDER` and by the demo. Check everything first and
    raise `InputProblems` naming each file, row and field at fault; the core then writes the
    events of the returned `Material` in one batch, or nothing. Return None if the method reads
    no material from files.
    """


@hookspec(firstresult=True)
def material_templates(review: ReviewState, methodology: str) -> dict[str, str] | None:
    """Return the starting files of the method's written material for this review, as
    {file name: text}: the same files `load_material` reads, commented so a reviewer can fill
    them in without the manual, and filled in with what the review already holds (its
    agencies, the ids of its chronology entries to cite, records already made).

    Called by `casereview material REVIEW --template DIR`, which writes the files into DIR
    (refusing to overwrite a file there). Each file must load back unchanged with
    `casereview material REVIEW DIR` (loading nothing new until the reviewer adds to it).
    File names are plain names, no folders. Return None if the method reads no material from
    files.
    """


@hookspec(firstresult=True)
def example_material(methodology: str) -> Path | None:
    """The folder of example material this methodology ships for the fictional Child A case,
    as package data (e.g. `Path(__file__).parent / "example"`): the files `load_material`
    reads, and a facilitation script `*-script.yaml` for the demo's learning event.

    Called by `casereview demo --methodology M` and by the conformance kit, which runs a whole
    review through the plugin with it. Return None if the method ships no example.
    """


@hookspec
def report_sections(review: ReviewState, methodology: str) -> list[ReportSection]:
    """Contribute the method's sections of the report (jinja2 templates the plugin ships).

    Called when a report is built. Results of all calls are joined.
    """


@hookspec
def check_methodology_transition(
    review: ReviewState, methodology: str, source: str, target: str
) -> list[str]:
    """Give reasons (plain English) to refuse moving this method's review from `source` to
    `target`; an empty list agrees. Called before every lifecycle move of the method's reviews.
    """


@hookspec
def check_finding(
    review: ReviewState, methodology: str, finding: Finding, status: str
) -> list[dict[str, str]]:
    """Check a finding before it is recorded with `status` ("draft" or "final").

    Each result is a dict like `check_stage`'s: `level` ("warning" | "problem"), `check` (a
    short name) and `message`. Any "problem" refuses the change and nothing is written;
    warnings are shown and the change goes ahead. Called by `core.analysis.findings` when a finding
    is added, accepted from a suggestion, or finalised. Results of all calls are joined.
    """


# -- Cross-cutting hooks (every plugin, every review) ------------------------------------------


@hookspec
def check_transition(review: ReviewState, source: str, target: str) -> list[str]:
    """Give reasons (plain English) to refuse moving any review from `source` to `target`.

    Called before every lifecycle move, for every review. Return an empty list to agree.
    One reason from any plugin refuses the move; the review stays unchanged.
    """


@hookspec
def check_stage(review: ReviewState, stage: str) -> list[dict[str, str]]:
    """Quality checks at a stage: each a dict with `level` ("warning" | "problem"), `check`
    (a short name, e.g. a quality marker) and `message`. Called when a review's checks are
    shown, for every review.
    """


@hookspec
def stage_changed(review: ReviewState, source: str, target: str) -> None:
    """Told after a review has moved stage (the move is already journalled). Results ignored;
    an exception is reported but does not undo the move.
    """
