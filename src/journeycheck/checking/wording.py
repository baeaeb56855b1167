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

from journeycheck.checking.dates import DateError
from journeycheck.errors import Problem
from journeycheck.messages import phrase
from journeycheck.models import STATUSES
from journeycheck.reading.compose import describe_scalar
from journeycheck.reading.document import Document

#: C0 and C1 control characters and DEL, except tab and line feed: a terminal acts on
#: them (colours, the window title, moving the cursor), so a report must not print them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def translate_error(
    doc: Document, model: type[BaseModel], error: Any, budget: Budget | None = None
) -> Problem:
    """One pydantic error as a located problem, in the words of the file's author.

    ``budget`` bounds the "did you mean" searches of all the errors of one file.
    """
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind: str = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if loc and loc[-1] == "[key]":
        path = loc[:-1]
        return doc.problem(
            path, "JC213", at_key=True, field=field_label(model, path), value=path[-1]
        )
    path = loc
    label = field_label(model, path)
    if kind == "missing" and len(path) >= 2 and path[-2:] == ("waiver", "risk_accepted"):
        # A waiver without the risk it accepts: say what is wanted and why (JC840).
        return doc.problem(path[:-1], "JC840", at_key=True, field=field_label(model, path[:-1]))
    if kind == "missing":
        parent = path[:-1]
        return doc.problem(
            parent,
            "JC202",
            at_key=bool(parent),
            parent=field_label(model, parent) if parent else None,
            key=path[-1],
        )
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, path[:-1])
        key = str(path[-1])
        return doc.problem(
            path,
            "JC203",
            at_key=True,
            key=key,
            suggestion=suggestion(key, allowed, budget),
            allowed=listing(allowed),
        )
    written = doc.exact(path)
    surprise = describe_scalar(written, value)
    if kind == "string_type":
        if surprise is not None and value is not None and not isinstance(value, dict | list):
            source = written.source if written is not None else None
            return doc.problem(path, "JC205", field=label, source=source, reading=surprise)
        return doc.problem(path, "JC204", field=label, got=kind_of(doc, path, value))
    if kind == "literal_error":
        expected = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return doc.problem(
            path, "JC201", field=label, got=kind_of(doc, path, value), allowed=expected
        )
    if kind == "string_pattern_mismatch":
        return doc.problem(path, "JC213", field=label, value=value)
    if kind in {"string_too_short", "too_short"}:
        return doc.problem(path, "JC212", field=label)
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        status = value if len(path) == 2 and path[0] == "answers" and value in STATUSES else None
        return doc.problem(path, "JC206", field=label, got=kind_of(doc, path, value), status=status)
    if kind in _SIMPLE:
        return doc.problem(path, _SIMPLE[kind], field=label, got=kind_of(doc, path, value))
    if kind in {"float_type", "float_parsing"}:
        return doc.problem(
            path,
            "JC210",
            field=label,
            got=kind_of(doc, path, value),
            written=_exponent_form(value),
        )
    if kind in _BOUNDS:
        return doc.problem(path, _BOUNDS[kind], field=label, limit=_number(ctx), value=value)
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, DateError):
            code, params = cause.in_plan(label)
            return doc.problem(path, code, **params)
        return doc.problem(path, "JC221", field=label, reason=str(cause or error["msg"]))
    # A pydantic error we have not met yet still reads sensibly.
    return doc.problem(path, "JC221", field=label, reason=error["msg"])  # pragma: no cover


#: Pydantic errors answered "expected X, got Y", by their code here.
_SIMPLE = {
    "list_type": "JC207",
    "bool_type": "JC208",
    "int_type": "JC209",
    "int_from_float": "JC209",
    "int_parsing": "JC209",
    "finite_number": "JC211",
}
_BOUNDS = {
    "greater_than": "JC214",
    "greater_than_equal": "JC215",
    "less_than": "JC216",
    "less_than_equal": "JC217",
}


_EXPONENT = re.compile(r"([-+]?[0-9]+)(\.[0-9]*)?[eE]([-+]?)([0-9]+)")


def _exponent_form(value: Any) -> str | None:
    """How to write a number YAML 1.1 read as text because of its exponent (``1e3``)."""
    found = _EXPONENT.fullmatch(value) if isinstance(value, str) else None
    if found is None:
        return None
    whole, fraction, sign, digits = found.groups()
    return f"{whole}{fraction if fraction and len(fraction) > 1 else '.0'}e{sign or '+'}{digits}"


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
        return phrase("empty-value")
    if surprise is not None and node is not None and node.source != _plain(value):
        return phrase("as-read", source=node.source, reading=surprise)
    if isinstance(value, dict):
        return phrase("a-mapping")
    if isinstance(value, list):
        return phrase("a-list")
    if isinstance(value, bool):
        return phrase("boolean", value=str(value).lower())
    if value is None:
        return phrase("empty-value")
    if isinstance(value, int | float):
        return phrase("number", value=value)
    return repr(value)


def kind_only(value: Any) -> str:
    """What kind of value ``value`` is, without quoting any of it.

    For a whole file that is not what it should be: its text may be anything at
    all (a password file, a token), so a message says what it is, not what it says.
    """
    if isinstance(value, dict):
        return phrase("a-mapping")
    if isinstance(value, list):
        return phrase("a-list")
    if isinstance(value, bool):
        return phrase("a-boolean")
    if isinstance(value, int | float):
        return phrase("a-number")
    if value is None:
        return phrase("nothing")
    return phrase("text")


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
        return str(path[-1])
    # A key with a line break or an escape is written as escapes when the message is rendered.
    return ".".join(parts) or "document"


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


#: Comparisons one file's "did you mean" searches may make in all. A plan with a few
#: typos gets a suggestion for each; a file with 70,000 unknown ids gets them for the
#: first few hundred and the plain message for the rest, instead of minutes of searching.
SUGGESTION_BUDGET = 25_000
#: Words and choices longer than this are not compared: no id is that long, and the
#: comparison's cost grows with the product of the two lengths.
LONGEST_COMPARED = 200


class Budget:
    """What is left of one file's allowance of "did you mean" comparisons."""

    __slots__ = ("left",)

    def __init__(self, comparisons: int = SUGGESTION_BUDGET) -> None:
        self.left = comparisons


def suggestion(word: str, choices: Iterable[str], budget: Budget | None = None) -> str | None:
    """The choice closest to ``word``, for "did you mean": ``None`` when nothing is close.

    The one place that decides what is close enough, for keys, ids and flags alike.
    A search costs one comparison per choice, taken from ``budget`` (one per file
    checked); once the budget cannot pay for a search, no more are made, so the
    problems found first keep their suggestions whatever follows them.
    """
    if len(word) > LONGEST_COMPARED or (budget is not None and budget.left <= 0):
        return None
    options = [choice for choice in choices if len(choice) <= LONGEST_COMPARED]
    if budget is not None:
        if len(options) > budget.left:
            budget.left = 0
            return None
        budget.left -= len(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


def listing(items: Iterable[str]) -> str:
    """``items`` as a list inside a sentence."""
    return ", ".join(items)


def kind_name(kind: str, *, plural: bool = False) -> str:
    """The word for a kind of playbook item (``question``, ``kpi`` …) in the run's language.

    Placed inside messages such as "duplicate {kind} id": a noun on its own, so
    that a translation can put it where its grammar wants it.
    """
    from journeycheck.i18n import pgettext

    if plural:
        words = {
            "phase": pgettext("kinds", "phases"),
            "team": pgettext("kinds", "teams"),
            "question": pgettext("kinds", "questions"),
            "trait": pgettext("kinds", "traits"),
            "kpi": pgettext("kinds", "KPIs"),
        }
    else:
        words = {
            "phase": pgettext("kind", "phase"),
            "team": pgettext("kind", "team"),
            "question": pgettext("kind", "question"),
            "trait": pgettext("kind", "trait"),
            "kpi": pgettext("kind", "KPI"),
        }
    return words[kind]
