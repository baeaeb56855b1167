"""The words every format shares: scores, bands, days, due offsets, conditions, counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeycheck.render import view
from journeycheck.result import AuditResult, PlanSummary
from journeycheck.score import audit
from tests.helpers import make_plan, mini_playbook


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
        gate_rule="fixed",
        score=None,
        threshold=80,
        ready_through=None,
        gate_blockers=0,
        later_blockers=0,
        launch=dt.date(2027, 1, 15),
        days_to_launch=0,
        as_of=dt.date(2027, 1, 15),
    )


def test_tally_counts_every_verdict_in_a_fixed_order() -> None:
    rows = [_row("no-go"), _row("go"), _row("no-go")]
    assert view.verdict_tally(rows) == {"go": 1, "at-risk": 0, "no-go": 2}
    assert list(view.verdict_tally([])) == ["go", "at-risk", "no-go"]
    assert view.tally_phrase(rows) == "1 go · 0 at-risk · 2 no-go"


@pytest.mark.parametrize(
    ("gate", "rule", "phrase", "name"),
    [
        ("buy", "fixed", "gate buy", "buy"),
        ("buy", "auto", "gate auto → buy", "auto → buy"),
        (None, "auto", "gate auto → none yet", "auto → none yet"),
    ],
)
def test_the_gate_says_how_it_was_chosen(
    gate: str | None, rule: str, phrase: str, name: str
) -> None:
    assert view.gate_phrase(gate, rule) == phrase
    assert view.gate_name(gate, rule) == name


def test_the_gate_phrase_dresses_only_the_phase() -> None:
    assert view.gate_phrase("buy", "auto", lambda p: f"**{p}**") == "gate auto → **buy**"


def test_ids_phrase_names_a_few_and_counts_the_rest() -> None:
    assert view.ids_phrase(["a", "b", "c"]) == "a, b, c"
    assert view.ids_phrase(["a", "b", "c", "d", "e"]) == "a, b, c and 2 more"
    assert view.ids_phrase(["a", "b", "c", "d"], named=None) == "a, b, c, d"


def _audited(answers: dict[str, Any], as_of: dt.date, **plan: str) -> AuditResult:
    return audit(mini_playbook(), make_plan(answers, **plan), as_of)


AS_OF = dt.date(2027, 1, 15)
DONE = {"status": "done", "evidence": "https://wiki.example.com/proof"}
QUESTIONS = (
    "discover.marketing.message",
    "discover.legal.trademark",
    "discover.marketing.webinar",
    "buy.legal.eula",
    "buy.marketing.partner-kit",
    "use.support.sla",
    "use.support.community",
)
EVERYTHING = dict.fromkeys(QUESTIONS, DONE)


def test_a_go_is_explained_rule_by_rule() -> None:
    assert view.why_sentences(_audited(EVERYTHING, AS_OF)) == [
        "No blocker of the gate is open.",
        "The gate score 100.0 meets the threshold 80.",
        "Nothing is overdue.",
    ]


def test_a_no_go_names_its_blockers_and_what_is_late() -> None:
    result = _audited({}, dt.date(2027, 3, 2), gate="use")
    assert view.why_sentences(result) == [
        "3 blockers of the gate are open: use.support.sla, discover.marketing.message, "
        "buy.legal.eula.",
        "The gate score 0.0 is below the threshold 80.",
        "5 questions of the gate are overdue: use.support.sla, discover.marketing.message, "
        "buy.legal.eula and 2 more.",
        "No KPI of the gate is off target.",
    ]


def test_an_overdue_blocker_beyond_a_fixed_gate_is_named_as_such() -> None:
    late = {"status": "not-started", "owner": "S", "due": "2027-01-10"}
    answers = {**EVERYTHING, "use.support.sla": late, "use.support.community": late}
    result = _audited(answers, AS_OF, gate="buy")
    assert result.verdict == "at-risk"
    assert view.why_sentences(result)[2:] == [
        "1 blocker beyond the gate is overdue: use.support.sla.",
        "1 question beyond the gate is overdue: use.support.community.",
        "No KPI of the gate is off target.",
    ]


def test_before_anything_is_due_the_reason_is_the_calendar() -> None:
    assert view.why_sentences(_audited({}, dt.date(2026, 12, 1))) == [
        "Nothing is due yet: the first question is due on 2026-12-31; until then no phase "
        "must be ready."
    ]


def test_an_expired_waiver_in_the_gate_is_said() -> None:
    waiver = {
        "reason": "r",
        "approver": "a",
        "expires": "2027-01-14",
        "risk_accepted": "Customers wait",
    }
    answers = {**EVERYTHING, "buy.legal.eula": {**DONE, "waiver": waiver}}
    result = _audited(answers, AS_OF, gate="buy")
    assert view.why_sentences(result)[-2:] == [
        "1 waiver in the gate has expired: buy.legal.eula.",
        "No KPI of the gate is off target.",
    ]


def _plan(product: str, verdict: str, score: float | None, launch: str) -> PlanSummary:
    row = _row(verdict)
    return dataclasses.replace(
        row, product=product, score=score, launch=dt.date.fromisoformat(launch)
    )


PLANS = [
    _plan("Delta", "go", 90.0, "2027-05-01"),
    _plan("alpha", "no-go", 70.0, "2027-04-01"),
    _plan("Charlie", "at-risk", 60.0, "2027-02-01"),
    _plan("Bravo", "no-go", 20.0, "2027-06-01"),
    _plan("Echo", "go", None, "2027-03-01"),
    _plan("Foxtrot", "at-risk", 60.0, "2027-01-01"),
]


@pytest.mark.parametrize(
    ("by", "order"),
    [
        # no-go, at-risk, go; each by gate score, lowest first; ties keep the given order
        ("verdict", ["Bravo", "alpha", "Charlie", "Foxtrot", "Delta", "Echo"]),
        ("score", ["Bravo", "Charlie", "Foxtrot", "alpha", "Delta", "Echo"]),
        ("name", ["alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"]),
        ("launch", ["Foxtrot", "Charlie", "Echo", "alpha", "Delta", "Bravo"]),
    ],
)
def test_portfolio_rows_sort_as_asked(by: str, order: list[str]) -> None:
    assert [row.product for row in view.sorted_rows(PLANS, by)] == order


def test_verdict_is_the_default_sort_and_every_sort_is_offered() -> None:
    assert view.SORTS[0] == "verdict"
    assert view.sorted_rows(PLANS) == view.sorted_rows(PLANS, "verdict")
    assert set(view.SORTS) == {"verdict", "score", "name", "launch"}
