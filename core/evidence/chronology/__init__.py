"""Agency chronologies: reading them in, the merged timeline, duplicates, and exporting it.

The public face; the parts live in plain modules beside this one.
"""

from core.evidence.chronology.duplicates import (
    LikelyDuplicate,
    confirmed_duplicates,
    decide,
    likely_duplicates,
)
from core.evidence.chronology.importer import MAX_PROBLEMS, ImportPlan, plan_import
from core.evidence.chronology.merge import agency_named, chronology, find_entry, imports, merged
from core.kernel.date_forms import (
    DateNotUnderstood,
    parse_agency_day,
    parse_date,
    parse_date_and_time,
    parse_time,
)

__all__ = [
    "MAX_PROBLEMS",
    "DateNotUnderstood",
    "ImportPlan",
    "LikelyDuplicate",
    "agency_named",
    "chronology",
    "confirmed_duplicates",
    "decide",
    "find_entry",
    "imports",
    "likely_duplicates",
    "merged",
    "parse_agency_day",
    "parse_date",
    "parse_date_and_time",
    "parse_time",
    "plan_import",
]
