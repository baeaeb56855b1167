"""The project's own exceptions; the CLI maps each family to one exit code."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, at a place a user can jump to.

    ``line`` and ``column`` are 1-based; both are ``None`` when the problem
    concerns the file as a whole (missing, empty, unreadable).
    """

    file: str
    line: int | None
    column: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class JourneycheckError(Exception):
    """Base of every error journeycheck reports to a user without a traceback."""

    exit_code = 2


class InputError(JourneycheckError):
    """One or more problems in a plan or playbook; every one is reported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems), key=_reading_order)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(JourneycheckError):
    """A command-line value that cannot be used (a bad date, an unknown phase)."""


class OutputError(JourneycheckError):
    """A report or plan could not be written where the user asked."""


def _reading_order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file, problem.line or 0, problem.column or 0, problem.message)


class IncompleteRun(JourneycheckError):
    """Some plans of a portfolio could not be audited; their problems were printed already."""
