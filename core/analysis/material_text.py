"""Helpers for a methodology's `material_templates`: its written forms turned into starting files
that load back as nothing (every line a comment until the reviewer takes the '# ' off), headed
by what the review already holds to fill them in with (its agencies and chronology entries)."""

from __future__ import annotations

import textwrap

from core.kernel.dates import long_span
from core.kernel.state import ReviewState
from core.kernel.text import shorten

MAX_ENTRIES_LISTED = 400  # a long chronology is listed in part; `casereview chronology` has all


def commented(text: str) -> str:
    """`text` with '# ' put before every line, notes too, so taking it off again (an editor's
    "uncomment") gives back the form exactly, its notes still notes."""
    return "".join(f"# {line}" if line.strip() else line
                   for line in text.splitlines(keepends=True))


def review_notes(state: ReviewState) -> str:
    """Notes heading a starting file: how to fill it in and load it, the review's agencies and
    its chronology entries (id, day, agency, source reference, what happened)."""
    agencies = sorted(set(state.agencies) | {e.agency for e in state.chronology.values()})
    lines = [f"Starting file for review {state.id}: {state.review.title}.",
             "Lines starting with # are notes and are ignored. Below is the form, each of its",
             "lines behind '# ': take that off the lines you fill in. Load the folder with:",
             f"casereview material {state.id} FOLDER (everything is checked first; a",
             "problem is reported with its file and field, and nothing is changed).",
             "People are known by role and agency, never by name.", "",
             *textwrap.wrap("The review's agencies: " + (
                 "; ".join(agencies) if agencies else "none yet (import the chronologies first)")
                 + ".", 92, subsequent_indent="  "),
             "Its chronology entries (id: day, agency [source reference]: what happened):"]
    chronology = state.sorted_chronology()
    for entry in chronology[:MAX_ENTRIES_LISTED]:
        ref = f" [{entry.source_ref}]" if entry.source_ref else ""
        lines.append(f"  {entry.id}: {long_span(entry.date)}, {entry.agency}{ref}: "
                     f"{shorten(entry.what_happened, 60)}")
    if len(chronology) > MAX_ENTRIES_LISTED:
        lines.append(f"  ... and {len(chronology) - MAX_ENTRIES_LISTED} more: "
                     f"casereview chronology {state.id}")
    if not chronology:
        lines.append("  (none yet: import the agencies' chronologies first)")
    return "".join(f"# {line}".rstrip() + "\n" for line in lines) + "\n"
