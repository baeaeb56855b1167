"""Where each value of a parsed YAML file was written, for locating problems.

A :class:`Document` holds the data and, per mapping and list, the parser's own
marks; they become :class:`Node` positions only when a problem is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journeycheck.errors import Problem

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Node:
    """Where a value starts (1-based), and how YAML read it when that may surprise."""

    line: int
    column: int
    #: The text as written, kept for plain scalars YAML did not read as text.
    source: str | None = None
    #: What YAML made of ``source``: "bool", "int", "float", "null" or "timestamp".
    kind: str | None = None


class Places:
    """Where the entries of one mapping or list were written, 0-based: PyYAML's marks, or
    ``(line, column)`` pairs from :mod:`journeycheck.reading.block` (see :func:`spot`)."""

    __slots__ = ("keys", "readings", "values")

    def __init__(self) -> None:
        #: Where each entry's value starts, by key (or list index).
        self.values: dict[Any, Any] = {}
        #: Where each mapping key starts.
        self.keys: dict[Any, Any] = {}
        #: Plain scalars YAML did not read as text: (as written, what YAML made of it).
        self.readings: dict[Any, tuple[str, str]] = {}


@dataclass
class Document:
    """A parsed YAML file: its data and where each value and key was written.

    Positions are kept per mapping and list, as the parser's own mark objects,
    and turned into :class:`Node` objects only when a problem is reported: a
    valid plan pays for no more than it must.
    """

    file: str
    data: Any
    root: Any = None
    root_reading: tuple[str, str] | None = None
    places: dict[int, Places] = field(default_factory=dict)
    #: Whether the text has a backslash. PyYAML refuses raw control characters, so only
    #: an escape in a double-quoted string ("\e", "\x07") can put one in the data.
    has_escapes: bool = True
    #: The text the data was parsed from, for checks that look at how a value was written.
    text: str = ""

    def _trail(self, path: Path_) -> list[tuple[Any, tuple[str, str] | None]]:
        """(mark, reading) of the root and of each step of ``path`` that was written."""
        trail = [(self.root, self.root_reading)]
        container = self.data
        for step in path:
            places = self.places.get(id(container))
            if places is None or step not in places.values:
                break
            trail.append((places.values[step], places.readings.get(step)))
            container = container[step]
        return trail

    def exact(self, path: Path_) -> Node | None:
        """The node written at exactly ``path``, or ``None``."""
        trail = self._trail(path)
        if len(trail) != len(path) + 1:
            return None
        return _node(*trail[-1])

    def node(self, path: Path_) -> Node | None:
        """The node at ``path``, or its closest ancestor that was written in the file."""
        return _node(*self._trail(path)[-1])

    def key(self, path: Path_) -> Node | None:
        """The position of the key that introduces ``path`` (falls back to the value)."""
        if path and len(self._trail(path[:-1])) == len(path):
            container = self.data
            for step in path[:-1]:
                container = container[step]
            places = self.places.get(id(container))
            mark = places.keys.get(path[-1]) if places is not None else None
            if mark is not None:
                line, column = spot(mark)
                return Node(line + 1, column + 1)
        return self.node(path)

    def problem(
        self, path: Path_, code: str, /, *, at_key: bool = False, **params: object
    ) -> Problem:
        """Problem ``code`` located at the value at ``path`` (or its key, ``at_key``)."""
        where = self.key(path) if at_key else self.node(path)
        if where is None:
            return Problem(self.file, None, None, code, **params)
        return Problem(self.file, where.line, where.column, code, **params)


def spot(mark: Any) -> tuple[int, int]:
    """The 0-based line and column of a mark of either reader."""
    if isinstance(mark, tuple):
        return mark[0], mark[1]
    return mark.line, mark.column


def _node(mark: Any, reading: tuple[str, str] | None) -> Node | None:
    if mark is None:
        return None
    line, column = spot(mark)
    if reading is None:
        return Node(line + 1, column + 1)
    return Node(line + 1, column + 1, *reading)
