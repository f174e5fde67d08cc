"""core/'s layers as docs/architecture.md describes them, and where an import may wait.

The direction of imports and the absence of cycles are import-linter's contracts, checked by
`make test` (`lint-imports`); these tests keep the page true and the imports at module tops."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import networkx as nx
import pytest
from conftest import help_page_and_modules

ROOT = Path(__file__).resolve().parents[1]
OURS = ("core", "plugins", "learning_together", "rca", "silp", "appreciative_inquiry",
        "child_practice_review")
# Libraries that may wait inside a function until the edge that needs them runs.
HEAVY = {"docx", "openpyxl", "networkx", "jinja2", "markupsafe", "yaml", "holidays", "psycopg",
         "starlette", "uvicorn", "resvg_py", "markdown_it", "xml"}
PAGE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def documented_layers() -> dict[str, set[str]]:
    layers = {}
    for found in re.finditer(r"^- \*\*(\w+)\*\* \(`core/\1/`\):(.*?)Modules: (.*?)\.\n",
                             PAGE, re.S | re.M):
        layers[found.group(1)] = set(re.findall(r"`(\w+)`", found.group(3)))
    return layers


def test_the_page_lists_every_layer_in_the_order_of_the_contract():
    contract = next(c for c in tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "tool"]["importlinter"]["contracts"] if c["id"] == "core-layers")
    from_the_top = [layer.removeprefix("core.") for layer in contract["layers"]]
    assert list(documented_layers()) == list(reversed(from_the_top))
    on_disk = {p.name for p in (ROOT / "core").iterdir()
               if p.is_dir() and (p / "__init__.py").exists()}
    assert on_disk == set(from_the_top), "every package of core/ is a layer"
    assert sorted(p.name for p in (ROOT / "core").glob("*.py")) == ["__init__.py"]


@pytest.mark.parametrize("layer", list(documented_layers()))
def test_the_page_lists_each_layers_modules(layer):
    folder = ROOT / "core" / layer
    present = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    present |= {p.name for p in folder.iterdir() if (p / "__init__.py").exists()}
    assert documented_layers()[layer] == present


def imports_inside_functions(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import statement inside a function of `path`."""
    found: list[tuple[int, str]] = []

    class Visitor(ast.NodeVisitor):
        depth = 0

        def visit_FunctionDef(self, node: ast.AST) -> None:
            self.depth += 1
            self.generic_visit(node)
            self.depth -= 1

        visit_AsyncFunctionDef = visit_FunctionDef

        def visit_Import(self, node: ast.Import) -> None:
            if self.depth:
                found.extend((node.lineno, alias.name) for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if self.depth:
                found.append((node.lineno, "." * node.level + (node.module or "")))

    Visitor().visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_imports_wait_only_for_heavy_libraries_or_on_the_start_up_path():
    _, loaded = help_page_and_modules()
    start_up = {m for m in loaded if m.split(".")[0] in OURS} | {"plugins.testing"}
    waiting = []
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            if {"templates", "example"} & set(path.parts) or module_name(path) in start_up:
                continue
            waiting += [f"{path.relative_to(ROOT)}:{line}: {module}"
                        for line, module in imports_inside_functions(path)
                        if module.split(".")[0] not in HEAVY]
    assert waiting == [], "import these at the top of the module:\n" + "\n".join(waiting)


def test_the_start_up_path_defers_only_what_it_does_not_load():
    """On the start-up path an import may wait only for what `--help` does not load already:
    deferring a module that is loaded anyway gains nothing and hides the dependency."""
    _, loaded = help_page_and_modules()
    start_up = {m for m in loaded if m.split(".")[0] in OURS} | {"plugins.testing"}
    pointless = []
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            if module_name(path) not in start_up:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    pointless += [
                        f"{path.relative_to(ROOT)}:{n.lineno}: {ast.unparse(n)}"
                        for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)
                        and set(imported_modules(n)) <= loaded]
    assert pointless == [], "import these at the top of the module:\n" + "\n".join(pointless)


def imported_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules an import statement loads: `from a import b` loads a.b when b is a module."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [f"{node.module}.{alias.name}" if is_module(f"{node.module}.{alias.name}")
            else str(node.module) for alias in node.names]


def is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its parent is a module, not a package
        return False


def test_the_start_up_path_is_short():
    """What every run loads: the group, the command table, the host, and plugins' faces."""
    _, loaded = help_page_and_modules()
    ours = sorted(m for m in loaded if m.startswith("core."))
    assert ours == [
        "core.apps", "core.apps.cli", "core.apps.cli.base", "core.apps.cli.commands",
        "core.apps.cli.output", "core.apps.cli.terminal", "core.apps.defaults", "core.kernel",
        "core.kernel.errors", "core.kernel.text", "core.plugin_api",
        "core.plugin_api.hookspecs", "core.plugin_api.lazy", "core.plugin_api.plugins"]


EVERY_COMMAND = """
import sys
from core.plugin_api.plugins import PluginHost
PluginHost.load().collect()
print(" ".join(sorted(sys.modules)))
"""


def test_what_every_command_asks_of_the_plugins_loads_no_check_and_no_heavy_library():
    """Every command first asks every plugin's registrations (`host.collect()`): that must not
    bring the guards, the publication check or the report builder with it."""
    loaded = set(subprocess.run([sys.executable, "-c", EVERY_COMMAND], capture_output=True,
                                text=True, check=True).stdout.split())
    assert {"core.apps.guards", "core.output.publication.check",
            "core.output.report.build"}.isdisjoint(loaded)
    assert not {m.split(".")[0] for m in loaded} & (HEAVY - {"markupsafe"})


def test_no_module_imports_another_in_a_cycle_packages_included():
    """import-linter's `acyclic_siblings` compares the children of each package; a cycle that
    runs through a package's own `__init__` is found here, over every import statement."""
    graph = grimp.build_graph(*OURS)
    links = nx.DiGraph((importer, imported) for importer in graph.modules
                       for imported in graph.find_modules_directly_imported_by(importer))
    cycles = [sorted(c) for c in nx.strongly_connected_components(links) if len(c) > 1]
    assert cycles == []
