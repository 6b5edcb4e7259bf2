"""What ``eclaireur check`` found: plain, serialisable data (errors as data, not exceptions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eclaireur.check.catalogue import kind_for


@dataclass(frozen=True)
class Problem:
    """One problem in one file.

    ``line`` is the line an editor shows (the header of a CSV is line 1, a quoted cell spanning three
    lines counts three); ``row`` is the CSV record number frictionless calls ``rowNumber``.
    """

    code: str
    file: str
    message: str
    line: int | None = None
    column: str | None = None
    column_number: int | None = None
    value: str | None = None
    row: int | None = None

    @property
    def title(self) -> str:
        return kind_for(self.code).title

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line or 0, self.column_number or 0, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "title": self.title,
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "column": self.column,
            "column_number": self.column_number,
            "value": self.value,
            "message": self.message,
        }


@dataclass(frozen=True)
class Notice:
    """Information about how a file was read (detected encoding, delimiter), not a problem."""

    file: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "message": self.message}


@dataclass
class Report:
    """The outcome of a check: problems sorted by file and line, files read, limits reached."""

    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    limit_errors: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def problem_count(self) -> int:
        return len(self.problems)

    @property
    def problem_files(self) -> list[str]:
        """Files with at least one problem, sorted."""
        return sorted({problem.file for problem in self.problems})

    def counts(self) -> dict[str, int]:
        """Number of problems per code, sorted by code."""
        result: dict[str, int] = {}
        for problem in self.problems:
            result[problem.code] = result.get(problem.code, 0) + 1
        return dict(sorted(result.items()))

    def add(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def add_file(self, path: str) -> None:
        if path not in self.files:
            self.files.append(path)

    def finish(self) -> Report:
        """Sort everything so the same inputs give the same report."""
        self.problems.sort(key=Problem.sort_key)
        self.files.sort()
        self.notices.sort(key=lambda notice: (notice.file, notice.message))
        self.truncated = sorted(set(self.truncated))
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "problem_count": self.problem_count,
            "file_count": len(self.problem_files),
            "files_checked": list(self.files),
            "counts": self.counts(),
            "limit_errors": self.limit_errors,
            "truncated": list(self.truncated),
            "notices": [notice.to_dict() for notice in self.notices],
            "problems": [problem.to_dict() for problem in self.problems],
        }
