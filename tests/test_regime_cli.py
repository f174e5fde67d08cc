"""The commands `criteria`, `new` and `decide`: the JSON shape, facts from files and flags, bad
input as one-line errors naming the fact, and the Chair's decision with its guards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.kernel.store import open_journal
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews
from plugins.testing import make_host


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return make_host()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# -- criteria ------------------------------------------------------------------------------------


def test_criteria_json_has_exactly_the_agreed_shape(cli, tmp_path: Path) -> None:
    facts = write(tmp_path, "facts.yaml", "abuse_or_neglect: suspected\noutcome: died\n")
    data = json.loads(cli.ok("criteria", "--regime", "england-scr-2013", "--facts", facts,
                             "--json"))
    assert list(data) == ["regime", "outcome", "review_kind", "reasons", "notifications",
                          "missing_facts"]
    assert (data["regime"], data["outcome"], data["review_kind"]) == (
        "england-scr-2013", "must", "serious_case_review")
    assert data["reasons"][0]["rule"] == "scr-must-death"
    assert data["missing_facts"] == []
    assert {"id", "to", "what", "when"} <= set(data["notifications"][0])
    assert not cli.db.exists()  # criteria stores nothing


def test_criteria_reads_json_and_yaml_words(cli, tmp_path: Path) -> None:
    facts = write(tmp_path, "facts.json", json.dumps({
        "abuse_or_neglect": "suspected", "outcome": "seriously_harmed"}))
    # YAML reads a bare `yes` as true: it still means "yes" for a yes/no/unclear fact
    yaml_facts = write(tmp_path, "more.yaml", "concern_about_joint_working: yes\n")
    assert json.loads(cli.ok("criteria", "--regime", "england-scr-2013", "--facts", facts,
                             "--json"))["outcome"] == "undecided"
    merged = cli.ok("criteria", "--regime", "england-scr-2013", "--facts", yaml_facts,
                    "--abuse-or-neglect", "suspected", "--outcome", "seriously_harmed", "--json")
    assert json.loads(merged)["outcome"] == "must"


def test_flags_override_the_file(cli, tmp_path: Path) -> None:
    facts = write(tmp_path, "facts.yaml", "abuse_or_neglect: none\noutcome: died\n"
                                          "died_in_custody_setting: none\n")
    data = json.loads(cli.ok("criteria", "--regime", "england-scr-2013", "--facts", facts,
                             "--abuse-or-neglect", "known", "--json"))
    assert data["outcome"] == "must"


def test_regime_specific_facts_through_fact_option(cli) -> None:
    data = json.loads(cli.ok("criteria", "--regime", "england-cspr-2018", "--abuse-or-neglect",
                             "known", "--outcome", "died", "--fact", "recurrent_themes=yes",
                             "--json"))
    assert any(r["rule"] == "cspr-local-review" and "may be appropriate" in r["text"]
               for r in data["reasons"])


def test_criteria_text_lists_reasons_missing_facts_and_notifications(cli) -> None:
    text = cli.ok("criteria", "--regime", "england-cspr-2018", "--outcome", "died")
    assert "Outcome: undecided" in text
    assert "[cspr-serious-case]" in text
    assert "Missing facts: abuse_or_neglect" in text
    assert "Notify the national Panel" in text


@pytest.mark.parametrize(("args", "files", "words"), [
    (["--regime", "scotland-2099", "--outcome", "died"], {}, ["scotland-2099",
                                                             "england-scr-2013"]),
    (["--facts", "{f}"], {"f": "abuse_or_neglect: known\nhair_colour: red\n"}, ["hair_colour",
                                                                               "facts.yaml"]),
    (["--fact", "hair_colour=red"], {}, ["hair_colour"]),
    (["--died-by-suicide", "perhaps"], {}, ["died_by_suicide", "true or false"]),
    (["--facts", "{f}"], {"f": "event_date: last Tuesday\n"}, ["event_date", "YYYY-MM-DD"]),
    (["--facts", "{f}"], {"f": "outcome: 3\n"}, ["outcome", "died | seriously_harmed"]),
    (["--outcome", "exploded"], {}, ["outcome"]),
    (["--outcome", "none", "--died-by-suicide", "yes"], {}, ["contradictory", "died_by_suicide",
                                                            "outcome is none"]),
    (["--outcome", "seriously_harmed", "--died-in-custody-setting", "police_custody"], {},
     ["contradictory", "died_in_custody_setting"]),
    (["--facts", "{f}"], {"f": "- a list\n"}, ["facts.yaml", "key: value"]),
    (["--facts", "{missing}"], {}, ["cannot read"]),
    (["--fact", "no-equals-sign"], {}, ["key=value"]),
])
def test_bad_input_is_one_line_naming_the_fact(cli, tmp_path: Path, args: list[str],
                                               files: dict[str, str], words: list[str]) -> None:
    paths = {key: write(tmp_path, "facts.yaml", text) for key, text in files.items()}
    paths["missing"] = str(tmp_path / "nowhere.yaml")
    args = [a.format(**paths) for a in args]
    if "--regime" not in args:
        args = ["--regime", "england-scr-2013", *args]
    cli.refused("criteria", *args, says=words, one_line=True)


# -- new ---------------------------------------------------------------------------------------


CASE = """\
review:
  id: child-y
  title: "Child Y (fictional)"
  area: Westmere Safeguarding Children Partnership (fictional)
  regime: england-cspr-2018
  subject:
    pseudonym: Child Y
    age_at_event: four years
  incident_date: 2025-02-13
  notified_on: 2025-02-18
facts:
  abuse_or_neglect: suspected
  outcome: seriously_harmed
  concern_about_joint_working: yes
  died_in_custody_setting: false
  event_date: 2025-02-13
agencies:
  - name: Westmere Police (fictional)
    kind: police
    aliases: [Police]
  - name: Westmere Health Visiting (fictional)
    kind: health_visiting
"""


def test_new_from_a_case_file(cli, tmp_path: Path, host: PluginHost) -> None:
    case = write(tmp_path, "case.yaml", CASE)
    first = cli.ok("new", "--from-case", case).splitlines()[0]
    assert first == "child-y"
    with open_journal(cli.db) as journal:
        state = Reviews(journal, host, "test").load("child-y")
    assert state.review.subject.age_at_event == "four years"
    assert sorted(state.agencies) == ["Westmere Health Visiting (fictional)",
                                      "Westmere Police (fictional)"]
    facts = state.record_collection("regime/facts")["current"]
    assert facts["source"] == "notification"
    assert facts["facts"]["died_in_custody_setting"] == "none"
    assert state.record_collection("regime/assessment")["current"]["outcome"] == "must"


def test_new_with_options_numbers_the_review(cli) -> None:
    args = ("new", "--regime", "wales-cpr", "--title", "Child X (fictional)", "--area",
            "Gwent (fictional)", "--child", "Child X", "--incident-date", "2025-03-01",
            "--notified-on", "2025-03-03")
    assert cli.ok(*args).splitlines()[0] == "CR-2025-001"
    data = json.loads(cli.ok(*args, "--json"))
    assert data["id"] == "CR-2025-002" and data["criteria"] is None


def test_new_refuses_what_cannot_be_true(cli, tmp_path: Path) -> None:
    base = ("new", "--regime", "wales-cpr", "--title", "T", "--area", "A", "--child", "Child X")
    cli.refused(*base, "--incident-date", "2025-03-05", "--notified-on", "2025-03-01",
                says="before the incident", one_line=True)
    cli.refused(*base, "--regime", "atlantis", "--incident-date", "2025-03-01",
                       "--notified-on", "2025-03-01", says="atlantis", one_line=True)
    assert cli(*base[:5]).exit_code == 2  # dates missing: a usage error
    bad_agency = write(tmp_path, "case.yaml", CASE.replace("kind: police", "kind: wizards"))
    cli.refused("new", "--from-case", bad_agency, says="wizards", one_line=True)
    cli.refused("new", "--from-case", write(tmp_path, "x.yaml", "title: no header\n"),
                says="review:", one_line=True)


# -- decide ------------------------------------------------------------------------------------


def notified(cli, review_id: str, regime: str = "england-scr-2013", *facts: str) -> None:
    cli.ok("new", "--regime", regime, "--title", "Child W (fictional)", "--area", "Westmere",
           "--child", "Child W", "--incident-date", "2025-01-02", "--notified-on", "2025-01-06",
           "--id", review_id, *facts)


def test_decide_records_facts_outcome_and_decision(cli, host: PluginHost) -> None:
    notified(cli, "R1")
    text = cli.ok("decide", "R1", "--abuse-or-neglect", "suspected", "--outcome", "died",
                  "--decision", "initiate", "--by", "Chair (fictional)", "--on", "2025-01-20")
    assert "Next: casereview move R1 commissioning" in text
    with open_journal(cli.db) as journal:
        reviews = Reviews(journal, host, "test")
        state = reviews.load("R1")
        kinds = [(e.kind, e.payload.get("collection")) for e in reviews.history("R1")]
    assert state.stage.value == "decision"
    decision = state.record_collection("regime/decision")["current"]
    expected = {"decision": "initiate", "by": "Chair (fictional)", "engine_outcome": "must",
                "agrees_with_engine": True, "on": "2025-01-20"}
    assert {key: decision[key] for key in expected} == expected
    assert {("record.put", "regime/assessment"), ("record.put", "regime/decision")} <= set(kinds)
    cli.ok("move", "R1", "commissioning")


def test_a_decision_that_differs_needs_a_rationale(cli) -> None:
    notified(cli, "R2", "england-scr-2013", "--abuse-or-neglect", "suspected", "--outcome", "died")
    cli.refused("decide", "R2", "--decision", "no-review", "--by", "Chair",
                says=("must", "rationale"), one_line=True)
    data = json.loads(cli.ok("decide", "R2", "--decision", "no-review", "--by", "Chair",
                             "--rationale", "A review of the same practice is under way "
                             "(fictional)", "--json"))
    assert data["agrees_with_criteria"] is False and data["criteria"]["outcome"] == "must"
    assert "not to hold a review" in cli.refused("move", "R2", "commissioning")
    cli.ok("move", "R2", "closed")


def test_a_decision_without_the_deciding_facts_needs_a_rationale(cli) -> None:
    notified(cli, "R3")
    cli.refused("decide", "R3", "--outcome", "died", "--decision", "initiate", "--by",
                       "Chair", says=("abuse_or_neglect", "rationale"), one_line=True)
    cli.ok("decide", "R3", "--outcome", "died", "--decision", "initiate", "--by", "Chair",
           "--rationale", "Police enquiries continue; the Chair will not wait (fictional)")


def test_guards_between_decision_and_the_next_stage(cli) -> None:
    notified(cli, "R4")
    cli.ok("move", "R4", "decision")
    assert "casereview decide" in cli.refused("move", "R4", "commissioning")
    assert "casereview decide" in cli.refused("move", "R4", "closed")
    cli.ok("decide", "R4", "--abuse-or-neglect", "none", "--outcome", "none",
           "--died-in-custody-setting", "none", "--decision", "alternative", "--by", "Chair")
    assert "new decision of no-review" in cli.refused("move", "R4", "closed")
    cli.ok("move", "R4", "commissioning")
    cli.refused("decide", "R4", "--decision", "initiate", "--by", "Chair",
                says="commissioning", one_line=True)


def test_decide_reuses_the_facts_recorded_at_notification(cli) -> None:
    notified(cli, "R5", "england-cspr-2018", "--abuse-or-neglect", "known", "--outcome", "died")
    data = json.loads(cli.ok("decide", "R5", "--decision", "no-review", "--by", "Chair",
                             "--json"))
    assert data["criteria"]["outcome"] == "must"  # rapid review held; no local review
    assert data["agrees_with_criteria"] is True


def test_the_example_case_file_opens_a_review(cli, host: PluginHost) -> None:
    case = Path(__file__).parent.parent / "examples" / "child-a" / "case.yaml"
    lines = cli.ok("new", "--from-case", str(case)).splitlines()
    with open_journal(cli.db) as journal:
        state = Reviews(journal, host, "test").load(lines[0])
    assert state.review.regime == "england-cspr-2018" and len(state.agencies) >= 7
    assert "Outcome: must — rapid review" in lines


def test_regimes_lists_each_with_its_clocks_and_facts(cli) -> None:
    data = {r["name"]: r for r in json.loads(cli.ok("regimes", "--json"))}
    assert set(data) == {"england-scr-2013", "england-cspr-2018", "wales-cpr", "wales-susr"}
    cspr = data["england-cspr-2018"]
    assert [c["id"] for c in cspr["clocks"]][:2] == ["panel-notification", "rapid-review"]
    assert cspr["clocks"][1]["when"].startswith(
        "15 working days after the day the local authority became aware")
    assert "recurrent_themes" in cspr["facts"]
    assert data["wales-cpr"]["reviewers_required"] == {"concise_cpr": 1, "extended_cpr": 2}
    shown = cli.ok("regimes")
    assert "a local default" in shown and "(check)" not in shown and "seed" not in shown
