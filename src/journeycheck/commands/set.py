"""``journeycheck set``: record answers in a plan without editing its YAML by hand.

The flags are checked first, before the plan is read; then
:mod:`journeycheck.editing` reads, checks, edits, validates and writes the plan.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter


def run(
    reporter: Reporter,
    *,
    plan: Path,
    questions: list[str],
    teams: list[str],
    phases: list[str],
    status: str | None,
    owner: str | None,
    due: str | None,
    evidence: str | None,
    note: str | None,
    waive: str | None,
    approver: str | None,
    expires: str | None,
    risk_accepted: str | None,
    unwaive: bool,
    clear: list[str],
    dry_run: bool,
    as_of: str | None,
) -> int:
    """Record the same change in each chosen answer; with ``dry_run``, print the diff only."""
    from journeycheck.checking import flags
    from journeycheck.editing import Asked, edits_for
    from journeycheck.errors import UsageError

    as_of_date = flags.date(as_of, "--as-of") or dt.date.today()
    if questions and (teams or phases):
        raise UsageError("JC616")
    if not questions and not (teams or phases):
        raise UsageError("JC617")
    asked = Asked(
        status=status,
        owner=owner,
        due=flags.date(due, "--due"),
        evidence=evidence,
        note=note,
        waive=waive,
        approver=approver,
        expires=flags.date(expires, "--expires"),
        risk_accepted=risk_accepted,
        unwaive=unwaive,
        clear=tuple(clear),
    )
    edits_for(["-"], asked)  # the flags alone, before the plan is read

    from journeycheck.editing import prepare, read_for_edit, report, select, write_edit

    read = read_for_edit(plan)
    chosen = list(dict.fromkeys(questions)) or select(read, teams, phases)
    if not chosen:
        raise UsageError("JC625")
    prepared = prepare(read, edits_for(chosen, asked), as_of_date)
    if dry_run:
        reporter.out(prepared.diff())
    elif prepared.changes:
        write_edit(prepared)
    reporter.human(report(prepared, dry_run=dry_run))
    return EXIT_OK
