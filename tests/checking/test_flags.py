"""Command-line values, refused with the flag's name before anything is done with them."""

from __future__ import annotations

import datetime as dt

import pytest

from journeycheck.checking import flags
from journeycheck.errors import BadParameter, UsageError
from tests.helpers import mini_playbook

MINI = mini_playbook()


def test_a_date_flag() -> None:
    assert flags.date(None, "--as-of") is None
    assert flags.date("2027-03-01", "--as-of") == dt.date(2027, 3, 1)


@pytest.mark.parametrize(
    ("text", "code"), [("2027-02-30", "JC403"), ("next spring", "JC401"), ("2027-3-1", "JC402")]
)
def test_a_bad_date_flag_names_the_flag(text: str, code: str) -> None:
    with pytest.raises(BadParameter) as caught:
        flags.date(text, "--launch")
    assert (caught.value.flag, caught.value.code) == ("--launch", code)
    assert "--launch" not in str(caught.value)  # Click names it: Invalid value for '--launch'


def test_trait_flags() -> None:
    assert flags.traits(["physical=true", "channels=FALSE", "physical=true"]) == {
        "physical": True,
        "channels": False,
    }
    assert flags.traits(["physical=yes", "channels=0"], flags.FRIENDLY_WORDS) == {
        "physical": True,
        "channels": False,
    }


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["physical=yes"], "--trait physical: the value must be true or false, not 'yes'"),
        (["physical"], "--trait: write NAME=true or NAME=false, not 'physical'"),
        (["=true"], "--trait: write NAME=true or NAME=false"),
        (["physical=true", "physical=false"], "--trait physical: given as both true and false"),
    ],
)
def test_bad_trait_flags(given: list[str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        flags.traits(given)
    assert str(caught.value).startswith(message)


def test_the_gate() -> None:
    assert flags.check_gate(None, MINI) is None
    assert flags.check_gate("buy", MINI) == "buy"
    assert flags.check_gate("auto", MINI) == "auto"
    with pytest.raises(UsageError) as caught:
        flags.check_gate("bye", MINI)
    assert str(caught.value) == (
        "--gate: unknown phase 'bye' (did you mean 'buy'?) in playbook 'mini'; "
        "give auto, or one of the phases discover, buy, use"
    )


@pytest.mark.parametrize(
    ("check", "given", "message"),
    [
        (
            flags.check_phases,
            ["bye"],
            "--phase: unknown phase 'bye' (did you mean 'buy'?); choose from discover, buy, use",
        ),
        (flags.check_teams, ["legl"], "--team: unknown team 'legl' (did you mean 'legal'?)"),
        (
            flags.check_traits,
            {"physcal": True},
            "--trait: unknown trait 'physcal' (did you mean "
            "'physical'?); playbook 'mini' has physical, channels",
        ),
    ],
)
def test_names_the_playbook_lacks(check: object, given: object, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        check(given, MINI)  # type: ignore[operator]
    assert str(caught.value).startswith(message)


def test_names_the_playbook_has_pass() -> None:
    flags.check_phases(["discover", "buy"], MINI)
    flags.check_teams(["legal"], MINI)
    flags.check_traits({"physical": False}, MINI)
