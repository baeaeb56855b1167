"""Auditing many plans in one run, one at a time or in worker processes.

:func:`journeycheck.paths.expand` turns command-line arguments (files and
folders) into an ordered list of files; :func:`audit_each` audits them lazily,
each through :func:`journeycheck.pipeline.process`, yielding one outcome per
file, so a caller can stream results without holding them all. Every plan
shares one :class:`~journeycheck.pipeline.Run` (each worker its own copy), so a
playbook is parsed, validated and checked against the flags once per process,
however many plans name it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from journeycheck import i18n
from journeycheck.pipeline import (
    Audited,
    Checked,
    Failed,
    Skipped,
    kept_out_for_good,
    kept_out_of_collections,
    process,
)

if TYPE_CHECKING:
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import Run
    from journeycheck.render import Format, RenderOptions, Section
    from journeycheck.result import AuditResult
    from journeycheck.tickets import Located
    from journeycheck.upgrading import VersionGap


class Rendered(NamedTuple):
    """A plan that was audited, rendered as its part of the portfolio report."""

    file: str
    section: Section
    #: The playbook file the plan named (``None`` for a built-in playbook).
    playbook_file: Path | None = None
    #: Set when the plan was written against another version of its playbook.
    version_gap: VersionGap | None = None


@dataclass(frozen=True)
class Sections:
    """Renders an audited plan as its portfolio section (picklable, for worker processes)."""

    format: Format
    options: RenderOptions

    def __call__(self, result: AuditResult, located: Located | None = None) -> Section:
        from journeycheck.render import section_of

        return section_of(self.format, result, self.options, located)


Outcome = Rendered | Checked | Failed | Skipped


def audit_target(file: PlanFile, run: Run, sections: Sections | None) -> Outcome:
    """Audit and render one file; problems become a :class:`Failed` outcome, not an exception.

    Without ``sections`` (a run that only checks, ``validate``) the outcome is sent as it is.
    """
    outcome = process(file, run)
    if sections is None:
        assert not isinstance(outcome, Audited), "a run that renders nothing scores nothing"
        return outcome
    if isinstance(outcome, Audited):
        section = sections(outcome.result, outcome.located)
        return Rendered(outcome.file, section, outcome.playbook_file, outcome.version_gap)
    assert not isinstance(outcome, Checked), "a portfolio run scores its plans"
    return outcome


#: Fewer plans than this are audited in this process: starting workers would cost
#: more than it saves (measured in docs/performance.md).
POOL_FROM = 40


def audit_each(
    files: Iterable[PlanFile],
    run: Run,
    sections: Sections | None,
    *,
    jobs: int = 1,
) -> Iterator[Outcome]:
    """Audit and render ``files`` in order, yielding each outcome as it is known.

    With ``jobs`` above 1 and enough files, worker processes do the work (each
    plan's section is rendered where it was audited, so only text travels back)
    and the outcomes still come in the order of ``files``. ``sections`` ``None``
    checks the plans without scoring them (``validate``).
    """
    files = list(files)
    if not files:
        return
    # The first plan imports what auditing needs and loads its playbook; forked workers
    # inherit both instead of each loading them.
    yield audit_target(files[0], run, sections)
    if len(files) == 1:
        return
    # What is alive after the first plan lives as long as the run.
    with kept_out_of_collections():
        if jobs > 1 and len(files) >= POOL_FROM:
            yield from _audit_in_pool(files[1:], run, sections, jobs)
            return
        for file in files[1:]:
            yield audit_target(file, run, sections)


def default_jobs() -> int:
    """The processes this machine lets us use."""
    import os

    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


#: Workers per CPU at most, whatever ``--jobs`` asks: auditing keeps a CPU busy, so more
#: workers than this only cost memory and start-up (measured in docs/performance.md).
JOBS_PER_CPU = 4


def worker_count(jobs: int, plans: int) -> int:
    """The workers to start for ``plans`` plans when ``jobs`` are asked for.

    Never more than the plans themselves, nor than :data:`JOBS_PER_CPU` per CPU:
    ``--jobs 400`` on two CPUs starts 8, not 400 processes.
    """
    return max(1, min(jobs, plans, JOBS_PER_CPU * default_jobs()))


def _audit_in_pool(
    files: list[PlanFile],
    run: Run,
    sections: Sections | None,
    jobs: int,
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Before the fork, so the workers inherit it: wherever it does anything (glibc, on
    # Linux), they are forked.
    steady_heap()
    methods = multiprocessing.get_all_start_methods()
    # fork starts workers in milliseconds, with everything already imported and loaded.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    workers = worker_count(jobs, len(files))
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(run, sections, i18n.current()),
    )
    widen_results_pipe(pool)
    from journeycheck import stopping

    size = batch_size(len(files), workers)
    try:
        # The workers are let go as soon as the last outcomes are here: a caller that
        # takes exactly as many as it gave files (validate) never asks for one more.
        for outcome in in_order(pool, files, size, workers * 4, last=pool.shutdown):
            stopping.check()
            yield outcome
    except BaseException:
        # Stopped part way (a signal, Ctrl-C, an error, a reader gone): end the workers
        # now. An executor's exit would wait for all the work submitted, and a Pool's
        # terminate can wait for ever on a queue lock a worker held as it died.
        _end(pool)
        raise
    pool.shutdown()  # done already, unless there was nothing to do


#: Linux's fcntl commands for a pipe's capacity, and the capacity asked for the pipe
#: the workers send their outcomes through: a batch of plans as JSON is about 1 MB.
F_SETPIPE_SZ, F_GETPIPE_SZ = 1031, 1032
RESULTS_PIPE_BYTES = 1 << 20


def widen_results_pipe(pool: Any) -> None:
    """Let a worker write a batch's outcomes into the pipe in one go.

    The executor's result pipe holds 64 KB, a sixteenth of a batch: a worker wrote
    each batch in sixteen steps, waiting each time for this process to be scheduled
    and read. A megabyte (an unprivileged process's limit on Linux) takes a batch at
    once: 1,000 plans took 2.15 -> 1.97 s wall and 3.90 -> 3.68 s CPU
    (docs/performance.md). Where the pipe cannot be widened (another system, another
    Python's executor, a lower limit) it works as before, more slowly.
    """
    try:
        import fcntl

        reader = pool._result_queue._reader
        fcntl.fcntl(reader.fileno(), F_SETPIPE_SZ, RESULTS_PIPE_BYTES)
    except (ImportError, AttributeError, OSError, ValueError):
        pass


#: glibc's ``mallopt`` parameters, and the sizes a pool's processes set them to.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
HEAP_MMAP_BYTES, HEAP_TRIM_BYTES = 2 << 20, 4 << 20


def steady_heap() -> None:
    """Keep a batch's megabyte in the heap from one batch to the next (glibc only).

    glibc gives a block of more than its threshold (128 KB at first) pages of its own
    and returns them when it is freed, and it returns a heap's free top over twice
    that. A batch's pickle (~1 MB as JSON, made by a worker and read by this process)
    is such a block, so each batch's pages were faulted in afresh: 1,000 plans took
    82,000 page faults and 0.41 s of system time, against 13,800 and 0.22 s with
    blocks up to 2 MB kept in the heap and up to 4 MB of its top kept free
    (docs/performance.md). Elsewhere (musl, macOS, Windows) this does nothing.
    """
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        os.confstr("CS_GNU_LIBC_VERSION")  # raises where the C library is not glibc
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (ValueError, OSError, AttributeError):
        return
    mallopt(M_MMAP_THRESHOLD, HEAP_MMAP_BYTES)
    mallopt(M_TRIM_THRESHOLD, HEAP_TRIM_BYTES)


def batch_size(plans: int, workers: int) -> int:
    """Plans a worker audits per exchange with this process.

    Fewer exchanges cost less, but each batch is held twice at once (the worker's
    outcomes and their pickled copy, ~120 KB a plan as JSON): batches of 32
    took 10,000 plans' peak memory to 147 MB, batches of 8 to 123 MB, with the
    same CPU time (docs/performance.md). Smaller still while each worker gets
    eight batches or fewer.
    """
    return max(1, min(8, plans // (workers * 8)))


def in_order(
    pool: Any,
    files: list[PlanFile],
    size: int,
    window: int,
    *,
    last: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """Audit ``files`` in batches of ``size`` on ``pool``, yielding outcomes in order.

    At most ``window`` batches are given out ahead of the one being read, so a
    reader slower than the workers (``| less``, a slow disk) holds the memory of a
    few batches, not of every plan; ``executor.map`` gives out all of them at once.
    ``last`` is called once every outcome has come back, before the last are yielded.
    """
    from collections import deque

    batches = (files[start : start + size] for start in range(0, len(files), size))
    given: deque[Any] = deque()
    for batch in batches:
        given.append(pool.submit(_audit_batch, batch))
        if len(given) >= window:
            break
    while given:
        outcomes = given.popleft().result()
        following = next(batches, None)
        if following is not None:
            given.append(pool.submit(_audit_batch, following))
        elif not given and last is not None:
            last()
        yield from outcomes


def _end(pool: Any) -> None:
    """Kill ``pool``'s worker processes and let it go, without waiting for its work."""
    kill_workers = getattr(pool, "kill_workers", None)  # Python 3.14 and later
    if kill_workers is not None:
        kill_workers()
    else:  # before it, through the executor's own table of its processes
        # None once the pool has been shut down.
        for worker in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError):
                worker.kill()
    pool.shutdown(wait=False, cancel_futures=True)


_worker: tuple[Run, Sections | None] | None = None


def _start_worker(run: Run, sections: Sections | None, lang: str = "en") -> None:
    """Each worker keeps one run (its playbooks, its checked flags) for all the plans it audits.

    It speaks the run's language: a context variable is not carried into a process
    started by spawn, and a forked one should not depend on which thread forked it.

    Signals are the parent's to handle: it ends the workers when it stops (Ctrl-C
    reaches the whole process group, SIGTERM and SIGHUP only the parent).
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)

    i18n.activate(lang)
    global _worker
    _worker = (run, sections)
    # What the worker inherited (modules, the loaded playbook) lives as long as it does:
    # keep the garbage collector from scanning it again and again, plan after plan.
    kept_out_for_good()


def worded(outcome: Outcome) -> Outcome:
    """``outcome`` with a checked plan's warnings as the lines ``validate`` prints of them.

    Unpickling a batch's Problems was the largest part of what ``validate``'s main
    process did while the workers checked plans (0.07 of 0.17 s CPU for 1,000 plans
    and their 14,749 warnings); their lines cross ~20 times more cheaply, and are
    worded in the run's language, as this process would have worded them.
    """
    if not isinstance(outcome, Checked):
        return outcome
    return outcome._replace(warnings=tuple(str(warning) for warning in outcome.warnings))


def _audit_batch(files: list[PlanFile]) -> list[Outcome]:
    """A batch's outcomes as a worker sends them: a validated plan's warnings as their lines
    (:func:`worded`), a JSON section as UTF-8 bytes.

    A plan's JSON is about 120 KB; pickling it as text encoded it here, and the main
    process decoded it only to encode it again as it wrote it out: a tenth of that
    process's work, and 0.13 s of 1,000 plans' wall time (docs/performance.md). As
    bytes it is written out as it came. The other formats' sections are small.
    """
    assert _worker is not None
    from journeycheck.render import Format

    run, sections = _worker
    outcomes = [audit_target(file, run, sections) for file in files]
    if sections is None:
        return [worded(outcome) for outcome in outcomes]
    if sections.format is not Format.JSON:
        return outcomes
    return [
        outcome._replace(section=outcome.section.encoded())
        if isinstance(outcome, Rendered)
        else outcome
        for outcome in outcomes
    ]
