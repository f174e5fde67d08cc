"""The core's own plugin: the lifecycle guards every review needs, and plain fallbacks.

Found through its own entry-point group (`casereview.core`), which no allow-list reads: the
host always loads it, and `casereview plugins` shows it. Every run loads it (`casereview --help`
too), so this face only names where each hook lives (`core.apps.guards`, and the quality
markers in `core.analysis.quality`); each is imported on its first call.
"""

from __future__ import annotations

from core.plugin_api.lazy import lazy_hookimpl

check_transition = lazy_hookimpl("core.apps.guards:check_transition")
# The plain fallbacks live beside what they fall back to; every command asks for the exporters,
# so they must not bring the guards (and the publication check) with them.
agency_submission_form = lazy_hookimpl("core.evidence.submissions:agency_submission_form",
                                       trylast=True)
register_exporters = lazy_hookimpl("core.output.exporters:register_exporters")
check_stage = lazy_hookimpl("core.analysis.quality:check_stage")
