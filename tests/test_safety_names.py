"""Registered real names never escape: not through the check's own output, not past a missing
register, and not in any disguise (case, accents, initials, run together, invisible characters,
a right-to-left override, look-alike letters, the review's id)."""

from __future__ import annotations

import json
import shutil

import pytest
from reportcase import REVIEW_ID, MethodPlugin, build_case, plain

from core.kernel.model import Finding
from core.kernel.state import put
from core.output.publication.check import run_check
from core.output.publication.detectors import find_names
from core.output.publication.identity import Identity
from core.output.publication.normalise import fold
from core.output.report.build import build
from core.output.report.renderers import to_html, to_markdown
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host

REAL = "Kayleigh Brennan"
NAMES = [(REAL, "Child A"), ("Zoë Ångström", "Mother"), ("Siobhan O'Neill", "Aunt")]


@pytest.fixture
def host():
    return make_host(("report-test", MethodPlugin()))


@pytest.fixture
def reviews(journal, host):
    return Reviews(journal, host, "test coordinator")


def _leaks(text: str) -> bool:
    folded = fold(text)[0]
    return "kayleigh" in folded or "brennan" in folded


@pytest.mark.parametrize("text", [
    "BRENNAN was seen by officers",  # the surname in capitals, as police write it
    "seen by brennan's neighbour",  # in lower case
    "K.B. was seen",  # initials
    "KayleighBrennan",  # run together
    "Kayleigh.Brennan@",  # with a dot
    "Kay\u200bleigh Bren\u200dnan",  # zero-width characters inside
    "x \u202enannerB hgielyaK\u202c y",  # reversed inside a right-to-left override
    "\u041aayleigh \u0412renn\u0430n",  # Cyrillic look-alikes
    "\u039aayleigh Brenn\u03b1n",  # Greek look-alikes
    "\uff2bayleigh \uff22rennan",  # full-width letters
    "Kayleigh-Brennan-2025",  # as a review id
])
def test_every_disguise_of_a_name_is_found(text):
    assert [d.owner for d in find_names(text, NAMES)] == ["Child A"], text


@pytest.mark.parametrize(("text", "owner"), [
    ("Zoe Angstrom called", "Mother"),  # without the diacritics
    ("ANGSTROM called", "Mother"),
    ("O'NEILL attended", "Aunt"),
    ("o\u2019neill attended", "Aunt"),
    ("ONeill attended", "Aunt"),
])
def test_diacritics_and_apostrophes_do_not_hide_a_name(text, owner):
    assert [d.owner for d in find_names(text, NAMES)] == [owner], text


def test_ordinary_words_are_not_names():
    assert find_names("e.g. the kayleigh fund; a rose; Brenn and Nan", NAMES) == []


def _case_with_names(reviews):
    """A review whose acronym, draft finding and graph problem carry the real name."""
    text = {"terms": "The KAYLEIGH plan was agreed. " + plain("terms")}
    state = build_case(reviews, lambda f: text.get(f, plain(f)))
    return reviews.write(state, [
        put("findings", Finding("F2", f"Nobody saw {REAL} alone", "Seen only with adults.",
                                status="draft")),
    ])


def test_nothing_the_check_prints_carries_the_name(reviews, host):
    state = _case_with_names(reviews)
    identities = [Identity(pseudonym, real) for real, pseudonym in NAMES]
    check = run_check(host, state, identities)
    codes = {p.code for p in check.problems}
    assert {"acronym", "draft_finding", "graph", "real_name"} <= codes
    for problem in check.problems:
        for shown in (problem.where, problem.snippet, problem.why, problem.fix):
            assert not _leaks(shown), (problem.code, shown)


def test_the_review_id_is_checked_and_masked(journal, host):
    reviews = Reviews(journal, host, "test coordinator")
    state = build_case(reviews)
    from core.kernel.model import Review

    other = reviews.open_review(Review(
        id="Kayleigh-Brennan-2025", title="Child A", regime=state.review.regime,
        area=state.review.area, subject=state.review.subject,
        incident_date=state.review.incident_date, notified_on=state.review.notified_on))
    check = run_check(host, other, [Identity("Child A", REAL)])
    assert any(p.code == "real_name" and p.where == "Title page" for p in check.problems)
    assert not _leaks(check.review_id)


def test_the_cli_check_output_is_safe_to_paste(reviews, host, cli):
    _case_with_names(reviews)
    cli.ok("identity", REVIEW_ID, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input=f"{REAL}\n")
    for args in ((), ("--json",)):
        result = cli("publish-check", REVIEW_ID, "--no-record", *args)
        assert result.exit_code == 1
        assert "real name registered for Child A" in result.output
        assert not _leaks(result.output), result.output
    data = json.loads(cli("publish-check", REVIEW_ID, "--no-record", "--json").output)
    assert any(p["code"] == "acronym" for p in data["problems"])


def test_reports_drop_bidi_overrides_and_zero_width_characters(reviews, host):
    state = build_case(reviews, lambda f: f"{plain(f)} a\u202eb\u200bc\u2066d\u2069e\ufeff")
    report = build(host, state)
    for rendered in (to_html(report), to_markdown(report)):
        for char in "\u202e\u200b\u2066\u2069\ufeff":
            assert char not in rendered


def test_the_review_id_on_a_report_is_cleaned_too(journal, host):
    reviews = Reviews(journal, host, "test coordinator")
    state = build_case(reviews)
    from core.kernel.model import Review

    other = reviews.open_review(Review(
        id="CR-\u202e1-\u200b2025", title="Child A", regime=state.review.regime,
        area=state.review.area, subject=state.review.subject,
        incident_date=state.review.incident_date, notified_on=state.review.notified_on))
    report = build(host, other)
    assert report.review_id == "CR-1-2025"
    assert "\u202e" not in to_html(report) and "\u202e" not in to_markdown(report)


# -- the register must be there when the audit trail says it held names ----------------------


def test_a_missing_register_is_an_error_naming_the_file(reviews, host, cli, tmp_path):
    _case_with_names(reviews)
    cli.ok("identity", REVIEW_ID, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input=f"{REAL}\n")
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in ("casereview.db", "casereview.db-wal"):  # the database without its register
        if (tmp_path / name).exists():
            shutil.copy(tmp_path / name, copy / name)
    cli.db = copy / "casereview.db"
    expected = str(copy / "casereview.identities.db")
    message = cli.refused("publish-check", REVIEW_ID, says=[expected, "missing"])
    assert "casereview.identities.db" in message
    assert not (copy / "casereview.identities.db").exists()  # not silently created
    cli.refused("identity", REVIEW_ID, "list", says=expected)
    cli.refused("identity", REVIEW_ID, "add", "--pseudonym", "Mother", "--real-name-stdin",
                input="Zoë Ångström\n", says=expected)


def test_a_different_register_is_an_error(reviews, host, cli, tmp_path):
    _case_with_names(reviews)
    cli.ok("identity", REVIEW_ID, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input=f"{REAL}\n")
    register = tmp_path / "casereview.identities.db"
    register.unlink()
    from core.output.publication.identity import IdentityRegister

    other = IdentityRegister.open(str(register))  # an empty register in its place
    other.close()
    cli.refused("publish-check", REVIEW_ID, says=[str(register), "not the one"])


def test_a_lost_register_can_be_replaced_on_purpose(reviews, host, cli, tmp_path):
    _case_with_names(reviews)
    cli.ok("identity", REVIEW_ID, "add", "--pseudonym", "Child A", "--real-name-stdin",
           input=f"{REAL}\n")
    (tmp_path / "casereview.identities.db").unlink()
    cli.ok("identity", REVIEW_ID, "add", "--pseudonym", "Child A", "--replace-lost-register",
           "--real-name-stdin", input=f"{REAL}\n")
    result = cli("publish-check", REVIEW_ID, "--no-record", "--json")
    assert result.exit_code == 1 and "real name registered for Child A" in result.output
