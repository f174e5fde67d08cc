"""`casereview ai ...`: the Appreciative Inquiry commands (added through `register_commands`).

Every command that records something builds the same YAML a reviewer would write and loads it
through the same checks (`loading.plan_load`), all or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from core import hookimpl
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel.text import md_escape  # the reviewers' words stay text

METHOD = "appreciative-inquiry"


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(ai)


@click.group("ai")
def ai() -> None:
    """Appreciative Inquiry: Define, Discover, Dream, Design, Destiny, and the honest record.

    The review team writes its material as YAML a reviewer can edit (start from `casereview ai
    template FOLDER`, or see appreciative_inquiry/example/), or records it item by
    item with the commands below. Everything is checked against the review and loaded all or
    nothing. People are recorded by role and agency, never by name.

    \b
      casereview ai template FOLDER            commented starting files for every stage
      casereview ai guide REVIEW [--topic T]   the interview guide, checked for deficit framing
      casereview ai load REVIEW FOLDER         every stage's file at once
      casereview ai import REVIEW STAGE FILE   one stage's file
      casereview ai interview REVIEW ...       record an appreciative interview
      casereview ai honest REVIEW ...          the summary of what happened
      casereview ai concern REVIEW ...         a problem acknowledged, and why
      casereview ai proposition REVIEW ...     a provocative proposition
      casereview ai commitment REVIEW ...      a commitment (it becomes an improvement action)
      casereview ai show REVIEW                the cycle so far
      casereview ai summary REVIEW             a one-minute learning summary
      casereview ai check REVIEW               the method's checks, the honesty gate included
    """


def _write(app: App, review_id: str, documents: dict[str, tuple[str, Any]]) -> None:
    from appreciative_inquiry.loading import plan_load
    from core.apps.cli.method_material import load_documents

    load_documents(app, review_id, documents, plan_load, METHOD, "Appreciative Inquiry",
                   verb="Recorded")


def _entries(values: tuple[str, ...]) -> list[dict[str, str]]:
    """"AGENCY:REF" options as the YAML's {agency, ref}."""
    found = []
    for value in values:
        agency, sep, ref = value.rpartition(":")
        if not sep or not agency.strip() or not ref.strip():
            raise click.BadParameter(f"{value!r}: give an entry as AGENCY:REF, e.g. "
                                     "'Brindlecote Primary School:SCH-15'")
        found.append({"agency": agency.strip(), "ref": ref.strip()})
    return found


ENTRY = click.option("--entry", "entries", multiple=True, metavar="AGENCY:REF",
                     help="A chronology entry it rests on (repeat).")
COMMAND_LINE = "the command line"


@ai.command("template")
@click.argument("folder", type=click.Path(file_okay=False))
def template_command(folder: str) -> None:
    """Write commented starting files for every stage into FOLDER (never over existing ones)."""
    from appreciative_inquiry.templates_yaml import write_templates

    for path in write_templates(Path(folder)):
        click.echo(f"Wrote {path}")


@ai.command("guide")
@review_argument
@click.option("--topic", help="An affirmative topic to build a guide from (default: the "
                              "review's own, once agreed).")
@json_option
@click.pass_obj
def guide_command(app: App, review_id: str, topic: str | None, as_json: bool) -> None:
    """The interview guide: the review's own, or one built from an affirmative topic. Any
    question framed around failure or blame is flagged with a suggested reframe; nothing is
    rewritten."""
    from appreciative_inquiry import records as r
    from appreciative_inquiry.framing import framing_notes, generated_guide, suggested_topic

    state = app.reviews.load(review_id)
    define = r.define(state)
    question = define.review_question if define else (state.review.terms_of_reference
                                                       .split("\n\n")[0])
    if topic:
        guide = generated_guide(topic)
    elif define:
        topic, guide = define.topic, [(q.kind, q.text) for q in define.guide]
    else:
        topic, guide = "", []
    notes = framing_notes([text for _, text in guide])
    if as_json:
        echo_json({"review_question": question, "topic": topic, "guide": guide,
                   "suggested_topic": suggested_topic(question) if question else "",
                   "deficit_framed": [n.message for n in notes]})
        return
    click.echo(f"The review's question: {question or 'not recorded'}")
    if not topic:
        click.echo(suggested_topic(question) if question else "No question recorded yet.")
        click.echo("Give a topic with --topic to build a guide from it.")
        return
    click.echo(f"Affirmative topic: {topic}")
    for number, (kind, text) in enumerate(guide, 1):
        click.echo(f"  {number}. [{kind}] {text}")
    for note in notes:
        click.echo(f"Warning: {note.message}")
    if not notes:
        click.echo("No question is framed around failure or blame.")


@ai.command("load")
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.pass_obj
def load_command(app: App, review_id: str, folder: str) -> None:
    """Load every stage's file found in FOLDER into REVIEW, all checked together first."""
    from appreciative_inquiry.loading import directory_paths, read_documents

    _write(app, review_id, read_documents(directory_paths(Path(folder))))


@ai.command("import")
@review_argument
@click.argument("stage", type=click.Choice(["define", "discover", "honest", "design",
                                            "findings", "destiny"]))
@click.argument("path", metavar="FILE.yaml", type=click.Path(dir_okay=False))
@click.pass_obj
def import_command(app: App, review_id: str, stage: str, path: str) -> None:
    """Load one stage's file (see `casereview ai template` for each file's fields)."""
    from appreciative_inquiry.loading import read_documents

    _write(app, review_id, read_documents({stage: Path(path)}))


@ai.command("interview")
@review_argument
@click.option("--id", "iid", required=True, help="A short id, e.g. I-7.")
@click.option("--role", required=True, help="The practitioner's role (never a name).")
@click.option("--agency", required=True, help="Their agency.")
@click.option("--story", required=True, help="The story of practice at its best in this case.")
@ENTRY
@click.option("--enabler", "enablers", multiple=True, help="What made it possible (repeat).")
@click.option("--wish", "wishes", multiple=True, help="What they wish had been different.")
@click.option("--held-on", help="When the interview was held (YYYY-MM-DD).")
@click.pass_obj
def interview_command(app: App, review_id: str, iid: str, role: str, agency: str, story: str,
                      entries: tuple[str, ...], enablers: tuple[str, ...],
                      wishes: tuple[str, ...], held_on: str | None) -> None:
    """Record an appreciative interview (replaces one with the same id)."""
    item: dict[str, Any] = {"id": iid, "role": role, "agency": agency, "story": story,
                            "entries": _entries(entries), "enablers": list(enablers),
                            "wishes": list(wishes)}
    if held_on:
        item["held_on"] = held_on
    _write(app, review_id, {"discover": (COMMAND_LINE, {"interviews": [item]})})


def _honest_document(app: App, review_id: str, **changes: Any) -> dict[str, Any]:
    from appreciative_inquiry import records as r
    from core.kernel import codec

    state = app.reviews.load(review_id)
    record = r.honest_record(state)
    data: dict[str, Any] = {"what_happened": record.what_happened if record else ""}
    data |= changes
    if "concerns" not in data:
        data["concerns"] = [
            {k: v for k, v in codec.to_data(c).items() if k != "entries"}
            | {"entries": [{"agency": e.agency, "ref": e.ref} for e in c.entries]}
            for c in r.concerns(state)]
    return data


@ai.command("honest")
@review_argument
@click.option("--what-happened", required=True, help="A summary of what happened.")
@click.pass_obj
def honest_command(app: App, review_id: str, what_happened: str) -> None:
    """Record the honest record's summary of what happened (a statutory review must give it)."""
    _write(app, review_id, {"honest": (COMMAND_LINE, _honest_document(
        app, review_id, what_happened=what_happened))})


@ai.command("concern")
@review_argument
@click.option("--id", "cid", required=True, help="A short id, e.g. G-4.")
@click.option("--title", required=True, help="The problem in a line.")
@click.option("--what-happened", required=True, help="What went wrong.")
@click.option("--why", required=True, help="Why it happened.")
@ENTRY
@click.option("--theme", "themes", multiple=True, help="A theme it bears on (repeat).")
@click.pass_obj
def concern_command(app: App, review_id: str, cid: str, title: str, what_happened: str,
                    why: str, entries: tuple[str, ...], themes: tuple[str, ...]) -> None:
    """Record a problem acknowledged in the honest record (record the summary first)."""
    doc = _honest_document(app, review_id)
    doc["concerns"] = [c for c in doc["concerns"] if c["id"] != cid] + [{
        "id": cid, "title": title, "what_happened": what_happened, "why": why,
        "entries": _entries(entries), "themes": list(themes)}]
    _write(app, review_id, {"honest": (COMMAND_LINE, doc)})


@ai.command("proposition")
@review_argument
@click.option("--id", "pid", required=True, help="A short id, e.g. P-4.")
@click.option("--statement", required=True, help="In the present tense, as if already true.")
@click.option("--theme", "themes", multiple=True, required=True,
              help="A discovered theme that grounds it (repeat; at least one).")
@click.option("--concern", "concerns", multiple=True, help="A concern it answers (repeat).")
@click.pass_obj
def proposition_command(app: App, review_id: str, pid: str, statement: str,
                        themes: tuple[str, ...], concerns: tuple[str, ...]) -> None:
    """Record a provocative proposition, grounded in at least one theme."""
    _write(app, review_id, {"design": (COMMAND_LINE, {"propositions": [
        {"id": pid, "statement": statement, "themes": list(themes),
         "concerns": list(concerns)}]})})


@ai.command("commitment")
@review_argument
@click.option("--id", "cid", required=True, help="A short id, e.g. C-5 (also the action's).")
@click.option("--proposition", required=True, help="The proposition it realises.")
@click.option("--description", required=True, help="What will be done.")
@click.option("--owner", required=True, help="Who answers for it: a role or a body.")
@click.option("--champion", required=True, help="Who carries it: a role.")
@click.option("--due", required=True, help="By when (YYYY-MM-DD).")
@click.option("--measure", required=True, help="How success will be measured.")
@click.option("--agency", default="", help="The agency that owns it.")
@click.option("--status", default="planned", help="planned, in_progress or completed.")
@click.option("--progress", default="", help="Evidence of impact so far.")
@click.pass_obj
def commitment_command(app: App, review_id: str, cid: str, **fields: str) -> None:
    """Record a commitment; it becomes the improvement action with the same id."""
    item = {"id": cid, **{k: v for k, v in fields.items() if v}}
    _write(app, review_id, {"destiny": (COMMAND_LINE, {"commitments": [item]})})


@ai.command("show")
@review_argument
@click.pass_obj
def show_command(app: App, review_id: str) -> None:
    """The cycle so far: what each stage holds, and the honest record."""
    from appreciative_inquiry import records as r
    from appreciative_inquiry.honesty import honest_record_problems

    state = app.reviews.load(review_id)
    define = r.define(state)
    click.echo(f"Define:   {define.topic if define else 'no affirmative topic yet'}")
    click.echo(f"Discover: {len(r.interviews(state))} interviews; themes: "
               + ("; ".join(f"{t.id} {t.title}" for t in r.themes(state)) or "none"))
    click.echo(f"Honest:   {len(r.concerns(state))} concerns; "
               + ("; ".join(honest_record_problems(state)) or "complete"))
    click.echo(f"Dream:    {len(r.dreams(state))} statements")
    click.echo("Design:   " + ("; ".join(f"{p.id} (grounded in {', '.join(p.themes)})"
                                         for p in r.propositions(state)) or "none"))
    click.echo("Destiny:  " + ("; ".join(f"{c.id} -> {c.proposition}, champion {c.champion}"
                                         for c in r.commitments(state)) or "none"))


@ai.command("summary")
@review_argument
@click.pass_obj
def summary_command(app: App, review_id: str) -> None:
    """A one-minute learning summary of REVIEW for practitioners (Markdown): the topic, what
    worked, what got in the way, what will change and who champions it. Every line comes from
    what the reviewers recorded."""
    from appreciative_inquiry import records as r

    state = app.reviews.load(review_id)
    define = r.define(state)
    lines = [f"# Learning summary: {md_escape(state.review.title)}", ""]
    if define:
        lines += [f"**Our topic:** {md_escape(define.topic)}", ""]
    sections = (
        ("What worked, and what made it possible", [f"{t.title}. {t.statement}"
                                                     for t in r.themes(state)]),
        ("What got in the way, and why", [f"{c.title}. {c.why}" for c in r.concerns(state)]),
        ("What will change", [p.statement for p in r.propositions(state)]),
        ("Who will make it happen", [f"{c.description} Owner: {c.owner}; champion: "
                                     f"{c.champion}." for c in r.commitments(state)]),
    )
    for heading, items in sections:
        lines += [f"## {heading}", ""]
        lines += [f"- {md_escape(item)}" for item in items or ["None recorded yet."]]
        lines.append("")
    click.echo("\n".join(lines).rstrip())


@ai.command("check")
@review_argument
@json_option
@click.pass_obj
def check_command(app: App, review_id: str, as_json: bool) -> None:
    """The method's checks on REVIEW at its stage: the guide, the honest record, the design."""
    from appreciative_inquiry.checks import check_stage

    state = app.reviews.load(review_id)
    found = check_stage(review=state, stage=state.stage.value)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No Appreciative Inquiry check finds anything at stage {state.stage.label}.")
    for item in found:
        click.echo(f"{item['level']:<8} {item['check']}: {item['message']}")
