"""Pydantic's errors in a plan author's words, each located at the value it concerns.

Also the phrases every check shares: a value described as its author wrote it,
a field's label, and the one "did you mean" suggestion.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from journeycheck.errors import Problem
from journeycheck.models import STATUSES
from journeycheck.reading.compose import describe_scalar
from journeycheck.reading.document import Document

#: them (colours, the window title, moving the cursor), so a report must not print them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(char: str) -> str:
    return (
        f"contains the control character U+{ord(char):04X}, which a terminal would act on; "
        "remove it"
    )


def shown(text: str) -> str:
    """``text`` as it can be printed: quoted and escaped if it holds a control character."""
    return repr(text) if CONTROL.search(text) else text


def translate_error(doc: Document, model: type[BaseModel], error: Any) -> Problem:
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        path = loc[:-1]
        message = f"{field_label(model, path)}: {path[-1]!r} is not a valid id; " + _SLUG_HINT
        return doc.problem(path, message, at_key=True)
    path = loc
    label = field_label(model, path)
    if kind == "missing":
        parent = path[:-1]
        where = f"{field_label(model, parent)}: " if parent else ""
        return doc.problem(parent, f"{where}missing required key {path[-1]!r}", at_key=bool(parent))
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        key = str(path[-1])
        hint = did_you_mean(key, allowed)
        return doc.problem(
            path,
            f"unknown key {key!r}{hint}; allowed here: {listing(allowed)}",
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
            message = f"{label}: expected text, got {kind_of(doc, path, value)}"
    elif kind == "literal_error":
        expected = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        message = f"{label}: {kind_of(doc, path, value)} is not one of {expected}"
    elif kind == "string_pattern_mismatch":
        message = f"{label}: {value!r} is not a valid id; {_SLUG_HINT}"
    elif kind == "string_too_short":
        message = f"{label}: must not be empty"
    elif kind in {"dict_type", "model_type", "model_attributes_type"}:
        message = f"{label}: expected a mapping of keys, got {kind_of(doc, path, value)}"
        if len(path) == 2 and path[0] == "answers" and value in STATUSES:
            message += f"; write the status as a key: {{status: {value}}}"
    elif kind == "list_type":
        message = f"{label}: expected a list, got {kind_of(doc, path, value)}"
    elif kind == "bool_type":
        message = f"{label}: expected true or false, got {kind_of(doc, path, value)}"
    elif kind in {"int_type", "int_from_float", "int_parsing"}:
        message = f"{label}: expected a whole number, got {kind_of(doc, path, value)}"
    elif kind == "finite_number":
        message = (
            f"{label}: expected a number, not infinity or NaN; got {kind_of(doc, path, value)}"
        )
    elif kind in {"float_type", "float_parsing"}:
        message = f"{label}: expected a number, got {kind_of(doc, path, value)}"
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


def kind_of(doc: Document, path: tuple[str | int, ...], value: Any) -> str:
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


def field_label(model: type[BaseModel], path: Sequence[str | int]) -> str:
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
        return shown(str(path[-1]))
    return shown(".".join(parts)) or "document"


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


def listing(items: Iterable[str]) -> str:
    return ", ".join(items)
