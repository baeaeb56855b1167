"""``journeycheck playbook diff`` as plain text: one line per change, indented by kind.

Plain text, not Rich: a diff is read in terminals, pipes and review comments
alike, and has nothing to colour that its ``+``, ``-`` and ``~`` marks do not say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.render.view import diff_counts, diff_value

if TYPE_CHECKING:
    from journeycheck.playbook_diff import FieldChange, ItemsDiff, PlaybookDiff, QuestionRef
    from journeycheck.render import RenderOptions

#: How the sections for items other than questions are titled.
SECTIONS = (("phases", "Phases"), ("teams", "Teams"), ("traits", "Traits"), ("kpis", "KPIs"))


def render(result: PlaybookDiff, options: RenderOptions) -> str:
    old, new = result.old, result.new
    lines = [f"Playbook diff: {old.id} {old.version} → {new.id} {new.version}"]
    if old.extends or new.extends:
        lines += [f"From  {old.lineage}", f"To    {new.lineage}"]
    if result.empty:
        lines.append("No differences: both playbooks ask the same questions in the same way.")
        return "\n".join(lines) + "\n"
    counts = diff_counts(
        len(result.added), len(result.removed), len(result.renamed), len(result.changed)
    )
    lines.append(f"Questions: {counts}")
    if result.added:
        lines += ["", "Added questions", *_questions("+", result.added)]
    if result.removed:
        lines += ["", "Removed questions", *_questions("-", result.removed)]
    if result.renamed:
        lines += ["", "Renamed questions"]
        lines += [f"  {item.old} → {item.new}" for item in result.renamed]
    if result.changed:
        lines += ["", "Changed questions"]
        for change in result.changed:
            was = f" (was {change.renamed_from})" if change.renamed_from else ""
            lines.append(f"  ~ {change.id}{was}")
            lines += _fields(change.changes, indent=6)
    for name, title in SECTIONS:
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
            f"  {mark} {question.id} ({question.phase}, {question.team}, {question.severity})"
        )
        lines.append(f"      {' '.join(question.ask.split())}")
    return lines


def _fields(changes: list[FieldChange], *, indent: int) -> list[str]:
    pad = " " * indent
    return [
        f"{pad}{change.field}: {diff_value(change.old)} → {diff_value(change.new)}"
        for change in changes
    ]
