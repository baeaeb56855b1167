"""The words every format shares: scores, bands, days, due offsets, conditions, counts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeycheck.render import view
from journeycheck.result import PlanSummary


@pytest.mark.parametrize(
    ("score", "text"), [(None, "—"), (0.0, "0.0"), (66.666, "66.7"), (100, "100.0")]
)
def test_score_text(score: float | None, text: str) -> None:
    assert view.score_text(score) == text


@pytest.mark.parametrize(
    ("score", "threshold", "band"),
    [
        (80.0, 80.0, "on track"),
        (79.9, 80.0, "lagging"),
        (50.0, 80.0, "lagging"),
        (49.9, 80.0, "behind"),
        (40.0, 40.0, "on track"),
        (0.0, 0.0, "on track"),
    ],
)
def test_band(score: float, threshold: float, band: str) -> None:
    assert view.band(score, threshold) == band


@given(st.floats(0, 100), st.floats(0, 100), st.floats(0, 100))
def test_a_higher_score_is_never_in_a_lower_band(low: float, high: float, threshold: float) -> None:
    low, high = sorted((low, high))
    order = ["behind", "lagging", "on track"]
    assert order.index(view.band(low, threshold)) <= order.index(view.band(high, threshold))


@pytest.mark.parametrize(
    ("days", "phrase"),
    [(0, "launch day"), (1, "in 1 day"), (45, "in 45 days"), (-1, "1 day ago"), (-3, "3 days ago")],
)
def test_days_phrase(days: int, phrase: str) -> None:
    assert view.days_phrase(days) == phrase


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        (None, ""),
        (0, "due at launch"),
        (-1, "due 1 day before launch"),
        (-60, "due 60 days before launch"),
        (1, "due 1 day after launch"),
        (30, "due 30 days after launch"),
    ],
)
def test_due_phrase(days: int | None, phrase: str) -> None:
    assert view.due_phrase(days) == phrase


def test_condition_phrase() -> None:
    assert view.condition_phrase({}) == ""
    assert view.condition_phrase({"channels": True, "physical": False}) == (
        "only if channels and not physical"
    )


def test_counted_picks_the_whole_sentence_for_the_count() -> None:
    assert view.counted(1, "{n} plan, as of {day}", "{n} plans, as of {day}", day="x") == (
        "1 plan, as of x"
    )
    assert view.counted(0, "{n} plan", "{n} plans") == "0 plans"
    assert view.counted(2, "{n} plan", "{n} plans") == "2 plans"


def _row(verdict: str) -> PlanSummary:
    return PlanSummary(
        file=None,
        product="P",
        verdict=verdict,
        gate="buy",
        score=None,
        threshold=80,
        ready_through=None,
        open_blockers=0,
        days_to_launch=0,
        as_of=dt.date(2027, 1, 15),
    )


def test_tally_counts_every_verdict_in_a_fixed_order() -> None:
    rows = [_row("no-go"), _row("go"), _row("no-go")]
    assert view.verdict_tally(rows) == {"go": 1, "at-risk": 0, "no-go": 2}
    assert list(view.verdict_tally([])) == ["go", "at-risk", "no-go"]
    assert view.tally_phrase(rows) == "1 go · 0 at-risk · 2 no-go"
