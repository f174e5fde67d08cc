"""Pseudonyms applied, not only checked: the identity register's real names become their
pseudonyms in everything casereview writes out, and can be replaced in the stored records.

Agency files arrive with names in them. `for_output` gives every output (reports, the
publication check, chronology exports, graphs) a copy of the review in which each registered
real name reads as its pseudonym; the stored records are left as they are until a reviewer
confirms the same substitutions there (`proposals`, `casereview identity REVIEW apply`).

What is substituted, for a real name "Jane Fictional" registered as "Mother": the whole name,
in any case and spacing; a title with the surname ("Mrs Fictional"); and, written with a
capital as names are, the first name or the surname alone. The publication check still reads
the report afterwards, for whatever a substitution cannot see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any, cast

import attrs

from core.kernel import codec
from core.kernel import state as st
from core.kernel.corrections import describe
from core.kernel.state import ReviewState
from core.output.publication.custody import checked_identities

TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Master")
_MIN_PART = 3  # a one- or two-letter part of a name is too common to replace alone


class Substitution:
    """The compiled substitutions of one review's identities."""

    def __init__(self, identities: Iterable[Any]) -> None:
        rules: list[tuple[str, str, bool]] = []  # (pattern, pseudonym, ignore case)
        for identity in identities:
            name, pseudonym = identity.real_name, identity.pseudonym
            parts = name.split()
            rules.append((r"\s+".join(map(re.escape, parts)), pseudonym, True))
            if len(parts) > 1:
                titles = "|".join(TITLES)
                rules.append((rf"(?:{titles})\.?\s+{re.escape(parts[-1])}", pseudonym, False))
                for part in (parts[0], parts[-1]):
                    if len(part) >= _MIN_PART and part[0].isupper():
                        rules.append((re.escape(part), pseudonym, False))
        # Longest first, so "Jane Fictional" is replaced before "Jane" could be.
        rules.sort(key=lambda rule: len(rule[0]), reverse=True)
        self.patterns = [(re.compile(rf"(?<![\w-]){p}(?![\w-])", re.I if ci else 0), pseudonym)
                         for p, pseudonym, ci in rules]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def text(self, value: str) -> str:
        for pattern, pseudonym in self.patterns:
            value = pattern.sub(pseudonym, value)
        return value

    def data(self, value: Any) -> Any:
        """Plain data with every string substituted (keys are left alone)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {k: self.data(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.data(v) for v in value]
        return value


def for_output(state: ReviewState, identities: Iterable[Any]) -> ReviewState:
    """A copy of `state` in which every registered real name reads as its pseudonym."""
    names = Substitution(identities)
    if not names:
        return state
    out = st.ReviewState(id=state.id, seq=state.seq, stage=state.stage,
                         updated_at=state.updated_at)
    if state.header is not None:
        out.header = codec.from_data(names.data(codec.to_data(state.header)), type(state.header))
    for name, values in state.collections.items():
        if name == "chronology" and _as_read(values, names):
            out.collections[name] = cast(dict, Pseudonymised(values, names))
            continue
        out.collections[name] = {key: _value(names, value) for key, value in values.items()}
    out.records = {name: {key: names.data(value) for key, value in values.items()}
                   for name, values in state.records.items()}
    return out


def _as_read(entries: Any, names: Substitution) -> bool:
    """Whether the chronology can be substituted entry by entry as it is read: it comes from
    the read models (which answer in the merged order), and no agency's name changes, so that
    order stays the same."""
    agencies = getattr(entries, "agencies", None)
    return agencies is not None and all(names.text(a) == a for a in agencies())


class Pseudonymised(Mapping[str, Any]):
    """A chronology read from the read models whose entries read with pseudonyms, each
    substituted when it is first read: an output that shows a few entries of 100,000
    substitutes those few. It answers as the read models do (core.kernel.readmodels.stored)."""

    def __init__(self, entries: Any, names: Substitution) -> None:
        self._entries, self._names = entries, names
        self._shown: dict[str, Any] = {}

    def _entry(self, entry: Any) -> Any:
        found = self._shown.get(entry.id)
        if found is None:
            found = self._shown[entry.id] = _value(self._names, entry)
        return found

    def __getitem__(self, key: str) -> Any:
        return self._entry(self._entries[key])

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> Any:
        return self._entries.keys()

    def values(self) -> Any:
        return [self._entry(entry) for entry in self._entries.values()]

    def items(self) -> Any:
        return [(key, self._entry(entry)) for key, entry in self._entries.items()]

    def in_order(self) -> list[Any]:
        return [self._entry(entry) for entry in self._entries.in_order()]

    def first_and_last(self) -> tuple[Any, Any] | None:
        ends = self._entries.first_and_last()
        return None if ends is None else (self._entry(ends[0]), self._entry(ends[1]))

    def agencies(self) -> set[str]:
        return self._entries.agencies()  # unchanged: see _as_read

    def knowledge(self) -> Iterator[tuple[str, str, Any, list[tuple[str, Any]]]]:
        text = cache(self._names.text)  # a few agency names, told again and again
        for entry_id, agency, known_from, told in self._entries.knowledge():
            yield entry_id, agency, known_from, [(text(other), on) for other, on in told] \
                if told else told

    def by_id(self) -> Iterator[tuple[str, Any]]:
        for key, entry in self._entries.by_id():
            yield key, self._entry(entry)

    def prefetch(self, ids: Iterable[str]) -> None:
        self._entries.prefetch(ids)

    def in_sync(self, seq: int) -> bool:
        return bool(self._entries.in_sync(seq))


def _value(names: Substitution, value: Any) -> Any:
    data = codec.entry_data(value) if attrs.has(type(value)) and hasattr(value, "date") \
        and hasattr(value, "what_happened") else codec.to_data(value)
    changed = names.data(data)
    return value if changed == data else codec.from_data(changed, type(value))


# -- proposals for the stored records -------------------------------------------------------


@attrs.frozen
class Proposal:
    """One record in which registered names would be replaced: the event that would do it."""

    collection: str
    key: str
    fields: tuple[str, ...]  # the fields that change
    event: tuple[str, dict[str, Any]]


def proposals(state: ReviewState, identities: Iterable[Any]) -> Iterator[Proposal]:
    """Each stored record holding a registered real name, with the correction replacing it
    by the pseudonym (the caller adds the reason and writes it once a reviewer agrees)."""
    names = Substitution(identities)
    if not names:
        return
    if state.header is not None:  # the review's own title and terms of reference
        data = codec.to_data(state.header)
        changed = names.data(data)
        fields = tuple(k for k in data if data[k] != changed[k] and k != "subject")
        if fields:
            yield Proposal("review", "header", fields,
                           st.amend(**{k: changed[k] for k in fields}))
    for name, values in state.collections.items():
        for key, value in sorted(values.items()):
            data = codec.to_data(value)
            changed = names.data(data)
            if changed != data:
                fields = tuple(k for k in data if data[k] != changed[k])
                new = codec.from_data(changed, type(value))
                yield Proposal(name, key, fields, st.put(name, new))
    for name, records in state.records.items():
        if name.startswith(("core/", "publication/", "regime/")):
            continue
        for key, record in sorted(records.items()):
            changed = names.data(record)
            if changed != record:
                fields = tuple(k for k in record if record[k] != changed.get(k)) \
                    if isinstance(record, dict) else ()
                yield Proposal(name, key, fields, st.put_record(name, key, changed))


def hidden_names(proposal: Proposal) -> str:
    """What a proposal changes, said without showing a real name."""
    fields = ", ".join(f.replace("_", " ") for f in proposal.fields) or "its text"
    if proposal.collection == "review":
        return f"the review's {fields}"
    return f"{describe(proposal.collection, proposal.key)}: {fields}"


def load_for_output(reviews: Any, review_id: str) -> ReviewState:
    """The review as outputs show it: loaded, with the identity register's pseudonyms applied.
    The register is only read, never created, here; one the journal says should hold names but
    that is missing or different is an error, never a silent output with the names."""
    state = reviews.load(review_id)
    if str(reviews.journal.path) == ":memory:":
        return state
    identities, _fingerprint = checked_identities(str(reviews.journal.path), state)
    return for_output(state, identities) if identities else state
