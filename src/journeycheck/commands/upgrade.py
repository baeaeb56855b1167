"""``journeycheck upgrade``: bring a plan up to date with a newer version of its playbook.

:mod:`journeycheck.upgrading` reads the plan, decides what changes, makes the
changes in its text, checks the result and writes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter


def run(reporter: Reporter, *, plan: Path, dry_run: bool, allow_outside: bool = False) -> int:
    """Upgrade ``plan``; with ``dry_run``, print the diff and write nothing;
    ``allow_outside`` lets the plan name a playbook file outside its repository."""
    from journeycheck import upgrading

    prepared = upgrading.prepare(upgrading.read(plan, allow_outside=allow_outside))
    if dry_run:
        reporter.out(prepared.diff())
    elif not prepared.upgrade.empty:
        upgrading.write(prepared)
    reporter.human(upgrading.report(prepared, dry_run=dry_run))
    return EXIT_OK
