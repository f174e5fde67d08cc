"""`casereview demo --methodology rca`: the whole Child A review with Root Cause Analysis runs
every stage with the method's own material and action plan, and its report passes the
publication check in the NPSA order."""

from __future__ import annotations

from click.testing import CliRunner

from core.apps.cli.base import cli


def test_the_demo_runs_with_root_cause_analysis(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--methodology", "rca", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    stages = [line for line in result.output.splitlines() if line.startswith("[")]
    assert len(stages) == 12 and "not available yet" not in result.output
    assert "rca (level-2-comprehensive)" in stages[2]
    assert "Root cause analysis meeting with 6 contributions, 4 taken into evidence" in stages[5]
    assert "4 recommendations, 4 actions (3 completed)" in stages[7]  # its own action plan
    assert "ready to publish" in stages[11]
    report = (tmp_path / "child-a-report.md").read_text(encoding="utf-8")
    headings = [line[3:] for line in report.splitlines() if line.startswith("## ")]
    npsa = ["Executive summary", "The incident, its consequences and background",
            "Introduction and terms of reference",
            "The investigation: team, scope, level and methods",
            "Chronology: the tabular timeline", "Detection of the incident and notable practice",
            "Care and service delivery problems, and their contributory factors",
            "Root causes and the five whys", "Findings",
            "Lessons learned, shared learning and distribution",
            "Recommendations, graded by strength", "Action plan"]
    assert [h for h in headings if h in npsa] == npsa
    assert "Summary timeline" not in headings  # the tabular timeline takes its place
    # its own script (rca/example/demo.yaml): why root cause analysis, who oversaw it
    # (the chooser's own line still says it put Learning Together first: the shared
    # script's reasons for Learning Together must not appear)
    assert "Learning Together does this" not in report
    assert "the partnership chose Root Cause Analysis" in report
    assert "A single agency's contribution on one episode of care" in report
