"""Command-line interface: parse arguments, call the pipeline, map errors to exit codes.

Exit codes: 0 report written; 1 a --fail-under/--fail-on gate failed; 2 invalid
input or usage; 3 internal error; 130 interrupted. Heavy libraries (pydantic,
PyYAML, Rich, Jinja) are imported inside the commands that need them, so
``--version`` and ``--help`` start fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from journeycheck import __version__
from journeycheck.errors import InputError, JourneycheckError
from journeycheck.render import Format

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console

    from journeycheck.pipeline import AuditSettings
    from journeycheck.render import RenderOptions
    from journeycheck.result import AuditResult

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

app = typer.Typer(
    name="journeycheck",
    help="Launch readiness along the customer journey: score a product plan, find the gaps.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class FailOn(str, enum.Enum):
    NO_GO = "no-go"
    AT_RISK = "at-risk"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"journeycheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show the full traceback of an internal error "
            "(e.g. journeycheck --debug audit plan.yaml).",
            envvar="JOURNEYCHECK_DEBUG",
        ),
    ] = False,
) -> None:
    """Launch readiness along the customer journey: score a product plan, find the gaps."""
    ctx.obj = {"debug": debug}


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            message = f"{value!r} is not a real date: {exc}"
            raise typer.BadParameter(message, param_hint=flag) from None
    raise typer.BadParameter(f"{value!r} is not a date written YYYY-MM-DD", param_hint=flag)


def _run(ctx: typer.Context, command: str, work: Callable[[], int]) -> None:
    """Run a command body; the one place that turns outcomes into exit codes."""
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    try:
        code = work()
    except InputError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        code = EXIT_INPUT
    except JourneycheckError as exc:
        typer.echo(f"journeycheck {command}: error: {exc}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        typer.echo(f"journeycheck {command}: interrupted", err=True)
        code = EXIT_INTERRUPTED
    except Exception as exc:
        if debug:
            raise
        typer.echo(
            f"journeycheck {command}: internal error: {type(exc).__name__}: {exc} "
            f"(this is a bug; re-run as 'journeycheck --debug {command} ...' for the traceback)",
            err=True,
        )
        code = EXIT_INTERNAL
    if code:
        raise typer.Exit(code)


@app.command()
def audit(
    ctx: typer.Context,
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN",
            help="Product plans to audit, e.g. launch-plan.yaml; a folder audits every "
            "*.yaml and *.yml plan directly inside it.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: terminal, markdown or json. Default: from the --output "
            "file name (.md, .json), else terminal.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the report to FILE (atomically, and only if the audit succeeds) "
            "instead of stdout.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Treat this day (YYYY-MM-DD) as today for overdue dates, waivers and "
            "days to launch. Default: today.",
            show_default=False,
        ),
    ] = None,
    gate: Annotated[
        str | None,
        typer.Option(
            metavar="PHASE",
            help="Last phase that must be ready now, overriding the plan's gate (e.g. --gate buy).",
            show_default=False,
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=100,
            help="Gate score below which the verdict is at-risk, overriding the plan's "
            "(default 80).",
            show_default=False,
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="List only this team's gaps and scores (repeatable; the verdict is unchanged).",
            show_default=False,
        ),
    ] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PHASE",
            help="List only this phase's gaps and scores (repeatable; the verdict is unchanged).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="List the N most urgent gaps (terminal default 10; Markdown and JSON list all).",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every gap (terminal default is the top 10).")
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Only the portfolio table (one row per plan), not each plan's report; "
            "terminal and markdown.",
        ),
    ] = False,
    emoji: Annotated[
        bool,
        typer.Option(
            "--emoji/--no-emoji",
            help="Markdown: status marks as emoji, or as plain words for wikis that mangle emoji.",
        ),
    ] = True,
    mermaid: Annotated[
        bool,
        typer.Option(
            "--mermaid/--no-mermaid",
            help="Markdown: include the Mermaid journey diagram.",
        ),
    ] = True,
    fail_under: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=100,
            metavar="N",
            help="Exit 1 if the gate score is below N (e.g. --fail-under 80 in CI); with "
            "several plans, if any plan's is.",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 on this verdict or worse: no-go, or at-risk (at-risk or no-go); "
            "with several plans, if any plan has it.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Audit product plans: readiness scores, the verdict and the gaps to fix first.

    Example: journeycheck audit launch-plan.yaml --gate buy --fail-on no-go
    """
    as_of_date = _date(as_of, "--as-of") or dt.date.today()
    if top is not None and show_all:
        raise typer.BadParameter("give --top N or --all, not both", param_hint="--top")
    fmt = _report_format(output_format, output)
    if summary and fmt is Format.JSON:
        raise typer.BadParameter(
            "the JSON report always has every plan in full; --summary is for the terminal "
            "and markdown formats",
            param_hint="--summary",
        )
    single = len(plans) == 1 and not plans[0].is_dir() and not summary

    def work() -> int:
        from dataclasses import replace

        from journeycheck.pipeline import AuditSettings
        from journeycheck.render import RenderOptions

        settings = AuditSettings(
            as_of=as_of_date,
            gate=gate,
            threshold=threshold,
            teams=tuple(team or ()),
            phases=tuple(phase or ()),
        )
        limit = top if top is not None else (None if show_all else _default_top(fmt))
        options = RenderOptions(top=limit, emoji=emoji, mermaid=mermaid, summary=summary)
        if fmt is Format.TERMINAL:
            terminal = _terminal_options(limit, to_file=output is not None)
            options = replace(terminal, emoji=emoji, mermaid=mermaid, summary=summary)
        gates = _Gates(fail_under, fail_on)
        if single:
            _audit_one(plans[0], settings, fmt, options, output, gates)
        else:
            _audit_many(plans, settings, fmt, options, output, gates)
        return gates.outcome()

    _run(ctx, "audit", work)


def _report_format(given: Format | None, output: Path | None) -> Format:
    """``--format``, else what the ``--output`` name implies, else the terminal report."""
    from journeycheck.render import format_for_path

    if given is not None:
        return given
    if output is None:
        return Format.TERMINAL
    implied = format_for_path(output)
    if implied is None:
        raise typer.BadParameter(
            f"cannot tell the report format from the name {output.name!r}; give --format "
            "terminal, markdown or json, or name the file .md, .json or .txt",
            param_hint="--output",
        )
    return implied


def _audit_one(
    plan: Path,
    settings: AuditSettings,
    fmt: Format,
    options: RenderOptions,
    output: Path | None,
    gates: _Gates,
) -> None:
    """One plan: the single-plan report, written once the audit has succeeded."""
    from journeycheck.files import open_output
    from journeycheck.pipeline import PlaybookCache, audit_file
    from journeycheck.render import renderer_for

    _refuse_overwriting_inputs(output, [plan])
    result = audit_file(plan, PlaybookCache(), settings)
    text = renderer_for(fmt)(result, options)
    with open_output(output) as stream:
        stream.write(text)
    gates.check(result)


def _audit_many(
    arguments: list[Path],
    settings: AuditSettings,
    fmt: Format,
    options: RenderOptions,
    output: Path | None,
    gates: _Gates,
) -> None:
    """A portfolio: plans audited one at a time and streamed into the report.

    Problems in a plan are printed as they are found and the other plans are
    still audited; the run then fails (exit 2) and an --output file is not written.
    """
    from journeycheck.errors import IncompleteRun, UsageError
    from journeycheck.files import open_output
    from journeycheck.pipeline import PlaybookCache
    from journeycheck.portfolio import Audited, Failed, Skipped, audit_each, find_plans
    from journeycheck.progress import Reporter
    from journeycheck.render import portfolio_renderer_for

    targets = find_plans(arguments)
    _refuse_overwriting_inputs(output, [target.path for target in targets])
    tally = {"audited": 0, "failed": 0, "skipped": 0}

    with Reporter(len(targets), _progress_console(len(targets), fmt, output)) as reporter:

        def results() -> Iterator[AuditResult]:
            for outcome in audit_each(targets, settings, PlaybookCache()):
                reporter.advance()
                if isinstance(outcome, Skipped):
                    tally["skipped"] += 1
                    reporter.note(f"{outcome.file}: skipped: {outcome.why}")
                elif isinstance(outcome, Failed):
                    tally["failed"] += 1
                    for problem in outcome.problems:
                        reporter.note(str(problem))
                elif isinstance(outcome, Audited):
                    tally["audited"] += 1
                    gates.check(outcome.result, outcome.file)
                    yield outcome.result

        with open_output(output) as stream:
            for piece in portfolio_renderer_for(fmt)(results(), options):
                stream.write(piece)
            unwritten = f"; {output} was not written" if output is not None else ""
            if tally["failed"]:
                raise IncompleteRun(
                    f"{tally['failed']} of {tally['audited'] + tally['failed']} plans could "
                    f"not be audited (problems above){unwritten}"
                )
            if not tally["audited"]:
                raise UsageError(
                    f"no plans to audit: all {tally['skipped']} YAML files found were "
                    f"skipped{unwritten}"
                )


def _refuse_overwriting_inputs(output: Path | None, inputs: list[Path]) -> None:
    from journeycheck.errors import UsageError

    if output is not None and output.resolve() in {path.resolve() for path in inputs}:
        raise UsageError(f"--output {output}: that is a plan being audited; choose another file")


def _progress_console(total: int, fmt: Format, output: Path | None) -> Console | None:
    """A console for the progress bar: more than a handful of plans, stderr a terminal,
    and no JSON streaming to that same terminal meanwhile."""
    from journeycheck.progress import HANDFUL

    if total <= HANDFUL or not sys.stderr.isatty():
        return None
    if fmt is Format.JSON and output is None and sys.stdout.isatty():
        return None
    from rich.console import Console

    return Console(stderr=True)


class _Gates:
    """The --fail-under/--fail-on checks; with several plans, any failing plan fails the run."""

    def __init__(self, fail_under: float | None, fail_on: FailOn | None) -> None:
        self.fail_under = fail_under
        self.fail_on = fail_on
        self.failures: list[str] = []

    def check(self, result: AuditResult, file: str | None = None) -> None:
        where = f"{file}: " if file is not None else ""
        score, verdict = result.score, result.verdict
        if self.fail_under is not None and score is not None and score < self.fail_under:
            self.failures.append(
                f"{where}gate score {score:.1f} is below --fail-under {self.fail_under:g}"
            )
        if self.fail_on is not None and (
            verdict == "no-go" or (self.fail_on is FailOn.AT_RISK and verdict == "at-risk")
        ):
            self.failures.append(f"{where}verdict is {verdict} (--fail-on {self.fail_on.value})")

    def outcome(self) -> int:
        """Exit 1 when a gate failed, saying which on stderr (after the report)."""
        for reason in self.failures:
            typer.echo(f"journeycheck: {reason}", err=True)
        return EXIT_GATE if self.failures else EXIT_OK


def _default_top(output_format: Format) -> int | None:
    return 10 if output_format is Format.TERMINAL else None


def _terminal_options(top: int | None, *, to_file: bool = False) -> RenderOptions:
    """Width and colour as Rich reads them from this run's stdout and environment.

    A report written to a file is plain text at Rich's width for non-terminals
    (``COLUMNS``, else 80).
    """
    import io

    from rich.console import Console

    from journeycheck.render import RenderOptions

    probe = Console(file=io.StringIO() if to_file else sys.stdout)
    return RenderOptions(
        top=top,
        color_system=probe.color_system,
        no_color=probe.no_color,
        width=probe.width,
    )


def main() -> None:
    """Console-script entry point."""
    app(prog_name="journeycheck")
