"""The cross-references pydantic cannot see, checked against the playbook.

A plan's traits, gate and answer ids must name what its playbook has; a
playbook's questions and KPIs must name its own phases, teams and traits; and
the ``--gate``, ``--team``, ``--phase`` and ``--trait`` flags must name what the
playbook has, with a "did you mean" from :func:`~journeycheck.checking.wording.suggestion`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import TypeGuard

from journeycheck.checking.wording import Budget, kind_name, listing, suggestion
from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.models import AUTO_GATE, SLUG_PATTERN, Plan, Playbook
from journeycheck.reading.document import Document


def check_plan(doc: Document, plan: Plan, playbook: Playbook) -> None:
    """Check what ``plan`` names against ``playbook``: traits, gate, answer ids, due dates."""
    problems = plan_references(doc, playbook)
    problems.extend(_due_dates_off_the_calendar(doc, plan, playbook))
    if problems:
        raise InputError(problems)


def plan_references(doc: Document, playbook: Playbook) -> list[Problem]:
    """The traits, team owners, gate and answer ids a plan names that ``playbook`` lacks.

    Read from the document's data rather than the validated plan, so they can be
    reported in the same run as the plan's shape problems. A value of the wrong
    kind, or a name that is not a valid id, is the shape's to report, and is
    left alone here.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[Problem] = []
    budget = Budget()
    traits = list(playbook.traits)
    chosen = data.get("traits")
    for name in chosen if isinstance(chosen, dict) else ():
        if _is_id(name) and name not in playbook.traits:
            problems.append(
                doc.problem(
                    ("traits", name),
                    "JC301",
                    at_key=True,
                    name=name,
                    suggestion=suggestion(name, traits, budget),
                    playbook=playbook.id,
                    traits=listing(traits) or None,
                )
            )
    team_ids = [team.id for team in playbook.teams]
    owners = data.get("owners")
    for team in owners if isinstance(owners, dict) else ():
        if _is_id(team) and team not in team_ids:
            problems.append(
                doc.problem(
                    ("owners", team),
                    "JC634",
                    at_key=True,
                    name=team,
                    suggestion=suggestion(team, team_ids, budget),
                    playbook=playbook.id,
                    teams=listing(team_ids),
                )
            )
    phase_ids = playbook.phase_ids()
    gate = data.get("gate")
    if _is_id(gate) and gate != AUTO_GATE and gate not in phase_ids:
        problems.append(
            doc.problem(
                ("gate",),
                "JC302",
                name=gate,
                suggestion=suggestion(gate, [AUTO_GATE, *phase_ids], budget),
                phases=listing(phase_ids),
            )
        )
    known = {question.id for question in playbook.questions}
    answers = data.get("answers")
    written = [key for key in answers if isinstance(key, str)] if isinstance(answers, dict) else []
    followed: set[str] = set()
    for question_id in written:
        renamed_to = playbook.renamed.get(question_id)
        if question_id not in known and renamed_to is not None:
            if renamed_to in written or renamed_to in followed:
                problems.append(
                    doc.problem(
                        ("answers", question_id),
                        "JC765",
                        at_key=True,
                        name=question_id,
                        new=renamed_to,
                        playbook=playbook.id,
                    )
                )
            followed.add(renamed_to)
        elif question_id not in known:
            problems.append(
                doc.problem(
                    ("answers", question_id),
                    "JC303",
                    at_key=True,
                    name=question_id,
                    suggestion=suggestion(question_id, known, budget),
                    playbook=playbook.id,
                )
            )
    problems.extend(_kpi_and_account_references(doc, data, playbook, budget))
    return problems


def _kpi_and_account_references(
    doc: Document, data: dict[object, object], playbook: Playbook, budget: Budget
) -> Iterable[Problem]:
    """KPI ids the playbook lacks, and accounts naming a phase or question it lacks."""
    kpi_ids = [kpi.id for kpi in playbook.kpis]
    kpis = data.get("kpis")
    for name in kpis if isinstance(kpis, dict) else ():
        if _is_id(name) and name not in kpi_ids:
            yield doc.problem(
                ("kpis", name),
                "JC850",
                at_key=True,
                name=name,
                suggestion=suggestion(name, kpi_ids, budget),
                playbook=playbook.id,
                kpis=listing(kpi_ids) or None,
            )
    accounts = data.get("accounts")
    if not isinstance(accounts, list):
        return
    phase_ids = playbook.phase_ids()
    known = {question.id for question in playbook.questions}
    seen: dict[str, int] = {}
    for index, account in enumerate(accounts):
        if not isinstance(account, dict):
            continue
        name = account.get("name")
        if isinstance(name, str) and name.strip():
            key = " ".join(name.split()).casefold()
            if key in seen:
                first = doc.node(("accounts", seen[key], "name"))
                yield doc.problem(
                    ("accounts", index, "name"),
                    "JC853",
                    name=name,
                    first_line=first.line if first else None,
                )
            else:
                seen[key] = index
        stage = account.get("stage")
        if _is_id(stage) and stage not in phase_ids:
            yield doc.problem(
                ("accounts", index, "stage"),
                "JC852",
                name=stage,
                suggestion=suggestion(stage, phase_ids, budget),
                phases=listing(phase_ids),
            )
        blocked_by = account.get("blocked_by")
        for position, question_id in enumerate(blocked_by if isinstance(blocked_by, list) else ()):
            # An old id of a renamed question follows it, as an answer under it does.
            if not isinstance(question_id, str) or question_id in known:
                continue
            if question_id in playbook.renamed:
                continue
            yield doc.problem(
                ("accounts", index, "blocked_by", position),
                "JC851",
                name=question_id,
                suggestion=suggestion(question_id, known, budget),
                playbook=playbook.id,
            )


def _is_id(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value) is not None


def check_gate(gate: str | None, playbook: Playbook) -> str | None:
    """``gate`` (a ``--gate`` flag) if it is ``auto`` or names a phase of ``playbook``."""
    phases = playbook.phase_ids()
    if gate is not None and gate != AUTO_GATE and gate not in phases:
        raise UsageError(
            "JC404",
            name=gate,
            suggestion=suggestion(gate, [AUTO_GATE, *phases]),
            playbook=playbook.id,
            phases=listing(phases),
        )
    return gate


def check_flag_names(code: str, given: Iterable[str], known: Sequence[str]) -> None:
    """Refuse a ``--team`` (``JC405``) or ``--phase`` (``JC406``) value the playbook lacks."""
    for name in given:
        if name not in known:
            raise UsageError(
                code, name=name, suggestion=suggestion(name, known), choices=listing(known)
            )


def check_trait_flags(names: Iterable[str], playbook: Playbook) -> None:
    """Refuse a ``--trait`` naming a trait the playbook does not define."""
    traits = list(playbook.traits)
    for name in names:
        if name not in playbook.traits:
            raise UsageError(
                "JC407",
                name=name,
                suggestion=suggestion(name, traits),
                playbook=playbook.id,
                traits=listing(traits) or None,
            )


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
            return [
                doc.problem(
                    ("launch",),
                    "JC304" if question.due > 0 else "JC305",
                    launch=plan.launch.isoformat(),
                    question=question.id,
                    days=question.due,
                )
            ]
    return []


def playbook_references(doc: Document, playbook: Playbook) -> Iterable[Problem]:
    """Duplicate ids, and questions or KPIs naming a phase, team or trait the playbook lacks."""
    budget = Budget()
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
                yield doc.problem(
                    (f"{name}s", index, "id"),
                    "JC310",
                    kind=kind_name(name),
                    name=item_id,
                    first_line=first.line if first else None,
                )
            else:
                seen[item_id] = index
    phases = playbook.phase_ids()
    if AUTO_GATE in phases:
        yield doc.problem(("phases", phases.index(AUTO_GATE), "id"), "JC315", name=AUTO_GATE)
    teams = [team.id for team in playbook.teams]
    traits = list(playbook.traits)
    for index, question in enumerate(playbook.questions):
        if question.phase not in phases:
            yield _unknown_phase(doc, ("questions", index, "phase"), question.phase, phases, budget)
        if question.team not in teams:
            yield doc.problem(
                ("questions", index, "team"),
                "JC312",
                name=question.team,
                suggestion=suggestion(question.team, teams, budget),
                teams=listing(teams),
            )
        for trait in question.when:
            if trait not in playbook.traits:
                yield doc.problem(
                    ("questions", index, "when", trait),
                    "JC313",
                    at_key=True,
                    name=trait,
                    suggestion=suggestion(trait, traits, budget),
                    traits=listing(traits) or None,
                )
    for index, kpi in enumerate(playbook.kpis):
        if kpi.phase not in phases:
            yield _unknown_phase(doc, ("kpis", index, "phase"), kpi.phase, phases, budget)
    questions = [question.id for question in playbook.questions]
    for old, new in playbook.renamed.items():
        if old in questions:
            yield doc.problem(("renamed", old), "JC762", at_key=True, name=old)
        if new not in questions:
            yield doc.problem(
                ("renamed", old),
                "JC763",
                name=old,
                new=new,
                suggestion=suggestion(new, questions, budget),
            )


def _unknown_phase(
    doc: Document, path: tuple[str | int, ...], phase: str, phases: list[str], budget: Budget
) -> Problem:
    return doc.problem(
        path,
        "JC311",
        name=phase,
        suggestion=suggestion(phase, phases, budget),
        phases=listing(phases),
    )
