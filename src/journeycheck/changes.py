"""The documents of the weekly review: a diff of two audits, a history, an agenda.

Their JSON forms are ``journeycheck.diff/1``, ``journeycheck.history/1`` and
``journeycheck.agenda/1`` (docs/report-format.md), under the same versioning
rules as the audit report. They are computed by :mod:`journeycheck.compare`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from journeycheck.models import Severity, Status, empty_dict, empty_list
from journeycheck.result import AccountResult, Changes, Counts, DiffSide, Score, Verdict

DIFF_SCHEMA: Final = "journeycheck.diff/1"
HISTORY_SCHEMA: Final = "journeycheck.history/1"
AGENDA_SCHEMA: Final = "journeycheck.agenda/1"


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _DiffHead(_Doc):
    schema_id: Literal["journeycheck.diff/1"] = Field(
        DIFF_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    product: str = Field(description="Product name, from the new side.")
    old: DiffSide = Field(description="The earlier audit.")
    new: DiffSide = Field(description="The later audit.")
    #: The new side's ``language:``, for choosing the words of the report; not in the JSON.
    plan_language: str | None = Field(None, exclude=True)


class Diff(Changes, _DiffHead):
    """What changed between two audits of one plan."""

    # The head's fields come first in the document: pydantic orders the fields of
    # several bases from the last base to the first.

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class HistoryPoint(_Doc):
    """One revision of the plan, audited as of its commit date."""

    commit: str | None = Field(description="Full commit hash; null for the uncommitted file.")
    uncommitted: bool = Field(
        description="The working file, which differs from the last commit; audited as of today."
    )
    path: str = Field(description="The plan's path at this revision, from the repository top.")
    date: dt.date = Field(description="Committer date (the as-of date of this point).")
    author: str | None = Field(description="Author name; null for the uncommitted file.")
    subject: str | None = Field(description="Commit subject; null for the uncommitted file.")
    error: str | None = Field(
        description="The first problem, located, when the plan was invalid at this revision; "
        "then every score is null."
    )
    verdict: Verdict | None = Field(description="go, at-risk or no-go; null with an error.")
    gate: str | None = Field(description="The gate phase at this revision.")
    threshold: float | None = Field(description="The threshold at this revision.")
    score: Score = Field(description="Gate score.")
    total_score: Score = Field(description="Score over all phases.")
    ready_through: str | None = Field(description="Last phase whose blockers are all done.")
    phases: dict[str, Score] = Field(description="Score per phase id, in journey order.")
    counts: Counts | None = Field(description="Applicable questions by state.")
    kpis: dict[str, float | None] = Field(
        default_factory=empty_dict,
        description="The actual of each KPI of the playbook at this revision, by KPI id in "
        "playbook order (null when none is recorded); empty with an error.",
    )


class History(_Doc):
    """A plan's readiness over its git history, oldest first."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_id: Literal["journeycheck.history/1"] = Field(
        HISTORY_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    plan: str = Field(description="The plan file as named on the command line.")
    repository: str = Field(description="The repository's top folder.")
    shallow: bool = Field(description="The clone is shallow: the history is cut where it ends.")
    since: dt.date | None = Field(description="Only commits on or after this day (--since).")
    until: dt.date | None = Field(description="Only commits on or before this day (--until).")
    points: list[HistoryPoint] = Field(description="One per commit that changed the plan.")


AgendaKind = Literal["person", "team"]


class AgendaItem(_Doc):
    question: str = Field(description="Question id.")
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    severity: Severity = Field(description="blocker, major or minor.")
    ask: str = Field(description="The question.")
    status: Status | None = Field(description="The answer's status; null when unanswered.")
    due: dt.date | None = Field(description="Due date (the answer's, else launch + offset).")
    expires: dt.date | None = Field(description="The waiver's last day, for expiring waivers.")


class OwnerAgenda(_Doc):
    """What one owner brings to the review. A question is in every list it belongs to."""

    owner: str = Field(description="The answer's owner, or the team's title when none.")
    kind: AgendaKind = Field(description="person: an owner named in the plan; team: no owner.")
    overdue: list[AgendaItem] = Field(description="Open and past their due date.")
    due_soon: list[AgendaItem] = Field(description="Open and due within the next N days.")
    blocked: list[AgendaItem] = Field(description="Answered blocked.")
    waivers_expiring: list[AgendaItem] = Field(description="Waivers ending within N days.")
    gate_blockers: list[AgendaItem] = Field(description="Open blockers in the gate scope.")
    closed: list[AgendaItem] = Field(
        description="Gaps closed since the --since revision (empty without it)."
    )


class Agenda(_Doc):
    """The agenda of the next review, grouped by owner."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_id: Literal["journeycheck.agenda/1"] = Field(
        AGENDA_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    product: str = Field(description="Product name.")
    file: str | None = Field(description="The plan file as named on the command line.")
    as_of: dt.date = Field(description="The day treated as today.")
    days: int = Field(description="How far ahead 'due soon' and 'expiring' look, in days.")
    gate: str | None = Field(description="The gate phase; null before anything is due.")
    verdict: Verdict = Field(description="go, at-risk or no-go.")
    score: Score = Field(description="Gate score.")
    since: DiffSide | None = Field(description="The audit compared with (--since); else null.")
    accounts: list[AccountResult] = Field(
        default_factory=empty_list,
        description="The lighthouse accounts whose next step is due within the next N days "
        "or overdue, soonest first, each with the open gaps blocking it: what the weekly "
        "deal call starts with.",
    )
    owners: list[OwnerAgenda] = Field(
        description="Owners named in the plan in alphabetical order, then teams without an "
        "owner in playbook order; only those with something on the agenda."
    )
    #: The plan's ``language:``, for choosing the words of the report; not in the JSON.
    plan_language: str | None = Field(None, exclude=True)
