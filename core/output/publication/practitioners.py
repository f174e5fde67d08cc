"""Practitioners are known by role, never by name: a title followed by a surname ("PC Jones",
"Mrs Patel did not refer", "Dr Okafor") in the report, the case group or an action's owner
blocks publication until it is written as a role ("the attending officer", "the GP")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from core.output.publication.problems import Problem, snippet

# Titles that come before a surname: police ranks, medical and nursing titles, honorifics.
TITLES = ("PC", "WPC", "DC", "DS", "DI", "DCI", "PCSO", "Sgt", "Sergeant", "Insp", "Inspector",
          "Dr", "Doctor", "Prof", "Professor", "Nurse", "Sister", "Matron", "Midwife", "Mr",
          "Mrs", "Ms", "Miss", "Mx", "Cllr", "Councillor", "Rev")
_TITLED_NAME = re.compile(
    rf"\b(?:{'|'.join(TITLES)})\.?\s+(?:O['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Z][a-z]+)?\b")
# Roles and bodies that follow a title without being a surname ("Dr Who" is not a role either,
# but "Nurse Practitioner" and "Sister Ward" are ways of writing roles).
_NOT_SURNAMES = frozenset(["Practitioner", "Specialist", "Consultant", "Manager", "Lead",
                           "Visitor", "Sergeant", "Inspector", "Constable"])


def titled_names(text: str) -> list[str]:
    """Each "title + surname" in `text`, once, in order."""
    found = []
    for match in _TITLED_NAME.finditer(text or ""):
        if match.group(0).split()[-1] not in _NOT_SURNAMES:
            found.append(match.group(0))
    return list(dict.fromkeys(found))


def _places(report: Any, state: Any) -> Iterator[tuple[str, str]]:
    yield from report.texts()
    for person in state.participants.values():
        # Lead reviewers and chairs are named on purpose; everyone else is known by role.
        if person.role.value not in ("lead_reviewer", "chair"):
            yield f"People taking part ({person.id})", person.title
    for action in state.actions.values():
        yield f"Improvement action {action.id} (owner)", action.owner


def _named_on_purpose(state: Any) -> set[str]:
    """The words of the names of lead reviewers and chairs: they are named on purpose (the
    report says who reviewed and who chaired), so "Dr Rowan Calloway" is not a practitioner."""
    return {word for person in state.participants.values()
            if person.role.value in ("lead_reviewer", "chair")
            for word in (person.name or "").split()}


def practitioner_names(report: Any, state: Any) -> list[Any]:
    """Problems for every practitioner named by title and surname in what is published."""
    named = _named_on_purpose(state)
    problems = []
    for where, text in _places(report, state):
        for name in titled_names(text):
            if name.split()[-1] in named:
                continue
            start = text.index(name)
            title, surname = name.rsplit(None, 1)
            shown = f"{title} {surname[0]}{'*' * (len(surname) - 1)}"  # safe to paste on
            problems.append(Problem(
                code="practitioner_name", where=where,
                snippet=snippet(text, start, start + len(name), shown),
                why=f"“{shown}” names a practitioner; a review speaks of roles, so that "
                    "learning is about the system, not one person",
                fix="write the role instead (e.g. ‘the attending officer’, ‘the GP’) with "
                    "`casereview correct`, or give the name a pseudonym in the identity "
                    "register, then build the report again",
                blocking=True))
    return problems
