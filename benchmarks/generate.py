"""A synthetic case for benchmarks: N agencies, M chronology entries in total, written as the
CSV files agencies send (varied headings, delimiters, encodings and date forms).

Every name, place and event is invented. Other benchmarks reuse it:

    from benchmarks.generate import generate_case
    files = generate_case(tmp_dir, agencies=10, entries=100_000)

or from a shell: `python benchmarks/generate.py OUT_DIR --agencies 10 --entries 100000`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

KINDS = ["police", "childrens_social_care", "education", "gp", "health_visiting", "hospital",
         "housing", "probation", "mental_health", "other"]
PLACES = ["Eastcombe", "Northwold", "Tessingford", "Wendmoor", "Brindlecote", "Fenwright",
          "Mallowfield", "Ashgrove", "Kestrel Vale", "Harrowby"]
ROLES = {
    "police": ["Police constable", "Detective sergeant", "Response officer", "PPN reviewer"],
    "childrens_social_care": ["Social worker", "MASH social worker", "Team manager",
                              "Family support worker"],
    "education": ["Class teacher", "Designated safeguarding lead", "Attendance officer",
                  "Head teacher"],
    "gp": ["GP", "Practice nurse", "Receptionist", "Practice manager"],
    "health_visiting": ["Health visitor", "Community nursery nurse", "Specialist health visitor"],
    "hospital": ["ED nurse", "Paediatric registrar", "Named nurse", "Consultant paediatrician"],
    "housing": ["Housing officer", "Housing options officer", "Tenancy support worker"],
    "probation": ["Probation officer", "Senior probation officer"],
    "mental_health": ["Community psychiatric nurse", "Psychiatrist", "Support worker"],
    "other": ["Support worker", "Volunteer coordinator", "Project worker"],
}
EVENTS = [
    "Home visit: {child} seen {mood}; the flat was {home}.",
    "{child} was not brought to the {appointment}; {followup}.",
    "Call from a neighbour reporting shouting at the family's home; {followup}.",
    "{adult} said she felt {mood2} and was struggling with {worry}.",
    "Referral received from the {other} about {worry}; {followup}.",
    "{child} attended with {injury}; explanation given by {adult}: {story}.",
    "Strategy discussion with the {other} about {worry}; {followup}.",
    "{child}'s attendance fell to {percent}% this half term; {followup}.",
    "Rent arrears of £{money} reported; {adult} asked for help with {worry}.",
    "Review meeting held with {adult}; plan to address {worry} agreed ({ref}).",
]
FILL = {
    "child": ["Child A", "Child B", "Sibling C", "the baby"],
    "adult": ["Mother", "Mother's partner", "Father", "Maternal grandmother"],
    "mood": ["quiet", "tired and withdrawn", "cheerful", "hungry", "clingy to Mother"],
    "mood2": ["low", "anxious", "exhausted", "isolated"],
    "home": ["cold and cluttered", "tidy", "damp with black mould", "short of food",
             "crowded with visitors"],
    "appointment": ["clinic appointment", "immunisation appointment", "hearing test",
                    "dental check", "speech and language session"],
    "followup": ["text reminder sent", "rebooked for next month", "no further action",
                 "letter sent to the family", "discussed with the team manager",
                 "information shared with the school", "home visit arranged"],
    "worry": ["money", "the damp flat", "her partner's temper", "sleep", "the children's "
              "behaviour", "debts", "her mental health", "housing"],
    "other": ["school", "health visitor", "GP practice", "police", "housing service"],
    "injury": ["a bruise to the cheek", "a scald to the hand", "a cut lip", "a swollen wrist"],
    "story": ["fell off the sofa", "pulled a cup of tea over", "tripped on the stairs",
              "a sibling pushed them"],
}
# A second sentence, so that two records of one day rarely read alike (as in real files).
DETAILS = [
    "Seen at the {place} office with the {role}.",
    "Visit lasted {n} minutes; the {role} was present.",
    "Next contact planned in {n} days at {street}.",
    "Letter {n} of the series sent to the {street} address.",
    "Case discussed at the {place} team meeting; {n} open actions.",
    "The {role} will follow up within {n} working days.",
    "Family has lived at {street}, {place} for {n} months.",
    "No concerns raised by the {role} at this contact.",
]
STREETS = ["Mill Lane", "Station Road", "Orchard Close", "Church View", "Beacon Street",
           "Willow Court", "Quarry Hill", "Ferry Row", "Linden Avenue", "Cobble Yard"]
# (date column, the other headings) in the styles agencies use
HEADINGS = [
    ("Date", ["Time", "What happened", "Who", "What was known", "Decision or action",
              "Source reference", "Shared with"]),
    ("Date of contact", ["Summary of contact", "Worker role", "Information known",
                         "Outcome/decision", "Case note ref", "Date recorded"]),
    ("Event date", ["Details", "Officer role", "Action taken", "Ref", "Shared with"]),
    ("Date", ["Description", "Practitioner", "Outcome", "Reference"]),
]
FIELD_OF = {"What happened": "what", "Summary of contact": "what", "Details": "what",
            "Description": "what", "Who": "who", "Worker role": "who", "Officer role": "who",
            "Practitioner": "who", "Time": "time", "What was known": "known",
            "Information known": "known", "Decision or action": "action",
            "Outcome/decision": "action", "Action taken": "action", "Outcome": "action",
            "Source reference": "ref", "Case note ref": "ref", "Ref": "ref", "Reference": "ref",
            "Shared with": "shared", "Date recorded": "recorded"}
FORMATS = [(",", "utf-8"), (";", "utf-8-sig"), (",", "cp1252"), ("\t", "utf-8")]


@dataclass(frozen=True)
class AgencyFile:
    name: str
    kind: str
    path: Path
    entries: int
    encoding: str
    delimiter: str


def generate_case(
    out_dir: str | Path,
    *,
    agencies: int = 10,
    entries: int = 100_000,
    seed: int = 1,
    start: dt.date = dt.date(2021, 1, 1),
    years: int = 3,
) -> list[AgencyFile]:
    """Write one CSV per agency into `out_dir` and describe them."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names = [f"{PLACES[i % len(PLACES)]} {KINDS[i % len(KINDS)].replace('_', ' ').title()}"
             + (f" {i // len(PLACES) + 1}" if i >= len(PLACES) else "") for i in range(agencies)]
    files = []
    span = (dt.date(start.year + years, start.month, start.day) - start).days
    for index, name in enumerate(names):
        kind = KINDS[index % len(KINDS)]
        count = entries // agencies + (1 if index < entries % agencies else 0)
        date_heading, others = HEADINGS[index % len(HEADINGS)]
        delimiter, encoding = FORMATS[index % len(FORMATS)]
        path = out / f"agency-{index + 1:02d}.csv"
        with path.open("w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow([date_heading, *others])
            for number in range(count):
                row = _row(rng, kind, names, index, number, start, span)
                writer.writerow([row["date"], *(row[FIELD_OF[h]] for h in others)])
        files.append(AgencyFile(name, kind, path, count, encoding, delimiter))
    return files


def _row(rng: random.Random, kind: str, names: list[str], index: int, number: int,
         start: dt.date, span: int) -> dict[str, str]:
    day = start + dt.timedelta(days=rng.randrange(span))
    fill = {key: rng.choice(values) for key, values in FILL.items()}
    fill |= {"percent": str(rng.randint(60, 95)), "money": f"{rng.randint(100, 3000):,}",
             "ref": f"plan {rng.randint(1, 999)}"}
    text = rng.choice(EVENTS).format(**fill) + " " + rng.choice(DETAILS).format(
        n=rng.randint(2, 60), place=rng.choice(PLACES), street=rng.choice(STREETS),
        role=rng.choice(ROLES[rng.choice(KINDS)]).lower())
    shared = ""
    if rng.random() < 0.2:
        other = rng.choice([n for i, n in enumerate(names) if i != index] or names)
        shared = f"{other} {day + dt.timedelta(days=rng.randint(0, 5)):%d/%m/%Y}"
    recorded = day + dt.timedelta(days=rng.choice((0, 0, 0, 1, 3)))
    return {
        "date": _date_text(rng, day), "time": f"{rng.randint(8, 21):02d}:{rng.randrange(60):02d}"
        if rng.random() < 0.5 else "", "what": text, "who": rng.choice(ROLES[kind]),
        "known": rng.choice(["", "", "Previous contact recorded.", "Known to the service."]),
        "action": fill["followup"].capitalize() + ".", "ref": f"R{index + 1:02d}-{number + 1:06d}",
        "shared": shared, "recorded": f"{recorded:%d/%m/%Y}",
    }


def _date_text(rng: random.Random, day: dt.date) -> str:
    """Mostly days in the usual forms; some months, parts of months and years (a third of the
    precise-day forms are ISO, as systems export them)."""
    roll = rng.random()
    if roll < 0.45:
        return f"{day:%d/%m/%Y}"
    if roll < 0.75:
        return day.isoformat()
    if roll < 0.88:
        return f"{day.day} {day:%B %Y}"
    if roll < 0.94:
        return f"{day:%B %Y}"
    if roll < 0.98:
        part = "early" if day.day <= 10 else "mid" if day.day <= 20 else "late"
        return f"{part} {day:%B %Y}"
    return str(day.year)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--agencies", type=int, default=10)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    for found in generate_case(arguments.out_dir, agencies=arguments.agencies,
                               entries=arguments.entries, seed=arguments.seed):
        print(f"{found.path}  {found.entries:>7} entries  {found.name} ({found.kind}, "
              f"{found.encoding}, {found.delimiter!r})")


if __name__ == "__main__":
    main()
