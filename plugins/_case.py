"""The conformance kit's case: one methodology loaded in a host, with the reviews it is checked
on. Every check of the kit (plugins._conformance, _results, _whole_review) takes one."""

from __future__ import annotations

from typing import Any

from attrs import define

from core.kernel.state import ReviewState
from core.plugin_api.methodology import Methodology
from core.plugin_api.plugins import PluginHost
from core.plugin_api.reviews import Reviews


@define
class Conformance:
    """One methodology, loaded in a host with the core's plugins and a control methodology,
    with a sample review that uses it and another that uses the control."""

    methodology: str
    host: PluginHost
    reviews: Reviews
    review: ReviewState
    other: ReviewState
    plugins: tuple[Any, ...] = ()  # as given to the kit: entry-point names and plugin objects
    example: Any = None  # the whole example review, once run (plugins._whole_review)

    @property
    def descriptor(self) -> Methodology:
        return self.host.methodologies[self.methodology]

    @property
    def plugin(self) -> str:
        return self.descriptor.plugin

    def implements(self, hook: str) -> bool:
        impls = getattr(self.host.pm.hook, hook).get_hookimpls()
        return any(impl.plugin_name == self.plugin for impl in impls)

    def call(self, hook: str, **kwargs: Any) -> Any:
        return self.host.call_methodology(self.methodology, hook, **kwargs)
