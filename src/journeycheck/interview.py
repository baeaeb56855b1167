"""The questions ``journeycheck init`` asks for what its flags left open.

:func:`settle` turns the flags into complete choices: with a :class:`Prompter`
it asks for each missing value and checks every answer as it is typed (a bad
date is asked again); without one, missing values take their defaults. The
prompter is the only part that talks to the terminal, so tests can drive the
flow with a fake one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from journeycheck.checking.dates import flag_date
from journeycheck.errors import UsageError
from journeycheck.models import Playbook
from journeycheck.scaffold import check_launch, check_product

T = TypeVar("T")


@dataclass(frozen=True)
class Given:
    """What the command line already settled."""

    product: str | None = None
    launch: dt.date | None = None
    traits: dict[str, bool] = field(default_factory=dict)
    #: Team owners given with --owner; ``None`` when none was (then they may be asked).
    owners: dict[str, str] | None = None


@dataclass(frozen=True)
class Settled:
    """Every choice a new plan needs, beyond where it goes."""

    product: str
    launch: dt.date
    #: Every trait of the playbook with its value.
    traits: dict[str, bool]
    #: Who owns each team's answers, by team id.
    owners: dict[str, str] = field(default_factory=dict)


class Prompter(Protocol):
    """Asks one question at a time; Ctrl-C raises :class:`KeyboardInterrupt`."""

    def say(self, text: str) -> None: ...

    def ask(self, question: str, check: Callable[[str], T], default: str | None = None) -> T:
        """Ask until ``check`` accepts the answer (it raises :class:`UsageError` if not)."""
        ...

    def confirm(self, question: str, default: bool) -> bool: ...


def settle(
    playbook: Playbook, given: Given, prompter: Prompter | None, default_product: str | None
) -> Settled:
    """Complete ``given``: ask through ``prompter``, or take defaults when it is ``None``."""
    if prompter is None:
        return _defaults(playbook, given, default_product)
    prompter.say(
        f'A new plan against the playbook "{playbook.title}" ({playbook.id} '
        f"{playbook.version}). Press Ctrl-C to stop; nothing is written until the end."
    )
    product = given.product
    if product is None:
        product = prompter.ask(
            "Product name",
            lambda text: check_product(text.strip(), "product name"),
            default=default_product,
        )
    launch = given.launch
    if launch is None:
        launch = prompter.ask(
            "Launch date (YYYY-MM-DD)",
            lambda text: check_launch(flag_date(text, "launch date"), playbook, "launch date"),
        )
    traits = dict(given.traits)
    for name, trait in playbook.traits.items():
        if name not in traits:
            traits[name] = prompter.confirm(trait.ask, trait.default)
    traits = playbook.trait_values(traits)
    owners = dict(given.owners or {})
    if given.owners is None:
        owners = _ask_owners(playbook, traits, prompter)
    return Settled(product, launch, traits, owners)


def _ask_owners(playbook: Playbook, traits: dict[str, bool], prompter: Prompter) -> dict[str, str]:
    """Team owners, if the user wants to name them now (each one may be skipped)."""
    from journeycheck.scaffold import check_owner, owned_teams

    applicable = [q for q in playbook.questions if playbook.applies(q, traits)]
    teams = owned_teams(playbook, applicable)
    if not teams or not prompter.confirm(
        "Name an owner for each team now? (each one can be skipped with Enter)", False
    ):
        return {}
    titles = {team.id: team.title for team in playbook.teams}
    owners = {}
    for team in teams:

        def check(text: str, source: str = f"owner of {team}") -> str:
            return check_owner(text, source)

        name = prompter.ask(f"Owner for {titles[team]} ({team}; Enter skips)", check, default="")
        if name:
            owners[team] = name
    return owners


def _defaults(playbook: Playbook, given: Given, default_product: str | None) -> Settled:
    product = given.product
    if product is None:
        if default_product is None:
            raise UsageError("JC418")
        product = check_product(default_product, "the folder name (the default product name)")
    if given.launch is None:
        raise UsageError("JC419")
    return Settled(
        product, given.launch, playbook.trait_values(given.traits), dict(given.owners or {})
    )


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
        import typer

        try:
            return bool(typer.confirm(question, default=default))
        except typer.Abort:
            raise KeyboardInterrupt from None
