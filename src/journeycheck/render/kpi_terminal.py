"""The terminal report's KPI and lighthouse-account parts, drawn with Rich.

Called by :func:`journeycheck.render.terminal.report`; the words are
:mod:`journeycheck.render.kpi_view`'s. Text from a plan or playbook is always
:class:`rich.text.Text` on one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from journeycheck.render import kpi_view

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.result import AuditResult, Gap

STATUS_STYLE = {
    "on-target": "green",
    "off-target": "red",
    "no-target": "yellow",
    "no-actual": "yellow",
}


def kpi_part(result: AuditResult) -> list[RenderableType]:
    """The KPI table, two lines a KPI, or nothing when the playbook names no KPI."""
    from journeycheck.render.terminal import flat

    if not result.kpis:
        return []
    table = Table(
        title=kpi_view.KPIS_TITLE,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        expand=True,
        caption=kpi_view.kpi_summary(result.kpis),
        caption_justify="left",
    )
    trend = result.since is not None
    table.add_column("KPI, phase\nbaseline · measured · needs", ratio=1)
    table.add_column("Actual", justify="right", no_wrap=True, vertical="top")
    table.add_column("Target", justify="right", no_wrap=True, vertical="top")
    table.add_column("Status", no_wrap=True, vertical="top")
    for kpi in result.kpis:
        first = Text(kpi.id, style="bold", overflow="fold")
        first.append(" (" + kpi_view.phase_text(kpi) + ")", style="" if kpi.in_gate else "dim")
        change = kpi_view.kpi_change(result, kpi.id)
        facts = Text(kpi_view.facts_text(kpi, change, trend=trend), style="dim")
        facts.overflow = "fold"
        table.add_row(
            Group(first, facts),
            Text(kpi_view.value_text(kpi.actual, flat(kpi.unit))),
            Text(kpi_view.number_text(kpi.target)),
            Text(kpi_view.STATUS[kpi.status], style=STATUS_STYLE[kpi.status]),
        )
    return [Text(), table]


def accounts_part(result: AuditResult) -> list[RenderableType]:
    """Each lighthouse account: its stage, next step and the open gaps blocking it."""
    from journeycheck.render.terminal import flat

    if not result.accounts:
        return []
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for account in result.accounts:
        facts = Text(account.stage)
        if account.next_step is not None:
            facts.append(" · next: " + flat(account.next_step))
        facts.append(" · due " + kpi_view.account_due_text(account))
        if account.overdue:
            facts.stylize("yellow")
        gaps = Text(
            "blocked by: " + ", ".join(account.open_gaps)
            if account.open_gaps
            else kpi_view.NO_ACCOUNT_GAPS,
            style="red" if account.open_gaps else "dim",
        )
        grid.add_row(Text(flat(account.name), style="bold"), Group(facts, gaps))
    return [Text(), Text(kpi_view.ACCOUNTS_TITLE, style="bold"), grid]


def blocks_line(gap: Gap) -> list[RenderableType]:
    """The line under a gap that names the accounts it blocks; nothing when none."""
    from journeycheck.render.terminal import flat

    if not gap.blocks:
        return []
    names = [flat(name) for name in gap.blocks]
    return [Text(kpi_view.blocks_text(names), style="magenta", overflow="fold")]
