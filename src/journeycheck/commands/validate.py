"""``journeycheck validate``: check plans and the playbooks they name, without scoring."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_INPUT, EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter


def run(
    reporter: Reporter,
    *,
    plans: list[Path],
    strict: bool = False,
    as_of: str | None = None,
    allow_outside: bool = False,
    jobs: int | None = None,
) -> int:
    """``FILE: ok`` for each valid plan, every problem and warning on stderr; 0 when all are
    valid, else 2. ``strict`` makes a plan with warnings invalid; ``allow_outside`` lets
    plans name playbook files outside their repository. Many plans are checked by
    ``jobs`` worker processes (default: one per CPU), reported in the same order."""
    import datetime as dt

    from journeycheck.checking import flags
    from journeycheck.errors import Problem, UsageError
    from journeycheck.paths import PlanFile, expand
    from journeycheck.pipeline import Checked, Failed, Run, Skipped
    from journeycheck.portfolio import audit_each, default_jobs

    today = flags.date(as_of, "--as-of") or dt.date.today()
    run = Run(warnings_as_of=today, allow_outside=allow_outside)
    failed = False
    checked_any, skipped = False, 0
    found = expand(plans)
    workers = default_jobs() if jobs is None else jobs
    outcomes = audit_each([f for f in found if isinstance(f, PlanFile)], run, None, jobs=workers)
    for item in found:
        if isinstance(item, Problem):
            reporter.problems([item])
            failed = True
            continue
        outcome = next(outcomes)
        if isinstance(outcome, Skipped):
            reporter.skipped(outcome.file, outcome.why)
            skipped += 1
            continue
        checked_any = True
        if isinstance(outcome, Checked):
            reporter.problems(outcome.warnings)
            if strict and outcome.warnings:
                failed = True
                reporter.strict_invalid(outcome.file)
            else:
                reporter.ok(outcome.file)
            reporter.version_gap(outcome.file, outcome.version_gap)
        elif isinstance(outcome, Failed):
            failed = True
            reporter.failed(outcome.file, outcome.problems)
    if skipped and not checked_any:
        # As for audit: a run that found nothing to check has not shown the plans valid.
        raise UsageError("JC426", skipped=skipped)
    return EXIT_INPUT if failed else EXIT_OK
