"""Child A with SILP, as its tests build it: the coordinator's commands and the review
team's material, once per test module, and the fixtures the SILP test modules share."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CommandLine

import silp
from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews

CASE = Path(__file__).resolve().parent.parent / "examples" / "child-a"
MATERIAL = Path(silp.__file__).resolve().parent / "example"
REVIEW = "child-a"


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


@pytest.fixture
def host() -> PluginHost:
    return every_plugin()


def build_child_a(cli: CommandLine, tmp: Path, *, material: bool = True) -> None:
    """Child A as a coordinator and the lead reviewers would enter it."""
    cli.ok("new", "--from-case", str(CASE / "case.yaml"))
    case = yaml.safe_load((CASE / "case.yaml").read_text(encoding="utf-8"))
    for agency in case["agencies"]:
        spec = agency["chronology"]
        args = ["import", REVIEW, str(CASE / spec["file"]), "--agency", agency["name"]]
        for field, heading in spec["columns"].items():
            args += ["--map", f"{heading}={field}"]
        if "sheet" in spec:
            args += ["--sheet", spec["sheet"]]
        cli.ok(*args)
    cli.ok("decide", REVIEW, "--decision", "initiate", "--by", "Chair of the partnership",
           "--on", "2025-03-04")
    cli.ok("move", REVIEW, "commissioning")
    script = yaml.safe_load((CASE / "review.yaml").read_text(encoding="utf-8"))
    terms = tmp / "terms.txt"
    terms.write_text("\n\n".join(script["terms_of_reference"]), encoding="utf-8")
    cli.ok("commission", REVIEW, "--methodology", "silp", "--terms-of-reference", f"@{terms}",
           "--rationale", "Every agency can give an author; practitioners can attend both events.")
    for name, employer in (("Alex Morgan", "Morgan Reviews Ltd"), ("Sam Okafor", "Northfield")):
        cli.ok("people", REVIEW, "add", "--role", "lead_reviewer", "--title",
               "Independent lead reviewer", "--name", name, "--employer", employer)
    with open_journal(cli.db) as journal:  # closed, so the copy below holds every change
        state = Reviews(journal, cli.host, "test").load(REVIEW, use_snapshot=False)
    have = {p.title for p in state.participants.values()}
    for member in case.get("family", []):
        if member["relationship"] not in have:
            cli.ok("people", REVIEW, "add", "--role", "family", "--title",
                   member["relationship"])
    if material:
        cli.ok("silp", "load", REVIEW, str(MATERIAL))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("child-a")
    build_child_a(CommandLine(every_plugin(), folder / "template.db"), folder)
    return folder / "template.db"


@pytest.fixture
def db(template: Path, cli: CommandLine) -> Path:
    shutil.copy(template, cli.db)
    return cli.db


@pytest.fixture
def reviews(db: Path, host: PluginHost):
    journal = open_journal(db)
    yield Reviews(journal, host, "test reviewer")
    journal.close()


def material(name: str) -> Any:
    return yaml.safe_load((MATERIAL / name).read_text(encoding="utf-8"))


def plan_with(reviews: Reviews, **documents: Any):
    """What loading these documents (kind -> parsed YAML) would write, or InputProblems."""
    from silp.loading import plan_load

    state = reviews.load(REVIEW)
    return state, plan_load(reviews.host, state, {k: (f"{k}.yaml", v)
                                                   for k, v in documents.items()})


def ahead(reviews: Reviews, **documents: Any):
    from silp.loading import preview

    state, plan = plan_with(reviews, **documents)
    return preview(state, plan.events)


