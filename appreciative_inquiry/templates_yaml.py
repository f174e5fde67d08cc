"""Commented starting files for a review team's own case, one per stage of the cycle
(`casereview ai template FOLDER`). Every field is shown with what it holds; nothing is filled
in, because what goes in them is the team's judgement."""

from __future__ import annotations

from pathlib import Path

from core.analysis.material_text import commented, review_notes
from core.kernel.errors import InvalidValue
from core.kernel.state import ReviewState

HEADER = "# Appreciative Inquiry: {what}. Fill in, then `casereview ai load REVIEW FOLDER`.\n" \
         "# People by role and agency (the family by relationship), never by name.\n"

FILES: dict[str, tuple[str, str]] = {
    "define.yaml": ("Define", """\
review_question: ""      # the question the review asks, in its own words
affirmative_topic: ""    # what the partnership wants more of (`casereview ai guide` suggests)
guide:                   # kinds: peak, enablers, values, continuity, wishes
  - kind: peak
    question: ""
family:                  # consent: given, declined or not_sought (with a note)
  - relationship: ""
    consent: ""
    note: ""
"""),
    "discover.yaml": ("Discover", """\
interviews:
  - id: I-1
    role: ""             # e.g. Health visitor
    agency: ""
    held_on:             # YYYY-MM-DD
    story: ""            # practice at its best in this case
    entries:             # the chronology entries it rests on
      - {agency: "", ref: ""}
    enablers: []         # what made it possible
    values: []
    continuity: []       # what to keep
    wishes: []           # what they wish had been different
themes:
  - id: T-1
    title: ""
    statement: ""
    stories: [I-1]       # the interviews that show it
    keep: ""
"""),
    "honest-record.yaml": ("the honest record", """\
what_happened: ""        # a summary of what happened (a statutory review must give it)
concerns:                # or, if none: none_identified: "the reason"
  - id: G-1
    title: ""
    what_happened: ""
    why: ""              # why it happened
    entries:
      - {agency: "", ref: ""}
    interviews: []
    themes: []           # the themes it bears on
"""),
    "dream-design.yaml": ("Dream and Design", """\
dream:
  - id: D-1
    text: ""
    themes: []
propositions:
  - id: P-1
    statement: ""        # present tense, as if already true
    themes: [T-1]        # at least one discovered theme grounds it
    concerns: []         # the concerns it answers
    design:              # process, tool, role or relationship
      - process: ""
"""),
    "findings.yaml": ("findings", """\
findings:
  - id: F1
    kind: what_worked    # or what_got_in_the_way
    status: draft        # final once the honest record is complete
    title: ""
    statement: ""
    themes: []           # what_worked rests on themes
    concerns: []         # what_got_in_the_way rests on concerns
    conditions: ""       # what made the good practice possible
    board_issues: []     # questions, ending with '?'
"""),
    "destiny.yaml": ("Destiny", """\
commitments:
  - id: C-1              # also the improvement action's id
    proposition: P-1
    description: ""
    owner: ""            # a role or a body
    champion: ""         # a role
    agency: ""
    due:                 # YYYY-MM-DD
    measure: ""
    status: planned      # planned, in_progress, completed or cancelled
    progress: ""         # evidence of impact, once started
"""),
}


def template_texts() -> dict[str, str]:
    """{file name load_material reads: its commented form}."""
    return {name: HEADER.format(what=what) + body for name, (what, body) in FILES.items()}


def material_templates(review: ReviewState) -> dict[str, str]:
    """The same forms for `casereview material REVIEW --template DIR`, headed by the review's
    agencies and entries and wholly commented, so they load back as nothing until filled in."""
    notes = review_notes(review)
    return {name: notes + commented(text) for name, text in template_texts().items()}


def write_templates(folder: Path) -> list[Path]:
    """Write the files into `folder`; refuses, writing nothing, if any already exists."""
    taken = [name for name in FILES if (folder / name).exists()]
    if taken:
        raise InvalidValue(f"{folder} already holds {', '.join(taken)}; choose an empty folder "
                           "so nothing of yours is overwritten")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in template_texts().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
