"""Formatters of a :class:`Report`: French text, JSON, GitHub workflow annotations, GitLab Code Quality."""

from __future__ import annotations

import hashlib
import json
from itertools import groupby

from eclaireur.check.report import Problem, Report


def _plural(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


def location(problem: Problem) -> str:
    """``data/projets.csv:14: colonne « budget_total »`` (the parts that are known)."""
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    if problem.column:
        return f"{where}: colonne « {problem.column} »"
    if problem.column_number:
        return f"{where}: colonne n° {problem.column_number}"
    return where


def text_line(problem: Problem) -> str:
    return f"{location(problem)} : {problem.message}"


def summary(report: Report) -> str:
    if report.valid:
        return f"Aucun problème : {_plural(len(report.files), 'fichier vérifié', 'fichiers vérifiés')}."
    return (
        f"{_plural(report.problem_count, 'problème', 'problèmes')} dans "
        f"{_plural(len(report.problem_files), 'fichier', 'fichiers')}."
    )


def render_text(report: Report) -> str:
    """Problems grouped by file, one line each, notices, limits reached, then the total."""
    lines: list[str] = []
    notices: dict[str, list[str]] = {notice.file: [] for notice in report.notices}
    for notice in report.notices:
        notices[notice.file].append(notice.message)
    for file, problems in groupby(report.problems, key=lambda problem: problem.file):
        lines.append(f"{file}")
        lines.extend(f"  {message}" for message in notices.pop(file, []))
        lines.extend(text_line(problem) for problem in problems)
        if file in report.truncated:
            lines.append(
                f"{file} : vérification arrêtée après {report.limit_errors} problèmes ; relancez avec "
                "--limit-errors 0 pour tout voir."
            )
        lines.append("")
    for file, messages in sorted(notices.items()):
        lines.append(f"{file} : " + " ; ".join(messages))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render_json(report: Report) -> str:
    """The report as JSON: stable codes, problems sorted by file, line and column."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def escape_data(text: str) -> str:
    """Escape a workflow command message (``%``, ``\\r``, ``\\n``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """``::error file=…,line=…,title=…::message`` lines, then a plain summary line."""
    lines = []
    for problem in report.problems:
        properties = [f"file={escape_property(problem.file)}"]
        if problem.line is not None:
            properties.append(f"line={problem.line}")
        title = problem.title + (f" ({problem.column})" if problem.column else "")
        properties.append(f"title={escape_property(title)}")
        lines.append(f"::error {','.join(properties)}::{escape_data(text_line(problem))}")
    for file in report.truncated:
        message = f"vérification arrêtée après {report.limit_errors} problèmes ; relancez avec --limit-errors 0"
        lines.append(f"::warning file={escape_property(file)}::{escape_data(message)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render_gitlab(report: Report) -> str:
    """The GitLab Code Quality report (a JSON list), shown on the lines of a merge request.

    The fingerprint is stable for the same problem at the same place, so GitLab can tell new problems
    from those the target branch already had.
    """
    issues = []
    for problem in report.problems:
        identity = json.dumps([problem.code, problem.file, problem.line, problem.column, problem.message],
                              ensure_ascii=False)
        issues.append(
            {
                "type": "issue",
                "check_name": problem.code,
                "description": text_line(problem),
                "categories": ["Bug Risk"],
                "severity": "major",
                "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                "location": {"path": problem.file, "lines": {"begin": problem.line or 1}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": render_text, "json": render_json, "github": render_github, "gitlab": render_gitlab}
