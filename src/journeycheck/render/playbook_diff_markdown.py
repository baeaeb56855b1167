"""``journeycheck playbook diff`` as Markdown, for a pull request or a wiki page.

Every piece of playbook text is escaped (ids as code spans), so it reads as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.render.markdown_text import code_span as code
from journeycheck.render.markdown_text import escape_inline as escape
from journeycheck.render.view import diff_counts, diff_value

if TYPE_CHECKING:
    from journeycheck.playbook_diff import FieldChange, ItemsDiff, PlaybookDiff, QuestionRef
    from journeycheck.render import RenderOptions

SECTIONS = (("phases", "Phases"), ("teams", "Teams"), ("traits", "Traits"), ("kpis", "KPIs"))


def render(result: PlaybookDiff, options: RenderOptions) -> str:
    old, new = result.old, result.new
    first, second = f"{code(old.id)} {escape(old.version)}", f"{code(new.id)} {escape(new.version)}"
    lines = [f"# Playbook diff: {first} → {second}", ""]
    if old.extends or new.extends:
        lines += [f"From {escape(old.lineage)} to {escape(new.lineage)}.", ""]
    if result.empty:
        lines.append("No differences: both playbooks ask the same questions in the same way.")
        return "\n".join(lines) + "\n"
    counts = diff_counts(
        len(result.added), len(result.removed), len(result.renamed), len(result.changed)
    )
    lines.append(f"Questions: {counts}.")
    if result.added:
        lines += ["", "## Added questions", "", *_questions(result.added)]
    if result.removed:
        lines += ["", "## Removed questions", "", *_questions(result.removed)]
    if result.renamed:
        lines += ["", "## Renamed questions", ""]
        lines += [f"- {code(item.old)} → {code(item.new)}" for item in result.renamed]
    if result.changed:
        lines += ["", "## Changed questions", ""]
        for change in result.changed:
            was = f" (was {code(change.renamed_from)})" if change.renamed_from else ""
            lines.append(f"- {code(change.id)}{was}")
            lines += _fields(change.changes)
    for name, title in SECTIONS:
        part: ItemsDiff = getattr(result, name)
        if part.empty:
            continue
        lines += ["", f"## {title}", ""]
        lines += [f"- added {code(item)}" for item in part.added]
        lines += [f"- removed {code(item)}" for item in part.removed]
        for item in part.changed:
            lines.append(f"- changed {code(item.id)}")
            lines += _fields(item.changes)
    return "\n".join(lines) + "\n"


def _questions(questions: list[QuestionRef]) -> list[str]:
    return [
        f"- {code(q.id)} ({q.phase}, {q.team}, {q.severity}): {escape(q.ask)}" for q in questions
    ]


def _fields(changes: list[FieldChange]) -> list[str]:
    return [
        f"  - {code(change.field)}: {escape(diff_value(change.old))} → "
        f"{escape(diff_value(change.new))}"
        for change in changes
    ]
