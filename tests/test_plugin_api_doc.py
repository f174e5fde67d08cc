"""docs/plugin-api.md stays true: every public name it lists exists; every value type of
core.plugin_api.methodology and core.kernel.model is there with exactly its fields; every kind of
those types, every graph node and edge kind, and every error are named."""

from __future__ import annotations

import enum
import importlib
import inspect
import re
from pathlib import Path

import attrs
import pytest

import core.kernel.errors
import core.kernel.model
import core.plugin_api.methodology
from core.kernel.state import ReviewState
from core.plugin_api.graph import CORE_EDGE_KINDS, CORE_NODE_KINDS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "plugin-api.md").read_text(
    encoding="utf-8")


def section(heading: str) -> str:
    found = re.search(rf"^#+ {re.escape(heading)}\n(.*?)(?=^#+ |\Z)", DOC, re.M | re.S)
    assert found, f"docs/plugin-api.md has no section {heading!r}"
    return found.group(1)


def listed(text: str) -> list[str]:
    """The names a list gives: `- `name` — meaning`."""
    return re.findall(r"^- `([^`]+)`", text, re.M)


def value_types(module) -> dict[str, type]:
    return {name: cls for name, cls in vars(module).items()
            if inspect.isclass(cls) and attrs.has(cls) and cls.__module__ == module.__name__}


def kinds(module) -> dict[str, type[enum.Enum]]:
    return {name: cls for name, cls in vars(module).items()
            if inspect.isclass(cls) and issubclass(cls, enum.Enum)
            and cls.__module__ == module.__name__}


def test_every_public_name_exists():
    for line in listed(section("Public modules")):
        module = importlib.import_module(line)
        names = re.findall(r"`(\w+)`", section("Public modules").split(f"- `{line}`:", 1)[1]
                           .split("\n", 1)[0].split(" — ")[0])
        assert names, line
        for name in names:
            assert hasattr(module, name), f"{line} has no {name}"


@pytest.mark.parametrize(("module", "name"), [
    (module, name) for module in (core.plugin_api.methodology, core.kernel.model)
    for name in value_types(module)])
def test_every_value_type_is_there_with_exactly_its_fields(module, name):
    fields = [f.name for f in attrs.fields(value_types(module)[name])]
    assert listed(section(name)) == fields
    assert f"`{name}`" in section("Public modules")


def test_every_kind_is_there_with_exactly_its_values():
    text = section("Their kinds")
    for name, cls in kinds(core.kernel.model).items():
        line = re.search(rf"^- `{name}`: (.*)$", text, re.M)
        assert line, name
        assert re.findall(r"`(\w+)`", line.group(1)) == [k.value for k in cls]


def test_the_review_a_hook_reads_is_described_by_names_it_has():
    names = listed(section("ReviewState"))
    assert {"chronology", "evidence", "findings", "record_collection", "stage"} <= set(names)
    for name in names:
        assert hasattr(ReviewState, name) or name in attrs.fields_dict(ReviewState), name


def test_every_graph_kind_is_named():
    text = section("The causal graph")
    node_kinds, _, edge_kinds = text.partition("The core's edge kinds")
    assert listed(node_kinds) == list(CORE_NODE_KINDS)
    assert listed(edge_kinds) == list(CORE_EDGE_KINDS)


def test_every_error_is_named():
    from core.analysis.changes import ChangesRefused
    from core.analysis.findings import FindingRefused

    errors = [name for name, cls in vars(core.kernel.errors).items()
              if inspect.isclass(cls) and issubclass(cls, core.kernel.errors.CaseReviewError)]
    text = section("Errors")
    for name in [*errors, ChangesRefused.__name__, FindingRefused.__name__]:
        assert f"`{name}`" in text, name
