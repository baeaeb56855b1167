"""The questions ``journeycheck init`` asks for what its flags left open.

:func:`settle` turns the flags into complete choices: with a :class:`Prompter`
it asks for each missing value and checks every answer as it is typed (a bad
date is asked again); without one, missing values take their defaults. The
prompter is the only part that talks to the terminal, so tests can drive the
flow with a fake one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from journeycheck.checking.dates import flag_date
from journeycheck.checking.wording import listing, suggestion
from journeycheck.errors import UsageError
from journeycheck.i18n import _
from journeycheck.messages import render
from journeycheck.models import AUTO_GATE, Playbook
from journeycheck.scaffold import check_launch, check_product, either

#: A launch date this many days before today or more is asked about, or warned of.
LONG_PAST_DAYS = 365
#: The words a yes/no prompt takes, in any case and whatever language it asks in; an
#: empty answer takes the default. Bulgarian да/не (and д/н); Korean 예/네 and 아니요
#: (and 아니오, 아니), and ㅛ/ㅜ, which y and n type while a Korean input method is on.
YES_NO: dict[str, bool] = {
    "y": True,
    "yes": True,
    "n": False,
    "no": False,
    "да": True,
    "д": True,
    "не": False,
    "н": False,
    "예": True,
    "네": True,
    "ㅛ": True,
    "아니요": False,
    "아니오": False,
    "아니": False,
    "ㅜ": False,
}

T = TypeVar("T")


@dataclass(frozen=True)
class Given:
    """What the command line already settled."""

    product: str | None = None
    launch: dt.date | None = None
    traits: dict[str, bool] = field(default_factory=dict)
    #: Team owners given with --owner; ``None`` when none was (then they may be asked).
    owners: dict[str, str] | None = None
    #: ``auto`` or a phase id, already checked against the playbook.
    gate: str | None = None


@dataclass(frozen=True)
class Settled:
    """Every choice a new plan needs, beyond where it goes."""

    product: str
    launch: dt.date
    #: Every trait of the playbook with its value.
    traits: dict[str, bool]
    #: Who owns each team's answers, by team id.
    owners: dict[str, str] = field(default_factory=dict)
    #: ``auto`` or a phase id.
    gate: str = AUTO_GATE
    #: What the user should hear about the choices the flags made (a launch long past).
    warnings: tuple[str, ...] = ()


class Prompter(Protocol):
    """Asks one question at a time; Ctrl-C raises :class:`KeyboardInterrupt`."""

    def say(self, text: str) -> None: ...

    def ask(self, question: str, check: Callable[[str], T], default: str | None = None) -> T:
        """Ask until ``check`` accepts the answer (it raises :class:`UsageError` if not)."""
        ...

    def confirm(self, question: str, default: bool) -> bool: ...


def settle(
    playbook: Playbook,
    given: Given,
    prompter: Prompter | None,
    default_product: str | None,
    today: dt.date,
) -> Settled:
    """Complete ``given``: ask through ``prompter``, or take defaults when it is ``None``."""
    warnings: tuple[str, ...] = ()
    if given.launch is not None and _long_past(given.launch, today):
        warnings = (_long_past_warning(given.launch, today),)
    if prompter is None:
        return dataclasses.replace(_defaults(playbook, given, default_product), warnings=warnings)
    prompter.say(
        _(
            'A new plan against the playbook "{title}" ({id} {version}). Press Ctrl-C to '
            "stop; nothing is written until the end."
        ).format(title=playbook.title, id=playbook.id, version=playbook.version)
    )
    product = given.product
    if product is None:
        product = prompter.ask(
            _("Product name"),
            lambda text: check_product(text.strip(), _("product name")),
            default=default_product,
        )
    launch = given.launch
    source = _("launch date")

    def check_launch_answer(text: str) -> dt.date:
        return check_launch(flag_date(text, source), playbook, source)

    while launch is None:
        launch = prompter.ask(_("Launch date (YYYY-MM-DD)"), check_launch_answer)
        if _long_past(launch, today) and not prompter.confirm(
            _(
                "{launch} is more than a year ago, and every due date counts from it. Keep it "
                "as the launch date?"
            ).format(launch=launch.isoformat()),
            default=False,
        ):
            launch = None
    traits = dict(given.traits)
    for name, trait in playbook.traits.items():
        if name not in traits:
            traits[name] = prompter.confirm(trait.ask, trait.default)
    traits = playbook.trait_values(traits)
    owners = dict(given.owners or {})
    if given.owners is None:
        owners = _ask_owners(playbook, traits, prompter)
    gate = given.gate
    if gate is None:
        prompter.say(_gate_explained().format(phases=either(playbook.phase_ids())))
        gate = prompter.ask(
            _("Gate"), lambda text: check_gate_answer(text, playbook, "gate"), default=AUTO_GATE
        )
    return Settled(product, launch, traits, owners, gate, warnings)


def _ask_owners(playbook: Playbook, traits: dict[str, bool], prompter: Prompter) -> dict[str, str]:
    """Team owners, if the user wants to name them now (each one may be skipped)."""
    from journeycheck.scaffold import check_owner, owned_teams

    applicable = [q for q in playbook.questions if playbook.applies(q, traits)]
    teams = owned_teams(playbook, applicable)
    if not teams or not prompter.confirm(
        _("Name an owner for each team now? (each one can be skipped with Enter)"), False
    ):
        return {}
    titles = {team.id: team.title for team in playbook.teams}
    owners = {}
    for team in teams:

        def check(text: str, source: str = _("owner of {team}").format(team=team)) -> str:
            return check_owner(text, source)

        question = _("Owner for {title} ({team}; Enter skips)").format(
            title=titles[team], team=team
        )
        name = prompter.ask(question, check, default="")
        if name:
            owners[team] = name
    return owners


def _gate_explained() -> str:
    return _(
        "The gate is the last phase that must be ready now. With auto, the calendar decides: "
        "on any day it is the latest phase with a question due by then, so the verdict judges "
        "only what is due (before anything is due, no phase must be ready). Or name a fixed "
        "phase: {phases}."
    )


def check_gate_answer(text: str, playbook: Playbook, source: str) -> str:
    """A gate typed at the prompt: ``auto`` or a phase id, in any case."""
    answer = text.strip().casefold()
    phases = playbook.phase_ids()
    if answer == AUTO_GATE or answer in phases:
        return answer
    raise UsageError(
        "JC428",
        source=source,
        name=text.strip(),
        suggestion=suggestion(answer, [AUTO_GATE, *phases]),
        phases=listing(phases),
    )


def parse_yes_no(text: str, default: bool) -> bool:
    """An answer to a yes/no question: y, yes, n or no in any case; nothing takes ``default``."""
    answer = text.strip().casefold()
    if not answer:
        return default
    if answer not in YES_NO:
        raise UsageError("JC429", answer=text.strip())
    return YES_NO[answer]


def _long_past(launch: dt.date, today: dt.date) -> bool:
    return (today - launch).days > LONG_PAST_DAYS


def _long_past_warning(launch: dt.date, today: dt.date) -> str:
    return render("JC784", source="--launch", launch=launch.isoformat(), today=today.isoformat())


def _defaults(playbook: Playbook, given: Given, default_product: str | None) -> Settled:
    product = given.product
    if product is None:
        if default_product is None:
            raise UsageError("JC418")
        product = check_product(default_product, "the folder name (the default product name)")
    if given.launch is None:
        raise UsageError("JC419")
    gate = AUTO_GATE if given.gate is None else given.gate
    traits = playbook.trait_values(given.traits)
    return Settled(product, given.launch, traits, dict(given.owners or {}), gate)


class TerminalPrompter:
    """A :class:`Prompter` on the terminal, through Typer's prompts."""

    def say(self, text: str) -> None:
        import typer

        typer.echo(text)

    def ask(self, question: str, check: Callable[[str], T], default: str | None = None) -> T:
        import typer

        def convert(text: str) -> T:
            try:
                return check(text)
            except UsageError as exc:
                raise typer.BadParameter(str(exc)) from None

        try:
            answer: T = typer.prompt(
                question, default=default, value_proc=convert, show_default=bool(default)
            )
        except typer.Abort:  # Ctrl-C, or the input ended
            raise KeyboardInterrupt from None
        return answer

    def confirm(self, question: str, default: bool) -> bool:
        """A yes/no question that takes y, yes, n or no in any case, and says so on a typo."""
        import typer

        def convert(text: str) -> bool:
            try:
                return parse_yes_no(text, default)
            except UsageError as exc:
                raise typer.BadParameter(str(exc)) from None

        if default:
            # Translators: a yes/no question whose answer on Enter is yes.
            asked = _("{question} [Y/n]").format(question=question)
        else:
            # Translators: a yes/no question whose answer on Enter is no.
            asked = _("{question} [y/N]").format(question=question)
        try:
            answer: bool = typer.prompt(asked, default="", show_default=False, value_proc=convert)
        except typer.Abort:
            raise KeyboardInterrupt from None
        return answer
