"""A whole review on agency files as agencies send them, with names in them (all fictional):
imported, corrected, replaced, pseudonymised, analysed from a generated template, and published
in a report that contains none of the names. Issue 11's scenario, replayed end to end."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml
from test_learning_together_child_a import every_plugin

from core.plugin_api.plugins import PluginHost

REVIEW = "CR-2026-777"
CHILD, MOTHER, PARTNER = "Tommy Fictionalson", "Jane Fictionalson", "Gary Madeupson"
PRACTITIONERS = ("PC Dobson", "Dr Okonkwo-Test", "Mrs Patelish")
NAMES = (CHILD, MOTHER, PARTNER, "Fictionalson", "Madeupson", *PRACTITIONERS, "Dobson",
         "Okonkwo", "Patelish")

POLICE = (
    "Date/Time,Incident summary,Attending officer,Type,Risk grade,Ref\n"
    f"02/03/2025 22:10,Call from a neighbour: shouting at the flat. {MOTHER} said all was well."
    ",PC Dobson,Domestic,Standard,P-1\n"
    f"20/04/2025 23:40,Second call: {PARTNER} had left before officers arrived; {CHILD} was"
    " asleep.,PC Dobson,Domestic,Medium,P-2\n"
)
POLICE_CORRECTED = (
    "Date/Time,Incident summary,Attending officer,Type,Risk grade,Ref\n"
    "02/03/2025 22:10,Call from a neighbour: shouting at the flat. Mother said all was well."
    ",Response officer,Domestic,Standard,P-1\n"
    "20/04/2025 23:40,Second call: Mother's partner had left before officers arrived; Child T"
    " was asleep.,Response officer,Domestic,Medium,P-2\n"
    "21/04/2025 10:00,Notification sent to children's social care.,Police constable,"
    "Notification,Medium,P-3\n"
)
HEALTH = (
    "Service,Date,Consultation text,Clinician,Concern type\n"
    f"GP,14/02/25,{CHILD} seen with a cough; Mother tired.,GP,None\n"
    f"Health visiting,05/03/25,Home visit: flat damp; {MOTHER} low in mood.,Health visitor,"
    "Home conditions\n"
    "Hospital,22/04/25,Child T brought to the emergency department with a bruise to the cheek;"
    " seen by Dr Okonkwo-Test.,Emergency department doctor,Injury\n"
)


@pytest.fixture
def host() -> PluginHost:
    return every_plugin()


def entry_ids(cli) -> dict[str, dict]:
    return {row["id"]: row for row in json.loads(cli.ok("chronology", REVIEW, "--format",
                                                         "json"))}


def fill_in(path, items: list[dict]) -> None:
    """What a reviewer does with a template: keep its notes, write the items under its key
    (the file's name: conversations, episodes, findings)."""
    text = path.read_text(encoding="utf-8")
    key = path.stem
    head = text[: text.index(f"\n{key}:\n") + 1]
    path.write_text(head + yaml.safe_dump({key: items}, sort_keys=False, allow_unicode=True),
                    encoding="utf-8")


def test_a_review_whose_files_arrived_with_names_is_published_without_them(cli, tmp_path):
    run = cli.ok
    run("new", "--regime", "england-cspr-2018", "--id", REVIEW, "--title",
        "Child T (fictional)", "--area", "Wexcombe", "--child", "Child T",
        "--incident-date", "2025-04-22", "--notified-on", "2025-04-24")
    for pseudonym, name in (("Child T", CHILD), ("Mother", MOTHER), ("Mother's partner",
                                                                     PARTNER)):
        run("identity", REVIEW, "add", "--pseudonym", pseudonym, "--real-name", name)
    run("decide", REVIEW, "--decision", "initiate", "--by", "Chair of the partnership",
        "--rationale", "Agencies each held part of the picture.", "--on", "2025-05-01")
    run("move", REVIEW, "commissioning")
    run("commission", REVIEW, "--methodology", "learning-together", "--terms-of-reference",
        "How agencies shared what they knew about Child T's home in spring 2025.")
    for name in ("Alex Reviewer (fictional)", "Sam Reviewer (fictional)"):
        run("people", REVIEW, "add", "--role", "lead_reviewer", "--title",
            "Independent lead reviewer", "--name", name)
    run("people", REVIEW, "add", "--role", "case_group", "--title", "Mrs Patelish")
    run("people", REVIEW, "add", "--role", "case_group", "--title", "GP")
    run("people", REVIEW, "remove", "P4", "--reason", "the GP declined to take part")
    assert "Added P5" in run("people", REVIEW, "add", "--role", "case_group", "--title",
                             "Police constable")  # P4 is never given again
    run("correct", REVIEW, "person", "P3", "--set", "title=Health visitor", "--reason",
        "practitioners are known by role, not by name")
    run("move", REVIEW, "evidence")

    # Agency files as they come: a police export, and a combined health file in dd/mm/yy.
    police, health = tmp_path / "police.csv", tmp_path / "health.csv"
    police.write_text(POLICE, encoding="utf-8")
    health.write_text(HEALTH, encoding="utf-8")
    run("import", REVIEW, str(police), "--agency", "Wexcombe Police", "--kind", "police")
    cli.refused("import", REVIEW, str(health), "--agency-column", "Service",
                says="two-digit year")
    run("import", REVIEW, str(health), "--agency-column", "Service", "--century", "2000")
    assert entry_ids(cli)["wexcombe-police-1-2"]["risk_grade"] == "Standard"

    # Outputs already show pseudonyms; the stored records still hold the names.
    shown = run("chronology", REVIEW)
    assert MOTHER not in shown and "Mother said all was well" in shown

    # The police resend their file cleaned: it replaces the first import.
    police.write_text(POLICE_CORRECTED, encoding="utf-8")
    replaced = run("import", REVIEW, str(police), "--agency", "Wexcombe Police", "--replace",
                   "import-1", "--reason", "the police resent the file with names removed")
    assert "0 unchanged, 2 corrected, 1 added, 0 withdrawn" in replaced
    # What is left of the names in the records is replaced, as a reviewer confirms.
    run("identity", REVIEW, "apply", "--all")
    ids = entry_ids(cli)
    hospital = next(i for i, e in ids.items() if e["agency"] == "Hospital")
    run("correct", REVIEW, "entry", hospital, "--set", "what_happened=Child T brought to the "
        "emergency department with a bruise to the cheek; seen by the emergency doctor.",
        "--reason", "the doctor is known by role, not by name")
    assert not [n for n in NAMES if n in json.dumps(entry_ids(cli))]
    run("move", REVIEW, "analysis")

    # The Learning Together material, from the generated template, citing entries by id.
    folder = tmp_path / "lt"
    run("material", REVIEW, "--template", str(folder))
    ids = entry_ids(cli)
    hv = next(i for i, e in ids.items() if e["agency"] == "Health visiting")
    calls = sorted(i for i, e in ids.items() if e["agency"] == "Wexcombe Police")
    fill_in(folder / "conversations.yaml", [{
        "id": "C1", "role": "Health visitor", "agency": "Health visiting",
        "held_on": "2025-06-10",
        "overview": "Visited the family at home in March 2025 and saw the damp flat.",
        "mindset": {"what_was_happening": "A tired mother in a damp flat.",
                    "salient": "The damp and Mother's low mood.",
                    "competing_demands": "A large caseload.",
                    "options_seen": "More visits, or early help with consent."},
        "factors": [{"factor": "inter_agency_team",
                     "note": "Did not know of the police call-outs."}]}])
    fill_in(folder / "episodes.yaml", [{
        "id": "KPE-1", "title": "Call-outs not shared with health",
        "period": "2025-03-02 to 2025-04-21",
        "agencies": ["Wexcombe Police", "Health visiting"],
        "roles": ["Response officer", "Health visitor"],
        "entries": [calls[0], hv, calls[1]],
        "what_happened": "Two call-outs to the flat were not shared with health visiting.",
        "appraisal": {"judgement": "problematic", "cites": [calls[0]],
                      "text": "The first call-out was known to the police only."},
        "explanation": [{"factor": "inter_agency_team", "effect": "hindered",
                         "text": "No routine sharing of domestic call-outs with health.",
                         "evidence": [{"conversation": "C1"}, {"entry": calls[0]}]}]}])
    fill_in(folder / "findings.yaml", [{
        "id": "F1", "title": "Domestic call-outs do not reach health visitors",
        "category": "multi_agency_incidents_and_crises",
        "pattern": "Police call-outs to homes with young children are not shared with the "
                   "health visitor, who sees the home most often.",
        "in_this_case": "Two call-outs were not known to the health visitor.",
        "episodes": ["KPE-1"], "factors": ["inter_agency_team"],
        "not_peculiar": "The partnership's audit found the same in most cases it looked at.",
        "why_it_matters": "A health visitor who does not know cannot ask.",
        "board_issues": ["How does the board know that call-outs reach health visitors?"],
        "status": "draft"}])
    assert "findings: 1 new" in run("material", REVIEW, str(folder))
    # A second episode recorded on the command line, without YAML.
    injury = next(i for i, e in ids.items() if e["agency"] == "Hospital")
    added = run("lt", "episodes", REVIEW, "add", "--id", "KPE-2", "--title", "The bruise seen "
                "without the call-outs", "--period", "2025-04-22", "--agency", "Hospital",
                "--role", "Emergency department doctor", "--entry", injury, "--what-happened",
                "The bruise was treated as an accident.", "--judgement", "reasonable",
                "--appraisal", "The hospital did not know of the call-outs.", "--cite", injury,
                "--factor", "inter_agency_team=The call-outs were not shared with the "
                "hospital.", "--evidence", f"inter_agency_team={injury}")
    assert "key practice episodes: 1 new" in added
    run("correct", REVIEW, "episode", "KPE-1", "--set", "title=Police call-outs not shared "
        "with health visiting", "--reason", "the panel reworded the title")
    cli.refused("withdraw", REVIEW, "conversation", "C1", "--reason", "recorded twice",
                says="episode KPE-1")  # it evidences a factor of the episode
    run("move", REVIEW, "learning events")  # the stage as the README writes it
    run("move", REVIEW, "findings")
    run("findings", REVIEW, "add", "--id", "F2", "--title", "Mrs Patelish did not refer",
        "--statement", "Mrs Patelish did not refer the family.", "--evidence", hv)
    run("withdraw", REVIEW, "finding", "F2", "--reason",
        "the panel agreed this is one practitioner, not the system")
    run("findings", REVIEW, "finalise", "F1")
    # A Learning Together finding completed on the command line, without YAML.
    run("findings", REVIEW, "add", "--id", "F3", "--title", "Home conditions are seen by one "
        "agency at a time", "--statement", "Damp and overcrowding are noted by each service "
        "but no one brings them together.", "--category", "multi_agency_incidents_and_crises",
        "--evidence", hv, "--detail", "in_this_case=The damp flat was seen by health visiting "
        "alone.", "--detail", "episodes=KPE-1", "--detail", "factors=inter_agency_team",
        "--detail", "not_peculiar=The partnership's audit found the same in other cases.",
        "--detail", "board_issues=How does the board know home conditions are shared?")
    run("correct", REVIEW, "finding", "F3", "--set", "details.why_it_matters=Children live "
        "in the conditions no single agency sees whole.", "--reason", "the panel added why "
        "it matters")
    run("findings", REVIEW, "finalise", "F3")
    run("recommendations", REVIEW, "add", "--text", "Share domestic call-outs with health "
        "visiting within a working day.", "--finding", "F1")
    run("move", REVIEW, "improvement actions")
    run("actions", REVIEW, "add", "--description", "Agree a daily list of call-outs.",
        "--owner", "PC Dobson", "--agency", "Wexcombe Safeguarding Partnership", "--due",
        "March 2026", "--measure", "An audit shows call-outs reach health visitors.",
        "--addresses", "R1")
    run("actions", REVIEW, "update", "A1", "--status", "in_progress", "--impact",
        "Early audit: most call-outs now shared.")
    run("move", REVIEW, "report")
    write_the_sections(run, tmp_path)

    # The check stops a practitioner's name, and says how to fix it.
    blocked = cli("publish-check", REVIEW, "--json", "--publication-date", "2026-09-01")
    problems = json.loads(blocked.output)["problems"]
    assert any(p["code"] == "practitioner_name" and "A1" in p["where"] for p in problems)
    run("correct", REVIEW, "action", "A1", "--set", "owner=Head of response policing",
        "--reason", "owners are roles, not named officers")
    today = dt.date.today()
    run("clock", REVIEW, "date", "publication_planned", "--on",
        (today + dt.timedelta(days=60)).isoformat())
    run("notify", REVIEW, "sent", "prepublication-copy", "--on", today.isoformat())
    checked = cli("publish-check", REVIEW, "--publish")
    assert checked.exit_code == 0, checked.output
    assert "is now at stage publication" in checked.output
    for fmt in ("html", "md"):
        out = tmp_path / f"report.{fmt}"
        run("report", REVIEW, "-o", str(out))
        text = out.read_text(encoding="utf-8")
        assert "Child T" in text
        assert not [n for n in NAMES if re.search(re.escape(n), text, re.I)], fmt
    history = run("history", REVIEW)
    assert "withdrew finding F2, because the panel agreed" in history
    assert "replaced import-1 with 3 chronology entries" in history
    assert "seed" not in history and "(check)" not in history


def write_the_sections(run, folder) -> None:
    """What the reviewers and the partners write around the analysis, as a published report
    needs it: the sections only they can write, the reviewers' independence, the decision to
    publish and why the review ran late."""
    for person in ("P1", "P2"):
        run("people", REVIEW, "independence", person, "--statement",
            "I have had no part in this family's services or in any agency in this review.")
    for kind, text in (
        ("executive-summary", "Two agencies each knew part of Child T's home life. No one "
         "brought it together. The partners accept both findings."),
        ("case-summary", "Child T lived with a parent in a damp flat. Health visiting and the "
         "police each saw the home in spring 2025."),
        ("lived-experience", "Child T was often cold at home and missed play with friends."),
        ("family-account", "The family told the review that visits felt rushed."),
        ("limitations", "The review did not hear from the school, which had closed for the "
         "summer."),
    ):
        run("section", REVIEW, kind, "--text", text)
    run("section", REVIEW, "identity", "--not-relevant",
        "The family asked that nothing about their background be published.")
    run("section", REVIEW, "national-asks", "--not-relevant",
        "The learning is for local agencies; nothing is asked of national bodies.")
    events = folder / "events.yaml"
    events.write_text("events:\n- period: Spring 2025\n  agency: Health visiting\n"
                      "  what: A visit found the flat damp and cold.\n", encoding="utf-8")
    run("section", REVIEW, "significant-events", "--file", str(events))
    response = folder / "response.yaml"
    response.write_text(
        "agreed_on: 2025-09-01\nfindings:\n- finding: F1\n  accepted: true\n"
        "- finding: F3\n  accepted: true\npriorities:\n- Share call-outs the same day.\n"
        "issues:\n- finding: F1\n  issue: How does the board know call-outs are shared?\n"
        "  response: A daily list of call-outs.\n  lead: Head of response policing\n"
        "  actions: [A1]\nmonitoring: The quality group checks each quarter.\n",
        encoding="utf-8")
    run("section", REVIEW, "partnership-response", "--file", str(response))
    decision = folder / "decision.yaml"
    today = dt.date.today()
    decision.write_text(
        f"decided_on: {today.isoformat()}\nchoice: full\nreason: The learning is for every "
        "agency.\nimpact_assessment: The family saw the report first and nothing identifies "
        f"them.\nfamily_told_on: {today.isoformat()}\n", encoding="utf-8")
    run("record", REVIEW, "publication-decision", "--file", str(decision))
    run("delay", REVIEW, "--reason", "the agencies sent their files late",
        "--improvement", "Ask for files at commissioning", "--corrective-action",
        "Files are now due within two weeks")

