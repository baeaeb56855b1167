"""Words and numbers every format shows alike, decided once.

The formats drawn for people (terminal, Markdown) put these in their own markup
(a colour, bold, an emoji); what a score, a day count or a due offset reads as
is settled here, so the formats cannot drift apart. Sentences are whole, with
named placeholders, never glued from fragments. No rendering library here.

Every word is looked up in the ``reports`` catalogue of the current language
(:mod:`journeycheck.i18n`) when it is used, never at import, so one process can
render in several languages. Ids, statuses and reason codes stay as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from journeycheck.i18n import format_date, format_decimal, r_, rngettext, rpgettext

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


def no_gaps() -> str:
    return r_("No gaps: every applicable question is done.")


def no_owner() -> str:
    return r_("no owner")


def later() -> str:
    """What stands for a gap's points after the gate, where it counts towards no gate score."""
    return rpgettext("points", "later")


def no_plan_audited() -> str:
    return r_("No plan could be audited.")


def no_question_matches() -> str:
    return r_("No question matches this selection.")


Band = Literal["on track", "lagging", "behind"]
#: Question ids a sentence names before it says how many more there are.
IDS_NAMED = 3


def reason_word(reason: Reason) -> str:
    """Why a question is a gap, in words ("not started" for ``not-started``)."""
    words = {
        "unanswered": rpgettext("reason", "unanswered"),
        "not-started": rpgettext("reason", "not started"),
        "blocked": rpgettext("reason", "blocked"),
        "partial": rpgettext("reason", "partial"),
        "missing-evidence": rpgettext("reason", "missing evidence"),
        "unjustified-na": rpgettext("reason", "n/a without a note"),
        "overdue": rpgettext("reason", "overdue"),
        "no-owner": rpgettext("reason", "no owner"),
        "expired-waiver": rpgettext("reason", "waiver expired"),
    }
    return words[reason]


def reasons_phrase(reasons: Iterable[Reason]) -> str:
    """Why a question is a gap, in words: "blocked, overdue"."""
    return list_separator().join(reason_word(reason) for reason in reasons)


def list_separator() -> str:
    """What stands between the items of a short list in running text: ", "."""
    return rpgettext("list separator", ", ")


def severity_word(severity: str) -> str:
    """A question's severity in words (``blocker``, ``major``, ``minor``)."""
    words = {
        "blocker": rpgettext("severity", "blocker"),
        "major": rpgettext("severity", "major"),
        "minor": rpgettext("severity", "minor"),
    }
    return words.get(severity, severity)


def verdict_word(verdict: str) -> str:
    """A verdict as a report's headline says it: "GO", "AT-RISK", "NO-GO"."""
    words = {
        "go": rpgettext("verdict", "GO"),
        "at-risk": rpgettext("verdict", "AT-RISK"),
        "no-go": rpgettext("verdict", "NO-GO"),
    }
    return words.get(verdict, verdict.upper())


def verdict_name(verdict: str) -> str:
    """A verdict inside a sentence or a table cell: "go", "at-risk", "no-go" in English."""
    words = {
        "go": rpgettext("verdict name", "go"),
        "at-risk": rpgettext("verdict name", "at-risk"),
        "no-go": rpgettext("verdict name", "no-go"),
    }
    return words.get(verdict, verdict)


def band_word(band: Band) -> str:
    """A band in words: "on track", "lagging", "behind"."""
    words = {
        "on track": rpgettext("band", "on track"),
        "lagging": rpgettext("band", "lagging"),
        "behind": rpgettext("band", "behind"),
    }
    return words[band]


def score_text(score: float | None) -> str:
    """A score as shown everywhere: one decimal, or :data:`NO_SCORE`."""
    return NO_SCORE if score is None else format_decimal(score, 1)


def number_text(value: float) -> str:
    """A threshold or limit as few digits as it needs: "80", "72.5"."""
    if value == int(value):
        return format_decimal(value, 0)
    text = f"{value:g}"
    digits = len(text.split(".")[1]) if "." in text and "e" not in text else 1
    return format_decimal(value, digits)


def date_text(day: dt.date) -> str:
    """A date in human output, in the language's own form (ISO in English)."""
    return format_date(day)


def band(score: float, threshold: float) -> Band:
    """Where a score stands: at or above the threshold, 50 or more, or below."""
    if score >= threshold:
        return "on track"
    return "lagging" if score >= LAGGING_FROM else "behind"


def days_phrase(days: int) -> str:
    """The days to launch in words: "in 59 days", "launch day", "3 days ago"."""
    if days == 0:
        return r_("launch day")
    if days > 0:
        return counted(days, "in {n} day", "in {n} days")
    return counted(-days, "{n} day ago", "{n} days ago")


def due_phrase(days: int | None) -> str:
    """A question's due offset in words: "due 30 days before launch", "due at launch"."""
    if days is None:
        return ""
    if days == 0:
        return r_("due at launch")
    if days < 0:
        return counted(-days, "due {n} day before launch", "due {n} days before launch")
    return counted(days, "due {n} day after launch", "due {n} days after launch")


def condition_phrase(when: Mapping[str, bool]) -> str:
    """The traits a question depends on: "only if channels and not physical"."""
    if not when:
        return ""
    wanted = [name for name, value in when.items() if value]
    unwanted = [name for name, value in when.items() if not value]
    names = {"yes": list_separator().join(wanted), "no": list_separator().join(unwanted)}
    if wanted and unwanted:
        return r_("only if {yes} and not {no}").format(**names)
    if wanted:
        return r_("only if {yes}").format(**names)
    return r_("only if not {no}").format(**names)


def item_facts(item: ChecklistItem) -> list[str]:
    """What a reader should know about a question besides its wording, most important first."""
    facts = [severity_word(item.severity), due_phrase(item.due), condition_phrase(item.when)]
    if item.evidence == "required":
        facts.append(r_("evidence required"))
    return [fact for fact in facts if fact]


def selection_parts(checklist: Checklist) -> list[str]:
    """How the listed questions were picked ("phase buy", "traits physical=true"); [] for all."""
    selection = checklist.selection
    parts = []
    if selection.phases:
        parts.append(r_("phase {ids}").format(ids=", ".join(selection.phases)))
    if selection.teams:
        parts.append(r_("team {ids}").format(ids=", ".join(selection.teams)))
    if selection.traits is not None:
        values = ", ".join(
            f"{name}={str(value).lower()}" for name, value in selection.traits.items()
        )
        parts.append(r_("traits {values}").format(values=values) if values else r_("no traits"))
    return parts


def diff_counts(added: int, removed: int, renamed: int, changed: int) -> str:
    """How many questions a playbook diff lists: "2 added, 1 removed, 1 renamed, 3 changed"."""
    return r_("{added} added, {removed} removed, {renamed} renamed, {changed} changed").format(
        added=added, removed=removed, renamed=renamed, changed=changed
    )


def diff_sections() -> tuple[tuple[str, str], ...]:
    """A playbook diff's sections for items other than questions: attribute and title."""
    return (
        ("phases", rpgettext("heading", "Phases")),
        ("teams", rpgettext("heading", "Teams")),
        ("traits", rpgettext("heading", "Traits")),
        ("kpis", rpgettext("heading", "KPIs")),
    )


def no_playbook_differences() -> str:
    return r_("No differences: both playbooks ask the same questions in the same way.")


def diff_value(value: object) -> str:
    """A field's value in a playbook diff, written as in a playbook file."""
    if value is None:
        return r_("(not set)")
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
    ``values``), in the shape a translation catalogue's plural forms take: the pair
    is looked up in the ``reports`` catalogue (extracted with ``counted:2,3``), and
    the language's plural rule picks the form.
    """
    return rngettext(one, other, count).format(n=count, **values)


def points_text(points: float | None) -> str:
    """A gap's points: one decimal, or :data:`LATER` after the gate."""
    return later() if points is None else format_decimal(points, 1)


def due_date_phrase(due: dt.date | None) -> str:
    """A gap's due date in words: "due 2027-02-05", "no due date"."""
    return r_("no due date") if due is None else r_("due {date}").format(date=date_text(due))


def note_phrase(note: str) -> str:
    return r_("Note: {note}").format(note=note)


def evidence_phrase(evidence: str) -> str:
    return r_("Evidence: {evidence}").format(evidence=evidence)


def risk_phrase(risk: str) -> str:
    """A gap's customer risk, from the playbook: what the customer suffers without it."""
    return r_("Customer risk: {risk}").format(risk=risk)


def risk_accepted_phrase(risk: str) -> str:
    """The customer risk a waiver's approver accepted."""
    return r_("Risk accepted: {risk}").format(risk=risk)


def points_legend(*, long: bool, gate: bool) -> str:
    """What the gap list's points mean, and how to see more of each gap."""
    if not gate and long:
        return r_(
            "Pts: points a gap would add to the gate score once done; later: nothing is "
            "due yet, so no gap counts towards a gate score."
        )
    if not gate:
        return r_(
            "Pts: points a gap would add to the gate score once done; later: nothing is "
            "due yet, so no gap counts towards a gate score. --long shows each question, "
            "its help and the whole note."
        )
    if long:
        return r_(
            "Pts: points the gate score gains when the gap is done (the gate score is the "
            "share of the gate's weight that is done); later: after the gate, so it does "
            "not count towards the gate score yet."
        )
    return r_(
        "Pts: points the gate score gains when the gap is done (the gate score is the "
        "share of the gate's weight that is done); later: after the gate, so it does "
        "not count towards the gate score yet. --long shows each question, its help and "
        "the whole note."
    )


def gate_name(gate: str | None, rule: str) -> str:
    """The gate as a table shows it: "buy", "auto → buy", "auto → none yet"."""
    if rule == "auto":
        return r_("auto → none yet") if gate is None else r_("auto → {phase}").format(phase=gate)
    return str(gate)


def gate_phrase(gate: str | None, rule: str, phase: Callable[[str], str] = str) -> str:
    """The gate as a report's verdict line says it: "gate buy", "gate auto → buy".

    ``phase`` dresses the phase id (bold in Markdown); the words around it stay plain.
    """
    if rule == "auto":
        if gate is None:
            return r_("gate auto → none yet")
        return r_("gate auto → {phase}").format(phase=phase(gate))
    return r_("gate {phase}").format(phase=phase(str(gate)))


def ids_phrase(ids: list[str], named: int | None = IDS_NAMED) -> str:
    """Question ids inside a sentence: "a, b, c and 4 more" (every one with ``named=None``)."""
    if named is None or len(ids) <= named:
        return ", ".join(ids)
    return counted(
        len(ids) - named, "{ids} and {n} more", "{ids} and {n} more", ids=", ".join(ids[:named])
    )


def why_sentences(result: AuditResult, named: int | None = IDS_NAMED) -> list[str]:
    """Why the verdict is what it is, one sentence per verdict rule (docs/scoring.md).

    Each rule is said whether it made the verdict worse or not, so a go reads as
    plainly as a no-go. ``named`` question ids at most are written out per sentence.
    """
    why = result.why
    if result.gate is None:
        if why.first_due is None:  # not reached: with no due date at all, auto gates them all
            return [r_("Nothing is due yet, so no phase must be ready.")]
        day = date_text(why.first_due)
        return [
            r_(
                "Nothing is due yet: the first question is due on {date}; until then no phase "
                "must be ready."
            ).format(date=day)
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
    from journeycheck.render.kpi_view import kpi_sentence

    kpis = kpi_sentence(result, named)
    return sentences if kpis is None else [*sentences, kpis]


def _blockers_sentence(ids: list[str], named: int | None) -> str:
    if not ids:
        return r_("No blocker of the gate is open.")
    return counted(
        len(ids),
        "{n} blocker of the gate is open: {ids}.",
        "{n} blockers of the gate are open: {ids}.",
        ids=ids_phrase(ids, named),
    )


def _score_sentence(result: AuditResult) -> str:
    if result.score is None:
        return r_("Nothing in the gate is scored: every question in it is n/a, with a note.")
    values = {"score": score_text(result.score), "threshold": number_text(result.threshold)}
    if result.why.below_threshold:
        return r_("The gate score {score} is below the threshold {threshold}.").format(**values)
    return r_("The gate score {score} meets the threshold {threshold}.").format(**values)


def _overdue_sentences(overdue: list[Overdue], named: int | None) -> list[str]:
    if not overdue:
        return [r_("Nothing is overdue.")]
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


def portfolio_legend() -> str:
    return r_(
        "Score: gate score. Ready: ready through (the last phase whose blockers, and every "
        "earlier phase's, are done). Blockers: open blockers in the gate; Later: open "
        "blockers after it. Days: days to launch (negative after it)."
    )


def portfolio_facts(row: PlanSummary, *, gate: str) -> str:
    """A portfolio row in words, where a table does not fit."""
    ready = row.ready_through or rpgettext("phase", "none")
    return r_(
        "{gate}, score {score}, ready through {ready}, {blockers} open blockers in the gate "
        "and {later} later, {days}"
    ).format(
        gate=gate,
        score=score_text(row.score),
        ready=ready,
        blockers=row.gate_blockers,
        later=row.later_blockers,
        days=days_phrase(row.days_to_launch),
    )


def verdict_tally(rows: Iterable[PlanSummary]) -> dict[str, int]:
    """How many plans have each verdict, in the order go, at-risk, no-go."""
    tally = {"go": 0, "at-risk": 0, "no-go": 0}
    for row in rows:
        tally[row.verdict] += 1
    return tally


def tally_phrase(rows: Iterable[PlanSummary]) -> str:
    """The verdicts of a portfolio: "1 go · 0 at-risk · 2 no-go"."""
    counts = verdict_tally(rows)
    return r_("{go} go · {at_risk} at-risk · {no_go} no-go").format(
        go=counts["go"], at_risk=counts["at-risk"], no_go=counts["no-go"]
    )


# -- the weekly review: diff, history, agenda -------------------------------------------


def no_changes() -> str:
    return r_("No question changed.")


def nothing_on_the_agenda() -> str:
    return r_("Nothing is overdue, due soon, blocked or expiring.")


def no_points() -> str:
    return r_("No commit changed the plan in this range.")


def delta_text(delta: float | None) -> str:
    """A change of score with its sign: "+3.2", "−1.0", "±0.0"; "—" when unknown."""
    if delta is None:
        return NO_SCORE
    if delta == 0:
        return "±" + format_decimal(0.0, 1)
    return "+" + format_decimal(delta, 1) if delta > 0 else "−" + format_decimal(-delta, 1)


def since_phrase(ref: str, as_of: str, verdict: str) -> str:
    """The sentence that opens an audit's "since last review" part."""
    return r_("Compared with {ref} as of {as_of}, when the verdict was {verdict}.").format(
        ref=ref, as_of=as_of, verdict=verdict
    )


def verdict_change(old: str, new: str) -> str:
    return new if old == new else f"{old} → {new}"


def change_text(change: FieldChange) -> str:
    """An owner or date change: "Ivo Legal → Amara Nwosu", "none → 2027-01-20"."""
    none = rpgettext("value", "none")
    return f"{change.old or none} → {change.new or none}"


def waiver_text(note: WaiverNote) -> str:
    return r_("until {date}").format(date=date_text(note.expires))


@dataclass(frozen=True)
class QuestionList:
    """One list of a diff: its heading and its question ids."""

    title: str
    questions: Sequence[str]


def question_lists(changes: Changes) -> list[QuestionList]:
    """The diff's question lists with their headings, in reading order."""
    return [
        QuestionList(rpgettext("heading", "Done"), changes.done),
        QuestionList(r_("Credit fell"), changes.regressed),
        QuestionList(r_("New gaps"), changes.new_gaps),
        QuestionList(r_("Closed gaps"), changes.closed_gaps),
        QuestionList(r_("Newly overdue"), changes.newly_overdue),
        QuestionList(r_("Blockers opened"), changes.blockers_opened),
        QuestionList(r_("Blockers closed"), changes.blockers_closed),
    ]


@dataclass(frozen=True)
class ChangeList:
    """An owner, date or waiver list of a diff: heading and (question, text) rows."""

    title: str
    rows: Sequence[tuple[str, str]]


def change_lists(changes: Changes, expiring_days: int) -> list[ChangeList]:
    return [
        ChangeList(
            r_("Owner changes"), [(c.question, change_text(c)) for c in changes.owner_changes]
        ),
        ChangeList(
            r_("Due-date changes"), [(c.question, change_text(c)) for c in changes.due_changes]
        ),
        ChangeList(
            r_("Waivers added"), [(w.question, waiver_text(w)) for w in changes.waivers_added]
        ),
        ChangeList(
            r_("Waivers expired"), [(w.question, waiver_text(w)) for w in changes.waivers_expired]
        ),
        ChangeList(
            counted(
                expiring_days,
                "Waivers expiring within {n} day",
                "Waivers expiring within {n} days",
            ),
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
        AgendaSection(rpgettext("heading", "Overdue"), owner.overdue),
        AgendaSection(counted(days, "Due within {n} day", "Due within {n} days"), owner.due_soon),
        AgendaSection(rpgettext("heading", "Blocked"), owner.blocked),
        AgendaSection(
            counted(days, "Waivers expiring within {n} day", "Waivers expiring within {n} days"),
            owner.waivers_expiring,
        ),
        AgendaSection(r_("Open blockers of the gate"), owner.gate_blockers),
        AgendaSection(r_("Closed since the last review"), owner.closed, closed=True),
    ]
    return [section for section in sections if section.items]


def owner_title(owner: OwnerAgenda) -> str:
    """The heading of an owner's part: the owner, or "Support (no owner)" for a team."""
    if owner.kind == "person":
        return owner.owner
    return r_("{team} (no owner)").format(team=owner.owner)


def item_when(item: AgendaItem) -> str:
    """The date an agenda item is about: "expires 2027-01-25", "due 2027-01-20", or ""."""
    if item.expires is not None:
        return r_("expires {date}").format(date=date_text(item.expires))
    if item.due is not None:
        return r_("due {date}").format(date=date_text(item.due))
    return ""


def point_label(point: HistoryPoint) -> str:
    """A history point's revision: the short commit, or "uncommitted"."""
    return r_("uncommitted") if point.commit is None else point.commit[:7]
