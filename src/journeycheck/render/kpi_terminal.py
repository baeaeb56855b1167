"""The terminal report's KPI and lighthouse-account parts, drawn with Rich.

Called by :func:`journeycheck.render.terminal.report`; the words are
:mod:`journeycheck.render.kpi_view`'s. Text from a plan or playbook is always
:class:`rich.text.Text` on one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from journeycheck.render import kpi_view

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import RenderableType

    from journeycheck.result import AuditResult, Gap

STATUS_STYLE = {
    "on-target": "green",
    "off-target": "red",
    "no-target": "yellow",
    "no-actual": "yellow",
}


def kpi_part(result: AuditResult) -> list[RenderableType]:
    """Each KPI on two lines (three with a note), or nothing when the playbook names none:
    its id, phase, actual, target and status, then its baseline, when it was measured and
    what it needs. Lines fold at any width rather than squeeze a table's columns."""
    from journeycheck.printable import flat

    if not result.kpis:
        return []
    trend = result.since is not None
    parts: list[RenderableType] = [Text(), Text(kpi_view.kpis_title(), style="bold")]
    untouched = [kpi.id for kpi in result.kpis if kpi_view.is_blank(kpi)]
    for kpi in result.kpis:
        if kpi.id in untouched:
            continue
        first = Text(kpi.id, style="bold")
        phase = kpi.phase if kpi.in_gate else kpi_view.later_text(kpi.phase)
        first.append(" · " + phase + " · ", style="" if kpi.in_gate else "dim")
        first.append(kpi_view.values_text(kpi, flat(kpi.unit)))
        if kpi.status in ("on-target", "off-target"):
            first.append(" · ")
            first.append(kpi_view.status_word(kpi.status), style=STATUS_STYLE[kpi.status])
        change = kpi_view.kpi_change(result, kpi.id)
        lines = [Padding(first, (0, 0, 0, 1))]
        facts = Text(kpi_view.facts_text(kpi, change, trend=trend), style="dim")
        lines.append(Padding(facts, (0, 0, 0, 3)))
        if kpi.note is not None:
            note = Text(kpi_view.note_text(flat(kpi.note)), style="italic")
            lines.append(Padding(note, (0, 0, 0, 3)))
        parts += lines
    if untouched:
        blank = Text(kpi_view.blank_text(untouched), style="dim")
        parts.append(Padding(blank, (0, 0, 0, 1)))
    parts.append(Text(kpi_view.kpi_summary(result.kpis), style="dim"))
    return parts


def accounts_part(result: AuditResult) -> list[RenderableType]:
    """Each lighthouse account: its name, stage and due day, then its next step and the
    open gaps blocking it, folding at any width."""
    from journeycheck.printable import flat

    if not result.accounts:
        return []
    parts: list[RenderableType] = [Text(), Text(kpi_view.accounts_title(), style="bold")]
    for account in result.accounts:
        first = Text(flat(account.name), style="bold")
        first.append(" · ")
        first.append(kpi_view.account_facts(account), style="yellow" * account.overdue)
        parts.append(Padding(first, (0, 0, 0, 1)))
        if account.next_step is not None:
            step = Text(kpi_view.next_step_text(flat(account.next_step)))
            parts.append(Padding(step, (0, 0, 0, 3)))
        gaps = Text(
            kpi_view.account_gaps_line(account), style="red" if account.open_gaps else "dim"
        )
        parts.append(Padding(gaps, (0, 0, 0, 3)))
    return parts


def blocks_line(gap: Gap) -> list[RenderableType]:
    """The line under a gap that names the accounts it blocks; nothing when none."""
    from journeycheck.printable import flat

    if not gap.blocks:
        return []
    names = [flat(name) for name in gap.blocks]
    return [Text(kpi_view.blocks_text(names), style="magenta", overflow="fold")]


def kpi_lines_part(title: str, rows: Sequence[tuple[str, str]]) -> list[RenderableType]:
    """``title``, then one line a KPI (its id, then ``rows``' text, folded under itself);
    nothing when there are no rows. The diff's changed actuals and the history's trends."""
    if not rows:
        return []
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for kpi_id, text in rows:
        grid.add_row(Text(kpi_id, style="bold"), Text(text))
    return [Text(), Text(title, style="bold"), grid]
