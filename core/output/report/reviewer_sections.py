"""The report sections reviewers write (`core.output.report.written`), ready for the report: each
kind's record as the context of one template, published, in the order the quality markers
expect. A kind not yet written is left out; `casereview publish-check` names what is missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.output.report.records import milestones
from core.output.report.written import KINDS, WRITTEN_RECORD
from core.plugin_api.methodology import ReportSection
from core.statutory.regimes import DELAY_RECORD, current

TEMPLATE = "core.output.report:templates/written.html.j2"


def written_sections(state: Any) -> list[ReportSection]:
    records = state.record_collection(WRITTEN_RECORD)
    sections = []
    for kind in KINDS.values():
        record = records.get(kind.id)
        if record is None and kind.id != "review-timeline":
            continue  # the review's milestones are there to show even before a word is written
        sections.append(ReportSection(
            id=kind.id, title=kind.title, template=TEMPLATE, order=kind.order, published=True,
            context={"kind": kind.id, "record": record or {}, **_extra(kind.id, state)}))
    return sections


def _extra(kind: str, state: Any) -> dict[str, Any]:
    if kind == "review-timeline":
        return {"milestones": milestones(state), "delay": current(state, DELAY_RECORD) or {}}
    if kind == "partnership-response":
        titles = {f.id: f.title for f in state.findings.values()}
        return {"finding_titles": titles,
                "agreed_on": _day(
                    (state.record_collection(WRITTEN_RECORD).get(kind) or {}).get("agreed_on"))}
    return {}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
