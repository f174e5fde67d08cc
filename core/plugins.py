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
from importlib import metadata
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

import pluggy

from core import hookspecs
from core.errors import InputProblem, InputProblems, NotFound, PluginConflict, PluginError, lookup

if TYPE_CHECKING:
    from core.methodology import Methodology, Taxonomy

GROUP = hookspecs.PROJECT
DEFAULTS = "core-defaults"  # the core's own fallbacks, registered like any plugin


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
        if allow is None and os.environ.get("CASEREVIEW_PLUGINS"):
            allow = [n.strip() for n in os.environ["CASEREVIEW_PLUGINS"].split(",") if n.strip()]
        versions: dict[str, str | metadata.EntryPoint] = {}
        if entry_points:
            versions = _load_entry_points(pm, None if allow is None else set(allow))
        for name, plugin in extra:
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
        for plugin_name in self._implementers(hook):

            def register(value: Any, _plugin: str = plugin_name) -> None:
                name = value.name
                owner = owners.get(name)
                if owner is not None:
                    raise PluginConflict(
                        f"the {kind} {name!r} is registered by both plugin {owner!r} and "
                        f"plugin {_plugin!r}; remove one (CASEREVIEW_PLUGINS limits what loads)"
                    )
                owners[name] = _plugin
                into[name] = keep(value, _plugin)

            self._call_one(plugin_name, hook, register=register)
        return into

    # -- calling ---------------------------------------------------------------------------

    def _implementers(self, hook: str) -> list[str]:
        """Plugins implementing `hook`, in pluggy's calling order."""
        impls = getattr(self.pm.hook, hook).get_hookimpls()
        return [impl.plugin_name for impl in reversed(impls)]

    def _call_one(self, plugin_name: str, hook: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of `hook` through pluggy (so tracing holds) and
        return its result or None, naming the plugin if it raises."""
        others = [p for name, p in self.pm.list_name_plugin() if name != plugin_name]
        caller = self.pm.subset_hook_caller(hook, remove_plugins=others)
        try:
            result = caller(**kwargs)
        except (PluginError, PluginConflict, InputProblem, InputProblems):
            # Already names who is at fault, or is about the person's own input (a file, row
            # and field): the plugin read it for them and said what is wrong.
            raise
        except Exception as error:
            raise PluginError(plugin_name, hook, error) from error
        if self._firstresult(hook):
            return result
        return result[0] if result else None

    def _firstresult(self, hook: str) -> bool:
        spec = getattr(self.pm.hook, hook).spec
        return bool(spec and spec.opts.get("firstresult"))

    def implementers(self, hook: str) -> list[str]:
        """The names of the plugins implementing `hook`, in calling order."""
        return self._implementers(hook)

    def call_plugin(self, plugin_name: str, hook: str, **kwargs: Any) -> Any:
        """Call one plugin's implementation of `hook`; its result, or None."""
        return self._call_one(plugin_name, hook, **kwargs)

    def call_each(self, hook: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call a cross-cutting hook on every plugin: [(plugin name, its result), ...]."""
        return [(name, self._call_one(name, hook, **kwargs)) for name in self._implementers(hook)]

    def notify_each(self, hook: str, **kwargs: Any) -> list[PluginError]:
        """Tell every plugin of something that has already happened. A failing plugin does not
        stop the others hearing of it; its error is returned, to be reported, not raised."""
        failures = []
        for name in self._implementers(hook):
            try:
                self._call_one(name, hook, **kwargs)
            except PluginError as error:
                failures.append(error)
        return failures

    def call_methodology(self, methodology: str, hook: str, **kwargs: Any) -> Any:
        """Call a methodology hook on the plugin that registered `methodology` and on no other
        methodology. The core's defaults plugin (trylast) may answer when it has no view.

        firstresult hooks give their result or None; the others give a list of results.
        """
        owner = self.methodology(methodology).plugin
        names = [owner]
        if self.pm.has_plugin(DEFAULTS) and owner != DEFAULTS:
            names.append(DEFAULTS)
        implementers = set(self._implementers(hook))
        first = self._firstresult(hook)
        results = []
        for name in names:
            if name not in implementers:
                continue
            result = self._call_one(name, hook, methodology=methodology, **kwargs)
            if result is not None:
                if first:
                    return result
                results.append(result)
        return None if first else results

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


def _load_entry_points(
    pm: pluggy.PluginManager, allow: set[str] | None
) -> dict[str, str | metadata.EntryPoint]:
    versions: dict[str, str | metadata.EntryPoint] = {}
    found = metadata.entry_points(group=GROUP)
    if allow is not None:
        unknown = allow - {ep.name for ep in found}
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
    if isinstance(source, str):
        return source
    dist = source.dist if source is not None else None
    return dist.version if dist is not None else "unknown"


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    """Register one plugin; an implementation that does not match its hook's specification
    (an argument the hook does not have) stops start-up naming the plugin."""
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as error:
        raise PluginError(name, "start-up", error) from error


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

