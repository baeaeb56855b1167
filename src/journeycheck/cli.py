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
from journeycheck.render.playbooks import ShowFormat

if TYPE_CHECKING:
    from journeycheck.render import RenderOptions

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
#: Terminal width when none is known, and the narrowest a report is drawn at.
DEFAULT_WIDTH, MIN_WIDTH = 80, 40

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
    plan: Annotated[
        Path,
        typer.Argument(help="The product plan to audit, e.g. launch-plan.yaml."),
    ],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Report format: terminal or json.")
    ] = Format.TERMINAL,
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
            help="List the N most urgent gaps (terminal default 10; JSON lists all).",
            show_default=False,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="List every gap (terminal default is the top 10).")
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=100,
            metavar="N",
            help="Exit 1 if the gate score is below N (e.g. --fail-under 80 in CI).",
            show_default=False,
        ),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 on this verdict or worse: no-go, or at-risk (at-risk or no-go).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Audit a product plan: readiness scores, the verdict and the gaps to fix first.

    Example: journeycheck audit launch-plan.yaml --gate buy --fail-on no-go
    """
    as_of_date = _date(as_of, "--as-of") or dt.date.today()
    if top is not None and show_all:
        raise typer.BadParameter("give --top N or --all, not both", param_hint="--top")

    def work() -> int:
        from journeycheck.errors import UsageError
        from journeycheck.pipeline import PlaybookCache, audit_loaded, load_plan
        from journeycheck.render import RenderOptions, renderer_for

        loaded = load_plan(plan, PlaybookCache())
        result = audit_loaded(loaded, as_of_date, gate=gate, threshold=threshold)
        _check_names("--team", team, [t.id for t in loaded.playbook.teams], UsageError)
        _check_names("--phase", phase, loaded.playbook.phase_ids(), UsageError)
        shown = result.narrowed(teams=set(team or ()), phases=set(phase or ()))
        limit = top if top is not None else (None if show_all else _default_top(output_format))
        options = RenderOptions(top=limit)
        if output_format is Format.TERMINAL:
            options = _terminal_options(limit)
        sys.stdout.write(renderer_for(output_format)(shown, options))
        sys.stdout.flush()
        return _gate_outcome(result.score, result.verdict, fail_under, fail_on)

    _run(ctx, "audit", work)


@app.command()
def init(
    ctx: typer.Context,
    path: Annotated[
        str,
        typer.Argument(
            metavar="PATH",
            help="The plan file to create (default launch-plan.yaml); - writes it to "
            "standard output and no other file.",
            show_default=False,
        ),
    ] = "launch-plan.yaml",
    product: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Product name. Default: asked, or the plan's folder name with --no-input.",
            show_default=False,
        ),
    ] = None,
    launch: Annotated[
        str | None,
        typer.Option(
            metavar="DATE",
            help="Planned launch date (YYYY-MM-DD); due dates count from it. "
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
            help="A built-in playbook id, or the path to a playbook file.",
        ),
    ] = "customer-journey",
    gate: Annotated[
        str | None,
        typer.Option(
            metavar="PHASE",
            help="The last phase that must be ready now. Default: the playbook's last phase.",
            show_default=False,
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            help="Ask nothing: missing values take defaults (as when standard input is not "
            "a terminal).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite the plan file if it exists.")
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
        if created.path is None:
            sys.stdout.write(created.text)
            sys.stdout.flush()
        else:
            typer.echo(created.summary(), nl=False)
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
            metavar="KIND", help="Which document: plan, playbook or report (the JSON report)."
        ),
    ],
    playbook: Annotated[
        str | None,
        typer.Option(
            metavar="ID|PATH",
            help="With plan: narrow the schema to this playbook's question ids, traits and phases.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a plan, a playbook or the JSON report.

    Example: journeycheck schema plan > plan.schema.json
    """
    if playbook is not None and kind is not SchemaKind.PLAN:
        raise typer.BadParameter(
            "only the plan schema depends on a playbook", param_hint="--playbook"
        )

    def work() -> int:
        from journeycheck.pipeline import PlaybookCache
        from journeycheck.schemas import dumps, plan_schema_for, schema_of

        if playbook is not None:
            document = plan_schema_for(PlaybookCache().get(playbook, Path()))
        else:
            document = schema_of(kind.value)
        sys.stdout.write(dumps(document))
        sys.stdout.flush()
        return EXIT_OK

    _run(ctx, "schema", work)


def _stdin_is_terminal() -> bool:
    """Whether someone can answer questions (tests replace this to drive the prompts)."""
    return sys.stdin.isatty()


def _default_top(output_format: Format) -> int | None:
    return 10 if output_format is Format.TERMINAL else None


def _check_names(
    flag: str, given: list[str] | None, known: list[str], error: type[Exception]
) -> None:
    from journeycheck.validate import did_you_mean

    for name in given or ():
        if name not in known:
            raise error(
                f"{flag}: unknown {flag[2:]} {name!r}{did_you_mean(name, known)}; "
                f"choose from {', '.join(known)}"
            )


def _terminal_options(top: int | None) -> RenderOptions:
    """Width and colour as Rich reads them from this run's stdout and environment."""
    from rich.console import Console

    from journeycheck.render import RenderOptions

    probe = Console(file=sys.stdout)
    # Rich takes COLUMNS=0 literally and draws nothing; treat it as unset.
    width = probe.width or DEFAULT_WIDTH
    return RenderOptions(
        top=top,
        color_system=probe.color_system,
        no_color=probe.no_color,
        width=max(width, MIN_WIDTH),
    )


def _gate_outcome(
    score: float | None, verdict: str, fail_under: float | None, fail_on: FailOn | None
) -> int:
    """Exit 1 when a CI gate the user asked for failed, saying which on stderr."""
    failed = []
    if fail_under is not None and score is not None and score < fail_under:
        failed.append(f"gate score {score:.1f} is below --fail-under {fail_under:g}")
    if fail_on is not None and (
        verdict == "no-go" or (fail_on is FailOn.AT_RISK and verdict == "at-risk")
    ):
        failed.append(f"verdict is {verdict} (--fail-on {fail_on.value})")
    for reason in failed:
        typer.echo(f"journeycheck: {reason}", err=True)
    return EXIT_GATE if failed else EXIT_OK


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
        from journeycheck.paths import expand
        from journeycheck.pipeline import PlaybookCache, check_plan_file

        cache = PlaybookCache()
        reported: set[Problem] = set()
        failed = False
        for item in expand(plans):
            if isinstance(item, Problem):
                typer.echo(str(item), err=True)
                failed = True
                continue
            checked = check_plan_file(item, cache)
            if checked.skipped is not None:
                typer.echo(f"{item.path}: skipped, not a plan: {checked.skipped}", err=True)
            elif not checked.problems:
                typer.echo(f"{item.path}: ok")
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
        from journeycheck.pipeline import PlaybookCache
        from journeycheck.render.playbooks import playbook_table

        cache = PlaybookCache()
        found = [cache.get(playbook_id, Path()) for playbook_id in playbooks.builtin_ids()]
        typer.echo(playbook_table(found), nl=False)
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
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="terminal, markdown (a wiki page of - [ ] items) or json "
            "(e.g. --format markdown > checklist.md).",
        ),
    ] = ShowFormat.TERMINAL,
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
    traits = _trait_values(trait)

    def work() -> int:
        from journeycheck.checklist import build
        from journeycheck.pipeline import PlaybookCache
        from journeycheck.render import RenderOptions
        from journeycheck.render.playbooks import checklist_renderer_for

        loaded = PlaybookCache().get(playbook, Path())
        checklist = build(loaded, phases=phase or (), teams=team or (), traits=traits)
        terminal = output_format is ShowFormat.TERMINAL
        options = _terminal_options(None) if terminal else RenderOptions()
        sys.stdout.write(checklist_renderer_for(output_format)(checklist, options))
        sys.stdout.flush()
        return EXIT_OK

    _run(ctx, "playbook show", work)


_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")


def _trait_values(given: list[str] | None) -> dict[str, bool] | None:
    """``--trait NAME=BOOL`` values by name, or ``None`` when none was given."""
    if not given:
        return None
    values: dict[str, bool] = {}
    for text in given:
        name, equals, raw = (part.strip() for part in text.partition("="))
        if not equals or not name:
            raise typer.BadParameter(
                f"{text!r} is not NAME=BOOL, e.g. --trait physical=true", param_hint="--trait"
            )
        if raw.lower() not in _TRUE + _FALSE:
            raise typer.BadParameter(
                f"{text!r}: {raw!r} is not true or false", param_hint="--trait"
            )
        value = raw.lower() in _TRUE
        if values.get(name, value) != value:
            raise typer.BadParameter(
                f"{name!r} is given both as true and as false", param_hint="--trait"
            )
        values[name] = value
    return values


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
        from journeycheck.errors import InputError
        from journeycheck.load import load_file
        from journeycheck.validate import validate_playbook

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
            typer.echo(
                f"{path}: ok ({checked.id} {checked.version}, "
                f"{count} question{'' if count == 1 else 's'})"
            )
        return EXIT_INPUT if failed else EXIT_OK

    _run(ctx, "playbook check", work)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="journeycheck")
