"""casereview's core: the review lifecycle, the journal, the plugin contract and the model.

Plugins import what they need from here: `from core import hookimpl`.
"""

from core.hookspecs import hookimpl

__all__ = ["hookimpl"]
