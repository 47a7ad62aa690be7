"""Errors and problems that name the file (and line) they are about.

Every message the user sees is one line: where, what is wrong, and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one input file."""

    path: Path | None
    message: str
    line: int | None = None  # 1-based, when the problem has one

    def format(self, relative_to: Path | None = None) -> str:
        where = ""
        if self.path is not None:
            where = str(_display_path(self.path, relative_to))
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return where + self.message

    def to_json(self, relative_to: Path | None = None) -> dict[str, object]:
        return {
            "file": None if self.path is None else str(_display_path(self.path, relative_to)),
            "line": self.line,
            "message": self.message,
        }


def _display_path(path: Path, relative_to: Path | None) -> Path:
    if relative_to is not None:
        try:
            return path.resolve().relative_to(relative_to.resolve())
        except ValueError:
            pass
    return path


class AnnotatorError(Exception):
    """A failure the user can act on; the CLI prints it as one line and exits non-zero."""

    exit_code = 2

    def __init__(self, message: str, path: Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.problem = Problem(path, message, line)

    def __str__(self) -> str:
        return self.problem.format()


class InvalidFileError(AnnotatorError):
    """A file failed validation; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.message, first.path, first.line)
        self.problem = first
        self.problems = problems

    def __str__(self) -> str:
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''}; run 'annotator validate')"
        return self.problem.format() + (suffix if more else "")


class ConflictError(AnnotatorError):
    """The file changed on disk since it was loaded; saving would overwrite someone's work."""
