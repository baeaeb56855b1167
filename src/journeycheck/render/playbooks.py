"""The list of playbooks that ``journeycheck playbook list`` prints, and playbook diffs.

``journeycheck playbook show`` renders a checklist instead: one of the
:data:`~journeycheck.render.REGISTRY`'s ``CHECKLIST`` formats.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from journeycheck.models import Playbook
    from journeycheck.playbook_diff import PlaybookDiff
    from journeycheck.render import Format, RenderOptions


def playbook_table(playbooks: Sequence[Playbook]) -> str:
    """Plain aligned columns: id, version, question count and title, one playbook a line."""
    rows = [("id", "version", "questions", "title")]
    rows += [(p.id, p.version, str(len(p.questions)), p.title) for p in playbooks]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        f"{pid:<{widths[0]}}  {version:<{widths[1]}}  {count:>{widths[2]}}  {title}"
        for pid, version, count, title in rows
    ]
    return "\n".join(lines) + "\n"


class DiffRenderer(Protocol):
    def __call__(self, result: PlaybookDiff, options: RenderOptions) -> str: ...


_DIFF_MODULES: dict[str, str] = {
    "terminal": "journeycheck.render.playbook_diff_terminal",
    "markdown": "journeycheck.render.playbook_diff_markdown",
    "json": "journeycheck.render.playbook_diff_json",
}


def diff_renderer_for(fmt: Format) -> DiffRenderer:
    """The ``render`` function of ``fmt``'s ``playbook diff`` module, imported on first use."""
    module = importlib.import_module(_DIFF_MODULES[fmt.value])
    render: DiffRenderer = module.render
    return render
