"""The JSON report: golden output and its documented shape."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.render import Format, RenderOptions, portfolio_renderer_for
from journeycheck.render.json_report import render
from journeycheck.result import AuditResult, Portfolio
from journeycheck.score import audit
from tests.helpers import assert_golden, make_plan, mini_playbook

render_portfolio = portfolio_renderer_for(Format.JSON)

KEYS = [
    "schema",
    "lang",
    "file",
    "product",
    "playbook",
    "as_of",
    "launch",
    "days_to_launch",
    "gate",
    "gate_rule",
    "threshold",
    "verdict",
    "why",
    "score",
    "total_score",
    "ready_through",
    "phases",
    "teams",
    "cells",
    "gaps",
    "waived",
    "counts",
    "done",
    "kpis",
    "accounts",
]


def result_with_a_waiver() -> str:
    answers = {
        "discover.marketing.message": {"status": "done", "owner": "Maria"},
        "buy.legal.eula": {
            "status": "blocked",
            "waiver": {
                "reason": "Signed in March",
                "approver": "VP Sales",
                "expires": "2027-02-01",
                "risk_accepted": "EU customers sign in March; others are not affected",
            },
        },
        "discover.legal.trademark": {"status": "partial", "owner": "Ivo"},
    }
    result = audit(mini_playbook(), make_plan(answers, gate="buy"), dt.date(2027, 1, 15))
    return render(result, RenderOptions())


def test_golden_json() -> None:
    assert_golden("mini.json", result_with_a_waiver())


def test_keys_in_documented_order_and_iso_dates() -> None:
    data = json.loads(result_with_a_waiver())
    assert list(data) == KEYS
    assert data["as_of"] == "2027-01-15"
    assert data["waived"][0]["expires"] == "2027-02-01"
    assert list(data["why"]) == [
        "open_blockers",
        "below_threshold",
        "overdue",
        "expired_waivers",
        "first_due",
        "off_target_kpis",
    ]
    assert list(data["gaps"][0]) == [
        "question",
        "phase",
        "team",
        "severity",
        "ask",
        "status",
        "reasons",
        "owner",
        "owner_from_team",
        "due",
        "points",
        "in_gate",
        "note",
        "evidence",
        "help",
        "risk",
        "blocks",
    ]


def test_top_truncates_gaps_only() -> None:
    result = audit(mini_playbook(), make_plan({}), dt.date(2027, 1, 15))
    data = json.loads(render(result, RenderOptions(top=2)))
    assert len(data["gaps"]) == 2
    assert data["counts"]["open"] == 7


def _results(count: int) -> list[AuditResult]:
    return [
        audit(mini_playbook(), make_plan({}, product=f"Plan {n}"), dt.date(2027, 1, 15)).model_copy(
            update={"file": f"plans/{n}.yaml"}
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [0, 1, 3])
def test_streamed_portfolio_is_exactly_the_whole_document(count: int) -> None:
    results = _results(count)
    streamed = "".join(render_portfolio(iter(results), RenderOptions()))
    whole = {
        "schema": "journeycheck.portfolio/1",
        "plans": [r.model_dump(mode="json", by_alias=True) for r in results],
    }
    assert streamed == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
    assert Portfolio.model_validate_json(streamed).plans == results


def test_portfolio_is_written_as_each_plan_arrives() -> None:
    """The document is produced piece by piece; nothing waits for the last plan."""
    pulled: list[str] = []

    def plans() -> Iterator[AuditResult]:
        for result in _results(2):
            pulled.append(result.product)
            yield result

    pieces = render_portfolio(plans(), RenderOptions(top=1))
    assert next(pieces).startswith('{\n  "schema": "journeycheck.portfolio/1",')
    assert next(pieces) == "\n"  # each plan comes as it came, after its separator
    assert '"product": "Plan 0"' in next(pieces)
    assert pulled == ["Plan 0"]
    assert next(pieces) == ",\n"
    assert '"product": "Plan 1"' in next(pieces)
    assert pulled == ["Plan 0", "Plan 1"]
    assert next(pieces) == "\n  ]\n}\n"


def test_top_applies_to_each_plan_of_a_portfolio() -> None:
    data = json.loads("".join(render_portfolio(_results(2), RenderOptions(top=2))))
    assert [len(plan["gaps"]) for plan in data["plans"]] == [2, 2]


@settings(max_examples=150, deadline=None)
@given(
    product=st.text(min_size=1, max_size=30),
    owner=st.text(max_size=20),
    threshold=st.integers(0, 1000).map(lambda tenths: tenths / 10),
)
def test_text_is_what_json_dumps_would_write(product: str, owner: str, threshold: float) -> None:
    answers = {"buy.legal.eula": {"status": "partial", "owner": owner, "note": product}}
    plan = make_plan(answers, product=product, threshold=threshold)
    result = audit(mini_playbook(), plan, dt.date(2027, 1, 15))
    data = result.model_dump(mode="json", by_alias=True)
    assert render(result, RenderOptions()) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@settings(max_examples=50, deadline=None)
@given(threshold=st.floats(min_value=0, max_value=100, allow_nan=False))
def test_any_threshold_reads_back_as_the_same_number(threshold: float) -> None:
    # Tiny numbers may be spelled 0.00001 rather than 1e-05; they are the same JSON number.
    result = audit(mini_playbook(), make_plan({}, threshold=threshold), dt.date(2027, 1, 15))
    assert json.loads(render(result, RenderOptions()))["threshold"] == threshold
