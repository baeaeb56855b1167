"""One date parser: a plan's dates, --as-of, --launch and init's prompt say the same."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from journeycheck.checking.dates import DateError, flag_date, parse_date
from journeycheck.checking.shape import validate_plan
from journeycheck.cli import app
from journeycheck.errors import InputError, UsageError
from journeycheck.reading.compose import parse_text
from tests.helpers import FIXTURES

LAUNCH = dt.date(2027, 3, 1)
PLAN = FIXTURES / "mini-plan.yaml"
WANTED = "expected a date written YYYY-MM-DD, like 2027-03-01"

#: Each mistake, with the words every place uses for it.
MISTAKES = [
    ("2027-02-30", "not-real", "'2027-02-30' is not a real date: month 2 of 2027 has 28 days"),
    ("2027-13-01", "not-real", "'2027-13-01' is not a real date: there is no month 13"),
    ("next spring", "not-iso", f"{WANTED}; got 'next spring'"),
    ("2027-03-01T10:00", "not-iso", f"{WANTED}; got '2027-03-01T10:00'"),
    ("2027-3-1", "unpadded", "'2027-3-1': write the date as YYYY-MM-DD, here 2027-03-01"),
]


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_date_written_yyyy_mm_dd_reads_as_itself(date: dt.date) -> None:
    assert parse_date(date.isoformat()) == date
    assert flag_date(f" {date.isoformat()} ", "--launch") == date


def test_a_date_already_read_is_taken_and_a_timestamp_is_not() -> None:
    assert parse_date(LAUNCH) == LAUNCH
    with pytest.raises(DateError) as caught:
        parse_date(dt.datetime(2027, 3, 1, 10, 0))
    assert caught.value.kind == "not-iso"


@pytest.mark.parametrize(("text", "kind", "message"), MISTAKES)
def test_each_mistake_reads_the_same_on_the_command_line(
    text: str, kind: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        flag_date(text, "--launch")
    assert str(caught.value) == f"--launch: {message}"
    assert caught.value.code.startswith("JC4")
    with pytest.raises(UsageError) as unnamed:
        flag_date(text, None)
    assert str(unnamed.value) == message
    assert unnamed.value.code == caught.value.code


@pytest.mark.parametrize(("text", "kind", "message"), MISTAKES)
def test_each_mistake_reads_the_same_in_a_plan(text: str, kind: str, message: str) -> None:
    plan = PLAN.read_text("utf-8")
    assert "launch: 2027-03-01" in plan
    doc = parse_text(plan.replace("launch: 2027-03-01", f"launch: '{text}'"), "plan.yaml")
    with pytest.raises(InputError) as caught:
        validate_plan(doc)
    assert [str(p) for p in caught.value.problems] == [f"plan.yaml:4:9: launch: {message}"]
    problem = caught.value.problems[0]
    assert problem.code.startswith("JC2")
    assert problem.params["field"] == "launch"


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(MISTAKES))
def test_a_plan_read_again_reads_its_dates_alike_and_its_mistakes_again(
    date: dt.date, mistake: tuple[str, str, str]
) -> None:
    """Plans remember the dates they read; never a mistake, nor another date for a text."""
    plan = PLAN.read_text("utf-8")
    for _ in range(2):
        good = parse_text(plan.replace("2027-03-01", date.isoformat(), 1), "plan.yaml")
        assert validate_plan(good).launch == date
        bad = parse_text(plan.replace("2027-03-01", f"'{mistake[0]}'", 1), "plan.yaml")
        with pytest.raises(InputError) as caught:
            validate_plan(bad)
        assert str(caught.value.problems[0]).endswith(f"launch: {mistake[2]}")


@pytest.mark.parametrize(("text", "kind", "message"), MISTAKES)
def test_each_mistake_reads_the_same_for_as_of(text: str, kind: str, message: str) -> None:
    result = CliRunner().invoke(app, ["audit", str(PLAN), "--as-of", text])
    assert result.exit_code == 2
    assert f"Invalid value for --as-of: {message}" in " ".join(result.output.split())
