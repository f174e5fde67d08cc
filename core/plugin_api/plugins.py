"""The plugin host: one pluggy manager per run, the registries filled from it, and the calls.

Plugins come from the `casereview` entry-point group (the five methodologies and the built-in
regimes too, exactly like a third-party plugin). `CASEREVIEW_PLUGINS=a,b` limits what loads;
`CASEREVIEW_TRACE_PLUGINS=1` prints every hook call to standard error.

Every run of the command line builds a host, `casereview --help` included, so this module
imports no attrs model: the registries are asked of the plugins on first use.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar
from importlib import metadata
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import pluggy

from core.kernel.errors import (
    CaseReviewError,
    InputProblem,
    InputProblems,
    NotFound,
    PluginConflict,
    PluginError,
    lookup,
)
from core.plugin_api import hookspecs

if TYPE_CHECKING:
    from core.plugin_api.methodology import Methodology, Taxonomy

GROUP = hookspecs.PROJECT
DEFAULTS = "core-defaults"  # the core's own guards and fallbacks: always loaded, by this name
CORE_GROUP = f"{GROUP}.core"  # where it is found: an entry-point group of its own


class PluginInfo(NamedTuple):
    name: str
    version: str
    hooks: tuple[str, ...]
    module: str


def _stamp_methodology(methodology: Any, plugin: str) -> Any:
    """The methodology as registered, marked with the plugin that registered it."""
    from attrs import evolve

    return evolve(methodology, plugin=plugin)


def _as_registered(value: Any, plugin: str) -> Any:
    return value


# registry -> (its registration hook, what it registers, how a registered value is kept)
REGISTRATIONS: Mapping[str, tuple[str, str, Callable[[Any, str], Any]]] = {
    "methodologies": ("register_methodologies", "methodology", _stamp_methodology),
    "regimes": ("register_regimes", "regime", _as_registered),
    "taxonomies": ("register_taxonomies", "taxonomy", _as_registered),
    "exporters": ("register_exporters", "exporter", _as_registered),
}


class PluginHost:
    """Everything plugins contributed, and the one way to call their hooks.

    The registries (methodologies, regimes, taxonomies, exporters) are filled the first time
    each is used, so a run that needs none of them (`casereview --help`) never asks; a name
    registered twice fails then, naming both plugins. `collect()` fills them all at once.
    """

    def __init__(
        self,
        manager: pluggy.PluginManager,
        versions: Mapping[str, str | metadata.EntryPoint] | None = None,
    ):
        self.pm = manager
        # plugin -> its version, or the entry point it came from (read when plugins are listed)
        self._versions = dict(versions or {})
        self._registries: dict[str, dict[str, Any]] = {}
        self._scoped_callers: dict[tuple[str, str, tuple[str, ...]], Any] = {}

    @property
    def methodologies(self) -> dict[str, Methodology]:
        return self._registry("methodologies")

    @property
    def regimes(self) -> dict[str, Any]:
        return self._registry("regimes")

    @property
    def taxonomies(self) -> dict[str, Taxonomy]:
        return self._registry("taxonomies")

    @property
    def exporters(self) -> dict[str, Any]:
        return self._registry("exporters")

    def collect(self) -> PluginHost:
        """Ask every registration hook now, so that a plugin's mistake in one shows at once
        (the conformance kit's hosts do this)."""
        for registry in REGISTRATIONS:
            self._registry(registry)
        return self

    # -- building --------------------------------------------------------------------------

    @classmethod
    def load(
        cls,
        *,
        allow: Iterable[str] | None = None,
        entry_points: bool = True,
        extra: Iterable[tuple[str, object]] = (),
        trace: bool | None = None,
    ) -> PluginHost:
        """A fresh host: entry-point plugins (limited by `allow` or CASEREVIEW_PLUGINS), then
        `extra` (name, plugin) pairs — handy in tests — then `check_pending()`."""
        pm = pluggy.PluginManager(GROUP)
        pm.add_hookspecs(hookspecs)
        if allow is None and "CASEREVIEW_PLUGINS" in os.environ:
            # Set but empty means "no optional plugins", never "all of them".
            allow = [n.strip() for n in os.environ["CASEREVIEW_PLUGINS"].split(",") if n.strip()]
        installed = metadata.entry_points()  # read once: every distribution's metadata
        # The core's own plugin is not optional: the allow-list chooses among the others.
        _register(pm, _core_plugin(installed), DEFAULTS)
        versions: dict[str, str | metadata.EntryPoint] = {DEFAULTS: _OWN}
        if entry_points:
            versions |= _load_entry_points(pm, installed.select(group=GROUP),
                                           None if allow is None else set(allow))
        for name, plugin in extra:
            if pm.get_plugin(name) is plugin:
                continue  # the core's own plugin, named again: it is always there
            _register(pm, plugin, name)
            versions.setdefault(name, "local")
        try:
            pm.check_pending()
        except pluggy.PluginValidationError as error:
            # A misspelt hook name: fail loudly rather than silently never call it.
            raise PluginError(pm.get_name(error.plugin) or "?", "start-up", error) from error
        if trace if trace is not None else os.environ.get("CASEREVIEW_TRACE_PLUGINS") == "1":
            _trace_calls(pm)
        return cls(pm, versions)

    def _registry(self, registry: str) -> dict[str, Any]:
        found = self._registries.get(registry)
        if found is None:
            hook, kind, keep = REGISTRATIONS[registry]
            # Kept only once complete: a failed registration is asked again, not half-kept.
            found = self._registries[registry] = self._register_each(hook, kind, keep)
        return found

    def _register_each(
        self, hook: str, kind: str, keep: Callable[[Any, str], Any]
    ) -> dict[str, Any]:
        into: dict[str, Any] = {}
        owners: dict[str, str] = {}  # name -> plugin

        def register(value: Any) -> None:
            plugin = current_plugin() or "?"
            name = value.name
            owner = owners.get(name)
            if owner is not None:
                raise PluginConflict(
                    f"the {kind} {name!r} is registered by both plugin {owner!r} and "
                    f"plugin {plugin!r}; remove one (CASEREVIEW_PLUGINS limits what loads)"
                )
            owners[name] = plugin
            into[name] = keep(value, plugin)

        getattr(self.pm.hook, hook)(register=register)
        return into

    # -- calling ---------------------------------------------------------------------------
    # pluggy dispatches every call (ordering, firstresult, wrappers). Each implementation is
    # wrapped once, when its plugin registers, so that what it raises names the plugin and a
    # call can hear which plugin gave which answer (see _named).

    def _implementers(self, hook: str) -> list[str]:
        """Plugins implementing `hook`, in pluggy's calling order."""
        impls = getattr(self.pm.hook, hook).get_hookimpls()
        return [impl.plugin_name for impl in reversed(impls)
                if not (impl.hookwrapper or impl.wrapper)]

    def implementers(self, hook: str) -> list[str]:
        """The names of the plugins implementing `hook`, in calling order."""
        return self._implementers(hook)

    def _call(self, caller: Any, *, tolerant: bool = False, **kwargs: Any) -> _Call:
        call = _Call(tolerant)
        token = _CALL.set(call)
        try:
            call.result = caller(**_read_only(kwargs))
        finally:
            _CALL.reset(token)
        return call

    def call_plugin(self, plugin_name: str, hook: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of `hook`; its result, or None."""
        others = [p for name, p in self.pm.list_name_plugin() if name != plugin_name]
        call = self._call(self.pm.subset_hook_caller(hook, remove_plugins=others), **kwargs)
        return next((result for _name, result in call.answers), None)

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a cross-cutting hook on every plugin: [(plugin name, its result), ...]. The
        first plugin that fails stops the call, and the error names it."""
        return self._call(getattr(self.pm.hook, hook), **kwargs).answers

    def gather(self, hook: str, **kwargs: Any) -> tuple[list[tuple[str, Any]], list[PluginError]]:
        """Call a hook on every plugin; a failing plugin is left out and named, the others'
        answers kept: ([(plugin name, its result), ...], [the failures])."""
        call = self._call(getattr(self.pm.hook, hook), tolerant=True, **kwargs)
        return call.answers, call.failures

    def notify_each(self, hook: str, **kwargs: Any) -> list[PluginError]:
        """Tell every plugin of something that has already happened. A failing plugin does not
        stop the others hearing of it; its error is returned, to be reported, not raised."""
        return self.gather(hook, **kwargs)[1]

    def call_methodology(self, methodology: str, hook: str, **kwargs: Any) -> Any:
        """Call a methodology hook on the plugin that registered `methodology` and on no other
        methodology. The core's defaults plugin (trylast) may answer when it has no view;
        wrappers of any plugin still wrap the call.

        firstresult hooks give their result or None; the others give a list of results.
        """
        owner = self.methodology(methodology).plugin
        caller = self._scoped(hook, owner)
        return self._call(caller, methodology=methodology, **kwargs).result

    def _scoped(self, hook: str, owner: str) -> Any:
        """pluggy's caller for `hook` without the other plugins' (non-wrapper) implementations;
        kept while the set of plugins stays the same."""
        key = (hook, owner, tuple(name for name, _ in self.pm.list_name_plugin()))
        caller = self._scoped_callers.get(key)
        if caller is None:
            others = [impl.plugin for impl in getattr(self.pm.hook, hook).get_hookimpls()
                      if impl.plugin_name not in (owner, DEFAULTS)
                      and not (impl.hookwrapper or impl.wrapper)]
            caller = self._scoped_callers[key] = self.pm.subset_hook_caller(hook, others)
        return caller

    # -- looking up ------------------------------------------------------------------------

    def methodology(self, name: str) -> Methodology:
        return lookup(self.methodologies, name, f"no methodology called {name!r}",
                      none="none are loaded")

    def regime(self, name: str) -> Any:
        return lookup(self.regimes, name, f"no regime called {name!r}", none="none are loaded")

    def plugin_infos(self) -> list[PluginInfo]:
        infos = []
        for name, plugin in sorted(self.pm.list_name_plugin(), key=lambda item: item[0]):
            hooks = sorted(caller.name for caller in self.pm.get_hookcallers(plugin) or [])
            module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
            version = _version(self._versions.get(name))
            infos.append(PluginInfo(name, version, tuple(hooks), module))
        return infos


def _core_plugin(installed: Any) -> object:
    """The core's own plugin (the guards every review needs), from its own entry-point group,
    which no allow-list reads: it sits at the top of core/ (core.apps.defaults), so the host
    finds it as it finds every plugin rather than importing it."""
    for ep in installed.select(group=CORE_GROUP, name=DEFAULTS):
        try:
            return ep.load()
        except Exception as error:
            raise PluginError(DEFAULTS, "import", error) from error
    raise CaseReviewError(
        "casereview's own rules (the plugin core-defaults) are not installed, so nothing can "
        "run", hint="install casereview again, the way it was installed (in a checkout of its "
        "source: pip install -e .)")


def _load_entry_points(
    pm: pluggy.PluginManager, found: metadata.EntryPoints, allow: set[str] | None
) -> dict[str, str | metadata.EntryPoint]:
    versions: dict[str, str | metadata.EntryPoint] = {}
    if allow is not None:
        unknown = allow - {ep.name for ep in found} - {DEFAULTS}
        if unknown:
            known = ", ".join(sorted(ep.name for ep in found))
            raise NotFound(
                f"CASEREVIEW_PLUGINS names plugins that are not installed: "
                f"{', '.join(sorted(unknown))}; installed: {known}"
            )
    for ep in found:
        if allow is not None and ep.name not in allow:
            continue
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            plugin = ep.load()
        except Exception as error:
            raise PluginError(ep.name, "import", error) from error
        _register(pm, plugin, ep.name)
        versions[ep.name] = ep  # its version is read only if asked: parsing metadata is slow
    return versions


def _version(source: str | metadata.EntryPoint | None) -> str:
    if source is _OWN:
        return _own_version()
    if isinstance(source, str):
        return source
    dist = source.dist if source is not None else None
    return dist.version if dist is not None else "unknown"


_OWN = "<casereview's own>"  # the core's plugin: its version is casereview's, read if asked


def _own_version() -> str:
    try:
        return metadata.version("casereview")
    except metadata.PackageNotFoundError:
        return "unknown"


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Register one plugin; an implementation that does not match its hook's specification
    (an argument the hook does not have) stops start-up naming the plugin."""
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as error:
        raise PluginError(name, "start-up", error) from error
    for caller in pm.get_hookcallers(plugin) or []:
        for impl in caller.get_hookimpls():
            if impl.plugin is plugin and not (impl.hookwrapper or impl.wrapper):
                # pluggy still makes the call; the wrapper only names who answered or failed.
                setattr(impl, "function", _named(name, caller.name, impl.function))  # noqa: B010


# -- who is answering ----------------------------------------------------------------------


class _Call:
    """One call through pluggy: each plugin's answer, in order, and (when `tolerant`) the
    plugins that failed, left out rather than stopping the others."""

    def __init__(self, tolerant: bool) -> None:
        self.tolerant = tolerant
        self.result: Any = None
        self.answers: list[tuple[str, Any]] = []
        self.failures: list[PluginError] = []


_CALL: ContextVar[_Call | None] = ContextVar("casereview_call", default=None)
_PLUGIN: ContextVar[str | None] = ContextVar("casereview_plugin", default=None)


def current_plugin() -> str | None:
    """The plugin whose hook implementation is running now (None outside any hook): how a
    `register` callback, or a command added in `register_commands`, knows whose it is."""
    return _PLUGIN.get()


# Errors that already say who is at fault, or are about the person's own input (a file, row
# and field): the plugin read it for them and said what is wrong.
_NAMED = (PluginError, PluginConflict, InputProblem, InputProblems)


def _named(plugin: str, hook: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` (plugin's implementation of `hook`) as pluggy will call it: an error it
    raises names the plugin, and the call in progress hears its answer."""

    def answer(*args: Any) -> Any:
        token = _PLUGIN.set(plugin)
        call = _CALL.get()
        try:
            result = function(*args)
        except Exception as error:
            if call is not None and call.tolerant:
                failure = error if isinstance(error, PluginError) else \
                    PluginError(plugin, hook, error)
                failure.__cause__ = failure.__cause__ or error
                call.failures.append(failure)
                return None
            if isinstance(error, _NAMED):
                raise
            raise PluginError(plugin, hook, error) from error
        finally:
            _PLUGIN.reset(token)
        if call is not None:
            call.answers.append((plugin, result))
        return result

    answer.__wrapped__ = function  # type: ignore[attr-defined]
    answer.__name__ = getattr(function, "__name__", hook)
    return answer


def _read_only(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The arguments as a hook receives them: a review it can read but not change."""
    review = kwargs.get("review")
    if review is not None and hasattr(review, "read_only"):
        kwargs = {**kwargs, "review": review.read_only()}
    return kwargs


def _trace_calls(pm: pluggy.PluginManager) -> None:
    def before(hook_name: str, hook_impls: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
        names = ", ".join(impl.plugin_name for impl in hook_impls)
        arguments = ", ".join(sorted(kwargs))
        print(f"casereview: hook {hook_name}({arguments}) -> [{names}]", file=sys.stderr)

    def after(
        outcome: Any, hook_name: str, hook_impls: Sequence[Any], kwargs: Mapping[str, Any]
    ) -> None:
        return None

    pm.add_hookcall_monitoring(before, after)

