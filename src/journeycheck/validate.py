"""Turn loaded YAML into validated models, reporting every problem with its place.

Pydantic checks each file's shape; the cross-references pydantic cannot see
(a question naming a phase, an answer naming a question) are checked here too,
and every message is mapped back to the line and column it concerns.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.load import Document, describe_scalar
from journeycheck.models import FORMAT_VERSION, STATUSES, Plan, Playbook

ModelT = TypeVar("ModelT", bound=BaseModel)


#: Top-level keys of a plan that a playbook never has, and keys only a playbook has.
_PLAN_ONLY_KEYS = ("product", "playbook", "launch", "answers")
_PLAYBOOK_ONLY_KEYS = ("phases", "teams", "questions")


def validate_playbook(doc: Document) -> Playbook:
    """A :class:`Playbook` from ``doc``, or an :class:`InputError` listing every problem."""
    data = doc.data
    if isinstance(data, dict) and not any(key in data for key in _PLAYBOOK_ONLY_KEYS):
        found = [key for key in _PLAN_ONLY_KEYS if key in data]
        if found:
            raise InputError(
                [
                    doc.problem(
                        (),
                        f"this is a product plan (it has {_listing(found)}), not a playbook; "
                        "a playbook has phases, teams and questions",
                    )
                ]
            )
    playbook = _validate(doc, Playbook, "playbook")
    problems = list(_playbook_references(doc, playbook))
    if problems:
        raise InputError(problems)
    return playbook


def validate_plan(doc: Document) -> Plan:
    """A :class:`Plan` from ``doc`` (its shape only; see :func:`check_plan`)."""
    return _validate(doc, Plan, "plan")


def check_plan(doc: Document, plan: Plan, playbook: Playbook) -> None:
    """Check what ``plan`` names against ``playbook``: traits, gate and answer ids."""
    problems: list[Problem] = []
    for name in plan.traits:
        if name not in playbook.traits:
            problems.append(
                doc.problem(
                    ("traits", name),
                    f"unknown trait {name!r}{did_you_mean(name, playbook.traits)}; "
                    f"playbook {playbook.id!r} has {_listing(playbook.traits) or 'no traits'}",
                    at_key=True,
                )
            )
    phase_ids = playbook.phase_ids()
    if plan.gate is not None and plan.gate not in phase_ids:
        problems.append(
            doc.problem(
                ("gate",),
                f"gate: unknown phase {plan.gate!r}{did_you_mean(plan.gate, phase_ids)}; "
                f"phases are {_listing(phase_ids)}",
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


def _validate(doc: Document, model: type[ModelT], what: str) -> ModelT:
    data = doc.data
    if not isinstance(data, dict):
        raise InputError(
            [
                doc.problem(
                    (),
                    f"the top level of a {what} must be a mapping of keys "
                    f"(journeycheck: 1, ...), not {_kind_of(doc, (), data)}",
                )
            ]
        )
    version_problem = _format_version_problem(doc, data)
    if version_problem is not None:
        raise InputError([version_problem])
    # Walking every value costs as much as validating it: only done when it can find something.
    problems = _control_characters(doc, model) if doc.has_escapes else []
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        problems += [_translate(doc, model, error) for error in exc.errors(include_url=False)]
    if problems:
        raise InputError(problems)
    return validated


#: C0 and C1 control characters and DEL, except tab and line feed: a terminal acts on
#: them (colours, the window title, moving the cursor), so a report must not print them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _control_characters(doc: Document, model: type[BaseModel]) -> list[Problem]:
    """A problem for each key or text in ``doc`` that holds a control character."""
    problems = []
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                found = _CONTROL.search(key)
                if found is not None:
                    problems.append(
                        doc.problem(
                            (*path, key), f"the key {key!r} {_control(found[0])}", at_key=True
                        )
                    )
                pending.append(((*path, key), item))
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            found = _CONTROL.search(value)
            if found is not None:
                problems.append(doc.problem(path, f"{_label(model, path)}: {_control(found[0])}"))
    return problems


def _control(char: str) -> str:
    return (
        f"contains the control character U+{ord(char):04X}, which a terminal would act on; "
        "remove it"
    )


def _shown(text: str) -> str:
    """``text`` as it can be printed: quoted and escaped if it holds a control character."""
    return repr(text) if _CONTROL.search(text) else text


def _format_version_problem(doc: Document, data: dict[str, Any]) -> Problem | None:
    if "journeycheck" not in data:
        return doc.problem(
            (),
            f"missing the format version: add 'journeycheck: {FORMAT_VERSION}' as the first line",
        )
    version = data["journeycheck"]
    if type(version) is int and version == FORMAT_VERSION:
        return None
    if isinstance(version, str) and version.strip() == str(FORMAT_VERSION):
        return doc.problem(
            ("journeycheck",),
            f"journeycheck: the format version is the number {FORMAT_VERSION}, not the text "
            f"{version!r}; remove the quotes",
        )
    return doc.problem(
        ("journeycheck",),
        f"journeycheck: unsupported format version {version!r}; "
        f"this journeycheck reads version {FORMAT_VERSION}",
    )


# -- pydantic errors, in the plan author's words ----------------------------------


def _translate(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        path = loc[:-1]
        message = f"{_label(model, path)}: {path[-1]!r} is not a valid id; " + _SLUG_HINT
        return doc.problem(path, message, at_key=True)
    path = loc
    label = _label(model, path)
    if kind == "missing":
        parent = path[:-1]
        where = f"{_label(model, parent)}: " if parent else ""
        return doc.problem(parent, f"{where}missing required key {path[-1]!r}", at_key=bool(parent))
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        key = str(path[-1])
        hint = did_you_mean(key, allowed)
        return doc.problem(
            path,
            f"unknown key {key!r}{hint}; allowed here: {_listing(allowed)}",
            at_key=True,
        )
    written = doc.exact(path)
    surprise = describe_scalar(written, value)
    source = written.source if written is not None else None
    if kind == "string_type":
        if surprise is not None and value is not None and not isinstance(value, dict | list):
            message = (
                f"{label}: YAML read {source} as {surprise}; "
                f'put it in quotes to keep it as text: "{source}"'
            )
        else:
            message = f"{label}: expected text, got {_kind_of(doc, path, value)}"
    elif kind == "literal_error":
        expected = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        message = f"{label}: {_kind_of(doc, path, value)} is not one of {expected}"
    elif kind == "string_pattern_mismatch":
        message = f"{label}: {value!r} is not a valid id; {_SLUG_HINT}"
    elif kind == "string_too_short":
        message = f"{label}: must not be empty"
    elif kind in {"dict_type", "model_type", "model_attributes_type"}:
        message = f"{label}: expected a mapping of keys, got {_kind_of(doc, path, value)}"
        if len(path) == 2 and path[0] == "answers" and value in STATUSES:
            message += f"; write the status as a key: {{status: {value}}}"
    elif kind == "list_type":
        message = f"{label}: expected a list, got {_kind_of(doc, path, value)}"
    elif kind == "bool_type":
        message = f"{label}: expected true or false, got {_kind_of(doc, path, value)}"
    elif kind in {"int_type", "int_from_float", "int_parsing"}:
        message = f"{label}: expected a whole number, got {_kind_of(doc, path, value)}"
    elif kind == "finite_number":
        message = (
            f"{label}: expected a number, not infinity or NaN; got {_kind_of(doc, path, value)}"
        )
    elif kind in {"float_type", "float_parsing"}:
        message = f"{label}: expected a number, got {_kind_of(doc, path, value)}"
        message += _exponent_hint(value)
    elif kind in _BOUNDS:
        message = f"{label}: must be {_BOUNDS[kind]} {_number(ctx)}, got {value!r}"
    elif kind == "too_short":
        message = f"{label}: must not be empty"
    elif kind == "value_error":
        message = f"{label}: {ctx.get('error', error['msg'])}"
    else:  # pragma: no cover - a pydantic error we have not met yet still reads sensibly
        message = f"{label}: {error['msg']}"
    return doc.problem(path, message)


_SLUG_HINT = "use lowercase letters and digits, joined by single '.', '_' or '-'"
_BOUNDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


_EXPONENT = re.compile(r"([-+]?[0-9]+)(\.[0-9]*)?[eE]([-+]?)([0-9]+)")


def _exponent_hint(value: Any) -> str:
    """How to write a number YAML 1.1 read as text because of its exponent (``1e3``)."""
    found = _EXPONENT.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return ""
    whole, fraction, sign, digits = found.groups()
    written = f"{whole}{fraction if fraction and len(fraction) > 1 else '.0'}e{sign or '+'}{digits}"
    return (
        f"; YAML 1.1 reads a number with an exponent as text unless it has a decimal point "
        f"and a signed exponent: write {written}"
    )


def _number(ctx: dict[str, Any]) -> str:
    for key in ("gt", "ge", "lt", "le"):
        if key in ctx:
            value = ctx[key]
            return str(int(value)) if float(value).is_integer() else str(value)
    return ""  # pragma: no cover


def _kind_of(doc: Document, path: tuple[str | int, ...], value: Any) -> str:
    """A value described the way its author wrote it."""
    node = doc.exact(path)
    surprise = describe_scalar(node, value)
    if value is None and (node is None or not node.source):
        return "nothing (an empty value)"
    if surprise is not None and node is not None and node.source != _plain(value):
        return f"{node.source} (YAML read it as {surprise})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    return repr(value)


def _plain(value: Any) -> str:
    """How a value would be written if YAML had read it exactly as typed."""
    return str(value).lower() if isinstance(value, bool) else repr(value)


def _label(model: type[BaseModel], path: Sequence[str | int]) -> str:
    """The field's name as an author would look for it.

    A user's own key (an answer id, a trait name) starts the label afresh, so
    ``answers.<id>.status`` reads ``status``; list positions stay, as in
    ``questions[3].weight``, because the position alone names the item.
    """
    parts: list[str] = []
    for step, is_field in zip(path, _field_steps(model, path), strict=True):
        if is_field:
            parts.append(str(step))
        elif isinstance(step, int):
            parts = [f"{'.'.join(parts)}[{step}]"]
        else:
            parts = []
    if not parts and path:
        return _shown(str(path[-1]))
    return _shown(".".join(parts)) or "document"


def _field_steps(model: type[BaseModel], path: Sequence[str | int]) -> list[bool]:
    """For each step of ``path``, whether it names a model field (not a user's key)."""
    steps: list[bool] = []
    current: Any = model
    for step in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(step))
            steps.append(field is not None)
            current = field.annotation if field is not None else None
        elif typing.get_origin(current) is dict:
            steps.append(False)
            current = typing.get_args(current)[1]
        elif typing.get_origin(current) is list:
            steps.append(False)
            current = typing.get_args(current)[0]
        else:
            steps.append(False)
            current = None
    return steps


def _allowed_keys(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    current: Any = model
    for step in path:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(step))
            current = field.annotation if field is not None else None
        elif typing.get_origin(current) in (dict, list):
            current = typing.get_args(current)[-1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``X | None`` down to the type that shapes the data."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _listing(items: Iterable[str]) -> str:
    return ", ".join(items)


# -- playbook cross-references ----------------------------------------------------


def _playbook_references(doc: Document, playbook: Playbook) -> Iterable[Problem]:
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
                f"{did_you_mean(question.phase, phases)}; phases are {_listing(phases)}",
            )
        if question.team not in teams:
            yield doc.problem(
                ("questions", index, "team"),
                f"team: unknown team {question.team!r}"
                f"{did_you_mean(question.team, teams)}; teams are {_listing(teams)}",
            )
        for trait in question.when:
            if trait not in playbook.traits:
                yield doc.problem(
                    ("questions", index, "when", trait),
                    f"when: unknown trait {trait!r}{did_you_mean(trait, playbook.traits)}; "
                    f"traits are {_listing(playbook.traits) or 'none'}",
                    at_key=True,
                )
    for index, kpi in enumerate(playbook.kpis):
        if kpi.phase not in phases:
            yield doc.problem(
                ("kpis", index, "phase"),
                f"phase: unknown phase {kpi.phase!r}{did_you_mean(kpi.phase, phases)}; "
                f"phases are {_listing(phases)}",
            )
