"""``journeycheck diff`` in the terminal, drawn with Rich; the same lists serve the
"since last review" part of the terminal audit report.

Text from a plan, a playbook or git is placed as :class:`rich.text.Text`, never
read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from journeycheck.compare import EXPIRING_DAYS
from journeycheck.i18n import r_, rpgettext
from journeycheck.render import view
from journeycheck.render.terminal import VERDICT_STYLE, band, draw

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.changes import Diff
    from journeycheck.render import RenderOptions
    from journeycheck.result import Changes, DiffSide, ScoreChange


def render(diff: Diff, options: RenderOptions) -> str:
    from journeycheck.render.terminal import sentence

    title = sentence(r_("{product} — what changed"), product=Text(diff.product, style="bold"))
    # Rich draws a blank line above and below each of these tables.
    parts: list[RenderableType] = [title, sides(diff.old, diff.new)]
    parts += [
        score_table(rpgettext("column", "Phase"), diff.phases),
        score_table(rpgettext("column", "Team"), diff.teams),
    ]
    parts += change_parts(diff)
    parts += kpi_changes_part(diff)
    return draw(Group(*parts), options)


def kpi_changes_part(diff: Diff) -> list[RenderableType]:
    """The KPIs whose actual changed, one line each; nothing when none did."""
    from journeycheck.render import kpi_view
    from journeycheck.render.kpi_terminal import kpi_lines_part

    return kpi_lines_part(kpi_view.diff_kpis_title(), kpi_view.kpi_change_lines(diff.kpis))


def sides(old: DiffSide, new: DiffSide) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    labelled = ((rpgettext("label", "From"), old), (rpgettext("label", "To"), new))
    for label, side in labelled:
        line = Text(side.ref)
        as_of = r_("as of {date}").format(date=view.date_text(side.as_of))
        line.append(f"  {as_of}", style="dim")
        table.add_row(label, line)
    verdict = Text(view.verdict_name(old.verdict), style=VERDICT_STYLE[old.verdict])
    if new.verdict != old.verdict:
        verdict.append(" → ")
        verdict.append(view.verdict_name(new.verdict), style=VERDICT_STYLE[new.verdict])
    table.add_row(rpgettext("label", "Verdict"), verdict)
    table.add_row(
        rpgettext("label", "Gate score"),
        movement(old.score, new.score, new.threshold, r_("gate {phase}").format(phase=new.gate)),
    )
    table.add_row(
        rpgettext("label", "Total score"),
        movement(old.total_score, new.total_score, new.threshold),
    )
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
    table.add_column(rpgettext("column", "Old"), justify="right")
    table.add_column(rpgettext("column", "New"), justify="right")
    table.add_column(rpgettext("column", "Change"), justify="right")
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
        return [Text(view.no_changes())]
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
