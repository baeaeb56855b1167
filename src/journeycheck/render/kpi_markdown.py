"""The Markdown report's KPI and lighthouse-account sections (``templates/kpis.md.j2``).

:class:`KpiMarks` gives the template each cell already made Markdown; the words
are :mod:`journeycheck.render.kpi_view`'s, and plan text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeycheck.render import kpi_view
from journeycheck.render.markdown_text import Md, code_span, escape_inline

if TYPE_CHECKING:
    from journeycheck.result import AccountResult, AuditResult, Gap, KpiResult


@dataclass(frozen=True)
class KpiMarks:
    """What ``kpis.md.j2`` prints for one result."""

    result: AuditResult

    @property
    def trend(self) -> bool:
        return self.result.since is not None

    def kpi(self, kpi: KpiResult) -> Md:
        return Md(escape_inline(kpi.title) + "<br>" + code_span(kpi.id, in_table=True))

    def phase(self, kpi: KpiResult) -> Md:
        return Md(escape_inline(kpi_view.phase_text(kpi)))

    def value(self, kpi: KpiResult) -> Md:
        return Md(escape_inline(kpi_view.value_text(kpi.actual, kpi.unit)))

    def number(self, value: float | None) -> Md:
        return Md(escape_inline(kpi_view.number_text(value)))

    def measured(self, kpi: KpiResult) -> Md:
        return Md(escape_inline(kpi_view.measured_text(kpi)))

    def status(self, kpi: KpiResult) -> Md:
        word = kpi_view.status_word(kpi.status)
        needs = kpi_view.needs(kpi)
        head = f"**{word}**" if kpi.status == "off-target" else word
        return Md("<br>".join([head, *needs]))

    def since(self, kpi: KpiResult) -> Md:
        return Md(escape_inline(kpi_view.trend_text(kpi_view.kpi_change(self.result, kpi.id))))

    def note(self, kpi: KpiResult) -> Md:
        return Md("" if kpi.note is None else escape_inline(kpi.note))

    @property
    def summary(self) -> Md:
        return Md(escape_inline(kpi_view.kpi_summary(self.result.kpis)))

    @property
    def legend(self) -> Md:
        return Md(escape_inline(kpi_view.kpi_legend()))

    def account(self, account: AccountResult) -> Md:
        return Md(escape_inline(account.name))

    def next_step(self, account: AccountResult) -> Md:
        if account.next_step is None:
            return Md(kpi_view.NO_VALUE)
        return Md(escape_inline(account.next_step))

    def account_due(self, account: AccountResult) -> Md:
        text = escape_inline(kpi_view.account_due_text(account))
        return Md(f"**{text}**" if account.overdue else text)

    def blocked_by(self, account: AccountResult) -> Md:
        if not account.open_gaps:
            return Md(escape_inline(kpi_view.no_account_gaps()))
        return Md(", ".join(code_span(question, in_table=True) for question in account.open_gaps))


def blocks_mark(gap: Gap) -> Md:
    """What the gap table's Why cell adds for a gap that blocks accounts: ``<br>blocks …``."""
    if not gap.blocks:
        return Md("")
    return Md("<br>" + escape_inline(kpi_view.blocks_text(gap.blocks)))
