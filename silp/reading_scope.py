"""Reading the scoping (key lines of enquiry, periods, lead reviewers) and the agency reports."""

from __future__ import annotations

from typing import Any

from core.kernel.model import ParticipantRole
from silp.reading import Reader
from silp.records import (
    Accreditation,
    AgencyReport,
    Analysis,
    Distribution,
    KeyLine,
    LeadReviewer,
    NoReport,
    Period,
    Scoping,
    terms_paragraphs,
)
from silp.taxonomy import ACCREDITATION_STATUSES, ANALYSIS_HEADINGS, FRAMES, STANDINGS

SCOPING_KEYS = ("frame", "weeks", "proportionality", "key_lines_of_enquiry", "periods",
                "lead_reviewers", "agencies_without_report")


def read_scoping(reader: Reader, data: Any) -> Scoping | None:
    if not isinstance(data, dict):
        reader.problem("scoping", "expected the scoping's fields", ", ".join(SCOPING_KEYS))
        return None
    reader.known_keys(data, "scoping", SCOPING_KEYS)
    frame = reader.choice(data, "frame", "scoping", FRAMES, default="chronology")
    weeks = data.get("weeks")
    if weeks is not None and (not isinstance(weeks, int | float) or weeks <= 0):
        reader.problem("scoping.weeks", f"{weeks!r} is not a number of weeks", "e.g. 16 or 26")
        weeks = None
    paragraphs = terms_paragraphs(reader.state)
    lines, seen = [], set[str]()
    for at, item in reader.items(data, "key_lines_of_enquiry"):
        reader.known_keys(item, at, ("id", "title", "question", "terms"))
        line_id = reader.unique_id(item, at, seen)
        terms = item.get("terms") or []
        if not isinstance(terms, list) or not all(isinstance(t, int) for t in terms):
            reader.problem(f"{at}.terms", "give the paragraphs of the terms of reference this "
                           "line of enquiry turns into, by number", "e.g. [1] or [2, 3]")
            terms = []
        for t in terms:
            if not 1 <= t <= len(paragraphs):
                reader.problem(f"{at}.terms", f"the terms of reference have no paragraph {t}",
                               f"a number from 1 to {len(paragraphs)}" if paragraphs else
                               "terms of reference set first (`casereview commission`)")
        title, question = reader.text(item, "title", at), reader.text(item, "question", at)
        if line_id and title:
            lines.append(KeyLine(line_id, title, question, tuple(terms)))
    periods: list[Period] = []
    for at, item in reader.items(data, "periods", required=False):
        reader.known_keys(item, at, ("id", "title", "from", "to"))
        pid = reader.unique_id(item, at, seen)
        start, end = reader.day(item, "from", at), reader.day(item, "to", at)
        if start and end and end < start:
            reader.problem(f"{at}.to", "the period ends before it starts")
        elif pid and start and end:
            if periods and start <= periods[-1].end:
                reader.problem(f"{at}.from", f"{pid} starts before {periods[-1].id} ends; list "
                               "the periods in order, without overlaps")
            periods.append(Period(pid, reader.text(item, "title", at), start, end))
    return Scoping(frame, lines, periods, _lead_reviewers(reader, data),
                   float(weeks) if weeks is not None else None,
                   reader.text(data, "proportionality", "scoping", required=False),
                   _no_reports(reader, data))


def _lead_reviewers(reader: Reader, data: dict[str, Any]) -> list[LeadReviewer]:
    leads = {p.id: p for p in reader.state.participants.values()
             if p.role is ParticipantRole.LEAD_REVIEWER}
    found = []
    for at, item in reader.items(data, "lead_reviewers", required=False):
        reader.known_keys(item, at, ("participant", "standing", "accreditation"))
        pid = reader.text(item, "participant", at)
        if pid and pid not in leads:
            reader.problem(f"{at}.participant", f"{pid!r} is not a lead reviewer of this review",
                           "one of " + (", ".join(sorted(leads)) or "none appointed yet: "
                                        "`casereview people REVIEW add --role lead_reviewer`"))
        standing = reader.choice(item, "standing", at, STANDINGS)
        accreditation = None
        raw = item.get("accreditation")
        if isinstance(raw, dict):
            aat = f"{at}.accreditation"
            reader.known_keys(raw, aat, ("status", "scheme", "since", "supervisor"))
            status = reader.choice(raw, "status", aat, ACCREDITATION_STATUSES)
            accreditation = Accreditation(
                status, reader.text(raw, "scheme", aat, required=False),
                reader.day(raw, "since", aat, required=False),
                reader.text(raw, "supervisor", aat, required=status == "trainee"))
        elif raw is not None:
            reader.problem(f"{at}.accreditation", "expected {status, scheme, since, supervisor}")
        if pid in leads and standing:
            found.append(LeadReviewer(pid, standing, accreditation))
    return found


def _no_reports(reader: Reader, data: dict[str, Any]) -> list[NoReport]:
    found = []
    for at, item in reader.items(data, "agencies_without_report", required=False):
        reader.known_keys(item, at, ("agency", "reason"))
        agency = reader.agency(reader.text(item, "agency", at), f"{at}.agency")
        reason = reader.text(item, "reason", at)
        if agency and reason:
            found.append(NoReport(agency, reason))
    return found


# -- agency reports -------------------------------------------------------------------------------

REPORT_KEYS = ("id", "agency", "author", "author_independent", "received_on", "summary",
               "chronology", "analysis", "good_practice", "learning", "recommendations",
               "distributed")
ANALYSIS_KEYS = ("line", "entries", "not_involved", *ANALYSIS_HEADINGS)


def read_reports(reader: Reader, data: Any, lines: set[str]) -> list[AgencyReport]:
    found, seen, agencies = [], set[str](), set[str]()
    for at, item in reader.items(data, "reports"):
        reader.known_keys(item, at, REPORT_KEYS)
        rid = reader.unique_id(item, at, seen)
        agency = reader.agency(reader.text(item, "agency", at), f"{at}.agency")
        if agency in agencies:
            reader.problem(f"{at}.agency", f"{agency} has two reports; an agency writes one")
        agencies.add(agency)
        author = reader.text(item, "author", at)
        reader.role(author, f"{at}.author")
        chronology = reader.entries(item, "chronology", at, agency, required=True)
        for i, ref in enumerate(chronology, 1):
            if ref.agency != agency:
                reader.problem(f"{at}.chronology[{i}]", f"{ref.ref} is {ref.agency}'s; an agency "
                               "report's chronology is the agency's own")
        analyses = _analyses(reader, item, at, agency, lines)
        distributed = []
        for dat, raw in reader.items(item, "distributed", required=False, at=at):
            reader.known_keys(raw, dat, ("to", "sent_on"))
            to, on = reader.text(raw, "to", dat), reader.day(raw, "sent_on", dat)
            reader.role(to, f"{dat}.to")
            if to and on:
                distributed.append(Distribution(to, on))
        independent = item.get("author_independent", True)
        if not isinstance(independent, bool):
            reader.problem(f"{at}.author_independent", f"{independent!r}", "true or false")
            independent = True
        if rid and agency and author:
            found.append(AgencyReport(
                rid, agency, author, reader.text(item, "summary", at), chronology, analyses,
                independent, reader.day(item, "received_on", at, required=False),
                reader.texts(item, "good_practice", at), reader.texts(item, "learning", at),
                reader.texts(item, "recommendations", at), distributed))
    return found


def _analyses(reader: Reader, item: dict[str, Any], at: str, agency: str, lines: set[str]
              ) -> list[Analysis]:
    found: list[Analysis] = []
    for aat, raw in reader.items(item, "analysis", at=at):
        reader.known_keys(raw, aat, ANALYSIS_KEYS)
        line = reader.text(raw, "line", aat)
        if line and line not in lines:
            reader.problem(f"{aat}.line", f"no key line of enquiry {line!r}",
                           "one of " + (", ".join(sorted(lines)) or "the scoping's lines"))
            continue
        if line in {a.line for a in found}:
            reader.problem(f"{aat}.line", f"{line} is analysed twice; say it all once")
            continue
        not_involved = reader.text(raw, "not_involved", aat, required=False)
        texts = {k: reader.text(raw, k, aat, required=not not_involved and k in
                                ("what_happened", "why")) for k in ANALYSIS_HEADINGS}
        if not_involved and any(texts.values()):
            reader.problem(f"{aat}.not_involved", "an analysis either says why the agency has "
                           "nothing on this line (not_involved) or analyses it, not both")
        entries = reader.entries(raw, "entries", aat, agency)
        if line:
            found.append(Analysis(line, entries, not_involved=not_involved, **texts))
    missing = sorted(lines - {a.line for a in found})
    if missing and found:
        reader.problem(f"{at}.analysis", f"no analysis of {', '.join(missing)}: an agency "
                       "report analyses every key line of enquiry, or says with not_involved "
                       "why it has nothing on one")
    return found
