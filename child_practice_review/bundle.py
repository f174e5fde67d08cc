"""The published bundle of a Child Practice Review: the terms of reference, the summary timeline,
the report (in every format the core exports), the 7-minute briefing, the press statement and
the action plan — each a file a board can put on its website.

Everything is rendered by jinja2 with autoescape on, from published material only: the summary
timeline's reduced wording, never the agencies' chronologies or what practitioners said. The
7-minute briefing is refused if it does not fit one page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from attrs import evolve

from child_practice_review.readers import words
from child_practice_review.records import briefing, press_statement
from child_practice_review.report import improving, summary_rows, terms_context
from child_practice_review.taxonomy import (
    BRIEFING_HEADING_BUDGET,
    BRIEFING_HEADINGS,
    BRIEFING_WORD_BUDGET,
)
from core.kernel.dates import long_date
from core.kernel.errors import InvalidValue
from core.kernel.state import ReviewState
from core.output.exporters import exporter, render
from core.output.publication.check import identifying_details
from core.output.report.build import build
from core.output.report.model import Paragraph, Section
from core.output.report.templating import render as render_page

PAGES = "child_practice_review:templates/bundle-"


def briefing_context(state: ReviewState) -> dict[str, Any]:
    recorded = briefing(state)
    if recorded is None:
        raise InvalidValue(f"review {state.id} has no 7-minute briefing yet; record it first "
                           f"(`casereview cpr record {state.id} briefing FILE`)")
    total = sum(words(t) for t in recorded.boxes.values())
    over = [BRIEFING_HEADINGS.get(k, k) for k, t in recorded.boxes.items()
            if words(t) > BRIEFING_HEADING_BUDGET]
    if total > BRIEFING_WORD_BUDGET or over:
        raise InvalidValue(f"the 7-minute briefing does not fit one page ({total} words; at most "
                           f"{BRIEFING_WORD_BUDGET}, and {BRIEFING_HEADING_BUDGET} in a box"
                           + (f"; too long: {', '.join(over)}" if over else "") + "): shorten it")
    return {"boxes": [(BRIEFING_HEADINGS.get(k, k), t) for k, t in recorded.boxes.items()],
            "words": total}


def action_plan(state: ReviewState) -> list[dict[str, Any]]:
    return [{"id": a.id, "description": a.description, "owner": a.owner, "agency": a.agency,
             "due": long_date(a.due), "measure": a.measure_of_success,
             "status": a.status.value.replace("_", " "), "addresses": ", ".join(a.addresses)}
            for a in sorted(state.actions.values(), key=lambda a: a.id)]


def pages(state: ReviewState) -> dict[str, tuple[str, dict[str, Any]]]:
    """file name -> (template, context) for each page of the bundle but the report."""
    title = state.header.title if state.header else state.id
    common = {"review": title, "area": state.header.area if state.header else ""}
    statement = press_statement(state)
    found = {
        "terms-of-reference.html": ("terms.html.j2", terms_context(state)),
        "summary-timeline.html": ("timeline.html.j2", {"rows": summary_rows(state)}),
        "7-minute-briefing.html": ("briefing.html.j2", briefing_context(state)),
        "action-plan.html": ("actions.html.j2", {"actions": action_plan(state),
                                                 **improving(state)}),
    }
    if statement is not None:
        found["press-statement.html"] = ("press.html.j2", {
            "text": statement.text,
            "issued_on": long_date(statement.issued_on) if statement.issued_on else ""})
    return {name: (template, {**common, **context}) for name, (template, context) in
            found.items()}


def page_texts(state: ReviewState) -> dict[str, list[str]]:
    """What a reader of each page besides the report sees, for the identity check."""
    recorded, statement = briefing(state), press_statement(state)
    terms = terms_context(state)
    return {
        "Terms of reference": [terms["questions"], terms["outline"], terms["type_reason"],
                               terms["longer_reason"]],
        "Summary timeline": [row["summary"] for row in summary_rows(state)],
        "7-minute briefing": list(recorded.boxes.values()) if recorded else [],
        "Press statement": [statement.text] if statement else [],
        "Action plan": [f"{a['description']} {a['measure']}" for a in action_plan(state)],
    }


def identity_problems(report: Any, state: ReviewState, identities: list[Any]) -> list[str]:
    """Identifying details (a registered real name, a date of birth, an address ...) in the
    report or any other page of the bundle, as the publication check finds them."""
    extra = [Section(f"bundle-{n}", title, [Paragraph(t) for t in texts if t])
             for n, (title, texts) in enumerate(page_texts(state).items())]
    found = identifying_details(evolve(report, sections=(*report.sections, *extra)),
                                identities)
    return [f"[{p.where}] {p.why}: {p.snippet} ({p.fix})" for p in found]


def write_bundle(host: Any, state: ReviewState, out: Path, *, today: dt.date | None = None,
                 formats: tuple[str, ...] = ("html", "md", "docx"),
                 identities: list[Any] | tuple[Any, ...] = ()) -> list[Path]:
    """Write every file of the bundle into `out` (made if need be), the report in each of
    `formats`; refuse to overwrite anything, or to write a bundle with identifying details of
    the child or family (`identities`: the review's identity register)."""
    report = build(host, state, today=today)
    found = identity_problems(report, state, list(identities))
    if found:
        raise InvalidValue("the bundle would identify the child or family; nothing was "
                           "written:\n  - " + "\n  - ".join(found))
    rendered: dict[str, str | bytes] = {name: render_page(PAGES + template, context)
                for name, (template, context) in pages(state).items()}
    for fmt in formats:
        chosen = exporter(host, fmt)
        rendered[f"report{chosen.suffix}"] = render(host, chosen, report)
    out.mkdir(parents=True, exist_ok=True)
    clashes = sorted(name for name in rendered if (out / name).exists())
    if clashes:
        raise InvalidValue(f"{out} already holds {', '.join(clashes)}; nothing was written",
                           hint="give the bundle an empty folder with --out")
    written = []
    for name, content in rendered.items():
        path = out / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
