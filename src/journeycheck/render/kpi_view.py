"""The words every report uses for KPIs and lighthouse accounts.

Kept apart from :mod:`journeycheck.render.view` so that the KPI and account parts
of each format read from one place. Every sentence is a whole template with named
placeholders, to be translated as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from journeycheck.render import view

if TYPE_CHECKING:
    from journeycheck.changes import HistoryPoint
    from journeycheck.result import (
        AccountResult,
        AuditResult,
        KpiChange,
        KpiReason,
        KpiResult,
        KpiStatus,
    )

KPIS_TITLE = "KPIs"
ACCOUNTS_TITLE = "Lighthouse accounts"
NO_VALUE = "—"
STATUS: dict[KpiStatus, str] = {
    "on-target": "on target",
    "off-target": "off target",
    "no-target": "no target",
    "no-actual": "not measured",
}
REASON: dict[KpiReason, str] = {
    "no-kpi-target": "needs a target",
    "stale-kpi": "needs a fresh actual",
    "off-target": "off target",
}
KPI_LEGEND = (
    "A KPI of the gate scope needs a target; after launch, a KPI of a phase the calendar "
    "has reached needs an actual measured in the last 35 days; an off-target KPI of the "
    "gate scope makes the verdict at least at-risk."
)
NO_ACCOUNT_GAPS = "nothing open blocks it"


def number_text(value: float | None) -> str:
    """A KPI's value as written: ``38``, ``99.5``, ``1500000``; ``—`` when there is none."""
    if value is None:
        return NO_VALUE
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def value_text(value: float | None, unit: str) -> str:
    """A value with its unit: ``38 days``; ``—`` when there is none."""
    if value is None:
        return NO_VALUE
    return f"{number_text(value)} {unit}"


def measured_text(kpi: KpiResult) -> str:
    """When the actual was measured: ``2027-01-10 (64 days ago)``; ``—`` when never."""
    if kpi.measured is None or kpi.age_days is None:
        return NO_VALUE
    day = kpi.measured.isoformat()
    if kpi.age_days == 0:
        return f"{day} (today)"
    if kpi.age_days < 0:
        return f"{day} (after the as-of date)"
    return view.counted(kpi.age_days, "{day} (1 day ago)", "{day} ({n} days ago)", day=day)


def needs(kpi: KpiResult) -> list[str]:
    """What the KPI needs beyond what its status says: ``["needs a fresh actual"]``."""
    said = {"off-target"} | ({"no-kpi-target"} if kpi.status == "no-target" else set())
    return [REASON[reason] for reason in kpi.reasons if reason not in said]


def phase_text(kpi: KpiResult) -> str:
    return kpi.phase if kpi.in_gate else f"{kpi.phase} (later)"


def later_text(phase: str) -> str:
    return f"{phase}, later"


def trend_text(change: KpiChange | None) -> str:
    """How the actual moved since the earlier revision: ``42 → 38, better``."""
    if change is None:
        return "unchanged"
    old, new = number_text(change.old), number_text(change.new)
    if change.improved is None:
        return f"{old} → {new}"
    if change.improved:
        return f"{old} → {new}, better"
    return f"{old} → {new}, worse"


def kpi_change(result: AuditResult, kpi_id: str) -> KpiChange | None:
    """The KPI's change in ``audit --since``, if it changed."""
    if result.since is None:
        return None
    return next((change for change in result.since.kpis if change.kpi == kpi_id), None)


def kpi_sentence(result: AuditResult, named: int | None = view.IDS_NAMED) -> str | None:
    """The verdict rule of KPIs in words; ``None`` when no KPI is in the gate scope."""
    if not any(kpi.in_gate for kpi in result.kpis):
        return None
    off = result.why.off_target_kpis
    if not off:
        return "No KPI of the gate is off target."
    return view.counted(
        len(off),
        "{n} KPI of the gate is off target: {ids}.",
        "{n} KPIs of the gate are off target: {ids}.",
        ids=view.ids_phrase(off, named),
    )


def kpi_summary(kpis: Iterable[KpiResult]) -> str:
    """How many KPIs need attention, under the table."""
    listed = list(kpis)
    attention = sum(bool(kpi.reasons) for kpi in listed)
    return f"KPIs needing attention: {attention} of {len(listed)}."


def facts_text(kpi: KpiResult, change: KpiChange | None, *, trend: bool = False) -> str:
    """A KPI's second line: baseline, when measured, what it needs, and its trend."""
    parts = [
        f"baseline {number_text(kpi.baseline)}",
        f"measured {measured_text(kpi)}",
    ]
    parts += needs(kpi)
    if trend or change is not None:
        parts.append(f"since: {trend_text(change)}")
    return " · ".join(parts)


def account_due_text(account: AccountResult) -> str:
    if account.due is None:
        return NO_VALUE
    if account.overdue:
        return f"{account.due.isoformat()}, overdue"
    return account.due.isoformat()


def blocks_text(names: list[str]) -> str:
    """The mark of a gap that holds accounts back: ``blocks Globex, Initech``."""
    return "blocks {accounts}".format(accounts=", ".join(names))


HISTORY_KPIS_TITLE = "KPI actuals over time"


def kpi_trends(points: Sequence[HistoryPoint]) -> list[tuple[str, str]]:
    """Each KPI recorded at some revision, with its actuals where they changed:
    ``("time-to-close", "38 on 2027-02-01 → 33 on 2027-03-10")``."""
    ids = list(dict.fromkeys(kpi for point in points for kpi in point.kpis))
    trends = []
    for kpi_id in ids:
        steps: list[str] = []
        last: float | None = None
        for point in points:
            if point.error is not None or kpi_id not in point.kpis:
                continue
            value = point.kpis[kpi_id]
            if value is None or value == last:
                continue
            last = value
            day = point.date.isoformat()
            steps.append(f"{number_text(value)} on {day}")
        if steps:
            trends.append((kpi_id, " → ".join(steps)))
    return trends


def agenda_accounts_title(days: int) -> str:
    """The heading of the agenda's first part: the week's deal call."""
    return view.counted(
        days,
        "Lighthouse accounts: next steps due within 1 day, or late",
        "Lighthouse accounts: next steps due within {n} days, or late",
    )


def account_line(account: AccountResult) -> str:
    """An account on the agenda: ``Globex (buy), due 2027-01-18: Security review call.``"""
    step = account.next_step if account.next_step is not None else "no next step written"
    return f"{account.name} ({account.stage}), due {account_due_text(account)}: {step}"


def account_gaps_line(account: AccountResult) -> str:
    if not account.open_gaps:
        return NO_ACCOUNT_GAPS
    return "blocked by: {ids}".format(ids=", ".join(account.open_gaps))


DIFF_KPIS_TITLE = "KPI actuals that changed"


def kpi_change_lines(changes: Sequence[KpiChange]) -> list[tuple[str, str]]:
    """Each KPI whose actual changed, for ``journeycheck diff``: ``(id, "42 → 38, better")``."""
    return [(change.kpi, trend_text(change)) for change in changes]


def note_text(note: str) -> str:
    return f"note: {note}"


def values_text(kpi: KpiResult, unit: str) -> str:
    """``52 days, target 45``; ``no actual, target 45``; ``52 days, no target``."""
    actual = value_text(kpi.actual, unit) if kpi.actual is not None else "no actual"
    if kpi.target is None:
        return f"{actual}, no target"
    return f"{actual}, target {number_text(kpi.target)}"


def next_step_text(step: str) -> str:
    return f"next: {step}"


def is_blank(kpi: KpiResult) -> bool:
    """Nothing recorded and nothing needed yet: the terminal lists such KPIs on one line."""
    recorded = (kpi.baseline, kpi.target, kpi.actual, kpi.measured, kpi.note)
    return not kpi.reasons and all(value is None for value in recorded)


def blank_text(ids: list[str]) -> str:
    return "Not recorded, and not needed yet: {ids}.".format(ids=", ".join(ids))
