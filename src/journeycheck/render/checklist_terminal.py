"""A playbook's checklist for the terminal, drawn with Rich; plain text in pipes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from journeycheck.i18n import r_
from journeycheck.printable import flat
from journeycheck.render.terminal import SEVERITY_STYLE, draw
from journeycheck.render.view import (
    counted,
    item_facts,
    no_question_matches,
    risk_phrase,
    selection_parts,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.checklist import Checklist, ChecklistItem, PhaseSection
    from journeycheck.render import RenderOptions


def render(checklist: Checklist, options: RenderOptions) -> str:
    return draw(checklist_view(checklist), options)


def checklist_view(checklist: Checklist) -> RenderableType:
    playbook = checklist.playbook
    count = checklist.count
    parts: list[RenderableType] = [
        Text(flat(playbook.title), style="bold"),
        Text(
            " · ".join(
                [
                    r_("Playbook {lineage}").format(lineage=flat(playbook.lineage)),
                    counted(count, "{n} question", "{n} questions"),
                    *selection_parts(checklist),
                ]
            ),
            style="dim",
        ),
    ]
    if checklist.description:
        parts.append(Text(flat(checklist.description)))
    if not checklist.phases:
        parts += [Text(), Text(no_question_matches())]
    for phase in checklist.phases:
        parts += [Text(), phase_view(phase)]
    return Group(*parts)


def phase_view(phase: PhaseSection) -> RenderableType:
    title = Text(flat(phase.title), style="bold")
    title.append(f" ({phase.id})", style="dim")
    parts: list[RenderableType] = [title]
    if phase.summary:
        parts.append(Text(flat(phase.summary), style="italic"))
    for team in phase.teams:
        parts.append(Padding(Text(flat(team.title), style="bold"), (1, 0, 0, 2)))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for item in team.items:
            body = Text(flat(item.ask))
            facts = item_facts(item)
            body.append("\n")
            body.append(facts[0], style=SEVERITY_STYLE.get(item.severity, ""))
            body.append("".join(f" · {fact}" for fact in facts[1:]), style="dim")
            body.append(f" · {item.id}", style="dim")
            if item.help:
                body.append("\n" + flat(item.help), style="dim")
            _append_risk(body, item)
            grid.add_row("[ ]", body)
        parts.append(Padding(grid, (0, 0, 0, 2)))
    return Group(*parts)


def _append_risk(body: Text, item: ChecklistItem) -> None:
    """The item's customer risk, on a line of its own, when the playbook gives one."""
    if item.risk:
        body.append("\n" + flat(risk_phrase(item.risk)), style="yellow")
