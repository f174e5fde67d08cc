"""Plain English, measured: the Flesch reading ease of the report's prose, and its long sentences.

Seed 2.10 asks for a report "written in plain English and in a way that can be easily understood
by professionals and the public alike". A score is a rough guide, not a verdict, so the check
warns rather than blocks. The syllable count is the usual vowel-group rule with the common
English corrections; it is within a syllable or so of a dictionary on ordinary prose.
"""

from __future__ import annotations

import re

READING_EASE_TARGET = 50.0  # "fairly difficult" and easier; a broadsheet newspaper is about 50
LONG_SENTENCE_WORDS = 30

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+")
# Abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|a\.m|p\.m|Mr|Mrs|Ms|Dr|St|No|approx|cf|vs)\.\s",
                            re.I)


def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    groups = re.findall(r"[aeiouy]{1,2}", word)
    return max(1, len(groups))


def sentences(text: str) -> list[str]:
    protected = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(". ", "\x00 "), text)
    parts = _SENTENCE_END.split(protected.strip())
    return [p.replace("\x00", ".").strip() for p in parts if _WORD.search(p)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def reading_ease(texts: list[str]) -> float | None:
    """Flesch reading ease of the texts taken together (higher is easier), or None if empty."""
    sentence_count = word_count = syllable_count = 0
    for text in texts:
        for sentence in sentences(text):
            found = words(sentence)
            if not found:
                continue
            sentence_count += 1
            word_count += len(found)
            syllable_count += sum(syllables(w) for w in found)
    if not word_count:
        return None
    return round(206.835 - 1.015 * (word_count / sentence_count)
                 - 84.6 * (syllable_count / word_count), 1)


def long_sentences(text: str, limit: int = LONG_SENTENCE_WORDS) -> list[tuple[str, int]]:
    """(sentence, number of words) for each sentence of more than `limit` words."""
    return [(s, n) for s in sentences(text) if (n := len(words(s))) > limit]
