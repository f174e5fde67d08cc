"""Looking something up by id: a miss says what there is to choose from."""

from __future__ import annotations

import pytest

from core.kernel.errors import NotFound, lookup


def test_a_hit_is_returned():
    assert lookup({"F1": "pattern"}, "F1", "no finding 'F1'") == "pattern"


def test_a_miss_lists_what_there_is_sorted():
    with pytest.raises(NotFound) as caught:
        lookup({"F2": 2, "F1": 1}, "F9", "no finding 'F9' in review CR-2025-001")
    assert str(caught.value) == "no finding 'F9' in review CR-2025-001; known: F1, F2"


def test_a_miss_in_an_empty_collection_says_so():
    with pytest.raises(NotFound) as caught:
        lookup({}, "LE-1", "no learning event 'LE-1'")
    assert str(caught.value) == "no learning event 'LE-1'; known: none yet"
    with pytest.raises(NotFound, match=r"known: none are loaded$"):
        lookup({}, "rca", "no methodology called 'rca'", none="none are loaded")
