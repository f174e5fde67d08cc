"""The review lifecycle: its stages and which moves between them are allowed.

Reviews are iterative, so some backward moves are allowed on purpose; every other move is not.
Whether an allowed move may happen *now* is for the guards (`core.apps.guards` and plugins).
"""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    NOTIFICATION = "notification"
    DECISION = "decision"
    COMMISSIONING = "commissioning"
    EVIDENCE = "evidence"
    ANALYSIS = "analysis"
    LEARNING_EVENTS = "learning_events"
    FINDINGS = "findings"
    IMPROVEMENT_ACTIONS = "improvement_actions"
    REPORT = "report"
    PUBLICATION = "publication"
    MONITORING = "monitoring"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


ORDER: tuple[Stage, ...] = tuple(Stage)

# Forward: each stage to the next. Plus: a decision not to review closes the case.
FORWARD: dict[Stage, frozenset[Stage]] = {
    stage: frozenset({ORDER[i + 1]}) for i, stage in enumerate(ORDER[:-1])
}
FORWARD[Stage.DECISION] = frozenset({Stage.COMMISSIONING, Stage.CLOSED})

# Backward moves a real review makes: more evidence turns up, a learning event reopens the
# analysis, the recall session changes a finding, the report draft sends us back to findings.
BACKWARD: dict[Stage, frozenset[Stage]] = {
    Stage.ANALYSIS: frozenset({Stage.EVIDENCE}),
    Stage.LEARNING_EVENTS: frozenset({Stage.ANALYSIS, Stage.EVIDENCE}),
    Stage.FINDINGS: frozenset({Stage.ANALYSIS, Stage.LEARNING_EVENTS}),
    Stage.IMPROVEMENT_ACTIONS: frozenset({Stage.FINDINGS}),
    Stage.REPORT: frozenset({Stage.FINDINGS, Stage.IMPROVEMENT_ACTIONS}),
    Stage.PUBLICATION: frozenset({Stage.REPORT}),
}


def allowed_moves(source: Stage) -> frozenset[Stage]:
    return FORWARD.get(source, frozenset()) | BACKWARD.get(source, frozenset())


def is_allowed(source: Stage, target: Stage) -> bool:
    return target in allowed_moves(source)


def is_backward(source: Stage, target: Stage) -> bool:
    return target in BACKWARD.get(source, frozenset())
