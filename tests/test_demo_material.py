"""The demo's material: the case travels in the package, a methodology names its own example
material through its hook, and that material may change the demo's script for its run."""

from __future__ import annotations

from pathlib import Path

from core.apps.demo_material import EXAMPLE, example_material, methodologies_with_material, script
from plugins.testing import make_host


def test_the_case_is_inside_the_package():
    assert (EXAMPLE / "case.yaml").is_file() and EXAMPLE.parent.name == "core"


def test_a_methodology_names_its_material_through_its_hook():
    host = make_host("learning-together", "rca")
    folder = example_material(host, "learning-together")
    assert folder is not None and folder.parent.name == "learning_together"
    assert (folder / "findings.yaml").is_file()
    assert "learning-together" in methodologies_with_material(host)


def test_a_methodologys_material_may_change_the_script(tmp_path: Path):
    (tmp_path / "demo.yaml").write_text(
        "variant: extended\ncase: {regime: wales-cpr}\nchair: Chair of the board\n",
        encoding="utf-8")
    (tmp_path / "commissioning.yaml").write_text(
        "methodology_rationale: [Chosen for its panel.]\n", encoding="utf-8")
    shared, own = script(), script(tmp_path)
    assert own["chair"] == "Chair of the board" != shared["chair"]
    assert own["variant"] == "extended" and own["case"] == {"regime": "wales-cpr"}
    assert own["methodology_rationale"] == ["Chosen for its panel."]
    assert own["lead_reviewers"] == shared["lead_reviewers"]
