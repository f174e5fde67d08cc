"""`casereview correct` and `casereview withdraw`: change or take back any record, with a
reason the audit trail keeps (core.kernel.corrections)."""

from __future__ import annotations

from typing import Any

import click

from core.analysis import findings
from core.analysis.actions import check_addresses
from core.apps.cli.base import App
from core.apps.cli.output import review_argument
from core.evidence.chronology.replace import withdraw_import
from core.kernel import corrections
from core.kernel.errors import InvalidValue
from core.kernel.text import plural
from core.plugin_api.reviews import previewed


@click.command()
@review_argument
@click.argument("kind", metavar="KIND")
@click.argument("record_id", metavar="ID")
@click.option("--set", "settings", multiple=True, metavar="FIELD=VALUE", required=True,
              help="A field and its new value, e.g. --set \"what_happened=Child A seen at "
                   "home\". Repeat for several fields; give a list field once per item (or "
                   "its items separated by commas). details.KEY sets one of a methodology's "
                   "own fields of a finding, e.g. details.not_peculiar.")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the record changes, in a few words; the audit trail keeps it.")
@click.pass_obj
def correct_command(app: App, review_id: str, kind: str, record_id: str,
                    settings: tuple[str, ...], reason: str) -> None:
    """Correct record ID of KIND in REVIEW: the journal keeps the earlier version and why.

    KIND is one of: entry, person, finding, recommendation, action, evidence,
    learning-event, contribution, request, or a methodology's own record such as episode
    or conversation.
    The corrected record is checked as a new one would be, and its id stays the same, so
    whatever cites it still does. A finding in a published report cannot be corrected.

    \b
    Examples:
      casereview correct CR-2026-001 entry police-1-4 \\
          --set "what_happened=PC attended; Mother (Adult M) spoke to officers" \\
          --reason "real name replaced by the pseudonym"
      casereview correct CR-2026-001 action A2 --set owner="Head of Safeguarding, Police" \\
          --reason "owners are roles, not named officers"
    """
    changes = settings_of(settings, "--set")
    reviews = app.reviews
    state = reviews.load(review_id)
    collection = corrections.collection_for(state, kind)
    value, event = corrections.edit(state, kind, record_id, changes, reason)
    _check_links(app.host, state, collection, value)
    reviews.write(state, [event])
    fields = ", ".join(name.replace("_", " ") for name in changes)
    click.echo(f"Corrected {corrections.describe(collection, record_id)} ({fields}). The "
               "earlier version stays in the audit trail (`casereview history`).")


@click.command()
@review_argument
@click.argument("kind", metavar="KIND")
@click.argument("record_ids", metavar="ID...", nargs=-1, required=True)
@click.option("--reason", required=True, metavar="TEXT",
              help="Why it is withdrawn, in a few words; the audit trail keeps it.")
@click.pass_obj
def withdraw_command(app: App, review_id: str, kind: str, record_ids: tuple[str, ...],
                     reason: str) -> None:
    """Withdraw one or more records of KIND from REVIEW, saying why.

    The record leaves the review, its reports and its outputs; the audit trail keeps every
    version of it and the reason, and its id is never given to anything else. Refused while
    another record still cites it (correct or withdraw that one first), and for a finding in a
    published report. KIND: entry, person, finding, recommendation, action, evidence,
    learning-event, contribution, request, episode, conversation ...

    \b
    Example:
      casereview withdraw CR-2026-001 finding F3 --reason "the panel agreed it is case-specific"
    """
    reviews = app.reviews
    state = reviews.load(review_id)
    if kind.strip().lower() in ("import", "imports"):
        _withdraw_imports(reviews, state, record_ids, reason)
        return
    collection = corrections.collection_for(state, kind)
    together = set(record_ids)
    events = []
    also = []
    for record_id in dict.fromkeys(record_ids):
        # Records withdrawn together may name each other (an action and its recommendation).
        others = [corrections.describe(collection, k) for k in together - {record_id}]
        events.append(corrections.withdrawal(state, collection, record_id, reason,
                                             allow_links=others))
        if collection not in corrections.st.COLLECTIONS and record_id in state.evidence:
            # A methodology's record and the evidence made from it share an id (a structured
            # conversation): they go together.
            events.append(corrections.withdrawal(
                state, "evidence", record_id, reason,
                allow_links=[*others, corrections.describe(collection, record_id)]))
            also.append(record_id)
    reviews.write(state, events)
    named = ", ".join(corrections.describe(collection, k) for k in dict.fromkeys(record_ids))
    if also:
        named += " (with the evidence made from " + ("it" if len(also) == 1 else "them") + ")"
    click.echo(f"Withdrew {named}. The audit trail keeps what it said and why it was withdrawn.")


def _check_links(host: Any, state: Any, collection: str, value: Any) -> None:
    """A corrected finding, recommendation or action still meets the rules a new one must:
    a finding the core's and the methodology's checks for its status, a recommendation and an
    action links to records the review holds."""
    if collection == "findings":
        problems = [c["message"] for c in findings.checks(host, state, value, value.status)
                    if c.get("level") == "problem"]
        if problems:
            raise findings.FindingRefused(value.id, value.status.value, problems)
    elif collection == "recommendations":
        unknown = [f for f in value.finding_ids if f not in state.findings]
        if unknown:
            raise InvalidValue(f"no finding with the id {', '.join(unknown)}; known findings: "
                               f"{', '.join(sorted(state.findings)) or 'none yet'}")
    elif collection == "actions":
        check_addresses(state, value.addresses)


def _withdraw_imports(reviews: Any, state: Any, import_ids: tuple[str, ...], reason: str) -> None:
    events: list[Any] = []
    preview = state
    for import_id in dict.fromkeys(import_ids):
        found = withdraw_import(preview, import_id, reason)
        preview = previewed(preview, found)
        events += found
    reviews.write(state, events)
    entries = sum(1 for kind, _ in events if kind == "withdrawn")
    click.echo(f"Withdrew {', '.join(dict.fromkeys(import_ids))} "
               f"({plural(entries, 'entry', 'entries')}). The audit trail keeps them and why.")


def settings_of(settings: tuple[str, ...], option: str) -> dict[str, str | list[str]]:
    """FIELD=VALUE options as {field: value}; a field given more than once is a list."""
    changes: dict[str, str | list[str]] = {}
    for setting in settings:
        name, sep, value = setting.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{setting!r} is not FIELD=VALUE", param_hint=option)
        field = name.strip().replace("-", "_").replace(" ", "_")
        held = changes.get(field)
        if held is None:
            changes[field] = value
        else:
            changes[field] = [*([held] if isinstance(held, str) else held), value]
    return changes
