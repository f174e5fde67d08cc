"""Assemble a review's report from the core's sections and its methodology's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import evolve

from core.kernel.errors import CaseReviewError
from core.kernel.state import ReviewState
from core.output.report import sections as core
from core.output.report.fragments import read_fragment
from core.output.report.glossary import glossary
from core.output.report.graphs import graph_part
from core.output.report.model import Block, Report, Section
from core.output.report.reviewer_sections import written_sections
from core.output.report.templating import render
from core.plugin_api.methodology import ReportSection


class ReportProblem(CaseReviewError):
    """A section of the report could not be written (a template failed)."""


def build(host: Any, state: ReviewState, *, today: dt.date | None = None) -> Report:
    """The review's report: title page facts and ordered sections, ready for any renderer."""
    today = today or dt.date.today()
    wanted = {s.id: (s, "core") for s in core.core_sections(host, state)}
    wanted.update((s.id, (s, "core")) for s in written_sections(state))
    if state.methodology:
        plugin = host.methodology(state.methodology).plugin
        for contributed in host.call_methodology(state.methodology, "report_sections",
                                                 review=state):
            for item in contributed or []:
                wanted[item.id] = (item, plugin)  # same id as a core section: it replaces it
    if wanted["findings"][1] != "core" and wanted["recommendations"][1] == "core":
        # The methodology's findings section carries the issues for the board; say so once.
        spec = wanted["recommendations"][0]
        wanted["recommendations"] = (evolve(spec, context={
            **spec.context, "issues": [], "issues_with_findings": True}), "core")
    built = [_section(spec, source, state) for spec, source in wanted.values()]
    title = state.review.title
    graph_title = f"Causal graph of the review of {state.review.subject.pseudonym}"
    figure, problems, chains = graph_part(host, state, graph_title)
    graph_blocks: list[Block] = read_fragment(
        render(f"{core.TEMPLATES}graph.html.j2", {"problems": problems, "chains": chains})
    )
    if figure is not None:
        graph_blocks.insert(1, figure)
    gtitle, gorder = core.CORE_SECTIONS["graph"]
    # The whole graph quotes the evidence: it goes to the review team's pack, as its appendix.
    built.append(Section("graph", gtitle, graph_blocks, order=gorder, published=False))
    facts = core.title_facts(host, state, today)
    texts = [title, *(f"{k}: {v}" for k, v in facts)]
    for item in built:
        if item.published:  # the glossary serves the published report's readers
            texts.extend(item.texts(drawings=False))
    gl_title, gl_order = core.CORE_SECTIONS["glossary"]
    built.append(Section("glossary", gl_title, read_fragment(
        render(f"{core.TEMPLATES}glossary.html.j2", {"terms": glossary(texts)})
    ), order=gl_order, published=True))
    built.sort(key=lambda s: (s.order, s.id))
    return Report(review_id=state.id, title=title, facts=facts, sections=built,
                  generated_on=today, methodology=state.methodology or "",
                  graph_problems=problems)


def _section(spec: ReportSection, source: str, state: ReviewState) -> Section:
    context = {"review": state.review, **spec.context}
    try:
        html = render(spec.template, context)
    except CaseReviewError:
        raise
    except Exception as error:  # a template bug: name the section and who shipped it
        raise ReportProblem(
            f"the report section {spec.title!r} ({spec.template}, from {source}) could not be "
            f"written: {type(error).__name__}: {error}"
        ) from error
    return Section(spec.id, spec.title, read_fragment(html), order=spec.order, source=source,
                   published=spec.published)
