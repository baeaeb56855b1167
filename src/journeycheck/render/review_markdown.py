"""The review's documents as Markdown, for meeting notes: a diff, a history, an agenda.

Built with Jinja from ``templates/``; plan, playbook and git text is escaped by
the report's own escaper (every string a template prints goes through
``finalize``), ids are code spans, and the history's chart is a Mermaid
``xychart-beta`` made only of dates and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeycheck.compare import EXPIRING_DAYS
from journeycheck.render import review_view as view
from journeycheck.render.markdown import Md, environment
from journeycheck.render.markdown_text import code as code_span

if TYPE_CHECKING:
    from journeycheck.changes import Agenda, Diff, History, HistoryPoint
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


def changes_section(changes: Changes, *, level: int) -> str:
    """The scores, lists and changes of a diff, with headings ``level`` below the title."""

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
            no_changes=view.NO_CHANGES,
            question_lists=view.question_lists(changes),
            change_lists=view.change_lists(changes, EXPIRING_DAYS),
        )
    )


def render_diff(diff: Diff, options: object) -> str:
    if diff.verdict_worsened:
        move = "worse"
    elif diff.old.verdict != diff.new.verdict:
        move = "better"
    else:
        move = "same"
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
        )
    )


@dataclass(frozen=True)
class Chart:
    """The numbers of the Mermaid chart, already written as Mermaid lists."""

    threshold: Md
    labels: Md
    scores: Md
    thresholds: Md


def chart(points: Sequence[HistoryPoint]) -> Chart | None:
    """The gate score of every scored point, and the threshold at each, as Mermaid lists.

    Mermaid's x axis is a list of categories, and two equal ones would be drawn
    as one: a day with several commits numbers its labels ("2027-01-04 (2)").
    """
    scored = [p for p in points if p.score is not None and p.threshold is not None]
    if not scored:
        return None
    labels: list[str] = []
    seen: dict[str, int] = {}
    for point in scored:
        day = point.date.isoformat()
        seen[day] = seen.get(day, 0) + 1
        labels.append(f'"{day}"' if seen[day] == 1 else f'"{day} ({seen[day]})"')
    return Chart(
        threshold=Md(f"{scored[-1].threshold:g}"),
        labels=Md(", ".join(labels)),
        scores=Md(", ".join(f"{p.score:.1f}" for p in scored)),
        thresholds=Md(", ".join(f"{p.threshold:g}" for p in scored)),
    )


def render_history(history: History, options: object) -> str:
    points = history.points
    if points:
        summary = view.counted(
            len(points),
            "1 revision, from {first} to {last}.",
            "{n} revisions, from {first} to {last}.",
            first=points[0].date.isoformat(),
            last=points[-1].date.isoformat(),
        )
    else:
        summary = view.NO_POINTS
    return (
        environment()
        .get_template("history.md.j2")
        .render(
            doc=history,
            summary=summary,
            phases=list(dict.fromkeys(phase for point in points for phase in point.phases)),
            code=table_code,
            label=view.point_label,
            score=score,
            errors=[p for p in points if p.error is not None],
            chart=chart(points),
        )
    )


def render_agenda(agenda: Agenda, options: object) -> str:
    return (
        environment()
        .get_template("agenda.md.j2")
        .render(
            a=agenda,
            code=code,
            score=score,
            nothing=view.NOTHING_ON_THE_AGENDA,
            owner_title=view.owner_title,
            sections=lambda owner: view.agenda_sections(owner, agenda.days),
            when=view.item_when,
            box=lambda closed: Md("[x]" if closed else "[ ]"),
        )
    )
