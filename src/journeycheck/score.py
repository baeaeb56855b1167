"""The scoring engine: a validated plan and playbook in, an :class:`AuditResult` out.

Pure by design: no files, no clock (the as-of date is an argument), no output.
The rules are written up, with a worked example, in docs/scoring.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from journeycheck.measures import accounts_of, assess_kpis
from journeycheck.models import AUTO_GATE, SEVERITIES, Answer, Plan, Playbook, Question, Status
from journeycheck.result import (
    AuditResult,
    Cell,
    Counts,
    Done,
    Gap,
    GateRule,
    KpiResult,
    Overdue,
    PhaseResult,
    PlaybookRef,
    Reason,
    TeamResult,
    Verdict,
    Waived,
    Why,
)

CREDIT: dict[Status, float] = {
    "done": 1.0,
    "partial": 0.5,
    "not-started": 0.0,
    "blocked": 0.0,
    "n/a": 0.0,
}
#: Statuses that are a reason of their own, and that need an owner to move on.
_OPEN_STATUSES: dict[Status, Reason] = {
    "not-started": "not-started",
    "blocked": "blocked",
    "partial": "partial",
}


class Assessment:
    """How one applicable question stands on the as-of date.

    A plain class with slots: one is made per question of every plan, and a frozen
    dataclass's field-by-field set-up cost a tenth of scoring. Treat it as read-only.
    """

    __slots__ = (
        "answer",
        "credit",
        "due",
        "index",
        "is_open_blocker",
        "question",
        "reasons",
        "waived",
        "weight",
    )

    def __init__(
        self,
        index: int,
        question: Question,
        answer: Answer | None,
        credit: float | None,
        reasons: tuple[Reason, ...],
        waived: bool,
        due: dt.date | None,
    ) -> None:
        self.index = index
        self.question = question
        self.answer = answer
        #: 0..1, or ``None`` for a justified n/a, which is left out of every score.
        self.credit = credit
        self.reasons = reasons
        self.waived = waived
        self.due = due
        #: Kept as fields, not properties: every score reads them, for every plan.
        self.weight = question.effective_weight
        self.is_open_blocker = question.severity == "blocker" and credit is not None and credit < 1

    @property
    def counted(self) -> bool:
        return self.credit is not None

    def __repr__(self) -> str:
        return f"Assessment({self.question.id!r}, credit={self.credit!r}, reasons={self.reasons!r})"


def assess(
    index: int,
    question: Question,
    answer: Answer | None,
    launch: dt.date,
    as_of: dt.date,
    team_owner: str | None = None,
) -> Assessment:
    """Credit and reasons for one question, by the rules in docs/scoring.md.

    ``team_owner`` owns the answer when it names no owner of its own. The reasons
    are found in the order of :data:`~journeycheck.result.REASONS`, the order
    reports list them in.
    """
    due = answer.due if answer is not None and answer.due is not None else None
    if due is None and question.due is not None:
        due = launch + dt.timedelta(days=question.due)

    reasons: list[Reason] = []
    if answer is None:
        reasons.append("unanswered")
        credit: float | None = 0.0
        done = waived = False
        expired = owner_missing = False
    else:
        waiver = answer.waiver
        status = answer.status
        waived = waiver is not None and waiver.expires >= as_of
        expired = waiver is not None and not waived
        done = status == "done"
        opened = _OPEN_STATUSES.get(status)
        if waived:
            credit = 1.0
        elif status == "n/a":
            if _filled(answer.note):
                credit = None
            else:
                credit = 0.0
                reasons.append("unjustified-na")
        else:
            credit = CREDIT[status]
            if opened is not None:
                reasons.append(opened)
            if done and question.evidence == "required" and not _filled(answer.evidence):
                credit = 0.5
                reasons.append("missing-evidence")
        owner_missing = (
            not waived and opened is not None and not (_filled(answer.owner) or _filled(team_owner))
        )
    if credit is not None and not done and not waived and due is not None and due < as_of:
        reasons.append("overdue")
    if owner_missing:
        reasons.append("no-owner")
    if expired:
        reasons.append("expired-waiver")
    return Assessment(index, question, answer, credit, tuple(reasons), waived, due)


def _filled(text: str | None) -> bool:
    return text is not None and text.strip() != ""


def _text_or_none(text: str | None) -> str | None:
    """Text worth showing in a report: blank text is reported as missing."""
    return text if _filled(text) else None


def score_of(items: Iterable[Assessment]) -> float | None:
    """100 × Σ(weight × credit) / Σ(weight) over counted items, one decimal; None if none."""
    earned = total = 0.0
    for item in items:
        if item.credit is not None:
            earned += item.weight * item.credit
            total += item.weight
    if total == 0:
        return None
    return round(100 * earned / total, 1)


def count(items: Iterable[Assessment]) -> Counts:
    tally = {"applicable": 0, "done": 0, "partial": 0, "open": 0, "na": 0, "waived": 0}
    for item in items:
        tally["applicable"] += 1
        status = item.answer.status if item.answer is not None else None
        if item.waived:
            tally["waived"] += 1
        elif status == "done":
            tally["done"] += 1
        elif status == "partial":
            tally["partial"] += 1
        elif status == "n/a":
            tally["na"] += 1
        else:
            tally["open"] += 1
    return Counts(**tally)


def audit(
    playbook: Playbook,
    plan: Plan,
    as_of: dt.date,
    *,
    gate: str | None = None,
    threshold: float | None = None,
) -> AuditResult:
    """Score ``plan`` against ``playbook`` as of ``as_of``.

    ``gate`` and ``threshold`` override the plan's own values (the CLI flags);
    either gate may be ``auto``. Both inputs must already be validated against
    each other (:func:`journeycheck.checking.references.check_plan`); an unknown
    gate is a ``KeyError``.
    """
    phase_ids = playbook.phase_ids()
    limit = plan.threshold if threshold is None else threshold
    traits = playbook.trait_values(plan.traits)

    items = [
        assess(
            index,
            question,
            plan.answers.get(question.id),
            plan.launch,
            as_of,
            plan.owners.get(question.team),
        )
        for index, question in enumerate(playbook.questions)
        if playbook.applies(question, traits)
    ]
    chosen = gate or plan.gate
    rule: GateRule = "auto" if chosen == AUTO_GATE else "fixed"
    gate_id = auto_gate(phase_ids, items, as_of) if rule == "auto" else chosen
    gate_scope = set() if gate_id is None else set(phase_ids[: phase_ids.index(gate_id) + 1])
    by_phase: dict[str, list[Assessment]] = {phase_id: [] for phase_id in phase_ids}
    by_team: dict[str, list[Assessment]] = {}
    by_cell: dict[tuple[str, str], list[Assessment]] = {}
    for item in items:
        question = item.question
        by_phase[question.phase].append(item)
        by_team.setdefault(question.team, []).append(item)
        by_cell.setdefault((question.team, question.phase), []).append(item)
    in_gate = [i for phase_id in phase_ids if phase_id in gate_scope for i in by_phase[phase_id]]
    gate_score = score_of(in_gate)
    gaps = _gaps(items, gate_scope, plan.owners)
    # Nothing due yet: say when the calendar first reaches a question.
    first_due = min(_due_dates(items), default=None) if gate_id is None else None
    kpis = assess_kpis(
        playbook.kpis,
        plan.kpis,
        phase_ids=phase_ids,
        gate_scope=gate_scope,
        reached=gate_id if rule == "auto" else auto_gate(phase_ids, items, as_of),
        launch=plan.launch,
        as_of=as_of,
    )
    short = {i.question.id for i in items if i.credit is not None and i.credit < 1}
    accounts, gaps = accounts_of(plan.accounts, gaps, short, as_of)
    why = _why(in_gate, gaps, gate_score, limit, first_due, kpis)

    phases = [
        PhaseResult(
            id=phase.id,
            title=phase.title,
            score=score_of(by_phase[phase.id]),
            open_blockers=sum(i.is_open_blocker for i in by_phase[phase.id]),
            in_gate=phase.id in gate_scope,
            counts=count(by_phase[phase.id]),
        )
        for phase in playbook.phases
    ]
    # A playbook read with a translation knows its teams' short titles (journeycheck.translations).
    short_title = getattr(playbook, "short_title", lambda team_id: None)
    teams = [
        TeamResult(
            id=team.id,
            title=team.title,
            score=score_of(by_team[team.id]),
            open_blockers=sum(i.is_open_blocker for i in by_team[team.id]),
            short=short_title(team.id),
        )
        for team in playbook.teams
        if team.id in by_team
    ]
    cells = [
        Cell(
            phase=phase_id,
            team=team.id,
            score=score_of(by_cell[(team.id, phase_id)]),
            open_blockers=sum(i.is_open_blocker for i in by_cell[(team.id, phase_id)]),
        )
        for team in playbook.teams
        for phase_id in phase_ids
        if (team.id, phase_id) in by_cell
    ]

    return AuditResult(
        plan_language=plan.language,
        product=plan.product,
        playbook=PlaybookRef.of(playbook),
        as_of=as_of,
        launch=plan.launch,
        days_to_launch=(plan.launch - as_of).days,
        gate=gate_id,
        gate_rule=rule,
        threshold=limit,
        verdict=_verdict(why),
        why=why,
        score=gate_score,
        total_score=score_of(items),
        ready_through=_ready_through(phase_ids, by_phase),
        phases=phases,
        teams=teams,
        cells=cells,
        gaps=gaps,
        waived=[
            Waived(
                question=i.question.id,
                phase=i.question.phase,
                team=i.question.team,
                reason=i.answer.waiver.reason,
                approver=i.answer.waiver.approver,
                expires=i.answer.waiver.expires,
                risk_accepted=i.answer.waiver.risk_accepted,
            )
            for i in items
            if i.waived and i.answer is not None and i.answer.waiver is not None
        ],
        counts=count(items),
        done=[
            Done(
                question=i.question.id,
                phase=i.question.phase,
                team=i.question.team,
                ask=i.question.ask,
                owner=_text_or_none(i.answer.owner),
                evidence=_text_or_none(i.answer.evidence),
                note=_text_or_none(i.answer.note),
            )
            for i in items
            if not i.waived and i.answer is not None and i.answer.status == "done"
        ],
        kpis=kpis,
        accounts=accounts,
    )


def auto_gate(phase_ids: list[str], items: list[Assessment], as_of: dt.date) -> str | None:
    """The gate ``auto`` stands for: the latest phase with an item due on or before ``as_of``.

    ``None`` when nothing is due yet; the last phase when no item has a due date
    at all, since then there is no calendar to follow (docs/scoring.md).
    """
    due_phases = {item.question.phase for item in items if item.due is not None}
    if not due_phases:
        return phase_ids[-1]
    reached = {i.question.phase for i in items if i.due is not None and i.due <= as_of}
    return next((phase_id for phase_id in reversed(phase_ids) if phase_id in reached), None)


def _due_dates(items: Iterable[Assessment]) -> Iterable[dt.date]:
    return (item.due for item in items if item.due is not None)


def _why(
    in_gate: list[Assessment],
    gaps: list[Gap],
    score: float | None,
    limit: float,
    first_due: dt.date | None,
    kpis: Iterable[KpiResult] = (),
) -> Why:
    """What each verdict rule finds, in the gaps' order (most urgent first)."""
    open_blockers = {i.question.id for i in in_gate if i.is_open_blocker}
    expired = {i.question.id for i in in_gate if "expired-waiver" in i.reasons}
    return Why(
        open_blockers=[gap.question for gap in gaps if gap.question in open_blockers],
        below_threshold=score is not None and score < limit,
        overdue=[
            Overdue(
                question=gap.question,
                phase=gap.phase,
                team=gap.team,
                severity=gap.severity,
                due=gap.due,
                in_gate=gap.in_gate,
            )
            for gap in gaps
            if "overdue" in gap.reasons and gap.due is not None
        ],
        expired_waivers=[gap.question for gap in gaps if gap.question in expired],
        first_due=first_due,
        off_target_kpis=[kpi.id for kpi in kpis if kpi.in_gate and kpi.status == "off-target"],
    )


def _verdict(why: Why) -> Verdict:
    """no-go for an open blocker of the gate; at-risk for anything else :class:`Why` holds."""
    if why.open_blockers:
        return "no-go"
    if why.below_threshold or why.overdue or why.expired_waivers or why.off_target_kpis:
        return "at-risk"
    return "go"


def is_gap(item: Assessment) -> bool:
    """Whether the report lists ``item`` as a gap: credit below 1, or any reason at all.

    A justified n/a is left out of every score but is still a gap when it has a
    reason (a waiver that expired), because the verdict counts that reason.
    """
    return bool(item.reasons) or (item.credit is not None and item.credit < 1)


def _ready_through(phase_ids: list[str], by_phase: dict[str, list[Assessment]]) -> str | None:
    ready = None
    for phase_id in phase_ids:
        if any(i.is_open_blocker for i in by_phase[phase_id]):
            break
        ready = phase_id
    return ready


def _gaps(items: list[Assessment], gate_scope: set[str], owners: dict[str, str]) -> list[Gap]:
    gate_weight = sum(i.weight for i in items if i.counted and i.question.phase in gate_scope)
    severity_rank = {severity: rank for rank, severity in enumerate(SEVERITIES)}
    ranked = []
    for item in items:
        if not is_gap(item):
            continue
        question = item.question
        in_gate = question.phase in gate_scope
        # A justified n/a is in no score, so finishing it gains no points (and the gate
        # scope may have no weight at all, when every question in it is a justified n/a).
        missing = 0.0 if item.credit is None else 1 - item.credit
        points = None
        if in_gate:
            points = round(100 * item.weight * missing / gate_weight, 1) if missing else 0.0
        owner, from_team = owner_of(item.answer, owners.get(question.team))
        gap = Gap(
            question=question.id,
            phase=question.phase,
            team=question.team,
            severity=question.severity,
            ask=question.ask,
            status=item.answer.status if item.answer is not None else None,
            reasons=list(item.reasons),
            owner=owner,
            owner_from_team=from_team,
            due=item.due,
            points=points,
            in_gate=in_gate,
            note=_text_or_none(item.answer.note if item.answer is not None else None),
            evidence=_text_or_none(item.answer.evidence if item.answer is not None else None),
            help=_text_or_none(question.help),
            risk=_text_or_none(question.risk),
        )
        # Sort on the exact points, so rounding never reorders two gaps.
        exact = item.weight * missing if in_gate else 0.0
        key = (
            not in_gate,
            severity_rank[question.severity],
            -exact,
            item.due or dt.date.max,
            item.index,
        )
        ranked.append((key, gap))
    ranked.sort(key=lambda pair: pair[0])
    return [gap for _, gap in ranked]


def owner_of(answer: Answer | None, team_owner: str | None) -> tuple[str | None, bool]:
    """Who owns an answer, and whether that is its team's owner: the answer's own first."""
    own = answer.owner if answer is not None else None
    if _filled(own):
        return own, False
    if _filled(team_owner):
        return team_owner, True
    return None, False
