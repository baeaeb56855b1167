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
    from journeycheck.editing import Prepared


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
    kpi: str | None = None,
    actual: str | None = None,
    target: str | None = None,
    baseline: str | None = None,
    measured: str | None = None,
    allow_outside: bool = False,
) -> int:
    """Record the same change in each chosen answer; with ``dry_run``, print the diff only.

    With ``kpi``, record that KPI's values instead (:func:`run_kpi`).
    """
    from journeycheck.checking import flags
    from journeycheck.editing import Asked, edits_for
    from journeycheck.errors import UsageError

    as_of_date = flags.date(as_of, "--as-of") or dt.date.today()
    kpi_values = {"--actual": actual, "--target": target, "--baseline": baseline}
    kpi_values["--measured"] = measured
    if kpi is None:
        given = [flag for flag, value in kpi_values.items() if value is not None]
        if given:
            raise UsageError("JC856", flags=", ".join(given))
    else:
        answer_flags = {
            "QUESTION": questions,
            "--team": teams,
            "--phase": phases,
            "--status": status,
            "--owner": owner,
            "--due": due,
            "--evidence": evidence,
            "--waive": waive,
            "--approver": approver,
            "--expires": expires,
            "--unwaive": unwaive or None,
            "--clear": clear,
        }
        given = [flag for flag, value in answer_flags.items() if value]
        if given:
            raise UsageError("JC857", flags=", ".join(given))
        return run_kpi(
            reporter,
            plan=plan,
            kpi=kpi,
            actual=actual,
            target=target,
            baseline=baseline,
            measured=flags.date(measured, "--measured"),
            note=note,
            dry_run=dry_run,
            as_of=as_of_date,
            allow_outside=allow_outside,
        )
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

    from journeycheck.editing import prepare, read_for_edit, select

    read = read_for_edit(plan, allow_outside=allow_outside)
    chosen = list(dict.fromkeys(questions)) or select(read, teams, phases)
    if not chosen:
        raise UsageError("JC625")
    return record(reporter, prepare(read, edits_for(chosen, asked), as_of_date), dry_run=dry_run)


def run_kpi(
    reporter: Reporter,
    *,
    plan: Path,
    kpi: str,
    actual: str | None,
    target: str | None,
    baseline: str | None,
    measured: dt.date | None,
    note: str | None,
    dry_run: bool,
    as_of: dt.date,
    allow_outside: bool = False,
) -> int:
    """Record a KPI's values in the plan's ``kpis``, through the same checks and writes."""
    from journeycheck.editing import kpi_asked, prepare_kpi, read_for_edit

    asked = kpi_asked(
        kpi,
        actual=actual,
        target=target,
        baseline=baseline,
        measured=measured,
        note=note,
        as_of=as_of,
    )  # the flags alone, before the plan is read
    read = read_for_edit(plan, allow_outside=allow_outside)
    return record(reporter, prepare_kpi(read, asked, as_of), dry_run=dry_run)


def record(reporter: Reporter, prepared: Prepared, *, dry_run: bool) -> int:
    """The end every command that edits answers shares (``set``, ``set --kpi``, ``import``):
    the diff with ``dry_run``, else the write; then what changed, for people."""
    from journeycheck.editing import report, write_edit

    if dry_run:
        reporter.out(prepared.diff())
    elif prepared.changes:
        write_edit(prepared)
    reporter.human(report(prepared, dry_run=dry_run))
    return EXIT_OK
