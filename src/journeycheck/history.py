"""A plan's readiness over its git history: one audit per commit that changed it.

Each revision is audited as of its commit date, with the playbook it names at
that revision (:mod:`journeycheck.revisions`). A revision whose plan is invalid
is a point with its first problem and no scores; the history goes on. The
working file is the last point when it differs from the last commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.errors import InputError, JourneycheckError, UsageError
from journeycheck.git import Revision, open_repository
from journeycheck.messages import render

if TYPE_CHECKING:
    from journeycheck.changes import History, HistoryPoint
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.revisions import RevisionReader


#: Revisions read from git in one exchange: few enough to keep their documents in memory.
CHUNK = 32


@dataclass(frozen=True)
class HistoryRun:
    """The history, and the warnings to show beside it."""

    history: History
    warnings: list[str] = field(default_factory=list)


def plan_history(
    plan: Path,
    cache: PlaybookCache,
    *,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> HistoryRun:
    """Every commit that changed ``plan`` (following renames) from ``since`` to ``until``.

    ``today`` is the as-of date of the uncommitted working file, which is added
    when it differs from the last commit and ``until`` does not end before it.
    """
    from journeycheck.changes import History
    from journeycheck.revisions import RevisionReader

    repository = open_repository(plan, "history")
    path = repository.relative(plan)
    revisions = repository.log(path)
    if not revisions:
        raise UsageError("JC657", root=repository.root, path=path)
    warnings = [render("JC659", root=repository.root, path=path)] if repository.shallow else []
    chosen = [
        revision
        for revision in revisions
        if (since is None or revision.date >= since) and (until is None or revision.date <= until)
    ]
    points: list[HistoryPoint] = []
    with repository.blobs() as blobs:
        reader = RevisionReader(repository, blobs, cache)
        for first in range(0, len(chosen), CHUNK):
            points.extend(_audited(reader, chosen[first : first + CHUNK]))
        wanted = (until is None or until >= today) and plan.is_file()
        if wanted and (blobs.read("HEAD", path) is None or repository.changed_since_head(path)):
            points.append(_working(plan, path, cache, today))
    return HistoryRun(
        History(
            plan=str(plan),
            repository=str(repository.root),
            shallow=repository.shallow,
            since=since,
            until=until,
            points=points,
        ),
        warnings,
    )


def _audited(reader: RevisionReader, revisions: list[Revision]) -> list[HistoryPoint]:
    from journeycheck.compare import Place, error_point, point
    from journeycheck.pipeline import AuditSettings, score

    wanted = [(r.commit, r.path, f"{r.short}:{r.path}") for r in revisions]
    points = []
    for revision, outcome in zip(revisions, reader.plans(wanted), strict=True):
        place = Place(
            revision.commit, revision.path, revision.date, revision.author, revision.subject
        )
        if isinstance(outcome, InputError):
            points.append(error_point(str(outcome.problems[0]), place))
        elif isinstance(outcome, JourneycheckError):  # the plan was deleted in this commit
            points.append(error_point(str(outcome), place))
        else:
            playbook = outcome.resolved.playbook
            result = score(outcome.file, outcome.plan, playbook, AuditSettings(revision.date))
            points.append(point(result, place))
    return points


def _working(plan: Path, path: str, cache: PlaybookCache, today: dt.date) -> HistoryPoint:
    from journeycheck.compare import Place, error_point, point
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import AuditSettings, Failed, Loaded, Run, load, score

    place = Place(None, path, today)
    outcome = load(PlanFile(plan), Run(playbooks=cache))
    if isinstance(outcome, Failed):
        return error_point(str(outcome.problems[0]), place)
    assert isinstance(outcome, Loaded), "a plan named on the command line is never skipped"
    result = score(outcome.file, outcome.plan, outcome.resolved.playbook, AuditSettings(today))
    return point(result, place)
