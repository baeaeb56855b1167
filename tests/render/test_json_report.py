"""The JSON report: golden output and its documented shape."""

from __future__ import annotations

import datetime as dt
import json

from journeycheck.render import RenderOptions
from journeycheck.render.json_report import render
from journeycheck.score import audit
from tests.helpers import assert_golden, make_plan, mini_playbook

KEYS = [
    "schema",
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
    ]


def test_top_truncates_gaps_only() -> None:
    result = audit(mini_playbook(), make_plan({}), dt.date(2027, 1, 15))
    data = json.loads(render(result, RenderOptions(top=2)))
    assert len(data["gaps"]) == 2
    assert data["counts"]["open"] == 7
