"""Root Cause Analysis keeps the plugin contract: the conformance kit, one test per check."""

from plugins.testing import MethodologyConformance


class TestRootCauseAnalysis(MethodologyConformance):
    methodology = "rca"
