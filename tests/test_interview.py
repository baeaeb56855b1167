"""What init asks for, with a scripted prompter standing in for the terminal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

import pytest

from journeycheck.errors import UsageError
from journeycheck.interview import Given, parse_yes_no, settle
from tests.helpers import mini_playbook

T = TypeVar("T")
MINI = mini_playbook()
TODAY = dt.date(2027, 1, 15)


class ScriptedPrompter:
    """Answers from a script, re-asking on a refused answer as the terminal does."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        self.refused: list[str] = []
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)

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
    prompter = ScriptedPrompter("", "  ", "Acme", "2027-13-01", "2027-03-01", "y", "", "", "")
    settled = settle(MINI, Given(), prompter, default_product="   ", today=TODAY)
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
        "Gate",
    ]
    assert prompter.refused == [
        "product name: the product name must not be empty",
        "product name: the product name must not be empty",
        "launch date: '2027-13-01' is not a real date: there is no month 13",
    ]
    assert prompter.answers == []


def test_asks_nothing_the_flags_gave() -> None:
    prompter = ScriptedPrompter()
    given = Given("Acme", dt.date(2027, 3, 1), {"physical": False, "channels": True}, {}, "buy")
    settled = settle(MINI, given, prompter, "folder", TODAY)
    assert prompter.asked == []
    assert (settled.product, settled.traits) == ("Acme", {"physical": False, "channels": True})
    assert settled.gate == "buy"


def test_without_a_prompter_missing_values_take_defaults() -> None:
    settled = settle(MINI, Given(launch=dt.date(2027, 3, 1)), None, "ledger", TODAY)
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
        settle(MINI, given, None, default_product=folder, today=TODAY)
    assert str(caught.value).startswith(message)


def test_team_owners_are_asked_and_each_may_be_skipped() -> None:
    prompter = ScriptedPrompter("Acme", "2027-03-01", "", "", "y", "Maria", "", "Sam\x07", "Sam")
    settled = settle(MINI, Given(gate="auto"), prompter, default_product=None, today=TODAY)
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
    given = Given(owners={"legal": "Amara"}, gate="auto")
    settled = settle(MINI, given, prompter, default_product=None, today=TODAY)
    assert settled.owners == {"legal": "Amara"}
    assert prompter.answers == []


def test_the_gate_is_explained_asked_and_auto_by_default() -> None:
    prompter = ScriptedPrompter("bye", "BUY")
    given = Given("Acme", dt.date(2027, 3, 1), {"physical": False, "channels": True}, {})
    assert settle(MINI, given, prompter, None, TODAY).gate == "buy"
    assert prompter.refused == [
        "gate: unknown phase 'bye' (did you mean 'buy'?); answer auto, or one of the phases "
        "discover, buy, use"
    ]
    assert any("With auto, the calendar decides" in text for text in prompter.said)
    assert any("Or name a fixed phase: discover, buy or use." in text for text in prompter.said)
    assert settle(MINI, given, ScriptedPrompter(""), None, TODAY).gate == "auto"
    assert settle(MINI, given, None, None, TODAY).gate == "auto"


def test_a_launch_more_than_a_year_ago_is_asked_about_or_warned_of() -> None:
    traits = {"physical": False, "channels": True}
    # At the prompt: kept only when confirmed; "n" asks for the date again.
    prompter = ScriptedPrompter("2025-03-01", "n", "2026-01-15")
    given = Given("Acme", traits=traits, owners={}, gate="auto")
    settled = settle(MINI, given, prompter, None, TODAY)
    assert settled.launch == dt.date(2026, 1, 15)  # within a year: taken without a question
    assert prompter.asked.count("Launch date (YYYY-MM-DD)") == 2
    assert settled.warnings == ()
    kept = ScriptedPrompter("2025-03-01", "y")
    assert settle(MINI, given, kept, None, TODAY).launch == dt.date(2025, 3, 1)
    # From a flag: a warning, said once the plan is written.
    flagged = settle(MINI, Given("Acme", dt.date(2025, 3, 1), traits), None, None, TODAY)
    assert flagged.warnings == (
        "--launch: 2025-03-01 is more than a year before today (2027-01-15); every due date "
        "counts from it, so check the year",
    )


@pytest.mark.parametrize(
    ("typed", "default", "answer"),
    [
        ("y", False, True),
        ("YES", False, True),
        (" Yes ", False, True),
        ("n", True, False),
        ("No", True, False),
        ("NO", True, False),
        ("", True, True),
        ("  ", False, False),
        ("да", False, True),
        ("Да", False, True),
        ("Д", False, True),
        ("не", True, False),
        ("НЕ", True, False),
        ("예", False, True),
        ("네", False, True),
        ("아니요", True, False),
        ("아니오", True, False),
        ("ㅛ", False, True),
        ("ㅜ", True, False),
    ],
)
def test_yes_or_no_takes_the_four_words_in_any_case(
    typed: str, default: bool, answer: bool
) -> None:
    assert parse_yes_no(typed, default) is answer


@pytest.mark.parametrize("typed", ["perhaps", "yep", "0", "true", "ja"])
def test_anything_else_at_a_yes_or_no_prompt_says_what_it_takes(typed: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_yes_no(typed, True)
    assert str(caught.value) == (
        f"{typed!r} is neither yes nor no; answer y or yes, n or no (in any case), or press "
        "Enter for the default"
    )
