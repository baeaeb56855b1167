"""``journeycheck review``: walk the open questions one by one and record the answers.

The most urgent first (the audit's gap order). For each question: where it is
(phase, team, severity), the question and its help, the current answer; then a
single key for the status, and the owner, due date, evidence (when the question
requires it for done) and note (required for n/a). ``s`` skips, ``b`` goes back,
``q`` quits. Each answer is written (atomically, as ``set`` writes) before the
next question is shown, so Ctrl-C loses at most the one being typed.

The :class:`Prompter` is the only part that talks to the terminal, so tests
drive the walk with a scripted one; :class:`TerminalPrompter` draws with Rich
and reads single keys in the terminal's cbreak mode.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from journeycheck.editing import Asked, Change, edits_for, prepare, read_for_edit, write_edit
from journeycheck.errors import InputError, UsageError
from journeycheck.i18n import _, format_date, format_decimal, pgettext

if TYPE_CHECKING:
    from journeycheck.editing import ReadPlan
    from journeycheck.models import Answer, Question
    from journeycheck.result import AuditResult

#: The single keys for a status, in the order they are offered.
STATUS_KEYS = (
    ("d", "done"),
    ("p", "partial"),
    ("n", "not-started"),
    ("k", "blocked"),
    ("a", "n/a"),
)
SKIP, BACK, QUIT, KEEP = "s", "b", "q", ""
#: What the keys above type with a Bulgarian (phonetic) or Korean (2-set) keyboard
#: layout on: a reviewer need not switch layouts between a name and the next status.
#: The Bulgarian state standard (BDS) layout puts other letters on them, some of which
#: the phonetic one puts on other keys, so it is not taken.
LAYOUT_KEYS = {
    **dict(zip("дпнкасбя", "dpnkasbq", strict=True)),
    **dict(zip("ㅇㅔㅜㅏㅁㄴㅠㅂ", "dpnkasbq", strict=True)),
}


@dataclass(frozen=True)
class Card:
    """What is shown about one question before its answer is asked for."""

    number: int
    total: int
    question: Question
    phase: str
    team: str
    answer: Answer | None
    #: The owner the answer has: its own, else its team's (``from_team``).
    owner: str | None
    from_team: bool
    due: dt.date | None


class Prompter(Protocol):
    """Shows cards and asks; Ctrl-C raises :class:`KeyboardInterrupt`, the end of input ``q``."""

    def show(self, card: Card) -> None: ...

    def key(self, prompt: str, keys: Sequence[tuple[str, str]]) -> str:
        """One key of ``keys`` (or ``""`` for Enter)."""
        ...

    def text(self, prompt: str, default: str | None, check: Callable[[str], str]) -> str:
        """A line of text, ``default`` on Enter; asked again while ``check`` raises UsageError."""
        ...

    def say(self, text: str) -> None: ...


@dataclass
class Outcome:
    """What a review did."""

    changes: list[Change] = field(default_factory=list)
    before: AuditResult | None = None
    after: AuditResult | None = None
    asked: int = 0
    total: int = 0


def review(
    path: Path,
    prompter: Prompter,
    *,
    as_of: dt.date,
    teams: Sequence[str] = (),
    phases: Sequence[str] = (),
    everything: bool = False,
    allow_outside: bool = False,
) -> Outcome:
    """Walk the questions of the plan at ``path``, writing each answer as it is given."""
    read = read_for_edit(path, allow_outside=allow_outside)
    order = _questions(read, as_of, teams, phases, everything)
    outcome = Outcome(before=read.audit(as_of), total=len(order))
    outcome.after = outcome.before
    index = 0
    while 0 <= index < len(order):
        question_id = order[index]
        card = _card(read, question_id, index, len(order), as_of)
        prompter.show(card)
        outcome.asked = max(outcome.asked, index + 1)
        step = _ask(card, prompter)
        if step == QUIT:
            break
        if step == BACK:
            index = max(index - 1, 0)
            continue
        if isinstance(step, Asked) and not nothing_to_change(step):
            try:
                prepared = prepare(read, edits_for([question_id], step), as_of)
            except (InputError, UsageError) as exc:
                prompter.say(_refused(exc))
                continue  # the same question again
            if prepared.changes:
                write_edit(prepared)
                outcome.changes += prepared.changes
                outcome.after = prepared.after
                prompter.say(
                    _("Saved. Gate score {before} → {after}, verdict {verdict}.").format(
                        before=_score(prepared.before.score),
                        after=_score(prepared.after.score),
                        verdict=prepared.after.verdict,
                    )
                )
            read = read_for_edit(path, allow_outside=allow_outside)
        index += 1
    return outcome


def _refused(exc: Exception) -> str:
    if isinstance(exc, InputError):
        reason = "; ".join(problem.message for problem in exc.problems)
        return _("Not saved: {reason}").format(reason=reason)
    return _("Not saved: {reason}").format(reason=exc)


def _score(score: float | None) -> str:
    return pgettext("score", "none") if score is None else format_decimal(score)


def _questions(
    read: ReadPlan, as_of: dt.date, teams: Sequence[str], phases: Sequence[str], everything: bool
) -> list[str]:
    """Open questions in gap order; with ``everything``, then the rest in the plan's order."""
    from journeycheck.editing import select

    chosen = select(read, teams, phases)
    wanted = set(chosen)
    result = read.audit(as_of)
    urgent = [gap.question for gap in result.gaps if gap.question in wanted]
    if not everything:
        return urgent
    return urgent + [question for question in chosen if question not in set(urgent)]


def _card(read: ReadPlan, question_id: str, index: int, total: int, as_of: dt.date) -> Card:
    from journeycheck.score import owner_of

    playbook = read.playbook
    question = next(q for q in playbook.questions if q.id == question_id)
    phase = next(p.title for p in playbook.phases if p.id == question.phase)
    team = next(t.title for t in playbook.teams if t.id == question.team)
    answer = read.plan.answers.get(question_id)
    owner, from_team = owner_of(answer, read.plan.owners.get(question.team))
    due = answer.due if answer is not None and answer.due is not None else None
    if due is None and question.due is not None:
        due = read.plan.launch + dt.timedelta(days=question.due)
    return Card(index + 1, total, question, phase, team, answer, owner, from_team, due)


def _ask(card: Card, prompter: Prompter) -> Asked | str:
    """The answer to one card: an :class:`Asked`, or SKIP, BACK or QUIT."""
    current = card.answer.status if card.answer is not None else None
    keys = [
        *STATUS_KEYS,
        (SKIP, pgettext("review key", "skip")),
        (BACK, pgettext("review key", "back")),
        (QUIT, pgettext("review key", "quit")),
    ]
    if current is None:
        prompt = _("Status (Enter keeps it unanswered)")
    else:
        prompt = _("Status (Enter keeps {status})").format(status=current)
    pressed = prompter.key(prompt, keys)
    if pressed in (SKIP, BACK, QUIT):
        return SKIP if pressed == SKIP else pressed
    status = dict(STATUS_KEYS).get(pressed, current or "not-started")
    answer = card.answer
    owner_default = answer.owner if answer is not None and answer.owner else None
    if card.from_team:
        owner_prompt = _("Owner (Enter: {owner}, the team's owner)").format(owner=card.owner)
    else:
        owner_prompt = _("Owner")
    owner = prompter.text(owner_prompt, owner_default, _any_text)
    due_text = prompter.text(
        _("Due (YYYY-MM-DD)"), card.due.isoformat() if card.due else None, _date_text
    )
    evidence = answer.evidence if answer is not None else None
    if status == "done" and card.question.evidence == "required":
        evidence = prompter.text(_("Evidence (a link; required for done)"), evidence, _required)
    note = answer.note if answer is not None else None
    if status == "n/a":
        note = prompter.text(_("Note (why it does not apply; required)"), note, _required)
    elif status == "blocked":
        note = prompter.text(_("Note (what it waits on)"), note, _any_text)
    due = dt.date.fromisoformat(due_text) if due_text else None
    current_due = answer.due if answer is not None else None
    return Asked(
        status=status if status != current else None,
        owner=owner if owner and owner != owner_default else None,
        due=due if due is not None and due != current_due and due != card.due else None,
        evidence=evidence if evidence and evidence != _field(answer, "evidence") else None,
        note=note if note and note != _field(answer, "note") else None,
    )


def _field(answer: Answer | None, name: str) -> str | None:
    return getattr(answer, name) if answer is not None else None


def _any_text(text: str) -> str:
    return text.strip()


def _required(text: str) -> str:
    if not text.strip():
        raise UsageError("JC635")
    return text.strip()


def _date_text(text: str) -> str:
    from journeycheck.checking.dates import flag_date

    text = text.strip()
    if text:
        flag_date(text, None)
    return text


def nothing_to_change(asked: Asked) -> bool:
    """Whether a review answer changes nothing (Enter at every prompt)."""
    return all(
        getattr(asked, name) is None for name in ("status", "owner", "due", "evidence", "note")
    )


# -- the terminal -------------------------------------------------------------------------------


def _card_line(status: str, card: Card) -> str:
    """The card's line on the answer as it stands: its status, owner and due date."""
    if card.owner is None:
        if card.due is None:
            return _("Now: {status}; no owner; no due date").format(status=status)
        return _("Now: {status}; no owner; due {due}").format(
            status=status, due=format_date(card.due)
        )
    owner = _("{owner} (team)").format(owner=card.owner) if card.from_team else card.owner
    if card.due is None:
        return _("Now: {status}; owner {owner}; no due date").format(status=status, owner=owner)
    return _("Now: {status}; owner {owner}; due {due}").format(
        status=status, owner=owner, due=format_date(card.due)
    )


class TerminalPrompter:
    """A :class:`Prompter` on the terminal: Rich for the cards, single keys for the status."""

    def __init__(self, *, ascii_only: bool = False) -> None:
        from rich.console import Console

        self.console = Console(highlight=False, emoji=False)
        #: ``--ascii``: the separator of the card's heading in ASCII.
        self.separator = " - " if ascii_only else " · "
        #: Cards are drawn at most 80 columns wide, to stay readable in any terminal.
        self.width = min(self.console.width or 80, 80)

    def show(self, card: Card) -> None:
        from rich.text import Text

        question = card.question
        head = Text()
        head.append(f"[{card.number}/{card.total}] ", style="dim")
        head.append(f"{question.phase}{self.separator}{card.team}{self.separator}", style="bold")
        head.append(question.severity, style=_SEVERITY_STYLE.get(question.severity, ""))
        body = Text("\n")
        body.append(question.ask, style="bold")
        if question.help:
            body.append("\n" + question.help, style="dim")
        body.append(f"\n{question.id}", style="dim")
        answer = card.answer
        status = answer.status if answer is not None else _("unanswered")
        now = Text("\n" + _card_line(status, card))
        if answer is not None and answer.evidence:
            now.append("\n" + _("Evidence: {evidence}").format(evidence=answer.evidence))
        if answer is not None and answer.note:
            now.append("\n" + _("Note: {note}").format(note=answer.note))
        self.console.print()
        self.console.print(head, body, now, width=self.width, sep="")

    def key(self, prompt: str, keys: Sequence[tuple[str, str]]) -> str:
        from rich.text import Text

        from journeycheck.render.terminal import packed

        self.console.print(Text(prompt + ":"), width=self.width)
        options = []
        for key, label in keys:
            option = Text()
            option.append(f"[{key}]", style="bold")
            option.append(f" {label}")
            options.append(option)
        # Packed into lines that fit (in columns: a Korean label takes two a syllable),
        # never breaking an option between its key and label.
        for line in packed(options, self.width):
            self.console.print(line, width=self.width, no_wrap=True, overflow="fold")
        allowed = {key for key, _ in keys}
        while True:
            pressed = _read_key()
            if pressed in ("\r", "\n"):
                return KEEP
            if pressed in ("", "\x04"):  # end of input
                return QUIT
            pressed = LAYOUT_KEYS.get(pressed.lower(), pressed.lower())
            if pressed in allowed:
                self.console.print(dict(keys)[pressed], style="dim")
                return pressed

    def text(self, prompt: str, default: str | None, check: Callable[[str], str]) -> str:
        from rich.prompt import Prompt

        while True:
            try:
                typed = Prompt.ask(
                    prompt, console=self.console, default=default or "", show_default=bool(default)
                )
            except EOFError:
                raise KeyboardInterrupt from None
            try:
                return check(typed)
            except UsageError as exc:
                self.console.print(str(exc), style="yellow")

    def say(self, text: str) -> None:
        from rich.text import Text

        self.console.print(Text(text), width=self.width)


_SEVERITY_STYLE = {"blocker": "red", "major": "yellow", "minor": "cyan"}


def _read_key() -> str:
    """One key from the terminal, without waiting for Enter (POSIX cbreak mode)."""
    import os
    import sys

    stream = sys.stdin
    try:
        import termios
        import tty
    except ImportError:  # pragma: no cover - Windows: a line, of which the first key counts
        return (stream.readline() or "")[:1] or "\n"
    descriptor = stream.fileno()
    saved = termios.tcgetattr(descriptor)
    try:
        tty.setcbreak(descriptor)
        # One character, and not a byte more: what is typed after the key (a name
        # typed fast, a paste) belongs to the next prompt.
        data = os.read(descriptor, 1)
        extra = _UTF8_LENGTH.get(data[0] >> 4, 0) if data else 0
        while extra and len(data) < 1 + extra:
            more = os.read(descriptor, 1)
            if not more:
                break
            data += more
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
    return data.decode("utf-8", "replace")[:1]


#: The bytes after a UTF-8 lead byte, by its high four bits.
_UTF8_LENGTH = {0xC: 1, 0xD: 1, 0xE: 2, 0xF: 3}
