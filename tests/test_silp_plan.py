"""SILP's descriptor, fit, plan per variant and agency report form, on the kit's sample review
and on case profiles; and the demo of Child A run with SILP, to the publication check."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from core.apps.cli.base import cli
from core.plugin_api.methodology import CaseProfile
from plugins.testing import build_sample_review, make_host
from silp.descriptor import DESCRIPTOR, assess_fit
from silp.plan import agency_submission_form, plan_review
from silp.taxonomy import VARIANTS

METHOD = "silp"


@pytest.fixture
def reviews(casereview_journal):
    from core.plugin_api.reviews import Reviews

    return Reviews(casereview_journal, make_host(METHOD), "test coordinator")


@pytest.fixture
def review(reviews):
    return build_sample_review(reviews, methodology=METHOD)


def test_the_descriptor_credits_silp_as_a_proprietary_method_and_names_no_founder():
    assert "Review Consulting Ltd" in DESCRIPTOR.summary
    assert "published features" in DESCRIPTOR.summary
    words = " ".join([DESCRIPTOR.summary, *DESCRIPTOR.fits_when, *DESCRIPTOR.not_fits_when,
                      *DESCRIPTOR.principles.values()])
    for unverified in ("Griffin", "Carmi", "Partners in Learning", "Liverpool"):
        assert unverified not in words
    assert set(DESCRIPTOR.learning_events) == {"learning_event", "recall_event",
                                               "panel_meeting"}
    assert set(DESCRIPTOR.variants) == {"full", "proportionate", "mini-silp"}


def fit(**facts) -> tuple[int, str, str]:
    found = assess_fit(profile=CaseProfile(**facts), methodology=METHOD)
    return found.score, " ".join(found.reasons_for), " ".join(found.reasons_against)


def test_fit_reads_the_profile_and_says_why():
    base, _, _ = fit()
    score, good, _ = fit(agencies_involved=7, practitioners_available=True,
                         months_available=6, focus_on_good_practice=True)
    assert score > base and "7 agencies" in good and "equal value" in good
    score, _, bad = fit(practitioners_available=False)
    assert score < base and "learning event and the recall event" in bad
    score, _, bad = fit(months_available=2)
    assert score < base and "16 weeks" in bad
    _, good, _ = fit(months_available=4)
    assert "proportionate" in good
    _, good, _ = fit(agencies_involved=1)
    assert "mini-SILP" in good
    # what the law requires (in Wales, a child practice review) is the chooser's rule, not a fit
    score, _, _ = fit(nation="wales")
    assert score == base
    assert assess_fit(profile=CaseProfile(), methodology="rca") is None


def test_each_variant_plans_its_timescale_and_agency_reports(review):
    full = plan_review(review=review, methodology=METHOD, variant="full")
    short = plan_review(review=review, methodology=METHOD, variant="proportionate")
    mini = plan_review(review=review, methodology=METHOD, variant="mini-silp")
    assert (full.typical_weeks, short.typical_weeks) == (26, 16)
    assert mini.typical_weeks == VARIANTS["mini-silp"].weeks

    def reports(plan) -> int:
        return sum(a.count for a in plan.activities if a.title.startswith("Agency reports"))

    assert reports(full) == max(1, len(review.agencies)) and reports(mini) == 1
    titles = " ".join(a.title for a in full.activities)
    for step in ("Scoping", "Learning event", "Recall event", "Final overview report",
                 "Send every agency report"):
        assert step in titles
    stages = [a.stage for a in full.activities]
    assert stages.index("learning_events") < stages.index("findings") < stages.index("report")
    assert "one independent and one employed" in full.roles["lead_reviewer"]


def test_an_unknown_variant_is_refused_with_the_choices(review):
    from core.kernel.errors import InvalidValue

    with pytest.raises(InvalidValue, match="full, proportionate, mini-silp"):
        plan_review(review=review, methodology=METHOD, variant="speedy")


def test_the_agency_form_asks_for_chronology_analysis_good_practice_and_learning(review):
    form = agency_submission_form(review=review, methodology=METHOD, agency="Police")
    assert form.include_chronology
    assert "never a name" in form.sections["Agency author"]
    assert "why it happened as it did" in " ".join(form.sections.values())
    assert {"Good practice", "Learning identified"} <= set(form.sections)


def test_checks_stay_quiet_for_other_methods(reviews):
    from silp.checks import check_stage

    other = build_sample_review(reviews, methodology=None)
    assert check_stage(review=other, stage="report") == []


def test_terms_lists_the_words_the_yaml_uses():
    result = CliRunner().invoke(cli, ["silp", "terms"])
    assert result.exit_code == 0, result.output
    for word in ("challenge", "partly_accepted", "employed", "not_offered", "key_episodes"):
        assert word in result.output


def test_the_demo_runs_silp_to_a_report_that_passes_the_publication_check(tmp_path):
    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", "--methodology", "silp", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "[12/12] Publication check: ready to publish" in result.output
    assert "Review panel meeting with 5 contributions" in result.output
    assert "4 recommendations, 5 actions" in result.output
    report = (out / "child-a-report.md").read_text(encoding="utf-8")
    for heading in ("## Terms of reference and key lines of enquiry",
                    "## How the review was done: agency reports, the learning event and the "
                    "recall event", "## The family's involvement", "## Analysis by key line of "
                    "enquiry", "## Findings and recommendations",
                    "## Appendix: agencies and agency authors"):
        assert heading in report
    assert "SILP does this through a report from each agency" in report
    assert "Learning Together does this" not in report
