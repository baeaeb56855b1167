"""A playbook's checklist as a Markdown wiki page of ``- [ ]`` task items.

Rendered with Jinja from ``templates/checklist.md.j2``; every piece of
playbook text is escaped for Markdown, so it reads as written.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

import jinja2

from journeycheck.render.markdown_text import code, escape
from journeycheck.render.playbooks import item_facts, selection_parts

if TYPE_CHECKING:
    from journeycheck.checklist import Checklist
    from journeycheck.render import RenderOptions

TEMPLATE = "checklist.md.j2"


def render(checklist: Checklist, options: RenderOptions) -> str:
    environment = jinja2.Environment(
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["md"] = escape
    environment.filters["code"] = code
    environment.globals["facts"] = item_facts
    source = (resources.files("journeycheck") / "templates" / TEMPLATE).read_text("utf-8")
    text = environment.from_string(source).render(
        checklist=checklist, selection=selection_parts(checklist)
    )
    # Blank lines come from the template's block structure; one between blocks is enough.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
