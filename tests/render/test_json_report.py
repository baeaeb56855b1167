"""The JSON report: golden output and its documented shape."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from journeycheck.render import RenderOptions
from journeycheck.render.json_report import render, render_portfolio
from journeycheck.result import AuditResult, Portfolio
from journeycheck.score import audit
from tests.helpers import assert_golden, make_plan, mini_playbook

KEYS = [
    "schema",
    "file",
    "product",
    "playbook",
    "as_of",
    "launch",
    "days_to_launch",
    "gate",
    "threshold",
    "verdict",
    "score",
    "total_score",
    "ready_through",
    "phases",
    "teams",
    "cells",
    "gaps",
    "waived",
    "counts",
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
    assert list(data["gaps"][0]) == [
        "question",
        "phase",
        "team",
        "severity",
        "ask",
        "status",
        "reasons",
        "owner",
        "due",
        "points",
        "in_gate",
        "note",
        "evidence",
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
    assert '"product": "Plan 0"' in next(pieces)
    assert pulled == ["Plan 0"]
    assert '"product": "Plan 1"' in next(pieces)
    assert pulled == ["Plan 0", "Plan 1"]
    assert next(pieces) == "\n  ]\n}\n"


def test_top_applies_to_each_plan_of_a_portfolio() -> None:
    data = json.loads("".join(render_portfolio(_results(2), RenderOptions(top=2))))
    assert [len(plan["gaps"]) for plan in data["plans"]] == [2, 2]
