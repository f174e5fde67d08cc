"""The worked examples of the methodology pages, run as written.

Each ```console block is a session: `$ casereview ...` lines are run in order against one
database; the lines after a command are output that must appear (spacing aside). A command whose
shown output starts with "Error:" must fail with exit code 1; every other must succeed.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from core.apps.cli.base import App, cli
from core.plugin_api.plugins import PluginHost


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def sessions(text: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every `$ ` line of every console block."""
    steps: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        for line in block.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], []))
            elif line.strip() and steps:
                steps[-1][1].append(line)
    return steps


def run_as_written(steps: list[tuple[str, list[str]]], db: Path) -> None:
    """Run each command against the database `db`, checking its exit code and its output."""
    host = PluginHost.load()
    for command, expected in steps:
        words = shlex.split(command)
        if words[0] == "export":
            continue
        assert words[0] == "casereview", command
        result = CliRunner().invoke(cli, words[1:], obj=App(host=host),
                                    env={**os.environ, "CASEREVIEW_DB": str(db)})
        failing = bool(expected) and expected[0].startswith("Error:")
        assert result.exit_code == (1 if failing else 0), f"{command}\n{result.output}"
        shown = squeeze(result.output)
        for line in expected:
            assert squeeze(line) in shown, f"{command}\nexpected: {line}\ngot:\n{result.output}"
