"""Small helpers for text a person reads: a long piece shortened for one line, a count with
its noun, user text made inert in Markdown."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>&!~|#])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def shorten(text: str, limit: int) -> str:
    """`text` on one line (runs of white space folded), cut to at most `limit` characters with
    an ellipsis where something was left out."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count with its noun, singular or plural as a person writes it: 1 day, 3 days,
    0 problems; `many` for a noun that does not just add an s (1 entry, 2 entries)."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def md_escape(text: str) -> str:
    """User text made inert in Markdown: every character that could start markup is escaped."""
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: m.group(1) + _escape_start(m.group(2)), text)


def _escape_start(token: str) -> str:
    if token[0].isdigit():
        return token[:-1] + "\\" + token[-1]
    return "\\" + token
