"""A playbook's checklist as a Markdown wiki page of ``- [ ]`` task items.

Rendered with Jinja from ``templates/checklist.md.j2``; every piece of
playbook text goes through the ``md`` filter (one line of escaped running text)
or the ``code`` filter, so it reads as written.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from journeycheck.render import view
from journeycheck.render.markdown_text import code_span, escape_paragraph
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


def render(checklist: Checklist, options: RenderOptions) -> str:
    text = (
        _environment()
        .get_template(TEMPLATE)
        .render(checklist=checklist, selection=view.selection_parts(checklist))
    )
    # Blank lines come from the template's block structure; one between blocks is enough.
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
