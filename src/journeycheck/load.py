"""Read a YAML file into plain Python data that remembers where each value came from.

PyYAML's own constructors lose positions, accept duplicate keys, expand alias
bombs and recurse on deep nesting. So the file is read as a stream of parser
events (libyaml's when available) and built here, iteratively, with limits, and
with a record of each node's line and column for error messages.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeycheck.errors import InputError, Problem

if TYPE_CHECKING:
    import yaml

#: Files larger than this are refused before parsing (documented in docs/errors.md).
MAX_BYTES = 4 * 1024 * 1024
#: Values after alias expansion; far above any real plan, far below a "billion laughs".
MAX_NODES = 250_000
#: Mappings and lists nested deeper than this are refused.
MAX_DEPTH = 64

Path_ = tuple[str | int, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Node:
    """Where a value starts (1-based), and how YAML read it when that may surprise."""

    line: int
    column: int
    #: The text as written, kept for plain scalars YAML did not read as text.
    source: str | None = None
    #: What YAML made of ``source``: "bool", "int", "float", "null" or "timestamp".
    kind: str | None = None


@dataclass
class Document:
    """A parsed YAML file: its data and the position of every value and key."""

    file: str
    data: Any
    nodes: dict[Path_, Node] = field(default_factory=dict)
    keys: dict[Path_, Node] = field(default_factory=dict)

    def node(self, path: Path_) -> Node | None:
        """The node at ``path``, or its closest ancestor that was written in the file."""
        for end in range(len(path), -1, -1):
            found = self.nodes.get(tuple(path[:end]))
            if found is not None:
                return found
        return None

    def key(self, path: Path_) -> Node | None:
        """The position of the key that introduces ``path`` (falls back to the value)."""
        return self.keys.get(tuple(path)) or self.node(path)

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> Problem:
        where = self.key(path) if at_key else self.node(path)
        if where is None:
            return Problem(self.file, None, None, message)
        return Problem(self.file, where.line, where.column, message)


def load_file(path: Path, *, shown_as: str | None = None) -> Document:
    """Read and parse ``path``; every failure is an :class:`InputError` naming the file."""
    name = shown_as if shown_as is not None else str(path)
    text = read_text(path, name)
    return parse_text(text, name)


def read_text(path: Path, name: str) -> str:
    """The file's text, refusing what is not a readable, small, UTF-8 text file."""

    def fail(message: str, line: int | None = None, column: int | None = None) -> InputError:
        return InputError([Problem(name, line, column, message)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a YAML file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise fail("is a device or another special file, not a YAML file")
        if info.st_size > MAX_BYTES:
            raise fail(
                f"is {info.st_size:,} bytes; journeycheck refuses files over {MAX_BYTES:,} bytes "
                "(4 MiB) before reading them"
            )
        raw = _read_bounded(path)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise fail(f"is larger than {MAX_BYTES:,} bytes (4 MiB); journeycheck refuses it")
    if not raw and stat.S_ISFIFO(info.st_mode):
        raise fail("is a named pipe and nothing was written to it")
    if not raw.strip():
        raise fail("is empty; expected a YAML mapping")
    encoding = _bom_encoding(raw) or _utf16_without_bom(raw)
    if encoding:
        raise fail(f"is encoded as {encoding}; save it as UTF-8")
    if b"\x00" in raw:
        raise fail("looks like a binary file, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(raw)
        raise fail(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); it looks like {guess}; "
            "save it as UTF-8",
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def _read_bounded(path: Path) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of ``path``.

    A named pipe is opened without waiting for a writer (a plain open would
    wait forever if none comes): with no writer it reads as empty; a writer
    already there, as in ``journeycheck validate <(git show HEAD:plan.yaml)``,
    is read to its end.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | nonblocking)
    with os.fdopen(descriptor, "rb") as stream:
        if nonblocking:
            os.set_blocking(descriptor, True)
        return stream.read(MAX_BYTES + 1)


def _bom_encoding(raw: bytes) -> str | None:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text with no byte order mark: mostly ASCII, so every other byte is zero."""
    even, odd = raw[0::2], raw[1::2]
    pairs = len(odd)
    if pairs < 2:
        return None
    if odd.count(0) >= pairs * 0.9 and even.count(0) <= pairs * 0.1:
        return "UTF-16 (little-endian, without a byte order mark)"
    if even.count(0) >= pairs * 0.9 and odd.count(0) <= pairs * 0.1:
        return "UTF-16 (big-endian, without a byte order mark)"
    return None


def _guess_encoding(raw: bytes) -> str:
    """A best guess at a legacy encoding, to tell the user what to convert from."""
    high = [b for b in raw if b >= 0x80]
    scripts = (
        ("euc_kr", "EUC-KR (Korean)", ("\uac00", "\ud7af")),  # Hangul syllables
        ("shift_jis", "Shift JIS (Japanese)", ("\u3040", "\u9fff")),  # kana and kanji
    )
    for codec, label, (first, last) in scripts:
        try:
            decoded = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        # A double-byte encoding is plausible only if nearly every pair is a letter of its script.
        letters = sum(1 for ch in decoded if first <= ch <= last)
        if letters and letters * 2 >= len(high) * 0.9:
            return label
    # Cyrillic text in Windows-1251 is whole words of bytes 0xC0-0xFF; Western
    # text has an accented letter here and there between ASCII ones.
    paired = sum(
        1
        for i, b in enumerate(raw)
        if b >= 0x80 and ((i and raw[i - 1] >= 0x80) or (i + 1 < len(raw) and raw[i + 1] >= 0x80))
    )
    upper = sum(1 for b in high if b >= 0xC0)
    if high and paired >= len(high) * 0.6 and upper >= len(high) * 0.7:
        return "Windows-1251 (Cyrillic)"
    return "Windows-1252 or Latin-1 (Western European)"


def parse_text(text: str, name: str) -> Document:
    """Parse YAML text into a :class:`Document`; syntax errors are located problems."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    builder = _Builder(name)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        raise InputError([_syntax_problem(name, text, exc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports unmarked errors rarely
        raise InputError([Problem(name, None, None, f"YAML syntax: {exc}")]) from None
    if not builder.seen_document or builder.data is None:
        raise InputError([Problem(name, None, None, "is empty; expected a YAML mapping")])
    return Document(name, builder.data, builder.nodes, builder.keys)


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in problem and exc.context_mark is not None:
        # The end of the file is no help; where the unclosed thing opened is.
        mark = exc.context_mark
    message = f"YAML syntax: {problem}"
    if exc.context:
        message += f" ({exc.context})"
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem:
        message += "; the quote opened here is never closed"
    if mark is None:  # pragma: no cover - PyYAML always marks these
        return Problem(name, None, None, message)
    lines = text.splitlines()
    if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        message += "; YAML does not allow tabs for indentation, use spaces"
    return Problem(name, mark.line + 1, mark.column + 1, message)


class _Stop(Exception):
    """Raised inside the builder to abandon the document with one problem."""


@dataclass
class _Frame:
    path: Path_
    anchor: str | None
    container: dict[str, Any] | list[Any]
    start: Node
    size: int = 1
    # mapping state
    key: str | None = None
    key_node: Node | None = None
    awaiting_key: bool = True
    merge_pending: bool = False
    merges: list[tuple[dict[str, Any], Node]] = field(default_factory=list)
    explicit: set[str] = field(default_factory=set)


class _Builder:
    """Turns parser events into data, with the checks PyYAML's constructor lacks."""

    def __init__(self, name: str) -> None:
        from yaml.constructor import SafeConstructor
        from yaml.resolver import Resolver

        self.name = name
        self.resolver = Resolver()
        self.constructor = SafeConstructor()
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes: dict[Path_, Node] = {}
        self.keys: dict[Path_, Node] = {}
        self.data: Any = None
        self.seen_document = False
        self.total = 0

    def fail(self, node: Node, message: str) -> InputError:
        return InputError([Problem(self.name, node.line, node.column, message)])

    def feed(self, event: Any) -> None:
        import yaml

        mark = event.start_mark
        here = Node(mark.line + 1, mark.column + 1)
        if isinstance(event, yaml.DocumentStartEvent):
            if self.seen_document:
                raise self.fail(
                    here,
                    "a second YAML document starts here; put one plan or playbook per file",
                )
            self.seen_document = True
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event, here)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event, here)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._check_tag(event.tag, here, mapping=isinstance(event, yaml.MappingStartEvent))
            if len(self.stack) >= MAX_DEPTH:
                raise self.fail(here, f"nested deeper than {MAX_DEPTH} levels; refusing it")
            path = self._child_path(here)
            container: dict[str, Any] | list[Any] = (
                {} if isinstance(event, yaml.MappingStartEvent) else []
            )
            self._count(1, here)
            self.stack.append(_Frame(path, event.anchor, container, here))
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = self.stack.pop()
            if isinstance(frame.container, dict):
                self._apply_merges(frame)
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.container, frame.size)
            self._place(frame.container, frame.start, frame.size, frame.path)

    # -- values ---------------------------------------------------------------

    def _check_tag(self, tag: str | None, here: Node, *, mapping: bool | None = None) -> None:
        if tag is None or tag == "!":
            return
        expected = {True: "tag:yaml.org,2002:map", False: "tag:yaml.org,2002:seq"}
        if tag not in _STANDARD_TAGS or (mapping is not None and tag != expected[mapping]):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.fail(
                here, f"the YAML tag {shown} is not allowed; journeycheck reads plain data only"
            )

    def _scalar(self, event: Any, here: Node) -> None:
        self._check_tag(event.tag, here)
        if self._expecting_key():
            self._key(event, here)
            return
        value, kind = self._construct(self._resolve(event), event.value, here)
        node = Node(here.line, here.column, event.value, kind) if kind else here
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self._count(1, here)
        self._place(value, node, 1, self._child_path(here))

    def _resolve(self, event: Any) -> str:
        """The scalar's tag: explicit, or what YAML 1.1 infers from a plain scalar."""
        from yaml import ScalarNode

        if event.tag is None or event.tag == "!":
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
            return str(tag)
        return str(event.tag)

    def _construct(self, tag: str, text: str, here: Node) -> tuple[Any, str | None]:
        from yaml import ScalarNode

        short = tag.rsplit(":", 1)[-1]
        if short in {"str", "value"}:
            return text, None
        if short == "timestamp":
            # Dates stay text: the models parse them strictly and say what is wrong.
            return text, "timestamp"
        node = ScalarNode(tag, text)
        try:
            if short == "null":
                return None, "null"
            if short == "bool":
                return self.constructor.construct_yaml_bool(node), "bool"
            if short == "int":
                return self.constructor.construct_yaml_int(node), "int"
            if short == "float":
                return self.constructor.construct_yaml_float(node), "float"
        except (ValueError, KeyError, IndexError):  # e.g. !!bool maybe, !!int ''
            raise self.fail(here, f"{text!r} cannot be read as a YAML {short}") from None
        return text, None

    def _alias(self, event: Any, here: Node) -> None:
        if event.anchor not in self.anchors:
            raise self.fail(here, f"the alias *{event.anchor} names no anchor defined before it")
        value, size = self.anchors[event.anchor]
        self._count(size, here)
        if self._expecting_key():
            raise self.fail(here, "an alias cannot be used as a key")
        self._place(value, here, size, self._child_path(here), alias=True)

    def _count(self, size: int, here: Node) -> None:
        self.total += size
        if self.total > MAX_NODES:
            raise self.fail(
                here,
                f"expands to more than {MAX_NODES:,} values (aliases repeated within aliases?); "
                "refusing it",
            )

    # -- structure ------------------------------------------------------------

    def _expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].awaiting_key)
        )

    def _key(self, event: Any, here: Node) -> None:
        frame = self.stack[-1]
        tag = self._resolve(event)
        frame.awaiting_key = False
        if tag.endswith(":merge"):
            frame.merge_pending = True
            frame.key_node = here
            return
        if not tag.endswith(":str"):
            value, kind = self._construct(tag, event.value, here)
            what = _describe(kind or "text", event.value, value)
            raise self.fail(
                here,
                f"the key {event.value!r} is read by YAML as {what}; keys must be text, "
                f'so quote it: "{event.value}"',
            )
        key = event.value
        if key in frame.explicit:
            first = self.keys[frame.path + (key,)]
            raise self.fail(
                here,
                f"duplicate key {key!r} (first defined at line {first.line}); "
                "YAML would silently keep only the last one",
            )
        frame.explicit.add(key)
        frame.key = key
        frame.key_node = here
        self.keys[frame.path + (key,)] = here

    def _child_path(self, here: Node) -> Path_:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if frame.awaiting_key:
            raise self.fail(
                here,
                "a key must be plain text, not a mapping or a list; "
                "check the indentation or quote the key",
            )
        if frame.merge_pending:
            return (*frame.path, "<<")
        assert frame.key is not None
        return (*frame.path, frame.key)

    def _place(
        self, value: Any, node: Node, size: int, path: Path_, *, alias: bool = False
    ) -> None:
        self.nodes[path] = node
        if not self.stack:
            self.data = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.container, list):
            frame.container.append(value)
            return
        if frame.merge_pending:
            frame.merge_pending = False
            sources = value if isinstance(value, list) else [value]
            for source in sources:
                if not isinstance(source, dict):
                    raise self.fail(node, "a << merge key needs a mapping or a list of mappings")
                frame.merges.append((source, frame.key_node or node))
        else:
            assert frame.key is not None
            frame.container[frame.key] = value
        frame.awaiting_key = True

    def _apply_merges(self, frame: _Frame) -> None:
        assert isinstance(frame.container, dict)
        for source, where in frame.merges:
            for key, value in source.items():
                if key not in frame.container:
                    frame.container[key] = value
                    self.nodes.setdefault((*frame.path, key), where)
                    self.keys.setdefault((*frame.path, key), where)


def _describe(kind: str, source: str, value: Any) -> str:
    """How YAML read ``source``, in words a plan author understands."""
    if kind == "bool":
        return f"the boolean {str(value).lower()}"
    if kind == "null":
        return "an empty value (null)"
    if kind == "int":
        digits = source.replace("_", "").lstrip("+-")
        if ":" in digits:
            return f"the number {value} (YAML 1.1 reads {source} as minutes:seconds)"
        if digits.startswith(("0x", "0b")):
            base = 16 if digits.startswith("0x") else 2
            return f"the number {value} (YAML 1.1 reads {source} in base {base})"
        if len(digits) > 1 and digits.startswith("0"):
            return f"the number {value} (YAML 1.1 reads {source} as an octal number)"
        return f"the number {value}"
    if kind == "float":
        if repr(value) != source:
            return f"the number {value!r}, not the text {source!r}"
        return f"the number {value!r}"
    if kind == "timestamp":
        return "a date"
    return "text"


def describe_scalar(node: Node | None, value: Any) -> str | None:
    """Explain a YAML 1.1 reading of a plain scalar, or ``None`` if it was text."""
    if node is None or node.kind is None or node.source is None:
        return None
    return _describe(node.kind, node.source, value)
