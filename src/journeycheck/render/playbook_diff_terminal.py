"""``journeycheck playbook diff`` as plain text: one line per change, indented by kind.

Plain text, not Rich: a diff is read in terminals, pipes and review comments
alike, and has nothing to colour that its ``+``, ``-`` and ``~`` marks do not say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.i18n import r_
from journeycheck.render.view import (
    diff_counts,
    diff_sections,
    diff_value,
    no_playbook_differences,
    severity_word,
)

if TYPE_CHECKING:
    from journeycheck.playbook_diff import FieldChange, ItemsDiff, PlaybookDiff, QuestionRef
    from journeycheck.render import RenderOptions


def render(result: PlaybookDiff, options: RenderOptions) -> str:
    old, new = result.old, result.new
    lines = [
        r_("Playbook diff: {old} {old_version} → {new} {new_version}").format(
            old=old.id, old_version=old.version, new=new.id, new_version=new.version
        )
    ]
    if old.extends or new.extends:
        # Translators: the two lines' {lineage} start in the same column.
        lines += [r_("From  {lineage}").format(lineage=old.lineage)]
        # Translators: the two lines' {lineage} start in the same column.
        lines += [r_("To    {lineage}").format(lineage=new.lineage)]
    if result.empty:
        lines.append(no_playbook_differences())
        return "\n".join(lines) + "\n"
    counts = diff_counts(
        len(result.added), len(result.removed), len(result.renamed), len(result.changed)
    )
    lines.append(r_("Questions: {counts}").format(counts=counts))
    if result.added:
        lines += ["", r_("Added questions"), *_questions("+", result.added)]
    if result.removed:
        lines += ["", r_("Removed questions"), *_questions("-", result.removed)]
    if result.renamed:
        lines += ["", r_("Renamed questions")]
        lines += [f"  {item.old} → {item.new}" for item in result.renamed]
    if result.changed:
        lines += ["", r_("Changed questions")]
        for change in result.changed:
            if change.renamed_from:
                was = r_("{id} (was {old})").format(id=change.id, old=change.renamed_from)
                lines.append(f"  ~ {was}")
            else:
                lines.append(f"  ~ {change.id}")
            lines += _fields(change.changes, indent=6)
    for name, title in diff_sections():
        part: ItemsDiff = getattr(result, name)
        if part.empty:
            continue
        lines += ["", title]
        lines += [f"  + {item}" for item in part.added]
        lines += [f"  - {item}" for item in part.removed]
        for item in part.changed:
            lines.append(f"  ~ {item.id}")
            lines += _fields(item.changes, indent=6)
    return "\n".join(lines) + "\n"


def _questions(mark: str, questions: list[QuestionRef]) -> list[str]:
    lines = []
    for question in questions:
        lines.append(
            f"  {mark} {question.id} "
            f"({question.phase}, {question.team}, {severity_word(question.severity)})"
        )
        lines.append(f"      {' '.join(question.ask.split())}")
    return lines


def _fields(changes: list[FieldChange], *, indent: int) -> list[str]:
    pad = " " * indent
    return [
        f"{pad}{change.field}: {diff_value(change.old)} → {diff_value(change.new)}"
        for change in changes
    ]
