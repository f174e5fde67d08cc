"""SILP keeps the plugin contract: the conformance kit, one test per check."""

from plugins.testing import MethodologyConformance


class TestSilp(MethodologyConformance):
    methodology = "silp"
