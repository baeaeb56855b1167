"""Everything a command says, in one place: lines on stdout, problems and notes on stderr.

Each command gets one :class:`Reporter`; so does ``cli._run`` for the errors it
turns into exit codes. A problem is printed once per run, however many plans
share it (plans naming one broken playbook would otherwise repeat its problems).
A portfolio run may draw a progress bar: Rich's, on a console the command passes
in (when stderr is a terminal and more than a handful of plans are audited);
Rich is imported only then, and notes are printed above the bar meanwhile.

Problems and errors bring their own text, rendered from their code
(:mod:`journeycheck.messages`); the lines this module adds around them (``FILE:
ok``, a skipped file, how a run ended) are whole templates with named
placeholders too, kept here, the one place they are written, and translated
(:mod:`journeycheck.i18n`) before the values go in. File names, ids, versions
and the words ``journeycheck`` and ``ok`` that scripts look for stay as they are
in every language only where the translation keeps them.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from journeycheck.i18n import _, ngettext
from journeycheck.printable import ascii_marks, one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from journeycheck.errors import Problem
    from journeycheck.render import RenderOptions
    from journeycheck.upgrading import VersionGap

#: A portfolio of more plans than this shows a progress bar in a terminal.
HANDFUL = 5
#: Seconds between redraws of the bar.
REDRAW = 0.1
#: Terminal width when none is known, and the narrowest a report is drawn at.
DEFAULT_WIDTH, MIN_WIDTH = 80, 40


class Reporter:
    """What one run of ``command`` prints, and its progress bar when it draws one."""

    def __init__(self, command: str, *, ascii_only: bool = False) -> None:
        self.command = command
        #: ``--ascii``: terminal output without the marks of ambiguous width.
        self.ascii_only = ascii_only
        self._printed: set[str] = set()
        self._progress: Progress | None = None
        self._drawn = 0.0

    # -- standard output --------------------------------------------------------------

    def out(self, text: str) -> None:
        """``text`` on standard output, as it is (a report, a schema, a plan)."""
        from journeycheck.output import write_stdout

        write_stdout(text)

    def human(self, text: str) -> None:
        """Text for people on standard output (what a command changed, a terminal report).

        With ``--ascii``, its marks of ambiguous width are ASCII
        (:func:`journeycheck.printable.ascii_marks`).
        """
        self.out(self.plain(text))

    def plain(self, text: str) -> str:
        """``text`` as :meth:`human` writes it: with ``--ascii``, its marks as ASCII."""
        return ascii_marks(text) if self.ascii_only else text

    def ok(self, file: str) -> None:
        """A valid plan, on standard output."""
        self.out(one_line(_("{file}: ok").format(file=file)) + "\n")

    def playbook_ok(self, file: str, playbook_id: str, version: str, count: int) -> None:
        """A valid playbook file, with the number of its questions."""
        template = ngettext(
            "{file}: ok ({id} {version}, {count} question)",
            "{file}: ok ({id} {version}, {count} questions)",
            count,
        )
        line = template.format(file=file, id=playbook_id, version=version, count=count)
        self.out(one_line(line) + "\n")

    def translation_ok(self, file: str, language: str, current: int, total: int) -> None:
        """A valid translation file, with how much of its playbook it translates."""
        if current == total:
            template = ngettext(
                "{file}: ok ({language}, all {total} text translated)",
                "{file}: ok ({language}, all {total} texts translated)",
                total,
            )
        else:
            template = ngettext(
                "{file}: {current} of {total} text translated ({language}); the others are "
                "shown in English",
                "{file}: {current} of {total} texts translated ({language}); the others are "
                "shown in English",
                total,
            )
        line = template.format(file=file, language=language, current=current, total=total)
        self.out(one_line(line) + "\n")

    # -- standard error ---------------------------------------------------------------

    def problems(self, problems: Iterable[Problem | str], *, once: bool = True) -> None:
        """Each problem, located, unless this run has printed it already.

        A problem may come as the line it prints already (``str(problem)``), as a
        worker process sends a checked plan's warnings.

        ``once=False`` prints them however often they come: for a file the user
        named twice, as ``playbook check a.yaml a.yaml`` says everything twice.
        """
        lines = []
        for problem in problems:
            line = str(problem)
            if once and line in self._printed:
                continue
            self._printed.add(line)
            lines.append(line)
        self._say(*lines)

    def failed(self, file: str, problems: Iterable[Problem]) -> None:
        """A plan that could not be checked or audited, for ``validate`` and ``audit`` alike.

        Its problems, each once; and, when every one of them is in another file (a
        playbook several plans share, whose problems are listed once), the plan's
        name, so that no plan a run drops goes unnamed.
        """
        problems = list(problems)
        self.problems(problems)
        # Warnings alone never make a plan invalid; the errors are what stopped it.
        errors = [problem for problem in problems if not problem.is_warning]
        if all(problem.file != file for problem in errors):
            self.invalid_playbook(file)

    def skipped(self, file: str, why: str) -> None:
        """A YAML file found in a folder that is not a plan."""
        self._say(_("{file}: skipped, not a plan: {why}").format(file=file, why=why))

    def invalid_playbook(self, file: str) -> None:
        """A plan that is invalid only because of its playbook's problems, listed before."""
        self._say(
            _("{file}: invalid: its playbook has the problems listed above").format(file=file)
        )

    def strict_invalid(self, file: str) -> None:
        """A plan valid but for its warnings, which ``--strict`` counts as errors."""
        self._say(
            _("{file}: invalid with --strict: it has the warnings listed above").format(file=file)
        )

    def version_gap(self, file: str, gap: VersionGap | None) -> None:
        """One line when a plan was written against another version of its playbook."""
        if gap is None:
            return
        if gap.newer:
            template = _(
                "{file}: written against playbook {playbook} {old}; the playbook is now at "
                "version {new}: run 'journeycheck upgrade {file}' to add its new questions"
            )
        else:
            template = _(
                "{file}: written against playbook {playbook} {old}, but the playbook is at the "
                "older version {new}; check that the plan names the playbook file it was "
                "written for"
            )
        self._say(
            template.format(
                file=file, playbook=gap.playbook, old=gap.plan_version, new=gap.playbook_version
            )
        )

    def gate_failed(self, reason: str) -> None:
        """A --fail-under/--fail-on gate that failed; said after the report."""
        self._say(_("journeycheck: {reason}").format(reason=reason))

    def error(self, message: str) -> None:
        """An error that ends the run."""
        self._say(
            _("journeycheck {command}: error: {message}").format(
                command=self.command, message=message
            )
        )

    def note(self, message: str) -> None:
        """Something the run left alone and the user should know (a column it ignored)."""
        self._say(_("note: {message}").format(message=message))

    def warning(self, message: str) -> None:
        """Something to know that does not stop the run (a shallow clone, a launch long past)."""
        self._say(
            _("journeycheck {command}: warning: {message}").format(
                command=self.command, message=message
            )
        )

    def interrupted(self) -> None:
        self._say(_("journeycheck {command}: interrupted").format(command=self.command))

    def stopped(self, signal: str) -> None:
        """Ended by SIGTERM or SIGHUP (a closed terminal, ``kill``, a cancelled CI job)."""
        self._say(
            _("journeycheck {command}: stopped by {signal}").format(
                command=self.command, signal=signal
            )
        )

    def internal_error(self, exc: BaseException, *, debug: bool) -> None:
        """A bug, as one line; with ``debug``, its traceback first."""
        if debug:
            import traceback

            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        if debug:
            template = _(
                "journeycheck {command}: internal error: {kind}: {message} (this is a bug)"
            )
        else:
            template = _(
                "journeycheck {command}: internal error: {kind}: {message} (this is a bug; "
                "re-run as 'journeycheck --debug {command} ...' for the traceback)"
            )
        message = " ".join(str(exc).split())
        self._say(template.format(command=self.command, kind=type(exc).__name__, message=message))

    def _say(self, *lines: str) -> None:
        # One line each, whatever a file name or a user's value in it holds: the one place
        # every line on stderr passes (see journeycheck.printable). Several lines go in
        # one write where no progress bar is drawn: a folder's warnings were one write
        # and one terminal check a line.
        if not lines:
            return
        shown = [one_line(line) for line in lines]
        if self._progress is not None:
            for line in shown:
                self._progress.console.print(
                    line, markup=False, highlight=False, emoji=False, soft_wrap=True
                )
        else:
            import typer

            typer.echo("\n".join(shown), err=True)

    # -- the progress bar -------------------------------------------------------------

    @contextlib.contextmanager
    def progress(self, total: int, console: Console | None) -> Iterator[None]:
        """A transient bar counting ``total`` plans, drawn on ``console`` if one is given."""
        if console is None:
            yield
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn(_("Auditing plans").replace("[", "\\[")),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            # Redrawn from advance(), not from a thread of its own: audits may run
            # in worker processes, and forking beside a running thread is unsafe.
            auto_refresh=False,
        )
        self._progress.add_task("audit", total=total)
        self._progress.start()
        try:
            yield
        finally:
            self._progress.stop()
            self._progress = None

    def advance(self) -> None:
        """One more plan done."""
        if self._progress is not None:
            self._progress.advance(self._progress.task_ids[0])
            now = time.monotonic()
            if now - self._drawn >= REDRAW:
                self._drawn = now
                self._progress.refresh()

    # -- the terminal of this run -----------------------------------------------------

    def terminal_options(self, top: int | None, *, to_file: bool = False) -> RenderOptions:
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
            ascii_only=self.ascii_only,
        )
