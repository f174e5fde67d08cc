"""The worked example in docs/methodologies/rca.md runs as written.

Each ```console block is a session: `$ casereview ...` lines run in order against one database
from the repository's top folder; the lines after a command are output that must appear
(spacing aside). A command whose shown output starts with "Error:" must fail with exit code 1.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from core.cli.base import App, cli
from core.plugins import PluginHost

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "methodologies" / "rca.md"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sessions(text: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line.strip() and steps:
                steps[-1][1].append(line)
    return steps


def test_the_worked_example_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "rca").symlink_to(ROOT / "rca")
    host = PluginHost.load()
    steps = sessions(PAGE.read_text(encoding="utf-8"))
    assert any(c.startswith("casereview rca load") for c, _ in steps)
    assert sum(bool(out) for _, out in steps) >= 12
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "export":
            continue
        result = CliRunner().invoke(cli, words[1:], obj=App(host=host),
                                    env={**os.environ, "CASEREVIEW_DB": str(tmp_path / "a.db")})
        failing = bool(expected) and expected[0].startswith("Error:")
        assert result.exit_code == (1 if failing else 0), f"{command}\n{result.output}"
        shown = squeeze(result.output)
        for line in expected:
            assert squeeze(line) in shown, f"{command}\nexpected: {line}\ngot:\n{result.output}"
    assert (tmp_path / "cdp-1.svg").read_text(encoding="utf-8").startswith("<svg")
