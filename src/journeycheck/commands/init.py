"""``journeycheck init``: a new plan to fill in, and the schema editors check it with."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

#: The ``PATH`` that writes the plan to standard output.
STDOUT = "-"


def run(
    reporter: Reporter,
    *,
    path: str,
    product: str | None,
    launch: str | None,
    traits: list[str],
    owners: list[str] | None,
    playbook: str,
    gate: str | None,
    no_input: bool,
    force: bool,
) -> int:
    """Create the plan at ``path`` (or print it, for ``-``), asking for what is missing."""
    from journeycheck.checking import flags

    launch_date = flags.date(launch, "--launch")
    to_stdout = path == STDOUT

    from journeycheck.interview import TerminalPrompter
    from journeycheck.workspace import InitRequest, create_plan

    request = InitRequest(
        path=None if to_stdout else Path(path),
        playbook=playbook,
        product=product,
        launch=launch_date,
        traits=tuple(traits),
        owners=None if owners is None else tuple(owners),
        gate=gate,
        force=force,
    )
    interactive = not (no_input or to_stdout) and _stdin_is_terminal()
    created = create_plan(request, TerminalPrompter() if interactive else None)
    for warning in created.warnings:
        reporter.warning(warning)
    if created.path is None:
        reporter.out(created.text)  # the plan itself, byte for byte
    else:
        reporter.human(created.summary())
    return EXIT_OK


def _stdin_is_terminal() -> bool:
    """Whether someone can answer questions (tests replace this to drive the prompts)."""
    return sys.stdin.isatty()
