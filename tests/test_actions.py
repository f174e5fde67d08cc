"""Recommendations and improvement actions: each tied to what exists, refused otherwise, with
nothing written on a refusal."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner
from reportcase import REVIEW_ID, MethodPlugin, build_case

from core.analysis.actions import add_action, add_recommendation, plan_events, update_action
from core.apps.cli.base import App, cli
from core.kernel.errors import InputProblem, InvalidValue, NotFound
from core.kernel.model import ActionStatus
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host

pytestmark = pytest.mark.both_backends  # storage: on SQLite and on the server


@pytest.fixture
def host():
    return make_host(("report-test", MethodPlugin()))


@pytest.fixture
def state(journal, host):
    return build_case(Reviews(journal, host, "t"))


def _action(state, **more):
    values = dict(description="Review the screening rota", owner="Head of service",
                  due=dt.date(2026, 9, 30), measure_of_success="No screening backlog",
                  addresses=["F1"])
    return add_action(state, **(values | more))


def test_an_action_must_address_an_existing_recommendation_or_finding(state):
    with pytest.raises(InvalidValue, match="which recommendation or finding"):
        _action(state, addresses=[])
    with pytest.raises(NotFound, match="no recommendation or finding with the id R9; known: R1"):
        _action(state, addresses=["R9"])
    action, (kind, payload) = _action(state, addresses=["R1", "F1", "R1"])
    assert action.id == "A3" and action.addresses == ("R1", "F1")
    assert kind == "actions.put" and payload["value"]["owner"] == "Head of service"


def test_actions_refuse_a_taken_id_and_completion_without_impact(state):
    # A body outside the chronology may do the work; a known agency takes the review's spelling.
    assert _action(state, agency="Eastcombe Safeguarding Partnership")[0].agency == (
        "Eastcombe Safeguarding Partnership")
    with pytest.raises(InvalidValue, match="already an improvement action A1"):
        _action(state, action_id="A1")
    with pytest.raises(InvalidValue, match="say what difference"):
        _action(state, status="completed")
    with pytest.raises(InvalidValue, match="not an action status"):
        _action(state, status="nearly")


def test_updating_an_action_keeps_its_id_and_what_it_addresses(state):
    updated, _event = update_action(state, "A2", status="in progress", impact_evidence="Begun")
    assert updated.status is ActionStatus.IN_PROGRESS and updated.addresses == ("F1",)
    with pytest.raises(InvalidValue, match="say what difference"):
        update_action(state, "A2", status="completed")
    with pytest.raises(NotFound, match="no improvement action 'A9'"):
        update_action(state, "A9", status="planned")
    with pytest.raises(InvalidValue, match="cannot change addresses"):
        update_action(state, "A2", addresses=("R1",))
    with pytest.raises(InvalidValue, match="nothing to change"):
        update_action(state, "A2", status=None)


def test_recommendations_must_address_existing_findings(state):
    with pytest.raises(InvalidValue, match="which finding"):
        add_recommendation(state, text="Do better", finding_ids=[])
    with pytest.raises(NotFound, match="no finding with the id F7"):
        add_recommendation(state, text="Do better", finding_ids=["F7"])
    rec, _event = add_recommendation(state, text="Do better", finding_ids=["F1"],
                                     strength="weaker")
    assert rec.id == "R2" and rec.finding_ids == ("F1",)


def test_a_plan_file_is_checked_whole_before_anything_is_written(state, tmp_path):
    good = tmp_path / "plan.yaml"
    good.write_text(
        "recommendations:\n  - {id: R5, text: Share call-outs, findings: [F1]}\n"
        "actions:\n  - {id: A5, description: Daily list, owner: Police, due: 2026-05-01,\n"
        "     measure_of_success: All shared, addresses: [R5]}\n", encoding="utf-8")
    events = plan_events(state, good)
    assert [e[0] for e in events] == ["recommendations.put", "actions.put"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("actions:\n  - {description: x, owner: y, due: soon, measure_of_success: z,"
                   " addresses: [F1]}\n", encoding="utf-8")
    with pytest.raises(InputProblem, match=r"bad.yaml, row 1.*'soon' is not a due date; give"):
        plan_events(state, bad)


def test_the_commands_add_list_and_update(journal, host, state):
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--db", str(journal.path), *args], obj=App(host=host))

    refused = run("actions", REVIEW_ID, "add", "--description", "x", "--owner", "y", "--due",
                  "2026-01-01", "--measure", "z", "--addresses", "NOPE")
    assert refused.exit_code == 1 and "NOPE" in refused.output
    before = Reviews(journal, host, "t").load(REVIEW_ID).seq
    added = run("actions", REVIEW_ID, "add", "--description", "Audit", "--owner", "Board",
                "--due", "2026-12-01", "--measure", "Reported", "--addresses", "R1", "--json")
    assert added.exit_code == 0 and json.loads(added.output)["id"] == "A3"
    done = run("actions", REVIEW_ID, "update", "A3", "--status", "completed", "--impact",
               "Board minutes, December")
    assert done.exit_code == 0, done.output
    listed = json.loads(run("actions", REVIEW_ID, "list", "--json", "--status",
                            "completed").output)
    assert [a["id"] for a in listed] == ["A1", "A3"]
    assert Reviews(journal, host, "t").load(REVIEW_ID).seq == before + 2
    recs = run("recommendations", REVIEW_ID, "add", "--text", "Audit yearly", "--finding", "F1")
    assert recs.exit_code == 0 and "R2" in recs.output
    assert "actions: A1" in run("recommendations", REVIEW_ID, "list").output


@pytest.mark.parametrize("body, where, said", [
    ("recommendations:\n  - {id: 1, text: Share call-outs, findings: [F1]}\n",
     "row 1, column 'recommendations.id'", "id must be text, not 1"),
    ("actions:\n  - {id: A5, description: Daily list, owner: yes, due: 2026-05-01,\n"
     "     measure_of_success: All shared, addresses: [F1]}\n",
     "row 1, column 'actions.owner'", "owner must be text, not True"),
    ("actions:\n  - {description: x, owner: y, due: 2026-05-01, measure_of_success: z,"
     " addresses: [1]}\n", "row 1, column 'actions.addresses'", "as text, not 1"),
    ("actions:\n  - just a line\n", "row 1, column 'actions'", "must be a mapping"),
    ("actions: {description: x}\n", "column 'actions'", "must be a list"),
    ("recommendations:\n  - {text: Share, findings: [F1]}\n  - {findings: [F1]}\n",
     "row 2, column 'recommendations.text'", "text is missing"),
])
def test_a_plan_file_of_the_wrong_shape_names_file_row_and_field(state, tmp_path, body, where,
                                                                  said):
    plan = tmp_path / "plan.yaml"
    plan.write_text(body, encoding="utf-8")
    with pytest.raises(InputProblem) as refused:
        plan_events(state, plan)
    message = str(refused.value)
    assert message.startswith(f"{plan}, ") and where in message and said in message, message


def test_the_import_command_reports_a_bad_plan_in_one_line(journal, host, state, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("recommendations:\n  - {id: 1, text: Share, findings: [F1]}\n",
                    encoding="utf-8")
    before = Reviews(journal, host, "t").load(REVIEW_ID).seq
    result = CliRunner().invoke(cli, ["--db", str(journal.path), "actions", REVIEW_ID, "import",
                                      str(plan)], obj=App(host=host))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "recommendations.id" in result.output and "id must be text" in result.output
    assert Reviews(journal, host, "t").load(REVIEW_ID).seq == before


def test_a_month_is_due_by_its_last_day():
    from core.analysis.actions import due_day

    assert due_day("March 2014") == dt.date(2014, 3, 31)
    assert due_day("03/2014") == dt.date(2014, 3, 31)
    assert due_day("2014-03-05") == dt.date(2014, 3, 5)
    with pytest.raises(InvalidValue, match="a month \\(March 2014\\)"):
        due_day("2014")
