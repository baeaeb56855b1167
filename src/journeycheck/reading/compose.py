"""Turn YAML parser events into plain Python data that remembers where each value came from.

PyYAML's own constructors lose positions, accept duplicate keys, expand alias
bombs and recurse on deep nesting. So the file is read as a stream of parser
events (libyaml's when available) and built here, iteratively, with limits, and
with a record of each node's line and column for error messages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from journeycheck.errors import InputError, Problem
from journeycheck.messages import phrase
from journeycheck.reading.document import Document, Node, Places

if TYPE_CHECKING:
    import yaml

#: Values after alias expansion; far above any real plan, far below a "billion laughs".
MAX_NODES = 250_000
#: Mappings and lists nested deeper than this are refused.
MAX_DEPTH = 64


def parse_text(text: str, name: str) -> Document:
    """Parse YAML text into a :class:`Document`; syntax errors are located problems."""
    import yaml

    pure = pure_loader()
    loader_class = getattr(yaml, "CSafeLoader", None) or pure
    if loader_class is not pure:
        # Most plans are plain block YAML, read directly; the rest, and every problem, by
        # the events of libyaml, whose reading the direct one reproduces, marks and all.
        from journeycheck.reading.block import read_block

        doc = read_block(text, name, MAX_DEPTH)
        if doc is not None:
            return doc
    if "\t" in text and loader_class is not pure and _tab_outside_quotes(text):
        # libyaml takes tabs that PyYAML's own parser refuses. Such a file is read by the
        # parser every PyYAML has, so it gets the same answer whichever is installed.
        loader_class = pure
    try:
        doc = _parse_with(loader_class, text, name)
    except yaml.MarkedYAMLError as exc:
        if not _is_nesting_limit(exc):
            raise InputError([_syntax_problem(name, text, exc)]) from None
        raise InputError([_nesting_problem(name, text, exc)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problem = Problem(name, line, column, "JC104", codepoint=exc.character)
        raise InputError([problem]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports unmarked errors rarely
        problem = Problem(name, None, None, "JC101", problem=str(exc), context=None)
        raise InputError([problem]) from None
    if doc is None or doc.data is None:
        raise InputError([Problem(name, None, None, "JC009")])
    doc.has_escapes = "\\" in text
    doc.text = text
    return doc


@functools.cache
def pure_loader() -> Any:
    """PyYAML's own (pure-Python) loader, reading plain text in flow collections as libyaml does.

    PyYAML ends a plain scalar inside ``{...}`` or ``[...]`` at a ``?``, so
    ``{ask: Does it ship hardware?, default: false}`` is a syntax error to it and
    fine to libyaml (and to YAML 1.2). Where PyYAML has no libyaml, this loader
    is used, with that one rule of its scanner made libyaml's; a ``?`` that
    starts a key is still a key.
    """
    import yaml
    from yaml.tokens import ScalarToken

    breaks = "\0 \t\r\n\x85\u2028\u2029"

    class PureLoader(yaml.SafeLoader):
        def scan_plain(self) -> Any:  # PyYAML's Scanner.scan_plain, '?' aside
            chunks: list[str] = []
            start_mark = self.get_mark()
            end_mark = start_mark
            indent = self.indent + 1
            spaces: list[Any] | None = []
            while True:
                length = 0
                if self.peek() == "#":
                    break
                while True:
                    ch = self.peek(length)
                    # Past the end of the text there is nothing to peek at: look after a ':' only.
                    ends_at_colon = ch == ":" and self.peek(length + 1) in breaks + (
                        ",[]{}" if self.flow_level else ""
                    )
                    if ch in breaks or ends_at_colon or (self.flow_level and ch in ",[]{}"):
                        break
                    length += 1
                if length == 0:
                    break
                self.allow_simple_key = False
                chunks.extend(spaces or [])
                chunks.append(self.prefix(length))
                self.forward(length)
                end_mark = self.get_mark()
                spaces = self.scan_plain_spaces(indent, start_mark)
                if (
                    not spaces
                    or self.peek() == "#"
                    or (not self.flow_level and self.column < indent)
                ):
                    break
            return ScalarToken("".join(chunks), True, start_mark, end_mark)

    return PureLoader


def _parse_with(loader_class: Any, text: str, name: str) -> Document | None:
    loader = loader_class(text)
    try:
        return _build(loader.get_event, name)
    finally:
        loader.dispose()


def _is_nesting_limit(exc: yaml.MarkedYAMLError) -> bool:
    """Whether PyYAML refused the text for a nesting limit of its own.

    libyaml (bundled with PyYAML since 6.0.4) stops at 1,000 levels, and its
    scanner reads ahead of the events, so it can refuse a deep document before
    :func:`_build` has seen the 65th level.
    """
    return "nesting" in f"{exc.problem or ''} {exc.context or ''}".lower()


def _nesting_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Our own refusal of deep nesting, located where it crosses ``MAX_DEPTH``.

    The text up to where PyYAML gave up holds more than ``MAX_DEPTH`` levels, so
    the pure-Python loader, which has no limit of its own, finds the place in
    that prefix alone, in time bounded by the prefix. Failing that, the message
    is located where PyYAML gave up.
    """
    import yaml

    mark = exc.problem_mark or exc.context_mark
    if mark is not None:
        # From the line and column: libyaml's index may count bytes, not characters.
        start = 0
        for _ in range(mark.line):
            start = text.index("\n", start) + 1
        try:
            _parse_with(pure_loader(), text[: start + mark.column + 1], name)
        except InputError as found:
            if found.problems[0].code == "JC115":
                return found.problems[0]
        except yaml.YAMLError:
            pass
    if mark is None:  # pragma: no cover - PyYAML marks its nesting errors
        return Problem(name, None, None, "JC115", limit=MAX_DEPTH)
    return Problem(name, mark.line + 1, mark.column + 1, "JC115", limit=MAX_DEPTH)


def _syntax_problem(name: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    problem = exc.problem or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    if "end of stream" in problem and exc.context_mark is not None:
        # The end of the file is no help; where the unclosed thing opened is.
        mark = exc.context_mark
    context = exc.context or None
    code = "JC101"
    if "quoted scalar" in (context or "") and "end of stream" in problem:
        code = "JC102"
    if mark is None:  # pragma: no cover - PyYAML always marks these
        return Problem(name, None, None, code, problem=parser_words(problem), context=context)
    if "mapping values are not allowed" in problem:
        hinted = _colon_in_value(name, text, mark)
        if hinted is not None:
            return hinted
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    if code == "JC101" and line[mark.column : mark.column + 1] == "\t":
        return _tab_problem(name, text, mark.line, mark.column)
    return Problem(
        name,
        mark.line + 1,
        mark.column + 1,
        code,
        problem=parser_words(problem),
        context=None if context is None else parser_words(context),
    )


def parser_words(text: str) -> str:
    """PyYAML's description of a syntax error, in the run's language where it is a common one.

    English keeps the parser's words; Bulgarian and Korean translate the problems
    and contexts a plan's author meets, and keep the parser's words for the rest.
    """
    from journeycheck.i18n import current, pgettext

    if current() == "en":
        return text
    words = {
        "mapping values are not allowed here": pgettext(
            "yaml", "mapping values are not allowed here"
        ),
        "mapping keys are not allowed here": pgettext("yaml", "mapping keys are not allowed here"),
        "could not find expected ':'": pgettext("yaml", "could not find expected ':'"),
        "found unexpected end of stream": pgettext("yaml", "found unexpected end of stream"),
        "found unexpected document separator": pgettext(
            "yaml", "found unexpected document separator"
        ),
        "while scanning a simple key": pgettext("yaml", "while scanning a simple key"),
        "while scanning a quoted scalar": pgettext("yaml", "while scanning a quoted scalar"),
        "while scanning a double-quoted scalar": pgettext(
            "yaml", "while scanning a double-quoted scalar"
        ),
        "while scanning a block scalar": pgettext("yaml", "while scanning a block scalar"),
        "while scanning for the next token": pgettext("yaml", "while scanning for the next token"),
        "while scanning an alias": pgettext("yaml", "while scanning an alias"),
        "while scanning an anchor": pgettext("yaml", "while scanning an anchor"),
        "while parsing a block mapping": pgettext("yaml", "while parsing a block mapping"),
        "while parsing a block collection": pgettext("yaml", "while parsing a block collection"),
        "while parsing a flow mapping": pgettext("yaml", "while parsing a flow mapping"),
        "while parsing a flow sequence": pgettext("yaml", "while parsing a flow sequence"),
        "while parsing a block node": pgettext("yaml", "while parsing a block node"),
        "while parsing a flow node": pgettext("yaml", "while parsing a flow node"),
        "while parsing a node": pgettext("yaml", "while parsing a node"),
        # libyaml's words for the same
        "mapping values are not allowed in this context": pgettext(
            "yaml", "mapping values are not allowed here"
        ),
        "found character that cannot start any token": pgettext(
            "yaml", "found a character that cannot start any token"
        ),
        "block sequence entries are not allowed in this context": pgettext(
            "yaml", "a list item cannot start here"
        ),
        "while scanning a plain scalar": pgettext("yaml", "while scanning a plain value"),
    }
    if text in words:
        return words[text]
    found = _FOUND_CHARACTER.fullmatch(text)
    if found is not None:
        template = pgettext("yaml", "found character {char} that cannot start any token")
        return template.format(char=found["char"])
    found = _EXPECTED.fullmatch(text)
    if found is not None and found["expected"] in _EXPECTED_THINGS:
        expected = {
            "<block end>": pgettext("yaml", "the end of the block"),
            "<document start>": pgettext("yaml", "the start of a document"),
            "the node content": pgettext("yaml", "a value"),
            "a comment or a line break": pgettext("yaml", "a comment or a line break"),
            "',' or ']'": pgettext("yaml", "',' or ']'"),
            "',' or '}'": pgettext("yaml", "',' or '}'"),
        }[found["expected"]]
        template = pgettext("yaml", "expected {expected}, but found {found}")
        return template.format(expected=expected, found=found["found"])
    found = _DID_NOT_FIND.fullmatch(text)
    if found is not None and found["expected"] in _MISSING_THINGS:
        missing = {
            "key": pgettext("yaml", "a key"),
            "node content": pgettext("yaml", "a value"),
            "'-' indicator": pgettext("yaml", "a list item ('-')"),
            "<document start>": pgettext("yaml", "the start of a document"),
            "',' or ']'": pgettext("yaml", "',' or ']'"),
            "',' or '}'": pgettext("yaml", "',' or '}'"),
        }[found["expected"]]
        return pgettext("yaml", "expected {expected} here").format(expected=missing)
    return text


_DID_NOT_FIND = re.compile(r"did not find expected (?P<expected>.+)")
_MISSING_THINGS = {
    "key",
    "node content",
    "'-' indicator",
    "<document start>",
    "',' or ']'",
    "',' or '}'",
}
_FOUND_CHARACTER = re.compile(r"found character (?P<char>.+) that cannot start any token")
_EXPECTED = re.compile(r"expected (?P<expected>.+?), but (?:found|got) (?P<found>.+)")
_EXPECTED_THINGS = {
    "<block end>",
    "<document start>",
    "the node content",
    "a comment or a line break",
    "',' or ']'",
    "',' or '}'",
}


#: ``key: value`` on one line, where the value is plain text (not quoted, not a flow).
_KEY_AND_PLAIN_VALUE = re.compile(
    r"(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s#'\"{\[\]},&*!|>%@`-][^:#]*?):[ \t]+"
    r"(?P<value>[^\s#'\"{\[&*!|>%@`].*?)\s*$"
)


def _colon_in_value(name: str, text: str, mark: Any) -> Problem | None:
    """A ``: `` inside a plain value (``note: Blocked: waiting on legal``), with the fix.

    YAML reads the second ``: `` as the start of a mapping where none may start;
    quoting the value is what the author meant. Said in our own words, as the
    parsers word it differently. ``None`` when the line is not ``key: value``
    with the mark inside the value.
    """
    line = text.split("\n", mark.line + 1)[mark.line] if mark.line <= text.count("\n") else ""
    found = _KEY_AND_PLAIN_VALUE.fullmatch(line.rstrip("\r"))
    if found is None or not found.start("value") < mark.column:
        return None
    value = found["value"]
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return Problem(
        name,
        mark.line + 1,
        mark.column + 1,
        "JC117",
        key=found["key"],
        quoted=quoted,
    )


#: Scalar styles whose text may hold tabs in every YAML parser: quoted, and | or > blocks.
_TAB_SAFE_STYLES = frozenset("'\"|>")


def _tab_outside_quotes(text: str) -> bool:
    """Whether ``text`` may hold a tab that PyYAML's own parser refuses.

    That parser takes a tab only inside quoted text, inside a ``|`` or ``>``
    block, or in a comment; libyaml also takes one between words, after a colon
    or a comma. The quoted and block scalars are found from libyaml's events; if
    libyaml gives up, their places are not all known, and the answer is yes.
    """
    import yaml

    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.ScalarEvent) and event.style in _TAB_SAFE_STYLES:
                start, end = event.start_mark, event.end_mark
                if start is not None and end is not None:  # libyaml marks every event
                    spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.YAMLError:
        return True
    for number, line in enumerate(text.split("\n")):
        column = line.find("\t")
        while column != -1:
            inside = any(start <= (number, column) < end for start, end in spans)
            if not inside and not _in_comment(line, column, number, spans):
                return True
            column = line.find("\t", column + 1)
    return False


def _in_comment(line: str, column: int, number: int, spans: list[Any]) -> bool:
    """Whether ``column`` of ``line`` comes after a ``#`` that starts a comment."""
    for hash_at in (i for i, char in enumerate(line[:column]) if char == "#"):
        starts = hash_at == 0 or line[hash_at - 1] in " \t"
        if starts and not any(start <= (number, hash_at) < end for start, end in spans):
            return True
    return False


def _tab_problem(name: str, text: str, line: int, column: int) -> Problem:
    """A tab where YAML does not allow one: in the indentation (JC103), or elsewhere (JC116).

    Said in journeycheck's words, so the answer is the same whichever parser found it.
    """
    before = text.split("\n", line + 1)[line][:column]
    code = "JC116" if before.strip(" \t") else "JC103"
    return Problem(name, line + 1, column + 1, code)


_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = _TAG + "str", _TAG + "map", _TAG + "seq", _TAG + "merge"
_NULL = _TAG + "null"
_SCALAR_TAGS = {_TAG + kind for kind in ("str", "int", "float", "bool", "null", "timestamp")}
#: Plain scalars YAML 1.1 reads as something other than text, by what they become.
_READINGS = {
    _TAG + "bool": "bool",
    _TAG + "int": "int",
    _TAG + "float": "float",
    _TAG + "null": "null",
    _TAG + "timestamp": "timestamp",
}
_AWAITING_KEY = object()

#: How each short plain scalar resolved (its tag), for every document this process reads:
#: keys and statuses repeat in every answer of every plan, and matching each against the
#: resolvers' patterns again was about a sixth of parsing (docs/performance.md). A tag
#: depends on the text alone. Bounded: emptied when full.
_RESOLVED: dict[str, str] = {}
_REMEMBERED = 4096
_REMEMBERED_LENGTH = 64


@functools.cache
def _resolvers() -> tuple[dict[str, list[Any]], list[Any]]:
    """PyYAML's implicit resolvers by first character, and those for any character."""
    from yaml.resolver import Resolver

    implicit = Resolver.yaml_implicit_resolvers
    wildcard = list(implicit.get(None, []))
    return {first: list(found) + wildcard for first, found in implicit.items()}, wildcard


def _plain_tag(text: str) -> str:
    """The tag YAML 1.1 resolves a plain scalar ``text`` to (remembered for short texts)."""
    tag = _RESOLVED.get(text)
    if tag is not None:
        return tag
    resolvers, wildcard = _resolvers()
    tag = _STR
    for candidate, pattern in resolvers.get(text[:1], wildcard):
        if pattern.match(text):
            tag = candidate
            break
    if len(text) <= _REMEMBERED_LENGTH:
        if len(_RESOLVED) >= _REMEMBERED:
            _RESOLVED.clear()
        _RESOLVED[text] = tag
    return tag


def scalar_reading(text: str) -> tuple[str | None, Any]:
    """How the event loop below reads a plain scalar ``text``: what YAML made of it and its value.

    ``"str"`` (also for tags YAML resolves for other purposes, which stay text),
    ``"null"``, ``"bool"``, ``"int"``, ``"float"`` or ``"timestamp"`` (kept as text);
    ``None`` for a merge key ``<<`` or a value that cannot be built, which the event
    loop treats on its own. :mod:`journeycheck.reading.block` reads plain scalars
    through this, so both readers agree.
    """
    tag = _plain_tag(text)
    if tag == _STR:
        return "str", text
    if tag == _NULL:
        return "null", None
    if tag in _READINGS:
        try:
            value, kind = _construct(_constructor(), tag, text, None, _unbuildable)
        except ValueError:  # pragma: no cover - what the resolvers match builds
            return None, None
        return kind, value
    if tag == _MERGE:
        return None, None
    return "str", text


def _unbuildable(mark: Any, code: str, /, **params: object) -> ValueError:
    return ValueError(code)


@functools.cache
def _constructor() -> Any:
    from yaml.constructor import SafeConstructor

    return SafeConstructor()


class _Frame:
    """An open mapping or sequence while its events arrive."""

    __slots__ = ("anchor", "container", "is_map", "key", "merge_mark", "merges", "places")

    def __init__(self, anchor: str | None, container: Any, is_map: bool) -> None:
        self.anchor = anchor
        self.container = container
        self.is_map = is_map
        self.places = Places()
        #: The key whose value comes next, ``_MERGE`` for a ``<<`` key, or ``_AWAITING_KEY``.
        self.key: Any = _AWAITING_KEY
        self.merge_mark: Any = None
        self.merges: list[tuple[Any, Any]] = []


def _build(next_event: Any, name: str) -> Document | None:
    """Turn parser events into a :class:`Document`, with the checks PyYAML's constructor lacks.

    One loop with local names, pulling events straight from the parser and
    keeping the parser's own mark objects, because it runs for every value of
    every plan in a portfolio. Returns ``None`` for a stream with no document.
    """
    import yaml

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    document_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
    constructor = _constructor()
    resolved = _RESOLVED

    doc = Document(name, None)
    places_of = doc.places
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    frame: _Frame | None = None
    # The open mapping's parts, kept in locals for the hot path below.
    in_map = False
    cur_container: Any = None
    cur_values: dict[Any, Any] = {}
    cur_keys: dict[Any, Any] = {}
    seen_document = False
    #: Values that aliases have added; what was written is bounded by the file's size.
    expanded = 0
    sizes: dict[int, int] = {}

    def fail(mark: Any, code: str, /, **params: object) -> InputError:
        return InputError([Problem(name, mark.line + 1, mark.column + 1, code, **params)])

    def check_tag(tag: str | None, mark: Any, allowed: set[str]) -> None:
        if tag is not None and tag != "!" and tag not in allowed:
            shown = tag.replace(_TAG, "!!")
            raise fail(mark, "JC113", tag=shown)

    def place(value: Any, mark: Any, reading: tuple[str, str] | None) -> None:
        """Put a value (or a just-opened container) into the open frame."""
        if frame is None:
            doc.data, doc.root, doc.root_reading = value, mark, reading
            return
        places = frame.places
        if not frame.is_map:
            index = len(frame.container)
            places.values[index] = mark
            if reading is not None:
                places.readings[index] = reading
            frame.container.append(value)
            return
        key = frame.key
        if key is _AWAITING_KEY:
            raise fail(mark, "JC106")
        frame.key = _AWAITING_KEY
        if key is _MERGE:
            # Checked and applied when the mapping ends: a list of sources is still empty here.
            frame.merges.append((value, mark))
            return
        places.values[key] = mark
        if reading is not None:
            places.readings[key] = reading
        frame.container[key] = value

    while True:
        event = next_event()
        kind = event.__class__
        if kind is stream_end:
            break
        mark = event.start_mark
        if kind is scalar_event:
            text = event.value
            tag = event.tag
            if tag is None or tag == "!":
                tag = _STR
                if event.implicit[0]:
                    # The memory's lookup inline, as most plain scalars are found there.
                    tag = resolved.get(text) or _plain_tag(text)
            else:
                check_tag(tag, mark, _SCALAR_TAGS)
            if in_map:
                assert frame is not None
                key = frame.key
                if key is _AWAITING_KEY:
                    if tag == _STR and text not in cur_keys:  # the usual key, inline
                        cur_keys[text] = mark
                        frame.key = text
                    else:
                        _key(frame, tag, text, mark, fail, constructor)
                    continue
                if key is not _MERGE and event.anchor is None and tag in (_STR, _NULL):
                    # The usual value, text or empty, inline: most of a plan is these.
                    cur_values[key] = mark
                    if tag == _STR:
                        cur_container[key] = text
                    else:
                        cur_container[key] = None
                        frame.places.readings[key] = (text, "null")
                    frame.key = _AWAITING_KEY
                    continue
            if tag == _STR:
                value: Any = text
                reading = None
            elif tag == _NULL:  # an empty field, as in every fresh plan: inline
                value, reading = None, (text, "null")
            elif tag in _READINGS:
                value, kind_read = _construct(constructor, tag, text, mark, fail)
                reading = (text, kind_read)
            else:
                value, reading = text, None
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            place(value, mark, reading)
        elif kind is mapping_start or kind is sequence_start:
            is_map = kind is mapping_start
            check_tag(event.tag, mark, {_MAP} if is_map else {_SEQ})
            if len(stack) >= MAX_DEPTH:
                raise fail(mark, "JC115", limit=MAX_DEPTH)
            container: Any = {} if is_map else []
            place(container, mark, None)
            frame = _Frame(event.anchor, container, is_map)
            places_of[id(container)] = frame.places
            stack.append(frame)
            in_map, cur_container = is_map, container
            cur_values, cur_keys = frame.places.values, frame.places.keys
        elif kind in collection_end:
            done = stack.pop()
            if done.merges:
                _apply_merges(done, fail)
            if done.anchor is not None:
                anchors[done.anchor] = (done.container, _size(done.container, sizes))
            frame = stack[-1] if stack else None
            if frame is not None:
                in_map, cur_container = frame.is_map, frame.container
                cur_values, cur_keys = frame.places.values, frame.places.keys
            else:
                in_map = False
        elif kind is alias_event:
            if event.anchor not in anchors:
                raise fail(mark, "JC109", anchor=event.anchor)
            if frame is not None and frame.is_map and frame.key is _AWAITING_KEY:
                raise fail(mark, "JC110")
            value, size = anchors[event.anchor]
            expanded += size
            if expanded > MAX_NODES:
                raise fail(mark, "JC114", limit=MAX_NODES)
            place(value, mark, None)
        elif kind is document_start:
            if seen_document:
                raise fail(mark, "JC105")
            seen_document = True
    return doc if seen_document else None


def _size(value: Any, sizes: dict[int, int]) -> int:
    """How many values ``value`` stands for, aliases counted as what they expand to.

    Remembered by identity, so a structure that repeats an anchor is counted
    in time proportional to what was written, not to what it expands to.
    """
    if isinstance(value, dict):
        items: Iterable[Any] = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return 1
    known = sizes.get(id(value))
    if known is None:
        known = sizes[id(value)] = 1 + sum(_size(item, sizes) for item in items)
    return known


def _key(frame: _Frame, tag: str, text: str, mark: Any, fail: Any, constructor: Any) -> None:
    """Take an unusual scalar as the next key of the open mapping ``frame``: refuse it or merge."""
    if tag == _MERGE:
        frame.key = _MERGE
        frame.merge_mark = mark
        return
    if tag in _READINGS:
        value, reading = _construct(constructor, tag, text, mark, fail)
        raise fail(mark, "JC107", key=text, reading=_describe(reading, text, value))
    if text in frame.places.keys:
        first = frame.places.keys[text]
        raise fail(mark, "JC108", key=text, first_line=first.line + 1)
    # A tag YAML resolves for other purposes (e.g. '=' for a value): text for us.
    frame.places.keys[text] = mark
    frame.key = text


def _construct(constructor: Any, tag: str, text: str, mark: Any, fail: Any) -> tuple[Any, str]:
    """The value of a plain scalar YAML 1.1 does not read as text, and what it became."""
    from yaml import ScalarNode

    reading = _READINGS[tag]
    if reading == "timestamp":
        # Dates stay text: the models parse them strictly and say what is wrong.
        return text, reading
    if reading == "null":
        return None, reading
    node = ScalarNode(tag, text)
    try:
        if reading == "bool":
            return constructor.construct_yaml_bool(node), reading
        if reading == "int":
            return constructor.construct_yaml_int(node), reading
        return constructor.construct_yaml_float(node), reading
    except (ValueError, KeyError, IndexError):  # e.g. !!bool maybe, !!int ''
        raise fail(mark, "JC112", text=text, kind=reading) from None


def _apply_merges(frame: _Frame, fail: Any) -> None:
    """Fill in ``<<`` merged keys; keys written in the mapping itself win, then earlier sources."""
    places = frame.places
    for merged, mark in frame.merges:
        for source in merged if isinstance(merged, list) else [merged]:
            if not isinstance(source, dict):
                raise fail(mark, "JC111")
            for key, value in source.items():
                if key not in frame.container:
                    frame.container[key] = value
                    # Located at the merge key, which is where the author wrote it in.
                    places.values[key] = frame.merge_mark
                    places.keys[key] = frame.merge_mark


def _describe(kind: str, source: str, value: Any) -> str:
    """How YAML read ``source``, in words a plan author understands."""
    if kind == "bool":
        return phrase("boolean", value=str(value).lower())
    if kind == "null":
        return phrase("null")
    if kind == "int":
        digits = source.replace("_", "").lstrip("+-")
        if ":" in digits:
            return phrase("number-as-time", value=value, source=source)
        if digits.startswith(("0x", "0b")):
            base = 16 if digits.startswith("0x") else 2
            return phrase("number-in-base", value=value, source=source, base=base)
        if len(digits) > 1 and digits.startswith("0"):
            return phrase("number-as-octal", value=value, source=source)
        return phrase("number", value=value)
    if kind == "float":
        if repr(value) != source:
            return phrase("number-as-written", value=value, source=source)
        return phrase("number", value=value)
    if kind == "timestamp":
        return phrase("date")
    return phrase("text")


def describe_scalar(node: Node | None, value: Any) -> str | None:
    """Explain a YAML 1.1 reading of a plain scalar, or ``None`` if it was text."""
    if node is None or node.kind is None or node.source is None:
        return None
    return _describe(node.kind, node.source, value)
