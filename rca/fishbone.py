"""The fishbone (Ishikawa) diagram of one problem, drawn as a standalone SVG, and the NPSA
contributory-factor grid as a table — two views of the same factor records.

The fishbone has a bone per category of the factors' taxonomy (all of them, so an empty bone
shows what was not found as well as what was). Every text is escaped; the drawing has a title
and a description for screen readers, and marks helping and hindering in words, not colour
alone. The same problem always gives the same bytes.
"""

from __future__ import annotations

import textwrap
from typing import Any
from xml.sax.saxutils import escape

from core.kernel.dates import long_span
from core.kernel.state import ReviewState
from rca import records as r
from rca.taxonomy import FACTOR_TAXONOMIES, TAXONOMY_TITLES

WIDTH, BONE_GAP, SPINE_Y, LINE = 1180, 230, 330, 15
HEAD_WIDTH = 230


def _lines(text: str, width: int = 30) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def _label(taxonomy: str, key: str) -> str:
    return FACTOR_TAXONOMIES[taxonomy].get(key, key).split(":")[0]


def factors_of(state: ReviewState, problem_id: str) -> list[r.Factor]:
    return [f for f in r.factors(state) if f.problem == problem_id]


def fishbone_svg(state: ReviewState, problem: r.Problem) -> str:
    found = factors_of(state, problem.id)
    taxonomy = found[0].taxonomy if found else ("seips" if r.psirf(state) else "npsa")
    categories = list(FACTOR_TAXONOMIES[taxonomy])
    by_category: dict[str, list[r.Factor]] = {c: [] for c in categories}
    for f in found:
        by_category.setdefault(f.category, []).append(f)
    top, bottom = categories[::2], categories[1::2]
    count = max(len(top), len(bottom))
    spine_end = WIDTH - HEAD_WIDTH - 20
    height = SPINE_Y * 2 + 20
    title = f"Fishbone of {problem.id}: {problem.title}"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="t d" '
           'font-family="sans-serif" font-size="11">',
           f'<title id="t">{escape(title)}</title>',
           f'<desc id="d">{escape(_description(problem, taxonomy, by_category))}</desc>',
           f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
           f'<line x1="20" y1="{SPINE_Y}" x2="{spine_end}" y2="{SPINE_Y}" stroke="#333333" '
           'stroke-width="3"/>',
           f'<rect x="{spine_end}" y="{SPINE_Y - 60}" width="{HEAD_WIDTH}" height="120" '
           'fill="#f9d5cf" stroke="#333333"/>']
    head = [f"{problem.id} ({problem.kind.upper()})", *_lines(problem.title, 34)][:7]
    for i, text in enumerate(head):
        weight = ' font-weight="bold"' if i == 0 else ""
        out.append(f'<text x="{spine_end + 8}" y="{SPINE_Y - 42 + i * LINE}"{weight}>'
                   f'{escape(text)}</text>')
    step = (spine_end - 40) / max(count, 1)
    for row, (names, sign) in enumerate(((top, -1), (bottom, 1))):
        for i, key in enumerate(names):
            x = 40 + i * step + (step / 2 if row else 0)
            tip_y = SPINE_Y + sign * (SPINE_Y - 40)
            out.append(f'<line x1="{x:.0f}" y1="{tip_y}" x2="{x + 60:.0f}" y2="{SPINE_Y}" '
                       'stroke="#555555" stroke-width="2"/>')
            label_y = tip_y - 6 if sign < 0 else tip_y + 14
            out.append(f'<text x="{x:.0f}" y="{label_y}" font-weight="bold">'
                       f'{escape(_label(taxonomy, key))}</text>')
            lines: list[str] = []
            for f in by_category.get(key, []):
                mark = "+ helped:" if f.effect == "helped" else "− hindered:"
                lines += _lines(f"{mark} {f.text} [{f.id}]", 28)
            if not lines:
                lines = ["(none recorded)"]
            lines = lines[:12]
            start_y = tip_y + 14 if sign < 0 else tip_y - 8 - LINE * (len(lines) - 1) - 8
            for j, text in enumerate(lines):
                out.append(f'<text x="{x + 4:.0f}" y="{start_y + j * LINE:.0f}">'
                           f'{escape(text)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _description(problem: r.Problem, taxonomy: str, by_category: dict[str, list[r.Factor]]
                 ) -> str:
    parts = [f"Contributory factors of {problem.id}, by {TAXONOMY_TITLES[taxonomy]} category."]
    for key, items in by_category.items():
        if items:
            parts.append(f"{_label(taxonomy, key)}: " + "; ".join(
                f"{f.effect} — {f.text}" for f in items) + ".")
    return " ".join(parts)


def _source_text(state: ReviewState, source: r.Source) -> str:
    if source.kind == "entry":
        entry = state.chronology.get(source.id)
        return f"{entry.agency} {entry.source_ref} ({long_span(entry.date)})" if entry \
            else source.id
    item = state.evidence.get(source.id)
    return item.title if item else source.id


def npsa_grid(state: ReviewState) -> list[dict[str, Any]]:
    """Per problem, a row per category: the factors that helped and hindered, with evidence."""
    grids = []
    for problem in r.problems(state):
        found = factors_of(state, problem.id)
        taxonomy = found[0].taxonomy if found else ("seips" if r.psirf(state) else "npsa")
        rows = []
        for key in FACTOR_TAXONOMIES[taxonomy]:
            items = [f for f in found if f.category == key]
            rows.append({
                "category": _label(taxonomy, key),
                "hindered": [f"{f.text} [{f.id}]" for f in items if f.effect == "hindered"],
                "helped": [f"{f.text} [{f.id}]" for f in items if f.effect == "helped"],
                "evidence": list(dict.fromkeys(_source_text(state, s) for f in items
                                               for s in f.sources)),
            })
        grids.append({"id": problem.id, "kind": problem.kind.upper(), "title": problem.title,
                      "taxonomy": TAXONOMY_TITLES[taxonomy], "rows": rows})
    return grids
