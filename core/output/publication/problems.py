"""What the publication check reports, and how it shows a detail without repeating it: each
problem with its place and a snippet in which every identifying detail is masked."""

from __future__ import annotations

from attrs import frozen

from core.output.publication.detectors import KINDS, Detail, find_details, find_names
from core.output.publication.identity import Identity

SNIPPET_CONTEXT = 40


@frozen
class Problem:
    code: str  # e.g. "nhs_number", "missing:impact", "clock:panel-copy"
    where: str  # the section (or "Publication plan")
    snippet: str
    why: str
    fix: str
    blocking: bool


def snippet(text: str, start: int, end: int, shown: str) -> str:
    """The words around [start, end) with the detail itself replaced by `shown`."""
    before = text[max(0, start - SNIPPET_CONTEXT):start]
    after = text[end:end + SNIPPET_CONTEXT]
    lead = "…" if start > SNIPPET_CONTEXT else ""
    tail = "…" if end + SNIPPET_CONTEXT < len(text) else ""
    return " ".join(f"{lead}{before}{shown}{after}{tail}".split())


def _mask(detail: Detail, identities: list[Identity]) -> str:
    if detail.kind == "real_name":
        return f"[real name registered for {detail.owner or 'someone'}]"
    keep = detail.text[-3:] if detail.kind in ("nhs_number", "ni_number", "phone") else ""
    return f"[{KINDS[detail.kind][0]}{' ending ' + keep if keep else ''}]"


def redact(text: str, identities: list[Identity]) -> tuple[str, list[tuple[Detail, int, int]]]:
    """`text` with every identifying detail masked, and where each detail now sits in it."""
    names = [(i.real_name, i.pseudonym) for i in identities]
    found = sorted([*find_names(text, names), *find_details(text)], key=lambda d: d.start)
    out: list[str] = []
    spans: list[tuple[Detail, int, int]] = []
    at = length = 0
    for detail in found:
        if detail.start < at:  # inside one already masked: same place, same mask
            spans.append((detail, *spans[-1][1:]))
            continue
        out.append(text[at:detail.start])
        length += detail.start - at
        mask = _mask(detail, identities)
        spans.append((detail, length, length + len(mask)))
        out.append(mask)
        length += len(mask)
        at = detail.end
    out.append(text[at:])
    return "".join(out), spans
