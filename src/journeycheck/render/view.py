"""Words and numbers every format shows alike, decided once.

The formats drawn for people (terminal, Markdown) put these in their own markup
(a colour, bold, an emoji); what a score, a day count or a due offset reads as
is settled here, so the formats cannot drift apart. Sentences are whole, with
named placeholders, never glued from fragments. No rendering library here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from journeycheck.changes import AgendaItem, HistoryPoint, OwnerAgenda
    from journeycheck.checklist import Checklist, ChecklistItem
    from journeycheck.result import (
        AuditResult,
        Changes,
        FieldChange,
        Overdue,
        PlanSummary,
        Reason,
        WaiverNote,
    )

#: What stands for a score when nothing could be scored (every question answered n/a).
NO_SCORE = "—"
#: At or above this score, a score below the threshold is "lagging" rather than "behind".
LAGGING_FROM = 50

NO_GAPS = "No gaps: every applicable question is done."
NO_OWNER = "no owner"
#: What stands for a gap's points after the gate, where it counts towards no gate score.
LATER = "later"
NO_PLAN_AUDITED = "No plan could be audited."
NO_QUESTION_MATCHES = "No question matches this selection."

Band = Literal["on track", "lagging", "behind"]
#: Question ids a sentence names before it says how many more there are.
IDS_NAMED = 3


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


def diff_counts(added: int, removed: int, renamed: int, changed: int) -> str:
    """How many questions a playbook diff lists: "2 added, 1 removed, 1 renamed, 3 changed"."""
    return f"{added} added, {removed} removed, {renamed} renamed, {changed} changed"


def diff_value(value: object) -> str:
    """A field's value in a playbook diff, written as in a playbook file."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        inner = ", ".join(f"{key}: {diff_value(item)}" for key, item in value.items())
        return "{" + inner + "}"
    if isinstance(value, str):
        text = " ".join(value.split())
        # Free text is quoted, so that where it starts and ends shows; a plain word is not.
        return f'"{text}"' if not text or text != value or " " in text else text
    return str(value)


def counted(count: int, one: str, other: str, **values: object) -> str:
    """The sentence for ``count`` things: ``one`` for exactly one, else ``other``.

    Both are whole sentences with an ``{n}`` placeholder (and any other named
    ``values``), in the shape a translation catalogue's plural forms take.
    """
    return (one if count == 1 else other).format(n=count, **values)


def points_text(points: float | None) -> str:
    """A gap's points: one decimal, or :data:`LATER` after the gate."""
    return LATER if points is None else f"{points:.1f}"


def due_date_phrase(due: dt.date | None) -> str:
    """A gap's due date in words: "due 2027-02-05", "no due date"."""
    return "no due date" if due is None else f"due {due.isoformat()}"


def note_phrase(note: str) -> str:
    return f"Note: {note}"


def evidence_phrase(evidence: str) -> str:
    return f"Evidence: {evidence}"


def risk_phrase(risk: str) -> str:
    """A gap's customer risk, from the playbook: what the customer suffers without it."""
    return f"Customer risk: {risk}"


def risk_accepted_phrase(risk: str) -> str:
    """The customer risk a waiver's approver accepted."""
    return f"Risk accepted: {risk}"


def points_legend(*, long: bool, gate: bool) -> str:
    """What the gap list's points mean, and how to see more of each gap."""
    if not gate:
        legend = (
            "Pts: points a gap would add to the gate score once done; later: nothing is "
            "due yet, so no gap counts towards a gate score."
        )
    else:
        legend = (
            "Pts: points the gate score gains when the gap is done (the gate score is the "
            "share of the gate's weight that is done); later: after the gate, so it does "
            "not count towards the gate score yet."
        )
    if long:
        return legend
    return legend + " --long shows each question, its help and the whole note."


def gate_name(gate: str | None, rule: str) -> str:
    """The gate as a table shows it: "buy", "auto → buy", "auto → none yet"."""
    if rule == "auto":
        return "auto → none yet" if gate is None else f"auto → {gate}"
    return str(gate)


def gate_phrase(gate: str | None, rule: str, phase: Callable[[str], str] = str) -> str:
    """The gate as a report's verdict line says it: "gate buy", "gate auto → buy".

    ``phase`` dresses the phase id (bold in Markdown); the words around it stay plain.
    """
    if rule == "auto":
        if gate is None:
            return "gate auto → none yet"
        return f"gate auto → {phase(gate)}"
    return f"gate {phase(str(gate))}"


def ids_phrase(ids: list[str], named: int | None = IDS_NAMED) -> str:
    """Question ids inside a sentence: "a, b, c and 4 more" (every one with ``named=None``)."""
    if named is None or len(ids) <= named:
        return ", ".join(ids)
    return "{ids} and {n} more".format(ids=", ".join(ids[:named]), n=len(ids) - named)


def why_sentences(result: AuditResult, named: int | None = IDS_NAMED) -> list[str]:
    """Why the verdict is what it is, one sentence per verdict rule (docs/scoring.md).

    Each rule is said whether it made the verdict worse or not, so a go reads as
    plainly as a no-go. ``named`` question ids at most are written out per sentence.
    """
    why = result.why
    if result.gate is None:
        if why.first_due is None:  # not reached: with no due date at all, auto gates them all
            return ["Nothing is due yet, so no phase must be ready."]
        day = why.first_due.isoformat()
        return [
            f"Nothing is due yet: the first question is due on {day}; until then no phase "
            "must be ready."
        ]
    sentences = [_blockers_sentence(why.open_blockers, named), _score_sentence(result)]
    sentences += _overdue_sentences(why.overdue, named)
    if why.expired_waivers:
        sentences.append(
            counted(
                len(why.expired_waivers),
                "{n} waiver in the gate has expired: {ids}.",
                "{n} waivers in the gate have expired: {ids}.",
                ids=ids_phrase(why.expired_waivers, named),
            )
        )
    return sentences


def _blockers_sentence(ids: list[str], named: int | None) -> str:
    if not ids:
        return "No blocker of the gate is open."
    return counted(
        len(ids),
        "{n} blocker of the gate is open: {ids}.",
        "{n} blockers of the gate are open: {ids}.",
        ids=ids_phrase(ids, named),
    )


def _score_sentence(result: AuditResult) -> str:
    if result.score is None:
        return "Nothing in the gate is scored: every question in it is n/a, with a note."
    values = {"score": score_text(result.score), "threshold": f"{result.threshold:g}"}
    if result.why.below_threshold:
        return "The gate score {score} is below the threshold {threshold}.".format(**values)
    return "The gate score {score} meets the threshold {threshold}.".format(**values)


def _overdue_sentences(overdue: list[Overdue], named: int | None) -> list[str]:
    if not overdue:
        return ["Nothing is overdue."]
    inside = [item.question for item in overdue if item.in_gate]
    blockers = [
        item.question for item in overdue if not item.in_gate and item.severity == "blocker"
    ]
    others = [item.question for item in overdue if not item.in_gate and item.severity != "blocker"]
    sentences = []
    if inside:
        sentences.append(
            counted(
                len(inside),
                "{n} question of the gate is overdue: {ids}.",
                "{n} questions of the gate are overdue: {ids}.",
                ids=ids_phrase(inside, named),
            )
        )
    if blockers:
        sentences.append(
            counted(
                len(blockers),
                "{n} blocker beyond the gate is overdue: {ids}.",
                "{n} blockers beyond the gate are overdue: {ids}.",
                ids=ids_phrase(blockers, named),
            )
        )
    if others:
        sentences.append(
            counted(
                len(others),
                "{n} question beyond the gate is overdue: {ids}.",
                "{n} questions beyond the gate are overdue: {ids}.",
                ids=ids_phrase(others, named),
            )
        )
    return sentences


def open_blockers(result: AuditResult) -> int:
    """The open blockers of the phases listed: the report's "open blockers" total."""
    return sum(phase.open_blockers for phase in result.phases)


#: How a portfolio table can be sorted; the first is the default.
SORTS = ("verdict", "score", "name", "launch")
#: Worst first.
_VERDICT_RANK = {"no-go": 0, "at-risk": 1, "go": 2}


def sorted_rows(rows: Iterable[PlanSummary], by: str = SORTS[0]) -> list[PlanSummary]:
    """A portfolio table's rows in the order ``by`` asks for; ties keep the given order.

    ``verdict``: no-go, then at-risk, then go, each by gate score, lowest first;
    ``score``: lowest gate score first; ``name``: by product; ``launch``: soonest
    launch first. A plan with no gate score (nothing due yet) comes after scored ones.
    """

    def score(row: PlanSummary) -> tuple[bool, float]:
        return (row.score is None, row.score or 0.0)

    keys: dict[str, Callable[[PlanSummary], tuple[object, ...]]] = {
        "verdict": lambda row: (_VERDICT_RANK[row.verdict], *score(row)),
        "score": lambda row: (*score(row), _VERDICT_RANK[row.verdict]),
        "name": lambda row: (row.product.casefold(),),
        "launch": lambda row: (row.launch,),
    }
    return sorted(rows, key=keys[by])


PORTFOLIO_LEGEND = (
    "Score: gate score. Ready: ready through (the last phase whose blockers, and every "
    "earlier phase's, are done). Blockers: open blockers in the gate; Later: open "
    "blockers after it. Days: days to launch (negative after it)."
)


def portfolio_facts(row: PlanSummary, *, gate: str) -> str:
    """A portfolio row in words, where a table does not fit."""
    ready = row.ready_through or "none"
    return (
        f"{gate}, score {score_text(row.score)}, ready through {ready}, "
        f"{row.gate_blockers} open blockers in the gate and {row.later_blockers} later, "
        f"{days_phrase(row.days_to_launch)}"
    )


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
