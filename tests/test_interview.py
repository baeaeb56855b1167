"""What init asks for, with a scripted prompter standing in for the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest

from journeycheck.errors import UsageError
from journeycheck.interview import Given, settle
from tests.helpers import mini_playbook

T = TypeVar("T")
MINI = mini_playbook()


class ScriptedPrompter:
    """Answers from a script, re-asking on a refused answer as the terminal does."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.refused: list[str] = []

    def say(self, text: str) -> None:
        pass

    def ask(self, question: str, check: Callable[[str], T], default: str | None = None) -> T:
        while True:
            self.asked.append(question)
            answer = self.answers.pop(0) or default or ""
            try:
                return check(answer)
            except UsageError as exc:
                self.refused.append(str(exc))

    def confirm(self, question: str, default: bool) -> bool:
        self.asked.append(question)
        answer = self.answers.pop(0)
        return default if answer == "" else answer == "y"


def test_asks_for_everything_missing_and_re_asks_a_bad_answer() -> None:
    prompter = ScriptedPrompter("", "  ", "Acme", "2027-13-01", "2027-03-01", "y", "", "")
    settled = settle(MINI, Given(), prompter, default_product="   ")
    assert settled.product == "Acme"
    assert settled.launch == dt.date(2027, 3, 1)
    assert settled.traits == {"physical": True, "channels": True}
    assert prompter.asked == [
        "Product name",
        "Product name",
        "Product name",
        "Launch date (YYYY-MM-DD)",
        "Launch date (YYYY-MM-DD)",
        "Does it ship hardware?",
        "Do partners resell it?",
        "Name an owner for each team now? (each one can be skipped with Enter)",
    ]
    assert prompter.refused == [
        "product name: the product name must not be empty",
        "product name: the product name must not be empty",
        "launch date: '2027-13-01' is not a real date: month must be in 1..12",
    ]
    assert prompter.answers == []


def test_asks_nothing_the_flags_gave() -> None:
    prompter = ScriptedPrompter()
    given = Given("Acme", dt.date(2027, 3, 1), {"physical": False, "channels": True}, {})
    settled = settle(MINI, given, prompter, default_product="folder")
    assert prompter.asked == []
    assert (settled.product, settled.traits) == ("Acme", {"physical": False, "channels": True})


def test_without_a_prompter_missing_values_take_defaults() -> None:
    settled = settle(MINI, Given(launch=dt.date(2027, 3, 1)), None, default_product="ledger")
    assert settled.product == "ledger"
    assert settled.traits == {"physical": False, "channels": True}


@pytest.mark.parametrize(
    ("given", "folder", "message"),
    [
        (Given(), "ledger", "--launch: give the planned launch date"),
        (Given(launch=dt.date(2027, 3, 1)), None, "--product: give the product name"),
        (Given(launch=dt.date(2027, 3, 1)), "a\tb", "the folder name (the default product"),
    ],
)
def test_without_a_prompter_a_missing_value_without_default_is_an_error(
    given: Given, folder: str | None, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        settle(MINI, given, None, default_product=folder)
    assert str(caught.value).startswith(message)


def test_team_owners_are_asked_and_each_may_be_skipped() -> None:
    prompter = ScriptedPrompter("Acme", "2027-03-01", "", "", "y", "Maria", "", "Sam\x07", "Sam")
    settled = settle(MINI, Given(), prompter, default_product=None)
    assert settled.owners == {"marketing": "Maria", "support": "Sam"}
    assert prompter.asked[-4:] == [
        "Owner for Marketing (marketing; Enter skips)",
        "Owner for Legal (legal; Enter skips)",
        "Owner for Support (support; Enter skips)",
        "Owner for Support (support; Enter skips)",
    ]
    assert prompter.refused == [
        "owner of support: the name must be one line, without control characters"
    ]


def test_owners_given_as_flags_are_not_asked() -> None:
    prompter = ScriptedPrompter("Acme", "2027-03-01", "", "")
    settled = settle(MINI, Given(owners={"legal": "Amara"}), prompter, default_product=None)
    assert settled.owners == {"legal": "Amara"}
    assert prompter.answers == []
