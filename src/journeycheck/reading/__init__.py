"""Reading a plan or playbook file: bytes to text (:mod:`.source`), parser events to
data within limits (:mod:`.compose`), and the position of every value (:mod:`.document`).
"""

from __future__ import annotations

from pathlib import Path

from journeycheck.reading.compose import parse_text
from journeycheck.reading.document import Document
from journeycheck.reading.source import read_text


def load_file(path: Path, *, shown_as: str | None = None) -> Document:
    """Read and parse ``path``; every failure is an :class:`InputError` naming the file."""
    name = shown_as if shown_as is not None else str(path)
    text = read_text(path, name)
    return parse_text(text, name)
