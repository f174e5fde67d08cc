"""The plugin author's kit: pytest fixtures for casereview, and a methodology conformance check.

Installed as a pytest plugin (entry point `pytest11`), so any project with casereview installed
gets the fixtures without importing anything:

    def test_my_plan(casereview_host, casereview_reviews):
        host = casereview_host("my-method")            # only my plugin (plus the core's own)
        ...

    # test_conformance.py: every check of the contract, reported one by one
    from plugins.testing import MethodologyConformance

    class TestMyMethod(MethodologyConformance):
        methodology = "my-method"

or in one line: `check_methodology("my-method")`.

pytest loads this module in every run, so it imports at its top only the plugin host (pluggy
and importlib.metadata, which pytest has loaded already); the rest of casereview is imported
inside the functions that use it, so that a run is not slowed down by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import pytest

from core.kernel.errors import NotFound
from core.plugin_api.plugins import PluginHost
from plugins._plugin_names import core_plugin_names, installed_plugins, split_plugins

if TYPE_CHECKING:
    from core.kernel.journal import Journal
    from core.kernel.state import ReviewState
    from core.plugin_api.reviews import Reviews
    from plugins._case import Conformance

SAMPLE_REVIEW_ID = "CR-2025-900"
KIT_ACTOR = "casereview-kit"
# Regimes the sample review prefers, in order; any registered regime will do otherwise.
PREFERRED_REGIMES = ("england-cspr-2018", "england-scr-2013", "wales-cpr")


# -- building blocks (plain functions: usable without pytest) ----------------------------------


def make_host(
    *plugins: str | object | tuple[str, object],
    core: bool = True,
    trace: bool | None = None,
) -> PluginHost:
    """A fresh PluginHost with only the plugins named.

    Each item is an installed plugin's entry-point name ("rca"), a plugin object (a module or an
    instance of a class with `@hookimpl` methods), or a (name, object) pair. With `core=True`
    (the default) the project's own non-methodology plugins load too, so reviews have their
    regimes and the core's guards. `check_pending()` runs, as at start-up, and every
    registration hook is asked at once (a command line host asks each on first use), so a
    duplicate name or a refused descriptor fails here. Tracing follows
    CASEREVIEW_TRACE_PLUGINS unless `trace` says otherwise.
    """
    names, extra = split_plugins(plugins)
    allow = set(names) | (set(core_plugin_names()) if core else set())
    return PluginHost.load(allow=allow, extra=extra, trace=trace).collect()


def open_journal(path: str = ":memory:") -> Journal:
    from core.kernel import store

    return store.open_journal(path)


def sample_regime(host: PluginHost) -> str:
    for name in PREFERRED_REGIMES:
        if name in host.regimes:
            return name
    if not host.regimes:
        raise NotFound(
            "the sample review needs a statutory regime, and no plugin registers one; "
            "load the built-in regimes (make_host(core=True)) or register your own"
        )
    return sorted(host.regimes)[0]


def build_sample_review(
    reviews: Reviews,
    *,
    methodology: str | None = None,
    review_id: str = SAMPLE_REVIEW_ID,
    regime: str | None = None,
) -> ReviewState:
    """A small fictional review, built through the public API: the notification, four agencies,
    a lead reviewer, a case-group practitioner, six chronology entries (one known only to a month),
    two pieces of evidence, a learning event with two contributions, one finding the reviewers
    finalised and one still a draft. It stays at the notification stage, so no guard is asked."""
    from core.kernel.dates import PartialDate
    from core.kernel.model import (
        Agency,
        ChronologyEntry,
        Contribution,
        Evidence,
        Finding,
        LearningEvent,
        Participant,
        Review,
        Sharing,
        Subject,
    )
    from core.kernel.state import put

    day = dt.date
    header = Review(
        id=review_id,
        title="Learning from the care of Child T (fictional)",
        regime=regime or sample_regime(reviews.host),
        area="Northwold Safeguarding Children Partnership (fictional)",
        subject=Subject("Child T", "2 years 4 months"),
        incident_date=day(2025, 11, 14),
        notified_on=day(2025, 11, 17),
        methodology=methodology,
        terms_of_reference="How did agencies share what they knew about Child T's home?",
    )
    agencies = [
        Agency("Northwold Police", "police"),
        Agency("Northwold Children's Services", "childrens_social_care"),
        Agency("Brookside Surgery", "gp"),
        Agency("Northwold Health Visiting", "health_visiting"),
    ]
    people = [
        Participant("P1", "lead_reviewer", "Independent lead reviewer", name="Morgan Hale",
                    employers=("Hale Reviews Ltd",)),
        Participant("P2", "case_group", "Health visitor", agency="Northwold Health Visiting"),
    ]

    def entry(n: int, agency: str, when: PartialDate, what: str, **more: Any) -> ChronologyEntry:
        return ChronologyEntry(f"E{n}", agency, when, what, source_ref=f"{agency[:3].upper()}-{n}",
                               **more)

    chronology = [
        entry(1, "Northwold Health Visiting", PartialDate.day(day(2025, 3, 4)),
              "New birth visit to a younger sibling; Child T seen, home described as cluttered.",
              who="Health visitor", what_was_known="Mother had moved from another area."),
        entry(2, "Brookside Surgery", PartialDate.month(2025, 5),
              "Mother attended with low mood; prescribed medication.", who="GP"),
        entry(3, "Northwold Police", PartialDate.day(day(2025, 7, 19)),
              "Neighbour reported shouting at the address; officers attended, no further action.",
              who="Response officer", shared_with=(Sharing("Northwold Children's Services",
                                                          day(2025, 7, 21)),)),
        entry(4, "Northwold Children's Services", PartialDate.day(day(2025, 7, 22)),
              "Police notification screened; closed with advice to the family.",
              who="Duty social worker", decision_or_action="No further action"),
        entry(5, "Northwold Health Visiting", PartialDate.day(day(2025, 9, 9)),
              "Two-year review not attended; letter sent.", who="Health visitor",
              recorded_on=day(2025, 9, 12)),
        entry(6, "Northwold Police", PartialDate.day(day(2025, 11, 14)),
              "Child T taken to hospital with injuries; investigation opened.",
              who="Detective sergeant"),
    ]
    evidence = [
        Evidence("EV1", "agency_report", "Health visiting agency report",
                 summary="The service's account of its contact with the family.",
                 agency="Northwold Health Visiting", entry_ids=("E1", "E5"),
                 received_on=day(2026, 1, 9)),
        Evidence("EV2", "conversation", "Conversation with the duty social worker",
                 summary="How the July notification was screened.", agency="Northwold Children's "
                 "Services", entry_ids=("E4",), received_on=day(2026, 1, 20)),
    ]
    event = LearningEvent("LE1", "learning_event", "Practitioner learning event",
                          held_on=day(2026, 2, 3), facilitator="Morgan Hale",
                          attendee_roles=("Health visitor", "Duty social worker", "GP"))
    contributions = [
        Contribution("C1", "LE1", "Health visitor", "We had no way to know police had attended.",
                     agency="Northwold Health Visiting"),
        Contribution("C2", "LE1", "Duty social worker",
                     "Screening that week was carried by two people for the whole area.",
                     agency="Northwold Children's Services"),
    ]
    findings = [
        Finding("F1", "Information about police call-outs does not reach health visitors",
                "Health visitors are not told when police attend a family's home.",
                evidence_ids=("EV1", "EV2"), status="final"),
        Finding("F2", "Screening capacity", "Screening depends on too few people at busy times.",
                evidence_ids=("EV2",), status="draft"),
    ]
    state = reviews.open_review(header)
    changes = [put("agencies", a) for a in agencies] + [put("participants", p) for p in people]
    changes += [put("chronology", e) for e in chronology] + [put("evidence", e) for e in evidence]
    changes += [put("learning_events", event)] + [put("contributions", c) for c in contributions]
    changes += [put("findings", f) for f in findings]
    return reviews.write(state, changes)


# -- the conformance check ---------------------------------------------------------------------


class ConformanceFailure(AssertionError):
    """A methodology does not keep the plugin contract; the message lists every problem."""


def conformance_case(methodology: str, *plugins: str | object | tuple[str, object]) -> Conformance:
    """Load `methodology` (from its installed plugin, or from the `plugins` given) beside the
    core's plugins and a control methodology, and write two sample reviews: one using it and
    one using the control."""
    from core.plugin_api.reviews import Reviews
    from plugins._case import Conformance
    from plugins._conformance import CONTROL, ControlMethodology

    if not plugins:
        plugins = (PluginHost.load(allow=set(installed_plugins())).methodology(methodology).plugin,)
    host = make_host(*plugins, ControlMethodology())
    host.methodology(methodology)  # a clear NotFound if the plugins given do not register it
    reviews = Reviews(open_journal(), host, KIT_ACTOR)
    review = build_sample_review(reviews, methodology=methodology)
    other = build_sample_review(reviews, methodology=CONTROL, review_id="CR-2025-901")
    return Conformance(methodology, host, reviews, review, other, plugins)


def conformance_problems(
    methodology: str, *plugins: str | object | tuple[str, object], example: bool = True
) -> dict[str, list[str]]:
    """Every check of the contract: check name -> problems found (empty lists pass). With
    `example=False` the whole review with the plugin's own material is left out."""
    from plugins._conformance import CHECKS
    from plugins._whole_review import EXAMPLE_CHECKS

    case = conformance_case(methodology, *plugins)
    return {name: check(case) for name, check in CHECKS.items()
            if example or name not in EXAMPLE_CHECKS}


def check_methodology(methodology: str, *plugins: str | object | tuple[str, object],
                      example: bool = True) -> None:
    """Assert that `methodology` keeps the plugin contract; the failure lists every problem.

    `check_methodology("rca")` checks an installed plugin; pass the plugin object too when it
    is not installed: `check_methodology("my-method", my_plugin_module)`. The check includes a
    whole review of the fictional Child A case with the material the plugin ships
    (`example_material`); `example=False` leaves it out, for a plugin still being written.
    """
    found = conformance_problems(methodology, *plugins, example=example)
    lines = [f"{check}: {problem}" for check, problems in found.items() for problem in problems]
    if lines:
        raise ConformanceFailure(
            f"methodology {methodology!r} does not keep the plugin contract:\n  - "
            + "\n  - ".join(lines)
        )


class MethodologyConformance:
    """Subclass as `TestMyMethod(MethodologyConformance)` with `methodology = "my-method"` (and
    `plugins = (my_plugin,)` if it is not installed): one test per check of the contract."""

    methodology: str = ""
    plugins: tuple[str | object | tuple[str, object], ...] = ()
    # False skips the whole review with the plugin's own material, for a plugin still being
    # written that ships none yet: a finished methodology ships it and passes those checks.
    example: bool = True

    # One case per class: the whole example review it runs is shared by the class's tests.
    @pytest.fixture(scope="class")
    @classmethod
    def conformance(cls) -> Conformance:
        if not cls.methodology:
            pytest.fail(f"{cls.__name__} must set `methodology` to the name it registers")
        return conformance_case(cls.methodology, *cls.plugins)

    def _passes(self, check: str, case: Conformance) -> None:
        from plugins._conformance import CHECKS

        if check.startswith("example_") and not self.example:
            pytest.skip(f"{self.methodology} ships no example material yet (example = False)")
        problems = CHECKS[check](case)
        if problems:
            raise ConformanceFailure(f"{self.methodology} {check}:\n  - " + "\n  - ".join(problems))

    def test_descriptor(self, conformance: Conformance) -> None:
        """Valid descriptor: name, title, summary, when it fits, all five principles."""
        self._passes("descriptor", conformance)

    def test_names_unique(self, conformance: Conformance) -> None:
        self._passes("names_unique", conformance)

    def test_taxonomies_registered(self, conformance: Conformance) -> None:
        self._passes("taxonomies", conformance)

    def test_hooks_return_documented_types(self, conformance: Conformance) -> None:
        self._passes("hooks", conformance)

    def test_cross_cutting_hooks(self, conformance: Conformance) -> None:
        self._passes("cross_cutting", conformance)

    def test_hooks_are_scoped(self, conformance: Conformance) -> None:
        self._passes("scoped", conformance)

    def test_hooks_are_read_only(self, conformance: Conformance) -> None:
        self._passes("read_only", conformance)

    # The whole Child A review, run once with the plugin's own example material.

    def test_example_review_runs_every_stage(self, conformance: Conformance) -> None:
        self._passes("example_review", conformance)

    def test_example_evidence_structured(self, conformance: Conformance) -> None:
        self._passes("example_evidence", conformance)

    def test_example_graph_is_sound(self, conformance: Conformance) -> None:
        self._passes("example_graph", conformance)

    def test_example_learning_event(self, conformance: Conformance) -> None:
        self._passes("example_learning_event", conformance)

    def test_example_findings_finalised(self, conformance: Conformance) -> None:
        self._passes("example_findings", conformance)

    def test_example_report_sections_render(self, conformance: Conformance) -> None:
        self._passes("example_report", conformance)

    def test_example_publication_check_passes(self, conformance: Conformance) -> None:
        self._passes("example_publication", conformance)


# -- pytest fixtures -------------------------------------------------------------------------


@pytest.fixture
def casereview_host() -> Callable[..., PluginHost]:
    """Factory: `casereview_host("rca", MyPlugin())` gives a fresh host with only those plugins
    (plus the project's own non-methodology plugins unless `core=False`)."""
    return make_host


@pytest.fixture
def casereview_plugins() -> Iterable[str | object] | None:
    """Override in your conftest.py to choose what `casereview_reviews` loads; None loads every
    installed plugin."""
    return None


@pytest.fixture
def casereview_methodology() -> str | None:
    """Override to give the sample review your methodology."""
    return None


@pytest.fixture
def casereview_journal() -> Iterable[Journal]:
    """A fresh, empty in-memory journal, closed after the test."""
    journal = open_journal()
    yield journal
    journal.close()


@pytest.fixture
def casereview_reviews(
    casereview_journal: Journal, casereview_plugins: Iterable[str | object] | None
) -> Reviews:
    """The `Reviews` service over the fresh journal and a host of `casereview_plugins`."""
    from core.plugin_api.reviews import Reviews

    if casereview_plugins is None:
        host = PluginHost.load(allow=set(installed_plugins()))
    else:
        host = make_host(*casereview_plugins)
    return Reviews(casereview_journal, host, KIT_ACTOR)


@pytest.fixture
def casereview_sample_review(
    casereview_reviews: Reviews, casereview_methodology: str | None
) -> ReviewState:
    """The kit's fictional sample review (see `build_sample_review`), freshly written."""
    return build_sample_review(casereview_reviews, methodology=casereview_methodology)
