"""The publication check: identifying details found wherever they are, plain English measured,
required content and the pre-publication clock, the identity register kept apart, the guard."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from attrs import evolve
from click.testing import CliRunner
from reportcase import FIELD_SECTIONS, REVIEW_ID, MethodPlugin, build_case, plain

from core.apps.cli.base import App, cli
from core.kernel.errors import TransitionRefused
from core.kernel.lifecycle import Stage
from core.output.publication.check import run_check
from core.output.publication.detectors import find_details, find_names, nhs_check_digit_ok
from core.output.publication.guard import record_event
from core.output.publication.identity import IdentityRegister, register_path
from core.output.publication.readability import long_sentences, reading_ease, syllables
from core.output.report import graphs
from core.output.report.build import build
from core.output.report.glossary import glossary, not_expanded_at_first_use
from core.output.report.pack import published
from core.plugin_api.reviews import Reviews
from core.statutory.deadlines import record_met
from plugins.testing import make_host

REAL_NAME = "Amelia Thornbury"
PLANTED = (f"{REAL_NAME}, born on 3 March 2019, lived at 14 Larch Close, TS4 2QP; NHS number "
           "943 476 5919; NI number AB 12 34 56 C; phone 07700 900123; email family@example.org.")
KINDS = ("real_name", "date_of_birth", "address", "postcode", "nhs_number", "ni_number", "phone",
         "email")
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def host():
    return make_host(("report-test", MethodPlugin()))


@pytest.fixture
def reviews(journal, host):
    return Reviews(journal, host, "test coordinator")


def kinds_found(text: str) -> list[str]:
    return [d.kind for d in find_details(text)]


# -- detectors ------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_nhs_numbers_with_a_valid_check_digit_are_found(number):
    assert nhs_check_digit_ok(number.replace(" ", "").replace("-", ""))
    assert kinds_found(f"NHS {number} on file") == ["nhs_number"]


@pytest.mark.parametrize("number", ["9434765918", "4010232138", "1234567890"])
def test_ten_digits_with_a_wrong_check_digit_are_not_nhs_numbers(number):
    assert not nhs_check_digit_ok(number)
    assert "nhs_number" not in kinds_found(f"reference {number}")


def test_a_check_digit_of_ten_is_never_valid():
    # 1000000010: weights give a remainder of 1, so the check digit would be 10: not issued.
    assert not any(nhs_check_digit_ok(f"100000001{d}") for d in "0123456789")


@pytest.mark.parametrize("text, kind", [
    ("NI number AB 12 34 56 C", "ni_number"),
    ("NI AB123456D", "ni_number"),
    ("lives near TS4 2QP", "postcode"),
    ("moved to SW1A 1AA", "postcode"),
    ("at 14 Larch Close", "address"),
    ("Flat 3, 22 Mill Lane", "address"),
    ("call 01632 960123", "phone"),
    ("mobile 07700 900123", "phone"),
    ("on +44 7700 900123", "phone"),
    ("(01632) 960 123", "phone"),
    ("write to jo.bloggs@example.org", "email"),
    ("born on 3 March 2019", "date_of_birth"),
    ("DOB: 03/03/2019", "date_of_birth"),
    ("date of birth 2019-03-03", "date_of_birth"),
])
def test_each_kind_of_detail_is_found(text, kind):
    assert kind in kinds_found(text)


@pytest.mark.parametrize("text", [
    "On 03/03/2019 the health visitor called.",
    "Seen on 01-02-2013 10:30 by the duty social worker.",
    "Entry CSC-00123 and GP/0001234 and POL-0112345678 refer to it.",
    "The review CR-2026-001, episode KPE-1, action A1 and recommendation R2.",
    "On 3 March 2019 she was seen at school.",
    "The year 2012, 24 hours later, 365 days.",
    "QQ 12 34 56 C is the example number HMRC prints; so is the prefix GB 12 34 56 A.",
    "Child A lived with Mother in the Larch estate.",
])
def test_dates_references_and_ordinary_text_are_not_identifying(text):
    assert find_details(text) == []


def test_registered_names_are_found_whole_and_in_parts_the_surname_in_any_case():
    names = [("Jane Green", "Child A")]
    found = [d.text for d in find_names("Jane Green left. Later JANE GREEN, then Green. A green "
                                        "light. Jane came; jane is a word here.", names)]
    assert found == ["Jane Green", "JANE GREEN", "Green", "green", "Jane"]


# -- plain English --------------------------------------------------------------------------


def test_reading_ease_and_long_sentences():
    easy = "The cat sat on the mat. It was warm. We went home."
    hard = ("Notwithstanding considerable organisational transformation, interdisciplinary "
            "communication deteriorated substantially, precipitating unprecedented "
            "operational vulnerability.")
    assert reading_ease([easy]) > 80 > 0 > reading_ease([hard])
    assert syllables("practitioner") == 4 and syllables("cat") == 1
    long = " ".join(["word"] * 31) + "."
    assert long_sentences(f"Short one. {long}") == [(long, 31)]


def test_acronyms_are_expanded_from_the_text_and_the_built_in_list():
    text = ("A Multi-Agency Risk Assessment Conference (MARAC) met. The GP was told. The health "
            "visitor (HV) called; the HV came back.")
    assert ("MARAC", "Multi-Agency Risk Assessment Conference") in glossary([text])
    assert ("GP", "general practitioner (family doctor)") in glossary([text])
    assert [a for a, *_ in not_expanded_at_first_use([("s", text)])] == ["GP"]


# -- the whole check ------------------------------------------------------------------------


def test_every_kind_of_detail_is_found_in_every_section(journal):
    host = make_host(("report-test", MethodPlugin(f"The analysis. {PLANTED}")))
    reviews = Reviews(journal, host, "test coordinator")
    state = build_case(reviews, lambda field: f"{plain(field)} {PLANTED}")
    check = run_check(host, state, [_identity()], publication_date=TODAY, today=TODAY)
    found = {(p.where, p.code) for p in check.problems}
    for section in FIELD_SECTIONS.values():
        for kind in KINDS:
            assert (section, kind) in found, (section, kind)
    for problem in check.problems:
        assert REAL_NAME not in problem.snippet and "943 476 5919" not in problem.snippet
        if problem.code in KINDS:
            assert problem.blocking and problem.why and problem.fix


def _identity():
    from core.output.publication.identity import Identity

    return Identity("Child Q", REAL_NAME)


def test_a_clean_review_is_ready_once_the_copies_are_sent(reviews, host):
    build_case(reviews)
    planned = dt.date.today() + dt.timedelta(days=30)
    state = reviews.load(REVIEW_ID)
    check = run_check(host, state, [_identity()], publication_date=planned)
    assert [p.code for p in check.blocking] == ["clock:prepublication-copy"]
    assert "7 working days before" in check.blocking[0].why
    record_met(reviews, REVIEW_ID, "prepublication-copy", dt.date.today(), notification=True)
    check = run_check(host, reviews.load(REVIEW_ID), [_identity()], publication_date=planned)
    assert check.ready, [p.why for p in check.blocking]


def test_the_scr_regime_says_how_long_the_report_stays_on_the_website(reviews, host):
    planned = dt.date(2030, 1, 10)
    check = run_check(host, build_case(reviews, regime="england-scr-2013"), [],
                      publication_date=planned, today=TODAY)
    assert [until for _what, until in check.keep_until] == [dt.date(2031, 1, 10)]
    copies = [p for p in check.blocking if p.code.startswith("clock:")]
    assert copies and all("not recorded as sent" in p.why for p in copies)


def test_missing_content_and_draft_findings_block(reviews, host):
    state = build_case(reviews, final=False)
    from core.kernel.state import put

    action = state.actions["A1"]
    from attrs import evolve

    state = reviews.write(state, [put("actions", evolve(action, status="planned"))])
    check = run_check(host, state, [], publication_date=TODAY, today=TODAY)
    codes = {p.code for p in check.blocking}
    assert {"missing:actions_taken", "missing:impact", "draft_finding"} <= codes
    assert "clock:no_date" not in codes
    assert "clock:no_date" in {p.code for p in run_check(host, state, [], today=TODAY).blocking}


# -- the guard ------------------------------------------------------------------------------


def _to_report_stage(reviews, state):
    from core.kernel.state import amend

    # Straight to the report stage: the earlier stages' guards are other tests' business.
    return reviews.write(state, [("stage.changed", {"from": "notification", "to": "report",
                                                    "reason": "test"}), amend()])


def test_publication_is_refused_until_a_passing_check_of_the_review_as_it_stands(reviews, host):
    state = _to_report_stage(reviews, build_case(reviews, lambda f: f"{plain(f)} {PLANTED}"))
    with pytest.raises(TransitionRefused, match="publish-check"):
        reviews.move(REVIEW_ID, Stage.PUBLICATION)
    check = run_check(host, state, [_identity()], publication_date=TODAY, today=TODAY)
    reviews.write(state, [record_event(check, state.seq)])
    with pytest.raises(TransitionRefused) as refused:
        reviews.move(REVIEW_ID, Stage.PUBLICATION)
    assert any("registered real name" in r for r in refused.value.reasons)
    assert any("NHS number" in r for r in refused.value.reasons)
    assert REAL_NAME not in str(refused.value)
    assert reviews.load(REVIEW_ID).stage is Stage.REPORT


def test_a_passing_check_lets_publication_happen_until_the_review_changes(reviews, host):
    state = _to_report_stage(reviews, build_case(reviews))
    planned = dt.date.today() + dt.timedelta(days=30)
    record_met(reviews, REVIEW_ID, "prepublication-copy", dt.date.today(), notification=True)
    state = reviews.load(REVIEW_ID)
    check = run_check(host, state, [], publication_date=planned)
    assert check.ready
    reviews.write(state, [record_event(check, state.seq)])
    from core.kernel.state import amend

    reviews.write(reviews.load(REVIEW_ID), [amend(title="Learning from Child Q, revised")])
    with pytest.raises(TransitionRefused, match="changed since"):
        reviews.move(REVIEW_ID, Stage.PUBLICATION)
    state = reviews.load(REVIEW_ID)
    reviews.write(state, [record_event(run_check(host, state, [], publication_date=planned),
                                       state.seq)])
    assert reviews.move(REVIEW_ID, Stage.PUBLICATION).stage is Stage.PUBLICATION


# -- the identity register and the command line ---------------------------------------------


def test_the_register_lives_beside_the_database_readable_by_its_owner_only(tmp_path):
    path = register_path(str(tmp_path / "casereview.db"))
    assert path == str(tmp_path / "casereview.identities.db")
    register = IdentityRegister.open(path)
    identity = register.add("R1", "  Amelia   Thornbury ", "Child Q")
    assert identity.real_name == REAL_NAME and identity.masked == "A. T."
    assert register.identities("R1") == [identity] and register.identities("R2") == []
    register.close()
    assert (tmp_path / "casereview.identities.db").stat().st_mode & 0o077 == 0


def test_cli_keeps_the_real_name_out_of_the_journal_history_and_output(tmp_path, host, journal,
                                                                        reviews):
    build_case(reviews, lambda f: f"{plain(f)} {REAL_NAME} saw it." if f == "entry" else plain(f))
    db = str(journal.path)
    runner = CliRunner()

    def run(*args, **kw):
        return runner.invoke(cli, ["--db", db, *args], obj=App(host=host), **kw)

    added = run("identity", REVIEW_ID, "add", "--pseudonym", "Child Q", "--real-name-stdin",
                input=f"{REAL_NAME}\n")
    assert added.exit_code == 0, added.output
    prompted = run("identity", REVIEW_ID, "add", "--pseudonym", "Mother", input="Jo Thornbury\n")
    assert prompted.exit_code == 0 and "Jo Thornbury" not in prompted.output
    listed = run("identity", REVIEW_ID, "list")
    assert "Child Q: A. T." in listed.output and REAL_NAME not in listed.output
    checked = run("publish-check", REVIEW_ID, "--json", "--publication-date", "2030-01-10")
    assert checked.exit_code == 1
    data = json.loads(checked.output)
    # The report shows the pseudonym in the name's place; the records still hold the name.
    assert not [p for p in data["problems"] if p["code"] == "real_name"]
    held = [p for p in data["problems"] if p["code"] == "names_in_records"]
    assert held and not held[0]["blocking"] and f"identity {REVIEW_ID} apply" in held[0]["fix"]
    history = run("history", REVIEW_ID, "--json")
    assert history.exit_code == 0
    events = json.loads(history.output)["events"]
    assert events[-1]["kind"] == "record.put"  # the check's outcome, without its snippets
    for output in (checked.output, history.output.replace(f"{REAL_NAME} saw it", "")):
        assert "Thornbury" not in output.replace(f"{REAL_NAME} saw it", "")
    with open(db, "rb") as handle:
        assert b"Jo Thornbury" not in handle.read()
    moved = run("move", REVIEW_ID, "decision")
    assert moved.exit_code == 0


# -- publishing from the check, the register's fingerprint, the reports' hashes ---------------


def _clean_and_copied(reviews):
    """A review with nothing blocking once its pre-publication copy is recorded as sent."""
    build_case(reviews)
    record_met(reviews, REVIEW_ID, "prepublication-copy", dt.date.today(), notification=True)
    return reviews.load(REVIEW_ID)


def _cli(journal, host):
    runner = CliRunner()

    def run(*args, **kw):
        return runner.invoke(cli, ["--db", str(journal.path), *args], obj=App(host=host), **kw)

    return run


PLANNED = (dt.date.today() + dt.timedelta(days=30)).isoformat()


def test_a_refused_publish_writes_nothing_not_even_the_check(reviews, host, journal):
    state = _clean_and_copied(reviews)  # still at notification: publication is not allowed
    before = state.seq
    result = _cli(journal, host)("publish-check", REVIEW_ID, "--publication-date", PLANNED,
                                 "--publish")
    assert result.exit_code == 1 and "ready to publish" in result.output
    assert "the review is unchanged" in result.output
    after = reviews.load(REVIEW_ID)
    assert after.seq == before and "publication/check" not in after.records


def test_publish_records_the_check_and_the_move_in_one_batch(reviews, host, journal):
    state = _to_report_stage(reviews, _clean_and_copied(reviews))
    before = state.seq
    result = _cli(journal, host)("publish-check", REVIEW_ID, "--publication-date", PLANNED,
                                 "--publish")
    assert result.exit_code == 0, result.output
    assert "is now at stage" in result.output
    events = reviews.history(REVIEW_ID)[before:]
    assert [e.kind for e in events] == ["record.put", "stage.changed"]
    assert len({e.recorded_at for e in events}) == 1  # written together


def test_registering_a_name_after_a_passing_check_needs_a_new_check(reviews, host, journal):
    _to_report_stage(reviews, _clean_and_copied(reviews))
    run = _cli(journal, host)
    assert run("publish-check", REVIEW_ID, "--publication-date", PLANNED).exit_code == 0
    added = run("identity", REVIEW_ID, "add", "--pseudonym", "Child Q", "--real-name-stdin",
                input=f"{REAL_NAME}\n")
    assert added.exit_code == 0, added.output
    moved = run("move", REVIEW_ID, "publication")
    assert moved.exit_code == 1 and "identity register has changed" in moved.output
    assert reviews.load(REVIEW_ID).stage is Stage.REPORT
    assert run("publish-check", REVIEW_ID, "--publication-date", PLANNED).exit_code == 0
    assert run("identity", REVIEW_ID, "remove", "--pseudonym", "Child Q").exit_code == 0
    moved = run("move", REVIEW_ID, "publication")
    assert moved.exit_code == 1 and "identity register has changed" in moved.output
    assert run("publish-check", REVIEW_ID, "--publication-date", PLANNED).exit_code == 0
    assert run("move", REVIEW_ID, "publication").exit_code == 0
    with open(journal.path, "rb") as handle:
        assert b"Thornbury" not in handle.read()


def test_a_register_changed_behind_the_journal_is_caught_by_the_next_check(reviews, host):
    state = _to_report_stage(reviews, _clean_and_copied(reviews))
    check = run_check(host, state, [], publication_date=dt.date.today() + dt.timedelta(30))
    reviews.write(state, [record_event(check, state.seq, identities=None)])
    from core.output.publication.guard import identities_events

    state = reviews.load(REVIEW_ID)
    reviews.write(state, identities_events(state, "a-new-fingerprint"))
    with pytest.raises(TransitionRefused, match="identity register has changed"):
        reviews.move(REVIEW_ID, Stage.PUBLICATION)


def test_the_fingerprint_is_keyed_and_changes_with_every_entry(tmp_path):
    import hashlib

    first = IdentityRegister.open(str(tmp_path / "one.identities.db"))
    other = IdentityRegister.open(str(tmp_path / "two.identities.db"))
    assert first.fingerprint("R1") is None
    for register in (first, other):
        register.add("R1", REAL_NAME, "Child Q")
    one = first.fingerprint("R1")
    assert one and one != other.fingerprint("R1")  # a key per register: no guessing names
    assert hashlib.sha256(REAL_NAME.encode()).hexdigest() != one
    first.add("R1", "Jo Thornbury", "Mother")
    assert first.fingerprint("R1") not in (None, one)
    assert first.fingerprint("R2") is None
    first.close()
    other.close()


def test_the_check_gives_the_hash_of_each_report_file_it_examined(reviews, host, journal,
                                                                   tmp_path):
    import hashlib

    _clean_and_copied(reviews)
    run = _cli(journal, host)
    checked = run("publish-check", REVIEW_ID, "--publication-date", PLANNED, "--json")
    assert checked.exit_code == 0, checked.output
    hashes = {r["format"]: r["sha256"] for r in json.loads(checked.output)["reports"]}
    assert sorted(hashes) == ["docx", "html", "md"]
    for fmt, digest in hashes.items():
        written = tmp_path / f"report.{fmt}"
        assert run("report", REVIEW_ID, "-o", str(written)).exit_code == 0
        assert hashlib.sha256(written.read_bytes()).hexdigest() == digest, fmt
    record = reviews.load(REVIEW_ID).record_collection("publication/check")["current"]
    assert record["reports"] == hashes


def test_the_check_builds_the_causal_graph_once(journal, monkeypatch):
    host = make_host(("report-test", MethodPlugin()))
    state = build_case(Reviews(journal, host, "test coordinator"), plain)
    built = []

    def counted(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    real = graphs.build_graph
    monkeypatch.setattr(graphs, "build_graph", counted)
    once = run_check(host, state, [], publication_date=TODAY, today=TODAY)
    assert len(built) == 1
    # A report given without the graph's problems (made elsewhere) has them found again, and
    # the answer is the same.
    given = evolve(published(build(host, state, today=TODAY), state), graph_problems=None)
    built.clear()
    again = run_check(host, state, [], publication_date=TODAY, today=TODAY, report=given)
    assert len(built) == 1 and again.problems == once.problems
