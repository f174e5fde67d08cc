"""The review team's written material (conversations, episodes, findings ...) read from files by
the review's methodology, checked as a whole, and journalled in one batch or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from core.analysis import changes
from core.kernel.errors import InvalidValue
from core.plugin_api.methodology import Material

if TYPE_CHECKING:
    from core.plugin_api.methodology import Material
    from core.plugin_api.reviews import Reviews


def load(reviews: Reviews, review_id: str, folder: Path, *, dry_run: bool = False) -> Material:
    """Ask the review's methodology to read `folder`; write what it read unless `dry_run`."""
    state = reviews.load(review_id)
    if not state.methodology:
        raise InvalidValue(
            f"review {review_id} has no methodology yet; commission it first "
            f"(`casereview commission {review_id} --methodology NAME`)")
    plugin = reviews.host.methodology(state.methodology).plugin
    material = reviews.host.call_methodology(
        state.methodology, "load_material", review=state, folder=Path(folder), host=reviews.host)
    if material is None:
        raise InvalidValue(f"the {state.methodology} methodology reads no material from files")
    if not isinstance(material, Material):
        raise changes.ChangesRefused(plugin, "the material", [
            f"load_material must return a Material, not {type(material).__name__}"])
    # The same door as a person's commands: every change checked, all written or none.
    what = f"the material in {folder}"
    admitted = changes.admit(reviews, state, material.events, plugin=plugin, what=what)
    if not dry_run:
        changes.commit(reviews, state, admitted)
    return material


def write_templates(reviews: Reviews, review_id: str, folder: Path) -> list[Path]:
    """Write the starting files of the review's methodology into `folder` (made if need be);
    a file already there is never overwritten, and then nothing is written."""
    state = reviews.load(review_id)
    if not state.methodology:
        raise InvalidValue(
            f"review {review_id} has no methodology yet; commission it first "
            f"(`casereview commission {review_id} --methodology NAME`)")
    files = reviews.host.call_methodology(state.methodology, "material_templates", review=state)
    if not files:
        raise InvalidValue(f"the {state.methodology} methodology offers no templates")
    folder = Path(folder)
    names = [Path(name) for name in files]
    bad = [str(n) for n in names if n.name != str(n) or n.name.startswith(".")]
    if bad:
        raise InvalidValue(f"the {state.methodology} methodology offered templates with unsafe "
                           f"names: {', '.join(bad)}")
    there = [str(folder / n) for n in names if (folder / n).exists()]
    if there:
        raise InvalidValue(f"{', '.join(there)} already exist; nothing was written",
                           hint="give an empty folder, or move those files first")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
