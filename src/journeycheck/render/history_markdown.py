"""``journeycheck history`` as Markdown: the table of revisions and a Mermaid
``xychart-beta`` line chart of the gate score with the threshold.

The chart is made only of dates and numbers, so no plan or git text reaches
Mermaid's grammar; the table's text is escaped by the report's escaper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeycheck.render import kpi_view, view
from journeycheck.render.diff_markdown import score, table_code
from journeycheck.render.markdown import environment
from journeycheck.render.markdown_text import Md

if TYPE_CHECKING:
    from journeycheck.changes import History, HistoryPoint
    from journeycheck.render import RenderOptions


@dataclass(frozen=True)
class Chart:
    """The numbers of the Mermaid chart, already written as Mermaid lists."""

    threshold: Md
    #: The chart's title and its y axis's name, quoted for Mermaid.
    title: Md
    axis: Md
    labels: Md
    scores: Md
    thresholds: Md


def chart(points: Sequence[HistoryPoint]) -> Chart | None:
    """The gate score of every scored point, and the threshold at each, as Mermaid lists.

    Mermaid's x axis is a list of categories, and two equal ones would be drawn
    as one: a day with several commits numbers its labels ("2027-01-04 (2)").
    """
    scored = [p for p in points if p.score is not None and p.threshold is not None]
    if not scored:
        return None
    labels: list[str] = []
    seen: dict[str, int] = {}
    for point in scored:
        day = point.date.isoformat()
        seen[day] = seen.get(day, 0) + 1
        labels.append(f'"{day}"' if seen[day] == 1 else f'"{day} ({seen[day]})"')
    from journeycheck.i18n import r_, rpgettext
    from journeycheck.render.mermaid import quoted

    threshold = scored[-1].threshold or 0.0
    title = r_("Gate score over time (threshold {threshold})").format(
        threshold=view.number_text(threshold)
    )
    return Chart(
        threshold=Md(f"{threshold:g}"),
        title=Md(quoted(title)),
        axis=Md(quoted(rpgettext("column", "Gate score"))),
        labels=Md(", ".join(labels)),
        scores=Md(", ".join(f"{p.score:.1f}" for p in scored)),
        thresholds=Md(", ".join(f"{p.threshold:g}" for p in scored)),
    )


def render(history: History, options: RenderOptions) -> str:
    points = history.points
    if points:
        summary = view.counted(
            len(points),
            "1 revision, from {first} to {last}.",
            "{n} revisions, from {first} to {last}.",
            first=view.date_text(points[0].date),
            last=view.date_text(points[-1].date),
        )
    else:
        summary = view.no_points()
    return (
        environment()
        .get_template("history.md.j2")
        .render(
            doc=history,
            summary=summary,
            phases=list(dict.fromkeys(phase for point in points for phase in point.phases)),
            code=table_code,
            label=view.point_label,
            score=score,
            errors=[p for p in points if p.error is not None],
            chart=chart(points),
            kpi_title=kpi_view.history_kpis_title(),
            kpi_trends=kpi_view.kpi_trends(points),
        )
    )
