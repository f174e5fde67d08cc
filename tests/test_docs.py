"""docs/plugin-hooks.md stays honest: every hook is there with its exact signature, in its
family, with the right calling convention; every hook has a test; the example code runs."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from core.plugin_api import hookspecs

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "plugin-hooks.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "tests" / "third_party_plugin" / "casereview_huddle" / "__init__.py"


def hooks() -> dict[str, object]:
    return {name: fn for name, fn in vars(hookspecs).items()
            if getattr(fn, f"{hookspecs.PROJECT}_spec", None) is not None}


def signature(function) -> str:
    """`name(arg: Type, ...) -> Return`, as written in the hookspec module."""
    spec = inspect.signature(function)
    arguments = ", ".join(f"{p.name}: {p.annotation}" for p in spec.parameters.values())
    return f"{function.__name__}({arguments}) -> {spec.return_annotation}"


def section(name: str) -> str:
    """The doc's text for one hook: from its heading to the next heading."""
    found = re.search(rf"^#### {re.escape(name)}\n(.*?)(?=^#{{2,4}} )", DOC, re.M | re.S)
    assert found, f"docs/plugin-hooks.md has no '#### {name}' section"
    return found.group(1)


def family(name: str) -> str:
    """The '### ...' family heading a hook's section sits under."""
    before = DOC[: DOC.index(f"#### {name}\n")]
    return re.findall(r"^### (.+)$", before, re.M)[-1]


HOOKS = hooks()


def test_the_hooks_are_found():
    assert {"register_methodologies", "plan_review", "check_transition"} <= set(HOOKS)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_every_hook_is_documented_with_its_exact_signature(name):
    assert f"```text\n{signature(HOOKS[name])}\n```" in section(name)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_every_hook_is_in_its_family_with_its_calling_convention(name):
    if name.startswith("register_"):
        expected = "Registration hooks"
    elif name in hookspecs.METHODOLOGY_HOOKS or name == "assess_fit":
        expected = "Methodology hooks"
    else:
        expected = "Cross-cutting hooks"
    assert family(name) == expected
    firstresult = getattr(HOOKS[name], f"{hookspecs.PROJECT}_spec")["firstresult"]
    assert ("First answer." in section(name)) == firstresult


def test_the_doc_names_no_hook_that_does_not_exist():
    documented = set(re.findall(r"^#### (\w+)$", DOC, re.M))
    assert documented == set(HOOKS)


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_every_hook_has_a_test_that_implements_and_calls_it(name):
    # A test plugin implementing the hook (`def hook(`) in some test file, which the test
    # then drives through the core or the host.
    files = [p for p in (ROOT / "tests").glob("test_*.py") if p.name != "test_docs.py"]
    implemented = [p.name for p in files if re.search(rf"\bdef {name}\(", p.read_text())]
    assert implemented, f"no test implements the hook {name}"


# -- the example runs ----------------------------------------------------------------------------


def python_blocks() -> list[str]:
    return re.findall(r"^```python\n(.*?)^```$", DOC, re.M | re.S)


def test_the_worked_example_is_the_installed_third_party_plugin():
    assert python_blocks()[0] == EXAMPLE.read_text(encoding="utf-8")


def test_the_doc_examples_run(monkeypatch):
    monkeypatch.syspath_prepend(str(EXAMPLE.parent.parent))
    for block in python_blocks()[1:]:
        namespace: dict[str, object] = {"__name__": "doc_example"}
        exec(compile(block, "docs/plugin-hooks.md", "exec"), namespace)
        if "TestPracticeHuddle" in namespace:  # the conformance example: run what pytest would
            namespace["test_in_one_line"]()  # type: ignore[operator]
            run_conformance_class(namespace["TestPracticeHuddle"])


def run_conformance_class(cls) -> None:
    from plugins.testing import conformance_case

    checks = [name for name in dir(cls) if name.startswith("test_")]
    assert len(checks) == 14
    instance = cls()
    case = conformance_case(cls.methodology, *cls.plugins)
    for name in checks:
        if "example" not in name:  # the huddle ships no material: those checks are skipped
            getattr(instance, name)(case)


def test_the_entry_point_in_the_doc_is_the_plugins_own():
    pyproject = (EXAMPLE.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    entry = re.search(r"```toml\n(\[project\.entry-points\.casereview\]\n.*?)```", DOC, re.S)
    assert entry and entry.group(1).strip() in pyproject


def test_the_readme_points_plugin_authors_here():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "### Writing a plugin" in readme and "docs/plugin-hooks.md" in readme
