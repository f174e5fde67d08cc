"""`casereview demo`: the fictional Child A case run through a whole review, stage by stage.

Every stage uses the same Python functions the commands use, on a fresh database in the output
folder. The review's script (examples/child-a/review.yaml) says who chaired, reviewed and took
part; the methodology's own example material (e.g. conversations, episodes, findings) is read by
the methodology through its `load_material` hook, so the core never imports a methodology.
Everything here is fictional, including the "real name" registered to show the publication
check keeping it out of the report.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import define, field

from core.analysis import findings as core_findings
from core.analysis import learning_events as le
from core.analysis import material
from core.analysis.actions import plan_events
from core.apps import demo_folder
from core.apps.demo_folder import DATABASE
from core.apps.demo_material import EXAMPLE, example_material, methodologies_with_material, script
from core.apps.demo_report import (
    publication_event,
    rapid_review_event,
    read,
    reviewer_events,
    send_notifications,
    written_events,
)
from core.evidence.chronology.duplicates import decide as decide_duplicate
from core.evidence.chronology.duplicates import likely_duplicates
from core.evidence.chronology.importer import plan_import
from core.kernel.dates import long_date
from core.kernel.errors import CaseReviewError
from core.kernel.lifecycle import Stage
from core.kernel.model import FindingStatus, Review, Subject
from core.kernel.state import put
from core.kernel.store import open_journal
from core.kernel.text import plural
from core.output.exporters import exporter, render
from core.output.output_file import write_output
from core.output.publication.check import PUBLISHED_FORMATS, identifying_details, run_check
from core.output.publication.guard import note_register, record_event
from core.output.publication.identity import IdentityRegister
from core.output.report.build import build
from core.output.report.model import Paragraph, Section
from core.output.report.pack import pack, pack_sections, published
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from core.statutory.case_file import case_agencies, read_case
from core.statutory.commissioning import add_participant, commission, record_family_offer
from core.statutory.deadlines import record_met, set_date
from core.statutory.decisions import decide, facts_events
from core.statutory.facts import gather_facts

METHODOLOGY = "learning-together"
# What the reviewers write around the analysis, and the statutory records: fictional, editable.
REPORT_RECORDS = EXAMPLE / "report.yaml"

__all__ = ["EXAMPLE", "METHODOLOGY", "Demo", "example_material", "methodologies_with_material",
           "script"]


class DemoStopped(CaseReviewError):
    """A piece the demo needs has not landed yet: it stops there and says what is missing."""


@define
class DemoResult:
    out: Path
    review_id: str = ""
    reports: dict[str, Path] = field(factory=dict)
    check: Any = None
    stopped: str = ""
    stages: list[str] = field(factory=list)


class Demo:
    def __init__(self, out: Path, *, methodology: str = METHODOLOGY,
                 echo: Callable[[str], None] = print, today: dt.date | None = None,
                 host: Any = None) -> None:
        self.out = Path(out)
        self.methodology = methodology
        self.echo = echo
        self.today = today or dt.date.today()
        self._host = host
        self.result = DemoResult(self.out)
        self.case: dict[str, Any] = {}
        self.script: dict[str, Any] = {}
        self.material: Path | None = None  # the method's example material, once known

    # -- running -----------------------------------------------------------------------------

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("Notification", self.notify),
            ("Criteria and the Chair's decision", self.decide),
            ("Commissioning", self.commission),
            ("Agency chronologies", self.import_chronologies),
            ("Analysis (the methodology's example material)", self.analyse),
            ("Learning event", self.learning_event),
            ("Findings", self.findings),
            ("Recommendations and improvement actions", self.actions),
            ("The sections the reviewers write", self.written),
            ("Report and the review team's pack", self.report),
            ("Identity register", self.identity),
            ("Publication check", self.publication),
        ]

    def run(self) -> DemoResult:
        if not EXAMPLE.joinpath("case.yaml").exists():
            raise DemoStopped(f"the example case is not at {EXAMPLE}; reinstall casereview "
                              "(the case is part of the package)")
        database = self.out / DATABASE
        self.host = self._host or PluginHost.load()
        self.host.methodology(self.methodology)  # refuse an unknown methodology first
        self.material = example_material(self.host, self.methodology)
        self.script = script(self.material)
        before = demo_folder.claim(self.out)
        self.journal = open_journal(database)
        self.reviews = Reviews(self.journal, self.host, demo_folder.ACTOR)
        steps = self.steps()
        try:
            for number, (title, step) in enumerate(steps, start=1):
                try:
                    said = step()
                except DemoStopped as stop:
                    self.result.stopped = f"{title}: {stop}"
                    self.echo(f"[{number:>2}/{len(steps)}] {title}: not available yet ({stop}).")
                    self.echo("The demo stops here; the stages before it ran.")
                    break
                self.result.stages.append(title)
                self.echo(f"[{number:>2}/{len(steps)}] {title}: {said}")
        finally:
            self.journal.close()
            demo_folder.release(self.out, before)
        return self.result

    @property
    def review_id(self) -> str:
        return self.result.review_id

    def state(self) -> Any:
        return self.reviews.load(self.review_id)

    def move(self, stage: Stage, reason: str) -> None:
        state = self.state()
        if state.stage is not stage:
            self.reviews.move(self.review_id, stage, reason=reason)

    def write(self, events: list[Any]) -> Any:
        return self.reviews.write(self.state(), events) if events else self.state()

    @property
    def records_path(self) -> Path:
        """examples/child-a/report.yaml, or the methodology's own beside its material (its
        findings may differ, and the partnership's response answers each one)."""
        own = self.material / "report.yaml" if self.material else None
        return own if own is not None and own.exists() else REPORT_RECORDS

    def records(self) -> dict[str, Any]:
        return read(self.records_path)

    # -- the stages ---------------------------------------------------------------------------

    def notify(self) -> str:
        path = str(EXAMPLE / "case.yaml")
        self.case = read_case(path)
        header = {**self.case["review"], **(self.script.get("case") or {})}
        regime = self.host.regime(header["regime"])
        review = Review(
            id=header["id"], title=header["title"], regime=regime.name, area=header["area"],
            subject=Subject(header["subject"]["pseudonym"], header["subject"].get("age_at_event",
                                                                                "")),
            incident_date=header["incident_date"], notified_on=header["notified_on"],
            became_aware_on=header.get("became_aware_on"),
        )
        changes = [put("agencies", agency)
                   for agency in case_agencies(self.case.get("agencies"), path)]
        facts = {**(self.case.get("facts") or {}), **(self.script.get("facts") or {})}
        self.facts = gather_facts(regime.facts, base=facts, base_source=path)
        _assessment, events = facts_events(regime, self.facts, source="notification",
                                           on=review.notified_on)
        self.reviews.open_review(review, [*changes, *events])
        self.result.review_id = review.id
        send_notifications(self.reviews, self.host, review.id)
        return (f"review {review.id} opened under {regime.title}, "
                f"{len(changes)} agencies, notified {long_date(review.notified_on)}")

    def decide(self) -> str:
        notified = self.state().review.notified_on
        _state, assessment = decide(self.reviews, self.review_id, self.facts, "initiate",
                                    by=self.script["chair"],
                                    rationale=self.script["decision_rationale"],
                                    on=notified + dt.timedelta(days=14))
        self.write([rapid_review_event(self.state(), self.records(), str(self.records_path))])
        outcome = getattr(assessment, "outcome", "")
        return (f"rapid review recorded; criteria outcome {getattr(outcome, 'value', outcome)}; "
                "the Chair decided to review")

    def commission(self) -> str:
        self.move(Stage.COMMISSIONING, "the Chair decided to review")
        cast = self.script
        state, _plan = commission(self.reviews, self.review_id, self.methodology,
                                  cast.get("variant"),
                                  "\n\n".join(cast["terms_of_reference"]),
                                  "\n\n".join(cast["methodology_rationale"]))
        appointed = state.review.notified_on + dt.timedelta(days=30)
        for reviewer in cast["lead_reviewers"]:
            add_participant(self.reviews, self.review_id, role="lead_reviewer",
                            title=reviewer["title"], name=reviewer["name"],
                            employers=tuple(reviewer["employers"]), appointed_on=appointed)
        for member in cast["review_team"]:
            add_participant(self.reviews, self.review_id, role="review_team",
                            title=member["title"], agency=member["agency"])
        for practitioner in cast["case_group"]:
            add_participant(self.reviews, self.review_id, role="case_group",
                            title=practitioner["role"], agency=practitioner["agency"])
        self.write(reviewer_events(self.reviews, self.state(), self.records(),
                                   str(self.records_path), appointed))
        record_family_offer(self.reviews, self.review_id, appointed + dt.timedelta(days=7),
                            "accepted")
        answers = cast["family_responses"]
        for member in self.case.get("family", []):
            answer = answers.get(member["relationship"], {})
            add_participant(self.reviews, self.review_id, role="family",
                            title=member["relationship"], involvement=answer.get("answer"),
                            involvement_note=answer.get("note", ""))
        self.move(Stage.EVIDENCE, "commissioned")
        return (f"{self.methodology} ({self.state().review.variant or 'standard'}), "
                f"{len(cast['lead_reviewers'])} independent lead reviewers, a review team of "
                f"{len(cast['review_team'])}, a case group of {len(cast['case_group'])} "
                "practitioners")

    def import_chronologies(self) -> str:
        total = 0
        for agency in self.case.get("agencies", []):
            source = agency.get("chronology")
            if not source:
                continue
            mapping = {heading: field for field, heading in source.get("columns", {}).items()}
            plan = plan_import(self.state(), EXAMPLE / source["file"], agency=agency["name"],
                               kind=agency.get("kind"), mapping=mapping,
                               sheet=source.get("sheet"), aliases=agency.get("aliases", ()))
            self.write(plan.events)
            total += len(plan.entries)
        # The business manager reads each likely duplicate: in this case every one is the same
        # meeting or consultation in two records, so it shows once in the summary timeline.
        pairs = likely_duplicates(self.state(), include_decided=False)
        self.write([decide_duplicate(self.state(), p.first.id, p.second.id, "confirmed",
                           self.script["duplicate_note"]) for p in pairs])
        self.move(Stage.ANALYSIS, "every agency's chronology is in")
        return (f"{total} entries from {len(self.case.get('agencies', []))} agencies merged; "
                f"{len(pairs)} likely duplicates confirmed as the same event")

    def analyse(self) -> str:
        if self.material is None:
            raise DemoStopped(f"the {self.methodology} methodology ships no example material "
                              "(its plugin's example_material hook)")
        loaded = material.load(self.reviews, self.review_id, self.material)
        return "; ".join(loaded.read) or "nothing new to load"

    def learning_event(self) -> str:
        folder = self.material
        scripts = sorted(folder.glob("*-script.yaml")) if folder else []
        if not scripts:
            raise DemoStopped(f"no scripted learning event (*-script.yaml) in {folder}")
        self.move(Stage.LEARNING_EVENTS, "ready for the learning event")
        said = [self._hold(le, script, number) for number, script in enumerate(scripts)]
        return "; ".join(said)

    def _hold(self, le: Any, script: Path, number: int) -> str:
        """One scripted learning event (the scripts in name order, a month apart)."""
        state = self.state()
        kinds = list(le.kinds(self.host, state))
        named = script.name.removesuffix("-script.yaml").replace("-", "_")
        kind = named if named in kinds else kinds[0]
        held = state.review.notified_on + dt.timedelta(days=120 + 30 * number)
        roles = ("Lead reviewers", "Review team", "Case group of practitioners")
        event, events = le.record_event(self.host, state, kind=kind, held_on=held,
                                        facilitator="the lead reviewers", attendee_roles=roles)
        state = self.write(events)
        taken = said_count = 0
        for phase in le.facilitation_script(script):
            for said in phase.contributions:
                state = self.state()
                contribution, events, _warnings = le.contribute(
                    self.host, state, event.id, le.Said(said.role, said.text, phase.phase,
                                                        said.agency))
                state = self.write(events)
                said_count += 1
                if said.accept:
                    _evidence, events = le.take(self.host, state, contribution.id)
                    self.write(events)
                    taken += bool(events)
        return f"{event.title} with {said_count} contributions, {taken} taken into evidence"

    def findings(self) -> str:
        self.move(Stage.FINDINGS, "the learning event is done")
        finalised, held = 0, []
        for finding_id, finding in sorted(self.state().findings.items()):
            if finding.status is FindingStatus.DRAFT:
                try:
                    change = core_findings.finalise(self.host, self.state(), finding_id)
                except core_findings.FindingRefused as refused:
                    held.append(f"{finding_id} stays a draft: {'; '.join(refused.problems)}")
                    continue
                self.write(change.events)
                finalised += 1
        final = [f for f in self.state().findings.values() if f.status is FindingStatus.FINAL]
        for line in held:
            self.echo(f"        {line}")
        return f"{len(final)} final findings ({finalised} finalised now)"

    def actions(self) -> str:
        self.move(Stage.IMPROVEMENT_ACTIONS, "findings agreed")
        # A methodology whose findings differ from the case's brings its own action plan.
        own = self.material / "actions.yaml" if self.material else None
        plan = own if own is not None and own.is_file() else EXAMPLE / "actions.yaml"
        state = self.write(plan_events(self.state(), plan))
        self.move(Stage.REPORT, "improvement actions agreed")
        done = sum(1 for a in state.actions.values() if a.status.value == "completed")
        return (f"{len(state.recommendations)} recommendations, {len(state.actions)} actions "
                f"({done} completed)")

    def written(self) -> str:
        where = str(self.records_path)
        events = written_events(self.state(), self.records(), where)
        self.write([*events, publication_event(self.state(), self.records(), where)])
        return (f"{plural(len(events), 'section')} written by the reviewers, and the partners' "
                "decision to publish in full")

    def report(self) -> str:
        whole = build(self.host, self.state(), today=self.today)
        report = published(whole, self.state())
        team_pack = pack(whole, pack_sections(self.host, self.state()))
        for fmt, part, what in (("html", report, "report"), ("docx", report, "report"),
                                ("md", report, "report"), ("pack-html", team_pack, "pack"),
                                ("pack-md", team_pack, "pack")):
            chosen = exporter(self.host, fmt.removeprefix("pack-"))
            path = self.out / f"{self.review_id}-{what}{chosen.suffix}"
            if os.path.lexists(path):  # the demo's own were deleted at the start: not this one
                raise CaseReviewError(f"{path} is not the demo's own file; the demo will not "
                                      "overwrite it", hint="move it, or give the demo a folder "
                                      "of its own with --out")
            rendered = render(self.host, chosen, part)
            demo_folder.will_write(self.out, path.name)
            write_output(path, rendered, f"the {what}", database=str(self.out / DATABASE))
            self.result.reports[fmt] = path
        return (f"{len(report.sections)} published sections in HTML, Word and Markdown; "
                f"{len(team_pack.sections)} in the review team's pack (HTML and Markdown)")

    def identity(self) -> str:
        register = IdentityRegister.beside(str(self.out / DATABASE))
        try:
            register.add(self.review_id, self.script["fictional_real_name"],
                         self.state().review.subject.pseudonym)
            note_register(self.reviews, self.review_id, register)
        finally:
            register.close()
        return (f"a fictional real name registered for "
                f"{self.state().review.subject.pseudonym} in {Path(register.path).name}, apart "
                "from the audit trail")

    def publication(self) -> str:
        planned = self.today + dt.timedelta(days=28)
        set_date(self.reviews, self.review_id, "publication_planned", planned)
        state = self.state()
        regime = self.host.regime(state.review.regime)
        for clock in regime.clocks:
            if clock.start == "publication_planned":
                record_met(self.reviews, self.review_id, clock.id, self.today,
                           notification=clock.kind == "notification",
                           note="sent by the business manager")
        register = IdentityRegister.beside(str(self.out / DATABASE))
        try:
            identities = register.identities(self.review_id)
            fingerprint = register.fingerprint(self.review_id)
        finally:
            register.close()
        state = self.state()
        report = published(build(self.host, state, today=self.today), state)
        check = run_check(self.host, state, identities, publication_date=planned,
                          today=self.today, report=report, formats=PUBLISHED_FORMATS)
        self.result.check = check
        self.write([record_event(check, state.seq, identities=fingerprint)])
        # Show the register at work on a careless draft, held in memory only: a sentence naming
        # the child is caught, and the check's own words never repeat the name.
        slip = Section("slip", "A careless draft paragraph", [Paragraph(
            f"{identities[0].real_name} was seen at school on Monday.")])
        draft = build(self.host, state, today=self.today)
        caught = identifying_details(
            type(draft)(draft.review_id, draft.title, draft.facts, (*draft.sections, slip),
                        draft.generated_on, draft.methodology), identities)
        names = [p for p in caught if p.code == "real_name"]
        shown = names[0].snippet if names else "not caught"
        self.echo(f"        the register keeps the name out: the report names nobody registered; "
                  f"a draft that did would be stopped ({shown})")
        for problem in check.blocking:
            self.echo(f"        blocking: [{problem.where}] {problem.why}")
        if check.ready:
            self.move(Stage.PUBLICATION, "the publication check passed")
        verdict = "ready to publish; moved to publication" if check.ready else \
            plural(len(check.blocking), "blocking problem")
        return (f"{verdict}; {plural(len(check.warnings), 'plain-English warning')}; reading ease "
                f"{check.reading_ease}; planned for {long_date(planned)}")
