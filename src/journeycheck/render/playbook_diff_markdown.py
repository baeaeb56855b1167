"""``journeycheck playbook diff`` as Markdown, for a pull request or a wiki page.

Every piece of playbook text is escaped (ids as code spans), so it reads as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.i18n import r_
from journeycheck.render.markdown_text import Md
from journeycheck.render.markdown_text import code_span as code
from journeycheck.render.markdown_text import escape_inline as escape
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
    from journeycheck.render.markdown import say

    title = say(
        r_("Playbook diff: {old} {old_version} → {new} {new_version}"),
        old=Md(code(old.id)),
        old_version=old.version,
        new=Md(code(new.id)),
        new_version=new.version,
    )
    lines = [f"# {title}", ""]
    if old.extends or new.extends:
        lines += [say(r_("From {old} to {new}."), old=old.lineage, new=new.lineage), ""]
    if result.empty:
        lines.append(escape(no_playbook_differences()))
        return "\n".join(lines) + "\n"
    counts = diff_counts(
        len(result.added), len(result.removed), len(result.renamed), len(result.changed)
    )
    lines.append(escape(r_("Questions: {counts}.").format(counts=counts)))
    if result.added:
        lines += ["", "## " + escape(r_("Added questions")), "", *_questions(result.added)]
    if result.removed:
        lines += ["", "## " + escape(r_("Removed questions")), "", *_questions(result.removed)]
    if result.renamed:
        lines += ["", "## " + escape(r_("Renamed questions")), ""]
        lines += [f"- {code(item.old)} → {code(item.new)}" for item in result.renamed]
    if result.changed:
        lines += ["", "## " + escape(r_("Changed questions")), ""]
        for change in result.changed:
            if change.renamed_from:
                was = say(
                    r_("{id} (was {old})"),
                    id=Md(code(change.id)),
                    old=Md(code(change.renamed_from)),
                )
                lines.append(f"- {was}")
            else:
                lines.append(f"- {code(change.id)}")
            lines += _fields(change.changes)
    for name, section in diff_sections():
        part: ItemsDiff = getattr(result, name)
        if part.empty:
            continue
        lines += ["", f"## {escape(section)}", ""]
        lines += ["- " + say(r_("added {id}"), id=Md(code(item))) for item in part.added]
        lines += ["- " + say(r_("removed {id}"), id=Md(code(item))) for item in part.removed]
        for item in part.changed:
            lines.append("- " + say(r_("changed {id}"), id=Md(code(item.id))))
            lines += _fields(item.changes)
    return "\n".join(lines) + "\n"


def _questions(questions: list[QuestionRef]) -> list[str]:
    return [
        f"- {code(q.id)} ({q.phase}, {q.team}, {escape(severity_word(q.severity))}): "
        f"{escape(q.ask)}"
        for q in questions
    ]


def _fields(changes: list[FieldChange]) -> list[str]:
    return [
        f"  - {code(change.field)}: {escape(diff_value(change.old))} → "
        f"{escape(diff_value(change.new))}"
        for change in changes
    ]
