"""The cross-references pydantic cannot see, checked against the playbook.

A plan's traits, gate and answer ids must name what its playbook has; a
playbook's questions and KPIs must name its own phases, teams and traits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from journeycheck.checking.wording import did_you_mean, listing
from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.models import Plan, Playbook
from journeycheck.reading.document import Document


def check_plan(doc: Document, plan: Plan, playbook: Playbook) -> None:
    """Check what ``plan`` names against ``playbook``: traits, gate and answer ids."""
    problems: list[Problem] = []
    for name in plan.traits:
        if name not in playbook.traits:
            problems.append(
                doc.problem(
                    ("traits", name),
                    f"unknown trait {name!r}{did_you_mean(name, playbook.traits)}; "
                    f"playbook {playbook.id!r} has {listing(playbook.traits) or 'no traits'}",
                    at_key=True,
                )
            )
    phase_ids = playbook.phase_ids()
    if plan.gate is not None and plan.gate not in phase_ids:
        problems.append(
            doc.problem(
                ("gate",),
                f"gate: unknown phase {plan.gate!r}{did_you_mean(plan.gate, phase_ids)}; "
                f"phases are {listing(phase_ids)}",
            )
        )
    problems.extend(_due_dates_off_the_calendar(doc, plan, playbook))
    known = {question.id for question in playbook.questions}
    for question_id in plan.answers:
        if question_id not in known:
            problems.append(
                doc.problem(
                    ("answers", question_id),
                    f"unknown question id {question_id!r}{did_you_mean(question_id, known)}; "
                    f"it is not in playbook {playbook.id!r}, so this answer would be ignored",
                    at_key=True,
                )
            )
    if problems:
        raise InputError(problems)


def check_gate(gate: str | None, playbook: Playbook) -> str | None:
    """``gate`` (a ``--gate`` flag) if it names a phase of ``playbook``."""
    phases = playbook.phase_ids()
    if gate is not None and gate not in phases:
        raise UsageError(
            f"--gate: unknown phase {gate!r}{did_you_mean(gate, phases)} in playbook "
            f"{playbook.id!r}; phases are {', '.join(phases)}"
        )
    return gate


def _due_dates_off_the_calendar(doc: Document, plan: Plan, playbook: Playbook) -> list[Problem]:
    """The launch date, if a due date counted from it would fall outside the calendar.

    Only applicable questions whose answer has no due date of its own count,
    as those are the due dates the audit computes.
    """
    offsets = [question.due for question in playbook.questions if question.due is not None]
    try:  # the usual case, settled by the two extremes
        for extreme in (min(offsets, default=0), max(offsets, default=0)):
            plan.launch + dt.timedelta(days=extreme)
        return []
    except OverflowError:
        pass
    traits = playbook.trait_values(plan.traits)
    for question in playbook.questions:
        if question.due is None or not playbook.applies(question, traits):
            continue
        answer = plan.answers.get(question.id)
        if answer is not None and answer.due is not None:
            continue
        try:
            plan.launch + dt.timedelta(days=question.due)
        except OverflowError:
            edge = "end" if question.due > 0 else "start"
            return [
                doc.problem(
                    ("launch",),
                    f"launch: {plan.launch.isoformat()} is too close to the {edge} of the "
                    f"calendar: {question.id} would be due {question.due:+d} days from it; "
                    "check the launch date, or give that answer a due date of its own",
                )
            ]
    return []


def playbook_references(doc: Document, playbook: Playbook) -> Iterable[Problem]:
    for name, ids in (
        ("phase", [item.id for item in playbook.phases]),
        ("team", [item.id for item in playbook.teams]),
        ("question", [item.id for item in playbook.questions]),
        ("kpi", [item.id for item in playbook.kpis]),
    ):
        seen: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in seen:
                first = doc.node((f"{name}s", seen[item_id], "id"))
                where = f" (first at line {first.line})" if first else ""
                yield doc.problem(
                    (f"{name}s", index, "id"), f"duplicate {name} id {item_id!r}{where}"
                )
            else:
                seen[item_id] = index
    phases = playbook.phase_ids()
    teams = [team.id for team in playbook.teams]
    for index, question in enumerate(playbook.questions):
        if question.phase not in phases:
            yield doc.problem(
                ("questions", index, "phase"),
                f"phase: unknown phase {question.phase!r}"
                f"{did_you_mean(question.phase, phases)}; phases are {listing(phases)}",
            )
        if question.team not in teams:
            yield doc.problem(
                ("questions", index, "team"),
                f"team: unknown team {question.team!r}"
                f"{did_you_mean(question.team, teams)}; teams are {listing(teams)}",
            )
        for trait in question.when:
            if trait not in playbook.traits:
                yield doc.problem(
                    ("questions", index, "when", trait),
                    f"when: unknown trait {trait!r}{did_you_mean(trait, playbook.traits)}; "
                    f"traits are {listing(playbook.traits) or 'none'}",
                    at_key=True,
                )
    for index, kpi in enumerate(playbook.kpis):
        if kpi.phase not in phases:
            yield doc.problem(
                ("kpis", index, "phase"),
                f"phase: unknown phase {kpi.phase!r}{did_you_mean(kpi.phase, phases)}; "
                f"phases are {listing(phases)}",
            )
