"""``journeycheck set PLAN --kpi ID``: a KPI's values recorded through the editing path."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, GOLDEN, assert_golden, invoke

AS_OF = ["--as-of", "2027-01-15"]


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    path = tmp_path / "launch-plan.yaml"
    path.write_bytes((GOLDEN / "init-mini.yaml").read_bytes())
    return Path("launch-plan.yaml")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_golden_plan_with_a_kpi_recorded_by_set(plan: Path) -> None:
    original = plan.read_text("utf-8")
    steps = [
        ["--kpi", "time-to-close", "--target", "30", "--baseline", "45"],
        ["--kpi", "time-to-close", "--actual", "38.50", "--note", "CRM closed-won report"],
        ["--kpi", "time-to-close", "--actual", "36", "--measured", "2027-01-12"],
    ]
    for step in steps:
        ran = invoke("set", plan, *step, *AS_OF)
        assert (ran.code, ran.err) == (0, ""), ran.err
    edited = plan.read_text("utf-8")
    assert_golden("set-kpi-mini.yaml", edited)
    # Only the kpis section was added: every line of the plan is still there, in order.
    added = [line for line in edited.splitlines() if line not in original.splitlines()]
    assert added == [
        "kpis:",
        "  time-to-close:",
        "    baseline: 45",
        "    target: 30",
        "    actual: 36",
        "    measured: 2027-01-12",
        "    note: CRM closed-won report",
    ]


def test_set_kpi_says_it_in_ascii_with_ascii(plan: Path) -> None:
    """--ascii reaches set --kpi's summary as it reaches set's and import's."""
    from journeycheck.printable import ascii_marks

    twin = Path("twin.yaml")
    shutil.copy(plan, twin)
    asked = ["--kpi", "time-to-close", "--actual", "38", *AS_OF]
    drawn = invoke("set", plan, *asked).out
    plain = invoke("--ascii", "set", twin, *asked).out
    assert ascii_marks(drawn) != drawn, "the summary draws no mark --ascii would change"
    assert plain == ascii_marks(drawn).replace("launch-plan.yaml", "twin.yaml")


def test_set_kpi_says_what_changed(plan: Path) -> None:
    ran = invoke("set", plan, "--kpi", "time-to-close", "--actual", "38", *AS_OF)
    assert ran.code == 0
    assert ran.out.splitlines()[:3] == [
        "Changed launch-plan.yaml:",
        "  kpis.time-to-close: actual: (none) → 38",
        "  kpis.time-to-close: measured: (none) → 2027-01-15",
    ]


def test_a_kpi_already_written_in_flow_style_keeps_its_style(plan: Path) -> None:
    text = plan.read_text("utf-8").replace(
        "\nanswers:", "\nkpis:\n  time-to-close: {target: 30}  # agreed with sales\n\nanswers:", 1
    )
    plan.write_text(text, "utf-8")
    ran = invoke("set", plan, "--kpi", "time-to-close", "--actual", "41", *AS_OF)
    assert ran.code == 0, ran.err
    lines = plan.read_text("utf-8").splitlines()
    # The one line of the KPI (init's comment at the end names it too).
    (line,) = [line for line in lines if "time-to-close" in line and not line.startswith("#")]
    assert line.startswith("  time-to-close: {target: 30, actual: 41, measured: 2027-01-15} ")
    assert line.endswith(" # agreed with sales")


def test_dry_run_prints_the_diff_and_writes_nothing(plan: Path) -> None:
    before = digest(plan)
    ran = invoke("set", plan, "--kpi", "time-to-close", "--target", "30", "--dry-run", *AS_OF)
    assert ran.code == 0
    assert digest(plan) == before
    assert "\n+kpis:\n+  time-to-close:\n+    target: 30\n" in ran.out
    assert "Would change launch-plan.yaml (dry run: nothing was written):\n" in ran.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kpi", "time-to-clos", "--actual", "3"], "(did you mean 'time-to-close'?)"),
        (["--kpi", "time-to-close", "--actual", "3 days"], "--actual: '3 days' is not a number"),
        (["--kpi", "time-to-close", "--target", "nan"], "--target: 'nan' is not a number"),
        (["--kpi", "time-to-close", "--baseline", "1_000"], "is not a number"),
        (["--kpi", "time-to-close"], "--kpi time-to-close: nothing to record"),
        (["--kpi", "time-to-close", "--note", " "], "--note: must not be empty"),
        (
            ["--kpi", "time-to-close", "--actual", "3", "--measured", "2027-01-16"],
            "--measured: 2027-01-16 is after 2027-01-15",
        ),
        (["--kpi", "time-to-close", "--measured", "2027-02-30"], "is not a real date"),
        (["buy.legal.eula", "--actual", "3"], "--actual: these record a KPI's values"),
        (
            ["buy.legal.eula", "--kpi", "time-to-close", "--actual", "3"],
            "leave out QUESTION, or run set once for each",
        ),
        (["--kpi", "time-to-close", "--status", "done"], "leave out --status"),
    ],
)
def test_every_refusal_leaves_the_file_untouched(plan: Path, args: list[str], message: str) -> None:
    before = digest(plan)
    ran = invoke("set", plan, *args, *AS_OF)
    assert ran.code == 2
    assert message in ran.err, ran.err
    assert ran.out == ""
    assert digest(plan) == before


def test_kpis_in_a_flow_mapping_are_refused_with_their_place(plan: Path) -> None:
    text = plan.read_text("utf-8").replace("\nanswers:", "\nkpis: {time-to-close: {}}\nanswers:")
    plan.write_text(text, "utf-8")
    before = digest(plan)
    ran = invoke("set", plan, "--kpi", "time-to-close", "--actual", "3", *AS_OF)
    assert ran.code == 2
    assert "kpis: written in a form set cannot edit" in ran.err
    assert ran.err.startswith("launch-plan.yaml:")
    assert digest(plan) == before
