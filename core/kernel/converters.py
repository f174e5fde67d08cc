"""Typed attrs converters shared by the core's value classes.

mypy cannot type attrs' generic `converter=tuple`, and its attrs plugin does not bind a
TypeVar in a converter (`def as_tuple(values: Iterable[T]) -> tuple[T, ...]` makes every
`Class(items=[...])` an error), so each element type has its own small converter. Those used in
more than one module live here; a converter only one module needs stays beside its class.
"""

from __future__ import annotations

from collections.abc import Iterable


def strings(values: Iterable[str]) -> tuple[str, ...]:
    """A tuple of text from any iterable of text (a list from YAML or JSON, a generator)."""
    return tuple(values)
