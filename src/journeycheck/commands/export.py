"""``journeycheck export``: a plan's answers as a spreadsheet (CSV), one row per question."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter


def run(
    reporter: Reporter,
    *,
    plan: Path,
    output: Path | None,
    teams: list[str],
    allow_outside: bool = False,
) -> int:
    """The CSV to ``output`` (atomically, once it is complete) or to standard output;
    ``allow_outside`` lets the plan name a playbook file outside its repository."""
    from journeycheck.errors import UsageError
    from journeycheck.paths import identity

    if output is not None and identity(output) == identity(plan):
        raise UsageError("JC627", path=output)

    from journeycheck.output import open_output
    from journeycheck.sheet import export_plan

    text = export_plan(plan, teams, allow_outside=allow_outside)
    if output is None:
        reporter.out(text)
        return EXIT_OK
    with open_output(output) as stream:
        stream.write(text)
    return EXIT_OK
