"""The review's documents in the terminal, drawn with Rich: a diff, a history, an agenda.

Every piece of text from a plan, a playbook or git (products, owners, questions,
commit subjects) is placed as :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from journeycheck.compare import EXPIRING_DAYS
from journeycheck.render import review_view as view
from journeycheck.render.terminal import VERDICT_STYLE, band, draw

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.changes import Agenda, Diff, History, HistoryPoint
    from journeycheck.render import RenderOptions
    from journeycheck.result import Changes, DiffSide, ScoreChange

#: Rows of the gate-score chart: 100, 90, ..., 0.
CHART_LEVELS = tuple(range(100, -1, -10))


def render_diff(diff: Diff, options: RenderOptions) -> str:
    title = Text(diff.product, style="bold")
    title.append(" — what changed", style="default")
    # Rich draws a blank line above and below each of these tables.
    parts: list[RenderableType] = [title, sides(diff.old, diff.new)]
    parts += [score_table("Phase", diff.phases), score_table("Team", diff.teams)]
    parts += change_parts(diff)
    return draw(Group(*parts), options)


def sides(old: DiffSide, new: DiffSide) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, side in (("From", old), ("To", new)):
        line = Text(side.ref)
        line.append(f"  as of {side.as_of.isoformat()}", style="dim")
        table.add_row(label, line)
    verdict = Text(old.verdict, style=VERDICT_STYLE[old.verdict])
    if new.verdict != old.verdict:
        verdict.append(" → ")
        verdict.append(new.verdict, style=VERDICT_STYLE[new.verdict])
    table.add_row("Verdict", verdict)
    table.add_row(
        "Gate score",
        movement(old.score, new.score, new.threshold, f"gate {new.gate}"),
    )
    table.add_row("Total score", movement(old.total_score, new.total_score, new.threshold))
    return table


def movement(old: float | None, new: float | None, threshold: float, note: str = "") -> Text:
    """ "70.9 → 75.0  +4.1" with the new score in its band's colour."""
    delta = None if old is None or new is None else round(new - old, 1)
    line = Text(view.score_text(old))
    line.append(" → ")
    line.append(view.score_text(new), style=band(new, threshold))
    line.append(f"  {view.delta_text(delta)}", style=delta_style(delta))
    if note:
        line.append(f"  ({note})", style="dim")
    return line


def delta_style(delta: float | None) -> str:
    if not delta:
        return "dim"
    return "green" if delta > 0 else "red"


def score_table(heading: str, changes: Sequence[ScoreChange]) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(heading, no_wrap=True)
    table.add_column("Old", justify="right")
    table.add_column("New", justify="right")
    table.add_column("Change", justify="right")
    for change in changes:
        table.add_row(
            Text(change.id),
            view.score_text(change.old),
            view.score_text(change.new),
            Text(view.delta_text(change.delta), style=delta_style(change.delta)),
        )
    return table


def change_parts(changes: Changes) -> list[RenderableType]:
    """The question, owner, date and waiver lists that are not empty."""
    if not view.has_changes(changes):
        return [Text(view.NO_CHANGES)]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for entry in view.question_lists(changes):
        if entry.questions:
            table.add_row(
                f"{entry.title} ({len(entry.questions)})", Text("\n".join(entry.questions))
            )
    for listing in view.change_lists(changes, EXPIRING_DAYS):
        if listing.rows:
            lines = Text("\n".join(f"{question}: {text}" for question, text in listing.rows))
            table.add_row(f"{listing.title} ({len(listing.rows)})", lines)
    return [table]


# -- history ---------------------------------------------------------------------------


def render_history(history: History, options: RenderOptions) -> str:
    title = Text("Readiness history of ", style="bold")
    title.append(history.plan, style="bold")
    parts: list[RenderableType] = [title]
    if not history.points:
        return draw(Group(title, Text(view.NO_POINTS)), options)
    parts += [history_table(history.points), *chart(history.points, options.width)]
    errors = [p for p in history.points if p.error is not None]
    if errors:
        parts += [Text(), Text("Revisions that could not be audited", style="bold")]
        parts += [Text(p.error or "", overflow="fold") for p in errors]
    return draw(Group(*parts), options)


def history_table(points: Sequence[HistoryPoint]) -> RenderableType:
    phases = list(dict.fromkeys(phase for point in points for phase in point.phases))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Commit", no_wrap=True)
    table.add_column("Author", overflow="fold")
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Gate", justify="right")
    for phase in phases:
        table.add_column(phase, justify="right")
    for point in points:
        threshold = point.threshold if point.threshold is not None else 80
        verdict = (
            Text("invalid", style="bold magenta")
            if point.error is not None
            else Text(point.verdict or "", style=VERDICT_STYLE.get(point.verdict or "", ""))
        )
        table.add_row(
            point.date.isoformat(),
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
        Text(f"Gate score over time (threshold {threshold:g}, dashed)", style="bold")
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
    first, last = points[0].date.isoformat(), points[-1].date.isoformat()
    span = Text(f"     {first}" + (f" … {last}" if last != first else ""), style="dim")
    return [*lines, axis, span]


def _row(score: float) -> int:
    """The chart row of a score: the nearest ten, halves rounded up (85 is drawn at 90)."""
    return int(score / 10 + 0.5)


def _columns(points: Sequence[HistoryPoint], room: int) -> list[HistoryPoint]:
    """``room`` points spread evenly over ``points``, the first and last among them."""
    last = len(points) - 1
    return [points[round(index * last / (room - 1))] for index in range(room)]


# -- agenda ----------------------------------------------------------------------------


def render_agenda(agenda: Agenda, options: RenderOptions) -> str:
    title = Text(agenda.product, style="bold")
    title.append(f" — agenda as of {agenda.as_of.isoformat()}", style="default")
    facts = Text(agenda.verdict.upper(), style=VERDICT_STYLE[agenda.verdict])
    facts.append(f"  gate {agenda.gate}, score {view.score_text(agenda.score)}")
    if agenda.since is not None:
        facts.append(f"; since {agenda.since.ref} ({agenda.since.as_of.isoformat()})")
    parts: list[RenderableType] = [title, facts]
    if not agenda.owners:
        parts += [Text(), Text(view.NOTHING_ON_THE_AGENDA)]
    for owner in agenda.owners:
        parts += [Text(), Text(view.owner_title(owner), style="bold underline")]
        for section in view.agenda_sections(owner, agenda.days):
            parts.append(Text(f"  {section.title}", style="bold"))
            table = Table.grid(padding=(0, 1))
            table.add_column(no_wrap=True)
            table.add_column(overflow="fold")
            for item in section.items:
                mark = "✓" if section.closed else "•"
                line = Text(item.ask)
                when = view.item_when(item)
                extra = f" ({item.question}" + (f", {when})" if when else ")")
                line.append(extra, style="dim")
                table.add_row(f"   {mark}", line)
            parts.append(table)
    return draw(Group(*parts), options)
