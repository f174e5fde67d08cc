"""The knowledge horizon keeps hindsight out: only what an agency recorded or was told by a day,
with fuzzy dates counted only once their whole span has passed."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.evidence.chronology.agencies import alias_events
from core.evidence.horizon import known_by, known_by_any, knows
from core.kernel.date_forms import parse_date
from core.kernel.model import ChronologyEntry, Sharing
from core.kernel.state import put

REVIEW = "CR-2026-403"
D = dt.date
POLICE, CSC, SCHOOL = "Eastcombe Police", "Eastcombe Children's Services", "Northgate School"


def entry(entry_id, agency, when, what="Something happened.", **more):
    return ChronologyEntry(entry_id, agency, parse_date(when), what, **more)


ENTRIES = [
    entry("month", POLICE, "March 2024"),
    entry("day", POLICE, "2024-03-05"),
    entry("late-record", CSC, "2024-03-05", recorded_on=D(2024, 3, 9)),
    entry("range", SCHOOL, "2011–2012"),
    entry("shared", POLICE, "2024-03-05",
          shared_with=(Sharing("Children's social care", D(2024, 3, 6)),
                       Sharing(SCHOOL, D(2024, 3, 8)))),
    entry("shared-in-span", POLICE, "early March 2024",
          shared_with=(Sharing(CSC, D(2024, 3, 4)),)),
]


@pytest.fixture
def reviews(reviews, open_review):
    """The shared database, holding one review with the entries above."""
    state = open_review(REVIEW, "Child H")
    reviews.write(state, [put("chronology", e) for e in ENTRIES])
    reviews.write(state, alias_events(state, CSC, ["Children's social care", "MASH"]))
    return reviews


@pytest.fixture
def state(reviews):
    return reviews.load(REVIEW)


def ids(entries):
    return {e.id for e in entries}


def test_a_month_is_not_known_until_it_is_over(state):
    assert "month" not in ids(known_by(state, POLICE, D(2024, 3, 10)))
    assert "month" not in ids(known_by(state, POLICE, D(2024, 3, 30)))
    assert "month" in ids(known_by(state, POLICE, D(2024, 3, 31)))


def test_a_range_is_known_from_its_last_day(state):
    assert "range" not in ids(known_by(state, SCHOOL, D(2012, 12, 30)))
    assert "range" in ids(known_by(state, SCHOOL, D(2012, 12, 31)))


def test_the_recorder_knows_from_the_later_of_the_date_and_the_day_recorded(state):
    assert "day" in ids(known_by(state, POLICE, D(2024, 3, 5)))
    assert "day" not in ids(known_by(state, POLICE, D(2024, 3, 4)))
    assert "late-record" not in ids(known_by(state, CSC, D(2024, 3, 8)))
    assert "late-record" in ids(known_by(state, CSC, D(2024, 3, 9)))


def test_another_agency_knows_from_the_day_it_was_told_through_its_aliases(state):
    assert "shared" not in ids(known_by(state, CSC, D(2024, 3, 5)))
    assert "shared" in ids(known_by(state, CSC, D(2024, 3, 6)))  # told as "Children's social care"
    assert "shared" in ids(known_by(state, "mash", D(2024, 3, 6)))
    assert "shared" not in ids(known_by(state, SCHOOL, D(2024, 3, 7)))
    assert "shared" in ids(known_by(state, "northgate school", D(2024, 3, 8)))
    assert "day" not in ids(known_by(state, CSC, D(2025, 1, 1)))  # never shared


def test_a_sharing_date_inside_a_fuzzy_span_is_direct_evidence(state):
    assert "shared-in-span" in ids(known_by(state, CSC, D(2024, 3, 4)))
    assert "shared-in-span" not in ids(known_by(state, POLICE, D(2024, 3, 4)))


def test_any_agency_and_a_room_of_agencies(state):
    on = D(2024, 3, 6)
    assert ids(known_by(state, None, on)) == {"range", "day", "shared", "shared-in-span"}
    assert ids(known_by_any(state, [SCHOOL, CSC], on)) == {"range", "shared", "shared-in-span"}
    assert known_by_any(state, [], on) == []
    order = [e.id for e in known_by(state, None, D(2025, 1, 1))]
    assert order[0] == "range" and order.index("shared-in-span") < order.index("month")


def test_the_command_shows_only_what_was_known(cli, reviews):
    shown = cli.ok("chronology", REVIEW, "--as-known-by", "MASH", "--on", "06/03/2024",
                   "--format", "json")
    assert '"id": "shared"' in shown and '"id": "month"' not in shown
    cli.refused("chronology", REVIEW, "--as-known-by", "Westcombe", "--on", "2024-03-06",
                says="no agency called 'Westcombe'")


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31)),
    st.sampled_from(["day", "month", "year", "early", "range"]),
    st.integers(min_value=0, max_value=400),
    st.dates(min_value=D(1999, 1, 1), max_value=D(2032, 12, 31)),
)
def test_knowledge_never_comes_before_the_span_ends_and_is_never_lost(start, form, days, on):
    text = {"day": f"{start:%Y-%m-%d}", "month": f"{start:%B %Y}", "year": f"{start:%Y}",
            "early": f"early {start:%B %Y}", "range": f"{start:%Y}–{start.year + 1}"}[form]
    date = parse_date(text)
    subject = ChronologyEntry("e", POLICE, date, "x", recorded_on=date.end + dt.timedelta(days))
    names = frozenset({"eastcombepolice"})
    if knows(subject, names, on):
        assert on >= date.end and on >= subject.recorded_on
        assert knows(subject, names, on + dt.timedelta(days=1))
    else:
        assert on < subject.known_to_recorder_from
