"""Running ``journeycheck audit``: one plan or a portfolio, to stdout or a file.

The CLI parses the options and decides the exit code; this module does the run:
it audits, renders, writes the report only once the run has succeeded, and
collects the ``--fail-under``/``--fail-on`` outcomes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.errors import IncompleteRun, InputError, UsageError
from journeycheck.render import Format

if TYPE_CHECKING:
    from rich.console import Console

    from journeycheck.pipeline import AuditSettings
    from journeycheck.render import PlanSummary, RenderOptions, Section


@dataclass
class Gates:
    """The --fail-under/--fail-on checks; with several plans, any failing plan fails the run."""

    fail_under: float | None = None
    #: "no-go", or "at-risk" (which also fails on no-go).
    fail_on: str | None = None
    failures: list[str] = field(default_factory=list)

    def check(self, row: PlanSummary, file: str | None = None) -> None:
        where = f"{file}: " if file is not None else ""
        if self.fail_under is not None and row.score is not None and row.score < self.fail_under:
            self.failures.append(
                f"{where}gate score {row.score:.1f} is below --fail-under {self.fail_under:g}"
            )
        if self.fail_on is not None and (
            row.verdict == "no-go" or (self.fail_on == "at-risk" and row.verdict == "at-risk")
        ):
            self.failures.append(f"{where}verdict is {row.verdict} (--fail-on {self.fail_on})")


def audit_one(
    plan: Path,
    settings: AuditSettings,
    fmt: Format,
    options: RenderOptions,
    output: Path | None,
    gates: Gates,
) -> None:
    """One plan: the single-plan report, written once the audit has succeeded."""
    from journeycheck.files import open_output
    from journeycheck.pipeline import PlaybookCache, audit_file
    from journeycheck.render import PlanSummary, renderer_for

    refuse_overwriting_inputs(output, [plan])
    cache = PlaybookCache()
    result = audit_file(plan, cache, settings)
    refuse_overwriting_inputs(output, cache.files(), "JC510")
    text = renderer_for(fmt)(result, options)
    with open_output(output) as stream:
        stream.write(text)
    gates.check(PlanSummary.of(result))


def audit_many(
    arguments: list[Path],
    settings: AuditSettings,
    fmt: Format,
    options: RenderOptions,
    output: Path | None,
    gates: Gates,
    jobs: int | None,
) -> None:
    """A portfolio: plans audited one at a time (or by workers) and streamed into the report.

    Problems in a plan are printed as they are found and the other plans are
    still audited; the run then fails (exit 2) and an --output file is not written.
    """
    from journeycheck.files import open_output
    from journeycheck.paths import PlanFile, expand
    from journeycheck.pipeline import PlaybookCache
    from journeycheck.portfolio import Audited, Failed, Sections, Skipped, audit_each, default_jobs
    from journeycheck.progress import Reporter
    from journeycheck.render import assembler_for

    found = expand(arguments)
    targets = [item for item in found if isinstance(item, PlanFile)]
    unusable = [item for item in found if not isinstance(item, PlanFile)]
    if not targets:
        raise InputError(unusable)
    refuse_overwriting_inputs(output, [target.path for target in targets])
    cache = PlaybookCache()
    # A folder that could not be listed, or holds no YAML file, fails the run like a bad plan.
    tally = {"audited": 0, "failed": len(unusable), "skipped": 0}
    # Playbook files the plans named, wherever they were audited (workers have their own cache).
    used_playbooks: set[Path] = set()

    with Reporter(len(targets), progress_console(len(targets), fmt, output)) as reporter:
        for problem in unusable:
            reporter.note(str(problem))

        def sections() -> Iterator[Section]:
            workers = default_jobs() if jobs is None else jobs
            render = Sections(fmt, options)
            for outcome in audit_each(targets, settings, cache, render, jobs=workers):
                reporter.advance()
                if isinstance(outcome, Skipped):
                    tally["skipped"] += 1
                    reporter.note(f"{outcome.file}: skipped, not a plan: {outcome.why}")
                elif isinstance(outcome, Failed):
                    tally["failed"] += 1
                    for problem in outcome.problems:
                        reporter.note(str(problem))
                elif isinstance(outcome, Audited):
                    tally["audited"] += 1
                    if outcome.playbook_file is not None:
                        used_playbooks.add(outcome.playbook_file)
                    gates.check(outcome.section.row, outcome.file)
                    yield outcome.section

        with open_output(output) as stream:
            for piece in assembler_for(fmt)(sections(), options):
                stream.write(piece)
            # Raised inside the writer, so the file is left as it was.
            refuse_overwriting_inputs(output, [*cache.files(), *used_playbooks], "JC511")
            if tally["failed"]:
                total = tally["audited"] + tally["failed"]
                raise IncompleteRun("JC512", failed=tally["failed"], total=total, output=output)
            if not tally["audited"]:
                raise UsageError("JC424", skipped=tally["skipped"], output=output)


def refuse_overwriting_inputs(
    output: Path | None, inputs: Iterable[Path], code: str = "JC509"
) -> None:
    """Refuse an ``--output`` that would replace one of the files the run reads.

    ``code`` says what those files are: plans (JC509) or playbooks (JC510, JC511).
    """
    from journeycheck.paths import identity

    if output is not None and identity(output) in {identity(path) for path in inputs}:
        raise UsageError(code, path=output)


def progress_console(total: int, fmt: Format, output: Path | None) -> Console | None:
    """A console for the progress bar: more than a handful of plans, stderr a terminal,
    and no JSON streaming to that same terminal meanwhile."""
    from journeycheck.progress import HANDFUL

    if total <= HANDFUL or not sys.stderr.isatty():
        return None
    if fmt is Format.JSON and output is None and sys.stdout is not None and sys.stdout.isatty():
        return None
    from rich.console import Console

    return Console(stderr=True)
