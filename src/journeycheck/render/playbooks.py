"""The list of playbooks that ``journeycheck playbook list`` prints.

``journeycheck playbook show`` renders a checklist instead: one of the
:data:`~journeycheck.render.REGISTRY`'s ``CHECKLIST`` formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.models import Playbook


def playbook_table(playbooks: Sequence[Playbook]) -> str:
    """Plain aligned columns: id, version, question count and title, one playbook a line."""
    from rich.cells import cell_len

    from journeycheck.i18n import rpgettext

    header = (
        rpgettext("playbook list", "id"),
        rpgettext("playbook list", "version"),
        rpgettext("playbook list", "questions"),
        rpgettext("playbook list", "title"),
    )
    rows = [header]
    rows += [(p.id, p.version, str(len(p.questions)), p.title) for p in playbooks]
    # By display width, so a Korean header lines up with the rows below it.
    widths = [max(cell_len(row[column]) for row in rows) for column in range(3)]

    def pad(text: str, width: int, *, right: bool = False) -> str:
        space = " " * (width - cell_len(text))
        return space + text if right else text + space

    lines = [
        f"{pad(pid, widths[0])}  {pad(version, widths[1])}  "
        f"{pad(count, widths[2], right=True)}  {title}"
        for pid, version, count, title in rows
    ]
    return "\n".join(lines) + "\n"
