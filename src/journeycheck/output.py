"""Writing files so that a failed or interrupted run never leaves a damaged one.

Standard output goes through here too, so that a full disk or a closed stream
is reported as the user's problem to fix rather than as a bug.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TextIO

from journeycheck.errors import OutputError, os_reason


def write_atomic(
    path: Path, text: str, *, overwrite: bool = True, follow_links: bool = True
) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never a partial one. With
    ``overwrite=False`` an existing file is left untouched and an
    :class:`OutputError` is raised, even if it appeared while we were writing.
    ``follow_links`` is as for :func:`atomic_writer`.
    """
    with atomic_writer(path, overwrite=overwrite, follow_links=follow_links) as stream:
        stream.write(text)


class TextSink(Protocol):
    """Somewhere report text can be written to: a file or stdout."""

    def write(self, text: str, /) -> object: ...

    def write_encoded(self, data: bytes, /) -> object:
        """Text already encoded as UTF-8 (a plan's part of a portfolio, from a worker)."""
        ...


@contextlib.contextmanager
def atomic_writer(
    path: Path, *, overwrite: bool = True, follow_links: bool = True
) -> Iterator[TextSink]:
    """A text stream whose content becomes ``path`` only if the block succeeds.

    For output written piece by piece (a portfolio of plans): the text goes to
    a temporary file in the same folder, which replaces ``path`` when the
    ``with`` block ends normally. If the block raises, its exception passes
    through unchanged, the temporary file is removed and ``path`` is left as it
    was. Problems with the destination (no such folder, a folder in the way)
    are raised before the block runs.

    A symbolic link is followed, so the file it points to is replaced and the
    link is kept; with ``follow_links=False`` it is refused instead (for files
    journeycheck makes in a working folder, where a checkout may ship a link).
    A link that the kernel's ``protected_symlinks`` rule would not let us follow
    (another user's, in a sticky world-writable folder such as ``/tmp``) is
    refused either way. A destination that is not a regular file
    (``/dev/stdout``, a named pipe) cannot be replaced: the text is held until
    the block succeeds, then written into it.
    """
    check_links(path, follow=follow_links)
    if _is_special(path):
        if not overwrite:
            raise OutputError("JC501", path=path)
        with _held_for(path) as stream:
            yield stream
        return
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        shown = target.parent if path.is_symlink() else path.parent
        raise OutputError("JC502", path=path, folder=shown)
    if target.is_dir():
        raise OutputError("JC503", path=path)
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:
        raise OutputError("JC504", path=path, reason=os_reason(exc)) from None
    tmp = Path(temporary)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            yield _Guarded(stream, str(path))
            _commit(stream, tmp, target, shown=path, overwrite=overwrite)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


#: Links followed before giving up, as the kernel's own limit (ELOOP) does.
_MAX_LINKS = 40


def check_links(path: Path, *, follow: bool) -> None:
    """Refuse to write through a link at ``path`` that should not be followed.

    Every link on the way from ``path`` to the file it names is checked: any link
    at all when ``follow`` is false, and, whatever ``follow`` says, a link owned
    by another user in a folder that anyone may write to but only owners may
    delete from (sticky and world-writable, as ``/tmp``), unless the folder's
    owner made it. That is the kernel's ``fs.protected_symlinks`` rule, which root
    bypasses and which a system may have turned off: without it, someone could
    plant ``/tmp/report.md`` pointing at a file of yours, and ``-o /tmp/report.md``
    would overwrite that file.
    """
    current = path
    for _ in range(_MAX_LINKS):
        try:
            link = current.lstat()
        except OSError:
            return  # nothing there (yet): nothing to follow
        if not stat.S_ISLNK(link.st_mode):
            return
        target = current.readlink()
        shown = None if current == path else current
        if not follow:
            raise OutputError("JC513", path=path, link=shown, target=target)
        try:
            folder = current.parent.stat()
        except OSError:
            return
        sticky = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
        owners = {os.geteuid(), folder.st_uid} if hasattr(os, "geteuid") else {link.st_uid}
        if sticky and link.st_uid not in owners:
            raise OutputError("JC514", path=path, link=shown, owner=link.st_uid)
        current = current.parent / target
    # A loop, or a chain longer than the kernel follows: writing will report it.


def _is_special(path: Path) -> bool:
    """Whether ``path`` exists and is something other than a regular file or a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def _held_for(path: Path) -> Iterator[TextSink]:
    """Text for a device or a named pipe, written into it only once the block succeeds."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as held:
        yield _Guarded(held, str(path))
        held.seek(0)
        # -o /dev/stdout into a pipe whose reader went away ends the run as stdout's would.
        with _reported(path), path.open("w", encoding="utf-8", newline="\n") as stream:
            while chunk := held.read(1 << 16):
                stream.write(chunk)


@contextlib.contextmanager
def _reported(name: str | Path) -> Iterator[None]:
    """A write error (a full disk) raised as JC504 against ``name``.

    A broken pipe is let through as it is: the reader went away, which the CLI
    treats as the end of the run rather than as an error.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError("JC504", path=name, reason=os_reason(exc)) from None


class _Guarded:
    """A stream whose write errors (a full disk) are reported against ``name``
    (:func:`_reported`)."""

    def __init__(self, stream: TextIO, name: str, *, exact_newlines: bool = True) -> None:
        self._stream = stream
        self._name = name
        # Bytes may go past the text layer only where it would write them unchanged:
        # UTF-8, and "\n" kept as it is (not turned into "\r\n" as stdout on Windows).
        utf8 = _encoding(stream) == "utf8"
        self._raw = getattr(stream, "buffer", None) if exact_newlines and utf8 else None

    def write(self, text: str, /) -> int:
        with _reported(self._name):
            return self._stream.write(text)

    def write_encoded(self, data: bytes, /) -> int:
        """UTF-8 ``data`` written as it is, without decoding it and encoding it again.

        A portfolio's JSON is about 120 KB a plan: decoding each plan as it came from
        its worker and encoding it again was a tenth of the main process's work while
        the workers ran (docs/performance.md).
        """
        if self._raw is None:
            return self.write(data.decode("utf-8"))
        with _reported(self._name):
            self._stream.flush()  # what the text layer holds goes first
            written: int = self._raw.write(data)
            return written

    def flush(self) -> None:
        with _reported(self._name):
            self._stream.flush()


def _commit(stream: TextIO, tmp: Path, path: Path, *, shown: Path, overwrite: bool) -> None:
    from journeycheck import stopping

    stopping.check()  # a run a signal stopped never replaces the file
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
        raise OutputError("JC501", path=shown) from None
    except IsADirectoryError:
        raise OutputError("JC503", path=shown) from None
    except OSError as exc:
        raise OutputError("JC504", path=shown, reason=os_reason(exc)) from None


STDOUT = "standard output"


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextSink]:
    """Where a report goes: ``path`` written atomically (see :func:`atomic_writer`), or stdout."""
    if path is None:
        stream = _stdout()
        yield stream
        stream.flush()
        return
    with atomic_writer(path) as sink:
        yield sink


def write_stdout(text: str) -> None:
    """Write ``text`` to standard output now; failures are :class:`OutputError`."""
    stream = _stdout()
    stream.write(text)
    stream.flush()


def _stdout() -> _Guarded:
    """Standard output, speaking UTF-8 like every file journeycheck writes.

    Under a locale whose encoding cannot hold every character (``LANG=C`` on an
    old system, ``PYTHONIOENCODING=latin-1``), a report with an em dash or a
    product name in another script would otherwise fail to print at all.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("JC505")
    if not _encoding(stream).startswith("utf") and hasattr(stream, "reconfigure"):
        stream.reconfigure(encoding="utf-8")
    return _Guarded(stream, STDOUT, exact_newlines=os.linesep == "\n")


def _encoding(stream: TextIO) -> str:
    """``stream``'s encoding, spelt one way: "UTF_8" and "utf-8" are "utf8"."""
    return (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
