"""`casereview section REVIEW [KIND]`: the report sections reviewers write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel.errors import InputProblem
from core.kernel.files import read_yaml
from core.kernel.state import put_record
from core.output.report.written import KINDS, WRITTEN_RECORD, check, kind_of, written


def _kinds_help() -> str:
    return "\n".join(f"  {k.id:<21} {k.title}" for k in KINDS.values())


@click.command(epilog="\b\nKinds of section:\n" + _kinds_help())
@review_argument
@click.argument("kind", required=False, metavar="[KIND]")
@click.option("--text", "paragraphs", multiple=True, metavar="TEXT",
              help="A paragraph of the section. Repeat for more paragraphs.")
@click.option("--file", "file", type=click.Path(dir_okay=False), default=None,
              help="Read the section from a file: plain text (paragraphs split by blank "
                   "lines), or YAML for the sections made of fields (significant-events, "
                   "partnership-response, national-asks).")
@click.option("--not-relevant", "not_relevant", default="", metavar="REASON",
              help="For identity and national-asks: why it is not relevant to this case.")
@click.option("--template", is_flag=True,
              help="Print a starting point for KIND to fill in, then give it back with --file.")
@json_option
@click.pass_obj
def section_command(app: App, review_id: str, kind: str | None, paragraphs: tuple[str, ...],
                    file: str | None, not_relevant: str, template: bool,
                    as_json: bool) -> None:
    """Write a section of REVIEW's report that only the reviewers can write, or list them.

    Without KIND, list every such section and whether it is written. With KIND and --text,
    --file or --not-relevant, record it (writing it again replaces it; the audit trail keeps
    every version). With KIND alone, show what is recorded. `casereview publish-check` says
    which sections the published report still needs.

    \b
    Examples:
      casereview section CR-2025-001
      casereview section CR-2025-001 executive-summary --file summary.txt
      casereview section CR-2025-001 identity --not-relevant "..."
      casereview section CR-2025-001 significant-events --template > events.yaml
      casereview section CR-2025-001 significant-events --file events.yaml
    """
    if kind is None:
        state = app.reviews.load(review_id)
        rows = [{"kind": k.id, "title": k.title, "written": written(state, k.id) is not None}
                for k in KINDS.values()]
        if as_json:
            echo_json(rows)
            return
        for row in rows:
            click.echo(f"{'written' if row['written'] else 'not yet':<8} {row['kind']:<21} "
                       f"{row['title']}")
        return
    chosen = kind_of(kind)
    if template:
        click.echo(chosen.template or f"# {chosen.title}\n\n{chosen.what}\n", nl=False)
        return
    given = [bool(paragraphs), file is not None, bool(not_relevant.strip())]
    if sum(given) > 1:
        raise click.UsageError("give the section one way: --text, --file or --not-relevant")
    state = app.reviews.load(review_id)
    if not any(given):
        record = written(state, chosen.id)
        if as_json:
            echo_json({"kind": chosen.id, "record": record})
        elif record is None:
            click.echo(f"The {chosen.title.lower()} of {review_id} is not written yet. "
                       f"{chosen.what}")
        else:
            click.echo(_as_text(record))
        return
    text, data, where = "\n\n".join(paragraphs), None, "the command line"
    if file is not None:
        text, data = _read(file, chosen.shape)
        where = file
    record = check(chosen, state, text=text, data=data, not_relevant=not_relevant, where=where)
    app.reviews.write(state, [put_record(WRITTEN_RECORD, chosen.id, record)])
    if as_json:
        echo_json({"kind": chosen.id, "record": record})
    else:
        click.echo(f"Recorded the {chosen.title.lower()} of {review_id}.")


def _read(file: str, shape: str) -> tuple[str, Any]:
    path = Path(file)
    if path.suffix.lower() in (".yaml", ".yml", ".json"):
        return "", read_yaml(path, "the section", shape=dict)
    if shape != "text":
        raise InputProblem("this section is made of fields", file=file,
                           expected="a .yaml file (print one to fill in with --template)")
    try:
        return path.read_text("utf-8"), None
    except (OSError, UnicodeDecodeError) as error:
        raise InputProblem(f"cannot read it: {error}", file=file,
                           expected="a text file in UTF-8") from error


def _as_text(record: dict[str, Any]) -> str:
    import yaml

    return str(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=96)).rstrip()
