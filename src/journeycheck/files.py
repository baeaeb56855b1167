"""Writing files so that a failed or interrupted run never leaves a damaged one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from journeycheck.errors import OutputError


def write_atomic(path: Path, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder.

    Readers see the old file or the new one, never a partial one. With
    ``overwrite=False`` an existing file is left untouched and an
    :class:`OutputError` is raised, even if it appeared while we were writing.
    """
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{path}: cannot write: folder {folder} does not exist")
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    tmp = Path(temporary)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
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
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 minus umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
