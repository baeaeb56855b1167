"""Comparing audits: what changed between two, and what is on the next review's agenda.

Pure, like the engine: validated models and audit results in, the documents of
:mod:`journeycheck.changes` out; no files, no git, no clock.

An :class:`~journeycheck.result.AuditResult` lists only the gaps and the
waivers, so on its own it cannot tell a question done from one answered n/a
with a note or one that does not apply to the product's traits. A
:class:`Snapshot` therefore keeps, beside the result, how each applicable
question stood, computed by the engine's own :func:`journeycheck.score.assess`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from journeycheck.changes import Agenda, AgendaItem, Diff, HistoryPoint, OwnerAgenda
from journeycheck.measures import kpi_changes
from journeycheck.models import Plan, Playbook, Severity, Status
from journeycheck.result import (
    VERDICTS,
    AccountResult,
    AuditResult,
    Changes,
    DiffSide,
    FieldChange,
    Score,
    ScoreChange,
    Since,
    Verdict,
    WaiverNote,
)
from journeycheck.score import assess, owner_of

#: How far ahead a diff looks for waivers about to expire.
EXPIRING_DAYS = 14


@dataclass(frozen=True, slots=True)
class Standing:
    """How one applicable question stood on the as-of date of its audit."""

    index: int
    question: str
    phase: str
    team: str
    severity: Severity
    ask: str
    status: Status | None
    #: 0..1, or ``None`` for a justified n/a (left out of every score).
    credit: float | None
    #: The answer's owner, else its team's owner (the plan's ``owners``).
    owner: str | None
    owner_from_team: bool
    due: dt.date | None
    waived: bool
    #: The waiver's last day, whether or not it still counts.
    expires: dt.date | None
    overdue: bool
    expired_waiver: bool
    open_blocker: bool
    in_gate: bool

    @property
    def done(self) -> bool:
        """Answered done with full credit (not merely covered by a waiver)."""
        return self.status == "done" and self.credit == 1 and not self.waived

    @property
    def open(self) -> bool:
        """Still to do: counted and short of full credit."""
        return self.credit is not None and self.credit < 1


@dataclass(frozen=True)
class Snapshot:
    """An audit result and how each of its applicable questions stood."""

    result: AuditResult
    #: Applicable questions by id, in playbook order.
    standings: Mapping[str, Standing]
    #: Team titles by id (for agenda groups of teams without an owner).
    team_titles: Mapping[str, str]
    ref: str
    commit: str | None = None

    @property
    def gaps(self) -> set[str]:
        return {gap.question for gap in self.result.gaps}


def snapshot(
    playbook: Playbook, plan: Plan, result: AuditResult, ref: str, commit: str | None = None
) -> Snapshot:
    """``result`` (the audit of ``plan`` against ``playbook``) with each question's standing."""
    as_of = result.as_of
    phase_ids = playbook.phase_ids()
    # Before anything is due (gate auto, null), no phase is in the gate scope.
    gate_scope = set(phase_ids[: phase_ids.index(result.gate) + 1]) if result.gate else set()
    traits = playbook.trait_values(plan.traits)
    standings: dict[str, Standing] = {}
    for index, question in enumerate(playbook.questions):
        if not playbook.applies(question, traits):
            continue
        answer = plan.answers.get(question.id)
        team_owner = plan.owners.get(question.team)
        item = assess(index, question, answer, plan.launch, as_of, team_owner)
        owner, from_team = owner_of(answer, team_owner)
        waiver = answer.waiver if answer is not None else None
        standings[question.id] = Standing(
            index=index,
            question=question.id,
            phase=question.phase,
            team=question.team,
            severity=question.severity,
            ask=question.ask,
            status=answer.status if answer is not None else None,
            credit=item.credit,
            owner=owner.strip() if owner else None,
            owner_from_team=from_team,
            due=item.due,
            waived=item.waived,
            expires=waiver.expires if waiver is not None else None,
            overdue="overdue" in item.reasons,
            expired_waiver="expired-waiver" in item.reasons,
            open_blocker=item.is_open_blocker,
            in_gate=question.phase in gate_scope,
        )
    titles = {team.id: team.title for team in playbook.teams}
    return Snapshot(result, standings, titles, ref, commit)


def side_of(snap: Snapshot) -> DiffSide:
    result = snap.result
    return DiffSide(
        ref=snap.ref,
        commit=snap.commit,
        as_of=result.as_of,
        verdict=result.verdict,
        gate=result.gate,
        threshold=result.threshold,
        score=result.score,
        total_score=result.total_score,
        ready_through=result.ready_through,
    )


def delta(old: Score, new: Score) -> Score:
    """``new - old`` to one decimal; ``None`` unless both are numbers."""
    if old is None or new is None:
        return None
    return round(new - old, 1)


def worsened(old: Verdict, new: Verdict) -> bool:
    """Whether a verdict moved towards no-go."""
    return VERDICTS.index(new) > VERDICTS.index(old)


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """What changed from ``old`` to ``new``: scores, questions, owners, dates, waivers.

    Question lists are in the new playbook's order, then questions only the old
    one had. Owner and due-date changes are listed for questions still open.
    """
    changes = dict(_changes(old, new))
    return Diff(
        product=new.result.product,
        old=side_of(old),
        new=side_of(new),
        plan_language=new.result.plan_language,
        **changes,
    )


def since(old: Snapshot, new: Snapshot) -> Since:
    """The same comparison as :func:`compare`, as the ``since`` part of ``new``'s audit."""
    changes = dict(_changes(old, new))
    return Since(old=side_of(old), **changes)


def _changes(old: Snapshot, new: Snapshot) -> Changes:
    """The body shared by a diff and an audit's ``since``."""
    before, after = old.standings, new.standings
    order = _order(new.standings, old.standings)
    old_gaps, new_gaps = old.gaps, new.gaps

    def listed(test: Iterable[str]) -> list[str]:
        chosen = set(test)
        return [question for question in order if question in chosen]

    def was(question: str) -> Standing | None:
        return before.get(question)

    owner_changes, due_changes = [], []
    for question in order:
        now, then = after.get(question), before.get(question)
        if now is None or then is None or question not in new_gaps:
            continue
        if now.owner != then.owner:
            owner_changes.append(FieldChange(question=question, old=then.owner, new=now.owner))
        if now.due != then.due:
            due_changes.append(
                FieldChange(question=question, old=_day(then.due), new=_day(now.due))
            )

    horizon = new.result.as_of + dt.timedelta(days=EXPIRING_DAYS)
    return Changes(
        verdict_worsened=worsened(old.result.verdict, new.result.verdict),
        score_delta=delta(old.result.score, new.result.score),
        total_score_delta=delta(old.result.total_score, new.result.total_score),
        phases=_score_changes(
            [(p.id, p.score) for p in old.result.phases],
            [(p.id, p.score) for p in new.result.phases],
        ),
        teams=_score_changes(
            [(t.id, t.score) for t in old.result.teams],
            [(t.id, t.score) for t in new.result.teams],
        ),
        done=listed(q for q, now in after.items() if now.done and not ((s := was(q)) and s.done)),
        regressed=listed(
            q
            for q, now in after.items()
            if (s := was(q)) is not None
            and s.credit is not None
            and now.credit is not None
            and now.credit < s.credit
        ),
        new_gaps=listed(new_gaps - old_gaps),
        closed_gaps=listed(old_gaps - new_gaps),
        newly_overdue=listed(
            q for q, now in after.items() if now.overdue and not ((s := was(q)) and s.overdue)
        ),
        blockers_opened=listed(
            q
            for q, now in after.items()
            if now.open_blocker and not ((s := was(q)) and s.open_blocker)
        ),
        blockers_closed=listed(
            q
            for q, then in before.items()
            if then.open_blocker and not ((s := after.get(q)) and s.open_blocker)
        ),
        owner_changes=owner_changes,
        due_changes=due_changes,
        waivers_added=_waivers(
            order, after, lambda q, now: now.waived and not ((s := was(q)) and s.waived)
        ),
        waivers_expired=_waivers(
            order,
            after,
            lambda q, now: now.expired_waiver and bool((s := was(q)) and s.waived),
        ),
        waivers_expiring=_waivers(
            order,
            after,
            lambda q, now: now.waived and now.expires is not None and now.expires <= horizon,
        ),
        kpis=kpi_changes(old.result.kpis, new.result.kpis),
    )


def regression(diff: Changes) -> bool:
    """What ``--fail-on-regression`` fails on: any credit fell, or the verdict worsened."""
    return bool(diff.regressed) or diff.verdict_worsened


def _order(*standings: Mapping[str, Standing]) -> list[str]:
    seen: dict[str, None] = {}
    for each in standings:
        for question in sorted(each, key=lambda q: each[q].index):
            seen.setdefault(question)
    return list(seen)


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _score_changes(old: list[tuple[str, Score]], new: list[tuple[str, Score]]) -> list[ScoreChange]:
    before = dict(old)
    after = dict(new)
    ids = list(dict.fromkeys([key for key, _ in new] + [key for key, _ in old]))
    return [
        ScoreChange(
            id=key,
            old=before.get(key),
            new=after.get(key),
            delta=delta(before.get(key), after.get(key)),
        )
        for key in ids
    ]


def _waivers(
    order: list[str], after: Mapping[str, Standing], chosen: Callable[[str, Standing], bool]
) -> list[WaiverNote]:
    notes = []
    for question in order:
        now = after.get(question)
        if now is not None and now.expires is not None and chosen(question, now):
            notes.append(WaiverNote(question=question, expires=now.expires))
    return notes


# -- the agenda ---------------------------------------------------------------------


def agenda(
    current: Snapshot, days: int, *, since: Snapshot | None = None, file: str | None = None
) -> Agenda:
    """What each owner brings to the next review, as of ``current``'s date.

    A question is its owner's: the answer's, else its team's owner in the plan's
    ``owners``; one with neither is listed under its team. With ``since``, each owner's
    list of gaps closed since then is filled too (owned by who owns the answer
    now, else by who owned the gap then).
    """
    result = current.result
    horizon = result.as_of + dt.timedelta(days=days)
    groups: dict[tuple[str, str], dict[str, list[AgendaItem]]] = {}
    kinds = ("overdue", "due_soon", "blocked", "waivers_expiring", "gate_blockers", "closed")

    def add(standing: Standing, kind: str, owner: str | None) -> None:
        key = ("person", owner) if owner else ("team", standing.team)
        lists = groups.setdefault(key, {name: [] for name in kinds})
        lists[kind].append(_item(standing, with_expiry=kind == "waivers_expiring"))

    for standing in current.standings.values():
        if standing.overdue:
            add(standing, "overdue", standing.owner)
        if (
            standing.open
            and not standing.overdue
            and standing.due is not None
            and result.as_of <= standing.due <= horizon
        ):
            add(standing, "due_soon", standing.owner)
        if standing.status == "blocked" and not standing.waived:
            add(standing, "blocked", standing.owner)
        if standing.waived and standing.expires is not None and standing.expires <= horizon:
            add(standing, "waivers_expiring", standing.owner)
        if standing.open_blocker and standing.in_gate:
            add(standing, "gate_blockers", standing.owner)
    if since is not None:
        for question in compare(since, current).closed_gaps:
            now, then = current.standings.get(question), since.standings[question]
            owner = (now.owner if now is not None else None) or then.owner
            add(now or then, "closed", owner)

    team_order = {team: rank for rank, team in enumerate(current.team_titles)}

    def rank(key: tuple[str, str]) -> tuple[int, str, int]:
        kind, name = key
        if kind == "person":
            return (0, name.casefold(), 0)
        return (1, "", team_order.get(name, len(team_order)))

    owners = []
    for key in sorted(groups, key=rank):
        kind, name = key
        lists = groups[key]
        # Soonest first; items were added in playbook order, which a stable sort keeps.
        for items in lists.values():
            items.sort(key=_date_of)
        owners.append(
            OwnerAgenda(
                owner=name if kind == "person" else current.team_titles.get(name, name),
                kind="person" if kind == "person" else "team",
                **lists,
            )
        )
    return Agenda(
        product=result.product,
        file=file if file is not None else result.file,
        as_of=result.as_of,
        days=days,
        gate=result.gate,
        verdict=result.verdict,
        score=result.score,
        since=side_of(since) if since is not None else None,
        accounts=accounts_due(result.accounts, horizon),
        owners=owners,
        plan_language=result.plan_language,
    )


def accounts_due(accounts: Iterable[AccountResult], horizon: dt.date) -> list[AccountResult]:
    """The accounts whose next step is due on or before ``horizon`` (overdue ones too),
    soonest first, then in the plan's order."""
    due = [account for account in accounts if account.due is not None and account.due <= horizon]
    return sorted(due, key=lambda account: account.due or dt.date.max)


def _item(standing: Standing, *, with_expiry: bool) -> AgendaItem:
    return AgendaItem(
        question=standing.question,
        phase=standing.phase,
        team=standing.team,
        severity=standing.severity,
        ask=standing.ask,
        status=standing.status,
        due=standing.due,
        expires=standing.expires if with_expiry else None,
    )


def _date_of(item: AgendaItem) -> dt.date:
    """The date an item is ranked by: a waiver's expiry, else the due date; undated last."""
    return item.expires or item.due or dt.date.max


# -- history points -------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a history point comes from: a commit, or the uncommitted working file."""

    commit: str | None
    path: str
    #: The committer's day (the as-of date of the point); today for the working file.
    date: dt.date
    author: str | None = None
    subject: str | None = None

    @property
    def uncommitted(self) -> bool:
        return self.commit is None


def point(result: AuditResult, place: Place) -> HistoryPoint:
    """One revision's audit, as a point of the history."""
    return HistoryPoint(
        commit=place.commit,
        uncommitted=place.uncommitted,
        path=place.path,
        date=place.date,
        author=place.author,
        subject=place.subject,
        error=None,
        verdict=result.verdict,
        gate=result.gate,
        threshold=result.threshold,
        score=result.score,
        total_score=result.total_score,
        ready_through=result.ready_through,
        phases={phase.id: phase.score for phase in result.phases},
        counts=result.counts,
        kpis={kpi.id: kpi.actual for kpi in result.kpis},
    )


def error_point(error: str, place: Place) -> HistoryPoint:
    """A revision whose plan could not be audited: its first problem, and no scores."""
    return HistoryPoint(
        commit=place.commit,
        uncommitted=place.uncommitted,
        path=place.path,
        date=place.date,
        author=place.author,
        subject=place.subject,
        error=error,
        verdict=None,
        gate=None,
        threshold=None,
        score=None,
        total_score=None,
        ready_through=None,
        phases={},
        counts=None,
    )
