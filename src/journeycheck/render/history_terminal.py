"""``journeycheck history`` in the terminal: a table of the revisions and a chart of the
gate score over time, with the threshold as a dashed line.

Commit subjects and authors are placed as :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from journeycheck.i18n import r_, rpgettext
from journeycheck.render import view
from journeycheck.render.terminal import VERDICT_STYLE, band, draw

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.changes import History, HistoryPoint
    from journeycheck.render import RenderOptions

#: Rows of the gate-score chart: 100, 90, ..., 0.
CHART_LEVELS = tuple(range(100, -1, -10))


def render(history: History, options: RenderOptions) -> str:
    title = Text(r_("Readiness history of {plan}").format(plan=history.plan), style="bold")
    parts: list[RenderableType] = [title]
    if not history.points:
        return draw(Group(title, Text(view.no_points())), options)
    parts += [history_table(history.points), *chart(history.points, options.width)]
    parts += kpi_trend_part(history.points)
    errors = [p for p in history.points if p.error is not None]
    if errors:
        parts += [Text(), Text(r_("Revisions that could not be audited"), style="bold")]
        parts += [Text(p.error or "", overflow="fold") for p in errors]
    return draw(Group(*parts), options)


def history_table(points: Sequence[HistoryPoint]) -> RenderableType:
    phases = list(dict.fromkeys(phase for point in points for phase in point.phases))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(rpgettext("column", "Date"), no_wrap=True)
    table.add_column(rpgettext("column", "Commit"), no_wrap=True)
    table.add_column(rpgettext("column", "Author"), overflow="fold")
    table.add_column(rpgettext("column", "Verdict"), no_wrap=True)
    table.add_column(rpgettext("column", "Gate"), justify="right")
    for phase in phases:
        table.add_column(phase, justify="right")
    for point in points:
        threshold = point.threshold if point.threshold is not None else 80
        verdict = (
            Text(rpgettext("verdict", "invalid"), style="bold magenta")
            if point.error is not None
            else Text(point.verdict or "", style=VERDICT_STYLE.get(point.verdict or "", ""))
        )
        table.add_row(
            view.date_text(point.date),
            view.point_label(point),
            Text(point.author or ""),
            verdict,
            Text(view.score_text(point.score), style=band(point.score, threshold)),
            *[view.score_text(point.phases.get(phase)) for phase in phases],
        )
    return table


def chart(points: Sequence[HistoryPoint], width: int) -> list[RenderableType]:
    """The gate score over time, one column per point (sampled when there are more),
    with the threshold as a dashed line."""
    scored = [p for p in points if p.score is not None]
    if not scored:
        return []
    threshold = scored[-1].threshold if scored[-1].threshold is not None else 80
    room = max(width - 8, 10)
    step = next((s for s in (4, 3, 2, 1) if len(points) * s <= room), 1)
    columns = _columns(points, room) if len(points) > room else list(points)
    threshold_row = _row(threshold)
    lines: list[RenderableType] = [
        Text(
            r_("Gate score over time (threshold {threshold}, dashed)").format(
                threshold=view.number_text(threshold)
            ),
            style="bold",
        )
    ]
    for level in CHART_LEVELS:
        row = Text(f"{level:>3} ┤", style="dim")
        for point in columns:
            mark = " " * step
            style = ""
            if point.score is not None and _row(point.score) == level // 10:
                mark = ("●" if not point.uncommitted else "○").ljust(step)
                style = band(point.score, threshold)
            elif level // 10 == threshold_row:
                mark = "╌" * step
                style = "dim"
            row.append(mark, style=style)
        lines.append(row)
    axis = Text("    └" + "─" * (len(columns) * step), style="dim")
    first, last = view.date_text(points[0].date), view.date_text(points[-1].date)
    span = Text(f"     {first}" + (f" … {last}" if last != first else ""), style="dim")
    return [*lines, axis, span]


def _row(score: float) -> int:
    """The chart row of a score: the nearest ten, halves rounded up (85 is drawn at 90)."""
    return int(score / 10 + 0.5)


def _columns(points: Sequence[HistoryPoint], room: int) -> list[HistoryPoint]:
    """``room`` points spread evenly over ``points``, the first and last among them."""
    last = len(points) - 1
    return [points[round(index * last / (room - 1))] for index in range(room)]


def kpi_trend_part(points: Sequence[HistoryPoint]) -> list[RenderableType]:
    """Each KPI's actual where it changed, one line a KPI; nothing when none was recorded."""
    from journeycheck.render import kpi_view
    from journeycheck.render.kpi_terminal import kpi_lines_part

    return kpi_lines_part(kpi_view.history_kpis_title(), kpi_view.kpi_trends(points))
