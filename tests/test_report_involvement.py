"""The report's account of the review's people and method: who took part and how (the case
group, the family's answers to the offer), and why the methodology was chosen."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from reportcase import REVIEW_ID, MethodPlugin, build_case

from core.apps.cli.base import App, cli
from core.kernel.errors import InvalidValue
from core.kernel.model import Contribution, Evidence, Participant
from core.kernel.state import put, remove
from core.output.report.build import build
from core.plugin_api.reviews import Reviews
from core.statutory.commissioning import (
    add_participant,
    commission,
    record_family_offer,
    record_involvement,
)
from plugins.testing import make_host

WHY = ("Two agencies held parts of the picture, and the partnership wants to know why their "
       "practice made sense at the time.")


@pytest.fixture
def host():
    return make_host(("report-test", MethodPlugin()))


@pytest.fixture
def reviews(journal, host):
    return Reviews(journal, host, "test coordinator")


def said(report, section_id: str) -> str:
    return " ".join(report.section(section_id).texts())


def run(journal, host, *args):
    return CliRunner().invoke(cli, ["--db", str(journal.path), *args], obj=App(host=host))


# -- why this methodology ---------------------------------------------------------------------


def test_the_recorded_rationale_is_the_reason_the_report_gives(reviews, host, journal):
    state = build_case(reviews)
    text = said(build(host, state), "methodology")
    assert "has not recorded why it chose this methodology" in text
    assert "This method suits reviews where" in text and "chose it because" not in text
    result = run(journal, host, "commission", REVIEW_ID, "--rationale", WHY)
    assert result.exit_code == 0, result.output
    text = said(build(host, reviews.load(REVIEW_ID)), "methodology")
    assert WHY in text and "has not recorded why" not in text
    assert "chose it because" not in text


def test_commissioning_keeps_the_rationale_only_for_its_own_methodology(reviews, host):
    state = build_case(reviews)
    reviews.write(state, [("stage.changed", {"from": "notification", "to": "commissioning",
                                             "reason": "test"})])
    state, _plan = commission(reviews, REVIEW_ID, "report-test-method", None, None, WHY)
    assert WHY in said(build(host, state), "methodology")
    state, _plan = commission(reviews, REVIEW_ID, "report-test-method", None, "New terms")
    assert WHY in said(build(host, state), "methodology")  # the same method: still its reason
    with pytest.raises(InvalidValue, match="in a sentence or more"):
        commission(reviews, REVIEW_ID, "report-test-method", None, None, "because")


def test_the_commission_command_refuses_a_rationale_without_a_methodology(reviews, host,
                                                                         journal):
    build_case(reviews)
    short = run(journal, host, "commission", REVIEW_ID, "--rationale", "it fits")
    assert short.exit_code == 1 and "in a sentence or more" in short.output
    mixed = run(journal, host, "commission", REVIEW_ID, "--variant", "full")
    assert mixed.exit_code == 2


# -- practitioners ----------------------------------------------------------------------------


def test_conversations_without_a_recorded_case_group_never_read_as_nobody(reviews, host):
    state = build_case(reviews)
    state = reviews.write(state, [remove("participants", "P2"), put("evidence", Evidence(
        "C1", "conversation", "Conversation with the health visitor",
        agency="Northwold Health Visiting"))])
    text = said(build(host, state), "involvement")
    assert "No practitioners have been recorded" not in text
    assert "1 one-to-one conversation with practitioners from Northwold Health Visiting" in text


def test_the_case_group_and_the_learning_event_speakers_are_listed_once(reviews, host):
    state = build_case(reviews)
    state = reviews.write(state, [
        put("contributions", Contribution("LE1-C1", "LE1", "Health visitor", "We did not know.",
                                          agency="Northwold Health Visiting")),
        put("contributions", Contribution("LE1-C2", "LE1", "Police constable", "Nor did we.",
                                          agency="Northwold Police")),
    ])
    report = build(host, state)
    from core.output.report.model import ItemList

    listed = [item for b in report.section("involvement").blocks if isinstance(b, ItemList)
              for item in (("".join(r.text for r in i)) for i in b.items)]
    assert "Health visitor, Northwold Health Visiting (spoke at a learning event)" in listed
    assert "Police constable, Northwold Police (spoke at a learning event)" in listed
    assert "2 practitioners and managers who worked with the family took part" in \
        said(report, "involvement")


# -- the family -------------------------------------------------------------------------------


def test_the_family_section_says_what_was_offered_and_who_took_part(reviews, host):
    build_case(reviews)
    record_family_offer(reviews, REVIEW_ID, dt.date(2026, 1, 12), "accepted")
    for title, answer, note in (
        ("Mother", "took_part", "met the lead reviewers twice"),
        ("Mother's partner", "declined", "declined while proceedings continue"),
        ("Sibling B", "not_approached", "too young to be approached"),
        ("Maternal grandmother", None, ""),
    ):
        add_participant(reviews, REVIEW_ID, role="family", title=title, involvement=answer,
                        involvement_note=note)
    text = said(build(host, reviews.load(REVIEW_ID)), "involvement")
    assert "offered a part in the review on 12 January 2026" in text
    assert "These family members took part: Mother: met the lead reviewers twice" in text
    assert "chose not to take part: Mother's partner: declined while proceedings" in text
    assert "did not approach these family members: Sibling B: too young" in text
    assert "not recorded whether these family members were asked to take part: Maternal " \
        "grandmother" in text
    took_part = text.split("took part:")[1].split("These family members were asked")[0]
    assert "Sibling B" not in took_part and "Mother's partner" not in took_part


def test_not_approaching_someone_needs_the_reviewers_reason(reviews, host, journal):
    build_case(reviews)
    with pytest.raises(InvalidValue, match="say why Sibling B was not approached"):
        Participant("P9", "family", "Sibling B", involvement="not_approached")
    refused = run(journal, host, "people", REVIEW_ID, "add", "--role", "family", "--title",
                  "Sibling B", "--answer", "not_approached")
    assert refused.exit_code == 1 and "say why Sibling B was not approached" in refused.output
    added = run(journal, host, "people", REVIEW_ID, "add", "--role", "family", "--title",
                "Mother")
    assert added.exit_code == 0, added.output
    person = next(p for p in reviews.load(REVIEW_ID).participants.values()
                  if p.title == "Mother")
    answered = run(journal, host, "people", REVIEW_ID, "answer", person.id, "declined",
                   "--note", "did not want to")
    assert answered.exit_code == 0, answered.output
    assert reviews.load(REVIEW_ID).participants[person.id].involvement.value == "declined"
    with pytest.raises(InvalidValue, match="not an answer"):
        record_involvement(reviews, REVIEW_ID, person.id, "maybe")


def test_with_no_offer_and_no_family_recorded_the_report_says_so(reviews, host):
    text = said(build(host, build_case(reviews)), "involvement")
    assert "No offer to the family to take part has been recorded." in text
