"""The conformance kit runs a whole review through a methodology with its own example material,
and fails a deliberately broken copy of Learning Together (tests/broken_together.py) on exactly
the check each bug is about, though that copy passes every check on the kit's sample review."""

from __future__ import annotations

import pytest
from broken_together import BUGS, broken

from plugins._conformance import CHECKS
from plugins._whole_review import EXAMPLE_CHECKS
from plugins.testing import conformance_case

SAYS = {
    "example_review": "the whole review failed",
    "example_evidence": "names entry 'E",
    "example_graph": "is not evidenced",
    "example_learning_event": "no contribution from the learning event was taken into evidence",
    "example_findings": "no finding could be finalised",
    "example_report": "narative.html.j2",
    "example_publication": "an email address",
}


def test_every_whole_review_check_has_a_broken_case():
    assert set(BUGS) == set(SAYS) == set(EXAMPLE_CHECKS) <= set(CHECKS)


@pytest.mark.slow
@pytest.mark.parametrize("bug", sorted(BUGS))
def test_the_kit_fails_the_broken_plugin_on_the_check_its_bug_is_about(bug):
    case = conformance_case("learning-together", broken(bug))
    found = CHECKS[bug](case)
    assert any(SAYS[bug] in problem for problem in found), found


def test_the_broken_evidence_structuring_passes_the_sample_review_checks():
    """The issue's case: on the kit's sample review (ids E1 ... E6) the bug does not show."""
    case = conformance_case("learning-together", broken("example_evidence"))
    assert CHECKS["hooks"](case) == []
