"""Many plans in one run: which files to audit, and auditing them one at a time.

:func:`find_plans` turns command-line arguments (files and folders) into an
ordered list of targets; :func:`audit_each` audits them lazily, yielding one
outcome per target, so a caller can stream results without holding them all.
Every plan shares one :class:`~journeycheck.pipeline.PlaybookCache`, so a
playbook is parsed and validated once per run, however many plans name it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.errors import InputError, Problem, UsageError

if TYPE_CHECKING:
    from journeycheck.load import Document
    from journeycheck.pipeline import AuditSettings, PlaybookCache
    from journeycheck.result import AuditResult

#: File name endings of the files a folder contributes (compared without case).
PLAN_SUFFIXES = (".yaml", ".yml")
#: Top-level keys that only a playbook has (a plan has ``product`` instead).
PLAYBOOK_KEYS = ("phases", "teams", "questions")


@dataclass(frozen=True)
class Target:
    """A file to audit."""

    path: Path
    #: Found in a folder rather than named on the command line: a file found
    #: this way is skipped, not reported, when it turns out not to be a plan.
    found: bool = False

    @property
    def name(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class Audited:
    """A plan that was audited."""

    file: str
    result: AuditResult


@dataclass(frozen=True)
class Failed:
    """A plan that could not be audited, and every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Skipped:
    """A YAML file found in a folder that is not a plan."""

    file: str
    why: str


Outcome = Audited | Failed | Skipped


def find_plans(arguments: Sequence[Path]) -> list[Target]:
    """The files to audit, in argument order, each once.

    A folder contributes every ``*.yaml`` and ``*.yml`` file directly inside it
    (not in subfolders, not hidden ones), sorted by file name. Any other
    argument is a file to audit, whatever its name. A file named twice, or
    named and also found in a folder, is audited once, where it first appears.
    """
    targets: list[Target] = []
    seen: set[Path] = set()
    for argument in arguments:
        found = argument.is_dir()
        for path in _folder_files(argument) if found else [argument]:
            identity = path.resolve()
            if identity not in seen:
                seen.add(identity)
                targets.append(Target(path, found=found))
    return targets


def _folder_files(folder: Path) -> list[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError as exc:
        raise UsageError(f"{folder}: cannot list this folder: {exc.strerror or exc}") from None
    files = [
        entry
        for entry in entries
        if entry.suffix.lower() in PLAN_SUFFIXES
        and not entry.name.startswith(".")
        and entry.is_file()
    ]
    if not files:
        raise UsageError(f"{folder}: no *.yaml or *.yml files in this folder")
    return sorted(files, key=lambda entry: entry.name)


_NO_KEY = "not a journeycheck plan (no 'journeycheck:' key at the top)"
#: A top-level ``journeycheck:`` key, as written in a file that could not be loaded.
_JOURNEYCHECK_KEY = re.compile(r"^[\"']?journeycheck[\"']?[ \t]*:", re.MULTILINE)


def not_a_plan(doc: Document) -> str | None:
    """Why a YAML file found in a folder is not a plan, or ``None`` if it may be one.

    The rule is deliberately narrow, so that a plan with a mistake in it is
    reported rather than skipped: a file is skipped only when its top level is
    not a mapping with a ``journeycheck`` key (another tool's YAML), or when it
    is a journeycheck playbook (``phases``, ``teams`` or ``questions`` and no
    ``product``). A file that cannot be parsed is skipped only if no line of it
    starts with a ``journeycheck:`` key (see :func:`audit_target`).
    """
    data = doc.data
    if not isinstance(data, dict) or "journeycheck" not in data:
        return _NO_KEY
    if "product" not in data and any(key in data for key in PLAYBOOK_KEYS):
        return "a journeycheck playbook, not a plan"
    return None


def audit_target(target: Target, settings: AuditSettings, cache: PlaybookCache) -> Outcome:
    """Audit one target; problems become a :class:`Failed` outcome instead of an exception."""
    from journeycheck.load import parse_text, read_text
    from journeycheck.pipeline import audit_document

    text = None
    try:
        text = read_text(target.path, target.name)
        doc = parse_text(text, target.name)
        if target.found:
            why = not_a_plan(doc)
            if why is not None:
                return Skipped(target.name, why)
        result = audit_document(doc, target.path, cache, settings)
    except InputError as exc:
        if target.found and text is not None and not _JOURNEYCHECK_KEY.search(text):
            # journeycheck's loader is stricter than most tools' (a GitHub workflow's
            # `on:` key is refused), so another tool's file may fail to load here.
            return Skipped(target.name, _NO_KEY)
        return Failed(target.name, tuple(exc.problems))
    except UsageError as exc:
        # A flag the plan's playbook cannot satisfy (--gate, --team, --phase):
        # reported against this plan, so the others are still audited.
        return Failed(target.name, (Problem(target.name, None, None, str(exc)),))
    return Audited(target.name, result)


def audit_each(
    targets: Iterable[Target], settings: AuditSettings, cache: PlaybookCache
) -> Iterator[Outcome]:
    """Audit ``targets`` one at a time, in order, yielding each outcome as it is known."""
    for target in targets:
        yield audit_target(target, settings, cache)
