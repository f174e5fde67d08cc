"""core.kernel.ids.next_id: one past the highest number used with the prefix, never a reused id."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.kernel.ids import next_id


def test_numbers_follow_the_highest_and_other_forms_are_left_out() -> None:
    assert next_id([], "P") == "P1"
    assert next_id(["P1", "P2", "P10"], "P") == "P11"
    assert next_id(["IR-3", "IR-1", "IR-x", "P7", "XIR-9", "IR-4a"], "IR-") == "IR-4"
    assert next_id({"LE-1-C2": 0, "LE-1-C1": 0, "LE-2-C5": 0}, "LE-1-C") == "LE-1-C3"


def test_a_width_pads_the_number_with_zeros_and_still_counts_past_the_highest() -> None:
    assert next_id([], "CR-2026-", width=3) == "CR-2026-001"
    assert next_id(["CR-2026-009", "CR-2025-044", "CR-2026-1000"], "CR-2026-",
                   width=3) == "CR-2026-1001"
    assert next_id(["CR-2026-041"], "CR-2026-", width=3) == "CR-2026-042"


@settings(max_examples=50, deadline=None)
@given(st.sets(st.integers(min_value=1, max_value=500)), st.sampled_from(["A", "R", "LE-", "P"]))
def test_the_next_id_is_never_one_already_used(numbers: set[int], prefix: str) -> None:
    existing = [f"{prefix}{n}" for n in numbers]
    assert next_id(existing, prefix) not in existing
    assert next_id(existing, prefix) == f"{prefix}{max(numbers, default=0) + 1}"
