"""`casereview rca ...`: the Root Cause Analysis commands (added through `register_commands`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from core import hookimpl
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, json_option, review_argument
from core.kernel.errors import lookup


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(rca)


@click.group("rca")
def rca() -> None:
    """Root Cause Analysis (NPSA), with a PSIRF mode: plan, load, views, checks.

    The investigation team writes its material as YAML a reviewer can edit: start from the
    commented blank files (`casereview rca template FOLDER`), or see rca/example/.
    Loading checks every file against the review and each other, all or nothing. Staff are
    recorded by role, never by name.

    \b
      casereview rca template FOLDER [--psirf]   (blank, commented YAML files to fill in)
      casereview rca load REVIEW FOLDER [--dry-run]
      casereview rca plan REVIEW [--variant level-3-independent]
      casereview rca taxonomy
      casereview rca timeline REVIEW     (the tabular timeline, NPSA columns)
      casereview rca grid REVIEW         (the time-person grid)
      casereview rca changes REVIEW      (change analysis: normal against actual)
      casereview rca factors REVIEW      (the NPSA grid per problem)
      casereview rca fishbone REVIEW CDP-1 --out cdp-1.svg
      casereview rca check REVIEW
    Findings are then listed, accepted and finalised with `casereview findings`; actions are
    imported with `casereview actions REVIEW import`.
    """


def _load(app: App, review_id: str) -> Any:
    from core.apps.cli.method_material import review_using

    return review_using(app, review_id, "rca", "Root Cause Analysis")


@rca.command("template")
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--psirf", is_flag=True, help="The PSIRF after action review's files instead.")
def template_command(folder: str, psirf: bool) -> None:
    """Write blank, commented YAML files to FOLDER for a review of your own. Existing files
    are never overwritten."""
    from rca.template import blank_files

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in blank_files(psirf).items():
        target = out / name
        if target.exists():
            click.echo(f"Kept {target}: it already exists.")
            continue
        target.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {target}")
    click.echo(f"Fill them in, then `casereview rca load REVIEW {out}`.")


@rca.command("load")
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.option("--dry-run", is_flag=True, help="Check and say what would be loaded; write nothing.")
@click.pass_obj
def load_command(app: App, review_id: str, folder: str, dry_run: bool) -> None:
    """Load FOLDER's incident.yaml, timeline.yaml, analysis.yaml, findings.yaml and
    recommendations.yaml into REVIEW, all checked together first: any problem (listed with
    file and field) changes nothing."""
    from core.apps.cli.method_material import write_material
    from rca.loading import directory_paths, plan_load, read_documents

    state = _load(app, review_id)
    plan = plan_load(app.host, state, read_documents(directory_paths(Path(folder))))
    write_material(app, state, plan, "Root Cause Analysis", dry_run=dry_run)


@rca.command("plan")
@review_argument
@click.option("--variant", help="level-1-concise, level-2-comprehensive, level-3-independent "
                                "or psii (default: the review's, or level 2).")
@json_option
@click.pass_obj
def plan_command(app: App, review_id: str, variant: str | None, as_json: bool) -> None:
    """The plan of REVIEW at a level of investigation: activities per stage, roles, duration."""
    from rca.plan import plan_review

    plan = plan_review(review=app.reviews.load(review_id), methodology="rca", variant=variant)
    if as_json:
        echo_json(plan)
        return
    click.echo(f"Root Cause Analysis, {plan.variant}: about {plan.typical_weeks:g} weeks")
    for a in plan.activities:
        click.echo(f"  {a.stage:<16} {a.title}  [{', '.join(a.who)}; ~{a.weeks:g} wk]")
    click.echo("Roles:")
    for role, what in plan.roles.items():
        click.echo(f"  {role}: {what}")


@rca.command("taxonomy")
@json_option
def taxonomy_command(as_json: bool) -> None:
    """The keys to use in the YAML: factor categories, strengths, levels, variants."""
    from rca import taxonomy as t

    data = {"npsa_factors": t.NPSA_FACTORS, "london_protocol": t.LONDON_PROTOCOL,
            "seips": t.SEIPS, "strengths": t.STRENGTHS, "levels_for_action": t.LEVELS_FOR_ACTION,
            "problem_kinds": t.PROBLEM_KINDS, "finding_kinds": t.FINDING_KINDS,
            "variants": {n: v.summary for n, v in t.VARIANTS.items()}}
    if as_json:
        echo_json(data)
        return
    for key, values in data.items():
        click.echo(key.replace("_", " ").capitalize() + ":")
        for name, label in values.items():
            click.echo(f"  {name:<30} {label}")


@rca.command("timeline")
@review_argument
@json_option
@click.pass_obj
def timeline_command(app: App, review_id: str, as_json: bool) -> None:
    """The tabular timeline: the merged chronology for the incident, with the NPSA columns."""
    from rca.timeline import tabular_timeline

    rows = tabular_timeline(_load(app, review_id))
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("No tabular timeline yet: load a timeline.yaml (its period and agencies).")
    for row in rows:
        click.echo(f"{row['when']}  {row['agency']} {row['ref']}: {row['what_happened']}")
        for label, key in (("should have happened", "should_have_happened"),
                           ("additional", "additional"), ("missing", "missing"),
                           ("notable practice", "notable")):
            if row[key]:
                click.echo(f"    {label}: {row[key]}")
        for problem in row["problems"]:
            click.echo(f"    problem: {problem}")


@rca.command("grid")
@review_argument
@json_option
@click.pass_obj
def grid_command(app: App, review_id: str, as_json: bool) -> None:
    """The time–person grid: who was involved at each moment of the timeline."""
    from rca.timeline import time_person_grid

    grid = time_person_grid(_load(app, review_id))
    if as_json:
        echo_json(grid)
        return
    for person in grid["people"]:
        cells = [f"{m}: {c}" for m, c in zip(grid["moments"], person["cells"], strict=True) if c]
        click.echo(f"{person['person']}\n    " + "\n    ".join(cells))


@rca.command("changes")
@review_argument
@json_option
@click.pass_obj
def changes_command(app: App, review_id: str, as_json: bool) -> None:
    """Change analysis: for each problem, what should have happened against what did."""
    from rca.timeline import change_analysis

    rows = change_analysis(_load(app, review_id))
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']} ({row['kind']}): {row['title']}")
        click.echo(f"    normal: {row['normal']}")
        for line in row["actual"]:
            click.echo(f"    actual: {line}")
        click.echo(f"    difference: {row['difference']}")


@rca.command("factors")
@review_argument
@json_option
@click.pass_obj
def factors_command(app: App, review_id: str, as_json: bool) -> None:
    """The NPSA contributory-factor grid for each problem (helped and hindered, evidence)."""
    from rca.fishbone import npsa_grid

    grids = npsa_grid(_load(app, review_id))
    if as_json:
        echo_json(grids)
        return
    for grid in grids:
        click.echo(f"{grid['id']} ({grid['kind']}): {grid['title']} — {grid['taxonomy']}")
        for row in grid["rows"]:
            for effect in ("hindered", "helped"):
                for text in row[effect]:
                    click.echo(f"    {row['category']:<28} {effect:<9} {text}")


@rca.command("fishbone")
@review_argument
@click.argument("problem_id", metavar="PROBLEM")
@click.option("--out", type=click.Path(dir_okay=False), help="Write the SVG here (default: "
                                                              "print it).")
@click.pass_obj
def fishbone_command(app: App, review_id: str, problem_id: str, out: str | None) -> None:
    """Draw PROBLEM's fishbone (its contributory factors by category) as an SVG."""
    from rca.fishbone import fishbone_svg
    from rca.records import problems

    state = _load(app, review_id)
    problem = lookup({p.id: p for p in problems(state)}, problem_id,
                     f"no care or service delivery problem {problem_id!r}")
    svg = fishbone_svg(state, problem)
    if out:
        Path(out).write_text(svg, encoding="utf-8")
        click.echo(f"Wrote the fishbone of {problem.id} to {out}")
    else:
        click.echo(svg, nl=False)


@rca.command("check")
@review_argument
@json_option
@click.pass_obj
def check_command(app: App, review_id: str, as_json: bool) -> None:
    """The method's checks on REVIEW at its stage: independence, evidence, hindsight, root
    causes, five whys, strength of recommendations, PSIRF wording, report parts."""
    from rca.checks import check_stage

    state = _load(app, review_id)
    found = check_stage(review=state, stage=state.stage.value)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No Root Cause Analysis check finds anything at stage {state.stage.label}.")
    for item in found:
        click.echo(f"{item['level']:<8} {item['check']}: {item['message']}")
