"""Reading learning points, findings with their recommendations, and the overview report's own
text. Each finding is traced through its learning points to the agency analyses, the learning
event's contributions and the chronology entries they rest on."""

from __future__ import annotations

from typing import Any

from core.kernel.model import Finding, Recommendation
from silp.reading import Reader
from silp.records import AgencyReport, LearningPoint, Overview, Source

FINDING_KEYS = ("id", "title", "line", "finding", "learning_points", "not_evidenced_because",
                "status")


def read_learning_points(reader: Reader, data: Any, lines: set[str],
                         reports: dict[str, AgencyReport], said: dict[str, str]
                         ) -> list[LearningPoint]:
    """`said`: contribution id -> the evidence id it became."""
    found, seen = [], set[str]()
    for at, item in reader.items(data, "learning_points"):
        reader.known_keys(item, at, ("id", "line", "text", "evidence"))
        pid = reader.unique_id(item, at, seen)
        line = reader.text(item, "line", at)
        if line and line not in lines:
            reader.problem(f"{at}.line", f"no key line of enquiry {line!r}",
                           "one of " + ", ".join(sorted(lines)))
        sources = _sources(reader, item.get("evidence"), f"{at}.evidence", reports, said)
        text = reader.text(item, "text", at)
        if pid and line and text and sources:
            found.append(LearningPoint(pid, line, text, sources))
    return found


def _sources(reader: Reader, value: Any, at: str, reports: dict[str, AgencyReport],
             said: dict[str, str]) -> list[Source]:
    if not isinstance(value, list) or not value:
        reader.problem(at, "a learning point rests on agency analyses, what was said at the "
                       "learning event or chronology entries", "a list of {analysis: "
                       "REPORT/LINE}, {contribution: ID}, {entry: {agency, ref}} or "
                       "{evidence: ID}")
        return []
    sources = []
    for i, raw in enumerate(value, 1):
        sat = f"{at}[{i}]"
        if not isinstance(raw, dict) or len(raw) != 1:
            reader.problem(sat, "expected one of analysis, contribution, entry, evidence")
            continue
        (kind, ref), = raw.items()
        if kind == "analysis":
            report_id, _, line = str(ref).partition("/")
            report = reports.get(report_id)
            analysis = report.analysis(line) if report else None
            if analysis is None or analysis.not_involved:
                reader.problem(sat, f"no agency analysis {ref!r}", "REPORT/LINE, e.g. "
                               "AR-HV/KLOE-2, for a line the report analyses")
            else:
                sources.append(Source("analysis", f"{report_id}/{line}"))
        elif kind == "contribution":
            if str(ref) not in said:
                reader.problem(sat, f"{ref!r} is not a learning-event contribution taken into "
                               "the evidence", "the id of one with 'evidence: true'")
            else:
                sources.append(Source("evidence", said[str(ref)]))
        elif kind == "entry":
            entry = reader.entry(ref, sat)
            if entry is not None:
                sources.append(Source("entry", entry.entry_id))
        elif kind == "evidence":
            if str(ref) not in reader.state.evidence:
                reader.problem(sat, f"no evidence {ref!r} in the review")
            else:
                sources.append(Source("evidence", str(ref)))
        else:
            reader.problem(sat, f"unknown kind of evidence {kind!r}",
                           "analysis, contribution, entry or evidence")
    return sources


def evidence_of(points: list[LearningPoint]) -> list[str]:
    """The evidence and entry ids behind learning points, each once: an agency analysis is
    cited as its agency report (which is evidence of the same id)."""
    ids = [source.id.partition("/")[0] if source.kind == "analysis" else source.id
           for point in points for source in point.sources]
    return list(dict.fromkeys(ids))


def read_findings(reader: Reader, data: Any, lines: set[str], points: dict[str, LearningPoint]
                  ) -> tuple[list[Finding], list[Recommendation]]:
    found, seen = [], set[str]()
    for at, item in reader.items(data, "findings"):
        reader.known_keys(item, at, FINDING_KEYS)
        fid = reader.unique_id(item, at, seen)
        line = reader.text(item, "line", at)
        if line and line not in lines:
            reader.problem(f"{at}.line", f"no key line of enquiry {line!r}",
                           "one of " + ", ".join(sorted(lines)))
        linked = []
        for i, pid in enumerate(reader.texts(item, "learning_points", at, required=True), 1):
            if pid in points:
                linked.append(points[pid])
            else:
                reader.problem(f"{at}.learning_points[{i}]", f"no learning point {pid!r}",
                               "an id from learning_points")
        status = str(item.get("status") or "draft")
        if status not in ("draft", "final"):
            reader.problem(f"{at}.status", f"{status!r}", "draft or final")
            continue
        title, statement = reader.text(item, "title", at), reader.text(item, "finding", at)
        if fid and title and statement:
            found.append(Finding(
                fid, title, statement, evidence_ids=evidence_of(linked), status=status,
                details={"line": line, "learning_points": [p.id for p in linked],
                         "not_evidenced_because": reader.text(item, "not_evidenced_because",
                                                              at, required=False)}))
    finding_ids = {f.id for f in found} | set(reader.state.findings)
    recommendations, seen = [], set[str]()
    for at, item in reader.items(data, "recommendations", required=False):
        reader.known_keys(item, at, ("id", "text", "findings"))
        rid = reader.unique_id(item, at, seen)
        addressed = reader.texts(item, "findings", at, required=True)
        for i, fid in enumerate(addressed, 1):
            if fid not in finding_ids:
                reader.problem(f"{at}.findings[{i}]", f"no finding {fid!r}",
                               "one of " + ", ".join(sorted(finding_ids)))
        text = reader.text(item, "text", at)
        if rid and text and addressed:
            recommendations.append(Recommendation(rid, text, addressed))
    return found, recommendations


def read_overview(reader: Reader, data: Any, lines: set[str]) -> Overview | None:
    if not isinstance(data, dict):
        reader.problem("overview", "expected the_child, analysis and good_practice")
        return None
    reader.known_keys(data, "overview", ("the_child", "analysis", "good_practice"))
    analysis = data.get("analysis") or {}
    if not isinstance(analysis, dict):
        reader.problem("analysis", "expected the lead reviewers' analysis under each key line "
                       "of enquiry's id", "{KLOE-1: TEXT, ...}")
        analysis = {}
    texts = {}
    for key in analysis:
        if str(key) not in lines:
            reader.problem(f"analysis.{key}", f"no key line of enquiry {key!r}",
                           "one of " + ", ".join(sorted(lines)))
        else:
            texts[str(key)] = reader.text(analysis, key, "analysis")
    return Overview(reader.text(data, "the_child", "overview"), texts,
                    reader.texts(data, "good_practice", "overview"))
