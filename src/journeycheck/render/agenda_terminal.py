"""``journeycheck agenda`` in the terminal: per owner, what the next review should discuss.

Owners and questions are placed as :class:`rich.text.Text`, never read as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from journeycheck.i18n import r_
from journeycheck.render import view
from journeycheck.render.terminal import VERDICT_STYLE, draw

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.changes import Agenda
    from journeycheck.render import RenderOptions


def render(agenda: Agenda, options: RenderOptions) -> str:
    from journeycheck.render.terminal import sentence

    title = sentence(
        r_("{product} — agenda as of {date}"),
        product=Text(agenda.product, style="bold"),
        date=view.date_text(agenda.as_of),
    )
    facts = Text(view.verdict_word(agenda.verdict), style=VERDICT_STYLE[agenda.verdict])
    values = {"phase": str(agenda.gate), "score": view.score_text(agenda.score)}
    if agenda.since is None:
        facts.append("  " + r_("gate {phase}, score {score}").format(**values))
    else:
        since = {"ref": agenda.since.ref, "date": view.date_text(agenda.since.as_of)}
        facts.append(
            "  " + r_("gate {phase}, score {score}; since {ref} ({date})").format(**values, **since)
        )
    parts: list[RenderableType] = [title, facts, *accounts_part(agenda)]
    if not agenda.owners:
        parts += [Text(), Text(view.nothing_on_the_agenda())]
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


def accounts_part(agenda: Agenda) -> list[RenderableType]:
    """The lighthouse accounts whose next step is due: the weekly deal call comes first."""
    from journeycheck.printable import flat
    from journeycheck.render import kpi_view

    if not agenda.accounts:
        return []
    parts: list[RenderableType] = [
        Text(),
        Text(kpi_view.agenda_accounts_title(agenda.days), style="bold underline"),
    ]
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for account in agenda.accounts:
        line = Text(flat(kpi_view.account_line(account)), style="yellow" * account.overdue)
        gaps = Text(kpi_view.account_gaps_line(account), style="dim")
        table.add_row("   •", Group(line, gaps))
    parts.append(table)
    return parts
