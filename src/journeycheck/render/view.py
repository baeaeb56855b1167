"""Words and numbers every format shows alike, decided once.

The formats drawn for people (terminal, Markdown) put these in their own markup
(a colour, bold, an emoji); what a score, a day count or a due offset reads as
is settled here, so the formats cannot drift apart. Sentences are whole, with
named placeholders, never glued from fragments. No rendering library here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from journeycheck.changes import AgendaItem, HistoryPoint, OwnerAgenda
    from journeycheck.checklist import Checklist, ChecklistItem
    from journeycheck.result import (
        AuditResult,
        Changes,
        FieldChange,
        PlanSummary,
        Reason,
        WaiverNote,
    )

#: What stands for a score when nothing could be scored (every question answered n/a).
NO_SCORE = "—"
#: At or above this score, a score below the threshold is "lagging" rather than "behind".
LAGGING_FROM = 50

NO_GAPS = "No gaps: every applicable question is done."
NO_PLAN_AUDITED = "No plan could be audited."
NO_QUESTION_MATCHES = "No question matches this selection."

Band = Literal["on track", "lagging", "behind"]


#: Each reason a question is a gap, in words.
REASON_WORDS: dict[Reason, str] = {
    "unanswered": "unanswered",
    "not-started": "not started",
    "blocked": "blocked",
    "partial": "partial",
    "missing-evidence": "missing evidence",
    "unjustified-na": "n/a without a note",
    "overdue": "overdue",
    "no-owner": "no owner",
    "expired-waiver": "waiver expired",
}


def reasons_phrase(reasons: Iterable[Reason]) -> str:
    """Why a question is a gap, in words: "blocked, overdue"."""
    return ", ".join(REASON_WORDS[reason] for reason in reasons)


def score_text(score: float | None) -> str:
    """A score as shown everywhere: one decimal, or :data:`NO_SCORE`."""
    return NO_SCORE if score is None else f"{score:.1f}"


def band(score: float, threshold: float) -> Band:
    """Where a score stands: at or above the threshold, 50 or more, or below."""
    if score >= threshold:
        return "on track"
    return "lagging" if score >= LAGGING_FROM else "behind"


def days_phrase(days: int) -> str:
    """The days to launch in words: "in 59 days", "launch day", "3 days ago"."""
    if days == 0:
        return "launch day"
    if days > 0:
        return counted(days, "in {n} day", "in {n} days")
    return counted(-days, "{n} day ago", "{n} days ago")


def due_phrase(days: int | None) -> str:
    """A question's due offset in words: "due 30 days before launch", "due at launch"."""
    if days is None:
        return ""
    if days == 0:
        return "due at launch"
    if days < 0:
        return counted(-days, "due {n} day before launch", "due {n} days before launch")
    return counted(days, "due {n} day after launch", "due {n} days after launch")


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


def counted(count: int, one: str, other: str, **values: object) -> str:
    """The sentence for ``count`` things: ``one`` for exactly one, else ``other``.

    Both are whole sentences with an ``{n}`` placeholder (and any other named
    ``values``), in the shape a translation catalogue's plural forms take.
    """
    return (one if count == 1 else other).format(n=count, **values)


def open_blockers(result: AuditResult) -> int:
    """The open blockers of the phases listed: the report's "open blockers" total."""
    return sum(phase.open_blockers for phase in result.phases)


def verdict_tally(rows: Iterable[PlanSummary]) -> dict[str, int]:
    """How many plans have each verdict, in the order go, at-risk, no-go."""
    tally = {"go": 0, "at-risk": 0, "no-go": 0}
    for row in rows:
        tally[row.verdict] += 1
    return tally


def tally_phrase(rows: Iterable[PlanSummary]) -> str:
    """The verdicts of a portfolio: "1 go · 0 at-risk · 2 no-go"."""
    return " · ".join(f"{count} {verdict}" for verdict, count in verdict_tally(rows).items())


# -- the weekly review: diff, history, agenda -------------------------------------------

NO_CHANGES = "No question changed."
NOTHING_ON_THE_AGENDA = "Nothing is overdue, due soon, blocked or expiring."
NO_POINTS = "No commit changed the plan in this range."


def delta_text(delta: float | None) -> str:
    """A change of score with its sign: "+3.2", "−1.0", "±0.0"; "—" when unknown."""
    if delta is None:
        return NO_SCORE
    if delta == 0:
        return "±0.0"
    return f"+{delta:.1f}" if delta > 0 else f"−{-delta:.1f}"


def since_phrase(ref: str, as_of: str, verdict: str) -> str:
    """The sentence that opens an audit's "since last review" part."""
    return f"Compared with {ref} as of {as_of}, when the verdict was {verdict}."


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
