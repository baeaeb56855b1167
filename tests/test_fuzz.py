"""Fuzzing: whatever a plan or playbook file holds, the only outcomes are a result or our own error.

Bounded so the suite stays fast; raise JOURNEYCHECK_FUZZ_EXAMPLES locally to dig deeper.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeycheck.checking.shape import validate_playbook
from journeycheck.errors import InputError, Problem
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Failed, Run, process
from journeycheck.reading import load_file
from journeycheck.reading.compose import parse_text
from tests.helpers import invoke

#: Per test; about 450 examples in all by default, a few seconds.
EXAMPLES = int(os.environ.get("JOURNEYCHECK_FUZZ_EXAMPLES", "100"))
FIXTURES = Path(__file__).parent / "fixtures"
VALID = (FIXTURES / "mini-plan.yaml").read_text("utf-8")
VALID_PLAYBOOK = (FIXTURES / "mini-playbook.yaml").read_text("utf-8")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
RUN = Run(settings=AuditSettings(as_of=dt.date(2027, 1, 15)))


def audit_bytes(tmp_path: Path, content: bytes) -> None:
    """Audit ``content`` as a plan next to the mini playbook; only our errors may escape."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(content)
    (tmp_path / "mini-playbook.yaml").write_bytes((FIXTURES / "mini-playbook.yaml").read_bytes())
    outcome = process(PlanFile(plan), RUN)
    if isinstance(outcome, Failed):
        assert_located(list(outcome.problems), plan)
    else:
        assert isinstance(outcome, Audited)


def assert_located(problems: list[Problem], file: Path) -> None:
    assert problems
    for problem in problems:
        assert problem.file == str(file)
        assert problem.message
        assert (problem.line is None) == (problem.column is None)
        if problem.line is not None:
            assert problem.line >= 1 and isinstance(problem.column, int) and problem.column >= 1


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    audit_bytes(tmp_path_factory.mktemp("fuzz"), content)


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_random_yaml_documents(tmp_path_factory: pytest.TempPathFactory, data: object) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    audit_bytes(tmp_path_factory.mktemp("fuzz"), text.encode("utf-8"))


#: Values that YAML, pydantic or the engine may take badly, put where another value was.
AWKWARD_VALUES = [
    "yes", "off", "~", "010", "0x1F", "1:30", "1.10", "1e3", "-1", "0", "1.0e+308",
    "99999999999999999999", "-99999999999999999999", ".nan", ".inf", "''", "[]", "{}",
    "[a, b]", "2027-02-30", "9999-12-31", "0001-01-01", "!!binary aGk=", "*nowhere", "&a x",
    '"\\0"', '"\\e[31m"', "!!bool maybe", "!!int ''", "!!float", "|", ">-",
]  # fmt: skip


@st.composite
def mutations(draw: st.DrawFn, valid: str = VALID) -> str:
    """A valid file with characters deleted, inserted and swapped, and values replaced."""
    lines = valid.splitlines(keepends=True)
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        key, colon, _ = lines[index].partition(": ")
        if colon:
            lines[index] = f"{key}: {draw(st.sampled_from(AWKWARD_VALUES))}\n"
    text = list("".join(lines))
    for _ in range(draw(st.integers(0, 5))):
        position = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "insert", "swap"]))
        if action == "delete":
            del text[position]
        elif action == "insert":
            text.insert(position, draw(st.sampled_from(list(":-[]{}'\"#&*!|>\t\n ,?%@`yn0"))))
        elif position + 1 < len(text):
            text[position], text[position + 1] = text[position + 1], text[position]
    return "".join(text)


@FUZZ
@given(mutations())
def test_mutated_valid_plan(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    audit_bytes(tmp_path_factory.mktemp("fuzz"), text.encode("utf-8"))


@settings(
    max_examples=max(EXAMPLES // 3, 20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations())
def test_mutated_plan_through_the_cli_never_exits_3(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    directory = tmp_path_factory.mktemp("cli")
    (directory / "mini-playbook.yaml").write_bytes((FIXTURES / "mini-playbook.yaml").read_bytes())
    plan = directory / "plan.yaml"
    plan.write_text(text, "utf-8")
    code, out, err = invoke("audit", plan, "--as-of", "2027-01-15", "-f", "json")
    assert code in (0, 2), out + err
    if code == 2:
        assert out == ""
        assert all(line.startswith(str(plan)) for line in err.splitlines())


@FUZZ
@given(mutations(VALID_PLAYBOOK))
def test_mutated_valid_playbook(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    """A mutated playbook is valid, or every problem is located in the playbook."""
    playbook = tmp_path_factory.mktemp("fuzz") / "mini-playbook.yaml"
    playbook.write_text(text, "utf-8")
    try:
        validate_playbook(load_file(playbook))
    except InputError as exc:
        assert_located(exc.problems, playbook)


@settings(
    max_examples=max(EXAMPLES // 3, 20),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(mutations(VALID_PLAYBOOK))
def test_mutated_playbook_through_the_cli_never_exits_3(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    """Through playbook check, and through an audit of a valid plan that names it."""
    directory = tmp_path_factory.mktemp("cli")
    playbook = directory / "mini-playbook.yaml"
    playbook.write_text(text, "utf-8")
    plan = directory / "plan.yaml"
    plan.write_text(VALID, "utf-8")
    for args in (
        ["playbook", "check", str(playbook)],
        ["audit", str(plan), "--as-of", "2027-01-15", "-f", "json"],
    ):
        code, out, err = invoke(*args)
        assert code in (0, 2), out + err
        if code == 2:
            assert out == ""
            for line in err.splitlines():
                assert line.startswith((str(playbook), str(plan))), line


@pytest.mark.parametrize(
    "text", ["[", "{a: 1", "a: 'b", "a:\n  - b\n c: d", "%YAML 9.9\n---\na: 1", "&a [*a]", "a: *"]
)
def test_broken_yaml_is_our_error_with_a_place(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_text(text, "x.yaml")
    assert all(problem.line is not None for problem in caught.value.problems)
