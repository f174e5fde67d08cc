"""The investigation team's starting files: the blank, commented forms shipped in templates/
(`casereview rca template FOLDER`), and the same forms for a review's `material_templates`,
headed by its agencies and chronology entries and wholly commented, so they load back as
nothing until the team fills them in."""

from __future__ import annotations

from pathlib import Path

from core.analysis.material_text import commented, review_notes
from core.kernel.state import ReviewState
from rca import records as r

TEMPLATES = Path(__file__).parent / "templates"


def blank_files(psirf: bool) -> dict[str, str]:
    """{file name load_material reads: its blank form}, for RCA or the PSIRF mode."""
    prefix = "blank-psirf-" if psirf else "blank-rca-"
    return {path.name.removeprefix(prefix): path.read_text(encoding="utf-8")
            for path in sorted(TEMPLATES.glob(f"{prefix}*.yaml"))}


def material_templates(review: ReviewState) -> dict[str, str]:
    notes = review_notes(review)
    return {name: notes + commented(text) for name, text in blank_files(r.psirf(review)).items()}
