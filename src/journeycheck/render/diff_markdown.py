"""``journeycheck diff`` as Markdown for meeting notes; its body (:func:`changes_section`)
is also the "since last review" section of the Markdown audit report.

Built with Jinja from ``templates/``; text from plans and git is escaped by the
report's escaper, ids are code spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeycheck.compare import EXPIRING_DAYS
from journeycheck.i18n import rpgettext
from journeycheck.render import kpi_view, view
from journeycheck.render.markdown import environment
from journeycheck.render.markdown_text import Md, code_span

if TYPE_CHECKING:
    from journeycheck.changes import Diff
    from journeycheck.render import RenderOptions
    from journeycheck.result import Changes


def code(text: str) -> Md:
    """An id as a code span (outside tables)."""
    return Md(code_span(text))


def table_code(text: str) -> Md:
    """An id as a code span inside a table cell."""
    return Md(code_span(text, in_table=True))


def score(value: float | None) -> Md:
    return Md(view.score_text(value))


def delta(value: float | None) -> Md:
    return Md(view.delta_text(value))


def changes_section(changes: Changes, *, level: int, scores: bool = True) -> str:
    """The scores, lists and changes of a diff, with headings ``level`` below the title.

    ``scores=False`` leaves out the tables of scores, for a report that shows each
    delta beside its score already.
    """

    def heading(depth: int) -> Md:
        return Md("#" * (level + depth))

    return (
        environment()
        .get_template("changes.md.j2")
        .render(
            c=changes,
            h=heading,
            score=score,
            delta=delta,
            code=code,
            codes=lambda ids: Md(", ".join(code_span(i) for i in ids)),
            changed=view.has_changes(changes),
            no_changes=view.no_changes(),
            question_lists=view.question_lists(changes),
            change_lists=view.change_lists(changes, EXPIRING_DAYS),
            scores=scores,
        )
    )


def render(diff: Diff, options: RenderOptions) -> str:
    if diff.verdict_worsened:
        move = rpgettext("verdict move", "worse")
    elif diff.old.verdict != diff.new.verdict:
        move = rpgettext("verdict move", "better")
    else:
        move = rpgettext("verdict move", "same")
    return (
        environment()
        .get_template("diff.md.j2")
        .render(
            d=diff,
            code=code,
            score=score,
            delta=delta,
            verdict_move=move,
            changes=Md(changes_section(diff, level=1).rstrip("\n")),
            kpi_title=kpi_view.diff_kpis_title(),
            kpi_changes=kpi_view.kpi_change_lines(diff.kpis),
        )
    )
