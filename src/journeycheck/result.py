"""The audit result: what the engine computes and every report renders.

Its JSON form is the documented ``journeycheck.audit/1`` format
(docs/report-format.md). Adding a field keeps that name; removing or changing
the meaning of one bumps it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from journeycheck.models import Playbook, Severity, Status, empty_list

AUDIT_SCHEMA: Final = "journeycheck.audit/1"
#: The revision of ``journeycheck.audit/1`` this code writes: its minor version counts the
#: fields added since 1.0 (docs/report-format.md lists them). Documents keep the name
#: ``journeycheck.audit/1``, so readers of an earlier revision go on reading them.
AUDIT_REVISION: Final = "1.4"
PORTFOLIO_SCHEMA: Final = "journeycheck.portfolio/1"

Verdict = Literal["go", "at-risk", "no-go"]
VERDICTS: tuple[Verdict, ...] = ("go", "at-risk", "no-go")
Reason = Literal[
    "unanswered",
    "not-started",
    "blocked",
    "partial",
    "missing-evidence",
    "unjustified-na",
    "overdue",
    "no-owner",
    "expired-waiver",
]
#: The order reasons are listed in, whatever order they were found in.
REASONS: tuple[Reason, ...] = (
    "unanswered",
    "not-started",
    "blocked",
    "partial",
    "missing-evidence",
    "unjustified-na",
    "overdue",
    "no-owner",
    "expired-waiver",
)

#: Why a KPI needs attention (docs/scoring.md#kpis), in the order they are listed.
KpiReason = Literal["no-kpi-target", "stale-kpi", "off-target"]
KPI_REASONS: tuple[KpiReason, ...] = ("no-kpi-target", "stale-kpi", "off-target")
#: Where a KPI stands against its target.
KpiStatus = Literal["on-target", "off-target", "no-target", "no-actual"]

Score = float | None
#: How the gate was chosen: by the calendar (``gate: auto``) or named in the plan or flag.
GateRule = Literal["auto", "fixed"]


class _Result(BaseModel):
    # defer_build: built on first use, so an audit never builds the review's models
    # (Since, Changes, Portfolio...) it does not make (docs/performance.md).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class BaseRef(_Result):
    id: str = Field(description="Playbook id.")
    version: str = Field(description="Playbook version.")
    title: str = Field(description="Playbook title.")


class PlaybookRef(BaseRef):
    extends: list[BaseRef] = Field(
        default_factory=empty_list,
        description="The playbooks this one extends, nearest first (the one it names in "
        "`extends`, then the one that extends, and so on); empty for a playbook that "
        "extends none.",
    )

    @classmethod
    def of(cls, playbook: Playbook) -> PlaybookRef:
        """How results name ``playbook``, with the chain it was resolved from."""
        return cls(
            id=playbook.id,
            version=playbook.version,
            title=playbook.title,
            extends=[
                BaseRef(id=item.id, version=item.version, title=item.title)
                for item in playbook.lineage
            ],
        )

    @property
    def lineage(self) -> str:
        """``acme-launch 3 ← customer-journey 1.0.0``, as every report shows it."""
        return " ← ".join(f"{item.id} {item.version}" for item in [self, *self.extends])


class Counts(_Result):
    """How applicable questions stand; every question is in exactly one bucket."""

    applicable: int = Field(description="Questions that apply to the product's traits.")
    done: int = Field(description="Answered done (without a valid waiver).")
    partial: int = Field(description="Answered partial.")
    open: int = Field(description="Not started, blocked or unanswered.")
    na: int = Field(description="Answered n/a (with or without a justifying note).")
    waived: int = Field(description="Covered by a waiver that has not expired.")


class PhaseResult(_Result):
    id: str = Field(description="Phase id.")
    title: str = Field(description="Phase title.")
    score: Score = Field(description="0..100, one decimal; null when nothing is scored.")
    open_blockers: int = Field(description="Applicable blockers with credit below 1.")
    in_gate: bool = Field(description="Whether the phase is in the gate scope.")
    counts: Counts = Field(description="The phase's questions by state.")


class TeamResult(_Result):
    id: str = Field(description="Team id.")
    title: str = Field(description="Team title.")
    score: Score = Field(description="0..100 over all phases; null when nothing is scored.")
    open_blockers: int = Field(description="Applicable blockers of the team with credit below 1.")
    #: A translation's short title of the team, for the terminal's score table; not in the
    #: JSON, which is the same in every language.
    short: str | None = Field(None, exclude=True)


class Cell(_Result):
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    score: Score = Field(description="0..100; null when every question is justified n/a.")
    open_blockers: int = Field(
        0, description="Applicable blockers of the team in the phase with credit below 1."
    )


class Gap(_Result):
    question: str = Field(description="Question id.")
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    severity: Severity = Field(description="blocker, major or minor.")
    ask: str = Field(description="The question.")
    status: Status | None = Field(description="The answer's status; null when unanswered.")
    reasons: list[Reason] = Field(description="Every reason this question is a gap.")
    owner: str | None = Field(
        description="Who owns it: the answer's owner, else its team's owner from the plan's "
        "owners; null when neither is given."
    )
    owner_from_team: bool = Field(
        False, description="Whether owner is the team's owner, the answer naming none."
    )
    due: dt.date | None = Field(description="The answer's due date, else launch + offset.")
    points: float | None = Field(
        description="Gate-score points gained if it were done; null after the gate."
    )
    in_gate: bool = Field(description="Whether the question is in the gate scope.")
    note: str | None = Field(None, description="The answer's note; null when there is none.")
    evidence: str | None = Field(
        None, description="The answer's evidence (a link or reference); null when there is none."
    )
    help: str | None = Field(
        None, description="The question's help: why it matters, what done looks like."
    )
    risk: str | None = Field(
        None,
        description="The question's risk: what the customer suffers if it is not done; "
        "null when the playbook gives none.",
    )
    blocks: list[str] = Field(
        default_factory=empty_list,
        description="The lighthouse accounts (their names, in the plan's order) that list "
        "this question in blocked_by.",
    )

    @property
    def owner_label(self) -> str | None:
        """The owner as reports show it: a team's owner marked as such."""
        if self.owner is None:
            return None
        return TEAM_OWNER.format(owner=self.owner) if self.owner_from_team else self.owner


#: How reports show an owner taken from the plan's ``owners`` (one template, to translate).
TEAM_OWNER = "{owner} (team)"


class Done(_Result):
    question: str = Field(description="Question id.")
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    ask: str = Field(description="The question.")
    owner: str | None = Field(description="The answer's owner; null when there is none.")
    evidence: str | None = Field(
        description="The answer's evidence (a link or reference); null when there is none."
    )
    note: str | None = Field(description="The answer's note; null when there is none.")


class DiffSide(_Result):
    """One of the two audits compared."""

    ref: str = Field(
        description="The plan as named: a file (launch-plan.yaml) or a git object name "
        "REV:PATH (HEAD~4:launch-plan.yaml)."
    )
    commit: str | None = Field(description="The full commit hash; null for a file on disk.")
    as_of: dt.date = Field(description="The day this side was audited as of.")
    verdict: Verdict = Field(description="go, at-risk or no-go.")
    gate: str | None = Field(
        description="The gate phase of this side; null before anything is due."
    )
    threshold: float = Field(description="The threshold of this side.")
    score: Score = Field(description="Gate score.")
    total_score: Score = Field(description="Score over all phases.")
    ready_through: str | None = Field(description="Last phase whose blockers are all done.")


class ScoreChange(_Result):
    id: str = Field(description="Phase or team id.")
    old: Score = Field(description="Score on the old side; null when absent or unscored.")
    new: Score = Field(description="Score on the new side; null when absent or unscored.")
    delta: Score = Field(description="new - old, one decimal; null unless both are numbers.")


class FieldChange(_Result):
    question: str = Field(description="Question id.")
    old: str | None = Field(description="The value before (an owner, or a date YYYY-MM-DD).")
    new: str | None = Field(description="The value after.")


class WaiverNote(_Result):
    question: str = Field(description="Question id.")
    expires: dt.date = Field(description="The waiver's last day.")


class KpiChange(_Result):
    """How a KPI's actual moved between two audits."""

    kpi: str = Field(description="KPI id.")
    old: float | None = Field(description="The actual on the old side; null when none.")
    new: float | None = Field(description="The actual on the new side; null when none.")
    delta: float | None = Field(description="new - old, as recorded; null unless both are numbers.")
    improved: bool | None = Field(
        description="Whether the move is in the KPI's better direction; null when either side "
        "has no actual or the value did not move."
    )


class Changes(_Result):
    """What changed between two audits; the body of a diff and of an audit's ``since``."""

    verdict_worsened: bool = Field(description="Whether the verdict moved towards no-go.")
    score_delta: Score = Field(description="Gate score new - old; null unless both are numbers.")
    total_score_delta: Score = Field(description="Total score new - old.")
    phases: list[ScoreChange] = Field(description="Per phase, in journey order.")
    teams: list[ScoreChange] = Field(description="Per team, in playbook order.")
    done: list[str] = Field(description="Questions done now that were not done before.")
    regressed: list[str] = Field(description="Questions whose credit fell.")
    new_gaps: list[str] = Field(description="Gaps now that were not gaps before.")
    closed_gaps: list[str] = Field(description="Gaps before that are not gaps now.")
    newly_overdue: list[str] = Field(description="Gaps overdue now that were not before.")
    blockers_opened: list[str] = Field(description="Blockers open now that were not before.")
    blockers_closed: list[str] = Field(description="Blockers open before that are not now.")
    owner_changes: list[FieldChange] = Field(description="Open questions whose owner changed.")
    due_changes: list[FieldChange] = Field(description="Open questions whose due date changed.")
    waivers_added: list[WaiverNote] = Field(description="Waivers that count now and did not.")
    waivers_expired: list[WaiverNote] = Field(description="Waivers that counted and expired.")
    waivers_expiring: list[WaiverNote] = Field(
        description="Waivers that count now and expire within 14 days of the new as-of date."
    )
    kpis: list[KpiChange] = Field(
        default_factory=empty_list,
        description="The KPIs whose actual is recorded on either side and changed, in the new "
        "playbook's order.",
    )


class _SinceHead(_Result):
    old: DiffSide = Field(description="The audit compared with: the plan at the --since revision.")


class Since(Changes, _SinceHead):
    """An audit's change since an earlier revision (``audit --since``)."""


class Overdue(_Result):
    """An applicable question past its due date, inside the gate or after it."""

    question: str = Field(description="Question id.")
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    severity: Severity = Field(description="blocker, major or minor.")
    due: dt.date = Field(description="The due date it missed.")
    in_gate: bool = Field(description="Whether the question is in the gate scope.")


class Why(_Result):
    """What the verdict rules of docs/scoring.md found, so a report can say them in words.

    Never narrowed by ``--team`` or ``--phase``: it explains the whole plan's verdict.
    """

    open_blockers: list[str] = Field(
        default_factory=empty_list,
        description="Blockers in the gate scope with credit below 1 (each makes it no-go), "
        "most urgent first.",
    )
    below_threshold: bool = Field(
        False, description="Whether the gate score is below the threshold (at least at-risk)."
    )
    overdue: list[Overdue] = Field(
        default_factory=empty_list,
        description="Every overdue applicable question, inside the gate or not (each makes "
        "it at least at-risk), most urgent first.",
    )
    expired_waivers: list[str] = Field(
        default_factory=empty_list,
        description="Questions in the gate scope whose waiver has expired (at least at-risk).",
    )
    first_due: dt.date | None = Field(
        None,
        description="With gate auto and nothing due yet: the day the first applicable "
        "question comes due (null otherwise, or when no question has a due date).",
    )
    off_target_kpis: list[str] = Field(
        default_factory=empty_list,
        description="KPIs of the gate scope whose actual is worse than their target (each "
        "makes it at least at-risk), in playbook order.",
    )


class KpiResult(_Result):
    """One of the playbook's KPIs, with what the plan records for it."""

    id: str = Field(description="KPI id.")
    title: str = Field(description="KPI title.")
    unit: str = Field(description="Unit of its values.")
    better: Literal["lower", "higher"] = Field(description="Which direction is an improvement.")
    phase: str = Field(description="The phase the measure belongs to.")
    in_gate: bool = Field(description="Whether its phase is in the gate scope.")
    baseline: float | None = Field(description="The plan's baseline; null when none.")
    target: float | None = Field(description="The plan's target; null when none.")
    actual: float | None = Field(description="The latest actual; null when none.")
    measured: dt.date | None = Field(description="The day the actual was measured.")
    age_days: int | None = Field(
        description="Days from measured to as_of; null without a measured date."
    )
    note: str | None = Field(description="The plan's note; null when none or blank.")
    status: KpiStatus = Field(
        description="on-target, off-target (actual worse than target), no-target, or "
        "no-actual (a target but nothing measured)."
    )
    reasons: list[KpiReason] = Field(
        description="Why it needs attention: no-kpi-target, stale-kpi, off-target."
    )


class AccountResult(_Result):
    """A lighthouse account and the open gaps that block it."""

    name: str = Field(description="The account's name.")
    stage: str = Field(description="The phase of the journey the account is in.")
    next_step: str | None = Field(description="Its next step; null when none or blank.")
    due: dt.date | None = Field(description="When the next step is due.")
    overdue: bool = Field(description="Whether the next step's due date is before as_of.")
    blocked_by: list[str] = Field(description="The question ids the plan lists, as written.")
    open_gaps: list[str] = Field(
        description="Those of blocked_by that apply and are not done (credit below 1), in "
        "the gaps' order: what holds the account back now."
    )


class Waived(_Result):
    question: str = Field(description="Question id.")
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    reason: str = Field(description="Why launching without it is acceptable.")
    approver: str = Field(description="Who accepted the risk.")
    expires: dt.date = Field(description="Last day the waiver counts.")
    risk_accepted: str | None = Field(
        None,
        description="The customer risk the approver accepted, as the waiver states it; null "
        "only in a plan checked without it.",
    )


class AuditResult(_Result):
    """One plan audited against its playbook on an as-of date."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_id: Literal["journeycheck.audit/1"] = Field(
        AUDIT_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    lang: str = Field(
        "en",
        description="The language of the report's words: en, bg or ko (--lang, "
        "JOURNEYCHECK_LANG, else the plan's language:). Ids, statuses, reason codes, keys and "
        "every value are the same in every language.",
    )
    #: The plan's ``language:``, for choosing the report's language; not in the JSON.
    plan_language: str | None = Field(None, exclude=True)
    file: str | None = Field(
        None,
        description="The plan file as named on the command line (or found in a folder "
        "named there), on one line: a line break, a control character or a byte that is not "
        "UTF-8 in the name is written as an escape (\\n, \\x1b, \\xe9); null when the "
        "result was not read from a file.",
    )
    product: str = Field(description="Product name from the plan.")
    playbook: PlaybookRef = Field(description="The playbook the plan was scored against.")
    as_of: dt.date = Field(description="The day the audit treats as today.")
    launch: dt.date = Field(description="Planned launch date.")
    days_to_launch: int = Field(description="Days from as_of to launch; negative after launch.")
    gate: str | None = Field(
        description="The last phase that must be ready now; null only with gate auto "
        "before any question is due."
    )
    gate_rule: GateRule = Field(
        "fixed",
        description="auto: the gate follows the calendar (the latest phase with a question "
        "due on or before as_of); fixed: named by the plan or --gate.",
    )
    threshold: float = Field(
        allow_inf_nan=False, description="Gate score below which the verdict is at-risk."
    )
    verdict: Verdict = Field(description="go, at-risk or no-go.")
    why: Why = Field(
        default_factory=Why,
        description="Why the verdict is what it is: what each verdict rule found.",
    )
    score: Score = Field(description="Score of the gate scope (every phase up to the gate).")
    total_score: Score = Field(description="Score over all phases.")
    ready_through: str | None = Field(
        description="Last phase whose blockers, and all earlier phases' blockers, are done."
    )
    phases: list[PhaseResult] = Field(description="Phases in journey order.")
    teams: list[TeamResult] = Field(description="Teams with applicable questions, in order.")
    cells: list[Cell] = Field(description="Phase × team scores where questions apply.")
    gaps: list[Gap] = Field(description="What to fix, most urgent first.")
    waived: list[Waived] = Field(description="Questions counted as done because of a waiver.")
    counts: Counts = Field(description="All applicable questions by state.")
    done: list[Done] = Field(
        default_factory=empty_list,
        description="Questions answered done (without a valid waiver), with their evidence, "
        "in playbook order.",
    )
    kpis: list[KpiResult] = Field(
        default_factory=empty_list,
        description="The playbook's KPIs in playbook order, with the plan's values and status.",
    )
    accounts: list[AccountResult] = Field(
        default_factory=empty_list,
        description="The plan's lighthouse accounts in the plan's order, each with the open "
        "gaps that block it.",
    )
    since: Since | None = Field(
        None,
        exclude_if=lambda since: since is None,
        description="What changed since the --since revision; only with --since.",
    )

    def narrowed(self, *, teams: set[str], phases: set[str]) -> AuditResult:
        """The same result listing only ``teams`` and ``phases`` (empty = all).

        Scores and the verdict are untouched: narrowing changes what a report
        lists, never what it concludes.
        """
        if not teams and not phases:
            return self

        def keep(phase: str | None = None, team: str | None = None) -> bool:
            return (not phases or phase is None or phase in phases) and (
                not teams or team is None or team in teams
            )

        return self.model_copy(
            update={
                "phases": [p for p in self.phases if keep(phase=p.id)],
                "teams": [t for t in self.teams if keep(team=t.id)],
                "cells": [c for c in self.cells if keep(c.phase, c.team)],
                "gaps": [g for g in self.gaps if keep(g.phase, g.team)],
                "waived": [w for w in self.waived if keep(w.phase, w.team)],
                "done": [d for d in self.done if keep(d.phase, d.team)],
            }
        )


class Portfolio(_Result):
    """Several plans audited in one run (``journeycheck audit PLAN PLAN...`` or a folder).

    The CLI writes this document incrementally, one plan at a time; the model
    exists to describe it (its JSON Schema) and to read it back.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_id: Literal["journeycheck.portfolio/1"] = Field(
        PORTFOLIO_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    plans: list[AuditResult] = Field(
        description="One audit per plan that could be audited, in the order they were given "
        "(folders contribute their plans sorted by file name)."
    )


@dataclass(frozen=True)
class PlanSummary:
    """One plan's row in a portfolio table: its conclusions, not its details.

    Portfolio renderers that must print the table before the plans keep these
    rows rather than whole results.
    """

    file: str | None
    product: str
    verdict: str
    gate: str | None
    gate_rule: str
    score: float | None
    threshold: float
    ready_through: str | None
    #: Open blockers of the phases listed: in the gate scope, and after it.
    gate_blockers: int
    later_blockers: int
    launch: dt.date
    days_to_launch: int
    as_of: dt.date

    @classmethod
    def of(cls, result: AuditResult) -> PlanSummary:
        return cls(
            file=result.file,
            product=result.product,
            verdict=result.verdict,
            gate=result.gate,
            gate_rule=result.gate_rule,
            score=result.score,
            threshold=result.threshold,
            ready_through=result.ready_through,
            # The same totals as the report's "open blockers" row: the phases listed.
            gate_blockers=sum(phase.open_blockers for phase in result.phases if phase.in_gate),
            later_blockers=sum(p.open_blockers for p in result.phases if not p.in_gate),
            launch=result.launch,
            days_to_launch=result.days_to_launch,
            as_of=result.as_of,
        )
