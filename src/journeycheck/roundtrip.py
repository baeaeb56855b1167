"""Change the answers in a plan's text and keep everything else as its author wrote it.

``set``, ``review`` and ``import`` edit a user's file. The edit must leave every
comment (the question comments ``init`` writes, the editor modeline), blank
line, key order, quoting style and indentation of the untouched parts exactly
as they were: only the lines of the answers asked for may change.

How, in three steps:

1. **Locate.** PyYAML's parser events (libyaml's when available) give where
   each answer of ``answers:`` starts and ends, in a millisecond or two.
2. **Edit the answer alone.** The lines of one touched answer go through
   ruamel.yaml's round-trip mode, which keeps the comments, quotes and flow or
   block style inside it; the fields are changed on its data and it is written
   out again. Only that slice is parsed, so a 1,500-line plan costs what one
   answer costs.
3. **Keep what ruamel.yaml did not need to change.** ruamel.yaml normalises a
   few things on output (spacing after a colon, a plain scalar folded over
   lines). The slice is dumped before and after the change, and only the
   difference between those two dumps is applied to the original lines (a
   three-way merge), so an untouched line inside a touched answer keeps its
   bytes too.

A new answer is written as ``init`` writes one (its question as comments, then
status, owner, due, evidence and note) and inserted where ``init`` puts it:
after the nearest answer before it in the plan's order. Text that YAML would
read as something else (``yes``, ``2027-03-01``, ``a: b``, ``x #y``, ``*x``) is
written in double quotes, so it reads back exactly as given.

Answers that share values through YAML anchors and aliases are refused rather
than edited: changing one would silently change the others. Callers validate
the edited text as a whole with the located loader before writing it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeycheck.errors import InputError, Problem

#: The fields of an answer, in the order ``init`` writes them and new fields are placed in.
FIELDS = ("status", "owner", "due", "evidence", "note", "waiver")
WAIVER_FIELDS = ("reason", "approver", "expires", "risk_accepted")

#: A field's new value: text, a date, a number (a KPI's), or a waiver's fields.
Value = str | dt.date | int | float | Mapping[str, "str | dt.date"]
#: The fields of a plan's KPI, in the order ``set --kpi`` writes them.
KPI_FIELDS = ("baseline", "target", "actual", "measured", "note")


@dataclass(frozen=True)
class AnswerEdit:
    """What to change in one answer: fields to set and fields to remove."""

    question: str
    values: Mapping[str, Value] = field(default_factory=dict)
    clear: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NewAnswer:
    """How ``init`` would write an answer the plan does not have yet."""

    #: The question's comment lines, indented for the answer's key (may be empty).
    comment: str
    #: The due date ``init`` writes (launch + the question's offset), if any.
    due: dt.date | None
    #: The comment line ``init`` heads the question's team with, in its phase (may be empty).
    header: str = ""


#: Gives, for a question id and the column answers start at, how ``init`` writes it.
NewAnswerFor = Callable[[str, int], NewAnswer]


class _Unreadable(Exception):
    """ruamel.yaml could not read an answer's lines on their own."""


def apply_edits(
    text: str,
    edits: Sequence[AnswerEdit],
    *,
    name: str,
    order: Sequence[tuple[str, str]],
    new_answer: NewAnswerFor,
) -> str:
    """``text`` with ``edits`` applied; every line no edit concerns is kept as it was.

    ``order`` is every question of the plan as (id, group) in the order ``init``
    writes them, the group being its phase and team: a new answer goes after
    the nearest answer before it that the plan has, or before the nearest one
    after it when that one is of its own group and the one before is not.
    """
    if not edits:
        return text
    layout = _locate(text, name)
    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    lines = text.splitlines(keepends=True)
    problems: list[Problem] = []
    # Replacements by original line range; new answers by the line they go before.
    replaced: dict[int, tuple[int, list[str]]] = {}
    inserted: dict[int, list[str]] = {}
    layout_columns = layout.columns()
    for edit in edits:
        span = layout.answers.get(edit.question)
        if span is None:
            at, block = _insertion(layout, lines, edit, order, new_answer, layout_columns)
            inserted.setdefault(at, []).extend(block)
            continue
        if span.shared(layout.aliases):
            problems.append(
                Problem(name, span.key_line + 1, span.key_col + 1, "JC600", question=edit.question)
            )
            continue
        if not span.is_mapping:
            problems.append(
                Problem(name, span.key_line + 1, span.key_col + 1, "JC602", question=edit.question)
            )
            continue
        original = lines[span.key_line : span.end_line + 1]
        try:
            block_lines = _edit_slice(original, span, edit, newline)
        except _Unreadable as exc:
            problems.append(
                Problem(
                    name,
                    span.key_line + 1,
                    span.key_col + 1,
                    "JC603",
                    question=edit.question,
                    reason=str(exc),
                )
            )
            continue
        replaced[span.key_line] = (span.end_line + 1, block_lines)
    if problems:
        raise InputError(problems)
    if layout.flow_answers and inserted:
        where = (layout.answers_line or 0) + 1
        raise InputError([Problem(name, where, layout.answers_col + 1, "JC601")])
    if layout.empty_answers is not None and inserted:
        # answers: {} becomes answers: with the new ones below it.
        opened = lines[layout.empty_answers]
        lines[layout.empty_answers] = re.sub(r"(answers\s*:)\s*\{\s*\}", r"\1", opened, count=1)
    out: list[str] = []
    index = 0
    while index <= len(lines):
        if index in inserted:
            if out and not out[-1].endswith("\n"):
                out[-1] += newline
            if layout.answers_line is None:
                out.append("answers:" + newline)
            out.extend(_with_newline(block, newline) for block in inserted[index])
        if index == len(lines):
            break
        if index in replaced:
            end, block_lines = replaced[index]
            out.extend(block_lines)
            index = end
            continue
        out.append(lines[index])
        index += 1
    return "".join(out)


def _with_newline(block: str, newline: str) -> str:
    return block.replace("\n", newline)


# -- renaming, commenting out, and top-level values (journeycheck upgrade) --------------


@dataclass(frozen=True)
class AnswerPlace:
    """Where one answer is written (0-based lines and column): from its key to its last line."""

    key_line: int
    key_col: int
    end_line: int


def answer_places(text: str, name: str) -> dict[str, AnswerPlace]:
    """Where each answer of the plan ``text`` is written, by question id."""
    layout = _locate(text, name)
    return {
        question: AnswerPlace(span.key_line, span.key_col, span.end_line)
        for question, span in layout.answers.items()
    }


def rename_key(line: str, column: int, new: str) -> str:
    """``line`` with the mapping key that starts at ``column`` replaced by ``new``.

    The key is an id: plain, or in single or double quotes; ``new`` is written
    as init writes ids. The rest of the line (the value, a comment) is kept.
    """
    from journeycheck.scaffold import yaml_scalar

    quote = line[column : column + 1]
    if quote in ("'", '"'):
        end = line.index(quote, column + 1) + 1
    else:
        end = column
        while end < len(line) and line[end] != ":":
            end += 1
        while end > column and line[end - 1] == " ":
            end -= 1
    return line[:column] + yaml_scalar(new) + line[end:]


def commented_out(lines: Sequence[str], column: int) -> list[str]:
    """``lines`` made comments: ``# `` inserted at ``column`` (or at a line's own indentation
    when it is less); blank lines stay blank."""
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        at = min(column, len(line) - len(line.lstrip(" ")))
        out.append(line[:at] + "# " + line[at:])
    return out


@dataclass(frozen=True)
class ScalarPlace:
    """Where a top-level key's plain one-line value is written (0-based), end exclusive."""

    line: int
    start: int
    end: int


def top_level_value(text: str, name: str, key: str) -> ScalarPlace | None:
    """Where the value of ``key`` in the plan's top-level mapping is, if it is one scalar
    on one line; ``None`` when the key is missing or its value is anything else."""
    import yaml

    events = _parsed(text)
    position = None if events is None else _top_level_value(events, key)
    if events is None or position is None:
        return None
    value: Any = events[position]
    if not isinstance(value, yaml.ScalarEvent):
        return None
    start: Any = value.start_mark
    end: Any = value.end_mark
    if start.line != end.line:
        return None
    return ScalarPlace(int(start.line), int(start.column), int(end.column))


def _parsed(text: str) -> list[Any] | None:
    """The parser's events of ``text``, or ``None`` if it is not YAML: the caller validated
    the text, so there is nothing to locate then."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    loader = loader_class(text)
    try:
        return _events(loader)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _top_level_value(events: list[Any], key: str) -> int | None:
    """Where the node of top-level ``key``'s value starts among ``events``, if it is there."""
    import yaml

    position = next(
        (n for n, event in enumerate(events) if isinstance(event, yaml.MappingStartEvent)), None
    )
    if position is None:
        return None
    position += 1
    while not isinstance(events[position], yaml.MappingEndEvent):
        found: Any = events[position]
        if isinstance(found, yaml.ScalarEvent) and found.value == key:
            return position + 1
        position, _ = _skip(events, position + 1)
    return None


@dataclass(frozen=True)
class ItemPlace:
    """Where one scalar of a list is written: its line, and its columns (0-based, the end
    exclusive, quotes included)."""

    line: int
    start: int
    end: int
    value: str


@dataclass(frozen=True)
class ListPlace:
    """Where a list of scalars is written, under its key (0-based lines and columns)."""

    key_line: int
    #: The column just after the key (its colon is at or after it).
    key_end: int
    #: ``[a, b]``: then ``start`` is its ``[`` and ``end`` just after its ``]``.
    flow: bool
    start: tuple[int, int]
    end: tuple[int, int]
    items: tuple[ItemPlace, ...]


def account_lists(text: str, name: str, key: str = "blocked_by") -> dict[int, ListPlace]:
    """Where each account's ``key`` list is written, by the account's index in ``accounts``.

    An account whose list holds anything but plain or quoted scalars (an alias, a
    mapping) is left out, as is one whose ``key`` is not a list.
    """
    import yaml

    events = _parsed(text)
    position = None if events is None else _top_level_value(events, "accounts")
    places: dict[int, ListPlace] = {}
    if events is None or position is None:
        return places
    if not isinstance(events[position], yaml.SequenceStartEvent):
        return places
    position += 1
    index = 0
    while not isinstance(events[position], yaml.SequenceEndEvent):
        end, _ = _skip(events, position)
        if isinstance(events[position], yaml.MappingStartEvent):
            place = _list_in(events[position + 1 : end - 1], key)
            if place is not None:
                places[index] = place
        index += 1
        position = end
    return places


def _list_in(events: list[Any], key: str) -> ListPlace | None:
    """The place of ``key``'s list among one mapping's events (its pairs, in order)."""
    import yaml

    position = 0
    while position < len(events):
        found: Any = events[position]
        if isinstance(found, yaml.ScalarEvent) and found.value == key:
            start: Any = events[position + 1]
            if not isinstance(start, yaml.SequenceStartEvent):
                return None
            items = []
            inner = position + 2
            while not isinstance(events[inner], yaml.SequenceEndEvent):
                item: Any = events[inner]
                if not isinstance(item, yaml.ScalarEvent) or item.anchor is not None:
                    return None
                first: Any = item.start_mark
                last: Any = item.end_mark
                if first.line != last.line:
                    return None
                items.append(ItemPlace(first.line, first.column, last.column, item.value))
                inner += 1
            key_end: Any = found.end_mark
            opening: Any = start.start_mark
            closing: Any = events[inner].end_mark
            return ListPlace(
                key_line=key_end.line,
                key_end=key_end.column,
                flow=bool(start.flow_style),
                start=(opening.line, opening.column),
                end=(closing.line, closing.column),
                items=tuple(items),
            )
        position, _ = _skip(events, position + 1)
    return None


# -- where things are ----------------------------------------------------------------


@dataclass
class _Span:
    """Where one answer is written: its key's line and column, and its value's last line."""

    key_line: int
    key_col: int
    end_line: int
    #: The column the answer's fields start at, when written one per line below the key.
    field_col: int | None = None
    is_mapping: bool = True
    anchors: set[str] = field(default_factory=set)
    has_alias: bool = False

    def shared(self, aliases: set[str]) -> bool:
        return self.has_alias or bool(self.anchors & aliases)


@dataclass
class _Layout:
    answers: dict[str, _Span] = field(default_factory=dict)
    #: Where the ``answers`` key is (``None``: the plan has no answers key).
    answers_line: int | None = None
    answers_col: int = 0
    #: ``answers: {}`` (or ``answers:`` with nothing): the line it is on.
    empty_answers: int | None = None
    flow_answers: bool = False
    aliases: set[str] = field(default_factory=set)

    def columns(self) -> tuple[int, int]:
        """Column of answer keys and indentation of their fields, as the plan writes them."""
        for span in self.answers.values():
            if span.field_col is not None:
                return span.key_col, span.field_col - span.key_col
        key_col = next((span.key_col for span in self.answers.values()), self.answers_col + 2)
        return key_col, 2


def _locate(text: str, name: str, section: str = "answers") -> _Layout:
    """Where ``answers`` (or another top-level mapping of mappings, ``section``) and each
    of its entries are, from the parser's events."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    loader = loader_class(text)
    try:
        events = _events(loader)
        return _layout_of(events, section)
    except yaml.YAMLError as exc:  # the caller validated the text; this is a safety net
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        column = None if mark is None else mark.column + 1
        problem = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise InputError(
            [Problem(name, line, column, "JC101", problem=problem, context=None)]
        ) from None
    finally:
        loader.dispose()


def _events(loader: Any) -> list[Any]:
    events = []
    while True:
        event = loader.get_event()
        events.append(event)
        if event.__class__.__name__ == "StreamEndEvent":
            return events


def _layout_of(events: list[Any], section: str = "answers") -> _Layout:
    import yaml

    layout = _Layout()
    layout.aliases = {str(e.anchor) for e in events if isinstance(e, yaml.AliasEvent)}
    position = 0
    while not isinstance(events[position], yaml.MappingStartEvent):
        position += 1
        if isinstance(events[position], yaml.StreamEndEvent):
            return layout
    position += 1
    while not isinstance(events[position], yaml.MappingEndEvent):
        key: Any = events[position]
        position += 1
        if isinstance(key, yaml.ScalarEvent) and key.value == section:
            mark: Any = key.start_mark
            layout.answers_line, layout.answers_col = mark.line, mark.column
            position = _answers(events, position, layout)
        else:
            position, _ = _skip(events, position)
    return layout


def _answers(events: list[Any], position: int, layout: _Layout) -> int:
    import yaml

    start = events[position]
    if not isinstance(start, yaml.MappingStartEvent):  # not valid in a plan; left alone
        return _skip(events, position)[0]
    if isinstance(events[position + 1], yaml.MappingEndEvent):
        layout.empty_answers = layout.answers_line
        return position + 2
    layout.flow_answers = bool(start.flow_style)
    position += 1
    while not isinstance(events[position], yaml.MappingEndEvent):
        key = events[position]
        value = events[position + 1]
        end, last = _skip(events, position + 1)
        span = _Span(key.start_mark.line, key.start_mark.column, _last_line(last))
        span.is_mapping = isinstance(value, yaml.MappingStartEvent)
        if span.is_mapping and not value.flow_style and position + 2 < end:
            span.field_col = events[position + 2].start_mark.column
        for inner in events[position:end]:
            anchor = getattr(inner, "anchor", None)
            if isinstance(inner, yaml.AliasEvent):
                span.has_alias = True
            elif anchor is not None:
                span.anchors.add(anchor)
        if isinstance(key, yaml.ScalarEvent):
            layout.answers[key.value] = span
        position = end
    return position + 1


def _last_line(event: Any) -> int:
    """The last line a node's text is on, from the event that ends it.

    A block scalar (``|`` or ``>``) ends where the next thing begins, at the
    start of a later line; its text ends on the line before.
    """
    mark = event.end_mark
    if getattr(event, "style", None) in ("|", ">") and mark.line > event.start_mark.line:
        return int(mark.line) - 1
    return int(mark.line)


def _skip(events: list[Any], position: int) -> tuple[int, Any]:
    """The position after the node starting at ``position``, and the event that ends it.

    A block mapping or list ends where its last value ends; a flow one at its
    closing bracket.
    """
    import yaml

    event = events[position]
    if not isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
        return position + 1, event
    flow = bool(event.flow_style)
    position += 1
    last = event
    while not isinstance(events[position], yaml.MappingEndEvent | yaml.SequenceEndEvent):
        position, last = _skip(events, position)
    return position + 1, (events[position] if flow else last)


# -- editing one answer ----------------------------------------------------------------


def _edit_slice(
    original: list[str],
    span: _Span,
    edit: AnswerEdit,
    newline: str,
    order: Sequence[str] = FIELDS,
) -> list[str]:
    """The lines of one answer after ``edit``, untouched lines kept byte for byte."""
    from ruamel.yaml import YAML

    indent = span.key_col
    plain = [_dedented(line.rstrip("\r\n"), indent) for line in original]
    source = "\n".join(plain) + "\n"
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1 << 30
    step = (span.field_col - span.key_col) if span.field_col is not None else 2
    yaml.indent(mapping=max(step, 1), sequence=max(step, 1) + 2, offset=max(step, 1))
    from ruamel.yaml.error import YAMLError

    try:
        data = yaml.load(source)
    except YAMLError as exc:
        raise _Unreadable(" ".join(str(getattr(exc, "problem", None) or exc).split())) from None
    baseline = _dump(yaml, data)
    (answer,) = data.values()
    _change(answer, edit, order)
    edited = _dump(yaml, data)
    merged = merge3(plain, baseline, edited)
    return [(" " * indent + line if line else line) + newline for line in merged]


def _dedented(line: str, indent: int) -> str:
    if line[:indent].strip() == "":
        return line[indent:]
    return line.lstrip(" ")


def _dump(yaml: Any, data: Any) -> list[str]:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue().splitlines()


def _change(answer: Any, edit: AnswerEdit, order: Sequence[str] = FIELDS) -> None:
    """Set and clear fields on a ruamel.yaml mapping, keeping the order ``init`` uses."""
    flow = bool(answer.fa.flow_style())
    for name in edit.clear:
        if name in answer:
            del answer[name]
    for name, value in edit.values.items():
        if name == "waiver" and isinstance(value, Mapping):
            _set_waiver(answer, value, flow)
        else:
            _put(answer, name, _node(value, flow), order)


def _set_waiver(answer: Any, values: Mapping[str, str | dt.date], flow: bool) -> None:
    from ruamel.yaml.comments import CommentedMap

    current = answer.get("waiver")
    if isinstance(current, CommentedMap):
        inner_flow = flow or bool(current.fa.flow_style())
        for name in [key for key in current if key not in values]:
            del current[name]
        for name, value in values.items():
            _put(current, name, _node(value, inner_flow), WAIVER_FIELDS)
        return
    waiver = CommentedMap()
    for name in WAIVER_FIELDS:
        if name in values:
            waiver[name] = _node(values[name], flow=True)
    waiver.fa.set_flow_style()
    _put(answer, "waiver", waiver, FIELDS)


def _put(mapping: Any, name: str, value: Any, order: Sequence[str]) -> None:
    if name in mapping:
        mapping[name] = value
        return
    rank = order.index(name) if name in order else len(order)
    position = 0
    for index, key in enumerate(mapping):
        if key in order and order.index(key) < rank:
            position = index + 1
    mapping.insert(position, name, value)


def _node(value: str | float | dt.date | Mapping[str, str | dt.date], flow: bool) -> Any:
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dt.date | int | float):
        return value
    assert isinstance(value, str)
    if is_plain_safe(value, flow=flow):
        return value
    return DoubleQuotedScalarString(value)


# -- scalars ----------------------------------------------------------------------------

#: The first character of a plain scalar may not be one of YAML's indicators.
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_FLOW_INDICATORS = frozenset(",[]{}")
_SAFE_CHARS = re.compile(r"[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def is_plain_safe(text: str, *, flow: bool = False) -> bool:
    """Whether ``text`` written without quotes reads back, by YAML 1.1 rules, as that text.

    Quoted are: empty text, surrounding spaces, line breaks and characters YAML
    does not keep; a leading indicator (``-``, ``*``, ``&``, ``!``, ``%``, ``@``,
    a backtick, a quote ...); ``: `` or `` #`` inside or ``:`` at the end; in a
    flow mapping, commas, brackets and any colon; and every word YAML 1.1 reads as a
    boolean, null, number or date (``yes``, ``off``, ``~``, ``1e3``, ``0x1f``,
    ``1:30``, ``2027-03-01``).
    """
    if not text or text != text.strip() or not _SAFE_CHARS.fullmatch(text):
        return False
    if not _PLAIN_START.match(text[0]) or "\ufeff" in text:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    if flow and any(char in _FLOW_INDICATORS or char == ":" for char in text):
        return False  # PyYAML reads no ':' inside a plain scalar of a flow mapping
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        return False
    return _reads_as_text(text)


#: What YAML 1.2 (other tools, spreadsheets' YAML plug-ins) reads as a number, beyond YAML 1.1.
_YAML12_NUMBER = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)


def _reads_as_text(text: str) -> bool:
    from yaml.resolver import Resolver

    if _YAML12_NUMBER.fullmatch(text):
        return False
    implicit = Resolver.yaml_implicit_resolvers
    for tag, pattern in [*implicit.get(text[0], []), *implicit.get(None, [])]:
        if pattern.match(text):
            return bool(tag == "tag:yaml.org,2002:str")
    return True


def scalar_text(value: str | dt.date, *, flow: bool = False) -> str:
    """``value`` as YAML text that reads back as exactly ``value``."""
    from journeycheck.scaffold import double_quoted

    if isinstance(value, dt.date):
        return value.isoformat()
    if is_plain_safe(value, flow=flow):
        return value
    return double_quoted(value)


# -- new answers --------------------------------------------------------------------------


def _insertion(
    layout: _Layout,
    lines: list[str],
    edit: AnswerEdit,
    order: Sequence[tuple[str, str]],
    new_answer: NewAnswerFor,
    columns: tuple[int, int],
) -> tuple[int, list[str]]:
    """Where a new answer goes (the line it is inserted before) and its text."""
    key_col, step = columns
    made = new_answer(edit.question, key_col)
    ids = [question for question, _ in order]
    groups = dict(order)
    position = ids.index(edit.question) if edit.question in groups else len(ids)
    group = groups.get(edit.question)
    before = [q for q in ids[:position] if q in layout.answers]
    after = [q for q in ids[position + 1 :] if q in layout.answers]
    commented = bool(made.comment) and _commented(layout, lines)
    block = _answer_text(edit, made, key_col, step, commented)
    first_of_group = bool(after) and groups[after[0]] == group
    alone = not first_of_group and not (before and groups[before[-1]] == group)
    if commented and alone and made.header:
        # The only answer of its team in this phase: under the team's heading, as init puts it.
        low = layout.answers[before[-1]].end_line + 1 if before else (layout.answers_line or 0)
        high = layout.answers[after[0]].key_line if after else len(lines)
        heading = next(
            (i for i in range(low, high) if lines[i].strip() == made.header.strip()), None
        )
        if heading is not None:
            return heading + 1, ["\n" + block]
        block = made.header + "\n\n" + block
    if before and not (first_of_group and groups[before[-1]] != group):
        at = layout.answers[before[-1]].end_line + 1
        return at, [("\n" if commented else "") + block]
    if after:
        at = layout.answers[after[0]].key_line
        while at > 0 and lines[at - 1].lstrip().startswith("#"):
            at -= 1
        return at, [block + ("\n" if commented else "")]
    if layout.empty_answers is not None:
        return layout.empty_answers + 1, [block]
    return len(lines), [block]


def _commented(layout: _Layout, lines: list[str]) -> bool:
    """Whether the plan's answers have their question written as comments above them."""
    for span in layout.answers.values():
        return span.key_line > 0 and lines[span.key_line - 1].lstrip().startswith("#")
    return True


def _answer_text(
    edit: AnswerEdit, made: NewAnswer, key_col: int, step: int, commented: bool
) -> str:
    from journeycheck.scaffold import yaml_scalar

    values: dict[str, Any] = {
        "status": "not-started",
        "owner": None,
        "due": made.due,
        "evidence": None,
        "note": None,
    }
    values.update(edit.values)
    for name in edit.clear:
        values.pop(name, None)
    indent = " " * (key_col + step)
    text = (made.comment + "\n") if commented and made.comment else ""
    text += " " * key_col + yaml_scalar(edit.question) + ":\n"
    for name in FIELDS:
        if name not in values:
            continue
        value = values[name]
        if value is None:
            text += f"{indent}{name}:\n"
        elif isinstance(value, Mapping):
            inner = ", ".join(
                f"{key}: {scalar_text(value[key], flow=True)}"
                for key in WAIVER_FIELDS
                if key in value
            )
            text += f"{indent}{name}: {{{inner}}}\n"
        else:
            text += f"{indent}{name}: {scalar_text(value)}\n"
    return text


# -- three-way merge --------------------------------------------------------------------------


def unified_diff(old: str, new: str, name: str, *, context: int = 3) -> str:
    """The change from ``old`` to ``new`` (the text of the file ``name``) as a unified diff.

    As :func:`difflib.unified_diff` writes one, with the lines matched without its
    heuristic for long files, which treats a line found in more than one line in a
    hundred (``owner:``, ``note:`` in a plan) as noise: such a line between two changed
    ones was shown removed and added again, unchanged, in every ``--dry-run``. A last
    line without a line end is followed by ``\\ No newline at end of file``.
    """
    before, after = _lines_of(old), _lines_of(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- {name}\n", f"+++ {name}\n"]
        first, last = group[0], group[-1]
        old_range = _hunk_range(first[1], last[2])
        new_range = _hunk_range(first[3], last[4])
        out.append(f"@@ -{old_range} +{new_range} @@\n")
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                out += [_diff_line(" ", line) for line in before[old_start:old_end]]
                continue
            out += [_diff_line("-", line) for line in before[old_start:old_end]]
            out += [_diff_line("+", line) for line in after[new_start:new_end]]
    return "".join(out)


def _lines_of(text: str) -> list[str]:
    # Lines end at a line feed only: str.splitlines also ends one at U+2028, a form feed
    # or a record separator, which a YAML value may hold and a diff must not split.
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _diff_line(mark: str, line: str) -> str:
    # A last line without a line end is marked as diff and git mark it, not run into
    # the next line of the diff.
    if line.endswith("\n"):
        return mark + line
    return f"{mark}{line}\n\\ No newline at end of file\n"


def _hunk_range(start: int, end: int) -> str:
    """A hunk's lines in a unified diff's header: ``first,count``, 1-based, as diff writes it."""
    count = end - start
    if count == 1:
        return str(start + 1)
    # An empty range names the line before it (0 before the first line).
    return f"{start if count == 0 else start + 1},{count}"


def merge3(original: list[str], baseline: list[str], edited: list[str]) -> list[str]:
    """``original`` with the change from ``baseline`` to ``edited`` applied (diff3).

    ``baseline`` is ``original`` as ruamel.yaml writes it back unchanged;
    ``edited`` is the same after the change. Lines all three agree on anchor
    the merge. Between two anchors, a stretch only the edit changed takes the
    edited lines; a stretch only the normalisation changed keeps the original
    lines; a stretch both changed takes the edited lines, since the edit is
    what was asked for.
    """
    to_original = _matches(baseline, original)
    to_edited = _matches(baseline, edited)
    out: list[str] = []
    o = b = e = 0
    while True:
        k = b
        while k < len(baseline) and not (
            k in to_original and k in to_edited and to_original[k] >= o and to_edited[k] >= e
        ):
            k += 1
        if k == len(baseline):
            out.extend(_resolve(original[o:], baseline[b:], edited[e:]))
            return out
        out.extend(_resolve(original[o : to_original[k]], baseline[b:k], edited[e : to_edited[k]]))
        out.append(original[to_original[k]])
        o, b, e = to_original[k] + 1, k + 1, to_edited[k] + 1


def _matches(first: list[str], second: list[str]) -> dict[int, int]:
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    found: dict[int, int] = {}
    for tag, a1, a2, b1, _ in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(a2 - a1):
                found[a1 + offset] = b1 + offset
    return found


def _resolve(original: list[str], baseline: list[str], edited: list[str]) -> list[str]:
    if edited == baseline:
        return original
    if original == baseline:
        return edited
    matcher = difflib.SequenceMatcher(None, baseline, edited, autojunk=False)
    opcodes = matcher.get_opcodes()
    if len(original) != len(baseline):
        # Lines were joined or split by the normalisation: keep them if the edit only
        # added lines around them.
        inner = [op for op in opcodes if op[0] != "equal"]
        if all(tag == "insert" and b1 in (0, len(baseline)) for tag, b1, _, _, _ in inner):
            head = [edited[e1:e2] for _, b1, _, e1, e2 in inner if b1 == 0 and baseline]
            tail = [edited[e1:e2] for _, b1, _, e1, e2 in inner if b1 == len(baseline)]
            return [*(line for part in head for line in part), *original] + [
                line for part in tail for line in part
            ]
        return edited
    # Both changed, line for line (spacing normalised): keep each line the edit left alone.
    out: list[str] = []
    for tag, b1, b2, e1, e2 in opcodes:
        out.extend(original[b1:b2] if tag == "equal" else edited[e1:e2])
    return out


# -- a plan's KPIs (set --kpi) ----------------------------------------------------------


def apply_kpi_edit(text: str, edit: AnswerEdit, *, name: str, order: Sequence[str]) -> str:
    """``text`` with the KPI ``edit.question`` of ``kpis:`` changed; every other line kept.

    ``order`` is the playbook's KPI ids: a KPI the plan does not have yet goes after
    the nearest one before it there, and a plan without ``kpis:`` gets the section
    just before ``answers:`` (or at its end). ``kpis:`` written as a flow mapping, or
    sharing values through anchors and aliases, is refused (``JC861``).
    """
    layout = _locate(text, name, "kpis")
    newline = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    where = (layout.answers_line or 0) + 1
    column = layout.answers_col + 1
    if layout.flow_answers:
        raise InputError([Problem(name, where, column, "JC861", reason="a flow mapping")])
    span = layout.answers.get(edit.question)
    if span is not None:
        if span.shared(layout.aliases) or not span.is_mapping:
            reason = "anchors or aliases" if span.is_mapping else "a value that is not a mapping"
            raise InputError([Problem(name, where, column, "JC861", reason=reason)])
        original = lines[span.key_line : span.end_line + 1]
        try:
            block = _edit_slice(original, span, edit, newline, KPI_FIELDS)
        except _Unreadable as exc:
            raise InputError([Problem(name, where, column, "JC861", reason=str(exc))]) from None
        return "".join(lines[: span.key_line] + block + lines[span.end_line + 1 :])
    key_col, step = layout.columns()
    if layout.answers_line is None:
        key_col, step = 2, 2
    entry = _kpi_text(edit, key_col, step, newline)
    if layout.answers_line is None:
        at = _before_answers(text, name, lines)
        section = ["kpis:" + newline, *entry]
        if at < len(lines):
            section.append(newline)
        elif lines and lines[-1].strip():
            section.insert(0, newline)
        return "".join(lines[:at] + section + lines[at:])
    if layout.empty_answers is not None:
        opened = lines[layout.empty_answers]
        lines[layout.empty_answers] = re.sub(r"(kpis\s*:)\s*(\{\s*\})?", r"\1", opened, count=1)
        at = layout.empty_answers + 1
        return "".join(lines[:at] + entry + lines[at:])
    if not layout.answers:  # "kpis:" with something else after it; the plan was invalid
        raise InputError([Problem(name, where, column, "JC861", reason="not a mapping")])
    position = order.index(edit.question) if edit.question in order else len(order)
    before = [kpi for kpi in order[:position] if kpi in layout.answers]
    if before:
        at = layout.answers[before[-1]].end_line + 1
    else:
        at = min(found.key_line for found in layout.answers.values())
    return "".join(lines[:at] + entry + lines[at:])


def _kpi_text(edit: AnswerEdit, key_col: int, step: int, newline: str) -> list[str]:
    from journeycheck.scaffold import yaml_scalar

    out = [" " * key_col + yaml_scalar(edit.question) + ":" + newline]
    for name in KPI_FIELDS:
        if name in edit.values:
            value = edit.values[name]
            assert not isinstance(value, Mapping)
            shown = value if isinstance(value, int | float) else scalar_text(value)
            out.append(" " * (key_col + step) + f"{name}: {shown}" + newline)
    return out


def _before_answers(text: str, name: str, lines: list[str]) -> int:
    """The line a new top-level section goes before: ``answers:``, with the comment lines
    right above it; the end of the file when there is no ``answers:``."""
    layout = _locate(text, name)
    if layout.answers_line is None or layout.answers_col != 0:
        return len(lines)
    at = layout.answers_line
    while at > 0 and lines[at - 1].lstrip().startswith("#"):
        at -= 1
    return at
