"""Command-line interface: the commands and their options, and the exit codes.

Each command hands its parsed arguments to its module in :mod:`journeycheck.commands`
and :func:`_run` turns what comes back (an exit code, or an exception) into the
process's exit code: 0 report written; 1 a --fail-under/--fail-on gate failed; 2
invalid input or usage; 3 internal error; 130 interrupted; 141 standard output was
a pipe whose reader went away (as for a program ended by SIGPIPE). Heavy libraries
(pydantic, PyYAML, Rich, Jinja) are imported inside the commands that need them, so
``--version`` and ``--help`` start fast.
"""

# No ``from __future__ import annotations`` here: Typer reads the annotations of
# each command it builds (the one a run names, all of them for --help), and string
# annotations would make it eval() each of them (about 8 ms when it built them all).

import contextlib
import functools
import os
import sys
import types
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from typer._click import Command

from journeycheck import __version__
from journeycheck.commands import (
    EXIT_BROKEN_PIPE,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
)
from journeycheck.commands import agenda as agenda_command
from journeycheck.commands import audit as audit_command
from journeycheck.commands import diff as diff_command
from journeycheck.commands import export as export_command
from journeycheck.commands import history as history_command
from journeycheck.commands import import_ as import_command
from journeycheck.commands import init as init_command
from journeycheck.commands import playbook as playbook_command
from journeycheck.commands import review as review_command
from journeycheck.commands import schema as schema_command
from journeycheck.commands import set as set_command
from journeycheck.commands import tickets as tickets_command
from journeycheck.commands import upgrade as upgrade_command
from journeycheck.commands import validate as validate_command
from journeycheck.commands.agenda import AgendaFormat
from journeycheck.commands.audit import FailOn, Format, ReportFormat, SortBy
from journeycheck.commands.diff import DiffFormat
from journeycheck.commands.history import HistoryFormat
from journeycheck.commands.playbook import ChecklistFormat, PlaybookDiffFormat
from journeycheck.commands.reporter import Reporter
from journeycheck.commands.schema import SchemaKind
from journeycheck.commands.tickets import TicketSeverity, Tracker

#: The order ``journeycheck --help`` lists commands in: the order a user meets them.
COMMAND_ORDER = (
    "init",
    "audit",
    "set",
    "review",
    "export",
    "import",
    "upgrade",
    "validate",
    "diff",
    "history",
    "agenda",
    "tickets",
    "playbook",
    "schema",
)


class _InUserOrder(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        # The names alone: listing them builds no command (see _Commands).
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(self.commands, key=lambda name: rank.get(name, len(rank)))


app = typer.Typer(
    name="journeycheck",
    cls=_InUserOrder,
    help="Launch readiness along the customer journey: score a product plan, find the gaps.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
            "--version",
            callback=_show_version,
            is_eager=True,
            help="Show the version and exit (e.g. journeycheck --version).",
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
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            help="Speak this language: en, bg or ko. Default: JOURNEYCHECK_LANG, then the "
            "plan's language:, then the locale (LC_ALL, LC_MESSAGES, LANG), then en; Markdown, "
            "HTML and JSON files ignore the locale (e.g. journeycheck --lang ko audit plan.yaml).",
            show_default=False,
        ),
    ] = None,
    ascii_only: Annotated[
        bool,
        typer.Option(
            "--ascii",
            help="Terminal: draw with ASCII instead of marks some terminals draw twice as wide "
            "(·, —, …, box lines), as Korean terminals may (e.g. journeycheck --ascii audit "
            "plan.yaml).",
            envvar="JOURNEYCHECK_ASCII",
        ),
    ] = False,
) -> None:
    """Launch readiness along the customer journey: score a product plan, find the gaps."""
    ctx.obj = {"debug": debug, "lang": lang, "ascii": ascii_only}


def _run(ctx: typer.Context, command: str, work: Callable[[Reporter], int]) -> None:
    """Run a command; the one place that turns outcomes into exit codes.

    A value refused before anything was read is shown as Click shows its own,
    under the usage line. A reader that goes away (``journeycheck audit plan.yaml
    | head -1``) ends the run quietly, as it ends ``cat`` or ``grep``. Anything
    unexpected is one line on stderr, exit 3; with ``--debug`` the traceback comes first.
    """
    # Here, not at the top: --version and --help never get this far, and need not load
    # the message catalogue the errors render from.
    from journeycheck.errors import BadParameter, InputError, JourneycheckError, Terminated

    settings = ctx.obj or {}
    debug = bool(settings.get("debug"))
    reporter = Reporter(command, ascii_only=bool(settings.get("ascii")))
    try:
        try:
            with _signals_stop_the_run(), _speaking(settings.get("lang")):
                code = work(reporter)
        except BadParameter as exc:
            raise typer.BadParameter(str(exc), param_hint=exc.flag) from None
        except InputError as exc:
            reporter.problems(exc.problems)
            code = EXIT_INPUT
        except JourneycheckError as exc:
            reporter.error(str(exc))
            code = exc.exit_code
        except Terminated as exc:
            reporter.stopped(exc.name)
            code = exc.exit_code
        except KeyboardInterrupt:
            reporter.interrupted()
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            raise
        except Exception as exc:
            reporter.internal_error(exc, debug=debug)
            code = EXIT_INTERNAL
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_BROKEN_PIPE
    if code:
        raise typer.Exit(code)


@contextlib.contextmanager
def _speaking(option: str | None) -> Iterator[None]:
    """The run in the language ``--lang``, ``JOURNEYCHECK_LANG`` or the locale chooses.

    A command that reads a plan may speak the plan's ``language:`` from then on
    (:func:`journeycheck.i18n.choose_for`); the language before the run comes
    back after it (tests run many commands in one process).
    """
    from journeycheck import i18n

    before = i18n.requested()
    i18n.request(option)
    try:
        with i18n.language(i18n.choose(option, None, for_files=False)):
            yield
    finally:
        i18n.request(before)


@contextlib.contextmanager
def _signals_stop_the_run() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`~journeycheck.errors.Terminated` while a command runs.

    By default they end the process on the spot, so a portfolio's worker
    processes were left running and a half-written temporary file stayed behind.
    As an exception, they stop the run the way Ctrl-C does, through the same
    cleanup. The previous handlers come back afterwards (tests run commands in
    one process); outside the main thread no handler can be set, and none is.
    """
    import signal
    import threading

    from journeycheck import stopping
    from journeycheck.errors import Terminated

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        terminated = Terminated(number, signal.Signals(number).name)
        stopping.ask(terminated)
        raise terminated

    stopping.reset()
    previous = {name: signal.signal(getattr(signal, name), stop) for name in names}
    try:
        yield
        # The exception may have been swallowed on the way (see journeycheck.stopping).
        stopping.check()
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
        stopping.reset()


def _silence_stdout() -> None:
    """Point stdout at the null device, so the final flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass  # not a real file descriptor (a test's captured stream): nothing to flush


#: ``--allow-outside``, alike in every command that reads a plan's playbook: the
#: refusal it lifts (JC314) names the flag, so each such command must offer it.
AllowOutside = Annotated[
    bool,
    typer.Option(
        "--allow-outside",
        help="Let a plan name a playbook file outside its repository (or, for a plan in "
        "no repository, outside its folder); refused by default, since a plan can come "
        "from anyone's pull request (e.g. --allow-outside).",
    ),
]


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
            # journeycheck's reader says what is wrong with a file it cannot read, file
            # by file; the parser's own check would end the whole run with a usage error.
            readable=False,
        ),
    ],
    output_format: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: terminal, markdown, html, json, or sarif for code scanning. "
            "Default: from the --output file name (.md, .html, .json, .sarif), else terminal "
            "(e.g. --format html).",
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
            "instead of stdout (e.g. --output readiness.md).",
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
            "days to launch. Default: today (e.g. --as-of 2027-01-15).",
            show_default=False,
        ),
    ] = None,
    gate: Annotated[
        str | None,
        typer.Option(
            metavar="PHASE",
            help="Last phase that must be ready now, or auto (the calendar decides), "
            "overriding the plan's gate (e.g. --gate buy).",
            show_default=False,
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=100,
            help="Gate score below which the verdict is at-risk, overriding the plan's "
            "(default 80; e.g. --threshold 90).",
            show_default=False,
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="List only this team's gaps and scores (repeatable; the verdict is unchanged; "
            "e.g. --team legal).",
            show_default=False,
        ),
    ] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PHASE",
            help="List only this phase's gaps and scores (repeatable; the verdict is unchanged; "
            "e.g. --phase buy).",
            show_default=False,
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help="List the N most urgent gaps (terminal default 10; Markdown and JSON list all; "
            "e.g. --top 5).",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="List every gap, not only the top 10 of the terminal (e.g. --all)."
        ),
    ] = False,
    long: Annotated[
        bool,
        typer.Option(
            "--long",
            help="Terminal: show each gap's question, its help, the whole note and the "
            "evidence, not two lines per gap (e.g. --long).",
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Only the portfolio table (one row per plan), not each plan's report; "
            "terminal, markdown and html (e.g. audit plans/ --summary).",
        ),
    ] = False,
    sort: Annotated[
        SortBy,
        typer.Option(
            "--sort",
            help="Order of the portfolio table: verdict (worst first, then lowest gate "
            "score), score, name or launch (soonest first) (e.g. --sort launch).",
        ),
    ] = SortBy.VERDICT,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Audit a large portfolio in N processes (default: one per CPU; at most 4 per "
            "CPU and one per plan; e.g. --jobs 1 for one process). Output order never changes.",
            show_default=False,
        ),
    ] = None,
    emoji: Annotated[
        bool,
        typer.Option(
            "--emoji/--no-emoji",
            help="Markdown: status marks as emoji, or as plain words for wikis that mangle emoji "
            "(e.g. --no-emoji).",
        ),
    ] = True,
    mermaid: Annotated[
        bool,
        typer.Option(
            "--mermaid/--no-mermaid",
            help="Markdown: include the Mermaid chart of phase scores (e.g. --no-mermaid: leave "
            "it out).",
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
    allow_outside: AllowOutside = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 on this verdict or worse: no-go, or at-risk (at-risk or no-go); "
            "with several plans, if any plan has it (e.g. --fail-on no-go).",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="REV|DATE",
            help="One plan: add the change since the plan as committed at this revision, or "
            "on this day (YYYY-MM-DD: its last commit on or before it), beside each score and "
            "as a section of its own (e.g. --since HEAD~1).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Audit product plans: readiness scores, the verdict and the gaps to fix first.

    Example: journeycheck audit launch-plan.yaml --gate buy --fail-on no-go
    """
    _run(
        ctx,
        "audit",
        lambda reporter: audit_command.run(
            reporter,
            plans=plans,
            output_format=output_format,
            output=output,
            as_of=as_of,
            gate=gate,
            threshold=threshold,
            teams=team or [],
            phases=phase or [],
            top=top,
            show_all=show_all,
            long=long,
            summary=summary,
            sort=sort,
            jobs=jobs,
            emoji=emoji,
            mermaid=mermaid,
            fail_under=fail_under,
            fail_on=fail_on,
            since=since,
            allow_outside=allow_outside,
        ),
    )


_FORMAT_HELP = (
    "Format: terminal, markdown or json. Default: from the --output file name (.md, "
    ".json), else terminal (e.g. --format markdown)."
)
_OUTPUT_HELP = (
    "Write to FILE (atomically, and only if the run succeeds) instead of stdout "
    "(e.g. --output review.md)."
)


@app.command()
def diff(
    ctx: typer.Context,
    plans: Annotated[
        list[str],
        typer.Argument(
            metavar="OLD [NEW]",
            help="Two plans to compare, each a file or a plan as committed, REV:PATH (e.g. "
            "HEAD~4:launch-plan.yaml launch-plan.yaml); one plan with --since.",
            show_default=False,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            metavar="REV|DATE",
            help="Compare the one PLAN as committed at this revision, or on this day "
            "(YYYY-MM-DD: its last commit on or before it), with the file (e.g. --since "
            "2027-01-08).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat | None,
        typer.Option("--format", "-f", help=_FORMAT_HELP, show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=_OUTPUT_HELP, show_default=False, dir_okay=False
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Audit NEW as of this day (YYYY-MM-DD). Default: a committed NEW's commit "
            "date, else today (e.g. --as-of 2027-01-15).",
            show_default=False,
        ),
    ] = None,
    old_as_of: Annotated[
        str | None,
        typer.Option(
            "--old-as-of",
            metavar="DATE",
            help="Audit OLD as of this day (YYYY-MM-DD). Default: a committed OLD's commit "
            "date, else as NEW (e.g. --old-as-of 2027-01-08).",
            show_default=False,
        ),
    ] = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 when a question's credit fell or the verdict worsened (e.g. in CI: "
            "--since origin/main --fail-on-regression).",
        ),
    ] = False,
    allow_outside: AllowOutside = False,
) -> None:
    """Show what changed between two audits of a plan: scores, questions, owners, waivers.

    Example: journeycheck diff launch-plan.yaml --since 2027-01-08
    """
    _run(
        ctx,
        "diff",
        lambda reporter: diff_command.run(
            reporter,
            plans=plans,
            since=since,
            output_format=output_format,
            output=output,
            as_of=as_of,
            old_as_of=old_as_of,
            fail_on_regression=fail_on_regression,
            allow_outside=allow_outside,
        ),
    )


@app.command()
def history(
    ctx: typer.Context,
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN",
            help="The plan file whose git history to audit (e.g. launch-plan.yaml).",
            show_default=False,
        ),
    ],
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Only commits on or after this day, YYYY-MM-DD (e.g. --since 2027-01-01).",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Only commits on or before this day, YYYY-MM-DD (e.g. --until 2027-03-01).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Audit the uncommitted working file as of this day. Default: today "
            "(e.g. --as-of 2027-01-15).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        HistoryFormat | None,
        typer.Option("--format", "-f", help=_FORMAT_HELP, show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=_OUTPUT_HELP, show_default=False, dir_okay=False
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Audit every commit that changed a plan: the readiness curve from git.

    Each revision is audited as of its commit date, with its playbook as committed.

    Example: journeycheck history launch-plan.yaml --format markdown
    """
    _run(
        ctx,
        "history",
        lambda reporter: history_command.run(
            reporter,
            plan=plan,
            since=since,
            until=until,
            as_of=as_of,
            output_format=output_format,
            output=output,
            allow_outside=allow_outside,
        ),
    )


@app.command()
def agenda(
    ctx: typer.Context,
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN",
            help="The plan file to draw up the agenda of (e.g. launch-plan.yaml).",
            show_default=False,
        ),
    ],
    days: Annotated[
        int,
        typer.Option(
            min=0,
            metavar="N",
            help="How many days ahead 'due soon' and 'expiring' look (e.g. --days 14).",
        ),
    ] = agenda_command.DEFAULT_DAYS,
    since: Annotated[
        str | None,
        typer.Option(
            metavar="REV|DATE",
            help="Also list what each owner closed since this revision or day (YYYY-MM-DD; "
            "e.g. --since review-2027-01-08).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Treat this day (YYYY-MM-DD) as today. Default: today (e.g. --as-of 2027-01-15).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        AgendaFormat | None,
        typer.Option("--format", "-f", help=_FORMAT_HELP, show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help=_OUTPUT_HELP, show_default=False, dir_okay=False
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """List, per owner, what is overdue, due soon, blocked or expiring: the review's agenda.

    Example: journeycheck agenda launch-plan.yaml --days 14 --output agenda.md
    """
    _run(
        ctx,
        "agenda",
        lambda reporter: agenda_command.run(
            reporter,
            plan=plan,
            days=days,
            since=since,
            as_of=as_of,
            output_format=output_format,
            output=output,
            allow_outside=allow_outside,
        ),
    )


@app.command()
def tickets(
    ctx: typer.Context,
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN",
            help="The product plan whose open gaps to export (e.g. launch-plan.yaml).",
            show_default=False,
        ),
    ],
    to: Annotated[
        Tracker,
        typer.Option(
            "--to",
            help="jira: a CSV file for Jira's CSV importer; github: JSON Lines of issues, or "
            "a gh script with --script (e.g. --to jira).",
            show_default=False,
        ),
    ],
    script: Annotated[
        bool,
        typer.Option(
            "--script",
            help="With --to github: a shell script of gh commands that creates each issue, "
            "or updates the one that has its marker (e.g. --to github --script).",
        ),
    ] = False,
    jira_export: Annotated[
        Path | None,
        typer.Option(
            "--jira-export",
            metavar="FILE",
            help="With --to jira: a CSV export of the issues an earlier import created; their "
            "keys are added so that the import updates them (e.g. --jira-export jira.csv).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically, and only if the export succeeds) instead of "
            "stdout (e.g. --output gaps.csv).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    gate_only: Annotated[
        bool,
        typer.Option(
            "--gate-only",
            help="Only gaps of the gate scope, also with --team or --severity (the default "
            "without them; e.g. --team legal --gate-only).",
        ),
    ] = False,
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="Only this team's gaps, in every phase unless --gate-only (repeatable; "
            "e.g. --team legal).",
            show_default=False,
        ),
    ] = None,
    severity: Annotated[
        list[TicketSeverity] | None,
        typer.Option(
            help="Only gaps of this severity, in every phase unless --gate-only (repeatable; "
            "e.g. --severity blocker).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Treat this day (YYYY-MM-DD) as today for overdue dates and waivers. "
            "Default: today (e.g. --as-of 2027-01-15).",
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
            "(default 80; e.g. --threshold 90).",
            show_default=False,
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Export a plan's open gaps for Jira or GitHub issues, one item per gap.

    Each gap keeps its key, journeycheck:<product>:<question>, so that exporting
    again updates the same items. journeycheck itself never connects to Jira or
    GitHub: import the CSV file, or run the script with your own gh login.

    Example: journeycheck tickets launch-plan.yaml --to jira -o gaps.csv
    """
    _run(
        ctx,
        "tickets",
        lambda reporter: tickets_command.run(
            reporter,
            plan=plan,
            to=to,
            script=script,
            jira_export=jira_export,
            output=output,
            as_of=as_of,
            gate=gate,
            threshold=threshold,
            teams=team or [],
            severities=severity or [],
            gate_only=gate_only,
            allow_outside=allow_outside,
        ),
    )


@app.command()
def init(
    ctx: typer.Context,
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="The plan file to create (default launch-plan.yaml); - writes it to "
            "standard output and no other file (e.g. plans/acme.journey.yaml).",
            show_default=False,
        ),
    ] = "launch-plan.yaml",
    product: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Product name. Default: asked, or the plan's folder name with --no-input "
            '(e.g. --product "Acme Ledger").',
            show_default=False,
        ),
    ] = None,
    launch: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Planned launch date (YYYY-MM-DD; e.g. --launch 2027-03-01); due dates "
            "count from it. "
            "Asked for if missing; required with --no-input.",
            show_default=False,
        ),
    ] = None,
    trait: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=true|false",
            help="A trait's value (repeatable), e.g. --trait physical=true. "
            "Traits not given are asked, or take the playbook's default.",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM=NAME",
            help="Who owns a team's answers (repeatable), e.g. --owner legal='Amara Nwosu'. "
            "Without it, init offers to ask for each team.",
            show_default=False,
        ),
    ] = None,
    playbook: Annotated[
        str,
        typer.Option(
            metavar="ID|PATH",
            help="A built-in playbook id, or the path to a playbook file "
            "(e.g. --playbook playbooks/acme-launch.yaml).",
        ),
    ] = "customer-journey",
    gate: Annotated[
        str | None,
        typer.Option(
            metavar="PHASE",
            help="The last phase that must be ready now, or auto: the calendar decides. "
            "Asked for if missing; auto with --no-input (e.g. --gate buy).",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Ask nothing: missing values take defaults (as when standard input is not "
            "a terminal; e.g. in scripts: --no-input --launch 2027-03-01).",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="Overwrite the plan file if it exists (e.g. init --force)."),
    ] = False,
) -> None:
    """Create a product plan to fill in: every applicable question, commented, not started.

    Beside the plan it writes .journeycheck/<playbook>.plan.schema.json, which the
    plan's first line points editors to.

    Example: journeycheck init --product "Acme Ledger" --launch 2027-03-01
    """
    _run(
        ctx,
        "init",
        lambda reporter: init_command.run(
            reporter,
            path=path,
            product=product,
            launch=launch,
            traits=trait or [],
            playbook=playbook,
            owners=None if owner is None else list(owner),
            gate=gate,
            no_input=no_input,
            force=force,
        ),
    )


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="KIND",
            help="Which document: plan, playbook, translation (of a playbook), report (the "
            "JSON report of one plan), portfolio (of several), or the JSON of diff, history or "
            "agenda (e.g. schema report).",
        ),
    ],
    playbook: Annotated[
        str | None,
        typer.Option(
            metavar="ID|PATH",
            help="With plan: narrow the schema to this playbook's question ids, traits and "
            "phases (e.g. --playbook customer-journey).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a plan, a playbook or the JSON report.

    Example: journeycheck schema plan > plan.schema.json
    """
    _run(
        ctx,
        "schema",
        lambda reporter: schema_command.run(reporter, kind=kind, playbook=playbook),
    )


@app.command()
def validate(
    ctx: typer.Context,
    plans: Annotated[
        list[Path],
        typer.Argument(
            metavar="PLAN",
            help="Plan files to check, or folders: every *.yaml and *.yml plan directly "
            "inside (e.g. launch-plan.yaml plans/).",
            show_default=False,
            # journeycheck's reader says what is wrong with a file it cannot read, file
            # by file; the parser's own check would end the whole run with a usage error.
            readable=False,
        ),
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Count warnings as errors: a plan with any is invalid, exit 2 "
            "(e.g. --strict in CI).",
        ),
    ] = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Treat this day (YYYY-MM-DD) as today for the warning about a launch date "
            "long past. Default: today (e.g. --as-of 2027-01-15).",
            show_default=False,
        ),
    ] = None,
    allow_outside: AllowOutside = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Check many plans in N processes (default: one per CPU; at most 4 per "
            "CPU and one per plan; e.g. --jobs 1 for one process). Output order never changes.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check plans and the playbooks they name, without scoring them.

    Prints 'FILE: ok' for each valid plan and every problem as FILE:LINE:COL:
    message on stderr, then carries on with the next plan. Warnings (valid, but
    probably not meant: n/a without a note, say) are shown too and keep the exit
    code 0, unless --strict. Exits 0 when every plan is valid, else 2. Quick
    enough to run on save and in pre-commit.

    Example: journeycheck validate launch-plan.yaml plans/
    """
    _run(
        ctx,
        "validate",
        lambda reporter: validate_command.run(
            reporter,
            plans=plans,
            strict=strict,
            as_of=as_of,
            allow_outside=allow_outside,
            jobs=jobs,
        ),
    )


playbook_app = typer.Typer(
    name="playbook",
    help="List the built-in playbooks, show one as a checklist, check your own, or compare "
    "two.\n\n"
    "Example: journeycheck playbook show customer-journey --phase buy",
    rich_markup_mode=None,
    no_args_is_help=True,
)
app.add_typer(playbook_app)


@playbook_app.command("list")
def playbook_list(ctx: typer.Context) -> None:
    """List the built-in playbooks: id, version, number of questions and title.

    Example: journeycheck playbook list
    """
    _run(ctx, "playbook list", playbook_command.list_builtin)


@playbook_app.command("show")
def playbook_show(
    ctx: typer.Context,
    playbook: Annotated[
        str,
        typer.Argument(
            metavar="ID|PATH",
            help="A built-in playbook id (see 'journeycheck playbook list'), or a playbook "
            "file (e.g. customer-journey, or ./acme-playbook.yaml).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        ChecklistFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="terminal, markdown (a wiki page of - [ ] items) or json "
            "(default terminal; e.g. --format markdown > checklist.md).",
            show_default=False,
        ),
    ] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PHASE",
            help="List only this phase's questions (repeatable, e.g. --phase buy).",
            show_default=False,
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="List only this team's questions (repeatable, e.g. --team legal).",
            show_default=False,
        ),
    ] = None,
    trait: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=BOOL",
            help="List only the questions that apply to a product with this trait "
            "(repeatable, e.g. --trait physical=true); traits not given take the "
            "playbook's default, as in a plan.",
            show_default=False,
        ),
    ] = None,
    resolved: Annotated[
        bool,
        typer.Option(
            "--resolved",
            help="Print the whole playbook as one playbook file (YAML that 'playbook check' "
            "accepts), every playbook it extends applied (e.g. --resolved > resolved.yaml).",
        ),
    ] = False,
) -> None:
    """Show a playbook as a checklist of its questions, by phase and team.

    With --resolved, print it instead as one playbook file, with everything the
    playbooks it extends bring.

    Example: journeycheck playbook show customer-journey --format markdown --team legal
    """
    _run(
        ctx,
        "playbook show",
        lambda reporter: playbook_command.show(
            reporter,
            playbook=playbook,
            output_format=output_format,
            phases=phase or [],
            teams=team or [],
            traits=trait or [],
            resolved=resolved,
        ),
    )


@playbook_app.command("check")
def playbook_check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Playbook files to check (e.g. playbooks/acme-launch.yaml).",
            show_default=False,
            # journeycheck's reader says what is wrong with a file it cannot read, file
            # by file; the parser's own check would end the whole run with a usage error.
            readable=False,
        ),
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit 2 when a translation has missing, stale or unknown entries, too "
            "(e.g. in CI, to keep translations complete).",
        ),
    ] = False,
) -> None:
    """Check your own playbook files and their translations: every problem with its line
    and column.

    Prints 'FILE: ok' with the playbook's id, version and question count for
    each valid file, and checks its translations beside it (FILE.bg.yaml,
    FILE.ko.yaml): a translation's missing, stale and unknown entries are
    warnings. Exits 0 when every file is valid, else 2.

    Example: journeycheck playbook check playbooks/acme-launch.yaml
    """
    _run(
        ctx,
        "playbook check",
        lambda reporter: playbook_command.check(reporter, paths=paths, strict=strict),
    )


_PLAN_ARGUMENT = typer.Argument(
    metavar="PLAN",
    help="The plan file to change (e.g. launch-plan.yaml).",
    show_default=False,
    dir_okay=False,
)
#: ``--as-of`` of the commands that change answers (set, review, import): they score the
#: effect of the change.
EffectAsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Score the effect as of this day (YYYY-MM-DD) instead of today "
        "(e.g. --as-of 2027-01-15).",
        show_default=False,
    ),
]


@app.command("upgrade")
def upgrade(
    ctx: typer.Context,
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN",
            help="The plan file to bring up to date with its playbook (e.g. launch-plan.yaml).",
            show_default=False,
            dir_okay=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print the change as a diff and write nothing (e.g. upgrade plan.yaml --dry-run).",
        ),
    ] = False,
    allow_outside: AllowOutside = False,
) -> None:
    """Bring a plan up to date with a newer version of its playbook.

    Adds a not-started answer, with init's comments, for every question that
    applies and has none; moves answers of renamed questions to their new ids;
    comments out, with a note, answers whose question is gone; and sets
    playbook_version. Nothing else in the file changes.

    Example: journeycheck upgrade launch-plan.yaml --dry-run
    """
    _run(
        ctx,
        "upgrade",
        lambda reporter: upgrade_command.run(
            reporter, plan=plan, dry_run=dry_run, allow_outside=allow_outside
        ),
    )


@app.command("set")
def set_answers(
    ctx: typer.Context,
    plan: Annotated[Path, _PLAN_ARGUMENT],
    questions: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUESTION]...",
            help="Full question ids to change (e.g. buy.legal.sla-support-terms); or choose "
            "them with --team and --phase.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="S",
            help="done, partial, not-started, blocked or n/a (e.g. --status done).",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help='Who owns it (e.g. --owner "Amara Nwosu").', show_default=False
        ),
    ] = None,
    due: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="When it is due, YYYY-MM-DD (e.g. --due 2027-02-01).",
            show_default=False,
        ),
    ] = None,
    evidence: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="A link or reference proving it (e.g. --evidence https://wiki/x).",
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help='Free text; required with n/a (e.g. --note "No hardware").',
            show_default=False,
        ),
    ] = None,
    waive: Annotated[
        str | None,
        typer.Option(
            metavar="REASON",
            help="Add a waiver with this reason; needs --approver, --expires and "
            '--risk-accepted (e.g. --waive "Beta only").',
            show_default=False,
        ),
    ] = None,
    approver: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help='Who accepted the waiver\'s risk (e.g. --approver "VP Sales").',
            show_default=False,
        ),
    ] = None,
    expires: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="The waiver's last day, YYYY-MM-DD (e.g. --expires 2027-02-28).",
            show_default=False,
        ),
    ] = None,
    risk_accepted: Annotated[
        str | None,
        typer.Option(
            "--risk-accepted",
            metavar="TEXT",
            help="The customer risk the approver accepts, in the customer's words; the "
            "question's risk (audit --long) says what it is (e.g. --risk-accepted "
            '"Partners promote it later; direct customers are not affected").',
            show_default=False,
        ),
    ] = None,
    unwaive: Annotated[
        bool, typer.Option("--unwaive", help="Remove the waiver (e.g. --unwaive).")
    ] = False,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FIELD",
            help="Remove a field: owner, due, evidence, note or waiver (repeatable; "
            "e.g. --clear note).",
            show_default=False,
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="Change every applicable question of this team (repeatable; e.g. --team legal).",
            show_default=False,
        ),
    ] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PHASE",
            help="Change every applicable question of this phase (repeatable; e.g. --phase buy).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print the unified diff of the file; write nothing (e.g. --dry-run)."
        ),
    ] = False,
    as_of: EffectAsOf = None,
    kpi: Annotated[
        str | None,
        typer.Option(
            metavar="ID",
            help="Record this KPI's values instead of answers (e.g. --kpi time-to-close); "
            "--note is then the KPI's note.",
            show_default=False,
        ),
    ] = None,
    actual: Annotated[
        str | None,
        typer.Option(
            metavar="N",
            help="With --kpi: the measured value; measured today unless --measured says "
            "(e.g. --actual 38).",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(
            metavar="N",
            help="With --kpi: the value aimed for (e.g. --target 30).",
            show_default=False,
        ),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option(
            metavar="N",
            help="With --kpi: where the measure stood before (e.g. --baseline 45).",
            show_default=False,
        ),
    ] = None,
    measured: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="With --kpi: the day the actual was measured, YYYY-MM-DD (e.g. --measured "
            "2027-01-10).",
            show_default=False,
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Record answers in a plan without editing its YAML by hand.

    Changes only the lines of those answers; prints each change and its effect on
    the gate score, the verdict and the gaps. With --kpi, records a KPI's values
    in the plan's kpis instead.

    Example: journeycheck set launch-plan.yaml buy.legal.sla-support-terms --status done --evidence https://wiki/sla
    """

    _run(
        ctx,
        "set",
        lambda reporter: set_command.run(
            reporter,
            plan=plan,
            questions=questions or [],
            teams=team or [],
            phases=phase or [],
            status=status,
            owner=owner,
            due=due,
            evidence=evidence,
            note=note,
            waive=waive,
            approver=approver,
            expires=expires,
            risk_accepted=risk_accepted,
            unwaive=unwaive,
            clear=clear or [],
            dry_run=dry_run,
            as_of=as_of,
            kpi=kpi,
            actual=actual,
            target=target,
            baseline=baseline,
            measured=measured,
            allow_outside=allow_outside,
        ),
    )


@app.command()
def review(
    ctx: typer.Context,
    plan: Annotated[Path, _PLAN_ARGUMENT],
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="Only this team's questions (repeatable; e.g. --team legal).",
            show_default=False,
        ),
    ] = None,
    phase: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PHASE",
            help="Only this phase's questions (repeatable; e.g. --phase buy).",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all", help="Every applicable question, not only the open ones (e.g. --all)."
        ),
    ] = False,
    as_of: EffectAsOf = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Walk the open questions one by one, most urgent first, and record each answer.

    Single keys choose the status: d done, p partial, n not started, k blocked,
    a n/a; s skips, b goes back, q quits. Each answer is saved before the next.

    Example: journeycheck review launch-plan.yaml --team legal
    """

    _run(
        ctx,
        "review",
        lambda reporter: review_command.run(
            reporter,
            plan=plan,
            teams=team or [],
            phases=phase or [],
            everything=show_all,
            as_of=as_of,
            allow_outside=allow_outside,
        ),
    )


@app.command()
def export(
    ctx: typer.Context,
    plan: Annotated[
        Path,
        typer.Argument(
            metavar="PLAN", help="The plan to export (e.g. launch-plan.yaml).", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the CSV to FILE (atomically) instead of stdout (e.g. -o answers.csv).",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    team: Annotated[
        list[str] | None,
        typer.Option(
            metavar="TEAM",
            help="Only this team's rows, to send to that team (repeatable; e.g. --team legal).",
            show_default=False,
        ),
    ] = None,
    allow_outside: AllowOutside = False,
) -> None:
    """Write the answers as a spreadsheet (CSV): one row per applicable question.

    UTF-8 with a byte order mark, so Excel opens every script correctly; edit it
    and bring it back with journeycheck import.

    Example: journeycheck export launch-plan.yaml --team legal -o legal.csv
    """

    _run(
        ctx,
        "export",
        lambda reporter: export_command.run(
            reporter, plan=plan, output=output, teams=team or [], allow_outside=allow_outside
        ),
    )


@app.command("import")
def import_answers(
    ctx: typer.Context,
    plan: Annotated[Path, _PLAN_ARGUMENT],
    sheet: Annotated[
        Path,
        typer.Argument(
            metavar="SHEET",
            help="The CSV file, as Excel or Google Sheets saved it (e.g. legal.csv).",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print the unified diff of the plan; write nothing (e.g. --dry-run)."
        ),
    ] = False,
    as_of: EffectAsOf = None,
    allow_outside: AllowOutside = False,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            metavar="NAME",
            help="The sheet's text encoding, when it is not UTF-8: Excel's plain CSV is "
            "the system's code page (e.g. --encoding windows-1251, --encoding cp949).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Merge the cells of an edited spreadsheet back into the plan.

    Reads what Excel and Google Sheets save (any delimiter, line end and byte
    order mark; their date forms); every bad cell is located as FILE:ROW:COLUMN.
    A sheet that is not UTF-8 is refused with the encoding it looks like, for
    --encoding.

    Example: journeycheck import launch-plan.yaml legal.csv --dry-run
    """

    _run(
        ctx,
        "import",
        lambda reporter: import_command.run(
            reporter,
            plan=plan,
            sheet=sheet,
            dry_run=dry_run,
            as_of=as_of,
            allow_outside=allow_outside,
            encoding=encoding,
        ),
    )


@playbook_app.command("diff")
def playbook_diff(
    ctx: typer.Context,
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            help="The first playbook: a built-in id or a playbook file, usually the older "
            "version (e.g. customer-journey).",
            show_default=False,
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW",
            help="The second playbook, compared with the first (e.g. playbooks/acme-launch.yaml).",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        PlaybookDiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="terminal, markdown (for a pull request or a wiki) or json "
            "(e.g. --format markdown).",
        ),
    ] = Format.TERMINAL,
) -> None:
    """Show what changed between two playbooks: questions added, removed, renamed, changed.

    Changed questions are listed field by field. A question counts as renamed
    when either playbook records it under renamed:.

    Example: journeycheck playbook diff customer-journey playbooks/acme-launch.yaml
    """
    _run(
        ctx,
        "playbook diff",
        lambda reporter: playbook_command.diff(
            reporter, old=old, new=new, output_format=output_format
        ),
    )


def main() -> None:
    """Console-script entry point."""
    _no_pydantic_plugins()
    try:
        _root_command()(prog_name="journeycheck")
    except SystemExit as exc:
        finish(exc.code)
        raise


def _root_command() -> TyperGroup:
    """``app`` as Typer builds it, but each subcommand built when it is first asked for.

    Typer turns every command's signature into Click parameters before it reads the
    command line: 5 ms warm, 7-10 ms in a fresh process, a tenth of ``--version``
    (docs/performance.md), where a run needs the one command it names. ``--help``
    and shell completion still ask for, and build, them all. Tests that call ``app``
    get Typer's own eager build, and test_cli_lazy.py checks that both are the same.
    """
    import copy

    from typer.main import get_command

    lean = copy.copy(app)
    lean.registered_commands = []
    lean.registered_groups = []
    root = get_command(lean)
    assert isinstance(root, TyperGroup)
    root.commands = _Commands(app)
    return root


class _Commands(MutableMapping[str, "Command"]):
    """The subcommands of a Typer app by name, each built by Typer's own function for
    it the first time it is looked up, and kept."""

    def __init__(self, typer_app: typer.Typer) -> None:
        from typer.main import (
            get_command_from_info,
            get_command_name,
            get_group_from_info,
            solve_typer_info_defaults,
        )

        self._built: dict[str, Command] = {}
        self._builders: dict[str, Callable[[], Command]] = {}
        for info in typer_app.registered_commands:
            assert info.callback is not None
            name = info.name or get_command_name(info.callback.__name__)
            self._builders[name] = functools.partial(
                get_command_from_info,
                info,
                pretty_exceptions_short=typer_app.pretty_exceptions_short,
                rich_markup_mode=typer_app.rich_markup_mode,
            )
        for group in typer_app.registered_groups:
            group_name = solve_typer_info_defaults(group).name
            assert isinstance(group_name, str)
            self._builders[group_name] = functools.partial(
                get_group_from_info,
                group,
                pretty_exceptions_short=typer_app.pretty_exceptions_short,
                rich_markup_mode=typer_app.rich_markup_mode,
                suggest_commands=typer_app.suggest_commands,
            )

    def __getitem__(self, name: str) -> "Command":
        if name not in self._built:
            self._built[name] = self._builders[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: "Command") -> None:
        self._builders[name] = lambda: command
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._builders[name]
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._builders

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)


#: pydantic's plugin loader, which it imports when it builds its first model.
PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


class _NoPydanticPlugins(types.ModuleType):
    """pydantic's plugin loader, for the command-line program: it finds no plugins.

    pydantic looks for plugins when it builds its first model: its loader imports
    ``importlib.metadata`` and reads the entry points of every installed package,
    about 10 ms of each run (docs/performance.md), and journeycheck runs no plugin.
    pydantic's own switch, ``PYDANTIC_DISABLE_PLUGINS``, skips the reading but not
    the import. Anything else pydantic may ask of its loader is the real loader's.
    """

    @staticmethod
    def get_plugins() -> tuple[()]:
        return ()

    def __getattr__(self, name: str) -> Any:
        import importlib

        if name.startswith("__"):  # what the import system asks of any module (__path__)
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def _no_pydantic_plugins() -> None:
    """Give pydantic a plugin loader that finds none, unless it has loaded its own already
    (journeycheck imported by a program that uses pydantic keeps that program's plugins)."""
    if PYDANTIC_PLUGIN_LOADER not in sys.modules:
        sys.modules[PYDANTIC_PLUGIN_LOADER] = _NoPydanticPlugins(PYDANTIC_PLUGIN_LOADER)


def finish(code: object) -> None:
    """End the process with ``code`` as soon as its work is done, without the
    interpreter's teardown.

    Tearing down the modules a run imported (pydantic's above all) took about
    40 ms after the report was written, a sixth of one ``audit`` (docs/performance.md).
    What a normal exit does that matters is done first: the ``atexit`` functions run
    (temporary folders, the pool's), and stdout and stderr are flushed; a reader
    gone by then ends the run as a broken pipe does (141). Returns, for the
    interpreter to exit as usual, when a thread other than this one still runs
    (a normal exit waits for it) or ``code`` is not an exit status.
    """
    import threading

    if threading.active_count() > 1 or not (code is None or isinstance(code, int)):
        return
    import atexit

    atexit._run_exitfuncs()
    status = code or 0
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            _silence_stdout()
            status = status or EXIT_BROKEN_PIPE
        except (OSError, ValueError):
            pass  # closed, or no real file: nothing is left to write to it
    os._exit(status)
