"""The import direction holds: everything points at `core`, and `core` imports nothing else of
the repository; the methodology packages never import each other (they meet through entry
points). Every Python file is parsed, including imports inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
METHODOLOGIES = ("learning_together", "rca", "silp", "appreciative_inquiry",
                 "child_practice_review")
PACKAGES = ("core", "plugins", *METHODOLOGIES)


def imported_packages(source: str, own_package: str) -> set[tuple[str, int]]:
    """(top-level package, line) for every import in `source`, anywhere in the file. A relative
    import stays inside its own top-level package, so it counts as `own_package`."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {(alias.name.split(".")[0], node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            top = own_package if node.level else (node.module or "").split(".")[0]
            found.add((top, node.lineno))
    return found


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offences(package: str, forbidden: set[str]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line} imports {top}"
        for path in python_files(package)
        for top, line in sorted(imported_packages(path.read_text(encoding="utf-8"), package))
        if top in forbidden
    ]


def test_every_package_is_found():
    for package in PACKAGES:
        assert python_files(package), f"no Python files found in {package}/"


def test_core_imports_no_other_package_of_the_repository():
    assert offences("core", set(PACKAGES) - {"core"}) == []


@pytest.mark.parametrize("package", METHODOLOGIES)
def test_methodology_packages_never_import_each_other(package):
    assert offences(package, set(METHODOLOGIES) - {package}) == []


def test_plugins_import_no_methodology():
    assert offences("plugins", set(METHODOLOGIES)) == []


def test_the_checker_sees_nested_conditional_and_relative_imports():
    # The check itself must be able to fail.
    source = (
        "from __future__ import annotations\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from rca.analysis import Episode\n"
        "def late():\n"
        "    import learning_together.conversations as lt, json\n"
        "from . import sibling\n"
    )
    assert imported_packages(source, "core") == {
        ("__future__", 1), ("typing", 2), ("rca", 4), ("learning_together", 6), ("json", 6),
        ("core", 7),
    }
