"""What a methodology's own `load` and `import` commands share: the review must use the method,
and what its loader read goes through the core's door before the command says what it read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from core.analysis import changes
from core.apps.cli.base import App
from core.kernel.errors import InvalidValue
from core.kernel.state import ReviewState


def review_using(app: App, review_id: str, methodology: str, name: str) -> ReviewState:
    """REVIEW, refused unless it was commissioned with `methodology` (called `name`)."""
    state = app.reviews.load(review_id)
    if state.methodology != methodology:
        raise InvalidValue(
            f"review {review_id} uses {state.methodology or 'no methodology yet'}; {name} "
            "material belongs to a review commissioned with it "
            f"(`casereview commission {review_id} --methodology {methodology}`)")
    return state


def write_material(app: App, state: ReviewState, plan: Any, name: str, *,
                   verb: str = "Loaded", dry_run: bool = False) -> None:
    """Write what the method's loader planned (its `events`), then echo its warnings and its
    `describe()` lines. Written as a proposal: the core checks it as it would the same
    records typed by a person, and writes all of it or nothing."""
    if plan.events and not dry_run:
        changes.write(app.reviews, state, plan.events,
                      plugin=app.host.methodology(state.methodology).plugin,
                      what=f"the {name} files")
    for warning in plan.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for line in plan.describe():
        click.echo(f"{'Would load' if dry_run else verb} {line}.")


def load_documents(app: App, review_id: str, documents: dict[str, tuple[str, Any]],
                   plan_load: Callable[..., Any], methodology: str, name: str, *,
                   verb: str = "Loaded") -> None:
    """Check `documents` (kind -> (file, parsed YAML)) against REVIEW with the method's
    `plan_load(host, state, documents)` and write what it read."""
    state = review_using(app, review_id, methodology, name)
    write_material(app, state, plan_load(app.host, state, documents), name, verb=verb)
