"""What ``journeycheck upgrade`` would change in a plan when its playbook has moved on.

Pure: a plan's answers and a resolved playbook in, an :class:`Upgrade` out. It
says which stubs to add (every applicable question the plan does not answer, in
playbook order, each with the answer it goes after), which answers move to a
renamed question's new id, which are commented out with a note because their
question is gone, and the version the plan's ``playbook_version`` becomes.
Writing those changes into the file, keeping everything else as it was, is the
round-trip editor's job; this module only decides.

:func:`version_gap` says when the playbook is not the version the plan was written
against; ``audit`` and ``validate`` then print one line about it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from journeycheck.models import Answer, Playbook, Question
from journeycheck.scaffold import comment, yaml_scalar

#: The note a commented-out answer gets, above its lines.
RETIRED_NOTE = (
    "journeycheck upgrade: {id!r} is no longer a question of playbook {playbook} {version}, "
    "so this answer counts for nothing; it is kept here, commented out, in case it is "
    "still wanted"
)
DUPLICATE_NOTE = (
    "journeycheck upgrade: {id!r} was renamed to {new!r} in playbook {playbook} {version}, "
    "and this plan answers {new!r} already; this older answer is kept here, commented out"
)


@dataclass(frozen=True)
class Stub:
    """A new answer to add, ``not-started``, as ``init`` would write it."""

    question: Question
    due: dt.date | None
    #: The answered question (by its current id) this stub goes after; ``None``: first.
    after: str | None

    def text(self, indent: int = 2) -> str:
        return answer_stub(self.question, self.due, indent)


@dataclass(frozen=True)
class Move:
    """An answer written under an old id, to move to the question's current id."""

    old: str
    new: str


@dataclass(frozen=True)
class Retired:
    """An answer to comment out, never delete: its question is gone (or answered twice)."""

    id: str
    note: str


@dataclass(frozen=True)
class Upgrade:
    """Every change ``journeycheck upgrade`` makes to one plan."""

    playbook: str
    from_version: str | None
    to_version: str
    stubs: tuple[Stub, ...]
    moves: tuple[Move, ...]
    retired: tuple[Retired, ...]

    @property
    def version_changes(self) -> bool:
        return self.from_version != self.to_version

    @property
    def empty(self) -> bool:
        return not (self.stubs or self.moves or self.retired or self.version_changes)


def plan_upgrade(
    answers: Mapping[str, Answer],
    traits: Mapping[str, bool],
    launch: dt.date,
    playbook_version: str | None,
    playbook: Playbook,
) -> Upgrade:
    """The changes that bring a plan written against ``playbook_version`` up to ``playbook``.

    Takes the plan's parts rather than a checked plan: a plan that answers a
    question the new playbook removed no longer passes the checks, and is
    exactly what needs upgrading. Trait values the playbook does not know are
    ignored; the plan's checks report them.
    """
    current = {question.id for question in playbook.questions}
    moves: list[Move] = []
    retired: list[Retired] = []
    answered: set[str] = {key for key in answers if key in current}
    for key in answers:
        if key in current:
            continue
        new = playbook.renamed.get(key)
        if new is not None and new not in answered:
            moves.append(Move(key, new))
            answered.add(new)
            continue
        template = RETIRED_NOTE if new is None else DUPLICATE_NOTE
        note = template.format(id=key, new=new, playbook=playbook.id, version=playbook.version)
        retired.append(Retired(key, note))
    values = playbook.trait_values({k: v for k, v in traits.items() if k in playbook.traits})
    stubs: list[Stub] = []
    previous: str | None = None
    for question in playbook.questions:
        if question.id in answered:
            previous = question.id
        elif playbook.applies(question, values):
            stubs.append(Stub(question, _due(launch, question.due), previous))
    return Upgrade(
        playbook=playbook.id,
        from_version=playbook_version,
        to_version=playbook.version,
        stubs=tuple(stubs),
        moves=tuple(moves),
        retired=tuple(retired),
    )


def _due(launch: dt.date, offset: int | None) -> dt.date | None:
    if offset is None:
        return None
    try:
        return launch + dt.timedelta(days=offset)
    except OverflowError:
        return None


def answer_stub(question: Question, due: dt.date | None, indent: int = 2) -> str:
    """One not-started answer with the comments ``init`` writes above it.

    The same lines as ``templates/plan.yaml.j2`` writes for a question (a test
    holds the two together), so an upgraded plan reads like a new one.
    """
    notes: list[str] = [question.severity]
    if question.evidence == "required":
        notes.append("evidence required")
    lines = [comment(question.ask, indent)]
    if question.help:
        lines.append(comment(question.help, indent, 2))
    lines.append(comment("(" + "; ".join(notes) + ")", indent, 2))
    pad = " " * indent
    lines += [
        f"{pad}{yaml_scalar(question.id)}:",
        f"{pad}  status: not-started",
        f"{pad}  owner:",
        f"{pad}  due:" + (f" {due.isoformat()}" if due is not None else ""),
        f"{pad}  evidence:",
        f"{pad}  note:",
    ]
    return "\n".join(lines) + "\n"


def retired_comment(note: str, indent: int = 2) -> str:
    """The note above a commented-out answer, as comment lines."""
    return comment(note, indent) + "\n"


# -- what to tell the user ------------------------------------------------------------

_ADDED = {
    1: "Added {count} stub, not started, for a question the plan did not answer: {ids}.",
    2: "Added {count} stubs, not started, for questions the plan did not answer: {ids}.",
}
_MOVED = {
    1: "Moved {count} answer to its question's new id: {moves}.",
    2: "Moved {count} answers to their questions' new ids: {moves}.",
}
_RETIRED = {
    1: "Commented out {count} answer whose question is gone, with a note: {ids}.",
    2: "Commented out {count} answers whose questions are gone, with a note: {ids}.",
}
_VERSION = "playbook_version: {old} → {new} ({playbook})."
_NOTHING = "Nothing to change: the plan is up to date with playbook {playbook} {version}."


def _plural(forms: Mapping[int, str], count: int) -> str:
    return forms[1 if count == 1 else 2]


def summary(upgrade: Upgrade) -> str:
    """What the upgrade changes (or would change, with ``--dry-run``), one line a kind."""
    if upgrade.empty:
        return _NOTHING.format(playbook=upgrade.playbook, version=upgrade.to_version) + "\n"
    lines = []
    if upgrade.stubs:
        ids = ", ".join(stub.question.id for stub in upgrade.stubs)
        lines.append(_plural(_ADDED, len(upgrade.stubs)).format(count=len(upgrade.stubs), ids=ids))
    if upgrade.moves:
        moves = ", ".join(f"{move.old} → {move.new}" for move in upgrade.moves)
        count = len(upgrade.moves)
        lines.append(_plural(_MOVED, count).format(count=count, moves=moves))
    if upgrade.retired:
        ids = ", ".join(item.id for item in upgrade.retired)
        count = len(upgrade.retired)
        lines.append(_plural(_RETIRED, count).format(count=count, ids=ids))
    if upgrade.version_changes:
        old = upgrade.from_version if upgrade.from_version is not None else "(none)"
        lines.append(_VERSION.format(old=old, new=upgrade.to_version, playbook=upgrade.playbook))
    return "\n".join(lines) + "\n"


class VersionGap(NamedTuple):
    """A plan written against another version of its playbook than the one it now names."""

    playbook: str
    #: The version the plan records (``playbook_version``).
    plan_version: str
    #: The playbook's version today.
    playbook_version: str
    #: Whether the playbook is the newer of the two (else the plan names an older one).
    newer: bool


def version_gap(plan_version: str | None, playbook: Playbook) -> VersionGap | None:
    """How the plan's ``playbook_version`` and ``playbook`` differ, for a one-line notice.

    ``None`` when they agree, or when the plan records no version (plans written
    before journeycheck recorded it are not nagged).
    """
    if plan_version is None or plan_version == playbook.version:
        return None
    newer = version_key(playbook.version) > version_key(plan_version)
    return VersionGap(playbook.id, plan_version, playbook.version, newer)


_PARTS = re.compile(r"\d+|[^\W\d_]+")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders ``1.9`` before ``1.10`` and ``3`` before ``3.1``.

    Numbers compare as numbers and words as text; a number sorts after a word
    in the same place, so ``2.0-rc1`` comes before ``2.0.1``. Versions are the
    playbook author's free text, so this is a best reading, used only to word
    a notice.
    """
    return tuple(
        (1, int(part)) if part.isdigit() else (0, part.lower()) for part in _PARTS.findall(version)
    )
