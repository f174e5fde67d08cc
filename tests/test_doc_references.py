"""Every module, name and path the documentation names exists.

core/ was reorganised into layers and its references rewritten by a script; a reference the
script missed (`core.guards`, `core/hookspecs.py`, an example folder that moved) reads well and
sends an author nowhere. This walks the README, docs/, the scaffold's templates and the
comments, docstrings and messages of our packages: a dotted name of one of our packages must
import (a module, or a name in one), and a path into the repository must exist."""

from __future__ import annotations

import importlib
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("core", "plugins", "learning_together", "rca", "silp", "appreciative_inquiry",
        "child_practice_review")
TOP = ("examples", "docs", "benchmarks", *OURS)
# `core.kernel.model`, not `docProps/core.xml`, `{core.TEMPLATES}` or a local called `core`
DOTTED = re.compile(rf"(?<![\w/.{{-])((?:{'|'.join(OURS)})(?:\.[A-Za-z_]\w*)+)")
# a file or folder of the repository: `core/plugin_api/hookspecs.py`, `learning_together/example/`
PATH = re.compile(rf"(?<![\w/.-])((?:{'|'.join(TOP)})/[\w./-]*(?:\.(?:py|md|yaml|toml|j2)\b|/))")
LINK = re.compile(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)")


def prose_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md")),
            *sorted((ROOT / "plugins" / "scaffold" / "templates").rglob("*.tmpl")),
            *sorted(p for p in (ROOT / "examples").rglob("*") if p.suffix in {".md", ".yaml"})]


def source_files() -> list[Path]:
    return [p for package in OURS for p in sorted((ROOT / package).rglob("*"))
            if p.suffix in {".py", ".yaml", ".j2"} and p.is_file()]


def words_of(path: Path) -> str:
    """What a person reads in `path`: a Python file's comments and strings, any other whole."""
    text = path.read_text(encoding="utf-8")
    if path.suffix != ".py":
        return text
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return "\n".join(t.string for t in tokens if t.type in (tokenize.COMMENT, tokenize.STRING))


def resolves(name: str) -> bool:
    parts = name.rstrip(".").split(".")
    for length in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:length]))
        except ImportError:
            continue
        for part in parts[length:]:
            if not hasattr(found, part):
                return False
            found = getattr(found, part)
        return True
    return False


def references(path: Path) -> list[str]:
    text = words_of(path)
    wrong = [f"{name} (no such module or name)" for name in sorted(set(DOTTED.findall(text)))
             if not resolves(name)]
    wrong += [f"{ref} (no such file or folder)" for ref in sorted(set(PATH.findall(text)))
              if not re.search(r"/[A-Z]+\b", ref) and not (ROOT / ref).exists()]
    if path.suffix == ".md":
        wrong += [f"{link} (a link to nothing)" for link in sorted(set(LINK.findall(text)))
                  if not (path.parent / link).exists()]
    return wrong


@pytest.mark.parametrize("path", prose_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_documentation_names_what_exists(path):
    assert references(path) == []


def test_comments_docstrings_and_messages_name_what_exists():
    wrong = [f"{path.relative_to(ROOT)}: {problem}" for path in source_files()
             for problem in references(path)]
    assert wrong == [], "\n".join(wrong)


def test_the_check_can_fail(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("See `core.guards`, core/hookspecs.py and [the hooks](../core/hookspecs.py);"
                    " `core.kernel.model.merge_key` and core/plugin_api/ are fine.",
                    encoding="utf-8")
    assert references(page) == ["core.guards (no such module or name)",
                                "core/hookspecs.py (no such file or folder)",
                                "../core/hookspecs.py (a link to nothing)"]
