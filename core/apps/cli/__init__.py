"""The `casereview` command line. Commands live in small modules beside this one; plugins add
theirs through the `register_commands` hook. Heavy libraries are imported inside commands."""

from __future__ import annotations

from core.apps.cli.base import CaseReviewCLI, main

__all__ = ["CaseReviewCLI", "main"]
