"""The built-in statutory regimes, each a plugin registered through the `register_regimes` hook
exactly as a local area's own regime would be (see the entry points in pyproject.toml).

- `england-scr-2013`: England, serious case reviews (Working Together 2013, the seed's regime);
- `england-cspr-2018`: England, child safeguarding practice reviews (2018 onward);
- `wales-cpr`: Wales, child practice reviews (reviews begun before 1 October 2024);
- `wales-susr`: Wales, single unified safeguarding reviews (from 1 October 2024).

Each regime is data in its own module (`REGIME`). The entry points name the small plugins
below, so that loading the plugins (every run, `casereview --help` too) imports no regime: its
module is imported when the host first asks for the regimes.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from core.plugin_api.hookspecs import hookimpl


class BuiltInRegime:
    """A plugin registering the `REGIME` of one module of this package."""

    def __init__(self, module: str) -> None:
        self.module = f"{__name__}.{module}"

    @hookimpl
    def register_regimes(self, register: Callable[[Any], None]) -> None:
        register(import_module(self.module).REGIME)

    def __repr__(self) -> str:
        return f"BuiltInRegime({self.module!r})"


ENGLAND_SCR_2013 = BuiltInRegime("england_scr_2013")
ENGLAND_CSPR_2018 = BuiltInRegime("england_cspr_2018")
WALES_CPR = BuiltInRegime("wales_cpr")
WALES_SUSR = BuiltInRegime("wales_susr")
