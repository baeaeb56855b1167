"""``journeycheck agenda`` as Markdown: a section per owner, each item a task list entry,
so the page works as the review's checklist in the meeting notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.render import kpi_view, view
from journeycheck.render.diff_markdown import code, score
from journeycheck.render.markdown import environment
from journeycheck.render.markdown_text import Md

if TYPE_CHECKING:
    from journeycheck.changes import Agenda
    from journeycheck.render import RenderOptions


def render(agenda: Agenda, options: RenderOptions) -> str:
    return (
        environment()
        .get_template("agenda.md.j2")
        .render(
            a=agenda,
            code=code,
            score=score,
            nothing=view.nothing_on_the_agenda(),
            owner_title=view.owner_title,
            sections=lambda owner: view.agenda_sections(owner, agenda.days),
            when=view.item_when,
            box=lambda closed: Md("[x]" if closed else "[ ]"),
            accounts_title=kpi_view.agenda_accounts_title(agenda.days),
            account_line=kpi_view.account_line,
            account_gaps=lambda account: Md(
                ", ".join(code(q) for q in account.open_gaps)
                if account.open_gaps
                else kpi_view.no_account_gaps()
            ),
        )
    )
