"""`casereview lt ...`: the Learning Together commands (added through `register_commands`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from core import hookimpl
from core.apps.cli.base import App
from core.apps.cli.output import echo_json, group_review_id, json_option, review_argument
from core.kernel.errors import NotFound


def load_for_output(reviews: Any, review_id: str) -> Any:
    """The review as listings show it: registered names read as their pseudonyms."""
    from core.output.pseudonyms import load_for_output as load

    return load(reviews, review_id)


@hookimpl
def register_commands(cli: click.Group) -> None:
    cli.add_command(lt)


@click.group("lt")
def lt() -> None:
    """SCIE Learning Together: plan, conversations, key practice episodes, findings.

    The review team writes its material as YAML a reviewer can edit (see
    learning_together/example/); these commands check it against the review and load
    it, all or nothing. Practitioners are recorded by role and agency, never by name.

    \b
      casereview lt plan REVIEW [--variant speed+]
      casereview lt taxonomy
      casereview lt conversations REVIEW list | add ... | import FILE.yaml
      casereview lt episodes REVIEW list | show KPE-1 | import FILE.yaml
      casereview lt findings REVIEW import FILE.yaml
      casereview lt load REVIEW FOLDER      (conversations.yaml, episodes.yaml, findings.yaml)
      casereview lt check REVIEW
    Findings are then listed, suggested, accepted and finalised with `casereview findings`.
    """


def _write(app: App, review_id: str, documents: dict[str, tuple[str, Any]]) -> None:
    from core.apps.cli.method_material import load_documents
    from learning_together.loading import plan_load

    load_documents(app, review_id, documents, plan_load, "learning-together", "Learning Together")


def _import(app: App, review_id: str, kind: str, path: str) -> None:
    from learning_together.loading import read_documents

    _write(app, review_id, read_documents({kind: Path(path)}))


# -- plan and vocabularies -----------------------------------------------------------------


@lt.command("plan")
@review_argument
@click.option("--variant", help="full, intensive, speed+, mid-range, focused or themed "
                                "(default: the review's, or full).")
@json_option
@click.pass_obj
def plan_command(app: App, review_id: str, variant: str | None, as_json: bool) -> None:
    """The plan of REVIEW under a variant: activities per stage, roles, duration."""
    from learning_together.plan import plan_review

    state = app.reviews.load(review_id)
    plan = plan_review(review=state, methodology="learning-together", variant=variant)
    if as_json:
        echo_json(plan)
        return
    weeks = plan.typical_weeks
    click.echo(f"Learning Together, {plan.variant} variant: about {weeks:g} "
               f"week{'' if weeks == 1 else 's'}")
    for a in plan.activities:
        count = f" ×{a.count}" if a.count != 1 else ""
        click.echo(f"  {a.stage:<16} {a.title}{count}  [{', '.join(a.who)}; "
                   f"~{a.weeks:g} wk]")
    click.echo("Roles:")
    for role, what in plan.roles.items():
        click.echo(f"  {role}: {what}")
    click.echo(f"Each agency sends: {plan.agency_submission}")


@lt.command("taxonomy")
@json_option
def taxonomy_command(as_json: bool) -> None:
    """The keys to use in the YAML: the nine factors, the typology, appraisals, variants."""
    from learning_together import taxonomy as t

    data = {"contributory_factors": t.CONTRIBUTORY_FACTORS,
            "episode_factors": t.KPE_FRAMEWORK,
            "findings_typology": t.FINDINGS_TYPOLOGY, "typology_notes": t.FINDINGS_TYPOLOGY_NOTES,
            "typology_short": t.TYPOLOGY_SHORT, "subcategories": t.SUBCATEGORIES,
            "confidence": t.CONFIDENCE,
            "appraisals": t.APPRAISALS, "variants": {n: v.summary for n, v in t.VARIANTS.items()}}
    if as_json:
        echo_json(data)
        return
    for title, key in (("Contributory factors (the nine prompts of the conversation)",
                        "contributory_factors"),
                       ("Contributory factors in key practice episodes (the episode framework; "
                        "to be confirmed against SCIE's Appendix 5)", "episode_factors"),
                       ("Findings typology (short name in brackets)", "findings_typology"),
                       ("How sure a finding is", "confidence"), ("Appraisals", "appraisals"),
                       ("Variants", "variants")):
        click.echo(title + ":")
        for name, label in data[key].items():
            if key == "findings_typology":
                label = f"{label} ({t.TYPOLOGY_SHORT[name]})"
            click.echo(f"  {name:<42} {label}")
            if key == "findings_typology":
                for sub, sub_label in t.SUBCATEGORIES[name].items():
                    click.echo(f"    {sub:<40} {sub_label}")


# -- conversations ----------------------------------------------------------------------------


@lt.group("conversations")
@review_argument
def conversations_group(review_id: str) -> None:
    """Structured conversations of REVIEW: one per practitioner, by role and agency."""


@conversations_group.command("list")
@json_option
@click.pass_context
def conversations_list(ctx: click.Context, as_json: bool) -> None:
    """List the conversations with each practitioner's priorities."""
    from core.kernel import codec
    from learning_together.records import conversations

    found = conversations(load_for_output(ctx.obj.reviews, group_review_id(ctx)))
    if as_json:
        echo_json(codec.to_data(found))
        return
    if not found:
        click.echo("No structured conversations yet.")
    for c in found:
        factors = ", ".join(f.factor for f in c.factors) or "none named"
        click.echo(f"{c.id:<6} {c.who}\n       priorities: {factors}")


@conversations_group.command("import")
@click.argument("path", metavar="FILE.yaml", type=click.Path(dir_okay=False))
@click.pass_context
def conversations_import(ctx: click.Context, path: str) -> None:
    """Load conversations from YAML (`conversations:` a list; see the docs for the fields)."""
    _import(ctx.obj, group_review_id(ctx), "conversations", path)


@conversations_group.command("add")
@click.option("--id", "cid", required=True, help="A short id, e.g. C7.")
@click.option("--role", required=True, help="The practitioner's role (never a name).")
@click.option("--agency", required=True, help="Their agency.")
@click.option("--held-on", help="When the conversation was held (YYYY-MM-DD).")
@click.option("--overview", required=True, help="Their overview of their involvement.")
@click.option("--turning-point", "turning_points", multiple=True, help="A turning point (repeat).")
@click.option("--what-was-happening", default="", help="What they thought was happening then.")
@click.option("--salient", default="", help="What stood out to them at the time.")
@click.option("--competing-demands", default="", help="What competed for their time.")
@click.option("--options-seen", default="", help="The options they saw.")
@click.option("--reasons-and-emotions", default="",
              help="What was behind their thinking: reasons, and feelings too.")
@click.option("--main-concerns", default="",
              help="Their main concerns, and whether they clashed.")
@click.option("--hoping-to-achieve", default="", help="What they were hoping to achieve.")
@click.option("--explained-on", help="The day the purpose, confidentiality and ethics of the "
                                     "conversation were explained (YYYY-MM-DD).")
@click.option("--factor", "factors", multiple=True, metavar="KEY[=NOTE]",
              help="A contributory factor they prioritise, most important first (repeat); "
                   "keys from `casereview lt taxonomy`.")
@click.option("--went-well", multiple=True, help="Something that went well (repeat).")
@click.option("--enabled-by", "enabled", multiple=True,
              help="What supported or enabled what went well (repeat).")
@click.option("--query", "queries", multiple=True,
              help="A query the reviewers raise from the overview of the case (repeat).")
@click.option("--change", "changes", multiple=True, help="A change they suggest (repeat).")
@click.pass_context
def conversations_add(ctx: click.Context, cid: str, role: str, agency: str,
                      held_on: str | None, overview: str, turning_points: tuple[str, ...],
                      what_was_happening: str, salient: str, competing_demands: str,
                      options_seen: str, reasons_and_emotions: str, main_concerns: str,
                      hoping_to_achieve: str, explained_on: str | None,
                      factors: tuple[str, ...], went_well: tuple[str, ...],
                      enabled: tuple[str, ...], queries: tuple[str, ...],
                      changes: tuple[str, ...]) -> None:
    """Record one structured conversation (replaces one with the same id)."""
    item: dict[str, Any] = {
        "id": cid, "role": role, "agency": agency, "overview": overview,
        "turning_points": list(turning_points),
        "mindset": {"what_was_happening": what_was_happening, "salient": salient,
                    "competing_demands": competing_demands, "options_seen": options_seen,
                    "reasons_and_emotions": reasons_and_emotions,
                    "main_concerns": main_concerns, "hoping_to_achieve": hoping_to_achieve},
        "factors": [dict(zip(("factor", "note"), f.split("=", 1), strict=False))
                    for f in factors],
        "went_well": list(went_well), "suggested_changes": list(changes),
        "what_enabled_it": list(enabled), "queries": list(queries),
    }
    if held_on:
        item["held_on"] = held_on
    if explained_on:
        item["explained_on"] = explained_on
    _write(ctx.obj, group_review_id(ctx),
           {"conversations": ("the command line", {"conversations": [item]})})


# -- episodes -------------------------------------------------------------------------------


@lt.group("episodes")
@review_argument
def episodes_group(review_id: str) -> None:
    """Key practice episodes of REVIEW: appraised on what was known at the time."""


@episodes_group.command("list")
@json_option
@click.pass_context
def episodes_list(ctx: click.Context, as_json: bool) -> None:
    """List the episodes with their period and appraisal."""
    from core.kernel import codec
    from core.kernel.dates import long_span
    from learning_together.records import episodes

    found = episodes(load_for_output(ctx.obj.reviews, group_review_id(ctx)))
    if as_json:
        echo_json(codec.to_data(found))
        return
    if not found:
        click.echo("No key practice episodes yet.")
    for e in found:
        click.echo(f"{e.id:<7} {long_span(e.period):<40} {e.appraisal.judgement:<12} {e.title}")


@episodes_group.command("show")
@click.argument("episode_id", metavar="EPISODE")
@json_option
@click.pass_context
def episodes_show(ctx: click.Context, episode_id: str, as_json: bool) -> None:
    """One episode: what happened, what was known at the time, appraisal, explanation."""
    from core.kernel.dates import long_date, long_span
    from learning_together.hindsight import known_at_the_time
    from learning_together.records import episode
    from learning_together.report import episode_view

    state = load_for_output(ctx.obj.reviews, group_review_id(ctx))  # names as pseudonyms
    found = episode(state, episode_id)
    if found is None:
        raise NotFound(f"no key practice episode {episode_id!r}")
    view = episode_view(state, found)
    known = known_at_the_time(state, found)
    if as_json:
        echo_json(view | {"known_at_the_time": [e.id for e in known]})
        return
    click.echo(f"{view['id']}: {view['title']} ({view['period']})")
    click.echo(f"  Agencies: {', '.join(view['agencies'])}; roles: {', '.join(view['roles'])}")
    click.echo(f"  What happened: {view['what_happened']}")
    end = found.period.end
    click.echo(f"  Known at the time (by {long_date(end)}, to these agencies): "
               f"{len(known)} entries; the latest:")
    for entry in known[-5:]:
        click.echo(f"    {long_span(entry.date)}, {entry.agency} {entry.source_ref}: "
                   f"{entry.what_happened}")
    click.echo(f"  Appraisal: {view['appraisal']}. {view['appraisal_text']}")
    for line in view["cited"]:
        click.echo(f"    rests on: {line}")
    for line in view["standards"]:
        click.echo(f"    measured against: {line}")
    for line in view["elsewhere"]:
        click.echo(f"    held elsewhere in the system then, not known to those involved "
                   f"(context, not criticism): {line}")
    click.echo("  Explanation:")
    for f in view["factors"]:
        click.echo(f"    {f['label']} ({f['effect']}): {f['text']}")
        click.echo(f"      episode framework: {f['layer']}"
                   + (f"; typology: {f['subcategory']}" if f["subcategory"] else ""))
        click.echo(f"      evidence: {'; '.join(f['evidence'])}")


@episodes_group.command("import")
@click.argument("path", metavar="FILE.yaml", type=click.Path(dir_okay=False))
@click.pass_context
def episodes_import(ctx: click.Context, path: str) -> None:
    """Load key practice episodes from YAML (`episodes:` a list; entries named by agency and
    source reference). An appraisal that cites what the agencies did not know by the end of the
    episode is refused: that is hindsight."""
    _import(ctx.obj, group_review_id(ctx), "episodes", path)


@episodes_group.command("add")
@click.option("--id", "eid", required=True, help="A short id, e.g. KPE-4.")
@click.option("--title", required=True, help="The episode in a line.")
@click.option("--period", required=True, help="When: 2023-03-01 to 2023-05-31, or March 2023.")
@click.option("--agency", "agencies", multiple=True, required=True, help="An agency involved "
              "(repeat).")
@click.option("--role", "roles", multiple=True, help="A role involved (repeat; never a name).")
@click.option("--entry", "entries", multiple=True, required=True, metavar="ID",
              help="A chronology entry it is made of, by the id casereview shows (repeat).")
@click.option("--what-happened", required=True, help="What happened, in plain words.")
@click.option("--judgement", required=True, metavar="JUDGEMENT",
              help="The appraisal: good, reasonable or problematic.")
@click.option("--appraisal", required=True, help="How practice looked, on what was known then.")
@click.option("--cite", "cites", multiple=True, metavar="ID",
              help="An entry the appraisal rests on, known by the end of the episode (repeat).")
@click.option("--factor", "factors", multiple=True, metavar="KEY[:helped]=TEXT",
              help="A contributory factor explaining it (repeat); it hindered unless ':helped' "
                   "follows the key.")
@click.option("--evidence", "evidence", multiple=True, metavar="KEY=ID",
              help="What evidences factor KEY: a conversation, entry or evidence id (repeat).")
@click.pass_context
def episodes_add(ctx: click.Context, eid: str, title: str, period: str,
                 agencies: tuple[str, ...], roles: tuple[str, ...], entries: tuple[str, ...],
                 what_happened: str, judgement: str, appraisal: str, cites: tuple[str, ...],
                 factors: tuple[str, ...], evidence: tuple[str, ...]) -> None:
    """Record one key practice episode without YAML (replaces one with the same id); checked
    as the episodes file is, hindsight included."""
    state = ctx.obj.reviews.load(group_review_id(ctx))
    from learning_together.records import CONVERSATIONS

    talks = set(state.record_collection(CONVERSATIONS))
    sources: dict[str, list[dict[str, str]]] = {}
    for given in evidence:
        key, _, ref = given.partition("=")
        kind = ("conversation" if ref in talks else "entry" if ref in state.chronology
                else "evidence")
        sources.setdefault(key.strip(), []).append({kind: ref.strip()})
    explanation = []
    for given in factors:
        head, _, text = given.partition("=")
        key, _, effect = head.partition(":")
        explanation.append({"factor": key.strip(), "effect": effect.strip() or "hindered",
                            "text": text.strip(), "evidence": sources.get(key.strip(), [])})
    item = {"id": eid, "title": title, "period": period, "agencies": list(agencies),
            "roles": list(roles), "entries": list(entries), "what_happened": what_happened,
            "appraisal": {"judgement": judgement, "text": appraisal, "cites": list(cites)},
            "explanation": explanation}
    _write(ctx.obj, group_review_id(ctx), {"episodes": ("the command line",
                                                        {"episodes": [item]})})


# -- findings, loading, checks ----------------------------------------------------------------


@lt.group("findings")
@review_argument
def findings_group(review_id: str) -> None:
    """Load REVIEW's findings in the method's shape (list them with `casereview findings`)."""


@findings_group.command("import")
@click.argument("path", metavar="FILE.yaml", type=click.Path(dir_okay=False))
@click.pass_context
def findings_import(ctx: click.Context, path: str) -> None:
    """Load findings: pattern, category, linked episodes and factors, evidence it is not
    peculiar to this case, why it matters, issues for the board (questions)."""
    _import(ctx.obj, group_review_id(ctx), "findings", path)


@lt.command("load")
@review_argument
@click.argument("folder", type=click.Path(file_okay=False))
@click.pass_obj
def load_command(app: App, review_id: str, folder: str) -> None:
    """Load a folder's conversations.yaml, episodes.yaml and findings.yaml into REVIEW, all
    checked together first: any problem (listed with file and field) changes nothing."""
    from learning_together.loading import directory_paths, read_documents

    _write(app, review_id, read_documents(directory_paths(Path(folder))))


@lt.command("check")
@review_argument
@json_option
@click.pass_obj
def check_command(app: App, review_id: str, as_json: bool) -> None:
    """The method's checks on REVIEW at its stage: roles, independence, hindsight, naming."""
    from learning_together.checks import check_stage

    state = app.reviews.load(review_id)
    found = check_stage(review=state, stage=state.stage.value)
    if as_json:
        echo_json(found)
        return
    if not found:
        click.echo(f"No Learning Together check finds anything at stage {state.stage.label}.")
    for item in found:
        click.echo(f"{item['level']:<8} {item['check']}: {item['message']}")
