"""Warnings: one file per kind in tests/cases/warnings, each with the words it must produce."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeycheck.checking.references import check_plan
from journeycheck.checking.shape import validate_plan
from journeycheck.checking.warnings import plan_warnings, text_warnings
from journeycheck.playbooks import PlaybookCache
from journeycheck.reading.compose import parse_text
from tests.test_validate import expected_lines

CASES = Path(__file__).parents[1] / "cases" / "warnings"
TODAY = dt.date(2027, 1, 15)


def warnings_of(path: Path, today: dt.date = TODAY) -> list[str]:
    doc = parse_text(path.read_text("utf-8"), path.name)
    plan = validate_plan(doc)
    playbook = PlaybookCache().resolve(plan.playbook, path.parent, doc).playbook
    check_plan(doc, plan, playbook)
    found = plan_warnings(doc, plan, playbook, today)
    assert all(problem.is_warning for problem in found)
    return [str(problem) for problem in found]


@pytest.mark.parametrize(
    "path", sorted(p for p in CASES.glob("*.yaml") if p.stem != "quiet"), ids=lambda p: p.stem
)
def test_each_kind_of_warning_is_said_where_it_is(path: Path) -> None:
    assert warnings_of(path) == expected_lines(path)


def test_near_misses_of_every_warning_say_nothing() -> None:
    assert warnings_of(CASES / "quiet.yaml") == []


def test_a_launch_a_year_ago_to_the_day_is_not_long_past() -> None:
    path = CASES / "launch-long-past.yaml"
    assert warnings_of(path, dt.date(2026, 12, 1)) == []
    assert len(warnings_of(path, dt.date(2026, 12, 2))) == 1


def test_a_cut_value_is_said_even_when_the_plan_has_errors() -> None:
    doc = parse_text("product: Acme #1\nlaunch: soon\n", "plan.yaml")
    assert [str(p) for p in text_warnings(doc)] == [
        "plan.yaml:1:15: warning: product: YAML read the value as 'Acme' and the rest of the "
        "line, '#1', as a comment; if it belongs to the product, put the whole value in quotes"
    ]


@pytest.mark.parametrize(
    "text",
    [
        'note: "see #12"\n',  # quoted
        "note: see  #12\n",  # two blanks: a comment on purpose
        "note: |\n  see #12\n",  # a block: the # is text
        "note: see\n  more #12\n",  # a value over two lines is not looked into
        "note: 12 #x\n",  # not text: YAML read a number
    ],
)
def test_what_is_not_a_cut_value(text: str) -> None:
    doc = parse_text(f"answers:\n  q:\n{_indent(text)}", "plan.yaml")
    assert list(text_warnings(doc)) == []


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.splitlines())
