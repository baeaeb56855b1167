"""Writing files so that a failed or interrupted run never leaves a damaged one."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TextIO

from journeycheck.errors import OutputError


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never a partial one. With
    ``overwrite=False`` an existing file is left untouched and an
    :class:`OutputError` is raised, even if it appeared while we were writing.
    """
    with atomic_writer(path, overwrite=overwrite) as stream:
        stream.write(text)


class TextSink(Protocol):
    """Somewhere report text can be written to: a file or stdout."""

    def write(self, text: str, /) -> object: ...


@contextlib.contextmanager
def atomic_writer(path: Path, *, overwrite: bool = True) -> Iterator[TextSink]:
    """A text stream whose content becomes ``path`` only if the block succeeds.

    For output written piece by piece (a portfolio of plans): the text goes to
    a temporary file in the same folder, which replaces ``path`` when the
    ``with`` block ends normally. If the block raises, its exception passes
    through unchanged, the temporary file is removed and ``path`` is left as it
    was. Problems with the destination (no such folder, a folder in the way)
    are raised before the block runs.
    """
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    tmp = Path(temporary)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            yield _Guarded(stream, path)
            _commit(stream, tmp, path, overwrite=overwrite)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


class _Guarded:
    """A file stream whose write errors (a full disk) are reported against ``path``."""

    def __init__(self, stream: TextIO, path: Path) -> None:
        self._stream = stream
        self._path = path

    def write(self, text: str, /) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputError(f"{self._path}: cannot write: {exc.strerror or exc}") from None


def _commit(stream: TextIO, tmp: Path, path: Path, *, overwrite: bool) -> None:
    try:
        stream.flush()
        os.fsync(stream.fileno())
        tmp.chmod(_mode_for(path))
        if overwrite:
            tmp.replace(path)
        else:
            # link() refuses to replace an existing file, atomically.
            os.link(tmp, path)
    except FileExistsError:
        raise OutputError(f"{path}: already exists; use --force to overwrite it") from None
    except IsADirectoryError:
        raise OutputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextSink]:
    """Where a report goes: ``path`` written atomically (see :func:`atomic_writer`), or stdout."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_writer(path) as stream:
        yield stream


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
