"""The sections reviewers write and the statutory records around the report: each is checked as
it is given, rendered from the records, and asked for by the publication check."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from reportcase import REVIEW_ID, MethodPlugin, build_case

from core.kernel.errors import InputProblem, InvalidValue
from core.kernel.state import amend, put_record, remove_record
from core.output.publication.check import run_check
from core.output.publication.reviewer_content import FULL, IMPROVEMENTS_ONLY
from core.output.report import records as rec
from core.output.report.build import build
from core.output.report.pack import published
from core.output.report.written import KINDS, WRITTEN_RECORD, check, kind_of
from core.plugin_api.reviews import Reviews
from core.statutory.deadlines import record_met
from plugins.testing import make_host

PLANNED = dt.date.today() + dt.timedelta(days=30)


@pytest.fixture
def host():
    return make_host(("report-test", MethodPlugin()))


@pytest.fixture
def reviews(journal, host):
    return Reviews(journal, host, "test coordinator")


def _ready(reviews):
    build_case(reviews)
    record_met(reviews, REVIEW_ID, "prepublication-copy", dt.date.today(), notification=True)
    return reviews.load(REVIEW_ID)


def _blocking(host, state, planned=PLANNED):
    return {p.code for p in run_check(host, state, [], publication_date=planned,
                                      sensitive={}).blocking}


# -- the sections reviewers write ---------------------------------------------------------------


@pytest.mark.parametrize("kind", FULL)
def test_each_section_a_full_report_needs_blocks_when_missing(reviews, host, kind):
    state = _ready(reviews)
    assert not _blocking(host, state)
    state = reviews.write(state, [remove_record(WRITTEN_RECORD, kind)])
    assert f"missing:{kind}" in _blocking(host, state)


def test_without_a_summary_of_significant_events_nothing_says_what_happened(reviews, host):
    state = reviews.write(_ready(reviews), [remove_record(WRITTEN_RECORD, "significant-events")])
    assert "missing:what_happened" in _blocking(host, state)


def test_improvements_only_needs_less_than_a_full_report(reviews, host):
    state = _ready(reviews)
    decision = {**rec.current(state, rec.PUBLICATION_DECISION_RECORD),
                "choice": "improvements_only"}
    state = reviews.write(state, [put_record(rec.PUBLICATION_DECISION_RECORD, rec.CURRENT,
                                             decision)])
    state = reviews.write(state, [remove_record(WRITTEN_RECORD, k) for k in FULL
                                  if k not in IMPROVEMENTS_ONLY])
    assert not {c for c in _blocking(host, state) if c.startswith("missing:") and "-" in c}


def test_identity_is_addressed_or_not_relevant_with_a_reason(reviews):
    state = build_case(reviews)
    assert check(kind_of("identity"), state, not_relevant="A reason.") == {
        "not_relevant": "A reason."}
    with pytest.raises(InputProblem, match="the text is empty"):
        check(kind_of("identity"), state, text="  ")
    with pytest.raises(InputProblem, match="cannot be marked not relevant"):
        check(kind_of("case_summary"), state, not_relevant="We did not write one.")


def test_the_partnership_response_names_real_findings_and_actions(reviews):
    state = build_case(reviews)
    kind = kind_of("partnership-response")
    with pytest.raises(InputProblem, match="there is no finding F9") as raised:
        check(kind, state, data={"findings": [{"finding": "F9", "accepted": True}],
                                 "monitoring": "m"}, where="response.yaml")
    assert "response.yaml" in str(raised.value) and "findings item 1 finding" in str(raised.value)
    with pytest.raises(InputProblem, match="there is no improvement action A9"):
        check(kind, state, data={"issues": [{"issue": "i", "response": "r", "lead": "l",
                                             "actions": ["A9"]}], "monitoring": "m"})
    with pytest.raises(InputProblem, match="findings item 1 reason"):
        check(kind, state, data={"findings": [{"finding": "F1", "accepted": False}],
                                 "monitoring": "m"})


def test_the_response_must_answer_every_finding(reviews, host):
    state = _ready(reviews)
    response = {**state.record_collection(WRITTEN_RECORD)["partnership-response"],
                "findings": []}
    state = reviews.write(state, [put_record(WRITTEN_RECORD, "partnership-response", response)])
    assert "response:finding" in _blocking(host, state)


def test_the_response_renders_acceptance_priorities_and_who_acts(reviews, host):
    section = published(build(host, _ready(reviews))).section("partnership-response")
    said = " ".join(section.texts())
    assert "F1: Call-outs do not reach health visitors: accepted" in said
    assert "Head of health visiting" in said and "quality group" in said


# -- independence, accreditation, the publication decision, delay -------------------------------


def test_independence_is_rendered_from_the_record_never_asserted(reviews, host):
    from core.statutory.commissioning import INDEPENDENCE_RECORD

    state = _ready(reviews)
    said = " ".join(published(build(host, state)).section("involvement").texts())
    assert "Morgan Hale stated on 1 December 2025: “I have no link to the agencies.”" in said
    state = reviews.write(state, [remove_record(INDEPENDENCE_RECORD, "P1")])
    said = " ".join(published(build(host, state)).section("involvement").texts())
    assert "No statement of independence from Morgan Hale is on record." in said
    assert "is independent" not in said
    assert "independence" in _blocking(host, state)


def test_accreditation_is_rendered_and_a_trainee_needs_a_supervisor(reviews, host):
    state = _ready(reviews)
    with pytest.raises(InputProblem, match="supervisor"):
        rec.check_accreditation({"reviewer": "P1", "scheme": "SILP", "status": "trainee"},
                                state, "a.yaml")
    with pytest.raises(InputProblem, match="not a lead reviewer"):
        rec.check_accreditation({"reviewer": "P2", "scheme": "SILP", "status": "accredited"},
                                state, "a.yaml")
    value = rec.check_accreditation({"reviewer": "P1", "scheme": "SCIE Learning Together",
                                     "status": "accredited", "since": "2020-01-02"}, state,
                                    "a")
    state = reviews.write(state, [put_record(rec.ACCREDITATION_RECORD, value.pop("reviewer"),
                                             value)])
    said = " ".join(published(build(host, state)).section("involvement").texts())
    assert "Morgan Hale is accredited in SCIE Learning Together (since 2 January 2020)." in said


def test_publication_needs_a_decision_with_the_family_told_first(reviews, host):
    state = _ready(reviews)
    decision = rec.current(state, rec.PUBLICATION_DECISION_RECORD)
    late = {**decision, "family_told_on": (PLANNED + dt.timedelta(days=1)).isoformat()}
    assert "family_told_late" in _blocking(host, reviews.write(state, [put_record(
        rec.PUBLICATION_DECISION_RECORD, rec.CURRENT, late)]))
    untold = {**decision, "family_told_on": ""}
    assert "family_not_told" in _blocking(host, reviews.write(reviews.load(REVIEW_ID), [
        put_record(rec.PUBLICATION_DECISION_RECORD, rec.CURRENT, untold)]))
    deferred = {**decision, "choice": "defer", "defer_until": "2027-01-01"}
    assert "publication_deferred" in _blocking(host, reviews.write(reviews.load(REVIEW_ID), [
        put_record(rec.PUBLICATION_DECISION_RECORD, rec.CURRENT, deferred)]))
    gone = reviews.write(reviews.load(REVIEW_ID), [remove_record(
        rec.PUBLICATION_DECISION_RECORD, rec.CURRENT)])
    assert "publication_decision" in _blocking(host, gone)


def test_a_decision_to_defer_needs_a_day_to_look_again(reviews):
    state = build_case(reviews)
    with pytest.raises(InputProblem, match="defer_until"):
        rec.check_publication_decision({"decided_on": "2026-01-01", "choice": "defer",
                                        "reason": "r", "impact_assessment": "i"}, state, "d")
    with pytest.raises(InputProblem, match="expected one of full, improvements_only, defer"):
        rec.check_publication_decision({"decided_on": "2026-01-01", "choice": "some",
                                        "reason": "r", "impact_assessment": "i"}, state, "d")


def test_a_late_review_says_why_in_its_timeline(reviews, host):
    from core.statutory.decisions import decide
    from core.statutory.facts import gather_facts

    state = _ready(reviews)
    regime = host.regime(state.review.regime)
    facts = gather_facts(regime.facts, base={"abuse_or_neglect": "known",
                                             "outcome": "seriously_harmed"})
    decide(reviews, REVIEW_ID, facts, "initiate", by="Chair", rationale="r",
           on=dt.date(2025, 11, 20))
    state = reviews.load(REVIEW_ID)
    assert "delay_unexplained" in _blocking(host, state)
    state = reviews.write(state, [put_record(WRITTEN_RECORD, "review-timeline", {
        "text": "The police asked the review to wait for their interviews."})])
    assert "delay_unexplained" not in _blocking(host, state)
    said = " ".join(published(build(host, state)).section("review-timeline").texts())
    assert "The decision on a review was made" in said and "wait for their interviews" in said


# -- becoming aware, the rapid review, Ofsted ---------------------------------------------------


def test_the_clocks_count_from_becoming_aware_when_it_is_recorded(reviews, host):
    from core.statutory.regimes import clock_statuses

    state = build_case(reviews)
    assert rec.aware_on(state) == (state.review.notified_on, False)  # an older review
    due = {i.id: i.due for i in clock_statuses(host, state, dt.date(2025, 11, 18))}
    state = reviews.write(state, [amend(became_aware_on=dt.date(2025, 11, 14))])
    assert rec.aware_on(state) == (dt.date(2025, 11, 14), True)
    moved = {i.id: i.due for i in clock_statuses(host, state, dt.date(2025, 11, 18))}
    assert moved["panel-notification"] < due["panel-notification"]
    with pytest.raises(InvalidValue, match="became aware"):
        reviews.write(state, [amend(became_aware_on=dt.date(2025, 11, 1))])


def test_the_rapid_review_record_keeps_the_panels_order_of_things(reviews):
    state = build_case(reviews)
    good = {"held_on": "2025-12-01", "facts": "f", "immediate_actions": "a", "learning": "l",
            "decision": "local review", "rationale": "r", "national_review_suggested": False,
            "sent_to_panel_on": "2025-12-03", "panel_response_on": "2025-12-20",
            "panel_response": "Agreed."}
    assert rec.check_rapid_review(good, state, "r.yaml")["decision"] == "local_review"
    for change, says in (({"panel_response_on": "2025-12-02"}, "responded before"),
                         ({"sent_to_panel_on": ""}, "sent_to_panel_on"),
                         ({"national_review_suggested": "no"}, "true or false"),
                         ({"panel_response": ""}, "what the Panel said")):
        with pytest.raises(InputProblem, match=says):
            rec.check_rapid_review({**good, **change}, state, "r.yaml")


def test_ofsted_receives_the_copy_before_publication(host):
    clock = host.regime("england-cspr-2018").clock("prepublication-copy")
    assert "Ofsted" in clock.to


# -- the command line and the yearly report -----------------------------------------------------


def test_the_section_command_lists_writes_and_checks_files(tmp_path, reviews, cli):
    build_case(reviews, written=False)
    listed = cli.ok("section", REVIEW_ID)
    assert all(kind in listed for kind in KINDS) and "written" not in listed.replace(
        "not yet", "")
    cli.ok("section", REVIEW_ID, "limitations", "--text", "One part.", "--text", "Two.")
    assert "One part." in cli.ok("section", REVIEW_ID, "limitations")
    template = cli.ok("section", REVIEW_ID, "significant-events", "--template")
    events = tmp_path / "events.yaml"
    events.write_text(template.replace("  agency: Health visiting\n", ""), encoding="utf-8")
    cli.refused("section", REVIEW_ID, "significant-events", "--file", str(events),
                says=["events.yaml", "events item 1 agency", "is empty"])
    events.write_text(template, encoding="utf-8")
    cli.ok("section", REVIEW_ID, "significant-events", "--file", str(events))
    cli.refused("section", REVIEW_ID, "no-such-kind", "--text", "x",
                says=["no-such-kind", "executive-summary"])
    shown = json.loads(cli.ok("section", REVIEW_ID, "--json"))
    assert {r["kind"] for r in shown if r["written"]} == {"limitations", "significant-events"}


def test_the_record_command_keeps_the_rapid_review_and_becoming_aware(tmp_path, reviews, cli):
    build_case(reviews)
    rapid = tmp_path / "rapid.yaml"
    rapid.write_text(cli.ok("record", REVIEW_ID, "rapid-review", "--template"),
                     encoding="utf-8")
    cli.refused("record", REVIEW_ID, "rapid-review", "--file", str(rapid),
                says=["rapid.yaml", "before the incident"])
    rapid.write_text(rapid.read_text(encoding="utf-8").replace("2025-03-04", "2025-12-01"),
                     encoding="utf-8")
    cli.ok("record", REVIEW_ID, "rapid-review", "--file", str(rapid))
    said = cli.ok("record", REVIEW_ID, "became-aware", "--on", "2025-11-15")
    assert "15 November 2025" in said
    assert reviews.load(REVIEW_ID).review.became_aware_on == dt.date(2025, 11, 15)


def test_the_yearly_report_counts_started_completed_published_and_actions(reviews, cli):
    from core.statutory.decisions import decide
    from core.statutory.facts import gather_facts
    from core.statutory.regimes import DATES_RECORD

    state = build_case(reviews)
    regime = reviews.host.regime(state.review.regime)
    facts = gather_facts(regime.facts, base={"abuse_or_neglect": "known",
                                             "outcome": "seriously_harmed"})
    decide(reviews, REVIEW_ID, facts, "initiate", by="Chair", rationale="r",
           on=dt.date(2025, 11, 20))
    reviews.write(reviews.load(REVIEW_ID), [put_record(DATES_RECORD, "published",
                                                       {"on": "2026-05-02"})])
    data = json.loads(cli.ok("yearly-report", "--year", "2026", "--json"))
    assert [r["review"] for r in data["published"]] == [REVIEW_ID] and not data["started"]
    assert data["actions"]["total"] == 2 and data["actions"]["completed"] == 1
    said = cli.ok("yearly-report", "--year", "2025")
    assert "1 started, 0 completed, 0 published" in said


def test_a_case_file_keeps_becoming_aware_apart_from_the_notification(cli, reviews):
    from pathlib import Path

    case = Path(__file__).resolve().parents[1] / "examples" / "child-a" / "case.yaml"
    cli.ok("new", "--from-case", str(case))
    review = reviews.load("child-a").review
    assert (review.became_aware_on, review.notified_on) == (dt.date(2025, 2, 13),
                                                           dt.date(2025, 2, 18))
    cli.refused("new", "--from-case", str(case), "--id", "child-a-2",
                "--became-aware-on", "2025-02-20", says="became aware")


def test_status_says_what_was_assumed_for_a_review_recorded_before_becoming_aware(reviews, cli):
    build_case(reviews)
    said = cli.ok("status", REVIEW_ID)
    assert "taken to be the notification day (17 November 2025)" in said
    assert "became-aware --on DATE" in said
    cli.ok("record", REVIEW_ID, "became-aware", "--on", "2025-11-15")
    said = cli.ok("status", REVIEW_ID)
    assert "became aware on 15 November 2025" in said and "taken to be" not in said


def test_a_response_without_issues_and_no_national_asks_warn(reviews, host):
    state = _ready(reviews)
    response = {**state.record_collection(WRITTEN_RECORD)["partnership-response"], "issues": []}
    state = reviews.write(state, [put_record(WRITTEN_RECORD, "partnership-response", response),
                                  remove_record(WRITTEN_RECORD, "national-asks")])
    check = run_check(host, state, [], publication_date=PLANNED, sensitive={})
    assert check.ready
    assert {"response:issues", "missing:national-asks"} <= {p.code for p in check.warnings}


def test_a_regime_may_name_the_sections_it_requires(reviews, host, monkeypatch):
    from core.output.publication import reviewer_content

    state = reviews.write(_ready(reviews), [remove_record(WRITTEN_RECORD, "lived-experience")])
    monkeypatch.setitem(reviewer_content.REQUIRED_SECTIONS, "england-cspr-2018",
                        ("executive-summary",))
    assert "missing:lived-experience" not in _blocking(host, state)


def test_improvements_only_publishes_no_account_of_what_happened(reviews, host, cli):
    state = _ready(reviews)
    decision = {**rec.current(state, rec.PUBLICATION_DECISION_RECORD),
                "choice": "improvements_only"}
    state = reviews.write(state, [put_record(rec.PUBLICATION_DECISION_RECORD, rec.CURRENT,
                                             decision)])
    ids = {s.id for s in published(build(host, state), state).sections}
    assert {"case-summary", "significant-events", "lived-experience", "analysis"}.isdisjoint(ids)
    assert {"executive-summary", "findings", "actions", "partnership-response"} <= ids
    assert "significant-events" in {s.id for s in published(build(host, state)).sections}
    state = reviews.write(state, [remove_record(WRITTEN_RECORD, "significant-events")])
    assert not _blocking(host, state)
    assert "## Case summary" not in cli.ok("report", REVIEW_ID, "--format", "md", "-o", "-")
