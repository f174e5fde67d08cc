"""The publication check: is this report ready to go on the partnership's website?

Every problem says where it is (the section and a snippet), why it matters, how to fix it, and
whether it blocks publication. Identifying details, missing required content, an incomplete
chain from evidence to action, and the pre-publication copies block; plain-English measures warn.
Snippets never show a registered real name or a whole identifier: the check's own output must be
safe to paste into an email.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from attrs import field, frozen

from core.kernel.text import shorten
from core.output.exporters import render
from core.output.publication import content, readability, reviewer_content
from core.output.publication import working_material as working
from core.output.publication.detectors import KINDS
from core.output.publication.identity import Identity
from core.output.publication.practitioners import practitioner_names
from core.output.publication.problems import Problem, redact, snippet
from core.output.report.build import build
from core.output.report.glossary import not_expanded_at_first_use
from core.output.report.graphs import graph_problems
from core.output.report.model import ItemList, Paragraph, Table
from core.output.report.pack import published


# Typed converters: mypy cannot type attrs' generic `converter=tuple` (see
# core/kernel/converters.py).
def _problems(values: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(values)


def _keep_until(values: Iterable[tuple[str, dt.date]]) -> tuple[tuple[str, dt.date], ...]:
    return tuple(values)


def _reports(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(values)


@frozen
class PublicationCheck:
    review_id: str
    checked_on: dt.date
    publication_date: dt.date | None
    problems: tuple[Problem, ...] = field(converter=_problems)
    reading_ease: float | None = None
    keep_until: tuple[tuple[str, dt.date], ...] = field(default=(), converter=_keep_until)
    # (format, SHA-256 of the report rendered in it): the files this check examined
    reports: tuple[tuple[str, str], ...] = field(default=(), converter=_reports)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.blocking]

    @property
    def ready(self) -> bool:
        return not self.blocking


def identifying_details(report: Any, identities: list[Identity]) -> list[Problem]:
    problems = []
    # The review's id is printed on every report (and in its file's metadata) too.
    for where, text in [("Title page", f"Report of review {report.review_id}"), *report.texts()]:
        masked, spans = redact(text, identities)
        for detail, start, end in spans:
            what, why = KINDS[detail.kind]
            fix = ("use the pseudonym instead" if detail.kind == "real_name"
                   else f"remove {what} or replace it with a general description")
            problems.append(Problem(
                code=detail.kind, where=where,
                snippet=snippet(masked, start, end, masked[start:end]),
                why=f"the report contains {what}: {why}",
                fix=f"{fix} in the review's records, then build the report again",
                blocking=True,
            ))
    return problems


def plain_english(report: Any,
                  identities: list[Identity]) -> tuple[list[Problem], float | None]:
    prose: list[str] = []
    problems = []
    for section in report.sections:
        if section.id == "glossary":
            continue
        for block in section.blocks:
            texts: list[str] = []
            if isinstance(block, Paragraph):
                texts = [block.text]
                prose.append(block.text)
            elif isinstance(block, ItemList):
                texts = ["".join(r.text for r in item) for item in block.items]
                prose.extend(texts)
            elif isinstance(block, Table) and section.id != "graph":
                # (the graph's chains table lists labels, not sentences)
                texts = [cell for row in block.rows for cell in row]
            for text in texts:
                for found, count in readability.long_sentences(text):
                    sentence = redact(found, identities)[0]
                    problems.append(Problem(
                        code="long_sentence", where=section.title,
                        snippet=shorten(sentence, 160),
                        why=f"a sentence of {count} words (more than "
                            f"{readability.LONG_SENTENCE_WORDS}) is hard to follow",
                        fix="split it into shorter sentences", blocking=False))
    score = readability.reading_ease(prose)
    if score is not None and score < readability.READING_EASE_TARGET:
        problems.append(Problem(
            code="reading_ease", where="Whole report", snippet=f"Flesch reading ease {score}",
            why=f"the prose scores {score} for reading ease; the target is at least "
                f"{readability.READING_EASE_TARGET:g} so the public can follow it (a report "
                "for publication is written in plain English)",
            fix="use shorter sentences and everyday words", blocking=False))
    # The drawing's words repeat the text around it, and the glossary lists the acronyms.
    reading = [(w, t) for w, t in report.texts(drawings=False) if w != _glossary_title(report)]
    for acronym, where, text in not_expanded_at_first_use(reading):
        masked = redact(text, identities)[0]
        at = masked.find(acronym)
        problems.append(Problem(
            code="acronym", where=where,
            snippet=snippet(masked, at, at + len(acronym), acronym) if at >= 0 else acronym,
            why=f"the acronym {acronym} is not spelled out where it first appears",
            fix=f"write it in full the first time, followed by ({acronym})", blocking=False))
    return problems, score


def _glossary_title(report: Any) -> str:
    section = report.section("glossary")
    return section.title if section else ""


def _graph(problems: list[str]) -> list[Problem]:
    return [Problem(code="graph", where="From evidence to action: the causal graph",
                    snippet=problem,
                    why="every finding must rest on evidence and every action must answer a "
                        "finding or recommendation, so readers can follow the chain",
                    fix="add the missing links, then build the report again", blocking=True)
            for problem in problems]


def run_check(
    host: Any,
    state: Any,
    identities: list[Identity],
    *,
    publication_date: dt.date | None = None,
    today: dt.date | None = None,
    report: Any = None,
    formats: tuple[str, ...] = (),
    sensitive: dict[str, list[str]] | None = None,
) -> PublicationCheck:
    """Check the review's report (its published part, built now unless given) for publication;
    `formats` are the formats to render it in and fingerprint, so the files published can be
    matched to it; `sensitive` the topics to warn on (default: `working_material.topics()`)."""
    today = today or dt.date.today()
    report = report or published(build(host, state, today=today), state)
    problems = identifying_details(report, identities)
    problems += working.internal_sections(report)
    problems += working.quoted_conversations(state, report)
    problems += working.verbatim_volume(state, report)
    problems += working.sensitive_topics(
        report, working.topics() if sensitive is None else sensitive, identities)
    problems += practitioner_names(report, state)
    problems += content.missing(host, state, report)
    # The graph the report drew, checked once; a report given without it is drawn again.
    problems += _graph(list(report.graph_problems) if report.graph_problems is not None
                       else graph_problems(host, state))
    planned = publication_date or content.planned_publication(state)
    clock_problems, keep_until = content.clocks(host, state, planned, today)
    problems += clock_problems
    problems += reviewer_content.problems(host, state, planned)
    english, score = plain_english(report, identities)
    problems += english
    # One masking for every word the check shows: a draft finding's title, a graph problem or
    # an acronym can carry a real name as easily as the report's text can.
    return PublicationCheck(redact(state.id, identities)[0], today, planned,
                            [masked(p, identities) for p in problems], score, keep_until,
                            report_hashes(host, report, formats))


def masked(problem: Problem, identities: list[Identity]) -> Problem:
    """`problem` with every identifying detail in what it shows masked."""
    def mask(text: str) -> str:
        return redact(text, identities)[0]

    return Problem(code=problem.code, where=mask(problem.where), snippet=mask(problem.snippet),
                   why=mask(problem.why), fix=mask(problem.fix), blocking=problem.blocking)


PUBLISHED_FORMATS = ("html", "docx", "md")


def report_hashes(host: Any, report: Any, formats: tuple[str, ...]) -> list[tuple[str, str]]:
    """(format, SHA-256 hex) of the report rendered in each format (those registered), exactly
    the bytes `casereview report` writes for the same review on the same day."""
    hashes = []
    for name in formats:
        chosen = host.exporters.get(name)
        if chosen is None:
            continue
        rendered = render(host, chosen, report)
        data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
        hashes.append((name, hashlib.sha256(data).hexdigest()))
    return hashes
