"""A plan as it stood at a git revision, checked exactly as a plan file is.

The plan's text comes from git (:mod:`journeycheck.git`); so does its playbook
when the plan names one by path, read from the same revision, because a
playbook kept beside the plan changes with it. A built-in playbook is the one
this journeycheck ships. Problems are located in the revision's files, named as
``REV:PATH`` (``3f2a1b9:plans/launch-plan.yaml:12:7: ...``).

This module also turns the command line's plan references into sides to
compare: a plan file, or a ``REV:PATH`` object name, or a plan "since" a
revision or a day.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck import playbooks
from journeycheck.errors import InputError, JourneycheckError, UsageError
from journeycheck.git import (
    Blob,
    Blobs,
    Repository,
    is_date,
    open_repository,
    repository_path,
)
from journeycheck.pipeline import Loaded, checked
from journeycheck.playbooks import Resolved
from journeycheck.reading.compose import parse_text
from journeycheck.reading.document import Document
from journeycheck.reading.source import text_from_bytes

if TYPE_CHECKING:
    from journeycheck.models import Plan, Playbook
    from journeycheck.playbooks import PlaybookCache


def playbook_from_text(text: str, name: str) -> Playbook:
    """A playbook from its text, checked as a playbook file is.

    The one place a playbook is made from text rather than from a file; the
    playbook resolver is meant to take it over.
    """
    from journeycheck.checking.shape import validate_playbook

    return validate_playbook(parse_text(text, name))


@dataclass
class RevisionReader:
    """Plans and their playbooks at revisions of one repository, for one run.

    A playbook file is parsed and checked once per distinct content (git's
    object id), however many revisions share it.
    """

    repository: Repository
    blobs: Blobs
    cache: PlaybookCache
    _playbooks: dict[str, Playbook | InputError] = field(default_factory=dict)

    def plan(self, commit: str, path: str, name: str) -> Loaded:
        """The plan ``path`` at ``commit``, shown in messages as ``name``.

        Raises :class:`UsageError` when the file is absent there and
        :class:`InputError` (located) when it or its playbook is invalid.
        """
        outcome = self.plans([(commit, path, name)])[0]
        if isinstance(outcome, JourneycheckError):
            raise outcome
        return outcome

    def plans(self, wanted: Sequence[tuple[str, str, str]]) -> list[Loaded | JourneycheckError]:
        """Several plans, each ``(commit, path, name)`` as for :meth:`plan`, in order.

        Each outcome is the checked plan or the error that stopped it. git is
        asked twice for the lot: once for the plans, once for the playbook files
        they name. Each plan is then checked by the pipeline's one check
        (:func:`journeycheck.pipeline.checked`), with its playbook as committed.
        """
        staged: list[_Staged | JourneycheckError] = []
        for (commit, path, name), blob in zip(
            wanted, self.blobs.read_many([(c, p) for c, p, _ in wanted]), strict=True
        ):
            try:
                if blob is None:
                    raise UsageError("JC654", path=path, revision=_short(commit))
                if blob.kind != "blob":
                    raise UsageError("JC655", path=path, revision=_short(commit))
                doc = parse_text(text_from_bytes(blob.data, name), name)
            except JourneycheckError as exc:
                staged.append(exc)
                continue
            # Where the playbook file is, to ask git for it with the others; a plan
            # whose playbook: is no text yet is refused by the check itself.
            reference = doc.data.get("playbook") if isinstance(doc.data, dict) else None
            target: str | InputError | None = None
            if isinstance(reference, str) and playbooks.is_path(reference):
                try:
                    target = self._playbook_path(doc, reference, commit, path)
                except InputError as exc:
                    target = exc
            staged.append(_Staged(name, doc, commit, target))
        asked = [
            (s.commit, s.target)
            for s in staged
            if isinstance(s, _Staged) and isinstance(s.target, str)
        ]
        found = dict(zip(asked, self.blobs.read_many(asked), strict=True))
        outcomes: list[Loaded | JourneycheckError] = []
        for item in staged:
            if isinstance(item, JourneycheckError):
                outcomes.append(item)
                continue
            try:
                outcomes.append(checked(item.name, item.doc, self._resolver(item, found)))
            except JourneycheckError as exc:
                outcomes.append(exc)
        return outcomes

    def _resolver(
        self, item: _Staged, found: dict[tuple[str, str], Blob | None]
    ) -> Callable[[Document, Plan], Resolved]:
        """How the check finds this plan's playbook: built in, or as committed with it."""

        def resolve(doc: Document, plan: Plan) -> Resolved:
            if not playbooks.is_path(plan.playbook):
                return self.cache.resolve(plan.playbook, Path(), doc)
            if isinstance(item.target, InputError):
                raise item.target
            assert item.target is not None
            blob = found[(item.commit, item.target)]
            playbook = self._playbook(item, plan.playbook, blob)
            assert blob is not None
            return Resolved(playbook, None, f"git:{blob.oid}")

        return resolve

    def _playbook(self, item: _Staged, reference: str, blob: Blob | None) -> Playbook:
        """The playbook file a plan names, from its content at the plan's commit."""
        assert isinstance(item.target, str)
        if blob is None or blob.kind != "blob":
            problem = item.doc.problem(
                ("playbook",),
                "JC660",
                reference=reference,
                revision=_short(item.commit),
                path=item.target,
            )
            raise InputError([problem])
        if blob.oid not in self._playbooks:
            name = f"{_short(item.commit)}:{item.target}"
            try:
                self._playbooks[blob.oid] = playbook_from_text(
                    text_from_bytes(blob.data, name), name
                )
            except InputError as exc:
                self._playbooks[blob.oid] = exc
        found = self._playbooks[blob.oid]
        if isinstance(found, InputError):
            raise found
        return found

    def _playbook_path(self, doc: Document, reference: str, commit: str, plan_path: str) -> str:
        written = reference.replace("\\", "/")
        outside = InputError(
            [doc.problem(("playbook",), "JC661", reference=reference, revision=_short(commit))]
        )
        if written.startswith(("/", "~")):
            try:
                return self.repository.relative(Path(written).expanduser())
            except UsageError:
                raise outside from None
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(plan_path), written))
        if joined == ".." or joined.startswith("../"):
            raise outside
        if joined == plan_path:
            raise InputError([doc.problem(("playbook",), "JC309", reference=reference)])
        return joined


@dataclass(frozen=True)
class _Staged:
    """A plan read from git, waiting for its playbook before it is checked."""

    name: str
    doc: Document
    commit: str
    #: The playbook file's path at the commit; ``None`` for a built-in playbook; the
    #: problem, when the plan names a file git cannot have (outside the repository).
    target: str | InputError | None


def _short(commit: str) -> str:
    return commit[:7]


# -- the command line's plan references ----------------------------------------------


@dataclass(frozen=True)
class FileSide:
    """A plan file on disk, read as any plan file is."""

    path: Path

    @property
    def ref(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class GitSide:
    """A plan as committed: ``path`` (from the top folder) at ``commit``."""

    #: As the user wrote it (``HEAD~4:launch-plan.yaml``), or ``SHORT:PATH`` when found by date.
    ref: str
    repository: Repository
    commit: str
    path: str
    #: The committer's day: the side's as-of date unless one is given.
    committed: dt.date


Side = FileSide | GitSide


def is_object_name(argument: str) -> bool:
    """Whether a plan argument is ``REV:PATH`` rather than a file (an existing file wins)."""
    return ":" in argument and not Path(argument).exists()


def object_side(argument: str, blobs_for: BlobsFor, what: str) -> GitSide:
    """The ``REV:PATH`` argument as a side, its revision and path checked.

    The repository is the one of the current folder, as for ``git show``.
    """
    revision, _, given = argument.partition(":")
    if not revision:
        raise UsageError("JC662", argument=argument)
    repository = open_repository(Path.cwd(), what)
    path = repository_path(repository.root, given)
    blobs = blobs_for(repository)
    commit, committed = blobs.commit(revision)
    if blobs.read(commit, path) is None:
        raise UsageError("JC654", path=given, revision=revision)
    return GitSide(argument, repository, commit, path, committed)


def since_side(plan: Path, since: str, blobs_for: BlobsFor, what: str) -> GitSide:
    """The plan file ``plan`` as committed at ``since``: a revision or a day (YYYY-MM-DD).

    A day means the last commit that changed the plan on or before it. A
    revision from before a rename finds the plan under the name it had then.
    """
    repository = open_repository(plan, what)
    path = repository.relative(plan)
    blobs = blobs_for(repository)
    if is_date(since):
        day = dt.date.fromisoformat(since)
        found = repository.last_by(repository.log(path), day, path)
        return GitSide(
            f"{found.short}:{found.path}", repository, found.commit, found.path, found.date
        )
    commit, committed = blobs.commit(since)
    if blobs.read(commit, path) is not None:
        return GitSide(f"{since}:{path}", repository, commit, path, committed)
    # Renamed since then: try the names the plan had, newest first.
    revisions = repository.log(path)
    for older in dict.fromkeys(revision.path for revision in reversed(revisions)):
        if older != path and blobs.read(commit, older) is not None:
            return GitSide(f"{since}:{older}", repository, commit, older, committed)
    raise UsageError("JC654", path=path, revision=since)


class BlobsFor:
    """One content reader per repository for a whole run, closed at its end."""

    def __init__(self) -> None:
        self._open: dict[Path, Blobs] = {}

    def __call__(self, repository: Repository) -> Blobs:
        if repository.root not in self._open:
            self._open[repository.root] = repository.blobs()
        return self._open[repository.root]

    def __enter__(self) -> BlobsFor:
        return self

    def __exit__(self, *exc: object) -> None:
        for blobs in self._open.values():
            blobs.close()
        self._open.clear()


def load_side(side: Side, blobs_for: BlobsFor, cache: PlaybookCache) -> Loaded:
    """The plan a side stands for, read and checked against its playbook."""
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import Failed, Run, load

    if isinstance(side, FileSide):
        outcome = load(PlanFile(side.path), Run(playbooks=cache))
        if isinstance(outcome, Failed):
            raise outcome.error()
        assert isinstance(outcome, Loaded), "a plan named on the command line is never skipped"
        return outcome
    reader = RevisionReader(side.repository, blobs_for(side.repository), cache)
    return reader.plan(side.commit, side.path, side.ref)
