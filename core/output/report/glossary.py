"""Acronyms: finding them in a report, expanding them, and checking each is spelled out once.

Safeguarding writing is dense with acronyms that a member of the public does not know. The
report gets a glossary of those it uses; the publication check asks that each is spelled out
where it first appears. Expansions come from the report itself ("emergency department (ED)")
and from the common ones below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Common acronyms in English and Welsh safeguarding reviews, as a reader would want them spelled
# out. A review's own text can add or override any of them by spelling one out.
BUILT_IN: dict[str, str] = {
    "A&E": "accident and emergency department",
    "CAMHS": "child and adolescent mental health services",
    "CCG": "clinical commissioning group",
    "CIN": "child in need",
    "CP": "child protection",
    "CPP": "child protection plan",
    "CPR": "child practice review",
    "CSC": "children's social care",
    "CSPR": "child safeguarding practice review",
    "DA": "domestic abuse",
    "DASH": "domestic abuse, stalking and harassment and honour-based violence risk checklist",
    "DfE": "Department for Education",
    "DHR": "domestic homicide review",
    "DNA": "did not attend",
    "DSL": "designated safeguarding lead",
    "DV": "domestic violence",
    "ED": "emergency department",
    "EHA": "early help assessment",
    "EHCP": "education, health and care plan",
    "FGC": "family group conference",
    "GP": "general practitioner (family doctor)",
    "HV": "health visitor",
    "ICB": "integrated care board",
    "ICPC": "initial child protection conference",
    "IDVA": "independent domestic violence adviser",
    "IRO": "independent reviewing officer",
    "KPE": "key practice episode",
    "LA": "local authority",
    "LAC": "looked-after child",
    "LADO": "local authority designated officer",
    "LSCB": "local safeguarding children board",
    "LSCP": "local safeguarding children partnership",
    "MAPPA": "multi-agency public protection arrangements",
    "MARAC": "multi-agency risk assessment conference",
    "MASH": "multi-agency safeguarding hub",
    "NFA": "no further action",
    "NHS": "National Health Service",
    "NSPCC": "National Society for the Prevention of Cruelty to Children",
    "PCSO": "police community support officer",
    "PLO": "public law outline",
    "PSIRF": "patient safety incident response framework",
    "RCA": "root cause analysis",
    "RCPC": "review child protection conference",
    "SCIE": "Social Care Institute for Excellence",
    "SCR": "serious case review",
    "SEN": "special educational needs",
    "SENCO": "special educational needs co-ordinator",
    "SILP": "significant incident learning process",
    "SUDI": "sudden unexpected death in infancy",
    "SW": "social worker",
    "UK": "United Kingdom",
    "WNB": "was not brought",
    "YOT": "youth offending team",
}

# A capitalised token; it is an acronym when most of its letters are capitals (DfE, CAMHS, A&E).
_TOKEN = re.compile(r"(?<![\w&-])([A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*)(?![\w&])")
_SMALL_WORDS = {"and", "of", "the", "for", "to", "in", "on", "at", "with", "or", "a", "an", "&"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _is_acronym(token: str, after: str) -> bool:
    if after.startswith("-") and after[1:2].isdigit():
        return False  # an id such as CR-2026-001 or KPE-1
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and capitals * 2 > len(letters)


def _singular(token: str) -> str:
    # "CSPRs", "GPs": the plural of an acronym is the acronym.
    if token.endswith("s") and token[:-1].isupper() and len(token) > 2:
        return token[:-1]
    return token


def find_acronyms(text: str) -> list[tuple[str, int]]:
    """(acronym, position) for each acronym in `text`, in order."""
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group(1)
        if _is_acronym(token, text[match.end():match.end() + 2]):
            found.append((_singular(token), match.start()))
    return found


def _initials(words: list[str]) -> str:
    out = []
    for word in words:
        for part in word.split("-"):
            if part and part.lower() not in _SMALL_WORDS:
                out.append(part[0].upper())
    return "".join(out)


def _letters(acronym: str) -> str:
    return "".join(c for c in acronym.upper() if c.isalpha())


def _expansion_before(text: str, position: int, acronym: str) -> str | None:
    """The words just before "(ACRONYM)" at `position` whose initials spell it, if any."""
    head = text[:position].rstrip()
    if not head.endswith("("):
        return None
    head = head[:-1].rstrip()
    words = list(_WORD.finditer(head))[-12:]
    target = _letters(acronym)
    for start in range(len(words) - 1, -1, -1):
        if _initials([w.group(0) for w in words[start:]]) == target:
            return head[words[start].start():]
    return None


def _expansion_after(text: str, end: int, acronym: str) -> str | None:
    """The words in "ACRONYM (expansion)" right after `end`, if their initials spell it."""
    match = re.match(r"\s*\(([^()]{3,120})\)", text[end:])
    if not match:
        return None
    inner = match.group(1).strip()
    if _initials(_WORD.findall(inner)) == _letters(acronym):
        return inner
    known = BUILT_IN.get(acronym, "")
    return inner if known and inner.lower() == known.lower() else None


def expansion_at(text: str, position: int, acronym: str) -> str | None:
    """How the acronym at `position` is spelled out right there, if it is."""
    token_end = position + len(acronym)
    while token_end < len(text) and (text[token_end].isalnum() or text[token_end] == "&"):
        token_end += 1
    if position > 0 and text[position - 1] == "(":
        found = _expansion_before(text, position, acronym)
        if found:
            return found
    return _expansion_after(text, token_end, acronym)


def glossary(texts: Iterable[str]) -> list[tuple[str, str]]:
    """(acronym, meaning) for every acronym in `texts` whose meaning is known, sorted."""
    used: dict[str, str] = {}
    for text in texts:
        for acronym, position in find_acronyms(text):
            spelled = expansion_at(text, position, acronym)
            if spelled and acronym not in used:
                used[acronym] = spelled
            used.setdefault(acronym, "")
    out = []
    for acronym in sorted(used, key=str.upper):
        meaning = used[acronym] or BUILT_IN.get(acronym, "")
        if meaning:
            out.append((acronym, meaning))
    return out


def not_expanded_at_first_use(texts: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(acronym, where, text) for each acronym not spelled out where it first appears."""
    seen: set[str] = set()
    problems = []
    for where, text in texts:
        for acronym, position in find_acronyms(text):
            if acronym in seen:
                continue
            seen.add(acronym)
            if not expansion_at(text, position, acronym):
                problems.append((acronym, where, text))
    return problems
