"""casereview's core: the review lifecycle, the journal, the plugin contract and the model, in
seven layers (docs/architecture.md).

Plugins import what they need from here: `from core import hookimpl`.
"""

from __future__ import annotations

from core.plugin_api.hookspecs import hookimpl

__all__ = ["hookimpl"]
