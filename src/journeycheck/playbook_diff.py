"""What changed between two playbooks: questions added, removed, renamed and changed.

Pure: two validated playbooks in, a :class:`PlaybookDiff` out, which
``journeycheck playbook diff`` renders (``render/playbook_diff_*.py``). The two
may be two versions of one playbook, or a company playbook and the one it
extends. A question counts as renamed when either playbook's ``renamed:`` maps
its id in the first to its id in the second; a renamed question is compared
field by field like any other.

Its JSON form is ``journeycheck.playbook-diff/1``: adding a field keeps the
name, removing or changing one bumps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

from journeycheck.models import Playbook, Question, Severity
from journeycheck.result import PlaybookRef

DIFF_SCHEMA: Final = "journeycheck.playbook-diff/1"

#: The fields of a question compared, in the order a reader cares about them.
QUESTION_FIELDS = (
    "phase",
    "team",
    "ask",
    "help",
    "risk",
    "severity",
    "weight",
    "evidence",
    "when",
    "due",
)

Value = str | int | float | bool | dict[str, bool] | None


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldChange(_Item):
    field: str = Field(description="The field's name, as a playbook file writes it.")
    old: Value = Field(description="Its value in the first playbook; null when not set.")
    new: Value = Field(description="Its value in the second playbook; null when not set.")


class QuestionRef(_Item):
    id: str = Field(description="Question id.")
    phase: str = Field(description="Phase id.")
    team: str = Field(description="Team id.")
    severity: Severity = Field(description="blocker, major or minor.")
    ask: str = Field(description="The question.")


class Renamed(_Item):
    old: str = Field(description="The question's id in the first playbook.")
    new: str = Field(description="Its id in the second playbook.")


class QuestionChange(_Item):
    id: str = Field(description="The question's id in the second playbook.")
    renamed_from: str | None = Field(
        description="Its id in the first playbook when it was renamed; else null."
    )
    changes: list[FieldChange] = Field(description="The fields that differ, in field order.")


class ItemChange(_Item):
    id: str = Field(description="The item's id.")
    changes: list[FieldChange] = Field(description="The fields that differ.")


class ItemsDiff(_Item):
    added: list[str] = Field(description="Ids only the second playbook has, in its order.")
    removed: list[str] = Field(description="Ids only the first playbook has, in its order.")
    changed: list[ItemChange] = Field(description="Items both have that differ.")

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


class PlaybookDiff(_Item):
    """The differences between two playbooks, the first taken as the older."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    schema_id: Literal["journeycheck.playbook-diff/1"] = Field(
        DIFF_SCHEMA, alias="schema", description="Format name and version of this document."
    )
    old: PlaybookRef = Field(description="The first playbook.")
    new: PlaybookRef = Field(description="The second playbook.")
    added: list[QuestionRef] = Field(description="Questions only the second has, in its order.")
    removed: list[QuestionRef] = Field(description="Questions only the first has, in its order.")
    renamed: list[Renamed] = Field(description="Questions whose id changed, in the second's order.")
    changed: list[QuestionChange] = Field(
        description="Questions in both (renamed or not) whose fields differ, in the second's order."
    )
    phases: ItemsDiff = Field(description="Phases added, removed or changed.")
    teams: ItemsDiff = Field(description="Teams added, removed or changed.")
    traits: ItemsDiff = Field(description="Traits added, removed or changed.")
    kpis: ItemsDiff = Field(description="KPIs added, removed or changed.")

    @property
    def empty(self) -> bool:
        """Whether the two playbooks ask the same questions in the same way."""
        return not (self.added or self.removed or self.renamed or self.changed) and all(
            part.empty for part in (self.phases, self.teams, self.traits, self.kpis)
        )


def diff(old: Playbook, new: Playbook) -> PlaybookDiff:
    """What changed from ``old`` to ``new``."""
    old_questions = {q.id: q for q in old.questions}
    new_questions = {q.id: q for q in new.questions}
    # Either side may record the rename: the newer version (usually), or the older one
    # when the two are given the other way round.
    before: dict[str, str] = {}  # new id -> old id
    for first, then in new.renamed.items():
        if first in old_questions and then in new_questions and first not in new_questions:
            before.setdefault(then, first)
    for first, then in old.renamed.items():
        if then in old_questions and first in new_questions and then not in new_questions:
            before.setdefault(first, then)
    matched = {new_id: before.get(new_id, new_id) for new_id in new_questions}
    matched = {new_id: old_id for new_id, old_id in matched.items() if old_id in old_questions}
    kept_old = set(matched.values())
    changed = []
    for question in new.questions:
        old_id = matched.get(question.id)
        if old_id is None:
            continue
        changes = _changes(_question_fields(old_questions[old_id]), _question_fields(question))
        if changes:
            renamed_from = old_id if old_id != question.id else None
            changed.append(
                QuestionChange(id=question.id, renamed_from=renamed_from, changes=changes)
            )
    return PlaybookDiff(
        old=PlaybookRef.of(old),
        new=PlaybookRef.of(new),
        added=[_ref(q) for q in new.questions if q.id not in matched],
        removed=[_ref(q) for q in old.questions if q.id not in kept_old],
        renamed=[
            Renamed(old=old_id, new=new_id)
            for new_id, old_id in matched.items()
            if old_id != new_id
        ],
        changed=changed,
        phases=_items(
            {p.id: p.model_dump() for p in old.phases}, {p.id: p.model_dump() for p in new.phases}
        ),
        teams=_items(
            {t.id: t.model_dump() for t in old.teams}, {t.id: t.model_dump() for t in new.teams}
        ),
        traits=_items(
            {name: t.model_dump() for name, t in old.traits.items()},
            {name: t.model_dump() for name, t in new.traits.items()},
        ),
        kpis=_items(
            {k.id: k.model_dump() for k in old.kpis}, {k.id: k.model_dump() for k in new.kpis}
        ),
    )


def _ref(question: Question) -> QuestionRef:
    return QuestionRef(
        id=question.id,
        phase=question.phase,
        team=question.team,
        severity=question.severity,
        ask=question.ask,
    )


def _question_fields(question: Question) -> dict[str, Any]:
    return {name: getattr(question, name) for name in QUESTION_FIELDS}


def _changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldChange]:
    return [
        FieldChange(field=name, old=_plain(old.get(name)), new=_plain(new.get(name)))
        for name in _ordered(old, new)
        if name != "id" and old.get(name) != new.get(name)
    ]


def _plain(value: Any) -> Value:
    return dict(value) if isinstance(value, Mapping) else value


def _ordered(*mappings: Mapping[str, Any]) -> Iterable[str]:
    seen: dict[str, None] = {}
    for mapping in mappings:
        seen.update(dict.fromkeys(mapping))
    return seen


def _items(old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]) -> ItemsDiff:
    return ItemsDiff(
        added=[key for key in new if key not in old],
        removed=[key for key in old if key not in new],
        changed=[
            ItemChange(id=key, changes=_changes(old[key], values))
            for key, values in new.items()
            if key in old and old[key] != values
        ],
    )
