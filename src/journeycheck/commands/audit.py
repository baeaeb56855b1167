"""``journeycheck audit``: one plan or a portfolio, to stdout or a file.

The flags are checked first, before any plan is read; then each plan goes through
:func:`journeycheck.pipeline.process`. The report is written only once the run has
succeeded, and the ``--fail-under``/``--fail-on`` gates decide the exit code.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck import i18n
from journeycheck.commands import EXIT_GATE, EXIT_OK
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from rich.console import Console

    from journeycheck.commands.reporter import Reporter
    from journeycheck.pipeline import AuditSettings
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.render import RenderOptions, Section
    from journeycheck.result import AuditResult, PlanSummary
    from journeycheck.tickets import Located
    from journeycheck.upgrading import VersionGap

__all__ = ["FailOn", "Format", "Gates", "ReportFormat", "progress_console", "run"]

if TYPE_CHECKING:
    # The type checker sees a Format; at run time --format offers exactly the formats
    # the registry has for the report (converted to Format where it is used).
    ReportFormat = Format
else:
    ReportFormat = format_choice(Document.REPORT)

#: Gaps the terminal report lists unless --top or --all says otherwise.
TERMINAL_TOP = 10


class FailOn(str, enum.Enum):
    NO_GO = "no-go"
    AT_RISK = "at-risk"


class SortBy(str, enum.Enum):
    """The orders of a portfolio table (journeycheck.render.view.SORTS)."""

    VERDICT = "verdict"
    SCORE = "score"
    NAME = "name"
    LAUNCH = "launch"


def run(
    reporter: Reporter,
    *,
    plans: list[Path],
    output_format: Format | None,
    output: Path | None,
    as_of: str | None,
    gate: str | None,
    threshold: float | None,
    teams: list[str],
    phases: list[str],
    top: int | None,
    show_all: bool,
    summary: bool,
    long: bool = False,
    sort: SortBy = SortBy.VERDICT,
    jobs: int | None,
    emoji: bool,
    mermaid: bool,
    fail_under: float | None,
    fail_on: FailOn | None,
    since: str | None = None,
    allow_outside: bool = False,
) -> int:
    """Audit ``plans``; 0 when the report is written, 1 when a gate failed.

    With ``since`` (a revision or a day), one plan is compared with itself as
    committed then, and the report shows the change.
    """
    import datetime as dt

    from journeycheck.checking import flags
    from journeycheck.errors import BadParameter

    as_of_date = flags.date(as_of, "--as-of") or dt.date.today()
    threshold = flags.finite(threshold, "--threshold")
    fail_under = flags.finite(fail_under, "--fail-under")
    if top is not None and show_all:
        raise BadParameter("--top", "JC420")
    fmt = report_format(output_format, output)
    if summary and fmt is Format.JSON:
        raise BadParameter("--summary", "JC421")
    if summary and fmt is Format.SARIF:
        raise BadParameter("--summary", "JC726")
    single = len(plans) == 1 and not plans[0].is_dir() and not summary
    if since is not None and not single:
        from journeycheck.errors import UsageError

        raise UsageError("JC667")

    # Only now that the flags are known good: a refused one costs no heavy import.
    from journeycheck.pipeline import AuditSettings
    from journeycheck.render import RenderOptions

    settings = AuditSettings(
        as_of=as_of_date,
        gate=gate,
        threshold=threshold,
        teams=tuple(teams),
        phases=tuple(phases),
        allow_outside=allow_outside,
    )
    limit = top if top is not None else (None if show_all else _default_top(fmt))
    options = RenderOptions(top=limit)
    if fmt is Format.TERMINAL:
        options = reporter.terminal_options(limit, to_file=output is not None)
    options = replace(
        options, emoji=emoji, mermaid=mermaid, summary=summary, long=long, sort=sort.value
    )
    gates = Gates(fail_under, fail_on.value if fail_on is not None else None)
    if single:
        audit_one(reporter, plans[0], settings, fmt, options, output, gates, since)
    else:
        audit_many(reporter, plans, settings, fmt, options, output, gates, jobs)
    # After the report, so a CI log shows why the job failed at its end.
    for reason in gates.failures:
        reporter.gate_failed(reason)
    return EXIT_GATE if gates.failures else EXIT_OK


def report_format(given: Format | None, output: Path | None) -> Format:
    """``--format``, else what the ``--output`` name implies, else the terminal report."""
    from journeycheck.errors import BadParameter
    from journeycheck.render import format_for_path

    if given is not None:
        return Format(given)
    if output is None:
        return Format.TERMINAL
    implied = format_for_path(output)
    if implied is None:
        raise BadParameter("--output", "JC423", name=output.name)
    return implied


def _default_top(output_format: Format) -> int | None:
    return TERMINAL_TOP if output_format is Format.TERMINAL else None


GATE_SCORE = "gate score {score:.1f} is below --fail-under {threshold:g}"
GATE_SCORE_OF = "{file}: gate score {score:.1f} is below --fail-under {threshold:g}"
GATE_VERDICT = "verdict is {verdict} (--fail-on {fail_on})"
GATE_VERDICT_OF = "{file}: verdict is {verdict} (--fail-on {fail_on})"


class Gates:
    """The --fail-under/--fail-on checks; with several plans, any failing plan fails the run.

    A plain class rather than a dataclass: this module is imported by every run,
    ``--version`` included, and building a dataclass costs more than the rest of it.
    """

    def __init__(self, fail_under: float | None = None, fail_on: str | None = None) -> None:
        self.fail_under = fail_under
        #: "no-go", or "at-risk" (which also fails on no-go).
        self.fail_on = fail_on
        self.failures: list[str] = []

    def check(self, summary: PlanSummary, file: str | None = None) -> None:
        """Record the gates ``summary`` fails; ``file`` names the plan in a portfolio."""
        score = summary.score
        if self.fail_under is not None and score is not None and score < self.fail_under:
            template = GATE_SCORE if file is None else GATE_SCORE_OF
            self.failures.append(template.format(file=file, score=score, threshold=self.fail_under))
        if self.fail_on is not None and (
            summary.verdict == "no-go"
            or (self.fail_on == "at-risk" and summary.verdict == "at-risk")
        ):
            template = GATE_VERDICT if file is None else GATE_VERDICT_OF
            self.failures.append(
                template.format(file=file, verdict=summary.verdict, fail_on=self.fail_on)
            )


def audit_one(
    reporter: Reporter,
    plan: Path,
    settings: AuditSettings,
    fmt: Format,
    options: RenderOptions,
    output: Path | None,
    gates: Gates,
    since: str | None = None,
) -> None:
    """One plan: the single-plan report, written once the audit has succeeded.

    With ``since``, the report carries the change since that revision or day
    (:func:`journeycheck.weekly.audit_since`).
    """
    from journeycheck.output import open_output
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import Audited, Failed, Run, process
    from journeycheck.render import needs_places, render_report
    from journeycheck.result import PlanSummary

    refuse_overwriting_inputs(output, [plan], "JC509")
    run = Run(settings=settings, locate=needs_places(fmt), playbooks=playbooks_for(fmt, settings))

    def audited() -> tuple[AuditResult, Located | None, VersionGap | None]:
        if since is not None:
            from journeycheck.weekly import audit_since

            return (*audit_since(plan, since, settings, run.playbooks, locate=run.locate), None)
        outcome = process(PlanFile(plan), run)
        if isinstance(outcome, Failed):
            raise outcome.error()
        assert isinstance(outcome, Audited), "a plan named on the command line is never skipped"
        return outcome.result, outcome.located, outcome.version_gap

    # In the plan's language, unless --lang or JOURNEYCHECK_LANG says otherwise; a file
    # (Markdown, HTML, JSON, SARIF) never in the locale's, so it is the same for everyone.
    result, located, gap = i18n.in_plans_language(
        audited, lambda found: found[0].plan_language, for_files=fmt is not Format.TERMINAL
    )
    refuse_overwriting_inputs(output, run.playbooks.files(), "JC510")
    text = render_report(fmt, result, options, located)
    if fmt is Format.TERMINAL:
        text = reporter.plain(text)
    with open_output(output) as stream:
        stream.write(text)
    if gap is not None:
        reporter.version_gap(str(plan), gap)
    gates.check(PlanSummary.of(result))


def audit_many(
    reporter: Reporter,
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
    from journeycheck.errors import IncompleteRun, InputError, UsageError
    from journeycheck.output import open_output
    from journeycheck.paths import PlanFile, expand
    from journeycheck.pipeline import Failed, Run, Skipped
    from journeycheck.portfolio import Rendered, Sections, audit_each, default_jobs
    from journeycheck.render import assembler_for, needs_places

    # One document, one language: --lang or JOURNEYCHECK_LANG, never each plan's own; a
    # file (Markdown, HTML, JSON, SARIF) never the locale's.
    i18n.activate(i18n.choose_for(None, for_files=fmt is not Format.TERMINAL))
    found = expand(arguments)
    targets = [item for item in found if isinstance(item, PlanFile)]
    unusable = [item for item in found if not isinstance(item, PlanFile)]
    if not targets:
        raise InputError(unusable)
    refuse_overwriting_inputs(output, [target.path for target in targets], "JC509")
    run = Run(settings=settings, locate=needs_places(fmt), playbooks=playbooks_for(fmt, settings))
    # A folder that could not be listed, or holds no YAML file, fails the run like a bad plan.
    tally = {"audited": 0, "failed": len(unusable), "skipped": 0}
    # Playbook files the plans named, wherever they were audited (workers have their own cache).
    used_playbooks: set[Path] = set()

    with reporter.progress(len(targets), progress_console(len(targets), fmt, output)):
        reporter.problems(unusable)

        def sections() -> Iterator[Section]:
            workers = default_jobs() if jobs is None else jobs
            render = Sections(fmt, options)
            for outcome in audit_each(targets, run, render, jobs=workers):
                reporter.advance()
                if isinstance(outcome, Skipped):
                    tally["skipped"] += 1
                    reporter.skipped(outcome.file, outcome.why)
                elif isinstance(outcome, Failed):
                    tally["failed"] += 1
                    reporter.failed(outcome.file, outcome.problems)
                elif isinstance(outcome, Rendered):
                    tally["audited"] += 1
                    if outcome.playbook_file is not None:
                        used_playbooks.add(outcome.playbook_file)
                    reporter.version_gap(outcome.file, outcome.version_gap)
                    gates.check(outcome.section.row, outcome.file)
                    yield outcome.section

        with open_output(output) as stream:
            for piece in assembler_for(fmt)(sections(), options):
                if isinstance(piece, bytes):
                    stream.write_encoded(piece)
                else:
                    stream.write(reporter.plain(piece) if fmt is Format.TERMINAL else piece)
            # Raised inside the writer, so the file is left as it was.
            refuse_overwriting_inputs(output, [*run.playbooks.files(), *used_playbooks], "JC511")
            if tally["failed"]:
                total = tally["audited"] + tally["failed"]
                raise IncompleteRun("JC512", failed=tally["failed"], total=total, output=output)
            if not tally["audited"]:
                raise UsageError("JC424", skipped=tally["skipped"], output=output)


def refuse_overwriting_inputs(output: Path | None, inputs: Iterable[Path], code: str) -> None:
    """Refuse an ``--output`` that would replace one of the files the run reads.

    ``code`` says what those files are: plans (JC509) or playbooks (JC510, JC511).
    """
    from journeycheck.errors import UsageError
    from journeycheck.paths import identity

    if output is not None and identity(output) in {identity(path) for path in inputs}:
        raise UsageError(code, path=output)


def progress_console(total: int, fmt: Format, output: Path | None) -> Console | None:
    """A console for the progress bar: more than a handful of plans, stderr a terminal,
    and no JSON or SARIF streaming to that same terminal meanwhile."""
    from journeycheck.commands.reporter import HANDFUL

    if total <= HANDFUL or not sys.stderr.isatty():
        return None
    streaming = fmt in (Format.JSON, Format.SARIF)
    if streaming and output is None and sys.stdout is not None and sys.stdout.isatty():
        return None
    from rich.console import Console

    return Console(stderr=True)


def playbooks_for(fmt: Format, settings: AuditSettings) -> PlaybookCache:
    """The playbooks a report in ``fmt`` is given.

    JSON is for machines: its values are the same in every language (only its
    ``lang`` says which was asked for), so it carries the playbook's own words.
    Every other format shows the playbook in the run's language.
    """
    from journeycheck.playbooks import PlaybookCache

    language = "en" if fmt is Format.JSON else None
    return PlaybookCache(allow_outside=settings.allow_outside, language=language)
