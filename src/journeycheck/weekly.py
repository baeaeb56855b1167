"""The use cases of the weekly review: a diff, an agenda, an audit with its change since.

Each reads the sides it needs (plan files, or plans as committed in git), audits
them with the engine and hands the pure comparison (:mod:`journeycheck.compare`)
two snapshots. Nothing is printed here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.revisions import (
    BlobsFor,
    FileSide,
    GitSide,
    Side,
    is_object_name,
    load_side,
    object_side,
    since_side,
)

if TYPE_CHECKING:
    from journeycheck.changes import Agenda, Diff
    from journeycheck.compare import Snapshot
    from journeycheck.pipeline import AuditSettings, Loaded
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.result import AuditResult
    from journeycheck.tickets import Located


@dataclass(frozen=True)
class Dates:
    """The as-of dates asked for on the command line (``None``: not given)."""

    today: dt.date
    as_of: dt.date | None = None
    old_as_of: dt.date | None = None

    def new(self, side: Side) -> dt.date:
        """NEW: ``--as-of``; else a committed side's commit date; else today."""
        if self.as_of is not None:
            return self.as_of
        return side.committed if isinstance(side, GitSide) else self.today

    def old(self, side: Side) -> dt.date:
        """OLD: ``--old-as-of``; else a committed side's commit date; else as NEW's file."""
        if self.old_as_of is not None:
            return self.old_as_of
        if isinstance(side, GitSide):
            return side.committed
        return self.as_of if self.as_of is not None else self.today


def side_of(argument: str, blobs_for: BlobsFor, what: str) -> Side:
    """A plan argument: a file, or ``REV:PATH`` (an existing file of that name wins)."""
    if is_object_name(argument):
        return object_side(argument, blobs_for, what)
    return FileSide(Path(argument))


def snapshot_of(
    side: Side,
    as_of: dt.date,
    blobs_for: BlobsFor,
    cache: PlaybookCache,
    settings: AuditSettings | None = None,
) -> Snapshot:
    """Audit ``side`` as of ``as_of`` and keep how each question stood.

    ``settings`` brings the command line's ``--gate`` and ``--threshold``; the
    audit is never narrowed (the comparison needs every phase and team).
    """
    return _snapshot(side, load_side(side, blobs_for, cache), as_of, settings)


def _snapshot(
    side: Side, loaded: Loaded, as_of: dt.date, settings: AuditSettings | None
) -> Snapshot:
    from journeycheck.compare import snapshot
    from journeycheck.pipeline import AuditSettings, score

    playbook = loaded.resolved.playbook
    gate = settings.gate if settings is not None else None
    threshold = settings.threshold if settings is not None else None
    chosen = AuditSettings(as_of, gate=gate, threshold=threshold)
    chosen.check(playbook)  # before scoring: an unknown gate is the flag's fault
    result = score(loaded.file, loaded.plan, playbook, chosen)
    commit = side.commit if isinstance(side, GitSide) else None
    return snapshot(playbook, loaded.plan, result, side.ref, commit)


def diff(
    old: str,
    new: str | None,
    since: str | None,
    dates: Dates,
    cache: PlaybookCache,
) -> Diff:
    """``diff OLD NEW``, or ``diff PLAN --since REV|DATE`` (``new`` is then ``None``)."""
    from journeycheck.compare import compare

    with BlobsFor() as blobs_for:
        if since is not None:
            new_side: Side = FileSide(Path(old))
            old_side: Side = since_side(Path(old), since, blobs_for, "diff")
        else:
            assert new is not None
            old_side = side_of(old, blobs_for, "diff")
            new_side = side_of(new, blobs_for, "diff")
        before = snapshot_of(old_side, dates.old(old_side), blobs_for, cache)
        after = snapshot_of(new_side, dates.new(new_side), blobs_for, cache)
    return compare(before, after)


def agenda(
    plan: Path, days: int, since: str | None, as_of: dt.date, cache: PlaybookCache
) -> Agenda:
    """The agenda of ``plan`` as of ``as_of``; with ``since``, what was closed since then."""
    from journeycheck.compare import agenda as build

    with BlobsFor() as blobs_for:
        current = snapshot_of(FileSide(plan), as_of, blobs_for, cache)
        earlier = None
        if since is not None:
            side = since_side(plan, since, blobs_for, "agenda")
            earlier = snapshot_of(side, side.committed, blobs_for, cache)
    return build(current, days, since=earlier, file=str(plan))


def audit_since(
    plan: Path,
    since: str,
    settings: AuditSettings,
    cache: PlaybookCache,
    *,
    locate: bool = False,
) -> tuple[AuditResult, Located | None]:
    """The audit of ``plan`` with its change since ``since`` (a revision or a day).

    The earlier side is audited as of its commit date with the same ``--gate``
    and ``--threshold`` overrides, so the deltas compare like with like; the
    lists of the change are not narrowed by ``--team`` and ``--phase``. With
    ``locate``, the places of the gaps in the plan too, for the formats that
    point at them.
    """
    from journeycheck.checking.references import check_flag_names
    from journeycheck.compare import since as change

    with BlobsFor() as blobs_for:
        side = FileSide(plan)
        loaded = load_side(side, blobs_for, cache)
        current = _snapshot(side, loaded, settings.as_of, settings)
        old_side = since_side(plan, since, blobs_for, "audit --since")
        earlier = snapshot_of(old_side, old_side.committed, blobs_for, cache, settings)
    result = current.result.model_copy(update={"since": change(earlier, current)})
    check_flag_names("JC405", settings.teams, list(current.team_titles))
    check_flag_names("JC406", settings.phases, [phase.id for phase in result.phases])
    result = result.narrowed(teams=set(settings.teams), phases=set(settings.phases))
    located = None
    if locate:
        from journeycheck.tickets import locate as places

        located = places(result, loaded.resolved.playbook, loaded.doc)
    return result, located
