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
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.paths import NotAPlan, PlanFile, read_plan

if TYPE_CHECKING:
    from journeycheck.pipeline import AuditSettings, PlaybookCache
    from journeycheck.render import Format, RenderOptions, Section
    from journeycheck.result import AuditResult


@dataclass(frozen=True)
class Audited:
    """A plan that was audited, rendered as its part of the portfolio report."""

    file: str
    section: Section
    #: The playbook file the plan named (``None`` for a built-in playbook).
    playbook_file: Path | None = None


@dataclass(frozen=True)
class Sections:
    """Renders an audited plan as its portfolio section (picklable, for worker processes)."""

    format: Format
    options: RenderOptions

    def __call__(self, result: AuditResult) -> Section:
        from journeycheck.render import section_of

        return section_of(self.format, result, self.options)


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


def audit_target(
    file: PlanFile, settings: AuditSettings, cache: PlaybookCache, sections: Sections
) -> Outcome:
    """Audit and render one file; problems become a :class:`Failed` outcome, not an exception."""
    from journeycheck.pipeline import audit_with, plan_from_document

    try:
        doc = read_plan(file)
        if isinstance(doc, NotAPlan):
            return Skipped(file.name, doc.why)
        loaded = plan_from_document(doc, file.path, cache)
        result = audit_with(loaded, settings)
    except InputError as exc:
        return Failed(file.name, tuple(exc.problems))
    except UsageError as exc:
        # A flag the plan's playbook cannot satisfy (--gate, --team, --phase):
        # reported against this plan, so the others are still audited.
        return Failed(file.name, (Problem(file.name, None, None, exc.code, **exc.params),))
    return Audited(file.name, sections(result), loaded.playbook_file)


#: Fewer plans than this are audited in this process: starting workers would cost
#: more than it saves (measured in docs/performance.md).
POOL_FROM = 40


def audit_each(
    files: Iterable[PlanFile],
    settings: AuditSettings,
    cache: PlaybookCache,
    sections: Sections,
    *,
    jobs: int = 1,
) -> Iterator[Outcome]:
    """Audit and render ``files`` in order, yielding each outcome as it is known.

    With ``jobs`` above 1 and enough files, worker processes do the work (each
    plan's section is rendered where it was audited, so only text travels back)
    and the outcomes still come in the order of ``files``.
    """
    files = list(files)
    if jobs > 1 and len(files) >= POOL_FROM:
        # The first plan is audited here: it imports what auditing needs and loads its
        # playbook, and the forked workers inherit both instead of each loading them.
        yield audit_target(files[0], settings, cache, sections)
        yield from _audit_in_pool(files[1:], settings, cache, sections, jobs)
        return
    for file in files:
        yield audit_target(file, settings, cache, sections)


def default_jobs() -> int:
    """The processes this machine lets us use."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _audit_in_pool(
    files: list[PlanFile],
    settings: AuditSettings,
    cache: PlaybookCache,
    sections: Sections,
    jobs: int,
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork starts workers in milliseconds, with everything already imported and loaded.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_start_worker,
        initargs=(settings, cache, sections),
    ) as pool:
        yield from pool.map(_audit_in_worker, files, chunksize=chunk)


_worker: tuple[AuditSettings, PlaybookCache, Sections] | None = None


def _start_worker(settings: AuditSettings, cache: PlaybookCache, sections: Sections) -> None:
    """Each worker keeps one playbook cache for all the plans it audits."""
    import gc

    global _worker
    _worker = (settings, cache, sections)
    # What the worker inherited (modules, the loaded playbook) lives as long as it does:
    # keep the garbage collector from scanning it again and again, plan after plan.
    gc.freeze()


def _audit_in_worker(file: PlanFile) -> Outcome:
    assert _worker is not None
    return audit_target(file, *_worker)
