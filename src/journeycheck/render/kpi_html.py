"""The HTML report's KPI and lighthouse-account sections (``templates/kpis.html.j2``).

:func:`kpi_context` adds what the template needs to the plan's context; the words
are :mod:`journeycheck.render.kpi_view`'s, and Jinja autoescapes every value.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.render import kpi_view

if TYPE_CHECKING:
    from markupsafe import Markup

    from journeycheck.result import AuditResult


def kpi_context(result: AuditResult) -> dict[str, object]:
    """The names ``kpis.html.j2`` and the gap rows use."""

    return {
        "kv": kpi_view,
        "kpi_trend": result.since is not None,
        "kpi_needs": kpi_view.needs,
        "kpi_since": lambda kpi: kpi_view.trend_text(kpi_view.kpi_change(result, kpi.id)),
        "blocks": lambda gap: kpi_view.blocks_text(gap.blocks),
    }


def kpi_sentence(result: AuditResult) -> Markup | None:
    """The KPI rule in the page's list of reasons; ``None`` when no KPI is in the gate."""
    from markupsafe import Markup

    sentence = kpi_view.kpi_sentence(result, named=None)
    return None if sentence is None else Markup.escape(sentence)
