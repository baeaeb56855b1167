"""The words every report uses for KPIs and lighthouse accounts.

Kept apart from :mod:`journeycheck.render.view` so that the KPI and account parts
of each format read from one place. Every sentence is a whole template with named
placeholders, looked up in the ``reports`` catalogue of the current language when
it is used (never at import). Ids stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from journeycheck.i18n import format_decimal, r_, rpgettext
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

#: What stands for a value the plan does not record.
NO_VALUE = "—"


def kpis_title() -> str:
    return rpgettext("section", "KPIs")


def accounts_title() -> str:
    return rpgettext("section", "Lighthouse accounts")


def status_word(status: KpiStatus) -> str:
    words = {
        "on-target": rpgettext("kpi status", "on target"),
        "off-target": rpgettext("kpi status", "off target"),
        "no-target": rpgettext("kpi status", "no target"),
        "no-actual": rpgettext("kpi status", "not measured"),
    }
    return words[status]


def reason_words(reason: KpiReason) -> str:
    words = {
        "no-kpi-target": r_("needs a target"),
        "stale-kpi": r_("needs a fresh actual"),
        "off-target": rpgettext("kpi status", "off target"),
    }
    return words[reason]


def kpi_legend() -> str:
    return r_(
        "A KPI of the gate scope needs a target; after launch, a KPI of a phase the calendar "
        "has reached needs an actual measured in the last 35 days; an off-target KPI of the "
        "gate scope makes the verdict at least at-risk."
    )


def no_account_gaps() -> str:
    return r_("nothing open blocks it")


def column(name: str) -> str:
    """A column head of the KPI and account tables (Markdown, HTML)."""
    heads = {
        "kpi": rpgettext("column", "KPI"),
        "phase": rpgettext("column", "Phase"),
        "actual": rpgettext("column", "Actual"),
        "target": rpgettext("column", "Target"),
        "baseline": rpgettext("column", "Baseline"),
        "measured": rpgettext("column", "Measured"),
        "status": rpgettext("column", "Status"),
        "since": rpgettext("column", "Since"),
        "account": rpgettext("column", "Account"),
        "stage": rpgettext("column", "Stage"),
        "next step": rpgettext("column", "Next step"),
        "due": rpgettext("column", "Due"),
        "blocked by": rpgettext("column", "Blocked by"),
    }
    return heads[name]


def number_text(value: float | None) -> str:
    """A KPI's value as written: ``38``, ``99.5``, ``1,500,000``; ``—`` when there is none."""
    if value is None:
        return NO_VALUE
    if value.is_integer():
        return format_decimal(value, 0)
    written = repr(value)
    digits = len(written.split(".")[1]) if "." in written and "e" not in written else 6
    return format_decimal(value, min(digits, 9))


def value_text(value: float | None, unit: str) -> str:
    """A value with its unit: ``38 days``; ``—`` when there is none."""
    if value is None:
        return NO_VALUE
    return r_("{value} {unit}").format(value=number_text(value), unit=unit)


def measured_text(kpi: KpiResult) -> str:
    """When the actual was measured: ``2027-01-10 (64 days ago)``; ``—`` when never."""
    if kpi.measured is None or kpi.age_days is None:
        return NO_VALUE
    day = view.date_text(kpi.measured)
    if kpi.age_days == 0:
        return r_("{date} (today)").format(date=day)
    if kpi.age_days < 0:
        return r_("{date} (after the as-of date)").format(date=day)
    return view.counted(kpi.age_days, "{date} ({n} day ago)", "{date} ({n} days ago)", date=day)


def needs(kpi: KpiResult) -> list[str]:
    """What the KPI needs beyond what its status says: ``["needs a fresh actual"]``."""
    said = {"off-target"} | ({"no-kpi-target"} if kpi.status == "no-target" else set())
    return [reason_words(reason) for reason in kpi.reasons if reason not in said]


def phase_text(kpi: KpiResult) -> str:
    return kpi.phase if kpi.in_gate else later_text(kpi.phase)


def later_text(phase: str) -> str:
    return r_("{phase}, later").format(phase=phase)


def trend_text(change: KpiChange | None) -> str:
    """How the actual moved since the earlier revision: ``42 → 38, better``."""
    if change is None:
        return r_("unchanged")
    values = {"old": number_text(change.old), "new": number_text(change.new)}
    if change.improved is None:
        return r_("{old} → {new}").format(**values)
    if change.improved:
        return r_("{old} → {new}, better").format(**values)
    return r_("{old} → {new}, worse").format(**values)


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
        return r_("No KPI of the gate is off target.")
    return view.counted(
        len(off),
        "{n} KPI of the gate is off target: {ids}.",
        "{n} KPIs of the gate are off target: {ids}.",
        ids=view.ids_phrase(off, named),
    )


def kpi_summary(kpis: Iterable[KpiResult]) -> str:
    """How many KPIs need attention, under the section."""
    listed = list(kpis)
    attention = sum(bool(kpi.reasons) for kpi in listed)
    return r_("KPIs needing attention: {n} of {total}.").format(n=attention, total=len(listed))


def facts_text(kpi: KpiResult, change: KpiChange | None, *, trend: bool = False) -> str:
    """A KPI's second line: baseline, when measured, what it needs, and its trend."""
    parts = [
        r_("baseline {value}").format(value=number_text(kpi.baseline)),
        r_("measured {when}").format(when=measured_text(kpi)),
        *needs(kpi),
    ]
    if trend or change is not None:
        parts.append(r_("since: {trend}").format(trend=trend_text(change)))
    return " · ".join(parts)


def values_text(kpi: KpiResult, unit: str) -> str:
    """``52 days, target 45``; ``no actual, target 45``; ``52 days, no target``."""
    actual = value_text(kpi.actual, unit) if kpi.actual is not None else r_("no actual")
    if kpi.target is None:
        return r_("{actual}, no target").format(actual=actual)
    return r_("{actual}, target {target}").format(actual=actual, target=number_text(kpi.target))


def note_text(note: str) -> str:
    return r_("note: {note}").format(note=note)


def is_blank(kpi: KpiResult) -> bool:
    """Nothing recorded and nothing needed yet: the terminal lists such KPIs on one line."""
    recorded = (kpi.baseline, kpi.target, kpi.actual, kpi.measured, kpi.note)
    return not kpi.reasons and all(value is None for value in recorded)


def blank_text(ids: list[str]) -> str:
    return r_("Not recorded, and not needed yet: {ids}.").format(ids=", ".join(ids))


def account_due_text(account: AccountResult) -> str:
    if account.due is None:
        return NO_VALUE
    day = view.date_text(account.due)
    return r_("{date}, overdue").format(date=day) if account.overdue else day


def blocks_text(names: list[str]) -> str:
    """The mark of a gap that holds accounts back: ``blocks Globex, Initech``."""
    return r_("blocks {accounts}").format(accounts=", ".join(names))


def next_step_text(step: str) -> str:
    return r_("next: {step}").format(step=step)


def account_facts(account: AccountResult) -> str:
    """``buy · due 2027-01-19``: an account's stage and due day."""
    return r_("{stage} · due {due}").format(stage=account.stage, due=account_due_text(account))


def account_gaps_line(account: AccountResult) -> str:
    if not account.open_gaps:
        return no_account_gaps()
    return r_("blocked by: {ids}").format(ids=", ".join(account.open_gaps))


def history_kpis_title() -> str:
    return r_("KPI actuals over time")


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
            steps.append(
                r_("{value} on {date}").format(
                    value=number_text(value), date=view.date_text(point.date)
                )
            )
        if steps:
            trends.append((kpi_id, " → ".join(steps)))
    return trends


def agenda_accounts_title(days: int) -> str:
    """The heading of the agenda's first part: the week's deal call."""
    return view.counted(
        days,
        "Lighthouse accounts: next steps due within {n} day, or late",
        "Lighthouse accounts: next steps due within {n} days, or late",
    )


def account_line(account: AccountResult) -> str:
    """An account on the agenda: ``Globex (buy), due 2027-01-18: Security review call.``"""
    step = account.next_step if account.next_step is not None else r_("no next step written")
    return r_("{name} ({stage}), due {due}: {step}").format(
        name=account.name, stage=account.stage, due=account_due_text(account), step=step
    )


def diff_kpis_title() -> str:
    return r_("KPI actuals that changed")


def kpi_change_lines(changes: Sequence[KpiChange]) -> list[tuple[str, str]]:
    """Each KPI whose actual changed, for ``journeycheck diff``: ``(id, "42 → 38, better")``."""
    return [(change.kpi, trend_text(change)) for change in changes]
