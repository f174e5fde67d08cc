"""The checks behind `plugins.testing.check_methodology`: what the plugin contract promises,
asserted against one methodology on the kit's sample review.

Each check takes a `Conformance` case and returns problems in plain English (empty: it passes),
so a plugin author sees every problem at once rather than the first.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from core.kernel.errors import CaseReviewError, InputProblem, InputProblems
from core.kernel.lifecycle import Stage, allowed_moves
from core.kernel.text import plural
from core.plugin_api.graph import CausalGraph
from core.plugin_api.hookspecs import METHODOLOGY_HOOKS, hookimpl
from core.plugin_api.methodology import (
    PRINCIPLES,
    CaseProfile,
    Methodology,
)
from core.plugin_api.plugins import PluginHost
from plugins._case import Conformance
from plugins._plugin_names import installed_plugins, split_plugins
from plugins._results import RESULT_CHECKS, checks_ok, core_graph_kinds, reasons_ok, result_problems
from plugins._whole_review import EXAMPLE_CHECKS

CONTROL = "conformance-control"  # a second methodology, to prove the hooks are scoped
NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Kinds of learning event a method may hold; each answer must be a plan or None.
EVENT_KINDS = ("learning_event", "practitioner_event", "recall_session", "case_group_meeting",
               "review_team_meeting", "structured_conversation", "family_meeting", "no-such-kind")
PROFILES = (
    CaseProfile(),
    CaseProfile(regime="england-cspr-2018", agencies_involved=5, statutory_threshold_met=True,
                months_available=6, family_wants_to_take_part=True, nation="england"),
    CaseProfile(agencies_involved=1, health_led_incident=True, months_available=2,
                focus_on_good_practice=True, practitioners_available=False, nation="wales"),
)


class ControlMethodology:
    """Registers a second methodology (owned by another plugin) for the scoping check."""

    @hookimpl
    def register_methodologies(self, register: Callable[[Methodology], None]) -> None:
        register(Methodology(
            name=CONTROL, title="Conformance control", summary="Used only by the conformance kit.",
            fits_when=(), not_fits_when=(),
            principles={key: f"(kit control) {text}" for key, text in PRINCIPLES.items()},
        ))


def hook_results(case: Conformance, hook: str) -> Iterable[tuple[str, dict[str, Any], Any]]:
    """Every call the kit makes to one methodology hook on the sample review:
    (what was asked, the arguments, the result or the CaseReviewError raised)."""
    if hook == "build_causal_graph":  # asked through the core's build_graph, see _graph
        yield "the sample review", {}, None
        return
    for label, kwargs in _hook_arguments(case, hook):
        if hook != "assess_fit":
            kwargs = {"review": case.review, **kwargs}
        try:
            yield label, kwargs, case.call(hook, **kwargs)
        except CaseReviewError as error:
            yield label, kwargs, error


def _hook_arguments(case: Conformance, hook: str) -> list[tuple[str, dict[str, Any]]]:
    """What the kit asks each hook (besides the review): every variant, agency, kind, move."""
    review = case.review
    if hook == "assess_fit":
        return [(f"profile {i + 1}", {"profile": p}) for i, p in enumerate(PROFILES)]
    if hook == "plan_review":
        variants = [None, *case.descriptor.variants]
        return [(f"variant {v!r}", {"variant": v}) for v in variants]
    if hook == "agency_submission_form":
        return [(f"agency {a!r}", {"agency": a}) for a in review.agencies]
    if hook == "plan_learning_event":
        declared = list(case.descriptor.learning_events)
        return [(f"kind {k!r}", {"kind": k})
                for k in declared + [k for k in EVENT_KINDS if k not in declared]]
    if hook == "take_contribution":
        return [(f"contribution {c.id}", {"contribution": c})
                for c in review.contributions.values()]
    if hook == "build_causal_graph":
        return [("the sample review", {"graph": CausalGraph(case.descriptor.graph_schema)})]
    if hook == "check_finding":
        return [(f"finding {f.id} as {status}", {"finding": f, "status": status})
                for f in review.findings.values() for status in ("draft", "final")]
    if hook == "load_material":  # a method refuses a missing folder, or reads nothing from it
        missing = Path(tempfile.gettempdir()) / "casereview-kit-no-such-folder"
        return [("a folder that does not exist", {"folder": missing, "host": case.host})]
    if hook == "check_methodology_transition":
        return [(f"{s.value} -> {t.value}", {"source": s.value, "target": t.value})
                for s in Stage for t in sorted(allowed_moves(s))]
    return [("the sample review", {})]


# -- the checks ---------------------------------------------------------------------------


def check_descriptor(case: Conformance) -> list[str]:
    m = case.descriptor
    problems = []
    if not NAME.match(m.name):
        problems.append(f"the name {m.name!r} should be lower-case words joined by hyphens")
    for what, text in (("title", m.title), ("summary", m.summary)):
        if not text.strip():
            problems.append(f"the {what} is empty")
    if not m.fits_when or not m.not_fits_when:
        problems.append("say when the method fits and when it does not (fits_when, "
                        "not_fits_when): the chooser shows both")
    problems += [f"the principle {p!r} is not claimed" for p in PRINCIPLES
                 if not m.principles.get(p, "").strip()]
    if m.learning_events and not case.implements("plan_learning_event"):
        problems.append("lists kinds of learning event but does not plan them "
                        "(implement plan_learning_event)")
    if m.default_variant is not None and m.default_variant not in m.variants:
        problems.append(f"the default variant {m.default_variant!r} is not one of its variants")
    problems += _schema_problems(m)
    return problems


def _schema_problems(m: Methodology) -> list[str]:
    core_nodes, core_edges = core_graph_kinds()
    schema = m.graph_schema
    problems = [f"the graph schema redefines the core's node kind {k!r}"
                for k in schema.node_kinds if k in core_nodes]
    problems += [f"the graph schema redefines the core's edge kind {k!r}"
                 for k in schema.edge_kinds if k in core_edges]
    nodes = set(core_nodes) | set(schema.node_kinds)
    edges = set(core_edges) | set(schema.edge_kinds)
    for edge, source, target in schema.allowed:
        unknown = [k for k, known in ((edge, edges), (source, nodes), (target, nodes))
                   if k not in known]
        if unknown:
            problems.append(f"the allowed edge ({edge}, {source}, {target}) uses undeclared "
                            f"kinds: {', '.join(unknown)}")
    return problems


def check_names_unique(case: Conformance) -> list[str]:
    """Every installed plugin together (and the plugin objects under test): a duplicate name
    would stop start-up."""
    installed = installed_plugins()
    extra = [(name, plugin) for name, plugin in split_plugins(case.plugins)[1]
             if getattr(plugin, "__name__", None) not in installed.values()]
    try:
        PluginHost.load(allow=set(installed), extra=extra, trace=False).collect()
    except CaseReviewError as error:
        return [f"with every installed plugin loaded: {error}"]
    return []


def check_taxonomies(case: Conformance) -> list[str]:
    problems = [f"lists the taxonomy {name!r}, which no loaded plugin registers"
                for name in case.descriptor.taxonomies if name not in case.host.taxonomies]
    for name in case.descriptor.taxonomies:
        taxonomy = case.host.taxonomies.get(name)
        if taxonomy is not None and not taxonomy.categories:
            problems.append(f"the taxonomy {name!r} has no categories")
    return problems


# Hooks whose contract lets them refuse the person's input (InputProblems naming the file).
MAY_REFUSE = frozenset({"load_material"})


def check_hooks(case: Conformance) -> list[str]:
    """Every methodology hook the plugin implements gives the documented type."""
    problems = []
    for hook in sorted(METHODOLOGY_HOOKS | {"assess_fit"}):
        if not case.implements(hook) or hook not in RESULT_CHECKS:
            continue
        for label, kwargs, result in hook_results(case, hook):
            if isinstance(result, CaseReviewError):
                if hook not in MAY_REFUSE or not isinstance(result, InputProblem | InputProblems):
                    problems.append(f"{hook} ({label}) raised: {result}")
                continue
            problems += [f"{hook} ({label}): {p}"
                         for p in result_problems(case, hook, kwargs, result)]
    return problems


def check_cross_cutting(case: Conformance) -> list[str]:
    """Cross-cutting hooks the plugin implements: right types, for every review."""
    problems: list[str] = []
    for review in (case.review, case.other):
        for source in Stage:
            for target in sorted(allowed_moves(source)):
                for plugin, reasons in _each(case, "check_transition", review=review,
                                             source=source.value, target=target.value):
                    if not reasons_ok(reasons):
                        problems.append(f"check_transition from {plugin} gave {reasons!r}, "
                                        "not a list of reasons")
        for stage in Stage:
            for plugin, found in _each(case, "check_stage", review=review, stage=stage.value):
                if not checks_ok(found):
                    problems.append(f"check_stage from {plugin} at {stage.value} gave {found!r}; "
                                    "expected a list of {level, check, message}")
    return problems


def _each(case: Conformance, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
    if not case.implements(hook):
        return []
    return [(name, result) for name, result in case.host.call_each(hook, **kwargs)
            if name == case.plugin]


def check_scoped(case: Conformance) -> list[str]:
    """Ask every methodology hook about the control review: the plugin is never reached."""
    reached: set[str] = set()

    def before(hook: str, impls: Any, kwargs: Any) -> None:
        if any(impl.plugin_name == case.plugin for impl in impls):
            reached.add(hook)

    undo = case.host.pm.add_hookcall_monitoring(before, lambda *args: None)
    try:
        for hook in sorted(METHODOLOGY_HOOKS):
            for _label, kwargs in _hook_arguments(case, hook):
                with suppress(CaseReviewError):  # only who was called matters here
                    case.host.call_methodology(CONTROL, hook, review=case.other, **kwargs)
    finally:
        undo()
    return [f"{hook} reached plugin {case.plugin!r} for a review of another methodology"
            for hook in sorted(reached)]


def check_read_only(case: Conformance) -> list[str]:
    """Asking the hooks writes nothing to the journal."""
    before = case.reviews.journal.last_seq(case.review.id)
    list(check_hooks(case))
    after = case.reviews.journal.last_seq(case.review.id)
    wrote = after - before
    return [f"the hooks wrote {plural(wrote, 'event')} to the journal"] if wrote else []


CHECKS: dict[str, Callable[[Conformance], list[str]]] = {
    "descriptor": check_descriptor,
    "names_unique": check_names_unique,
    "taxonomies": check_taxonomies,
    "hooks": check_hooks,
    "cross_cutting": check_cross_cutting,
    "scoped": check_scoped,
    "read_only": check_read_only,
    **EXAMPLE_CHECKS,
}
