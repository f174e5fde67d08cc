"""The hindsight rule: an episode is appraised on what the involved agencies knew at the time.

Information held elsewhere in the system at the time, by agencies not involved in the episode,
is a different thing: the appraisal may set it out as context (`elsewhere_in_system`), which is
a finding about the system, never as grounds for criticising the practitioners.

"What was known at the time" is the knowledge horizon of the episode's agencies on the last day
of its period (`core.evidence.horizon.known_by_any`), never the whole chronology: an entry another
agency recorded later, or one shared with the involved agencies only afterwards, is hindsight.
"""

from __future__ import annotations

from typing import Any

from core.evidence.chronology.agencies import keys_for
from core.evidence.horizon import known_by_any, knows
from core.kernel.dates import long_date
from core.kernel.state import ReviewState
from learning_together.records import Episode, and_list


def known_at_the_time(state: ReviewState, episode: Episode) -> list[Any]:
    """The chronology entries the episode's agencies had recorded or been told of by its end."""
    return list(known_by_any(state, episode.agencies, episode.period.end))


def hindsight_problems(state: ReviewState, episode: Episode) -> list[str]:
    """Each entry the appraisal cites that the involved agencies did not know by the end.
    Only the cited entries are tested (the same rule as `known_at_the_time`, entry by entry):
    the question is about them, not the whole chronology."""
    names = frozenset().union(*(keys_for(state, agency) for agency in episode.agencies))
    problems = []
    for cited in episode.appraisal.cites:
        entry = state.chronology.get(cited.entry_id)
        if entry is not None and knows(entry, names, episode.period.end):
            continue
        when = ""
        if entry is not None:
            known_from = entry.known_to_recorder_from
            when = f", which {entry.agency} knew from {long_date(known_from)}"
        problems.append(
            f"the appraisal of {episode.id} cites {cited.agency} {cited.ref}{when}; "
            f"{and_list(episode.agencies)} did not know it by the end of the episode "
            f"({long_date(episode.period.end)}) — that is hindsight"
        )
    return problems


def elsewhere_problems(state: ReviewState, episode: Episode) -> list[str]:
    """Each entry given as held elsewhere in the system that was not: one its own agency had
    not yet recorded by the end of the episode (that is hindsight too), or one the involved
    agencies did know (then it is part of what they knew, to cite). Like the hindsight check,
    only the entries given are tested."""
    end = episode.period.end
    names = frozenset().union(*(keys_for(state, agency) for agency in episode.agencies))
    problems = []
    for held in episode.appraisal.elsewhere:
        entry = state.chronology.get(held.entry_id)
        if entry is None:
            continue
        if knows(entry, names, end):
            problems.append(
                f"{held.agency} {held.ref} was known to {and_list(episode.agencies)} by the end "
                f"of {episode.id}: it is part of what they knew, so cite it instead")
        elif entry.known_to_recorder_from > end:
            problems.append(
                f"{held.agency} {held.ref} was recorded on "
                f"{long_date(entry.known_to_recorder_from)}, after {episode.id} ended "
                f"({long_date(end)}): it was not held anywhere in the system at the time")
    return problems
