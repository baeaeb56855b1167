"""Editing a plan file: checks before writing, the write itself, and what the audit sees."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeycheck.editing import (
    Asked,
    edits_for,
    prepare,
    read_for_edit,
    select,
    write_edit,
)
from journeycheck.errors import InputError, OutputError, UsageError
from tests.helpers import FIXTURES, GOLDEN, audit_plan

AS_OF = dt.date(2027, 1, 15)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    path = tmp_path / "launch-plan.yaml"
    path.write_bytes((GOLDEN / "init-mini.yaml").read_bytes())
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_answer(path: Path, questions: list[str], **asked: Any) -> None:
    read = read_for_edit(path)
    write_edit(prepare(read, edits_for(questions, Asked(**asked)), AS_OF))


def test_a_change_is_written_with_its_effect(plan: Path) -> None:
    read = read_for_edit(plan)
    prepared = prepare(
        read, edits_for(["buy.legal.eula"], Asked(status="done", evidence="https://x")), AS_OF
    )
    assert [(c.field, c.old, c.new) for c in prepared.changes] == [
        ("status", "not-started", "done"),
        ("evidence", None, "https://x"),
    ]
    assert (prepared.before.score, prepared.after.score) == (0.0, 33.3)
    assert len(prepared.after.gaps) == len(prepared.before.gaps) - 1
    assert prepared.diff().startswith(f"--- {plan}\n+++ {plan}\n@@ ")
    assert plan.read_bytes() == (GOLDEN / "init-mini.yaml").read_bytes()  # not written yet
    write_edit(prepared)
    assert "    status: done\n    owner:\n    due: 2027-01-30\n    evidence: https://x\n" in (
        plan.read_text("utf-8")
    )


def test_the_file_mode_and_byte_order_mark_are_kept(plan: Path) -> None:
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes())
    plan.chmod(0o640)
    set_answer(plan, ["use.support.sla"], owner="Sam")
    assert plan.stat().st_mode & 0o777 == 0o640
    assert plan.read_bytes().startswith(b"\xef\xbb\xbf# yaml-language-server")


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(plan: Path) -> None:
    read = read_for_edit(plan)
    prepared = prepare(read, edits_for(["use.support.sla"], Asked(owner="Sam")), AS_OF)
    plan.write_text(plan.read_text("utf-8") + "# edited meanwhile\n", "utf-8")
    before = digest(plan)
    with pytest.raises(OutputError, match="changed on disk since journeycheck read it"):
        write_edit(prepared)
    assert digest(plan) == before


@pytest.mark.parametrize(
    ("questions", "asked", "expected"),
    [
        (["buy.legal.eula"], {"status": "n/a"}, "n/a needs a note"),
        (["buy.legal.eula"], {"status": "done"}, "done needs evidence"),
        (["buy.legal.eul"], {"status": "done"}, "(did you mean 'buy.legal.eula'?)"),
        (["buy.marketing.partner-kit"], {"status": "done"}, "applies only with channels: true"),
        (["buy.legal.eula"], {"status": "finished"}, "'finished' is not a status"),
        (["buy.legal.eula"], {"owner": " "}, "--owner: must not be empty"),
        (["buy.legal.eula"], {"note": "a\x1bb"}, "control character U+001B"),
        (["buy.legal.eula"], {"waive": "beta"}, "missing --approver, --expires, --risk-accepted"),
        (["buy.legal.eula"], {"clear": ("status",)}, "'status' cannot be cleared"),
        (["buy.legal.eula"], {"owner": "A", "clear": ("owner",)}, "give one or the other"),
        (["buy.legal.eula"], {}, "nothing to change"),
    ],
)
def test_refusals_leave_the_file_untouched(
    plan: Path, questions: list[str], asked: dict[str, Any], expected: str
) -> None:
    before = digest(plan)
    with pytest.raises((InputError, UsageError)) as caught:
        set_answer(plan, questions, **asked)
    assert expected in str(caught.value)
    assert digest(plan) == before


def test_a_refused_answer_is_located_in_the_plan(plan: Path) -> None:
    with pytest.raises(InputError) as caught:
        set_answer(plan, ["buy.legal.eula"], status="n/a")
    assert [str(p) for p in caught.value.problems] == [
        f"{plan}:97:3: buy.legal.eula: n/a needs a note saying why the question does not "
        "apply (--note)"
    ]


def test_select_by_team_and_phase(plan: Path) -> None:
    read = read_for_edit(plan)
    assert select(read, ["legal"], []) == ["discover.legal.trademark", "buy.legal.eula"]
    assert select(read, ["legal"], ["buy"]) == ["buy.legal.eula"]
    with pytest.raises(UsageError, match="did you mean 'legal'"):
        select(read, ["legl"], [])


def test_a_whole_team_marked_n_a_with_one_note(plan: Path) -> None:
    read = read_for_edit(plan)
    questions = select(read, ["support"], [])
    write_edit(prepare(read, edits_for(questions, Asked(status="n/a", note="no support")), AS_OF))
    result = audit_plan(plan, AS_OF)
    assert [g.team for g in result.gaps if g.team == "support"] == []


_TEXT = st.text(st.characters(exclude_categories=["Cs", "Cc"]), min_size=1, max_size=12).filter(
    lambda text: text.strip() != ""
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    question=st.sampled_from(["discover.marketing.message", "buy.legal.eula", "use.support.sla"]),
    status=st.sampled_from(["done", "partial", "not-started", "blocked", "n/a"]),
    owner=st.none() | _TEXT,
    note=_TEXT,
    evidence=_TEXT,
    due=st.none() | st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
)
def test_set_then_audit_equals_the_audit_of_the_answer_written_by_hand(
    plan: Path,
    question: str,
    status: str,
    owner: str | None,
    note: str,
    evidence: str,
    due: dt.date | None,
) -> None:
    import json

    from journeycheck.scaffold import double_quoted

    original = (GOLDEN / "init-mini.yaml").read_text("utf-8")
    plan.write_text(original, "utf-8")
    set_answer(plan, [question], status=status, owner=owner, note=note, evidence=evidence, due=due)
    by_set = audit_plan(plan, AS_OF)
    # The same answer, typed into the file by hand as one flow mapping.
    fields = {"status": status, "note": note, "evidence": evidence}
    if owner is not None:
        fields["owner"] = owner
    lines = original.splitlines(keepends=True)
    key = lines.index(f"  {question}:\n")
    old_due = lines[key + 3].split(":", 1)[1].strip()
    written_due = due.isoformat() if due is not None else old_due
    flow = ", ".join(f"{name}: {double_quoted(value)}" for name, value in fields.items())
    flow += f", due: {written_due}" if written_due else ""
    by_hand_text = "".join([*lines[:key], f"  {question}: {{{flow}}}\n", *lines[key + 6 :]])
    plan.write_text(by_hand_text, "utf-8")
    by_hand = audit_plan(plan, AS_OF)
    assert json.loads(by_set.model_dump_json()) == json.loads(by_hand.model_dump_json())
