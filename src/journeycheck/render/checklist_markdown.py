"""A playbook's checklist as a Markdown wiki page of ``- [ ]`` task items.

Rendered with Jinja from ``templates/checklist.md.j2``; every piece of
playbook text goes through the ``md`` filter (one line of escaped running text)
or the ``code`` filter, so it reads as written.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from journeycheck.i18n import r_
from journeycheck.render import view
from journeycheck.render.markdown_text import Md, code_span, escape_paragraph
from journeycheck.render.templating import environment

if TYPE_CHECKING:
    import jinja2

    from journeycheck.checklist import Checklist
    from journeycheck.render import RenderOptions

TEMPLATE = "checklist.md.j2"


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return environment(
        filters={"md": escape_paragraph, "code": code_span},
        globals={"view": view},
    )


def intro(checklist: Checklist) -> Md:
    """The line under the title: which playbook, how many questions, how they were picked."""
    from journeycheck.render.markdown import say

    playbook = checklist.playbook
    lineage = Md(f" ({escape_paragraph(playbook.lineage)})" if playbook.extends else "")
    source = say(
        r_("Launch-readiness checklist from playbook {id} version {version}{lineage}: {count}"),
        id=code_span(playbook.id),
        version=playbook.version,
        lineage=lineage,
        count=view.counted(checklist.count, "{n} question", "{n} questions"),
    )
    selection = view.selection_parts(checklist)
    if not selection:
        return say(r_("{source}. Tick each item when its answer is done."), source=source)
    return say(
        r_("{source}, picked by {selection}. Tick each item when its answer is done."),
        source=source,
        selection=Md("; ".join(escape_paragraph(part) for part in selection)),
    )


def render(checklist: Checklist, options: RenderOptions) -> str:
    text = _environment().get_template(TEMPLATE).render(checklist=checklist, intro=intro(checklist))
    # Blank lines come from the template's block structure; one between blocks is enough.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
