"""What a plugin returns passes the same door as a person's command: every change is checked as
its command would check it, and all are written or none, with the plugin named when refused."""

from __future__ import annotations

import pytest
from conftest import methodology

from core import hookimpl
from core.analysis import material
from core.analysis.changes import ChangesRefused
from core.kernel.model import Evidence, Finding
from core.kernel.state import move_to, put, put_record
from core.plugin_api.methodology import Material
from core.plugin_api.reviews import Reviews
from plugins.testing import build_sample_review, make_host


class Proposer:
    """A methodology whose material is whatever the test says."""

    def __init__(self, *changes):
        self.changes = changes

    @hookimpl
    def register_methodologies(self, register):
        register(methodology("proposer"))

    @hookimpl
    def load_material(self, review, folder):
        return Material(events=self.changes, read=["what the test gave"])


def _load(journal, tmp_path, *changes):
    reviews = Reviews(journal, make_host(("sneaky-plugin", Proposer(*changes))), "test")
    state = build_sample_review(reviews, methodology="proposer")
    return reviews, state, lambda: material.load(reviews, state.id, tmp_path)


def _refused(journal, tmp_path, *changes) -> str:
    reviews, state, load = _load(journal, tmp_path, *changes)
    with pytest.raises(ChangesRefused) as refused:
        load()
    assert reviews.load(state.id).seq == state.seq  # nothing written
    message = str(refused.value)
    assert "plugin 'sneaky-plugin'" in message and "nothing was written" in message
    return message


def test_material_cannot_move_a_review_to_publication(journal, tmp_path):
    raw = ("stage.changed", {"from": "notification", "to": "publication", "reason": ""})
    message = _refused(journal, tmp_path, raw)
    assert "cannot move to" in message and "lifecycle does not allow" in message


def test_material_cannot_record_a_final_finding_without_evidence(journal, tmp_path):
    finding = Finding("F9", "Nobody saw the child", "Nobody saw the child alone.",
                      status="final")
    message = _refused(journal, tmp_path, put("findings", finding))
    assert "F9" in message and "at least one piece of evidence" in message


def test_a_refused_change_writes_none_of_the_others(journal, tmp_path):
    evidence = Evidence("E9", "document", "A note of the strategy meeting")
    message = _refused(journal, tmp_path, put("evidence", evidence),
                       put("findings", Finding("F9", "T", "S", evidence_ids=("E404",))))
    assert "E404" in message


@pytest.mark.parametrize(("change", "says"), [
    (put_record("core/publication-check", "current", {"blocking": []}), "the core's own"),
    (("review.opened", {"id": "CR-1"}), "may not propose"),
    (("chronology.put", {"collection": "chronology", "value": {}}), "its own command"),
    (("evidence.put", {"collection": "evidence", "value": {"id": ""}}), "not a valid Evidence"),
    (put_record("proposer/notes", "n1", {"when": object()}), "not plain data"),
])
def test_each_rule_is_applied_to_plugin_changes(journal, tmp_path, change, says):
    assert says in _refused(journal, tmp_path, change)


def test_evidence_cannot_take_a_chronology_entrys_id(journal, tmp_path):
    # the sample review's chronology holds E1 ... E6; a finding citing E1 must mean one thing
    assert "already a chronology entry's" in _refused(
        journal, tmp_path, put("evidence", Evidence("E1", "document", "A note")))


def test_references_are_checked_with_the_whole_batch_in_place(journal, tmp_path):
    """A contribution taken into evidence may come before its evidence; a later change to the
    same id replaces the earlier one, as in the journal."""
    from core.kernel.model import Contribution

    said = Contribution("C9", "LE1", "Health visitor", "We had no way to know.",
                        evidence_id="E9")
    reviews, state, load = _load(
        journal, tmp_path, put("contributions", said),
        put("evidence", Evidence("E9", "contribution", "First title")),
        put("evidence", Evidence("E9", "contribution", "What the health visitor said")))
    load()
    after = reviews.load(state.id)
    assert after.contributions["C9"].evidence_id == "E9"
    assert after.evidence["E9"].title == "What the health visitor said"


def test_good_material_is_written_in_order_each_change_seeing_the_ones_before(
        journal, tmp_path):
    evidence = Evidence("E9", "document", "A note of the strategy meeting")
    finding = Finding("F9", "A title", "A statement.", evidence_ids=("E9",), status="final")
    reviews, state, load = _load(journal, tmp_path, put("evidence", evidence),
                                 put("findings", finding),
                                 put_record("proposer/notes", "n1", {"text": "kept"}))
    load()
    after = reviews.load(state.id)
    assert after.findings["F9"].evidence_ids == ("E9",)
    assert after.record_collection("proposer/notes")["n1"] == {"text": "kept"}


def test_a_stage_move_the_guards_allow_is_written(journal, tmp_path):
    reviews, state, load = _load(journal, tmp_path, move_to("decision", "material says so"))
    load()
    assert reviews.load(state.id).stage.value == "decision"
