"""``eclaireur check``: validate the Data Package and the project rules, report in French."""

from __future__ import annotations

from eclaireur.check.report import Notice, Problem, Report

__all__ = ["Notice", "Problem", "Report"]
