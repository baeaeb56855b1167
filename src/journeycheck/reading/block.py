"""Read the plain block YAML most plans are written in, without the parser's events.

A plan written by ``init`` or by hand is block mappings and lists, one value per
line: keys, plain or quoted text on one line, comments and blank lines. Building
it from libyaml's events took about twice as long as libyaml producing them
(docs/performance.md), and a portfolio reads thousands of such files.

:func:`read_block` reads exactly that shape and gives the :class:`Document` the
event loop of :mod:`journeycheck.reading.compose` would give, with libyaml's
marks. Anything else (a flow collection with content, a value over several
lines, an anchor, a tag, a tab, a key YAML reads as something other than text, a
duplicate key, a syntax error) makes it return ``None``, and the file is read the
full way: every refusal and every message comes from there.
"""

from __future__ import annotations

from typing import Any

from journeycheck.reading.compose import scalar_reading
from journeycheck.reading.document import Document, Places

#: What may not start a plain scalar read here (YAML's indicators, and '-' and '?', which
#: only sometimes are).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Where a value starts, 0-based, as libyaml's marks say it: (line, column).
Mark = tuple[int, int]
#: Longer keys are left to libyaml, which has a limit of its own on them.
_LONGEST_KEY = 200


class _NotSimple(Exception):
    """The text is not in the shape read here."""


def read_block(text: str, name: str, depth_limit: int) -> Document | None:
    """The document in ``text`` if it is plain block YAML, else ``None`` (read it the full way)."""
    lines = _lines(text)
    if lines is None:
        return None
    try:
        return _read(text, lines, name, depth_limit)
    except _NotSimple:
        return None


def _lines(text: str) -> list[str] | None:
    """The lines of ``text`` (ended by LF or CRLF, as libyaml counts them), or ``None`` when
    it has a character read only the full way."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):  # a CR alone also ends a line in YAML
            return None
        text = text.replace("\r\n", "\n")
    return text.split("\n") if _plain_characters(text) else None


#: The characters of ASCII text read here: the printable ones and the line feed.
_ASCII_PLAIN = bytes(range(0x20, 0x7F)) + b"\n"


def _plain_characters(text: str) -> bool:
    """Whether ``text`` has only characters read here.

    Tabs, carriage returns (those of CRLF are gone by now), other line breaks (NEL,
    LS, PS), byte order marks, controls and the like are the full parser's to read or
    refuse; every character YAML refuses is one Python does not print. ASCII text,
    most plans, is checked byte by byte without Python's per-character classification
    (six times faster).
    """
    if text.isascii():
        return not text.encode("ascii").translate(None, _ASCII_PLAIN)
    return text.replace("\n", " ").isprintable()


def _read(text: str, lines: list[str], name: str, depth_limit: int) -> Document | None:
    doc = Document(name, None)
    places_of = doc.places
    entries = _ENTRIES
    #: Open containers, innermost last: (indent, container, is_map, places).
    stack: list[tuple[int, Any, bool, Places]] = []
    #: A key whose value is not known yet (empty so far): its container, places, key,
    #: indent, and where libyaml puts an empty value (just after the colon).
    pending: tuple[dict[str, Any], Places, str, int, Mark] | None = None
    started = False
    for line, written in enumerate(lines):
        rest = written.lstrip(" ")
        if not rest:
            continue
        first = rest[0]
        if first == "#":
            continue
        indent = len(written) - len(rest)
        if indent == 0 and (rest[:3] in ("---", "...") or first == "%"):
            raise _NotSimple
        is_item = first == "-" and rest[1:2] in ("", " ")
        if pending is not None:
            owner, owner_places, key, key_indent, empty_mark = pending
            pending = None
            if indent > key_indent:  # the key's value is the block that starts here
                if len(stack) >= depth_limit:
                    raise _NotSimple
                container: Any = [] if is_item else {}
                places = places_of[id(container)] = Places()
                owner[key] = container
                owner_places.values[key] = (line, indent)
                stack.append((indent, container, not is_item, places))
            else:
                owner[key] = None
                owner_places.values[key] = empty_mark
                owner_places.readings[key] = _EMPTY
        while stack and stack[-1][0] > indent:
            stack.pop()
        if not stack:
            if started:
                raise _NotSimple
            started = True
            container = [] if is_item else {}
            places = places_of[id(container)] = Places()
            doc.data, doc.root = container, (line, indent)
            stack.append((indent, container, not is_item, places))
        top_indent, container, is_map, places = stack[-1]
        if top_indent != indent:
            raise _NotSimple
        if is_item:
            if is_map:
                raise _NotSimple
            body = rest[1:].lstrip(" ")
            column = indent + len(rest) - len(body)
            if not body or body[0] == "#":
                raise _NotSimple
            if _key_end(body) is None:
                index = len(container)
                value, reading = _scalar(body)
                places.values[index] = (line, column)
                if reading is not None:
                    places.readings[index] = reading
                container.append(_fresh(value, places_of))
                continue
            # "- key: value": a mapping that starts in the item, its keys at ``column``.
            if len(stack) >= depth_limit:
                raise _NotSimple
            mapping: dict[str, Any] = {}
            inner = places_of[id(mapping)] = Places()
            places.values[len(container)] = (line, column)
            container.append(mapping)
            stack.append((column, mapping, True, inner))
            container, places, indent, rest = mapping, inner, column, body
        elif not is_map:
            raise _NotSimple
        entry = entries.get(rest)
        if entry is None:
            entry = _entry(rest)
            if len(rest) <= _REMEMBERED_LENGTH:
                if len(entries) >= _REMEMBERED:
                    entries.clear()
                entries[rest] = entry
        key, offset, value, reading = entry
        if key in container:
            raise _NotSimple
        places.keys[key] = (line, indent)
        if value is _PENDING:
            pending = (container, places, key, indent, (line, indent + offset))
            continue
        places.values[key] = (line, indent + offset)
        if reading is not None:
            places.readings[key] = reading
        container[key] = _fresh(value, places_of)
    if pending is not None:
        owner, owner_places, key, _, empty_mark = pending
        owner[key] = None
        owner_places.values[key] = empty_mark
        owner_places.readings[key] = _EMPTY
    if not started:
        return None
    doc.has_escapes = "\\" in text
    doc.text = text
    return doc


#: How each short line of a mapping entry reads: keys, statuses, empty fields and dates
#: repeat in every answer of every plan. Depends on the line's text alone; bounded.
_ENTRIES: dict[str, tuple[str, int, Any, tuple[str, str] | None]] = {}
_REMEMBERED = 4096
_REMEMBERED_LENGTH = 80
#: An entry whose value is on the lines that follow, or empty.
_PENDING = object()
#: An empty flow mapping or list, ``{}`` or ``[]``: a new one each time it is read.
_EMPTY_MAP, _EMPTY_LIST = object(), object()
_EMPTY = ("", "null")


def _entry(text: str) -> tuple[str, int, Any, tuple[str, str] | None]:
    """A mapping entry written on one line: its key, where its value starts (or, when it
    has none on this line, where the colon ends), the value and how YAML read it."""
    key_end = _key_end(text)
    if key_end is None:
        raise _NotSimple
    key = text[:key_end]
    if len(key) > _LONGEST_KEY or key[-1] == " " or " #" in key or scalar_reading(key)[0] != "str":
        raise _NotSimple
    after = text[key_end + 1 :]
    body = after.lstrip(" ")
    if not body or body[0] == "#":
        return key, key_end + 1, _PENDING, None
    value, reading = _scalar(body)
    return key, key_end + 1 + len(after) - len(body), value, reading


def _fresh(value: Any, places_of: dict[int, Places]) -> Any:
    """``value``, or a new empty container with its places where it stands for one."""
    if value is _EMPTY_MAP or value is _EMPTY_LIST:
        value = {} if value is _EMPTY_MAP else []
        places_of[id(value)] = Places()
    return value


def _key_end(text: str) -> int | None:
    """Where the colon that ends a plain key is, if ``text`` starts with one."""
    if text[0] in _INDICATORS:
        return None
    end = text.find(": ")
    if end < 0:
        stripped = text.rstrip(" ")
        if not stripped.endswith(":"):
            return None
        end = len(stripped) - 1
    return end if end > 0 else None


def _scalar(text: str) -> tuple[Any, tuple[str, str] | None]:
    """The value written on one line from ``text`` (which starts it), and how YAML read it."""
    first = text[0]
    if first == '"':
        end = text.find('"', 1)
        if end < 0:
            raise _NotSimple
        value: Any = text[1:end]
        if "\\" in value:
            raise _NotSimple
        _only_comment(text[end + 1 :])
        return value, None
    if first == "'":
        end = 1
        while True:
            end = text.find("'", end)
            if end < 0:
                raise _NotSimple
            if text[end + 1 : end + 2] != "'":
                break
            end += 2
        _only_comment(text[end + 1 :])
        return text[1:end].replace("''", "'"), None
    if first in "{[":
        if text[1:2] != ("}" if first == "{" else "]"):
            raise _NotSimple
        _only_comment(text[2:])
        return (_EMPTY_MAP if first == "{" else _EMPTY_LIST), None
    if first in _INDICATORS:
        raise _NotSimple
    cut = text.find(" #")
    plain = (text if cut < 0 else text[:cut]).rstrip(" ")
    if ": " in plain or plain.endswith(":"):
        raise _NotSimple
    kind, value = scalar_reading(plain)
    if kind == "str":
        return plain, None
    if kind is None:
        raise _NotSimple
    return value, (plain, kind)


def _only_comment(rest: str) -> None:
    """Refuse anything but spaces and a comment after a value."""
    if not rest:
        return
    body = rest.lstrip(" ")
    if body and (body[0] != "#" or len(body) == len(rest)):
        raise _NotSimple
