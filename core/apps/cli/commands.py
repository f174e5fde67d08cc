"""The core's commands: each one's name, the module under core.apps.cli that holds it, and its
summary for `casereview --help`.

A command's module is imported only when the command runs, so that `casereview --help` (and
every command) does not import what the others need. The summary is the first sentence of the
command's own help; a test keeps the two the same.
"""

from __future__ import annotations

from typing import NamedTuple


class CoreCommand(NamedTuple):
    module: str  # holds `<name>_command` (dashes as underscores)
    summary: str


CORE_COMMANDS: dict[str, CoreCommand] = {
    "history": CoreCommand(
        "core.apps.cli.history",
        "Show the audit trail of REVIEW: every change, when, by whom, and why."),
    "move": CoreCommand(
        "core.apps.cli.lifecycle",
        "Move REVIEW to STAGE, if the lifecycle allows it and every check agrees."),
    "show": CoreCommand(
        "core.apps.cli.lifecycle",
        "Show a review: its header, stage, and where it can move next."),
    "list": CoreCommand(
        "core.apps.cli.lifecycle",
        "List the reviews in the database with their stage."),
    "plugins": CoreCommand(
        "core.apps.cli.plugins",
        "List installed plugins, their versions and the hooks each implements."),
    "methodologies": CoreCommand(
        "core.apps.cli.plugins",
        "List the review methodologies available, with when each fits."),
    "regimes": CoreCommand(
        "core.apps.cli.criteria",
        "List the statutory regimes installed, with their clocks and the facts they read."),
    "criteria": CoreCommand(
        "core.apps.cli.criteria",
        "Say whether the facts meet REGIME's criteria for a review: must, should, may or not "
        "met."),
    "new": CoreCommand(
        "core.apps.cli.new",
        "Record the notification of a serious incident as a new review."),
    "decide": CoreCommand(
        "core.apps.cli.decide",
        "Record the Chair's decision on REVIEW, with the facts and the criteria outcome."),
    "status": CoreCommand(
        "core.apps.cli.status",
        "Show REVIEW against its regime: the decision, every clock with its due day and days "
        "left or overdue, the notifications to send, any delay, and commissioning."),
    "deadlines": CoreCommand(
        "core.apps.cli.deadlines",
        "List what is due or overdue in every review, soonest first: statutory clocks, "
        "notifications to send, and anything else with a due day (see `casereview status`)."),
    "clock": CoreCommand(
        "core.apps.cli.clock",
        "Record that a clock of REVIEW was met, or set a day clocks count from."),
    "notify": CoreCommand(
        "core.apps.cli.clock",
        "Record that a notification the regime requires was sent (e.g. to the national "
        "Panel)."),
    "delay": CoreCommand(
        "core.apps.cli.clock",
        "Record why REVIEW will miss (or has missed) its completion target, and what is being"
        " learned and done meanwhile."),
    "commission": CoreCommand(
        "core.apps.cli.commission",
        "Commission REVIEW: record its methodology, variant, terms of reference and why the "
        "methodology was chosen, and show the methodology's plan."),
    "people": CoreCommand(
        "core.apps.cli.people",
        "Add, list or remove the people taking part in REVIEW: `casereview people REVIEW add "
        "...`."),
    "agencies": CoreCommand(
        "core.apps.cli.agencies",
        "Add or list the agencies involved in REVIEW (police, children's social care, "
        "schools, GPs, hospitals, health visiting, housing, probation, ...): `casereview "
        "agencies REVIEW add NAME --kind police`."),
    "graph": CoreCommand(
        "core.apps.cli.graph",
        "Export, draw or check the causal graph of REVIEW."),
    "choose": CoreCommand(
        "core.apps.cli.choose",
        "Compare the installed methodologies for a case: the law first, then how well each "
        "fits."),
    "event": CoreCommand(
        "core.apps.cli.events",
        "Learning events of REVIEW: the meetings where practitioners and reviewers look at "
        "the case together."),
    "session": CoreCommand(
        "core.apps.cli.session",
        "Live learning sessions of REVIEW: the facilitator runs a planned learning event in "
        "the browser and practitioners join from a phone or laptop, by role and agency, never"
        " by name."),
    "findings": CoreCommand(
        "core.apps.cli.findings",
        "The findings of REVIEW: list them, add one, take up a suggestion, finalise."),
    "import": CoreCommand(
        "core.apps.cli.import_",
        "Import an agency's chronology FILE (CSV or XLSX) into REVIEW."),
    "chronology": CoreCommand(
        "core.apps.cli.chronology",
        "Show or export the merged chronology of REVIEW: every agency's entries in date "
        "order."),
    "duplicates": CoreCommand(
        "core.apps.cli.chronology",
        "Likely duplicate entries in REVIEW's chronology, for a person to decide on."),
    "requests": CoreCommand(
        "core.apps.cli.requests",
        "Information requests for REVIEW: to whom, what, why, when due, and their status."),
    "submissions": CoreCommand(
        "core.apps.cli.submissions",
        "Agency submissions for REVIEW: the written account each agency is asked for."),
    "report": CoreCommand(
        "core.apps.cli.report",
        "Write the report of REVIEW, or with --pack the review team's pack."),
    "publish-check": CoreCommand(
        "core.apps.cli.publish_check",
        "Check REVIEW's report before publication, and list every problem."),
    "identity": CoreCommand(
        "core.apps.cli.identity",
        "The identity register: real names behind the review's pseudonyms."),
    "actions": CoreCommand(
        "core.apps.cli.actions",
        "The improvement actions agreed with the partners, and their progress."),
    "recommendations": CoreCommand(
        "core.apps.cli.recommendations",
        "The review's recommendations, each addressing one or more of its findings."),
    "demo": CoreCommand(
        "core.apps.cli.demo",
        "Run the bundled, fictional Child A case through every stage of a review."),
    "material": CoreCommand(
        "core.apps.cli.material",
        "Load the review team's written material for REVIEW from FOLDER."),
    "section": CoreCommand(
        "core.apps.cli.sections",
        "Write a section of REVIEW's report that only the reviewers can write, or list them."),
    "record": CoreCommand(
        "core.apps.cli.records",
        "Record a statutory record of REVIEW: the rapid review (with the day it went to the "
        "national Panel and the Panel's response), the publication decision (with the impact "
        "assessment and the day the family were told), a lead reviewer's accreditation, or "
        "the day the local authority became aware of the incident (the clocks count from it)."),
    "yearly-report": CoreCommand(
        "core.apps.cli.records",
        "The year's reviews, for the safeguarding partners' yearly report: reviews started, "
        "completed and published in the year, their themes (the findings' categories), and "
        "the state of their improvement actions."),
    "correct": CoreCommand(
        "core.apps.cli.correct",
        "Correct record ID of KIND in REVIEW: the journal keeps the earlier version and why."),
    "withdraw": CoreCommand(
        "core.apps.cli.correct",
        "Withdraw one or more records of KIND from REVIEW, saying why."),
    "audit": CoreCommand(
        "core.apps.cli.audit",
        "List who read REVIEW's identity register or its review team's pack, and when."),
    "users": CoreCommand(
        "core.apps.cli.users",
        "The people who use casereview in a partnership, and their role on each review."),
    "db": CoreCommand(
        "core.apps.cli.db",
        "The database as a whole: copy it between a file and the partnership's server, or "
        "make its read models again from the journal (the reviews in it are not changed)."),
    "inbox": CoreCommand(
        "core.apps.cli.inbox",
        "What agency authors send for REVIEW, waiting for the review team."),
}
