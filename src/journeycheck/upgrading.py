"""``journeycheck upgrade``: bring a plan up to date with a newer version of its playbook.

Two parts. :func:`plan_upgrade` decides, purely, from the plan's answers and the
resolved playbook: the stubs to add (every applicable question the plan does not
answer, in the order ``init`` writes them), the answers to move to a renamed
question's new id, the answers to comment out with a note because their question
is gone (never deleted), and the version ``playbook_version`` becomes.
:func:`prepare` then makes those changes in the plan's text with the round-trip
editor (:mod:`journeycheck.roundtrip`), changing no other line, and checks the
result as a whole; :func:`write` writes it atomically, unless the file changed
since it was read.

:func:`version_gap` says when the playbook is not the version the plan was written
against; ``audit`` and ``validate`` then print one line about it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from journeycheck import i18n
from journeycheck.errors import InputError, OutputError, Problem, os_reason
from journeycheck.i18n import _, ngettext
from journeycheck.models import Account, Answer, Playbook, Question
from journeycheck.printable import flat

if TYPE_CHECKING:
    from journeycheck.models import Plan
    from journeycheck.roundtrip import ListPlace

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
class Blocks:
    """An account's ``blocked_by`` naming questions under old ids, or questions now gone."""

    #: The account's place in ``accounts``, and its name.
    account: int
    name: str
    before: tuple[str, ...]
    #: Each id of ``before`` as it becomes: its question's current id, or ``None`` to drop
    #: it (its question is gone, or it was renamed to an id the list names already).
    after: tuple[str | None, ...]
    #: The ids of ``before`` that no question of the playbook has, old or new.
    gone: tuple[str, ...]
    #: The old ids ``before`` names, each with its question's current id.
    renamed: tuple[tuple[str, str], ...]

    @property
    def blocked_by(self) -> list[str]:
        """The list as the upgrade writes it."""
        return [new for new in self.after if new is not None]


@dataclass(frozen=True)
class Upgrade:
    """Every change ``journeycheck upgrade`` makes to one plan."""

    playbook: str
    from_version: str | None
    to_version: str
    stubs: tuple[Stub, ...]
    moves: tuple[Move, ...]
    retired: tuple[Retired, ...]
    blocks: tuple[Blocks, ...] = ()

    @property
    def version_changes(self) -> bool:
        return self.from_version != self.to_version

    @property
    def empty(self) -> bool:
        return not (self.stubs or self.moves or self.retired or self.blocks or self.version_changes)


def plan_upgrade(
    answers: Mapping[str, Answer],
    traits: Mapping[str, bool],
    launch: dt.date,
    playbook_version: str | None,
    playbook: Playbook,
    accounts: Sequence[Account] = (),
) -> Upgrade:
    """The changes that bring a plan written against ``playbook_version`` up to ``playbook``.

    Takes the plan's parts rather than a checked plan: a plan that answers a
    question the new playbook removed no longer passes the checks, and is
    exactly what needs upgrading. Trait values the playbook does not know are
    ignored; the plan's checks report them. An account's ``blocked_by`` follows
    renamed questions as answers do, and drops a question that is gone: it can
    no longer hold the account back.
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
    from journeycheck.scaffold import plan_order

    values = playbook.trait_values({k: v for k, v in traits.items() if k in playbook.traits})
    questions = {question.id: question for question in playbook.questions}
    stubs = [
        Stub(questions[question_id], _due(launch, questions[question_id].due))
        for question_id, _phase in plan_order(playbook)
        if question_id not in answered and playbook.applies(questions[question_id], values)
    ]
    return Upgrade(
        playbook=playbook.id,
        from_version=playbook_version,
        to_version=playbook.version,
        stubs=tuple(stubs),
        moves=tuple(moves),
        retired=tuple(retired),
        blocks=tuple(_blocks(accounts, current, playbook.renamed)),
    )


def _blocks(
    accounts: Sequence[Account], current: set[str], renamed: Mapping[str, str]
) -> list[Blocks]:
    """The accounts whose ``blocked_by`` the upgrade rewrites, and how."""
    changes = []
    for index, account in enumerate(accounts):
        if all(key in current for key in account.blocked_by):
            continue
        after: list[str | None] = []
        gone = []
        moved = []
        for key in account.blocked_by:
            new = key if key in current else renamed.get(key)
            if new is None:
                gone.append(key)
            elif new != key:
                moved.append((key, new))
            after.append(None if new is None or new in after else new)
        before = tuple(account.blocked_by)
        changes.append(Blocks(index, account.name, before, tuple(after), tuple(gone), tuple(moved)))
    return changes


def _due(launch: dt.date, offset: int | None) -> dt.date | None:
    if offset is None:
        return None
    try:
        return launch + dt.timedelta(days=offset)
    except OverflowError:
        return None


# -- what to tell the user ------------------------------------------------------------

_VERSION = "playbook_version: {old} → {new} ({playbook})."


def summary(upgrade: Upgrade) -> str:
    """What the upgrade changes (or would change, with ``--dry-run``), one line a kind."""
    if upgrade.empty:
        nothing = _("Nothing to change: the plan is up to date with playbook {playbook} {version}.")
        return nothing.format(playbook=upgrade.playbook, version=upgrade.to_version) + "\n"
    lines = []
    if upgrade.stubs:
        ids = ", ".join(stub.question.id for stub in upgrade.stubs)
        count = len(upgrade.stubs)
        added = ngettext(
            "Added {count} stub, not started, for a question the plan did not answer: {ids}.",
            "Added {count} stubs, not started, for questions the plan did not answer: {ids}.",
            count,
        )
        lines.append(added.format(count=count, ids=ids))
    if upgrade.moves:
        moves = ", ".join(f"{move.old} → {move.new}" for move in upgrade.moves)
        count = len(upgrade.moves)
        moved = ngettext(
            "Moved {count} answer to its question's new id: {moves}.",
            "Moved {count} answers to their questions' new ids: {moves}.",
            count,
        )
        lines.append(moved.format(count=count, moves=moves))
    if upgrade.retired:
        ids = ", ".join(item.id for item in upgrade.retired)
        count = len(upgrade.retired)
        retired = ngettext(
            "Commented out {count} answer whose question is gone, with a note: {ids}.",
            "Commented out {count} answers whose questions are gone, with a note: {ids}.",
            count,
        )
        lines.append(retired.format(count=count, ids=ids))
    followed = [
        f"{flat(change.name)}: {old} → {new}"
        for change in upgrade.blocks
        for old, new in change.renamed
    ]
    if followed:
        count = len(followed)
        line = ngettext(
            "Followed {count} renamed question in the accounts' blocked_by: {moves}.",
            "Followed {count} renamed questions in the accounts' blocked_by: {moves}.",
            count,
        )
        lines.append(line.format(count=count, moves="; ".join(followed)))
    dropped = [f"{flat(change.name)}: {key}" for change in upgrade.blocks for key in change.gone]
    if dropped:
        count = len(dropped)
        line = ngettext(
            "Removed {count} question that is gone from the accounts' blocked_by: {ids}.",
            "Removed {count} questions that are gone from the accounts' blocked_by: {ids}.",
            count,
        )
        lines.append(line.format(count=count, ids="; ".join(dropped)))
    if upgrade.version_changes:
        old = upgrade.from_version if upgrade.from_version is not None else _("(none)")
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


# -- the file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """A plan file read for upgrading: its text, its shape checked, and its playbook resolved.

    It is not checked against the playbook: answers to questions the playbook no
    longer has are what an upgrade is for.
    """

    path: Path
    #: The file's bytes, to notice a change on disk before writing.
    digest: str
    text: str
    bom: bool
    plan: Plan
    playbook: Playbook


def read(path: Path, *, allow_outside: bool = False) -> Read:
    """Read the plan at ``path`` and resolve the playbook it names; problems are located.

    ``allow_outside``: the plan may name a playbook file outside its repository.
    """
    import codecs
    import hashlib

    from journeycheck.checking.shape import validate_plan
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.reading.compose import parse_text
    from journeycheck.reading.source import read_text

    name = str(path)
    text = read_text(path, name)
    raw = path.read_bytes()
    if raw.decode("utf-8", "replace").removeprefix("\ufeff") != text:
        raise OutputError("JC644", path=path)
    doc = parse_text(text, name)
    plan = validate_plan(doc)
    # From here on in the plan's language, unless --lang or JOURNEYCHECK_LANG says
    # otherwise: the notes and the comments of new answers, and the playbook's words.
    i18n.activate(i18n.choose_for(plan.language, for_files=False))
    cache = PlaybookCache(allow_outside=allow_outside)
    resolved = cache.resolve(plan.playbook, path.parent, doc, plan=path)
    digest = hashlib.sha256(raw).hexdigest()
    return Read(path, digest, text, raw.startswith(codecs.BOM_UTF8), plan, resolved.playbook)


@dataclass(frozen=True)
class Prepared:
    """An upgrade ready to write: what it changes, and the plan's new text."""

    read: Read
    upgrade: Upgrade
    text: str

    def diff(self) -> str:
        """The change as a unified diff of the file."""
        from journeycheck.roundtrip import unified_diff

        return unified_diff(self.read.text, self.text, str(self.read.path))


def prepare(source: Read) -> Prepared:
    """The plan's text with the upgrade made, checked as a whole; nothing is written.

    Renamed keys are rewritten on their own line, retired answers turned into
    comments under a note, ``playbook_version`` set (or added under ``playbook:``),
    and the stubs inserted where ``init`` would put them. Every other line is kept
    byte for byte.
    """
    plan, playbook = source.plan, source.playbook
    upgrade = plan_upgrade(
        plan.answers, plan.traits, plan.launch, plan.playbook_version, playbook, plan.accounts
    )
    if upgrade.empty:
        return Prepared(source, upgrade, source.text)
    name = str(source.path)
    newline = "\r\n" if "\r\n" in source.text[: source.text.find("\n") + 1] else "\n"
    # The accounts come after the answers in init's plans, but a plan may put them first:
    # their lists are rewritten on the text as it was read, before lines move.
    text = _with_blocks(source.text, name, upgrade)
    text = _moved_and_retired(text, name, upgrade, newline)
    if upgrade.version_changes:
        text = _with_version(text, name, upgrade.to_version, newline)
    text = _with_stubs(text, name, upgrade, plan, playbook)
    _check(source, upgrade, text)
    return Prepared(source, upgrade, text)


def _moved_and_retired(text: str, name: str, upgrade: Upgrade, newline: str) -> str:
    from journeycheck.roundtrip import answer_places, commented_out, rename_key
    from journeycheck.scaffold import comment

    places = answer_places(text, name)
    lines = text.splitlines(keepends=True)
    for move in upgrade.moves:
        place = places[move.old]
        lines[place.key_line] = rename_key(lines[place.key_line], place.key_col, move.new)
    # From the bottom up, so that the notes added above do not move what is still to do.
    for item in sorted(upgrade.retired, key=lambda r: places[r.id].key_line, reverse=True):
        place = places[item.id]
        note = [line + newline for line in comment(item.note, place.key_col).split("\n")]
        body = commented_out(lines[place.key_line : place.end_line + 1], place.key_col)
        if body and not body[-1].endswith("\n"):
            body[-1] += newline
        lines[place.key_line : place.end_line + 1] = note + body
    return "".join(lines)


def _comment_inside(lines: list[str], place: ListPlace) -> bool:
    """Whether a comment is written between a flow list's brackets (not in one of its ids)."""
    (first, start), (last, end) = place.start, place.end
    spans: dict[int, list[tuple[int, int]]] = {}
    for item in place.items:
        spans.setdefault(item.line, []).append((item.start, item.end))
    for number in range(first, last + 1):
        line = lines[number]
        line = line[: end if number == last else len(line)]
        chars = list(line)
        for begin, stop in spans.get(number, []):
            chars[begin:stop] = " " * (stop - begin)
        if "#" in "".join(chars)[start if number == first else 0 :]:
            return True
    return False


_BLOCK_ITEM_BEFORE = re.compile(r"[ \t]*-[ \t]+")
_BLOCK_ITEM_AFTER = re.compile(r"[ \t]*(#.*)?\r?\n?")


def _with_blocks(text: str, name: str, upgrade: Upgrade) -> str:
    """``text`` with each account's ``blocked_by`` as the upgrade says, nothing else changed.

    ``[a, b]`` is written again as one line of the ids it keeps; in a list of ``- id``
    lines a renamed id is rewritten in its place and a dropped one's line removed
    (``[]`` after the key when none is left). A list written any other way is refused
    (JC771): nothing is written, and the message names the ids to change by hand.
    """
    if not upgrade.blocks:
        return text
    from journeycheck.roundtrip import account_lists
    from journeycheck.scaffold import yaml_scalar

    places = account_lists(text, name)
    lines = text.splitlines(keepends=True)

    def refuse(change: Blocks) -> InputError:
        ids = ", ".join(
            key for key, new in zip(change.before, change.after, strict=True) if new != key
        )
        return InputError([Problem(name, None, None, "JC771", account=change.name, ids=ids)])

    # From the last account up, so that a line removed does not move what is still to do.
    for change in sorted(upgrade.blocks, key=lambda change: change.account, reverse=True):
        place = places.get(change.account)
        if place is None or tuple(item.value for item in place.items) != change.before:
            raise refuse(change)
        if place.flow:
            if _comment_inside(lines, place):
                raise refuse(change)  # written again on one line, it would lose the comment
            kept = [
                lines[item.line][item.start : item.end] if new == item.value else yaml_scalar(new)
                for item, new in zip(place.items, change.after, strict=True)
                if new is not None
            ]
            (first, start), (last, end) = place.start, place.end
            written = lines[first][:start] + "[" + ", ".join(kept) + "]" + lines[last][end:]
            lines[first : last + 1] = [written]
            continue
        for item, new in reversed(list(zip(place.items, change.after, strict=True))):
            line = lines[item.line]
            before, after = line[: item.start], line[item.end :]
            if new is None:
                if not (
                    _BLOCK_ITEM_BEFORE.fullmatch(before) and _BLOCK_ITEM_AFTER.fullmatch(after)
                ):
                    raise refuse(change)
                del lines[item.line]
            elif new != item.value:
                lines[item.line] = before + yaml_scalar(new) + after
        if not change.blocked_by:
            key_line = lines[place.key_line]
            colon = key_line.index(":", place.key_end)
            lines[place.key_line] = key_line[: colon + 1] + " []" + key_line[colon + 1 :]
    return "".join(lines)


#: The comment ``init`` writes above ``playbook_version`` (templates/plan.yaml.j2).
VERSION_COMMENT = "# The playbook's version this plan follows; journeycheck upgrade updates it."


def _with_version(text: str, name: str, version: str, newline: str) -> str:
    from journeycheck.roundtrip import top_level_value
    from journeycheck.scaffold import yaml_scalar

    lines = text.splitlines(keepends=True)
    written = top_level_value(text, name, "playbook_version")
    if written is not None:
        line = lines[written.line]
        lines[written.line] = line[: written.start] + yaml_scalar(version) + line[written.end :]
        return "".join(lines)
    after = top_level_value(text, name, "playbook")
    assert after is not None, "a valid plan names its playbook"
    indent = " " * (len(lines[after.line]) - len(lines[after.line].lstrip(" ")))
    added = [
        indent + VERSION_COMMENT + newline,
        indent + "playbook_version: " + yaml_scalar(version) + newline,
    ]
    if not lines[after.line].endswith("\n"):
        lines[after.line] += newline
    lines[after.line + 1 : after.line + 1] = added
    return "".join(lines)


def _with_stubs(text: str, name: str, upgrade: Upgrade, plan: Plan, playbook: Playbook) -> str:
    if not upgrade.stubs:
        return text
    from journeycheck.roundtrip import AnswerEdit, NewAnswer, apply_edits
    from journeycheck.scaffold import answer_comment, plan_order, team_heading

    dues = {stub.question.id: stub.due for stub in upgrade.stubs}
    questions = {question.id: question for question in playbook.questions}

    def new_answer(question_id: str, column: int) -> NewAnswer:
        question = questions[question_id]
        return NewAnswer(
            answer_comment(question, column),
            dues[question_id],
            team_heading(playbook, question, column),
        )

    edits = [AnswerEdit(stub.question.id) for stub in upgrade.stubs]
    return apply_edits(text, edits, name=name, order=plan_order(playbook), new_answer=new_answer)


def _check(source: Read, upgrade: Upgrade, text: str) -> None:
    """The upgraded plan is valid against its playbook, and says what it said before, the
    upgrade's changes apart; else nothing is written."""
    from journeycheck.checking.references import check_plan
    from journeycheck.checking.shape import validate_plan
    from journeycheck.reading.compose import parse_text

    try:
        doc = parse_text(text, str(source.path))
        plan = validate_plan(doc)
        check_plan(doc, plan, source.playbook)
    except InputError as exc:
        listed = "; ".join(str(problem) for problem in exc.problems)
        raise InputError(
            [Problem(str(source.path), None, None, "JC770", problems=listed)]
        ) from None
    old = source.plan
    expected = dict(old.answers)
    for move in upgrade.moves:
        expected[move.new] = expected.pop(move.old)
    for item in upgrade.retired:
        expected.pop(item.id)
    kept = {key: answer for key, answer in plan.answers.items() if key in expected}
    stubs = {key for key in plan.answers if key not in expected}
    accounts = list(old.accounts)
    for change in upgrade.blocks:
        accounts[change.account] = accounts[change.account].model_copy(
            update={"blocked_by": change.blocked_by}
        )
    rest: dict[str, object] = {"answers": {}, "playbook_version": None, "accounts": []}
    if (
        kept != expected
        or plan.accounts != accounts
        or stubs != {stub.question.id for stub in upgrade.stubs}
        or any(plan.answers[key].status != "not-started" for key in stubs)
        or plan.playbook_version != upgrade.to_version
        or old.model_copy(update=rest) != plan.model_copy(update=rest)
    ):
        problem = Problem(
            str(source.path), None, None, "JC770", problems="answers not asked for changed"
        )
        raise InputError([problem])


def write(prepared: Prepared) -> None:
    """Write the upgraded plan atomically, unless the file changed since it was read."""
    import hashlib

    from journeycheck.output import write_atomic

    source = prepared.read
    try:
        now = hashlib.sha256(source.path.read_bytes()).hexdigest()
    except OSError as exc:
        raise OutputError("JC637", path=source.path, reason=os_reason(exc)) from None
    if now != source.digest:
        raise OutputError("JC644", path=source.path)
    write_atomic(source.path, ("\ufeff" if source.bom else "") + prepared.text)


def report(prepared: Prepared, *, dry_run: bool = False) -> str:
    """What the upgrade changed (or, with ``dry_run``, would change), one line a kind."""
    upgrade = prepared.upgrade
    if upgrade.empty:
        return summary(upgrade)
    if dry_run:
        template = _(
            "Would upgrade {file} to playbook {playbook} {version} (dry run: nothing was written):"
        )
    else:
        template = _("Upgraded {file} to playbook {playbook} {version}:")
    head = template.format(
        file=prepared.read.path, playbook=upgrade.playbook, version=upgrade.to_version
    )
    return head + "\n" + summary(upgrade)
