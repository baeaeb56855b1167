"""Check a plan's or a playbook's shape with its pydantic model, every problem located.

The format version and control characters are checked here too, before and
beside pydantic, since they need the file's own words to be explained.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from journeycheck.checking.references import playbook_references
from journeycheck.checking.wording import (
    CONTROL,
    Budget,
    field_label,
    kind_only,
    listing,
    translate_error,
)
from journeycheck.errors import InputError, Problem
from journeycheck.models import FORMAT_VERSION, Extension, Plan, Playbook
from journeycheck.reading.document import Document

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
            raise InputError([doc.problem((), "JC229", keys=listing(found))])
        if "journeycheck" not in data:
            # A plan may name any file as its playbook; one that is plainly something
            # else (a .env file, a token file, a CI configuration) is said to be so, and
            # none of its keys or values is quoted.
            raise InputError([doc.problem((), "JC230")])
    if isinstance(data, dict):
        only_extending = [key for key in _EXTENDING_ONLY_KEYS if key in data]
        if only_extending:
            raise InputError(
                [doc.problem((key,), "JC764", at_key=True, key=key) for key in only_extending]
            )
    playbook = _validate(doc, Playbook, "JC223")
    problems = list(playbook_references(doc, playbook))
    if problems:
        raise InputError(problems)
    return playbook


#: Keys that only make sense in a playbook that ``extends`` another.
_EXTENDING_ONLY_KEYS = ("remove", "override")


def validate_extension(doc: Document) -> Extension:
    """The shape of a playbook that ``extends`` another (see :mod:`journeycheck.extending`)."""
    return _validate(doc, Extension, "JC223")


def validate_plan(doc: Document) -> Plan:
    """A :class:`Plan` from ``doc`` (its shape only; see :func:`check_plan`)."""
    return _validate(doc, Plan, "JC222")


def _validate(doc: Document, model: type[ModelT], not_a_mapping: str) -> ModelT:
    """``doc`` validated as ``model``; ``not_a_mapping`` is the code for a top level that is
    not a mapping of keys."""
    data = doc.data
    if not isinstance(data, dict):
        # The file's whole text may be a secret: say what kind of thing it is, not what it says.
        raise InputError([doc.problem((), not_a_mapping, got=kind_only(data))])
    problems = []
    version_problem = _format_version_problem(doc, data)
    if version_problem is not None:
        if version_problem.code == "JC226":  # another format: nothing else can be judged
            raise InputError([version_problem])
        # Missing or quoted, it is plainly version 1: the rest is checked as such.
        problems.append(version_problem)
        data = {**data, "journeycheck": FORMAT_VERSION}
    # Walking every value costs as much as validating it: only done when it can find something.
    if doc.has_escapes:
        problems += _control_characters(doc, model)
    try:
        validated = model.model_validate(data)
    except ValidationError as exc:
        budget = Budget()
        problems += [
            translate_error(doc, model, error, budget) for error in exc.errors(include_url=False)
        ]
    if problems:
        raise InputError(problems)
    return validated


def _control_characters(doc: Document, model: type[BaseModel]) -> list[Problem]:
    """A problem for each key or text in ``doc`` that holds a control character."""
    problems = []
    pending: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                found = CONTROL.search(key)
                if found is not None:
                    problems.append(
                        doc.problem(
                            (*path, key), "JC227", at_key=True, key=key, codepoint=ord(found[0])
                        )
                    )
                pending.append(((*path, key), item))
        elif isinstance(value, list):
            pending.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            found = CONTROL.search(value)
            if found is not None:
                label = field_label(model, path)
                problems.append(doc.problem(path, "JC228", field=label, codepoint=ord(found[0])))
    return problems


def _format_version_problem(doc: Document, data: dict[str, Any]) -> Problem | None:
    if "journeycheck" not in data:
        return doc.problem((), "JC224", version=FORMAT_VERSION)
    version = data["journeycheck"]
    if type(version) is int and version == FORMAT_VERSION:
        return None
    if isinstance(version, str) and version.strip() == str(FORMAT_VERSION):
        return doc.problem(("journeycheck",), "JC225", version=FORMAT_VERSION, written=version)
    return doc.problem(("journeycheck",), "JC226", version=FORMAT_VERSION, written=version)
