"""`casereview session REVIEW ...`: run a learning event live, with practitioners in the
browser, and keep its record."""

from __future__ import annotations

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.apps.session import records
from core.apps.session.serve import LOOPBACK, end, links, open_or_resume, serve
from core.apps.session.views import session_record
from core.kernel.store import open_journal
from core.plugin_api.reviews import Reviews


@click.group()
@review_argument
def session_command(review_id: str) -> None:
    """Live learning sessions of REVIEW: the facilitator runs a planned learning event in the
    browser and practitioners join from a phone or laptop, by role and agency, never by name.

    The phases, prompts and time-boxes come from the review's methodology. While a phase asks
    for the case as it was known at the time, each participant sees the chronology as their
    agency knew it, until the facilitator reveals the whole picture. Every contribution is in
    the review's journal before the participant is told it was received.

    \b
    Examples:
      casereview session CR-2026-001 serve LE-1 --support "Jo Hart, named support lead, \\
          in the quiet room today and on 01632 960 000 afterwards"
      casereview session CR-2026-001 record LE-1
      casereview session CR-2026-001 end LE-1
    """


@session_command.command("serve")
@click.argument("event_id", metavar="EVENT")
@click.option("--support", metavar="TEXT",
              help="Who supports participants during and after the session; shown first, "
                   "beside the ground rules. Needed to open a session (not to resume one).")
@click.option("--host", "interface", default="127.0.0.1", show_default=True,
              help="The address to listen on. Anything but this machine needs TLS in front.")
@click.option("--port", default=8765, show_default=True, type=int, help="The port.")
@click.pass_obj
def serve_command(app: App, event_id: str, support: str | None, interface: str,
                  port: int) -> None:
    """Start (or resume) the live session of learning event EVENT and serve it until Ctrl-C.

    Prints the facilitator's link (keep it to yourself) and the link participants join with.
    A server stopped and started again resumes the same session: nothing is lost, and
    participants carry on where they were.
    """
    review_id = group_review_id()
    opened = open_or_resume(app.reviews, review_id, event_id, support=support)
    if interface not in LOOPBACK:
        click.echo(f"Warning: listening on {interface}, not only this machine. Put a web server "
                   "with TLS (https) in front: the links carry secrets.", err=True)
    shown = "localhost" if interface in LOOPBACK else interface
    found = links(f"http://{shown}:{port}", opened)
    what = "Resumed" if opened.resumed else "Opened"
    click.echo(f"{what} live session {opened.session.id} of {event_id} in {review_id}.")
    click.echo(f"Facilitator (keep this private): {found['facilitator']}")
    if "join" in found:
        click.echo(f"Participants join at: {found['join']}")
    else:
        click.echo("Participants use the join link they were given when it opened.")
    click.echo("Serving until Ctrl-C.")
    db, host, actor = app.journal.path, app.host, app.actor
    # The server's own thread opens the journal and owns it; this command's connection is not
    # needed while it serves.
    app.close()

    def open_reviews() -> Reviews:
        return Reviews(open_journal(db, create=False), host, f"{actor} (live session)")

    serve(open_reviews, host, review_id, opened.session.id, interface=interface, port=port)


@session_command.command("end")
@click.argument("event_id", metavar="EVENT")
@click.pass_obj
def end_command(app: App, event_id: str) -> None:
    """End the open live session of EVENT: its links stop working."""
    ended = end(app.reviews, group_review_id(), event_id)
    click.echo(f"Ended live session {ended.id}; its links no longer work.")


@session_command.command("record")
@click.argument("event_id", metavar="EVENT")
@json_option
@click.pass_obj
def record_command(app: App, event_id: str, as_json: bool) -> None:
    """The record of EVENT's live sessions: who took part (by role and agency), what was
    contributed, in which phase, and what the room agreed. Working material for the review
    team, not for publication."""
    state = app.reviews.load(group_review_id())
    found = [session_record(state, s) for s in records.sessions(state).values()
             if s.event_id == event_id]
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No live session of {event_id} has been held.")
    for record in found:
        click.echo(f"Live session {record['session']} of the {record['event']}")
        click.echo("Took part: " + ("; ".join(
            f"{role}" + (f" ({agency})" if agency else "") for role, agency in
            record["took_part"]) or "nobody joined"))
        for c in record["contributions"]:
            flags = " [agreed]" if c["agreed"] else ""
            group = f" ({c['group']})" if c["group"] else ""
            click.echo(f"  {c['id']} {c['phase']}: {c['kind_label'] or 'contribution'}"
                       f"{group}{flags}: {c['text']}")
        click.echo(f"Breaks asked for: {record['breaks']}")
