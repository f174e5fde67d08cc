"""Fixtures shared by the foundation tests: a journal on disk, a host with real plugins, and the
kit's sample review. Plugin-specific fixtures live beside their tests."""

from __future__ import annotations

import pytest

from core.journal import Journal
from core.methodology import PRINCIPLES, Methodology
from core.plugins import PluginHost
from core.reviews import Reviews
from core.state import ReviewState
from plugins.testing import build_sample_review, make_host


def methodology(name: str, **more: object) -> Methodology:
    """A methodology descriptor for a test plugin, claiming every principle in its own words."""
    values: dict = {
        "name": name,
        "title": f"Test method {name}",
        "summary": "A methodology that exists only in the test suite.",
        "fits_when": ("a test needs it",),
        "not_fits_when": ("a real review",),
        "principles": {key: f"test claim: {text}" for key, text in PRINCIPLES.items()},
    }
    return Methodology(**(values | more))


@pytest.fixture
def journal(tmp_path) -> Journal:
    opened = Journal.open(tmp_path / "casereview.db")
    yield opened
    opened.close()


@pytest.fixture
def host() -> PluginHost:
    """Two real methodologies and the project's own plugins (defaults, regimes)."""
    return make_host("rca", "learning-together")


@pytest.fixture
def reviews(journal: Journal, host: PluginHost) -> Reviews:
    return Reviews(journal, host, "test coordinator")


@pytest.fixture
def sample(reviews: Reviews) -> ReviewState:
    """The kit's fictional sample review, using Root Cause Analysis."""
    return build_sample_review(reviews, methodology="rca")
