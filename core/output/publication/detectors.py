"""Finding identifying details in report text: the kinds of detail a published review must not
carry (seed 2.10: "suitable for publication without needing to be amended or redacted").

Each detector is deliberately narrow, so that what it finds is worth a coordinator's time:
dates and chronology references are not phone numbers, and a ten-digit number is an NHS number
only when its check digit is right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from attrs import frozen

from core.output.publication.normalise import fold, folded


@frozen
class Detail:
    kind: str  # a key of KINDS
    text: str  # what was found
    start: int
    end: int
    owner: str = ""  # for a real name: the pseudonym it is registered for


# kind -> (what it is, why it matters)
KINDS: dict[str, tuple[str, str]] = {
    "real_name": ("a registered real name",
                  "it names someone the review has pseudonymised, so a reader could identify "
                  "the child or family"),
    "date_of_birth": ("a date of birth",
                      "a date of birth, with the area and the events, can identify the child"),
    "address": ("a street address", "an address identifies where the family lives or lived"),
    "postcode": ("a UK postcode", "a postcode narrows a family down to a few houses"),
    "nhs_number": ("an NHS number", "an NHS number identifies one person"),
    "ni_number": ("a National Insurance number", "a National Insurance number identifies one "
                  "person"),
    "phone": ("a phone number", "a phone number can identify or reach a family member or "
              "practitioner"),
    "email": ("an email address", "an email address can identify or reach a family member or "
              "practitioner"),
}


def nhs_check_digit_ok(digits: str) -> bool:
    """True when the ten digits carry a valid NHS Modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_NHS = re.compile(r"(?<![\w/.-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\w/.-])")

# Format and the prefixes HMRC never issues: first letter not D F I Q U V; second not D F I O Q U
# V; not BG GB NK KN TN NT ZZ; suffix A-D.
_NI = re.compile(
    r"(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r" ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])"
)

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(GIR ?0AA|[A-PR-UWYZ]"
    r"(?:[0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)"
    r" ?[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])"
)

_STREET_WORDS = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Court|Place|Gardens|Terrace|"
    "Grove|Walk|Square|Hill|Row|Mews|Parade|Rise|View|Green|Vale|Croft|Meadow|Meadows|Wharf"
)
_ADDRESS = re.compile(
    r"(?<![\w/-])(?:(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+"
    r"(?:[A-Z][a-z'’-]+\s+){1,3}(?:" + _STREET_WORDS + r")\b\.?"
)

# UK numbers: 0 or +44 then a shaped number of 10 (or 9) national digits, in the groupings
# people write. A date (01-02-2013) or a reference (CSC-00123, GP/0001234) does not fit.
_PHONE = re.compile(
    r"(?<![\w/.:-])(?:\+44\s?(?:\(0\))?\s?|\(?0)"
    r"(?:\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4})(?![\w/.:-])"
)

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}"
         rf"|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2})")
_BIRTH = re.compile(
    rf"\b(?:date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|born(?:\s+on)?)\b\s*(?:was|is|:|-|–)?\s*({_DATE})",
    re.IGNORECASE,
)


def _nhs(text: str) -> Iterator[Detail]:
    for m in _NHS.finditer(text):
        if nhs_check_digit_ok("".join(m.groups())):
            yield Detail("nhs_number", m.group(0), m.start(), m.end())


def _phone(text: str) -> Iterator[Detail]:
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        national = digits[2:] if m.group(0).startswith("+44") else digits[1:]
        if national.startswith("0"):
            national = national[1:]  # the (0) some write after +44
        if len(national) in (9, 10) and national[0] in "123578":
            yield Detail("phone", m.group(0), m.start(), m.end())


def _simple(kind: str, pattern: re.Pattern[str],
            group: int = 0) -> Callable[[str], Iterator[Detail]]:
    def detect(text: str) -> Iterator[Detail]:
        for m in pattern.finditer(text):
            yield Detail(kind, m.group(group), m.start(group), m.end(group))

    return detect


DETECTORS: dict[str, Callable[[str], Iterator[Detail]]] = {
    "date_of_birth": _simple("date_of_birth", _BIRTH),
    "address": _simple("address", _ADDRESS),
    "postcode": _simple("postcode", _POSTCODE),
    "nhs_number": _nhs,
    "ni_number": _simple("ni_number", _NI),
    "phone": _phone,
    "email": _simple("email", _EMAIL),
}


def find_details(text: str) -> list[Detail]:
    """Every identifying detail of the kinds above in `text`, in order of position."""
    found: list[Detail] = []
    for detect in DETECTORS.values():
        found.extend(detect(text))
    # A phone-shaped run inside an NHS number, or a postcode inside an address, is one finding.
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Detail] = []
    for detail in found:
        if kept and detail.start < kept[-1].end and detail.kind in ("phone", "postcode") \
                and kept[-1].kind in ("nhs_number", "address", "phone"):
            continue
        kept.append(detail)
    return kept


def find_names(text: str, names: list[tuple[str, str]]) -> list[Detail]:
    """Registered real names in `text`, however written: matched on the text folded as a reader
    sees it (`core.output.publication.normalise`: case, accents, look-alike letters, invisible
    characters and right-to-left overrides taken out). Found: the whole name, also run together
    or with dots or hyphens between its parts; the surname alone in any case (police write it in
    capitals); any other part of three letters or more written as a name (not all in lower case,
    so "Rose" the mother is found and "a rose" is not); and the initials with dots (K.B.)."""
    folded, origin = fold(text)
    found: list[Detail] = []
    spans: set[tuple[int, int]] = set()
    for real, pseudonym in names:
        for pattern, any_case in _name_patterns(real):
            for m in pattern.finditer(folded):
                if m.end() == m.start():
                    continue
                where = origin[m.start():m.end()]
                start, end = min(where), max(where) + 1
                shown = text[start:end]
                if not any_case and shown == shown.lower():
                    continue
                if any(s <= start and end <= e for s, e in spans):
                    continue
                spans.add((start, end))
                found.append(Detail("real_name", shown, start, end, owner=pseudonym))
    return sorted(found, key=lambda d: (d.start, -(d.end - d.start)))


_GAP = r"[\W_]*"  # what may stand between the parts of a name: nothing, spaces, dots, hyphens


def _name_patterns(real: str) -> list[tuple[re.Pattern[str], bool]]:
    """(pattern on folded text, whether a match counts in lower case too) for one name."""
    words = [w for w in folded(real).split() if re.search(r"[^\W_]", w)]
    if not words:
        return []

    def runs(word: str) -> list[str]:
        return re.findall(r"[^\W_]+", word)

    def whole(pieces: list[str]) -> re.Pattern[str]:
        body = _GAP.join(re.escape(p) for p in pieces)
        return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")

    patterns = [(whole([r for w in words for r in runs(w)]), True)]
    if len(words) > 1:
        surname = words[-1]
        patterns.append((whole(runs(surname)), True))
        for part in runs(surname):
            if len(part) >= 3:
                patterns.append((whole([part]), True))
        for word in words[:-1]:
            if len("".join(runs(word))) >= 3:
                patterns.append((whole(runs(word)), False))
        initials = r"\.\s*".join(re.escape(w[0]) for w in words)
        patterns.append((re.compile(rf"(?<![^\W_]){initials}\.?(?![^\W_])"), False))
    return patterns
