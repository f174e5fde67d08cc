"""The sections a reviewer writes: what each is, how it is stored, and what a valid one holds.

The quality markers and the Panel expect a published report to carry sections no software can
derive: an executive summary, a narrative case summary, the child's lived experience, identity
and equality, what the family said, limitations, the review's own timeline, the partnership's
written response, national asks, and a summary of significant events in place of the agencies'
verbatim chronology. Each is a record (`casereview section REVIEW KIND ...`), checked here
exactly as it would be from a file, and rendered by `core.output.report.sections`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from attrs import frozen

from core.kernel.dates import day_from_text
from core.kernel.errors import InputProblem, lookup

WRITTEN_RECORD = "report/written"  # kind id -> the reviewer's record


@frozen
class WrittenKind:
    id: str  # as typed on the command line: executive-summary
    title: str  # the section's title in the report
    order: int
    what: str  # what the reviewer writes, for --help and the template
    shape: str = "text"  # text | events | response | asks
    may_be_not_relevant: bool = False  # identity and equality: addressed, or why not relevant
    template: str = ""  # a starting point to fill in


KINDS: dict[str, WrittenKind] = {k.id: k for k in (
    WrittenKind("executive-summary", "Executive summary", 50,
                "One page at most: why the case was reviewed, what was found and what the "
                "partnership will do."),
    WrittenKind("limitations", "Methodological comment and limitations", 250,
                "What limited the review: practitioners not seen, family members who declined, "
                "parallel proceedings, records that were unavailable."),
    WrittenKind("family-account", "What the family told the review", 320,
                "In the reviewers' words, what the family members who took part said, and how "
                "they saw the help they were given. Keep family detail to a minimum."),
    WrittenKind("case-summary", "Case summary", 350,
                "One page at most, in neutral terms: who the child is, the household, the "
                "agencies involved and what happened. Keep family detail to a minimum."),
    WrittenKind("significant-events", "Summary of significant events", 400,
                "The events that matter, each as a period, the agency and what happened in "
                "neutral terms; it replaces the agencies' own words in the published report.",
                shape="events",
                template="events:\n- period: Spring 2022\n  agency: Health visiting\n"
                         "  what: Health visits were missed and followed up by letter.\n"),
    WrittenKind("lived-experience", "The child's lived experience", 420,
                "What daily life was like for the child, and the child's voice: what the child "
                "said, showed or was seen to feel, and whether anyone asked."),
    WrittenKind("identity", "Identity, race, ethnicity, culture, disability and language", 430,
                "How the child's and family's identity (race, ethnicity, culture, faith, "
                "disability, language) shaped their lives and the help they got; or, with "
                "--not-relevant, why it was not relevant in this case.",
                may_be_not_relevant=True),
    WrittenKind("practice-appraisal", "Appraisal of professional practice in this case", 480,
                "A short overview of practice, good and problematic, naming no individual."),
    WrittenKind("window-on-the-system", "In what ways does this case provide a useful window "
                "on our system?", 590,
                "How this one case shows the partnership's system at work: what it reveals "
                "beyond the family and the practitioners involved (Learning Together's last "
                "step, before the findings)."),
    WrittenKind("review-timeline", "The review's timeline and delays", 870,
                "Any delay in the review and its reasons; the milestones are taken from the "
                "review's records."),
    WrittenKind("partnership-response", "The partnership's response", 880,
                "The safeguarding partners' written response: whether they accept each finding "
                "(and why not), their priorities, who acts on each issue for the board and "
                "through which improvement actions, and how progress will be monitored.",
                shape="response",
                template="agreed_on: 2025-09-01\nfindings:\n- finding: F1\n  accepted: true\n"
                         "- finding: F2\n  accepted: false\n  reason: Why not, in a sentence."
                         "\npriorities:\n- The first priority.\nissues:\n- finding: F1\n"
                         "  issue: The issue for the board, as the report puts it.\n"
                         "  response: What the partners will do.\n  lead: Who leads (a role)."
                         "\n  actions: [A1]\nmonitoring: How progress will be monitored, by "
                         "whom and how often.\n"),
    WrittenKind("national-asks", "Asks of national bodies", 890,
                "What the partnership asks of national bodies (the Panel, government "
                "departments, inspectorates), each with who it is for.", shape="asks",
                may_be_not_relevant=True,
                template="asks:\n- to: The national Panel\n  ask: What the partnership asks.\n"),
)}


def kind_of(name: str) -> WrittenKind:
    key = name.strip().lower().replace("_", "-")
    return lookup(KINDS, key, f"there is no section a reviewer writes called {name!r}")


def written(state: Any, kind: str) -> dict[str, Any] | None:
    return state.record_collection(WRITTEN_RECORD).get(kind)


# -- checking a record as it is given ------------------------------------------------------------


def _text(value: Any, where: str, name: str, *, required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputProblem(f"{name} is empty", file=where, field=name, expected="some text")
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise InputProblem(f"{name} should be text", file=where, field=name, expected="text")
    return str(value).strip()


def _list(value: Any, where: str, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputProblem(f"{name} should be a list", file=where, field=name,
                           expected="a list of items, each starting with '- '")
    return value


def _mapping(value: Any, where: str, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputProblem(f"{name} should be a set of named fields", file=where, field=name,
                           expected="lines of the form 'name: value'")
    return value


def _events(data: dict[str, Any], state: Any, where: str) -> dict[str, Any]:
    rows = []
    for n, item in enumerate(_list(data.get("events"), where, "events"), start=1):
        item = _mapping(item, where, f"events item {n}")
        rows.append({name: _text(item.get(name), where, f"events item {n} {name}")
                     for name in ("period", "agency", "what")})
    if not rows:
        raise InputProblem("no events given", file=where, field="events",
                           expected="a list of events, each with period, agency and what")
    return {"events": rows}


def _response(data: dict[str, Any], state: Any, where: str) -> dict[str, Any]:
    findings = []
    for n, item in enumerate(_list(data.get("findings"), where, "findings"), start=1):
        item = _mapping(item, where, f"findings item {n}")
        fid = _text(item.get("finding"), where, f"findings item {n} finding")
        if fid not in state.findings:
            raise InputProblem(f"there is no finding {fid}", file=where,
                               field=f"findings item {n} finding",
                               expected=f"one of {', '.join(sorted(state.findings)) or 'none yet'}")
        accepted = item.get("accepted")
        if not isinstance(accepted, bool):
            raise InputProblem("say whether the partners accept the finding", file=where,
                               field=f"findings item {n} accepted", expected="true or false")
        reason = _text(item.get("reason"), where, f"findings item {n} reason",
                       required=not accepted)
        findings.append({"finding": fid, "accepted": accepted, "reason": reason})
    issues = []
    for n, item in enumerate(_list(data.get("issues"), where, "issues"), start=1):
        item = _mapping(item, where, f"issues item {n}")
        actions = [str(a) for a in _list(item.get("actions"), where, f"issues item {n} actions")]
        known = ", ".join(sorted(state.actions)) or "none yet"
        for action in actions:
            if action not in state.actions:
                raise InputProblem(f"there is no improvement action {action}", file=where,
                                   field=f"issues item {n} actions", expected=f"ids from {known}")
        fid = _text(item.get("finding"), where, f"issues item {n} finding", required=False)
        if fid and fid not in state.findings:
            raise InputProblem(f"there is no finding {fid}", file=where,
                               field=f"issues item {n} finding")
        issues.append({"finding": fid,
                       "issue": _text(item.get("issue"), where, f"issues item {n} issue"),
                       "response": _text(item.get("response"), where, f"issues item {n} response"),
                       "lead": _text(item.get("lead"), where, f"issues item {n} lead"),
                       "actions": actions})
    agreed = data.get("agreed_on")
    if agreed is not None and not isinstance(agreed, dt.date):
        try:
            agreed = day_from_text(str(agreed), "agreed_on")
        except Exception as error:
            raise InputProblem(str(error), file=where, field="agreed_on",
                               expected="a day such as 2025-09-01") from error
    return {
        "agreed_on": agreed.isoformat() if agreed else "",
        "findings": findings,
        "priorities": [_text(p, where, f"priorities item {n}")
                       for n, p in enumerate(_list(data.get("priorities"), where, "priorities"),
                                             start=1)],
        "issues": issues,
        "monitoring": _text(data.get("monitoring"), where, "monitoring"),
    }


def _asks(data: dict[str, Any], state: Any, where: str) -> dict[str, Any]:
    asks = []
    for n, item in enumerate(_list(data.get("asks"), where, "asks"), start=1):
        item = _mapping(item, where, f"asks item {n}")
        asks.append({"to": _text(item.get("to"), where, f"asks item {n} to"),
                     "ask": _text(item.get("ask"), where, f"asks item {n} ask")})
    if not asks:
        raise InputProblem("no asks given", file=where, field="asks",
                           expected="a list, each with 'to' and 'ask' (or use --not-relevant)")
    return {"asks": asks}


_SHAPES: dict[str, Callable[[dict[str, Any], Any, str], dict[str, Any]]] = {
    "events": _events, "response": _response, "asks": _asks,
}


def check(kind: WrittenKind, state: Any, *, text: str = "", data: Any = None,
          not_relevant: str = "", where: str = "the command line") -> dict[str, Any]:
    """The record to store for `kind`, checked: prose, a structured file's data, or (where the
    kind allows it) a reason it is not relevant. Raises InputProblem naming the field."""
    if not_relevant.strip():
        if not kind.may_be_not_relevant:
            raise InputProblem(f"the {kind.title.lower()} cannot be marked not relevant",
                               field="--not-relevant", expected="the section's text")
        return {"not_relevant": not_relevant.strip()}
    if kind.shape == "text":
        if data is not None:
            raise InputProblem(f"the {kind.title.lower()} is prose, not fields", file=where,
                               expected="a text file, paragraphs split by blank lines")
        return {"text": _text(text, where, "the text")}
    if data is None:
        raise InputProblem(f"the {kind.title.lower()} is a set of fields", file=where,
                           expected=f"a YAML file; print a starting point with `casereview "
                                    f"section REVIEW {kind.id} --template`")
    return _SHAPES[kind.shape](_mapping(data, where, "the file"), state, where)
