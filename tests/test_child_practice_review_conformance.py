"""The Child Practice Review keeps the plugin contract: the conformance kit, one test per check."""

from plugins.testing import MethodologyConformance


class TestChildPracticeReview(MethodologyConformance):
    methodology = "child-practice-review"
