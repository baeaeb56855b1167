"""Rendering for the ``playbook`` commands: the list of playbooks and checklist formats.

``journeycheck playbook show`` renders a :class:`~journeycheck.checklist.Checklist`
in one of the :class:`ShowFormat` formats; each lives in its own module behind
the same ``render(checklist, options) -> str`` interface as the audit reports,
and is imported only when chosen.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from journeycheck.checklist import Checklist, ChecklistItem
    from journeycheck.models import Playbook
    from journeycheck.render import RenderOptions


class ShowFormat(str, enum.Enum):
    """The formats ``journeycheck playbook show --format`` offers."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    JSON = "json"


class ChecklistRenderer(Protocol):
    def __call__(self, checklist: Checklist, options: RenderOptions) -> str: ...


_MODULES: dict[ShowFormat, str] = {
    ShowFormat.TERMINAL: "journeycheck.render.checklist_terminal",
    ShowFormat.MARKDOWN: "journeycheck.render.checklist_markdown",
    ShowFormat.JSON: "journeycheck.render.checklist_json",
}


def checklist_renderer_for(fmt: ShowFormat) -> ChecklistRenderer:
    """The ``render`` function of ``fmt``'s module, imported on first use."""
    module = importlib.import_module(_MODULES[fmt])
    render: ChecklistRenderer = module.render
    return render


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


def due_phrase(days: int | None) -> str:
    """A question's due offset in words: "30 days before launch", "at launch"."""
    if days is None:
        return ""
    if days == 0:
        return "due at launch"
    unit = "day" if abs(days) == 1 else "days"
    return f"due {abs(days)} {unit} {'before' if days < 0 else 'after'} launch"


def condition_phrase(when: Mapping[str, bool]) -> str:
    """The traits a question depends on: "only if channels and not physical"."""
    if not when:
        return ""
    parts = [name if value else f"not {name}" for name, value in when.items()]
    return "only if " + " and ".join(parts)


def item_facts(item: ChecklistItem) -> list[str]:
    """What a reader should know about a question besides its wording, most important first."""
    facts = [item.severity, due_phrase(item.due), condition_phrase(item.when)]
    if item.evidence == "required":
        facts.append("evidence required")
    return [fact for fact in facts if fact]


def selection_parts(checklist: Checklist) -> list[str]:
    """How the listed questions were picked ("phase buy", "traits physical=true"); [] for all."""
    selection = checklist.selection
    parts = []
    if selection.phases:
        parts.append("phase " + ", ".join(selection.phases))
    if selection.teams:
        parts.append("team " + ", ".join(selection.teams))
    if selection.traits is not None:
        values = ", ".join(
            f"{name}={str(value).lower()}" for name, value in selection.traits.items()
        )
        parts.append(f"traits {values}" if values else "no traits")
    return parts
