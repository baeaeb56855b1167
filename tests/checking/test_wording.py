"""The one "did you mean": close enough, and bounded however many unknown names a file has."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

import pytest

from journeycheck.checking.wording import (
    LONGEST_COMPARED,
    SUGGESTION_BUDGET,
    Budget,
    suggestion,
)
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Failed, Run, process
from journeycheck.playbooks import PlaybookCache


def test_a_close_choice_is_suggested_and_a_far_one_is_not() -> None:
    assert suggestion("ownr", ["owner", "status"]) == "owner"
    assert suggestion("zzz", ["owner", "status"]) is None


def test_a_budget_pays_one_comparison_per_choice_and_then_stops() -> None:
    budget = Budget(5)
    assert suggestion("ownr", ["owner", "status"], budget) == "owner"
    assert budget.left == 3
    assert suggestion("ownr", ["owner", "status"], budget) == "owner"
    # Two more would overdraw it: no search, and none after it either.
    assert suggestion("ownr", ["owner", "status"], budget) is None
    assert suggestion("ownr", ["owner"], budget) is None


def test_a_word_longer_than_any_id_is_not_compared() -> None:
    assert suggestion("owner" + "x" * LONGEST_COMPARED, ["owner"]) is None


class _Counting(difflib.SequenceMatcher[str]):
    """Counts the choices a search compares with its word."""

    compared = 0

    def set_seq1(self, a: Sequence[str]) -> None:
        if a:  # the constructor sets an empty one first
            type(self).compared += 1
        super().set_seq1(a)


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> type[_Counting]:
    _Counting.compared = 0
    monkeypatch.setattr(difflib, "SequenceMatcher", _Counting)
    return _Counting


def test_thousands_of_near_miss_ids_cost_a_bounded_search(
    tmp_path: Path, comparisons: type[_Counting]
) -> None:
    # 70,000 such ids once took minutes, all of it spent looking for close matches.
    known = [
        question.id for question in PlaybookCache().get("customer-journey", tmp_path).questions
    ]
    lines = [f"  {known[i % len(known)][:-1]}{i}: {{status: done}}" for i in range(1000)]
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "journeycheck: 1\nproduct: Acme\nplaybook: customer-journey\nlaunch: 2027-03-01\n"
        "answers:\n" + "\n".join(lines) + "\n",
        "utf-8",
    )
    outcome = process(PlanFile(plan), Run())
    assert isinstance(outcome, Failed)
    problems = outcome.problems
    assert len(problems) == 1000
    assert comparisons.compared <= SUGGESTION_BUDGET
    # The first ones, in the order of the file, still get their suggestion.
    first = min(problems, key=lambda problem: problem.line or 0)
    assert f"(did you mean '{known[0]}'?)" in first.message
