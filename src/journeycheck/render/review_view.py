"""Words and numbers the review's formats (diff, history, agenda) show alike.

Terminal and Markdown put these in their own markup; what a delta or a section
reads as is decided here once. Sentences are whole, with named placeholders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.changes import AgendaItem, HistoryPoint, OwnerAgenda
    from journeycheck.result import Changes, FieldChange, WaiverNote

NO_SCORE = "—"
NO_CHANGES = "No question changed."
NOTHING_ON_THE_AGENDA = "Nothing is overdue, due soon, blocked or expiring."
NO_POINTS = "No commit changed the plan in this range."


def counted(count: int, one: str, other: str, **values: object) -> str:
    """The sentence for ``count`` things: ``one`` for exactly one, else ``other``."""
    return (one if count == 1 else other).format(n=count, **values)


def score_text(score: float | None) -> str:
    return NO_SCORE if score is None else f"{score:.1f}"


def delta_text(delta: float | None) -> str:
    """A change of score with its sign: "+3.2", "−1.0", "±0.0"; "—" when unknown."""
    if delta is None:
        return NO_SCORE
    if delta == 0:
        return "±0.0"
    return f"+{delta:.1f}" if delta > 0 else f"−{-delta:.1f}"


def verdict_change(old: str, new: str) -> str:
    return new if old == new else f"{old} → {new}"


def change_text(change: FieldChange) -> str:
    """An owner or date change: "Ivo Legal → Amara Nwosu", "none → 2027-01-20"."""
    return f"{change.old or 'none'} → {change.new or 'none'}"


def waiver_text(note: WaiverNote) -> str:
    return f"until {note.expires.isoformat()}"


@dataclass(frozen=True)
class QuestionList:
    """One list of a diff: its heading and its question ids."""

    title: str
    questions: Sequence[str]


def question_lists(changes: Changes) -> list[QuestionList]:
    """The diff's question lists with their headings, in reading order."""
    return [
        QuestionList("Done", changes.done),
        QuestionList("Credit fell", changes.regressed),
        QuestionList("New gaps", changes.new_gaps),
        QuestionList("Closed gaps", changes.closed_gaps),
        QuestionList("Newly overdue", changes.newly_overdue),
        QuestionList("Blockers opened", changes.blockers_opened),
        QuestionList("Blockers closed", changes.blockers_closed),
    ]


@dataclass(frozen=True)
class ChangeList:
    """An owner, date or waiver list of a diff: heading and (question, text) rows."""

    title: str
    rows: Sequence[tuple[str, str]]


def change_lists(changes: Changes, expiring_days: int) -> list[ChangeList]:
    return [
        ChangeList("Owner changes", [(c.question, change_text(c)) for c in changes.owner_changes]),
        ChangeList("Due-date changes", [(c.question, change_text(c)) for c in changes.due_changes]),
        ChangeList("Waivers added", [(w.question, waiver_text(w)) for w in changes.waivers_added]),
        ChangeList(
            "Waivers expired", [(w.question, waiver_text(w)) for w in changes.waivers_expired]
        ),
        ChangeList(
            f"Waivers expiring within {expiring_days} days",
            [(w.question, waiver_text(w)) for w in changes.waivers_expiring],
        ),
    ]


def has_changes(changes: Changes) -> bool:
    return any(entry.questions for entry in question_lists(changes)) or any(
        entry.rows for entry in change_lists(changes, 0)
    )


@dataclass(frozen=True)
class AgendaSection:
    title: str
    items: Sequence[AgendaItem]
    #: Whether the items are done (closed since the last review).
    closed: bool = False


def agenda_sections(owner: OwnerAgenda, days: int) -> list[AgendaSection]:
    """An owner's agenda lists with their headings; empty lists left out."""
    sections = [
        AgendaSection("Overdue", owner.overdue),
        AgendaSection(f"Due within {days} days", owner.due_soon),
        AgendaSection("Blocked", owner.blocked),
        AgendaSection(f"Waivers expiring within {days} days", owner.waivers_expiring),
        AgendaSection("Open blockers of the gate", owner.gate_blockers),
        AgendaSection("Closed since the last review", owner.closed, closed=True),
    ]
    return [section for section in sections if section.items]


def owner_title(owner: OwnerAgenda) -> str:
    """The heading of an owner's part: the owner, or "Support (no owner)" for a team."""
    return owner.owner if owner.kind == "person" else f"{owner.owner} (no owner)"


def item_when(item: AgendaItem) -> str:
    """The date an agenda item is about: "expires 2027-01-25", "due 2027-01-20", or ""."""
    if item.expires is not None:
        return f"expires {item.expires.isoformat()}"
    if item.due is not None:
        return f"due {item.due.isoformat()}"
    return ""


def point_label(point: HistoryPoint) -> str:
    """A history point's revision: the short commit, or "uncommitted"."""
    return "uncommitted" if point.commit is None else point.commit[:7]
