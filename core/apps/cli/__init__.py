"""The `casereview` command line. Commands live in small modules beside this one; plugins add
theirs through the `register_commands` hook. Each core command's module is imported when it
runs (core.apps.cli.commands), and heavy libraries only where they are needed."""

from __future__ import annotations

from core.apps.cli.base import CaseReviewCLI, main

__all__ = ["CaseReviewCLI", "main"]
