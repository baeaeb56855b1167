"""What a portfolio run says on stderr while it works: notes and a progress bar.

Notes (a skipped file, a located problem in a plan) are printed as they are
found. The progress bar is Rich's, drawn only on a console the caller passes
in (the CLI does so when stderr is a terminal and more than a handful of plans
are audited); Rich is imported only then.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

#: A portfolio of more plans than this shows a progress bar in a terminal.
HANDFUL = 5
#: Seconds between redraws of the bar.
REDRAW = 0.1


class Reporter:
    """Notes on stderr, and a transient progress bar when given a console to draw on."""

    def __init__(self, total: int, console: Console | None = None) -> None:
        self.total = total
        self._console = console
        self._progress: Progress | None = None
        self._printed: set[str] = set()
        self._drawn = 0.0

    def __enter__(self) -> Reporter:
        if self._console is not None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("Auditing plans"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self._console,
                transient=True,
                # Redrawn from advance(), not from a thread of its own: audits may run
                # in worker processes, and forking beside a running thread is unsafe.
                auto_refresh=False,
            )
            self._progress.add_task("audit", total=self.total)
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._progress.task_ids[0])
            now = time.monotonic()
            if now - self._drawn >= REDRAW:
                self._drawn = now
                self._progress.refresh()

    def note(self, line: str) -> None:
        """Print ``line`` on stderr, once per run (plans sharing a broken playbook
        would otherwise repeat its problems)."""
        if line in self._printed:
            return
        self._printed.add(line)
        if self._progress is not None:
            self._progress.console.print(
                line, markup=False, highlight=False, emoji=False, soft_wrap=True
            )
        else:
            sys.stderr.write(line + "\n")
