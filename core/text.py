"""Small helpers for text a person reads: a long piece shortened for one line."""

from __future__ import annotations


def shorten(text: str, limit: int) -> str:
    """`text` on one line (runs of white space folded), cut to at most `limit` characters with
    an ellipsis where something was left out."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
