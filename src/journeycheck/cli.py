"""Command-line interface: parse arguments, call the pipeline, map errors to exit codes.

Exit codes: 0 report written; 1 a --fail-under/--fail-on gate failed; 2 invalid
input or usage; 3 internal error; 130 interrupted; 141 standard output was a pipe
whose reader went away (as for a program ended by SIGPIPE). Heavy libraries (pydantic,
PyYAML, Rich, Jinja) are imported inside the commands that need them, so
``--version`` and ``--help`` start fast.
"""

# No ``from __future__ import annotations`` here: Typer reads every command's
# annotations on every run, and string annotations would make it eval() each of
# them (about 8 ms of a --version that should take 70).

import datetime as dt
import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from journeycheck import __version__, messages
from journeycheck.errors import InputError, JourneycheckError
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from journeycheck.render import RenderOptions

    # The type checker sees a Format; at run time each command's --format offers exactly
    # the formats the registry has for its document (converted to Format where it is used).
    ReportFormat = Format
    ChecklistFormat = Format
else:
    ReportFormat = format_choice(Document.REPORT)
    ChecklistFormat = format_choice(Document.CHECKLIST)

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: 128 + SIGPIPE: what a shell reports for ``cat`` or ``grep`` whose reader went away.
EXIT_BROKEN_PIPE = 141
#: Terminal width when none is known, and the narrowest a report is drawn at.
DEFAULT_WIDTH, MIN_WIDTH = 80, 40

#: The order ``journeycheck --help`` lists commands in: the order a user meets them.
COMMAND_ORDER = ("init", "audit", "validate", "playbook", "schema")


class _InUserOrder(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(rank)))


app = typer.Typer(
    name="journeycheck",
    cls=_InUserOrder,
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
) -> None:
    """Launch readiness along the customer journey: score a product plan, find the gaps."""
    ctx.obj = {"debug": debug}


def _date(value: str | None, flag: str) -> dt.date | None:
    from journeycheck.checking.dates import flag_date
    from journeycheck.errors import UsageError

    if value is None:
        return None
    try:
        return flag_date(value, None)  # the parser names the flag: Invalid value for '--as-of'
    except UsageError as exc:
        raise typer.BadParameter(str(exc), param_hint=flag) from None


def _run(ctx: typer.Context, command: str, work: Callable[[], int]) -> None:
    """Run a command body; the one place that turns outcomes into exit codes.

    A reader that goes away (``journeycheck audit plan.yaml | head -1``) ends the
    run quietly, as it ends ``cat`` or ``grep``. Anything unexpected is one line
    on stderr, exit 3; with ``--debug`` the traceback comes first.
    """
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    try:
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
        except BrokenPipeError:
            raise
        except Exception as exc:
            if debug:
                import traceback

                traceback.print_exc(file=sys.stderr)
            hint = (
                "this is a bug"
                if debug
                else f"this is a bug; re-run as 'journeycheck --debug {command} ...' "
                "for the traceback"
            )
            typer.echo(
                f"journeycheck {command}: internal error: {type(exc).__name__}: "
                f"{_one_line(exc)} ({hint})",
                err=True,
            )
            code = EXIT_INTERNAL
    except BrokenPipeError:
        _silence_stdout()
        code = EXIT_BROKEN_PIPE
    if code:
        raise typer.Exit(code)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


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
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: terminal, markdown or json. Default: from the --output "
            "file name (.md, .json), else terminal (e.g. --format markdown).",
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
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Only the portfolio table (one row per plan), not each plan's report; "
            "terminal and markdown (e.g. audit plans/ --summary).",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Audit a large portfolio in N processes (default: one per CPU; "
            "e.g. --jobs 1 for one process). Output order never changes.",
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
            help="Markdown: include the Mermaid journey diagram (e.g. --no-mermaid: leave it out).",
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
            "with several plans, if any plan has it (e.g. --fail-on no-go).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Audit product plans: readiness scores, the verdict and the gaps to fix first.

    Example: journeycheck audit launch-plan.yaml --gate buy --fail-on no-go
    """
    as_of_date = _date(as_of, "--as-of") or dt.date.today()
    if top is not None and show_all:
        raise typer.BadParameter(messages.render("JC420"), param_hint="--top")
    fmt = _report_format(output_format, output)
    if summary and fmt is Format.JSON:
        raise typer.BadParameter(messages.render("JC421"), param_hint="--summary")
    single = len(plans) == 1 and not plans[0].is_dir() and not summary

    def work() -> int:
        from dataclasses import replace

        from journeycheck.auditing import Gates, audit_many, audit_one
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
        gates = Gates(fail_under, fail_on.value if fail_on is not None else None)
        if single:
            audit_one(plans[0], settings, fmt, options, output, gates)
        else:
            audit_many(plans, settings, fmt, options, output, gates, jobs)
        # After the report, so a CI log shows why the job failed at its end.
        for reason in gates.failures:
            typer.echo(f"journeycheck: {reason}", err=True)
        return EXIT_GATE if gates.failures else EXIT_OK

    _run(ctx, "audit", work)


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
            help="The last phase that must be ready now. Default: the playbook's last phase "
            "(e.g. --gate buy).",
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
    launch_date = _date(launch, "--launch")
    to_stdout = path == "-"

    def work() -> int:
        from journeycheck.files import write_stdout
        from journeycheck.interview import TerminalPrompter
        from journeycheck.workspace import InitRequest, create_plan

        request = InitRequest(
            path=None if to_stdout else Path(path),
            playbook=playbook,
            product=product,
            launch=launch_date,
            traits=tuple(trait or ()),
            gate=gate,
            force=force,
        )
        interactive = not (no_input or to_stdout) and _stdin_is_terminal()
        created = create_plan(request, TerminalPrompter() if interactive else None)
        write_stdout(created.text if created.path is None else created.summary())
        return EXIT_OK

    _run(ctx, "init", work)


class SchemaKind(str, enum.Enum):
    """The documents ``journeycheck schema`` prints (see journeycheck.schemas.KINDS)."""

    PLAN = "plan"
    PLAYBOOK = "playbook"
    REPORT = "report"


@app.command()
def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="KIND",
            help="Which document: plan, playbook or report (the JSON report; e.g. schema report).",
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
    if playbook is not None and kind is not SchemaKind.PLAN:
        raise typer.BadParameter(messages.render("JC422"), param_hint="--playbook")

    def work() -> int:
        from journeycheck.files import write_stdout
        from journeycheck.pipeline import PlaybookCache
        from journeycheck.schemas import dumps, plan_schema_for, schema_of

        if playbook is not None:
            document = plan_schema_for(PlaybookCache().get(playbook, Path()))
        else:
            document = schema_of(kind.value)
        write_stdout(dumps(document))
        return EXIT_OK

    _run(ctx, "schema", work)


def _stdin_is_terminal() -> bool:
    """Whether someone can answer questions (tests replace this to drive the prompts)."""
    return sys.stdin.isatty()


def _report_format(given: Format | None, output: Path | None) -> Format:
    """``--format``, else what the ``--output`` name implies, else the terminal report."""
    from journeycheck.render import format_for_path

    if given is not None:
        return Format(given)
    if output is None:
        return Format.TERMINAL
    implied = format_for_path(output)
    if implied is None:
        raise typer.BadParameter(messages.render("JC423", name=output.name), param_hint="--output")
    return implied


def _default_top(output_format: Format) -> int | None:
    return 10 if output_format is Format.TERMINAL else None


def _terminal_options(top: int | None, *, to_file: bool = False) -> "RenderOptions":
    """Width and colour as Rich reads them from this run's stdout and environment.

    A report written to a file is plain text at Rich's width for non-terminals
    (``COLUMNS``, else 80).
    """
    import io

    from rich.console import Console

    from journeycheck.render import RenderOptions

    probe = Console(file=io.StringIO() if to_file or sys.stdout is None else sys.stdout)
    # Rich takes COLUMNS=0 literally and draws nothing; treat it as unset.
    width = probe.width or DEFAULT_WIDTH
    return RenderOptions(
        top=top,
        color_system=probe.color_system,
        no_color=probe.no_color,
        width=max(width, MIN_WIDTH),
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
        ),
    ],
) -> None:
    """Check plans and the playbooks they name, without scoring them.

    Prints 'FILE: ok' for each valid plan and every problem as FILE:LINE:COL:
    message on stderr, then carries on with the next plan. Exits 0 when every
    plan is valid, else 2. Quick enough to run on save and in pre-commit.

    Example: journeycheck validate launch-plan.yaml plans/
    """

    def work() -> int:
        from journeycheck.errors import Problem
        from journeycheck.files import write_stdout
        from journeycheck.paths import expand
        from journeycheck.pipeline import PlaybookCache, check_plan_file

        cache = PlaybookCache()
        reported: set[Problem] = set()
        failed = False
        checked_any, skipped = False, 0
        for item in expand(plans):
            if isinstance(item, Problem):
                typer.echo(str(item), err=True)
                failed = True
                continue
            checked = check_plan_file(item, cache)
            if checked.skipped is not None:
                typer.echo(f"{item.path}: skipped, not a plan: {checked.skipped}", err=True)
                skipped += 1
                continue
            checked_any = True
            if not checked.problems:
                write_stdout(f"{item.path}: ok\n")
            else:
                failed = True
                # A playbook shared by several plans has its problems listed once.
                for problem in checked.problems:
                    if problem not in reported:
                        typer.echo(str(problem), err=True)
                reported.update(checked.problems)
                if all(problem.file != str(item.path) for problem in checked.problems):
                    typer.echo(
                        f"{item.path}: invalid: its playbook has the problems listed above",
                        err=True,
                    )
        if skipped and not checked_any:
            # As for audit: a run that found nothing to check has not shown the plans valid.
            typer.echo(
                f"journeycheck validate: error: no plans to check: all {skipped} YAML files "
                "found were skipped",
                err=True,
            )
            failed = True
        return EXIT_INPUT if failed else EXIT_OK

    _run(ctx, "validate", work)


playbook_app = typer.Typer(
    name="playbook",
    help="List the built-in playbooks, show one as a checklist, or check your own.\n\n"
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

    def work() -> int:
        from journeycheck import playbooks
        from journeycheck.files import write_stdout
        from journeycheck.pipeline import PlaybookCache
        from journeycheck.render.playbooks import playbook_table

        cache = PlaybookCache()
        found = [cache.get(playbook_id, Path()) for playbook_id in playbooks.builtin_ids()]
        write_stdout(playbook_table(found))
        return EXIT_OK

    _run(ctx, "playbook list", work)


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
        ChecklistFormat,
        typer.Option(
            "--format",
            "-f",
            help="terminal, markdown (a wiki page of - [ ] items) or json "
            "(e.g. --format markdown > checklist.md).",
        ),
    ] = Format.TERMINAL,
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
) -> None:
    """Show a playbook as a checklist of its questions, by phase and team.

    Example: journeycheck playbook show customer-journey --format markdown --team legal
    """

    def work() -> int:
        from journeycheck.checklist import build
        from journeycheck.files import write_stdout
        from journeycheck.flags import FRIENDLY_WORDS, trait_flags
        from journeycheck.pipeline import PlaybookCache
        from journeycheck.render import RenderOptions, checklist_renderer_for

        traits = trait_flags(trait, FRIENDLY_WORDS) if trait else None
        loaded = PlaybookCache().get(playbook, Path())
        checklist = build(loaded, phases=phase or (), teams=team or (), traits=traits)
        fmt = Format(output_format)
        options = _terminal_options(None) if fmt is Format.TERMINAL else RenderOptions()
        write_stdout(checklist_renderer_for(fmt)(checklist, options))
        return EXIT_OK

    _run(ctx, "playbook show", work)


@playbook_app.command("check")
def playbook_check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Playbook files to check (e.g. playbooks/acme-launch.yaml).",
            show_default=False,
        ),
    ],
) -> None:
    """Check your own playbook files: every problem with its line and column.

    Prints 'FILE: ok' with the playbook's id, version and question count for
    each valid file. Exits 0 when every file is valid, else 2.

    Example: journeycheck playbook check playbooks/acme-launch.yaml
    """

    def work() -> int:
        from journeycheck.checking.shape import validate_playbook
        from journeycheck.errors import InputError
        from journeycheck.files import write_stdout
        from journeycheck.reading import load_file

        failed = False
        for path in paths:
            try:
                checked = validate_playbook(load_file(path))
            except InputError as exc:
                failed = True
                for problem in exc.problems:
                    typer.echo(str(problem), err=True)
                continue
            count = len(checked.questions)
            write_stdout(
                f"{path}: ok ({checked.id} {checked.version}, "
                f"{count} question{'' if count == 1 else 's'})\n"
            )
        return EXIT_INPUT if failed else EXIT_OK

    _run(ctx, "playbook check", work)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="journeycheck")
