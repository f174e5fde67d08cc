"""Hook implementations that import their module on first call, for a plugin's light top module.

Every run of the command line (`casereview --help` too) imports every plugin's registered
module, and pluggy finds hook implementations only as functions of that module. A plugin whose
hooks live in several modules would import them all, with everything they import, on every run.
Instead the top module names each hook's real home:

    # my_plugin/__init__.py
    from core.plugin_api.lazy import lazy_hookimpl

    register_methodologies = lazy_hookimpl("my_plugin.descriptor:register_methodologies")
    plan_review = lazy_hookimpl("my_plugin.plan:plan_review")

Each is a hook implementation of the hook its function is named after. On the first call it
imports the module and passes the function the arguments it takes, by keyword (a hook
implementation may take any subset of the hook's arguments).

A cross-cutting hook asked about every review (`check_stage`) that a methodology plugin answers
only for reviews of its own methodology names it, so that a review of another methodology is
answered with nothing (`[]`) without importing the module:

    check_stage = lazy_hookimpl("my_plugin.checks:check_stage", only_for="my-method")
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from importlib import import_module
from typing import Any

from core.plugin_api import hookspecs
from core.plugin_api.hookspecs import hookimpl


def lazy_hookimpl(
    target: str, *, tryfirst: bool = False, trylast: bool = False, only_for: str | None = None
) -> Callable[..., Any]:
    """A hook implementation standing in for `target` ("package.module:hook_name") until its
    first call. `tryfirst` and `trylast` are given here, as the host orders hooks before any
    call; they must agree with the `@hookimpl` on the function, if it has one. `only_for`
    names the methodology whose reviews the function answers a hook about a review for: any
    other review gets `[]` without the module being imported (the function must answer `[]`
    for those reviews itself)."""
    module_name, _, hook = target.partition(":")
    spec = getattr(hookspecs, hook, None)
    if spec is None or not module_name or not hasattr(spec, f"{hookspecs.PROJECT}_spec"):
        raise ValueError(f"lazy_hookimpl({target!r}): give 'module:function', the function "
                         "named after the casereview hook it implements")
    names = spec.__code__.co_varnames[: spec.__code__.co_argcount]
    if only_for is not None and "review" not in names:
        raise ValueError(f"lazy_hookimpl({target!r}, only_for=...): the hook {hook} is not "
                         "asked about a review")
    loaded: list[tuple[Callable[..., Any], tuple[str, ...]]] = []

    def stand_in(*args: Any) -> Any:
        if only_for is not None and args[names.index("review")].methodology != only_for:
            return []
        if not loaded:
            function = getattr(import_module(module_name), hook)
            loaded.append((function, _arguments(target, function, names, tryfirst, trylast)))
        function, takes = loaded[0]
        given = dict(zip(names, args, strict=True))
        return function(**{name: given[name] for name in takes if name in given})

    stand_in.__name__ = stand_in.__qualname__ = hook
    stand_in.__doc__ = f"Imports {target} on first call."
    stand_in.only_for = only_for  # type: ignore[attr-defined]
    # pluggy reads the arguments an implementation takes through `__wrapped__` (as
    # inspect.signature does): this one takes exactly the hook's, in the specification's order.
    stand_in.__wrapped__ = spec  # type: ignore[attr-defined]
    return hookimpl(tryfirst=tryfirst, trylast=trylast)(stand_in)


def _arguments(
    target: str, function: Callable[..., Any], hook_arguments: tuple[str, ...],
    tryfirst: bool, trylast: bool,
) -> tuple[str, ...]:
    """The hook arguments `function` takes; what pluggy would refuse at registration, refused
    here at the first call."""
    parameters = inspect.signature(function).parameters.values()
    unknown = [p.name for p in parameters
               if p.default is inspect.Parameter.empty and p.name not in hook_arguments]
    if unknown:
        raise TypeError(f"{target} takes {', '.join(unknown)}, which the hook does not give "
                        f"(it gives {', '.join(hook_arguments)})")
    marked = getattr(function, f"{hookspecs.PROJECT}_impl", None)
    if marked is not None and (bool(marked.get("tryfirst")), bool(marked.get("trylast"))) != (
            tryfirst, trylast):
        raise TypeError(f"{target} is marked tryfirst={bool(marked.get('tryfirst'))}, "
                        f"trylast={bool(marked.get('trylast'))}; give lazy_hookimpl the same")
    return tuple(p.name for p in parameters)
