"""The ids a review gives the things it records: a prefix and the next number (P1, LE-2, IR-3)."""

from __future__ import annotations

import re
from collections.abc import Iterable


def next_id(existing: Iterable[str], prefix: str, *, width: int = 0) -> str:
    """The next free id of the form PREFIX + number, one past the highest already used, so a
    removed item's id is never given again to something else (P1, P2 ...; IR-1, IR-2 ...).
    Ids of another form are left out of the count. With `width` the number is padded with
    zeros to that many digits (CR-2026-001)."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)")
    numbers = [int(m.group(1)) for key in existing if (m := pattern.fullmatch(key))]
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"
