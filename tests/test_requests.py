"""Information requests (a reason is required; overdue is worked out on the day) and agency
submissions (the methodology's form; kept as evidence with the chronology attached)."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest

from core import hookimpl
from core.apps import defaults as core_defaults
from core.evidence import requests
from core.evidence.chronology.importer import plan_import
from core.kernel.errors import InvalidValue, NotFound
from core.kernel.model import EvidenceKind, InformationRequest, Review, Subject
from core.kernel.state import amend
from core.plugin_api.methodology import PRINCIPLES, Methodology, SubmissionForm
from core.plugin_api.plugins import PluginHost

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server

REVIEW = "CR-2026-404"
D = dt.date
REASON = "to understand what the practice knew of the missed immunisations"


class RegimeForTests:
    @hookimpl
    def register_regimes(self, register):
        register(SimpleNamespace(name="test-regime", title="A regime for tests"))


class MethodForTests:
    """A methodology with its own submission form (the hook is scoped to its reviews)."""

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(
            name="test-method", title="Test method", summary="For tests only.",
            fits_when=("tests",), not_fits_when=("real reviews",),
            principles={key: f"test: {text}" for key, text in PRINCIPLES.items()}))

    @hookimpl
    def agency_submission_form(self, review, methodology, agency):
        return SubmissionForm(title=f"{agency}: agency report", sections={
            "Chronology analysis": "What your chronology shows.",
            "Key lines of enquiry": "Your answers to the review's questions."})


@pytest.fixture
def host() -> PluginHost:
    return PluginHost.load(entry_points=False, extra=[
        ("core-defaults", core_defaults), ("test-regime", RegimeForTests()),
        ("test-method", MethodForTests())])


@pytest.fixture
def reviews(reviews, tmp_path):
    """The shared `reviews` (the `cli` fixture's database) holding one fictional review with a
    GP chronology."""
    state = reviews.open_review(Review(
        id=REVIEW, title="Child R (fictional)", regime="test-regime", area="Eastcombe",
        subject=Subject("Child R"), incident_date=D(2025, 2, 1), notified_on=D(2025, 2, 3)))
    chronology = tmp_path / "gp.csv"
    chronology.write_text("Date,What happened,Ref\n02/01/2024,Seen with a cough.,GP-1\n"
                          "09/01/2024,Immunisations not brought.,GP-2\n", encoding="utf-8")
    reviews.write(state, plan_import(state, chronology, agency="Fenwright Medical Practice",
                                     kind="gp", aliases=["GP"]).events)
    return reviews


def test_a_request_needs_a_reason_and_a_due_date_after_it_was_sent():
    with pytest.raises(InvalidValue, match="necessary and proportionate"):
        InformationRequest("IR-1", "GP", "records", "n/a", D(2025, 3, 1), D(2025, 3, 15))
    with pytest.raises(InvalidValue, match="necessary and proportionate"):
        InformationRequest("IR-1", "GP", "records", "", D(2025, 3, 1), D(2025, 3, 15))
    with pytest.raises(InvalidValue, match="before it is sent"):
        InformationRequest("IR-1", "GP", "records", REASON, D(2025, 3, 1), D(2025, 2, 15))


def test_overdue_is_worked_out_on_the_day(reviews):
    state = reviews.load(REVIEW)
    request, event = requests.add(state, to="gp", what="Consultation records 2022–2024",
                                  reason=REASON, due=D(2025, 3, 15), sent_on=D(2025, 3, 1))
    reviews.write(state, [event])
    assert request.id == "IR-1" and request.agency == "Fenwright Medical Practice"
    assert requests.status_of(request, D(2025, 3, 15)) == "sent"
    assert requests.status_of(request, D(2025, 3, 16)) == "overdue"
    assert requests.overdue(state, D(2025, 3, 16)) == [request]
    (line,) = requests.status_lines(state, D(2025, 3, 20))
    assert "IR-1 to gp is overdue: due 15 March 2025, 5 days ago" in line
    received, event = requests.update(state, "ir-1", status="received", on=D(2025, 3, 18))
    reviews.write(state, [event])
    assert requests.status_of(received, D(2025, 4, 1)) == "received"
    assert requests.status_lines(state, D(2025, 4, 1)) == []
    with pytest.raises(InvalidValue, match="cannot be set"):
        requests.update(state, "IR-1", status="overdue")
    with pytest.raises(InvalidValue, match="before then"):
        requests.update(state, "IR-1", status="received", on=D(2025, 2, 1))
    with pytest.raises(NotFound, match="requests: IR-1"):
        requests.find(state, "IR-9")


def test_the_requests_commands(cli, reviews):
    refused = cli("requests", REVIEW, "add", "--to", "Northgate School",
                  "--what", "Attendance records", "--reason", "needed", "--due", "2025-03-15",
                  "--sent", "2025-03-01")
    assert refused.exit_code == 1 and "necessary and proportionate" in refused.output
    added = cli("requests", REVIEW, "add", "--to", "Northgate School",
                "--what", "Attendance records", "--reason", "to see when attendance fell",
                "--due", "2025-03-15", "--sent", "2025-03-01")
    assert added.exit_code == 0 and "Recorded IR-1" in added.output
    listed = cli("requests", REVIEW, "list", "--today", "2025-03-20")
    assert "OVERDUE" in listed.output and "Why:  to see when attendance fell" in listed.output
    data = json.loads(cli("requests", REVIEW, "list", "--today", "2025-03-10",
                          "--json").output)
    assert data[0]["status_today"] == "sent" and data[0]["reason"] == "to see when attendance fell"
    updated = cli("requests", REVIEW, "update", "IR-1", "--status", "withdrawn",
                  "--note", "the school closed")
    assert updated.exit_code == 0 and "withdrawn" in updated.output
    assert "WITHDRAWN" in cli("requests", REVIEW).output


def test_the_form_comes_from_the_methodology_or_the_core(cli, reviews):
    plain = cli("submissions", REVIEW, "form", "GP")
    assert plain.exit_code == 0 and "Written account of Fenwright Medical Practice" in plain.output
    state = reviews.load(REVIEW)
    reviews.write(state, [amend(methodology="test-method")])
    own = cli("submissions", REVIEW, "form", "Fenwright Medical Practice")
    assert "Fenwright Medical Practice: agency report" in own.output
    assert "Key lines of enquiry" in own.output
    assert cli("submissions", REVIEW, "form", "Nobody").exit_code == 1


def test_a_submission_is_evidence_with_its_chronology_and_marks_the_request(cli, reviews,
                                                                           tmp_path):
    state = reviews.load(REVIEW)
    _, event = requests.add(state, to="Fenwright Medical Practice", what="A written account",
                            reason=REASON, due=D(2025, 3, 15), sent_on=D(2025, 3, 1))
    reviews.write(state, [event])
    account = tmp_path / "gp-account.md"
    account.write_text("# Involvement\nThe practice saw Child R twice.\n\n## What was known\n"
                       "Little.\n\n## Decisions:\nNone recorded.\n", encoding="utf-8")
    result = cli("submissions", REVIEW, "add", "gp", "--file", str(account),
                 "--chronology", "import-1", "--request", "IR-1", "--received", "2025-03-12")
    assert result.exit_code == 0, result.output
    assert "2 chronology entries attached" in result.output
    assert "Not found in the text: Learning" in result.output
    state = reviews.load(REVIEW)
    evidence = state.evidence["submission-fenwright-medical-practice"]
    assert evidence.kind is EvidenceKind.AGENCY_REPORT and evidence.received_on == D(2025, 3, 12)
    assert len(evidence.entry_ids) == 2 and evidence.agency == "Fenwright Medical Practice"
    assert evidence.details["sections"]["Involvement"] == "The practice saw Child R twice."
    assert evidence.summary == "The practice saw Child R twice."
    assert state.collections["information_requests"]["IR-1"].status.value == "received"
    assert "received 12 March 2025" in cli("submissions", REVIEW).output
    wrong = cli("submissions", REVIEW, "add", "gp", "--file", str(account),
                "--chronology", "import-7")
    assert wrong.exit_code == 1 and "no import" in wrong.output
    again = cli("submissions", REVIEW, "add", "gp", "--file", str(account))
    assert "submission-fenwright-medical-practice-2" in again.output



def test_an_agency_author_records_only_their_own_agencys_account(cli, reviews, tmp_path):
    if "://" in str(cli.db):
        pytest.skip("on the server the login acts, not --actor: see tests/test_server.py")
    account = tmp_path / "account.md"
    account.write_text("# Involvement\nSeen once.\n", encoding="utf-8")
    cli("users", "add", "gpauthor", "--full-name", "Gale Author")
    cli("users", "grant", "gpauthor", REVIEW, "agency-author", "--agency", "Northgate School")
    refused = cli("--actor", "gpauthor", "submissions", REVIEW, "add", "gp",
                  "--file", str(account))
    assert refused.exit_code == 1
    assert "gpauthor writes for Northgate School on CR-2026-404, not for Fenwright" in (
        refused.output)
    assert "nothing was recorded" in refused.output
    assert not reviews.load(REVIEW).evidence
    cli("users", "grant", "gpauthor", REVIEW, "agency-author",
        "--agency", "Fenwright Medical Practice")
    done = cli("--actor", "gpauthor", "submissions", REVIEW, "add", "gp", "--file", str(account))
    assert done.exit_code == 0, done.output


def test_overdue_requests_show_in_status(host, reviews):
    from core.apps.cli.status import STATUS_SECTIONS

    assert STATUS_SECTIONS["requests"] is requests.status_section
    state = reviews.load(REVIEW)
    assert requests.status_section(host, state, D(2025, 3, 20)) is None
    for to, due in (("GP", D(2025, 3, 15)), ("Northgate School", D(2025, 3, 30))):
        _, event = requests.add(state, to=to, what="Records", reason=REASON, due=due,
                                sent_on=D(2025, 3, 1))
        reviews.write(state, [event])
    section = requests.status_section(host, state, D(2025, 3, 20))
    assert [item.state for item in section.items] == ["overdue", "due"]
    assert "5 days overdue" in section.items[0].describe()
    assert section.warnings == (requests.status_lines(state, D(2025, 3, 20))[0],)
    _, event = requests.update(state, "IR-1", status="received", on=D(2025, 3, 21))
    reviews.write(state, [event])
    section = requests.status_section(host, state, D(2025, 3, 22))
    assert [item.state for item in section.items] == ["met late", "due"] and not section.warnings
