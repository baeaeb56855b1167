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
    rows = [("id", "version", "questions", "title")]
    rows += [(p.id, p.version, str(len(p.questions)), p.title) for p in playbooks]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    lines = [
        f"{pid:<{widths[0]}}  {version:<{widths[1]}}  {count:>{widths[2]}}  {title}"
        for pid, version, count, title in rows
    ]
    return "\n".join(lines) + "\n"
