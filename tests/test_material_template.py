"""`casereview material REVIEW --template DIR`: the methodology's starting files, through the
`material_templates` hook, written by the core and loading back as nothing new; and episodes
citing chronology entries by the id casereview shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import CommandLine
from test_learning_together_child_a import MATERIAL, REVIEW, build_child_a, every_plugin
from test_material import _commissioned

from core import hookimpl
from core.plugin_api.methodology import PRINCIPLES, Methodology
from core.plugin_api.plugins import PluginHost


@pytest.fixture
def host() -> PluginHost:
    return every_plugin()


@pytest.fixture(scope="module")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "template.db"
    build_child_a(CommandLine(every_plugin(), db), material=False)
    return db


@pytest.fixture
def db(template_db: Path, cli: CommandLine) -> Path:
    shutil.copy(template_db, cli.db)
    return cli.db


def test_the_templates_are_commented_filled_in_and_load_back_as_nothing(cli, db, tmp_path):
    folder = tmp_path / "lt"
    out = cli.ok("material", REVIEW, "--template", str(folder))
    assert "Fill them in, then load them" in out
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["conversations.yaml", "episodes.yaml", "findings.yaml"]
    episodes = (folder / "episodes.yaml").read_text(encoding="utf-8")
    assert "Wendmoor Health Visiting Service" in episodes
    assert re.search(r"#\s+wendmoor-health-visiting-service-\d+-\d+: \d+ \w+ 20\d\d", episodes)
    assert "(check)" not in episodes and "seed" not in episodes
    for name in names:
        assert yaml.safe_load((folder / name).read_text(encoding="utf-8")) is not None
    assert "Nothing new to load" in cli.ok("material", REVIEW, str(folder))
    cli.refused("material", REVIEW, "--template", str(folder), says="already exist")


def test_an_uncommented_example_loads_and_cites_an_entry_by_its_id(cli, db, tmp_path):
    folder = tmp_path / "lt"
    cli.ok("material", REVIEW, "--template", str(folder))
    path = folder / "conversations.yaml"
    text = path.read_text(encoding="utf-8")
    example = text[text.index("conversations:\n") + len("conversations:\n"):]
    path.write_text(text.replace(example, example.replace("# ", "")), encoding="utf-8")
    episodes = folder / "episodes.yaml"
    text = episodes.read_text(encoding="utf-8")
    example = text[text.index("episodes:\n") + len("episodes:\n"):]
    episodes.write_text(text.replace(example, example.replace("# ", "")), encoding="utf-8")
    out = cli.ok("material", REVIEW, str(folder))
    assert "conversations: 1 new" in out and "key practice episodes: 1 new" in out


def test_episodes_cite_entries_by_id_as_well_as_by_reference(cli, db, tmp_path):
    import json

    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    rows = json.loads(cli.ok("chronology", REVIEW, "--format", "json"))
    entry = next(r for r in rows if r.get("source_ref") == "HV-001")
    path = folder / "episodes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{agency: Wendmoor Health Visiting Service, ref: HV-001}",
                                 entry["id"]), encoding="utf-8")
    assert "key practice episodes: 8 new" in cli.ok("material", REVIEW, str(folder))
    path.write_text(text.replace("{agency: Wendmoor Health Visiting Service, ref: HV-001}",
                                 "no-such-entry-1"), encoding="utf-8")
    cli.refused("material", REVIEW, str(folder),
                says="no chronology entry with the id 'no-such-entry-1'")


class Unsafe:
    """A methodology whose templates try to reach outside the folder."""

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(name="unsafe", title="Unsafe", summary="A test method.",
                             fits_when=("tests",), not_fits_when=("real reviews",),
                             principles=dict.fromkeys(PRINCIPLES, "claimed for the test")))

    @hookimpl
    def material_templates(self, review):
        return {"../outside.yaml": "x: 1\n", "notes.txt": f"Notes for {review.id}\n"}


def test_a_template_name_outside_the_folder_is_refused_and_nothing_written(tmp_path):
    cli = _commissioned(PluginHost.load(extra=[("unsafe", Unsafe())]), tmp_path / "x.db",
                        "unsafe")
    cli.refused("material", "CR-2025-001", "--template", str(tmp_path / "t"),
                says="unsafe names: ../outside.yaml")
    assert not (tmp_path / "t").exists() and not (tmp_path / "outside.yaml").exists()


def test_a_conversation_is_withdrawn_with_the_evidence_made_from_it(cli, db, tmp_path):
    import json

    folder = tmp_path / "lt"
    cli.ok("material", REVIEW, "--template", str(folder))
    for name in ("episodes.yaml", "findings.yaml"):
        (folder / name).unlink()
    path = folder / "conversations.yaml"
    text = path.read_text(encoding="utf-8")
    example = text[text.index("conversations:\n") + len("conversations:\n"):]
    path.write_text(text.replace(example, example.replace("# ", "")), encoding="utf-8")
    cli.ok("material", REVIEW, str(folder))
    out = cli.ok("withdraw", REVIEW, "conversation", "C1", "--reason", "held with the wrong "
                 "practitioner")
    assert "Withdrew conversation C1 (with the evidence made from it)" in out
    state = json.loads(cli.ok("show", REVIEW, "--json"))
    assert "C1" not in state["collections"]["evidence"]
    assert "C1" not in state["records"].get("learning-together/conversation", {})
    # The withdrawn id is not given to another conversation.
    refused = cli.refused("material", REVIEW, str(folder), says="C1 was withdrawn")
    assert "never given to anything else" in refused
