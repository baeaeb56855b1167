"""``journeycheck history`` in the terminal: a table of the revisions and a chart of the
gate score over time, with the threshold as a dashed line.

Commit subjects and authors are placed as :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from journeycheck.i18n import r_, rpgettext
from journeycheck.render import view
from journeycheck.render.terminal import VERDICT_STYLE, band, draw, simple_head_width

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
    parts += [*history_table(history.points, options.width), *chart(history.points, options.width)]
    parts += kpi_trend_part(history.points)
    errors = [p for p in history.points if p.error is not None]
    if errors:
        parts += [Text(), Text(r_("Revisions that could not be audited"), style="bold")]
        parts += [Text(p.error or "", overflow="fold") for p in errors]
    return draw(Group(*parts), options)


#: The widest an author's name is shown; longer names end in an ellipsis, as do names
#: the width cannot hold, so that every revision stays on one line.
AUTHOR_MAX = 24
#: The narrowest the author column is made before the phases' scores give up their
#: columns instead.
AUTHOR_MIN = 10


def history_table(points: Sequence[HistoryPoint], width: int) -> list[RenderableType]:
    """The table of revisions, one line each, within ``width`` columns.

    A column per phase when they fit beside an author column of :data:`AUTHOR_MIN`;
    where they do not, the table keeps the gate score and a line under it says how to
    see the phases (a name folded letter by letter under a narrow header was the old
    way to fit).
    """
    phases = list(dict.fromkeys(phase for point in points for phase in point.phases))
    rows = [_row_of(point, phases) for point in points]
    headers = [
        rpgettext("column", "Date"),
        rpgettext("column", "Commit"),
        rpgettext("column", "Author"),
        rpgettext("column", "Verdict"),
        rpgettext("column", "Gate"),
        *phases,
    ]
    natural = [
        max([cell_len(headers[n])] + [cell_len(row[n].plain) for row in rows])
        for n in range(len(headers))
    ]
    author = min(natural[2], AUTHOR_MAX)
    others = natural[:2] + natural[3:]
    room = width - simple_head_width([*others, 0], gap=2)
    shown = len(headers)
    if room < min(author, AUTHOR_MIN):
        shown = 5
        others = others[:4]
        room = width - simple_head_width([*others, 0], gap=2)
    # Only the author's column gives way; below the width of the others, Rich squeezes all.
    fits = room >= 1
    # Two spaces between columns, not three: five columns and four phases fit in 80.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    for index, header in enumerate(headers[:shown]):
        if index == 2:
            table.add_column(
                header, no_wrap=True, overflow="ellipsis", width=max(1, min(author, room))
            )
        else:
            table.add_column(
                header,
                no_wrap=True,
                justify="right" if index >= 4 else "left",
                min_width=natural[index] if fits else None,
            )
    for row in rows:
        table.add_row(*row[:shown])
    if shown == len(headers):
        return [table]
    wide = simple_head_width([*natural[:2], min(author, AUTHOR_MIN), *natural[3:]], gap=2)
    note = r_(
        "Phase scores need a terminal {width} columns wide; --format markdown or json shows "
        "them at any width."
    ).format(width=wide)
    return [table, Text(note, style="dim"), Text()]


def _row_of(point: HistoryPoint, phases: Sequence[str]) -> list[Text]:
    threshold = point.threshold if point.threshold is not None else 80
    verdict = (
        Text(rpgettext("verdict", "invalid"), style="bold magenta")
        if point.error is not None
        else Text(point.verdict or "", style=VERDICT_STYLE.get(point.verdict or "", ""))
    )
    return [
        Text(view.date_text(point.date)),
        Text(view.point_label(point)),
        Text(point.author or ""),
        verdict,
        Text(view.score_text(point.score), style=band(point.score, threshold)),
        *[Text(view.score_text(point.phases.get(phase))) for phase in phases],
    ]


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
