"""The core's findings machinery that Learning Together relies on (core.analysis.findings and
`casereview findings`), checked with a small stand-in methodology so the rules are the core's:
a suggestion stays a suggestion until a reviewer accepts it, finalising asks the methodology,
and a turned-down suggestion does not come back."""

from __future__ import annotations

import pytest
from conftest import methodology
from hypothesis import given, settings
from hypothesis import strategies as st

from core.analysis import findings
from core.analysis.findings import FindingRefused, individual_references
from core.kernel.model import Finding, FindingStatus
from core.kernel.state import amend
from core.plugin_api.hookspecs import hookimpl
from plugins.testing import SAMPLE_REVIEW_ID, build_sample_review, make_host


class Eager:
    """A methodology that claims its own invention is final, and wants a 'why' before final."""

    @hookimpl
    def register_methodologies(self, register):
        register(methodology("eager"))

    @hookimpl
    def derive_findings(self, review, methodology):
        return [*review.findings.values(),
                Finding("S1", "An invented pattern", "The software thinks so.",
                        evidence_ids=("EV1",), status="final")]

    @hookimpl
    def check_finding(self, review, methodology, finding, status):
        if status == "final" and not finding.details.get("why"):
            return [{"level": "problem", "check": "why", "message": "say why it matters"}]
        return [{"level": "warning", "check": "tone", "message": "read it aloud"}]


@pytest.fixture
def host():
    return make_host(Eager())


@pytest.fixture
def reviews(reviews):
    """The shared `reviews` (the `cli` fixture's database) holding the kit's sample review,
    with the 'eager' methodology."""
    build_sample_review(reviews, methodology="eager")
    return reviews


def test_whatever_a_methodology_says_a_new_finding_is_recorded_as_a_suggestion(reviews):
    state = reviews.load(SAMPLE_REVIEW_ID)
    new, events = findings.suggest(reviews.host, state)
    assert [(f.id, f.status) for f in new] == [("S1", FindingStatus.SUGGESTED)]
    state = reviews.write(state, events)
    assert state.findings["S1"].status is FindingStatus.SUGGESTED
    assert findings.suggest(reviews.host, state) == ([], [])  # not suggested twice


def test_a_suggestion_is_accepted_before_it_can_be_final(reviews):
    state = reviews.write(reviews.load(SAMPLE_REVIEW_ID),
                          findings.suggest(reviews.host, reviews.load(SAMPLE_REVIEW_ID))[1])
    with pytest.raises(FindingRefused, match="accept"):
        findings.finalise(reviews.host, state, "S1")
    change = findings.accept(reviews.host, state, "S1", title="A pattern a reviewer owns")
    assert change.warnings == [{"level": "warning", "check": "tone",
                                "message": "read it aloud"}]
    state = reviews.write(state, change.events)
    assert state.findings["S1"].status is FindingStatus.DRAFT
    with pytest.raises(FindingRefused, match="say why it matters"):
        findings.finalise(reviews.host, state, "S1")
    with pytest.raises(FindingRefused, match="only suggestions are accepted"):
        findings.accept(reviews.host, state, "S1")


def test_a_reviewer_cannot_record_a_suggestion_or_cite_missing_evidence(reviews):
    state = reviews.load(SAMPLE_REVIEW_ID)
    with pytest.raises(FindingRefused, match="suggestions come from the methodology"):
        findings.record(reviews.host, state, Finding("F9", "t", "s", status="suggested"))
    with pytest.raises(FindingRefused, match="EV404"):
        findings.record(reviews.host, state, Finding("F9", "t", "s", evidence_ids=("EV404",)))
    # a chronology entry is evidence too, as in the causal graph
    change = findings.record(reviews.host, state, Finding("F9", "t", "s", evidence_ids=("E3",)))
    assert change.events


def test_finalise_and_reopen(reviews):
    state = reviews.load(SAMPLE_REVIEW_ID)
    state = reviews.write(state, findings.record(
        reviews.host, state, Finding("F2", "Screening capacity", "Too few people.",
                                     evidence_ids=("EV2",), details={"why": "delay"})).events)
    state = reviews.write(state, findings.finalise(reviews.host, state, "F2").events)
    assert state.findings["F2"].status is FindingStatus.FINAL
    with pytest.raises(FindingRefused, match="already final"):
        findings.finalise(reviews.host, state, "F2")
    state = reviews.write(state, findings.reopen(reviews.host, state, "F2").events)
    assert state.findings["F2"].status is FindingStatus.DRAFT


def test_a_dismissed_suggestion_does_not_come_back(reviews):
    state = reviews.load(SAMPLE_REVIEW_ID)
    state = reviews.write(state, findings.suggest(reviews.host, state)[1])
    state = reviews.write(state, findings.dismiss(state, "S1", "not a pattern"))
    assert "S1" not in state.findings
    assert findings.suggestions(reviews.host, state) == []
    with pytest.raises(FindingRefused, match="only suggestions"):
        findings.dismiss(state, "F1")


def test_without_a_methodology_nothing_is_suggested(reviews):
    state = reviews.write(reviews.load(SAMPLE_REVIEW_ID), [amend(methodology=None)])
    assert findings.suggestions(reviews.host, state) == []


def test_the_findings_commands(cli, reviews):
    def run(*args):
        return cli("findings", SAMPLE_REVIEW_ID, *args)

    assert "Suggested S1" in run("suggest").output
    listing = run("list", "--status", "suggested")
    assert "S1" in listing.output and "F1" not in listing.output
    accepted = run("accept", "S1")
    assert accepted.exit_code == 0 and "read it aloud" in accepted.output
    refused = run("finalise", "S1")
    assert refused.exit_code == 1 and "say why it matters" in refused.output
    shown = run("show", "S1")
    assert "To finalise (problem, why): say why it matters" in shown.output
    added = run("add", "--id", "F7", "--title", "Handover", "--statement", "Handovers are thin.",
                "--evidence", "EV1")
    assert added.exit_code == 0 and "as draft" in added.output
    assert run("show", "F404").exit_code == 1


# -- naming individuals ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    ("Mrs Patel did not call back.", "Mrs Patel"),
    ("Sarah Jones did not share the referral.", "Sarah Jones"),
    ("Social Worker 2 and HV1 met.", "Social Worker 2"),
    ("Practitioner B disagreed.", "Practitioner B"),
    ("Child A's health visitor was off sick.", "Child A's health visitor"),
    ("The health visitor who saw the family had no access.", "The health visitor who"),
])
def test_references_to_one_person_are_found(text, found):
    assert found in individual_references(text)


@pytest.mark.parametrize("text", [
    "Health visitors are not told when police attend a family's home in March.",
    "When the Multi-Agency Safeguarding Hub receives a notification from Wendmoor Constabulary, "
    "it is screened within a day.",
    "How does the board know that Early Help assessments are shared with the GP?",
    "The worker a family trusts matters more than the form.",
])
def test_system_language_is_not_flagged(text):
    assert individual_references(text, allowed=["Wendmoor Constabulary"]) == []


def test_known_names_are_found_wherever_they_appear():
    assert individual_references("as alex morgan and Alex Morgan said",
                                 names=["Alex Morgan"]) == ["Alex Morgan"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdefghij ,.?"), max_size=80))
def test_lower_case_prose_never_names_anyone(text):
    assert individual_references(text) == []
