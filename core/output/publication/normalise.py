"""Text as a reader sees it, for matching names: the same letters however they were typed.

A registered name must be found whatever disguises it: another case, the accents left off or
added, letters borrowed from Cyrillic or Greek that look Latin, full-width or mathematical
letters, zero-width characters inside it, or its letters stored backwards inside a
right-to-left override (they still display as the name). `fold` turns text into plain
lower-case letters in display order, and keeps, for each folded character, where it came from,
so a match can be shown (masked) in the original text.
"""

from __future__ import annotations

import unicodedata

# Bidirectional controls: the overrides and embeddings (U+202A-U+202E), the isolates
# (U+2066-U+2069), and the marks (U+200E, U+200F, U+061C).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")
# Characters that take no room on screen: zero-width space, joiners, word joiner, the invisible
# operators, the byte-order mark, the soft hyphen, the Mongolian vowel separator.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e")
_OVERRIDE_START = "\u202e"  # right-to-left override: what follows displays reversed
_OVERRIDE_END = "\u202c\u2069\n"  # until the pop, a closing isolate, or the end of the line

# Letters from other scripts that look like Latin ones (a small part of Unicode's confusables:
# the Cyrillic and Greek look-alikes, upper and lower case), and Latin letters NFKD does not
# take apart.
_LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g",
    "А": "a", "В": "b", "Е": "e", "Ё": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
    "С": "c", "Т": "t", "У": "y", "Х": "x", "Ѕ": "s", "І": "i", "Ї": "i", "Ј": "j", "Һ": "h",
    "Ԁ": "d", "Ԛ": "q", "Ԝ": "w", "Ӏ": "l",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y",
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m", "Ν": "n",
    "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    # Latin letters without a decomposition
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d",
    "ł": "l", "Ł": "l", "ı": "i", "ß": "ss", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
    # apostrophes and hyphens people type in names
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-",
})


_FOLDED: dict[str, str] = {}  # each character folded once per run


def _fold_cached(char: str) -> str:
    folded = _FOLDED.get(char)
    if folded is None:
        folded = _FOLDED[char] = _fold_char(char)
    return folded


def _fold_char(char: str) -> str:
    """One character folded: compatibility form, accents off, look-alikes mapped, case folded."""
    if char in BIDI_CONTROLS or char in INVISIBLE:
        return ""
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part) or unicodedata.category(part) == "Cf":
            continue
        out.append(part.translate(_LOOK_ALIKES).casefold())
    return unicodedata.normalize("NFKC", "".join(out)).translate(_LOOK_ALIKES)


_ASCII = str.maketrans({"`": "'"})


def fold(text: str) -> tuple[str, list[int]]:
    """(the folded text, for each of its characters the index in `text` it came from)."""
    if text.isascii():  # most report text: one character for one, so no index to keep
        return text.lower().translate(_ASCII), list(range(len(text)))
    if _OVERRIDE_START not in text:
        pieces = [_FOLDED.get(c) or _fold_cached(c) for c in text]
        if all(len(p) == 1 for p in pieces):
            return "".join(pieces), list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    reversed_from: int | None = None  # where in `chars` a right-to-left override began
    for index, char in enumerate(text):
        if char == _OVERRIDE_START:
            reversed_from = len(chars)
            continue
        if reversed_from is not None and char in _OVERRIDE_END:
            _reverse(chars, origin, reversed_from)
            reversed_from = None
        for piece in _fold_cached(char):
            chars.append(piece)
            origin.append(index)
    if reversed_from is not None:
        _reverse(chars, origin, reversed_from)
    return "".join(chars), origin


def _reverse(chars: list[str], origin: list[int], start: int) -> None:
    chars[start:] = chars[start:][::-1]
    origin[start:] = origin[start:][::-1]


def folded(text: str) -> str:
    return fold(text)[0]
