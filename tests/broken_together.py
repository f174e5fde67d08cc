"""A deliberately broken methodology for the conformance kit to fail: Learning Together, as a
plugin object, with one bug of the kind that shows only on real data. `broken(bug)` gives it
with the bug named; the kit must fail exactly the check that bug is about."""

from __future__ import annotations

import tempfile
import types
from pathlib import Path
from typing import Any

from attrs import evolve

import learning_together
from core import hookimpl
from core.plugin_api import hookspecs
from core.plugin_api.methodology import ReportSection

IMPLEMENTED = {name: getattr(learning_together, name) for name in dir(learning_together)
               if hasattr(getattr(learning_together, name), "casereview_impl")}


def _call(hook: str, **kwargs: Any) -> Any:
    """The real Learning Together hook, called as pluggy calls it: every argument of the hook,
    in order (what the hook does not give here is None)."""
    spec = getattr(hookspecs, hook)
    names = spec.__code__.co_varnames[: spec.__code__.co_argcount]
    return IMPLEMENTED[hook](*[kwargs.get(name) for name in names])


@hookimpl
def no_material(methodology):
    return Path(tempfile.mkdtemp(prefix="kit-empty-"))  # a folder with none of the files


@hookimpl
def numbered_ids(review, methodology):
    """Assumes entries are numbered E1, E2, ... as in the kit's sample review."""
    groups = _call("structure_evidence", review=review, methodology=methodology) or []
    return [evolve(g, entry_ids=tuple(f"E{n}" for n in range(1, len(g.entry_ids) + 1)))
            for g in groups]


@hookimpl
def unlinked_graph(review, methodology, graph):
    """Drops every link of the findings: none of them is evidenced any more."""
    _call("build_causal_graph", review=review, methodology=methodology, graph=graph)
    graph.nx.remove_edges_from([(s, t) for s, t in list(graph.nx.edges())
                                if s.startswith("finding:") or t.startswith("finding:")])


@hookimpl
def nothing_taken(review, methodology, contribution):
    return None  # what was said at the learning event never becomes evidence


@hookimpl
def findings_left_out(review, methodology, folder, host):
    """Reads the conversations and episodes but loses the reviewers' findings on the way."""
    material = _call("load_material", review=review, methodology=methodology, folder=folder,
                     host=host)
    return evolve(material, events=[c for c in material.events if c[0] != "findings.put"])


def _sections(review: Any, methodology: str) -> list[ReportSection]:
    return [s for found in _call("report_sections", review=review, methodology=methodology)
            or [] for s in ([found] if isinstance(found, ReportSection) else found)]


@hookimpl
def misnamed_template(review, methodology):
    return [evolve(s, template=s.template.replace("narrative", "narative"))
            for s in _sections(review, methodology)]


@hookimpl
def contact_address(review, methodology):
    """Puts the facilitator's email address in the published findings."""
    sections = _sections(review, methodology)
    return [evolve(s, context={**s.context, "findings": [
        {**f, "why_it_matters": f"{f['why_it_matters']} Write to the facilitator at "
         "kim.hale@northwold.example.org."} for f in s.context["findings"]]})
        if s.id == "findings" else s for s in sections]


# bug -> {hook: its broken implementation}
BUGS: dict[str, dict[str, Any]] = {
    "example_review": {"example_material": no_material},
    "example_evidence": {"structure_evidence": numbered_ids},
    "example_graph": {"build_causal_graph": unlinked_graph},
    "example_learning_event": {"take_contribution": nothing_taken},
    "example_findings": {"load_material": findings_left_out},
    "example_report": {"report_sections": misnamed_template},
    "example_publication": {"report_sections": contact_address},
}


def broken(bug: str) -> types.ModuleType:
    """Learning Together with `bug`; named as the installed module, so the kit's check of
    names against installed plugins sees it as that plugin, not a second copy."""
    module = types.ModuleType("learning_together")
    for name, function in IMPLEMENTED.items():
        setattr(module, name, function)
    for hook, function in BUGS[bug].items():
        setattr(module, hook, function)  # pluggy knows a hook by the name it is found under
    return module
