"""A third-party plugin, pip-installed into a fresh virtual environment, is found through its
entry point, listed, limited by CASEREVIEW_PLUGINS and traced by CASEREVIEW_TRACE_PLUGINS.

The temporary environment sees the installed casereview (and its dependencies) through a .pth
file naming this environment's site-packages, so nothing is downloaded: the plugin is built
without build isolation, from a copy of tests/third_party_plugin/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

PLUGIN = Path(__file__).parent / "third_party_plugin"
RUN_CLI = "import sys; from core.apps.cli import main; sys.argv[0] = 'casereview'; main()"


@pytest.fixture(scope="module")
def python(tmp_path_factory) -> Path:
    """The interpreter of a new virtual environment with the huddle plugin installed."""
    root = tmp_path_factory.mktemp("third-party")
    env = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env)
    python = env / "bin" / "python"
    site = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    ours = sysconfig.get_paths()["purelib"]
    (site / "casereview-host.pth").write_text(f"import site; site.addsitedir({ours!r})\n")
    source = shutil.copytree(PLUGIN, root / "plugin",
                             ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--no-build-isolation", "--disable-pip-version-check", str(source)],
                   check=True, cwd=root)
    return python


def casereview(python: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("CASEREVIEW_PLUGINS", "CASEREVIEW_TRACE_PLUGINS")} | env
    return subprocess.run([python, "-c", RUN_CLI, *args], capture_output=True, text=True,
                          env=environment, check=False)


def test_the_plugin_is_installed_only_in_the_new_environment(python):
    here = subprocess.run([sys.executable, "-c", RUN_CLI, "plugins", "--json"],
                          capture_output=True, text=True, check=True)
    assert "practice-huddle" not in here.stdout
    there = casereview(python, "plugins", "--json")
    assert there.returncode == 0, there.stderr
    listed = {p["name"]: p for p in json.loads(there.stdout)}
    assert listed["practice-huddle"] == {
        "name": "practice-huddle", "version": "0.3.0", "module": "casereview_huddle",
        "hooks": ["plan_learning_event", "plan_review", "register_methodologies",
                  "structure_evidence"],
    }
    assert {"core-defaults", "rca", "learning-together"} <= set(listed)


def test_its_methodology_is_listed_beside_the_built_in_ones(python):
    result = casereview(python, "methodologies")
    assert result.returncode == 0, result.stderr
    assert "practice-huddle: Practice huddle (plugin practice-huddle)" in result.stdout
    assert "rca: Root Cause Analysis (NPSA), with a PSIRF mode (plugin rca)" in result.stdout
    data = json.loads(casereview(python, "methodologies", "--json").stdout)
    assert "practice-huddle" in [m["name"] for m in data]


def test_the_allow_list_limits_what_loads(python):
    result = casereview(python, "plugins", "--json", CASEREVIEW_PLUGINS="practice-huddle")
    # the core's own plugin always loads: the list chooses among the optional ones
    assert [p["name"] for p in json.loads(result.stdout)] == ["core-defaults", "practice-huddle"]
    result = casereview(python, "methodologies", CASEREVIEW_PLUGINS="rca,core-defaults")
    assert "practice-huddle" not in result.stdout and "rca:" in result.stdout


def test_tracing_prints_the_hook_calls(python):
    result = casereview(python, "methodologies", CASEREVIEW_TRACE_PLUGINS="1",
                        CASEREVIEW_PLUGINS="practice-huddle,rca")
    assert result.returncode == 0
    traced = [line for line in result.stderr.splitlines() if line.startswith("casereview: hook")]
    # one call through pluggy, naming every plugin it reaches in calling order
    assert "casereview: hook register_methodologies(register) -> [rca, practice-huddle]" in traced
    assert "casereview: hook" not in result.stdout


def test_the_installed_plugin_passes_the_conformance_kit(python):
    # The huddle tests the contract's edges and ships no Child A material (the scaffold's test,
    # tests/test_plugin_scaffold.py, runs a whole review through a pip-installed plugin).
    check = ("from plugins.testing import check_methodology; "
             "check_methodology('practice-huddle', example=False)")
    result = subprocess.run([python, "-c", check], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
