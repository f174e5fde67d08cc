"""`casereview material REVIEW --template DIR` for the four methods beyond Learning Together:
each writes the files its `load_material` reads, headed by the review's agencies and chronology
entries, and each loads back as nothing new until a reviewer fills it in."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import CommandLine

from core.apps.demo import Demo
from core.plugin_api.plugins import PluginHost

METHODS = {  # methodology: the files its load_material reads
    "rca": ["analysis.yaml", "findings.yaml", "incident.yaml", "recommendations.yaml",
            "timeline.yaml"],
    "silp": ["agency-reports.yaml", "family.yaml", "findings.yaml", "learning-event.yaml",
             "overview.yaml", "recall-event.yaml", "scoping.yaml"],
    "appreciative-inquiry": ["define.yaml", "destiny.yaml", "discover.yaml",
                             "dream-design.yaml", "findings.yaml", "honest-record.yaml"],
    "child-practice-review": ["briefing.yaml", "events.yaml", "learning.yaml", "notices.yaml",
                              "panel.yaml", "press-statement.yaml", "terms-of-reference.yaml",
                              "timeline.yaml"],
}


@functools.cache
def every_plugin() -> PluginHost:
    return PluginHost.load()


class UpToAnalysis(Demo):
    """The demo's Child A, stopped when every agency's chronology is in (the analysis stage,
    where the review team starts writing its material)."""

    def steps(self):
        return super().steps()[:4]


@pytest.fixture(scope="module", params=sorted(METHODS))
def child_a(request, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp(request.param)
    result = UpToAnalysis(out, methodology=request.param, echo=lambda _: None,
                          host=every_plugin()).run()
    assert result.stages[-1] == "Agency chronologies", result.stopped
    return request.param, CommandLine(every_plugin(), out / "casereview.db"), result.review_id


def test_the_templates_are_filled_in_and_load_back_as_nothing_new(child_a, tmp_path: Path):
    method, cli, review = child_a
    before = cli.ok("history", review)
    folder = tmp_path / "material"
    out = cli.ok("material", review, "--template", str(folder))
    assert "Fill them in, then load them" in out
    assert sorted(p.name for p in folder.iterdir()) == METHODS[method]
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Wendmoor Health Visiting Service" in text, path.name  # an agency of the review
        assert "wendmoor-health-visiting-service-" in text, path.name  # an entry, by its id
        assert "(check)" not in text and "seed" not in text
    assert "Nothing new to load" in cli.ok("material", review, str(folder))
    assert cli.ok("history", review) == before
    cli.refused("material", review, "--template", str(folder), says="already exist")


def test_the_forms_uncommented_are_read_with_the_methods_own_checks(child_a, tmp_path: Path):
    """The forms are real: taking the '# ' off their lines gives the method's own forms, which
    its loader reads and checks (their placeholders are refused by file and field)."""
    _method, cli, review = child_a
    before = cli.ok("history", review)
    folder = tmp_path / "material"
    cli.ok("material", review, "--template", str(folder))
    for path in folder.iterdir():
        text = path.read_text(encoding="utf-8")
        notes, form = text.split("\n\n", 1)
        path.write_text(notes + "\n\n" + re.sub(r"(?m)^# ", "", form), encoding="utf-8")
    result = cli("material", review, str(folder))
    assert "Traceback" not in result.output and "Nothing new" not in result.output
    assert result.exit_code == 0 or str(folder) in result.stderr, result.output
    if result.exit_code:
        assert cli.ok("history", review) == before  # refused: nothing changed
