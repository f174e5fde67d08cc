"""Small helpers for text a person reads: a long piece shortened for one line, a count with
its noun."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """`text` on one line (runs of white space folded), cut to at most `limit` characters with
    an ellipsis where something was left out."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun, singular or plural as a person writes it: 1 day, 3 days,
    0 problems; `many` for a noun that does not just add an s (1 entry, 2 entries)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
