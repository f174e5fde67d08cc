"""`casereview plugin new NAME` writes a starting package that, pip-installed into a fresh
virtual environment beside casereview installed from a wheel, passes its own tests (the
conformance kit with a whole review of the Child A case) and runs in `casereview demo`.

The environment sees casereview's dependencies through a .pth file naming this environment's
site-packages as a plain path (so this checkout's editable install is not active there), and
casereview itself is a wheel built from a copy of this checkout: nothing is downloaded, and the
demo runs from the wheel's own copy of the case.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from core.apps.cli.base import cli
from plugins.scaffold.writer import new_plugin

ROOT = Path(__file__).resolve().parent.parent
RUN_CLI = "import sys; from core.apps.cli import main; sys.argv[0] = 'casereview'; main()"
PIP = ["-m", "pip", "--disable-pip-version-check", "--quiet"]


def test_the_package_holds_what_an_author_needs(tmp_path):
    written = {p.relative_to(tmp_path / "sea").as_posix()
               for p in new_plugin("significant-event", tmp_path / "sea")}
    package = "casereview_significant_event"
    assert {"pyproject.toml", "README.md", f"{package}/__init__.py", f"{package}/method.py",
            f"{package}/material.py", f"{package}/example/notes.yaml",
            f"{package}/example/report.yaml",
            f"{package}/example/review-meeting-script.yaml",
            f"{package}/templates/notes.html.j2", "tests/test_conformance.py"} == written
    pyproject = (tmp_path / "sea" / "pyproject.toml").read_text(encoding="utf-8")
    assert f'significant-event = "{package}"' in pyproject


def test_a_bad_name_or_a_used_folder_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["plugin", "new", "Significant Event"])
    assert result.exit_code == 1 and "lower-case words joined by hyphens" in result.output
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plugin", "new", "sea", "--out", str(tmp_path / "taken")])
    assert result.exit_code == 1 and "already holds files" in result.output
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.fixture(scope="module")
def python(tmp_path_factory) -> Path:
    """A fresh environment with casereview installed from a wheel of this checkout."""
    root = tmp_path_factory.mktemp("scaffold")
    venv.EnvBuilder(with_pip=False).create(root / "venv")
    python = root / "venv" / "bin" / "python"
    site = Path(subprocess.check_output(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        text=True).strip())
    (site / "casereview-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    skip = shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__",
                                  ".*_cache", "demo-output")
    source = shutil.copytree(ROOT, root / "casereview", ignore=lambda folder, names: (
        skip(folder, names) | ({"tests"} if Path(folder) == ROOT else set())))
    subprocess.run([python, *PIP, "wheel", "--no-deps", "--no-index", "--no-build-isolation",
                    "-w", root / "dist", source], check=True, cwd=root)
    wheel = next((root / "dist").glob("casereview-*.whl"))
    subprocess.run([python, *PIP, "install", "--no-deps", "--no-index", wheel], check=True)
    return python


def run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    return subprocess.run([python, *args], capture_output=True, text=True, cwd=cwd,
                          env=environment, check=False)


@pytest.mark.slow
def test_the_demo_runs_from_a_wheel(python, tmp_path):
    found = run(python, "-c", "import core; print(core.__file__)", cwd=tmp_path)
    assert "site-packages" in found.stdout and str(ROOT) not in found.stdout
    result = run(python, "-c", RUN_CLI, "demo", "--out", "demo", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ready to publish" in result.stdout
    assert (tmp_path / "demo" / "child-a-report.html").exists()


@pytest.mark.slow
def test_a_new_plugin_installs_passes_its_tests_and_runs_in_the_demo(python, tmp_path):
    made = run(python, "-c", RUN_CLI, "plugin", "new", "significant-event", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    plugin = tmp_path / "significant-event"
    installed = run(python, *PIP, "install", "--no-deps", "--no-index", "--no-build-isolation",
                    str(plugin), cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    listed = run(python, "-c", RUN_CLI, "methodologies", cwd=tmp_path)
    assert "significant-event: Significant event" in listed.stdout
    tests = run(python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests", cwd=plugin)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "15 passed" in tests.stdout  # 14 checks of the kit and the plugin's own test
    demo = run(python, "-c", RUN_CLI, "demo", "--methodology", "significant-event", "--out",
               "demo", cwd=tmp_path)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "ready to publish" in demo.stdout


def test_the_tutorial_shows_what_the_command_writes(tmp_path, monkeypatch):
    """docs/writing-a-methodology.md quotes `casereview plugin new`'s output: keep it exact."""
    tutorial = (ROOT / "docs" / "writing-a-methodology.md").read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["plugin", "new", "significant-event"])
    assert result.exit_code == 0, result.output
    assert f"$ casereview plugin new significant-event\n{result.output}```" in tutorial
    for step in ("$ cd significant-event\n$ pip install -e '.[test]'\n",
                 "$ python -m pytest tests\n",
                 "$ casereview demo --methodology significant-event"
                 " --out demo-significant-event\n"):
        assert step in tutorial
