"""A playbook as a blank checklist: its questions picked and grouped by phase and team.

This is what ``journeycheck playbook show`` renders. It reads no plan: a team
that wants the list of what to get ready, without filling in a plan, gets the
playbook's questions in journey order, optionally narrowed to some phases,
some teams, or the questions that apply to a product with given traits.

Its JSON form is ``journeycheck.checklist/1``: adding a field keeps the name,
removing or changing one bumps it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from journeycheck.models import Playbook, Question, Severity
from journeycheck.result import PlaybookRef

CHECKLIST_SCHEMA: Final = "journeycheck.checklist/1"


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChecklistItem(_Item):
    id: str = Field(description="Question id.")
    ask: str = Field(description="The question.")
    help: str = Field(description="Why it matters and what done looks like; may be empty.")
    risk: str = Field("", description="What the customer suffers if it is not done; may be empty.")
    severity: Severity = Field(description="blocker, major or minor.")
    weight: float = Field(description="Weight in scores (the severity's default if not set).")
    evidence: Literal["required", "optional"] = Field(
        description="`required`: done without evidence earns half credit."
    )
    due: int | None = Field(description="Days relative to launch (-30: thirty days before).")
    when: dict[str, bool] = Field(description="Trait values the question applies to.")


class TeamSection(_Item):
    id: str = Field(description="Team id.")
    title: str = Field(description="Team title.")
    items: list[ChecklistItem] = Field(description="The team's questions, in playbook order.")


class PhaseSection(_Item):
    id: str = Field(description="Phase id.")
    title: str = Field(description="Phase title.")
    summary: str = Field(description="What the customer can do once the phase is ready.")
    teams: list[TeamSection] = Field(description="Teams with questions here, in playbook order.")


class Selection(_Item):
    phases: list[str] = Field(description="Phases asked for; empty means all.")
    teams: list[str] = Field(description="Teams asked for; empty means all.")
    traits: dict[str, bool] | None = Field(
        description="Every trait's value the questions were picked by (given or default); "
        "null when no trait was given and every question is listed."
    )


class Checklist(_Item):
    """The questions of one playbook, picked and grouped for reading."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_id: Literal["journeycheck.checklist/1"] = Field(
        CHECKLIST_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    playbook: PlaybookRef = Field(description="The playbook the questions come from.")
    description: str = Field(description="What the playbook is for; may be empty.")
    selection: Selection = Field(description="How the questions were picked.")
    count: int = Field(description="Questions listed.")
    phases: list[PhaseSection] = Field(description="Phases with questions, in journey order.")


def build(
    playbook: Playbook,
    *,
    phases: Sequence[str] = (),
    teams: Sequence[str] = (),
    traits: Mapping[str, bool] | None = None,
) -> Checklist:
    """The checklist of ``playbook``, narrowed to ``phases`` and ``teams`` (empty: all).

    With ``traits``, only the questions that apply to a product with those
    trait values are listed; traits not given take the playbook's default, as
    they do in a plan. Without it, every question is listed. Names the playbook
    lacks select nothing; ``playbook show`` refuses them first
    (:mod:`journeycheck.checking.flags`).
    """
    values = playbook.trait_values(dict(traits)) if traits is not None else None

    def wanted(question: Question) -> bool:
        return (
            (not phases or question.phase in phases)
            and (not teams or question.team in teams)
            and (values is None or playbook.applies(question, values))
        )

    picked = [question for question in playbook.questions if wanted(question)]
    sections = []
    for phase in playbook.phases:
        in_phase = [question for question in picked if question.phase == phase.id]
        team_sections = [
            TeamSection(
                id=team.id,
                title=team.title,
                items=[_item(question) for question in in_phase if question.team == team.id],
            )
            for team in playbook.teams
        ]
        team_sections = [section for section in team_sections if section.items]
        if team_sections:
            sections.append(
                PhaseSection(
                    id=phase.id, title=phase.title, summary=phase.summary, teams=team_sections
                )
            )
    return Checklist(
        playbook=PlaybookRef.of(playbook),
        description=playbook.description,
        selection=Selection(
            phases=[phase.id for phase in playbook.phases if phase.id in phases],
            teams=[team.id for team in playbook.teams if team.id in teams],
            traits=values,
        ),
        count=len(picked),
        phases=sections,
    )


def _item(question: Question) -> ChecklistItem:
    return ChecklistItem(
        id=question.id,
        ask=question.ask,
        help=question.help,
        risk=question.risk,
        severity=question.severity,
        weight=question.effective_weight,
        evidence=question.evidence,
        due=question.due,
        when=dict(question.when),
    )
