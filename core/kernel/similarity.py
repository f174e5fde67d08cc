"""Near-identical texts: which of a list of "what happened" texts share at least 80% of their
words (Jaccard), for the likely duplicates of a chronology (core.evidence.chronology.duplicates)
and their read model (core.kernel.readmodels.duplicates).

The comparison uses prefix filtering (sort each text's words rarest first; two texts can only
reach the threshold if their first few words meet), so 100,000 entries take about a second,
not hours.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from itertools import accumulate, chain

SIMILARITY = 0.8  # share of words in common (Jaccard) for "near-identical"
PROBE_WORDS = 12  # up to this many words to look for, a late row is probed for, not split
WORD = re.compile(r"[^\W_]+")


def similar_pairs(texts: list[str], new_from: int = 0) -> list[tuple[int, int, float]]:
    """Index pairs (j, i, score), j < i, of texts at least SIMILARITY alike, leaving out pairs
    of two texts both before `new_from` (those already compared: an import compares only its
    new rows with what is there)."""
    if not new_from:
        return _all_pairs(texts)
    new = [frozenset(WORD.findall(text.casefold())) for text in texts[new_from:]]
    # A text this alike shares at least one of any `len - ceil(SIMILARITY * len) + 1` of a new
    # text's words, so a text holding none of them, even inside other words, is passed over
    # without being split into words: at C speed, when the new texts are few (a late file
    # adds one or two to a day); many new texts are compared as all texts are.
    probes = [sorted(ws, key=len, reverse=True)[: len(ws) - math.ceil(SIMILARITY * len(ws)) + 1]
              for ws in new]
    if sum(map(len, probes)) > PROBE_WORDS:
        return _all_pairs(texts, new_from)
    found = [(new_from + j, new_from + i, score)
             for j, i, score in _all_pairs(texts[new_from:])]
    # Each probe word looked for in all the texts at once, at C speed; only the texts it is
    # found in are split into words.
    folded = [text.casefold() for text in texts[:new_from]]
    joined = "\n".join(folded)  # a word holds no line break: no match runs across two texts
    ends = list(accumulate(len(text) + 1 for text in folded))
    meets: dict[int, set[int]] = defaultdict(set)
    for k, probe in enumerate(probes):
        for word in probe:
            at = joined.find(word)
            while at != -1:
                j = bisect_right(ends, at)
                meets[j].add(k)
                at = joined.find(word, ends[j])
    for j in sorted(meets):
        other = frozenset(WORD.findall(folded[j]))
        for k in sorted(meets[j]):
            common = len(new[k] & other)
            union = len(new[k]) + len(other) - common
            if common >= SIMILARITY * union:
                found.append((j, new_from + k, common / union))
    return found


def _all_pairs(texts: list[str], new_from: int = 0) -> list[tuple[int, int, float]]:
    """Exact, but quick (prefix filtering): with every text's words in one order, two texts
    sharing `o` words have one of them among the first `len - o + 1` words of each, so only
    texts meeting in those prefixes are compared. Ranking the words rarest first keeps the
    lists of texts met short."""
    words = [frozenset(WORD.findall(text.casefold())) for text in texts]
    frequency = Counter(chain.from_iterable(words))
    rank = {w: n for n, w in enumerate(sorted(frequency, key=frequency.__getitem__))}
    index: dict[int, list[int]] = defaultdict(list)
    found = []
    for i, ws in enumerate(words):
        size = len(ws)
        prefix = sorted(map(rank.__getitem__, ws))[: size - math.ceil(SIMILARITY * size) + 1]
        if i >= new_from:
            for j in set(chain.from_iterable(index[w] for w in prefix if w in index)):
                other = words[j]
                common = len(ws & other)
                if common >= SIMILARITY * (size + len(other) - common):
                    found.append((j, i, common / (size + len(other) - common)))
        for w in prefix:
            index[w].append(i)
    return found
