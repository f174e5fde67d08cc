"""core.kernel.text: text for people, shortened for one line; a count with its noun."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.kernel.text import plural, shorten


def test_short_text_is_kept_on_one_line_and_long_text_is_cut_with_an_ellipsis() -> None:
    assert shorten("School  attendance\nrecords", 60) == "School attendance records"
    assert shorten("School attendance records", 10) == "School at…"
    assert shorten("exactly ten", 11) == "exactly ten"


@settings(max_examples=80, deadline=None)
@given(st.text(), st.integers(min_value=1, max_value=120))
def test_the_result_never_exceeds_the_limit_and_starts_as_the_text_does(text: str,
                                                                       limit: int) -> None:
    short = shorten(text, limit)
    flat = " ".join(text.split())
    assert len(short) <= limit and "\n" not in short
    assert short == flat or (short.endswith("…") and flat.startswith(short[:-1]))


def test_a_count_takes_the_singular_only_for_one() -> None:
    assert [plural(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(115, "entry", "entries") == "115 entries"
