"""The demo's material: the fictional Child A case in the package, its script, and each
methodology's own example material (its `example_material` hook)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from core.kernel.files import read_yaml

# The case travels in the package (core/example_case is examples/child-a), so that the demo
# runs from a wheel as from a clone.
EXAMPLE = Path(__file__).parents[1] / "example_case"
# The review's script (chair, reviewers, case group, family, rationales): fictional, editable.
SCRIPT = EXAMPLE / "review.yaml"


# Files in a methodology's material that change the demo's run for that method: each key
# replaces the shared script's (its rationale, reviewers and team, a `variant`); `case:` and
# `facts:` are laid over case.yaml's header and criteria facts (the Welsh Child Practice Review
# runs Child A as if in Wales).
OVERRIDES = ("review.yaml", "demo.yaml")


def script(material: Path | None = None) -> dict[str, Any]:
    """The demo's script: who chaired, who reviewed, who took part, and why. All fictional.
    A methodology's material may change it (OVERRIDES), and a commissioning.yaml of its own
    may say why the method was chosen (`methodology_rationale`)."""
    found = read_yaml(SCRIPT, "the demo's script", shape=dict)  # our own file, checked by tests
    if material is not None:
        for name in OVERRIDES:
            if (material / name).is_file():
                found |= read_yaml(material / name, "the methodology's part of the demo's "
                                   "script", shape=dict)
        note = material / "commissioning.yaml"
        if note.is_file():
            why = read_yaml(note, "the methodology's commissioning note", shape=dict)
            if why.get("methodology_rationale"):
                found["methodology_rationale"] = why["methodology_rationale"]
    return found


def example_material(host: Any, methodology: str) -> Path | None:
    """The folder of Child A material `methodology` ships (its `example_material` hook), or,
    in a clone, a folder named after it beside the case; None if it has none."""
    folder = host.call_methodology(methodology, "example_material")
    if folder is None and (EXAMPLE / methodology).is_dir():
        folder = EXAMPLE / methodology
    return Path(folder) if folder is not None and Path(folder).is_dir() else None


def methodologies_with_material(host: Any) -> list[str]:
    """The installed methodologies that ship example material for the Child A case."""
    return sorted(name for name in host.methodologies if example_material(host, name))
