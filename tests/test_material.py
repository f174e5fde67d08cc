"""`casereview material`: the review team's files, read by the review's methodology through the
`load_material` hook, checked as a whole and journalled in one batch or not at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CommandLine
from test_learning_together_child_a import MATERIAL, REVIEW, build_child_a, every_plugin

from core import hookimpl
from core.plugin_api.methodology import PRINCIPLES, Methodology
from core.plugin_api.plugins import PluginHost


@pytest.fixture
def host() -> PluginHost:
    return every_plugin()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("material") / "template.db"
    build_child_a(CommandLine(every_plugin(), db), material=False)
    return db


@pytest.fixture
def db(template: Path, cli: CommandLine) -> Path:
    """The database of `cli`, holding Child A without its Learning Together material."""
    shutil.copy(template, cli.db)
    return cli.db


def _last_seq(cli: CommandLine) -> int:
    import json

    return json.loads(cli.ok("history", REVIEW, "--json"))["events"][-1]["seq"]


def test_dry_run_says_what_would_load_and_writes_nothing(cli, db):
    before = _last_seq(cli)
    result = cli("material", REVIEW, str(MATERIAL), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would load conversations: 9 new" in result.output
    assert "Would load key practice episodes: 8 new" in result.output
    assert _last_seq(cli) == before


def test_loading_writes_everything_once(cli, db):
    first = cli("material", REVIEW, str(MATERIAL))
    assert first.exit_code == 0, first.output
    assert "Loaded conversations: 9 new" in first.output
    again = cli("material", REVIEW, str(MATERIAL))
    assert again.exit_code == 0, again.output
    assert "Nothing new to load" in again.output


def test_a_bad_file_is_named_and_nothing_is_written(cli, db, tmp_path):
    folder = tmp_path / "material"
    shutil.copytree(MATERIAL, folder)
    episodes = folder / "episodes.yaml"
    episodes.write_text(episodes.read_text(encoding="utf-8").replace("KPE-2", "KPE-1", 1),
                        encoding="utf-8")
    before = _last_seq(cli)
    result = cli("material", REVIEW, str(folder))
    assert result.exit_code == 1
    assert "episodes.yaml" in result.output and "Traceback" not in result.output
    assert _last_seq(cli) == before


class Notes:
    """A methodology whose material is a folder of plain-text notes, one record each."""

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(name="notes", title="Notes", summary="A test method.",
                             fits_when=("tests",), not_fits_when=("real reviews",),
                             principles=dict.fromkeys(PRINCIPLES, "claimed for the test")))

    @hookimpl
    def load_material(self, review, folder):
        from core.kernel.errors import InputProblem, InputProblems
        from core.kernel.state import put_record
        from core.plugin_api.methodology import Material

        notes = sorted(Path(folder).glob("*.txt"))
        empty = [InputProblem("is empty", file=str(n)) for n in notes if not n.read_text().strip()]
        if empty:
            raise InputProblems(empty)
        held = review.record_collection("notes/note")
        events = [put_record("notes/note", n.stem, {"text": n.read_text().strip()})
                  for n in notes if n.stem not in held]
        return Material(events=events, read=[f"notes: {len(events)} new"])


def _commissioned(host, db: Path, methodology: str) -> CommandLine:
    cli = CommandLine(host, db)
    for args in (("new", "--regime", "england-cspr-2018", "--id", "CR-2025-001", "--title",
                  "Child A", "--area", "Tessingford", "--child", "Child A",
                  "--incident-date", "2025-02-13", "--notified-on", "2025-02-18"),
                 ("decide", "CR-2025-001", "--decision", "initiate", "--by", "Chair",
                  "--rationale", "for the test", "--on", "2025-02-20"),
                 ("move", "CR-2025-001", "commissioning"),
                 ("commission", "CR-2025-001", "--methodology", methodology, "--rationale",
                  "A fictional method, chosen here to test how material is read.")):
        cli.ok(*args)
    return cli


def test_any_methodology_can_read_its_own_material(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "meeting-1.txt").write_text("The school saw the attendance drop first.\n")
    cli = _commissioned(PluginHost.load(extra=[("notes", Notes())]), tmp_path / "x.db", "notes")
    assert "Loaded notes: 1 new." in cli("material", "CR-2025-001", str(folder)).output
    (folder / "meeting-2.txt").write_text("   ")
    refused = cli("material", "CR-2025-001", str(folder))
    assert refused.exit_code == 1 and "meeting-2.txt: is empty" in refused.output
    # The person's own file is at fault, not the plugin: the message does not blame it.
    assert "plugin 'notes' failed" not in refused.output


class Silent:
    """A methodology that reads no material from files."""

    @hookimpl
    def register_methodologies(self, register):
        register(Methodology(name="silent", title="Silent", summary="A test method.",
                             fits_when=("tests",), not_fits_when=("real reviews",),
                             principles=dict.fromkeys(PRINCIPLES, "claimed for the test")))


def test_a_methodology_without_material_says_so(tmp_path):
    silent = PluginHost.load(extra=[("silent", Silent())])
    cli = _commissioned(silent, tmp_path / "x.db", "silent")
    result = cli("material", "CR-2025-001", str(MATERIAL))
    assert result.exit_code == 1
    assert "the silent methodology reads no material from files" in result.output


def test_a_review_without_a_methodology_is_told_to_commission_first(tmp_path):
    cli = _commissioned(PluginHost.load(), tmp_path / "y.db", "learning-together")
    result = cli("new", "--regime", "england-cspr-2018", "--id", "CR-2025-002", "--title",
                 "Child B", "--area", "Tessingford", "--child", "Child B",
                 "--incident-date", "2025-02-13", "--notified-on", "2025-02-18")
    assert result.exit_code == 0, result.output
    result = cli("material", "CR-2025-002", str(MATERIAL))
    assert result.exit_code == 1 and "has no methodology yet" in result.output
