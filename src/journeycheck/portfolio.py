"""Auditing many plans in one run, one at a time.

:func:`journeycheck.paths.expand` turns command-line arguments (files and
folders) into an ordered list of files; :func:`audit_each` audits them lazily,
yielding one outcome per file, so a caller can stream results without holding
them all. Every plan shares one :class:`~journeycheck.pipeline.PlaybookCache`,
so a playbook is parsed and validated once per run, however many plans name it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.paths import NotAPlan, PlanFile, read_plan

if TYPE_CHECKING:
    from journeycheck.pipeline import AuditSettings, PlaybookCache
    from journeycheck.result import AuditResult


@dataclass(frozen=True)
class Audited:
    """A plan that was audited."""

    file: str
    result: AuditResult


@dataclass(frozen=True)
class Failed:
    """A plan that could not be audited, and every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Skipped:
    """A YAML file found in a folder that is not a plan."""

    file: str
    why: str


Outcome = Audited | Failed | Skipped


def audit_target(file: PlanFile, settings: AuditSettings, cache: PlaybookCache) -> Outcome:
    """Audit one file; problems become a :class:`Failed` outcome instead of an exception."""
    from journeycheck.pipeline import audit_document

    try:
        doc = read_plan(file)
        if isinstance(doc, NotAPlan):
            return Skipped(file.name, doc.why)
        result = audit_document(doc, file.path, cache, settings)
    except InputError as exc:
        return Failed(file.name, tuple(exc.problems))
    except UsageError as exc:
        # A flag the plan's playbook cannot satisfy (--gate, --team, --phase):
        # reported against this plan, so the others are still audited.
        return Failed(file.name, (Problem(file.name, None, None, str(exc)),))
    return Audited(file.name, result)


def audit_each(
    files: Iterable[PlanFile], settings: AuditSettings, cache: PlaybookCache
) -> Iterator[Outcome]:
    """Audit ``files`` one at a time, in order, yielding each outcome as it is known."""
    for file in files:
        yield audit_target(file, settings, cache)
