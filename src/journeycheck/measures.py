"""KPIs and lighthouse accounts: the rules the engine applies beside the question scores.

Pure, like :mod:`journeycheck.score`, which calls it: validated models in, result
models out; no files, no clock. The rules are written up in docs/scoring.md
(sections "KPIs" and "Lighthouse accounts").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence

from journeycheck.models import KPI_FRESH_DAYS, Account, Kpi, KpiValue
from journeycheck.result import (
    KPI_REASONS,
    AccountResult,
    Gap,
    KpiChange,
    KpiReason,
    KpiResult,
    KpiStatus,
)


def is_worse(kpi: Kpi, actual: float, target: float) -> bool:
    """Whether ``actual`` misses ``target`` in the KPI's ``better`` direction (equal meets it)."""
    return actual > target if kpi.better == "lower" else actual < target


def assess_kpi(
    kpi: Kpi,
    value: KpiValue | None,
    *,
    in_gate: bool,
    started: bool,
    launched: bool,
    as_of: dt.date,
) -> KpiResult:
    """How one KPI stands on ``as_of``.

    ``in_gate``: its phase is in the gate scope; ``started``: the calendar has reached
    its phase (a question of it, or of a later phase, is due on or before ``as_of``);
    ``launched``: the launch date is before ``as_of``.
    """
    value = value or KpiValue()
    found: set[KpiReason] = set()
    if in_gate and value.target is None:
        found.add("no-kpi-target")
    age = None if value.measured is None else (as_of - value.measured).days
    # A value measured after as_of (an audit as of an earlier day) counts as current.
    current = value.actual is not None and age is not None and age <= KPI_FRESH_DAYS
    if launched and started and not current:
        found.add("stale-kpi")
    status: KpiStatus
    if value.target is None:
        status = "no-target"
    elif value.actual is None:
        status = "no-actual"
    elif is_worse(kpi, value.actual, value.target):
        status = "off-target"
        found.add("off-target")
    else:
        status = "on-target"
    note = value.note if value.note is not None and value.note.strip() else None
    return KpiResult(
        id=kpi.id,
        title=kpi.title,
        unit=kpi.unit,
        better=kpi.better,
        phase=kpi.phase,
        in_gate=in_gate,
        baseline=value.baseline,
        target=value.target,
        actual=value.actual,
        measured=value.measured,
        age_days=age,
        note=note,
        status=status,
        reasons=[reason for reason in KPI_REASONS if reason in found],
    )


def assess_kpis(
    kpis: Sequence[Kpi],
    values: Mapping[str, KpiValue],
    *,
    phase_ids: Sequence[str],
    gate_scope: Collection[str],
    reached: str | None,
    launch: dt.date,
    as_of: dt.date,
) -> list[KpiResult]:
    """Every KPI of the playbook, in playbook order.

    ``reached`` is the latest phase the calendar has reached (what ``gate: auto``
    would choose), or ``None`` before anything is due: it and every phase before
    it are started.
    """
    started = set() if reached is None else set(phase_ids[: phase_ids.index(reached) + 1])
    return [
        assess_kpi(
            kpi,
            values.get(kpi.id),
            in_gate=kpi.phase in gate_scope,
            started=kpi.phase in started,
            launched=launch < as_of,
            as_of=as_of,
        )
        for kpi in kpis
    ]


def accounts_of(
    accounts: Sequence[Account],
    gaps: Sequence[Gap],
    short: Collection[str],
    as_of: dt.date,
) -> tuple[list[AccountResult], list[Gap]]:
    """Each account with its open gaps, and the gaps marked with the accounts they block.

    ``short`` holds the applicable questions with credit below 1. A question listed in
    ``blocked_by`` blocks the account while it is one of them: one that is done,
    waived, answered n/a with a note or switched off by the traits does not.
    """
    results = []
    blocked: dict[str, list[str]] = {}
    for account in accounts:
        listed = set(account.blocked_by)
        found = [gap.question for gap in gaps if gap.question in listed and gap.question in short]
        for question in found:
            blocked.setdefault(question, []).append(account.name)
        next_step = account.next_step
        results.append(
            AccountResult(
                name=account.name,
                stage=account.stage,
                next_step=next_step if next_step is not None and next_step.strip() else None,
                due=account.due,
                overdue=account.due is not None and account.due < as_of,
                blocked_by=list(account.blocked_by),
                open_gaps=found,
            )
        )
    marked = [
        gap.model_copy(update={"blocks": blocked[gap.question]}) if gap.question in blocked else gap
        for gap in gaps
    ]
    return results, marked


def kpi_changes(old: Sequence[KpiResult], new: Sequence[KpiResult]) -> list[KpiChange]:
    """The KPIs whose actual changed from ``old`` to ``new``, in the new playbook's order.

    A KPI recorded on one side only counts as changed (from or to ``None``); one
    without an actual on either side, or with the same actual, is left out.
    """
    before = {kpi.id: kpi for kpi in old}
    better = {kpi.id: kpi.better for kpi in [*old, *new]}
    changes = []
    ids = list(dict.fromkeys([kpi.id for kpi in new] + [kpi.id for kpi in old]))
    after = {kpi.id: kpi for kpi in new}
    for kpi_id in ids:
        then = before[kpi_id].actual if kpi_id in before else None
        now = after[kpi_id].actual if kpi_id in after else None
        if then == now:
            continue
        # Rounded to nine decimals, so 38.1 - 33.2 reads 4.9, not 4.899999999999999.
        moved = None if then is None or now is None else round(now - then, 9)
        improved = None
        if moved is not None and moved != 0:
            improved = moved < 0 if better[kpi_id] == "lower" else moved > 0
        changes.append(KpiChange(kpi=kpi_id, old=then, new=now, delta=moved, improved=improved))
    return changes
