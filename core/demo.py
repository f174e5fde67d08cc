"""`casereview demo`: the fictional Child A case run through a whole review, stage by stage.

Every stage uses the same Python functions the commands use, on a fresh database in the output
folder. The methodology's own example material (conversations, episodes, findings) is loaded
through that methodology's command, run in this process: the core never imports a methodology.
Everything here is fictional, including the "real name" registered to show the publication
check keeping it out of the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import define, field

from core.errors import CaseReviewError
from core.lifecycle import Stage

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "child-a"
MARKER = ".casereview-demo"  # marks a folder the demo made and lists the files it wrote there
MARKER_HEADING = "# Made by `casereview demo`. The next run deletes exactly the files listed here"
DATABASE = "casereview.db"
# The files the demo may write besides its reports (SQLite keeps -wal, -shm and -journal files
# beside a database while it is open).
DEMO_FILES = frozenset(f"{base}{extra}" for base in (DATABASE, "casereview.identities.db")
                       for extra in ("", "-wal", "-shm", "-journal"))
# What the demo wrote before its marker listed files: the same database files and the reports.
LEGACY_MARKER = "This folder was made by `casereview demo`; it is rebuilt on each run."
LEGACY_FILES = DEMO_FILES | {f"child-a-report{s}" for s in (".html", ".docx", ".md")}
METHODOLOGY = "learning-together"
# How each methodology's example folder is loaded: its folder under the example case, and the
# command (with REVIEW and FOLDER filled in) that loads it.
LOADERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "learning-together": ("learning-together", ("lt", "load", "{review}", "{folder}")),
}
# The example file, in that folder, whose items (each with a role and an agency) are the
# practitioners the reviewers spoke to: the case group, recorded at commissioning by role.
CASE_GROUP_FILES = {"learning-together": ("conversations.yaml", "conversations")}

# The fictional cast and script of the demo. None of these people exists.
FICTIONAL_REAL_NAME = "Amelia Rose Thornbury"  # stands for the real name behind "Child A"
CHAIR = "Chair of the Tessingford Safeguarding Children Partnership"
DECISION_RATIONALE = (
    "Child A was seriously harmed and neglect is suspected. Several agencies knew parts of the "
    "picture, so there is concern about how they worked together. A local review should find "
    "what needs to improve."
)
TERMS_OF_REFERENCE = """How well did the agencies share what each knew about Child A's home \
life between January 2022 and February 2025?

Why did the closure of the child in need plan in July 2024 make sense to those involved at the \
time, and what happened to the concerns that followed?

What does this case show about how the partnership's systems help or hinder practitioners who \
see neglect building slowly?"""
METHODOLOGY_RATIONALE = """Seven agencies knew parts of this family's life over three years, and \
no single decision explains what happened. The partnership wants to understand why each \
agency's practice made sense at the time, and what in its systems made it so.

Learning Together does this through one-to-one conversations with the practitioners and joint \
meetings with them. The practitioners can be released for both, and the partnership can give \
the full review the six months it takes."""
# Each family member's answer to the offer to take part, as the lead reviewers recorded it.
FAMILY_RESPONSES = {
    "Mother": ("took_part", "met the lead reviewers twice, with her support worker, and read "
               "the findings before the report was finished"),
    "Mother's partner": ("declined", "declined through his solicitor while the criminal "
                         "proceedings continue"),
    "Sibling B": ("not_approached", "too young to be approached (two years old)"),
    "Maternal grandmother": ("took_part", "met the lead reviewers and told them how Child A is "
                             "now and what Child A likes and fears"),
    "Child A's father": ("declined", "was told of the review by letter and chose not to take "
                         "part"),
}
DUPLICATE_NOTE = "the same event in two records, read by the partnership business manager"
LEAD_REVIEWERS = (
    ("Dr Ruth Calloway", "Independent lead reviewer, accredited in Learning Together",
     ("Calloway Review Associates",)),
    ("Samir Okafor", "Independent lead reviewer, accredited in Learning Together",
     ("Northern Practice Reviews Ltd",)),
)
REVIEW_TEAM = (
    ("Detective Inspector, safeguarding", "Wendmoor Constabulary"),
    ("Head of service, children in need", "Tessingford Council Children's Services"),
    ("Designated nurse for safeguarding", "Wendmoor Health Visiting Service"),
    ("Head teacher", "Brindlecote Primary School"),
)


def _listed(marker: Path) -> list[str]:
    """The files a demo marker says the demo wrote: plain names inside the folder only."""
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if text.strip() == LEGACY_MARKER:
        return sorted(LEGACY_FILES)
    lines = text.splitlines()
    if not lines or lines[0] != MARKER_HEADING:
        return []
    names = [line.strip() for line in lines[1:] if line.strip() and not line.startswith("#")]
    return [n for n in names if n == Path(n).name and n not in (".", "..", MARKER)]


def _write_marker(marker: Path, names: list[str]) -> None:
    marker.write_text("\n".join([MARKER_HEADING, "# and makes them again; it never touches "
                                 "other files.", *names]) + "\n", encoding="utf-8")


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
            ("Report", self.report),
            ("Identity register", self.identity),
            ("Publication check", self.publication),
        ]

    def run(self) -> DemoResult:
        from core.journal import Journal
        from core.plugins import PluginHost
        from core.reviews import Reviews

        if not EXAMPLE.joinpath("case.yaml").exists():
            raise DemoStopped(f"the example case is not at {EXAMPLE}; run the demo from a clone "
                              "of the repository")
        database = self.out / DATABASE
        self.host = self._host or PluginHost.load()
        self.host.methodology(self.methodology)  # refuse an unknown methodology first
        before = self._claim_folder()
        self.journal = Journal.open(database)
        self.reviews = Reviews(self.journal, self.host, "casereview demo")
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
            made = sorted({p.name for p in self.out.iterdir()} - before - {MARKER})
            _write_marker(self.out / MARKER, made)
        return self.result

    def _claim_folder(self) -> set[str]:
        """Make the output folder the demo's own, or refuse it; return the names already there.

        A folder the demo made holds its marker, which lists the files the demo wrote: those,
        and only those, are deleted so the run starts afresh. Any other non-empty folder is
        refused, so the demo can never delete or overwrite someone's files.
        """
        out, marker = self.out, self.out / MARKER
        if out.exists() and not out.is_dir():
            raise CaseReviewError(f"{out} is a file, not a folder; nothing was changed",
                                  hint="give the demo a folder of its own with --out")
        if out.is_dir():
            present = sorted(p.name for p in out.iterdir())
            if present and not marker.is_file():
                shown = ", ".join(present[:5]) + (", ..." if len(present) > 5 else "")
                raise CaseReviewError(
                    f"{out} already holds files the demo did not make ({shown}); nothing was "
                    "changed", hint="give the demo an empty or new folder with --out (for "
                    "example `casereview demo --out demo-output`), or move those files elsewhere")
            for name in _listed(marker):
                path = out / name
                if path.is_file() or path.is_symlink():
                    path.unlink()  # a file this demo wrote last time: made afresh below
        out.mkdir(parents=True, exist_ok=True)
        foreign = sorted(name for name in DEMO_FILES if (out / name).exists())
        if foreign:
            raise CaseReviewError(
                f"{out} already holds {', '.join(foreign)}, which the demo did not make (a "
                "casereview database or identity register); nothing was changed",
                hint="give the demo a folder of its own with --out")
        before = {p.name for p in out.iterdir()}
        # Claimed before anything is written, so an interrupted run can still be cleaned up.
        _write_marker(marker, sorted(DEMO_FILES))
        return before

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

    # -- the stages ---------------------------------------------------------------------------

    def notify(self) -> str:
        from core.cli.criteria import gather_facts
        from core.cli.new import read_case
        from core.decisions import facts_events
        from core.model import Agency, Review, Subject
        from core.state import put

        path = str(EXAMPLE / "case.yaml")
        self.case = read_case(path)
        header = self.case["review"]
        regime = self.host.regime(header["regime"])
        review = Review(
            id=header["id"], title=header["title"], regime=regime.name, area=header["area"],
            subject=Subject(header["subject"]["pseudonym"], header["subject"].get("age_at_event",
                                                                                "")),
            incident_date=header["incident_date"], notified_on=header["notified_on"],
        )
        changes = [put("agencies", Agency(a["name"], a.get("kind", "other")))
                   for a in self.case.get("agencies", [])]
        self.facts = gather_facts(regime, None, (), {}, base=self.case.get("facts") or {},
                                  base_source=path)
        _assessment, events = facts_events(regime, self.facts, source="notification",
                                           on=review.notified_on)
        self.reviews.open_review(review, [*changes, *events])
        self.result.review_id = review.id
        return (f"review {review.id} opened under {regime.title}, "
                f"{len(changes)} agencies, notified {review.notified_on:%d %B %Y}")

    def decide(self) -> str:
        from core.decisions import decide

        notified = self.state().review.notified_on
        _state, assessment = decide(self.reviews, self.review_id, self.facts, "initiate",
                                    by=CHAIR, rationale=DECISION_RATIONALE,
                                    on=notified + dt.timedelta(days=14))
        outcome = getattr(assessment, "outcome", "")
        return f"criteria outcome {getattr(outcome, 'value', outcome)}; the Chair decided to review"

    def commission(self) -> str:
        from core.commissioning import add_participant, commission, record_family_offer

        self.move(Stage.COMMISSIONING, "the Chair decided to review")
        state, _plan = commission(self.reviews, self.review_id, self.methodology, None,
                                  TERMS_OF_REFERENCE, METHODOLOGY_RATIONALE)
        appointed = state.review.notified_on + dt.timedelta(days=30)
        for name, title, employers in LEAD_REVIEWERS:
            add_participant(self.reviews, self.review_id, role="lead_reviewer", title=title,
                            name=name, employers=employers, appointed_on=appointed)
        for title, agency in REVIEW_TEAM:
            add_participant(self.reviews, self.review_id, role="review_team", title=title,
                            agency=agency)
        case_group = self.case_group()
        for role, agency in case_group:
            add_participant(self.reviews, self.review_id, role="case_group", title=role,
                            agency=agency)
        record_family_offer(self.reviews, self.review_id, appointed + dt.timedelta(days=7),
                            "accepted")
        for member in self.case.get("family", []):
            answer, note = FAMILY_RESPONSES.get(member["relationship"], (None, ""))
            add_participant(self.reviews, self.review_id, role="family",
                            title=member["relationship"], involvement=answer,
                            involvement_note=note)
        self.move(Stage.EVIDENCE, "commissioned")
        return (f"{self.methodology} ({self.state().review.variant or 'standard'}), "
                f"{len(LEAD_REVIEWERS)} independent lead reviewers, a review team of "
                f"{len(REVIEW_TEAM)}, a case group of {len(case_group)} practitioners")

    def case_group(self) -> list[tuple[str, str]]:
        """(role, agency) of each practitioner in the methodology's example material, in order."""
        import yaml

        folder = LOADERS.get(self.methodology, ("", ()))[0]
        name, key = CASE_GROUP_FILES.get(self.methodology, ("", ""))
        path = EXAMPLE / folder / name
        if not (folder and name and path.is_file()):
            return []
        items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or []
        found = [(str(i["role"]), str(i.get("agency", ""))) for i in items if i.get("role")]
        return list(dict.fromkeys(found))

    def import_chronologies(self) -> str:
        from core.chronology import decide, likely_duplicates, plan_import

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
        self.write([decide(self.state(), p.first.id, p.second.id, "confirmed",
                           DUPLICATE_NOTE) for p in pairs])
        self.move(Stage.ANALYSIS, "every agency's chronology is in")
        return (f"{total} entries from {len(self.case.get('agencies', []))} agencies merged; "
                f"{len(pairs)} likely duplicates confirmed as the same event")

    def analyse(self) -> str:
        folder_name, command = LOADERS.get(self.methodology, ("", ()))
        folder = EXAMPLE / folder_name if folder_name else None
        if folder is None or not folder.is_dir():
            raise DemoStopped(f"no example material for {self.methodology} under {EXAMPLE}")
        self._run_command([part.format(review=self.review_id, folder=folder)
                           for part in command])
        state = self.state()
        return (f"{len(state.evidence)} pieces of evidence; "
                f"{sum(len(v) for k, v in state.records.items() if k.startswith(folder_name))}"
                " records of the method")

    def _run_command(self, args: list[str]) -> None:
        """Run a command of the command line in this process, on the demo's database."""
        import contextlib
        import io

        from core.cli.base import App, cli

        app = App(host=self.host, db=str(self.out / DATABASE))
        app.actor = "casereview demo"
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            try:
                cli.main(args=["--db", str(app.db), *args], prog_name="casereview", obj=app,
                         standalone_mode=False)
            except CaseReviewError:
                raise
            except Exception as error:  # click's own usage errors
                raise CaseReviewError(f"`casereview {' '.join(args)}` failed: {error}") from error
        self.journal.close()  # another connection wrote: read afresh
        from core.journal import Journal

        self.journal = Journal.open(self.out / DATABASE)
        self.reviews.journal = self.journal

    def learning_event(self) -> str:
        from core import learning_events as le

        folder = EXAMPLE / LOADERS.get(self.methodology, ("", ()))[0]
        scripts = sorted(folder.glob("*-script.yaml")) if folder.is_dir() else []
        if not scripts:
            raise DemoStopped(f"no scripted learning event (*-script.yaml) in {folder}")
        self.move(Stage.LEARNING_EVENTS, "ready for the learning event")
        state = self.state()
        kinds = list(le.kinds(self.host, state))
        named = scripts[0].name.removesuffix("-script.yaml").replace("-", "_")
        kind = named if named in kinds else kinds[0]
        held = state.review.notified_on + dt.timedelta(days=120)
        roles = ("Lead reviewers", "Review team", "Case group of practitioners")
        event, events = le.record_event(self.host, state, kind=kind, held_on=held,
                                        facilitator="the lead reviewers", attendee_roles=roles)
        state = self.write(events)
        script = scripts[0]
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
        from core import findings as core_findings
        from core.model import FindingStatus

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
        from core.actions import plan_events

        self.move(Stage.IMPROVEMENT_ACTIONS, "findings agreed")
        state = self.write(plan_events(self.state(), EXAMPLE / "actions.yaml"))
        self.move(Stage.REPORT, "improvement actions agreed")
        done = sum(1 for a in state.actions.values() if a.status.value == "completed")
        return (f"{len(state.recommendations)} recommendations, {len(state.actions)} actions "
                f"({done} completed)")

    def report(self) -> str:
        from core.exporters import exporter, render
        from core.report import build

        report = build(self.host, self.state(), today=self.today)
        for fmt in ("html", "docx", "md"):
            chosen = exporter(self.host, fmt)
            path = self.out / f"{self.review_id}-report{chosen.suffix}"
            if path.exists():  # the demo's own were deleted at the start: this one is not
                raise CaseReviewError(f"{path} is not the demo's own file; the demo will not "
                                      "overwrite it", hint="move it, or give the demo a folder "
                                      "of its own with --out")
            rendered = render(self.host, chosen, report)
            if isinstance(rendered, bytes):
                path.write_bytes(rendered)
            else:
                path.write_text(rendered, encoding="utf-8")
            self.result.reports[fmt] = path
        return f"{len(report.sections)} sections in HTML, Word and Markdown"

    def identity(self) -> str:
        from core.publication import IdentityRegister
        from core.publication.guard import note_register

        register = IdentityRegister.beside(str(self.out / DATABASE))
        try:
            register.add(self.review_id, FICTIONAL_REAL_NAME, self.state().review.subject.pseudonym)
            note_register(self.reviews, self.review_id, register)
        finally:
            register.close()
        return (f"a fictional real name registered for "
                f"{self.state().review.subject.pseudonym} in {Path(register.path).name}, apart "
                "from the audit trail")

    def publication(self) -> str:
        from core.deadlines import record_met, set_date
        from core.publication import IdentityRegister, run_check
        from core.publication.check import PUBLISHED_FORMATS, identifying_details
        from core.publication.guard import record_event
        from core.report import Paragraph, Section, build

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
        report = build(self.host, state, today=self.today)
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
            f"{len(check.blocking)} blocking problem(s)"
        return (f"{verdict}; {len(check.warnings)} plain-English warning(s); reading ease "
                f"{check.reading_ease}; planned for {planned:%d %B %Y}")
