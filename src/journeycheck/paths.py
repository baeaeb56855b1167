"""Which files ``audit`` and ``validate`` read when given plan files and folders.

A file named on the command line is always read as a plan. A folder stands for
every ``*.yaml`` and ``*.yml`` file directly inside it (not in subfolders, not
hidden), in name order; a file found that way that is plainly not a plan (a
playbook, a CI configuration) is skipped with a note rather than reported as a
broken plan. Each file is read once, however many arguments name it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from journeycheck.errors import InputError, Problem, os_reason
from journeycheck.i18n import _
from journeycheck.reading.compose import parse_text
from journeycheck.reading.document import Document
from journeycheck.reading.source import read_text

SUFFIXES = (".yaml", ".yml")
#: Top-level keys only a plan has (``journeycheck`` alone is shared with playbooks).
_PLAN_KEYS = frozenset({"product", "playbook", "launch", "answers"})
#: Top-level keys only a playbook has.
_PLAYBOOK_KEYS = frozenset({"questions", "phases", "teams"})


# Named tuples rather than dataclasses: every run builds these classes, and a
# dataclass costs several times as much to build.


class PlanFile(NamedTuple):
    """A file to read as a plan, and whether a folder listing found it."""

    path: Path
    #: Found inside a folder argument, rather than named on the command line.
    in_folder: bool = False

    @property
    def name(self) -> str:
        """The file as problems and reports name it."""
        return str(self.path)


class NotAPlan(NamedTuple):
    """A file found in a folder that is plainly something other than a plan."""

    why: str


def expand(arguments: Iterable[Path]) -> list[PlanFile | Problem]:
    """The files ``arguments`` stand for, in order, each once.

    A folder with no YAML file directly inside it gives a :class:`Problem`
    in its place, so a mistyped folder is not mistaken for an empty portfolio.
    Paths that do not exist are passed through: reading them reports it.
    """
    found: list[PlanFile | Problem] = []
    seen: set[object] = set()
    for argument in arguments:
        if argument.is_dir():
            try:
                inside = _listed(argument)
            except OSError as exc:
                reason = os_reason(exc)
                found.append(Problem(str(argument), None, None, "JC016", reason=reason))
                continue
            if not inside:
                found.append(Problem(str(argument), None, None, "JC017"))
            files = [PlanFile(argument / name, in_folder=True) for name in inside]
        else:
            files = [PlanFile(argument)]
        for file in files:
            key = same_file_key(file.path)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found


def _listed(folder: Path) -> list[str]:
    """The names of the YAML files directly inside ``folder`` (not hidden), in name order.

    A directory entry knows whether it is a file without a stat, and names sort
    as the paths did (``normcase``: without regard to case on Windows).
    """
    with os.scandir(folder) as entries:
        names = [
            entry.name
            for entry in entries
            if entry.name.lower().endswith(SUFFIXES)
            and not entry.name.startswith(".")
            and _is_file(entry)
        ]
    return sorted(names, key=os.path.normcase)


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` is a file or a link to one; a link that leads nowhere is not."""
    import errno

    try:
        return entry.is_file()
    except OSError as exc:
        # What pathlib's is_file answers False to, a link loop among them.
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


#: A top-level key only a plan has, as written in a file YAML could not read.
_PLAN_KEY_LINE = re.compile(
    r"^[\"']?(journeycheck|product|playbook|launch|answers)[\"']?[ \t]*:", re.MULTILINE
)


def read_plan(file: PlanFile) -> Document | NotAPlan:
    """Parse ``file`` as a plan, or say why a file found in a folder is not one.

    Problems reading a plan raise :class:`InputError`. journeycheck's loader is
    stricter than most tools' (a GitHub workflow's ``on:`` key is refused), so a
    folder file that fails to load is skipped when no line of it starts with a
    key a plan has; otherwise it is a plan with mistakes, and they are reported.
    """
    text = read_text(file.path, file.name)
    try:
        doc = parse_text(text, file.name)
    except InputError:
        if file.in_folder and not _PLAN_KEY_LINE.search(text):
            return NotAPlan(_("it cannot be read as a plan and has none of the keys a plan has"))
        raise
    why = not_a_plan(doc.data) if file.in_folder else None
    return doc if why is None else NotAPlan(why)


def not_a_plan(data: Any) -> str | None:
    """Why a parsed YAML file found in a folder is not a plan, or ``None`` if it may be one.

    Only files that are clearly something else are recognised: a file that
    might be a plan with mistakes in it is read as a plan, so its mistakes are
    reported.
    """
    if not isinstance(data, dict):
        return _("its top level is not a mapping of keys")
    keys = set(data)
    if keys & _PLAYBOOK_KEYS and not keys & _PLAN_KEYS:
        return _("it is a playbook")
    if "journeycheck" not in keys and not keys & _PLAN_KEYS:
        return _("it has none of the keys a plan has (journeycheck, product, playbook, ...)")
    return None


def same_file_key(path: Path) -> object:
    """What two paths of one file have in common: its device and inode number.

    A file reached through symbolic links or another hard link is the same file. A
    stat is one system call; resolving the path walked it part by part, 21 of a
    1,000-plan folder's 29 ms before any plan was read (docs/performance.md). A path
    that cannot be stat'ed (missing, a link loop), or on a file system that numbers no
    file (inode 0, as some network drives report), is known by :func:`identity`.
    """
    try:
        found = path.stat()
    except (OSError, ValueError):
        return identity(path)
    if not found.st_ino:
        return identity(path)
    return (found.st_dev, found.st_ino)


def identity(path: Path) -> Path:
    """``path`` with every symbolic link resolved, to tell whether two paths name one file.

    A symbolic link loop cannot be resolved (Python raises RuntimeError before
    3.13, OSError since); its absolute path stands in, and reading it reports the loop.
    In a working folder that has been deleted, the path stands for itself.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        pass
    try:
        return path.absolute()
    except OSError:
        return path
