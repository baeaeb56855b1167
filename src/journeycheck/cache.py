"""What journeycheck keeps between runs, in the user's cache folder; never needed.

Two things are kept: the built-in playbook once validated (:mod:`journeycheck.prepared`)
and the compiled Jinja templates (:mod:`journeycheck.render.templating`). Each entry
is named by a hash of everything it was made from, so a changed input is a
different name, never a stale entry. Anything wrong with the folder or an entry
(missing, unreadable, read-only, someone else's, written half-way) makes it a
miss: the caller does the work again, and nothing is ever reported.

The folder is ``$XDG_CACHE_HOME/journeycheck`` when ``XDG_CACHE_HOME`` is set, else
the platform's cache folder: ``~/.cache/journeycheck``, ``~/Library/Caches/journeycheck``
on macOS, ``%LOCALAPPDATA%\\journeycheck\\Cache`` on Windows. ``JOURNEYCHECK_NO_CACHE=1``
turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

#: Entries are refused unless they belong to this user and only they can write them:
#: an entry is loaded as code (a compiled template) or unpickled (a playbook).
_FOREIGN = 0o022


def folder() -> Path | None:
    """The cache folder, or ``None`` when the cache is off or there is no home to put it in."""
    if os.environ.get("JOURNEYCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME")
    if base and Path(base).is_absolute():
        return Path(base) / "journeycheck"
    try:
        home = Path.home()
    except (KeyError, RuntimeError):  # no HOME, and no entry in the password database
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "journeycheck"
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "journeycheck" / "Cache" if local else None
    return home / ".cache" / "journeycheck"


def name(kind: str, *parts: str | bytes) -> str:
    """An entry's file name: ``kind`` and a hash of everything the entry was made from."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return f"{kind}-{digest.hexdigest()[:40]}"


def read(entry: str) -> bytes | None:
    """The bytes kept as ``entry``, or ``None`` when there are none to trust."""
    where = folder()
    if where is None:
        return None
    try:
        with (where / entry).open("rb") as stream:
            if not _ours(os.fstat(stream.fileno())):
                return None
            return stream.read()
    except (OSError, ValueError):
        return None


def write(entry: str, data: bytes) -> None:
    """Keep ``data`` as ``entry``, whole or not at all; quietly nothing when it cannot."""
    where = folder()
    if where is None:
        return
    temporary = where / f".{entry}.{os.getpid()}.tmp"
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            temporary.replace(where / entry)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return


def _ours(status: os.stat_result) -> bool:
    if not hasattr(os, "geteuid"):  # Windows: the folder is the user's own profile
        return True
    return status.st_uid == os.geteuid() and not status.st_mode & _FOREIGN
