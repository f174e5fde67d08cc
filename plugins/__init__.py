"""Built-in plugins that are not methodologies (the statutory regimes), and the kit for plugin
authors: `plugins.testing`, a pytest plugin with fixtures and a methodology conformance check.

Nothing is imported here: pytest loads `plugins.testing` in every run, and the regimes load
through their entry points.
"""
