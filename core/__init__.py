"""casereview's core: the review lifecycle, the journal, the plugin contract and the model.

Plugins import what they need from here: `from core import hookimpl`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.plugin_api.hookspecs import hookimpl

if TYPE_CHECKING:
    from core.plugin_api.hookspecs import hookimpl

__all__ = ["hookimpl"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `import core.apps.cli` (every run of the command line) does
    # not import pluggy before anything needs it.
    if name == "hookimpl":
        return hookimpl
    raise AttributeError(f"module 'core' has no attribute {name!r}")
