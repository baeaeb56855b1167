"""The command line through Typer's CliRunner: outputs and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeycheck import __version__
from tests.helpers import invoke

PLAN = Path(__file__).parent / "fixtures" / "mini-plan.yaml"


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert (code, out) == (0, f"journeycheck {__version__}\n")


def test_audit_terminal_report_exits_0_even_when_no_go() -> None:
    code, out, err = invoke("audit", str(PLAN), "--as-of", "2027-01-15")
    assert code == 0, err
    assert "Acme Ledger — launch readiness" in out
    assert "NO-GO" in out
    assert "\x1b[" not in out  # not a terminal: no escape codes


def test_audit_json() -> None:
    code, out, _ = invoke("audit", str(PLAN), "--as-of", "2027-01-15", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "journeycheck.audit/1"
    assert (data["verdict"], data["score"], data["gate"]) == ("no-go", 50.0, "buy")
    assert data["as_of"] == "2027-01-15"
    assert len(data["gaps"]) == 5


def test_overrides_and_filters() -> None:
    code, out, _ = invoke(
        "audit",
        str(PLAN),
        "--as-of",
        "2027-01-15",
        "-f",
        "json",
        "--gate",
        "discover",
        "--threshold",
        "70",
        "--team",
        "legal",
        "--top",
        "1",
    )
    assert code == 0
    data = json.loads(out)
    # discover scores 4 / 6 = 66.7, below 70 and with no blocker open
    assert (data["gate"], data["threshold"], data["verdict"]) == ("discover", 70.0, "at-risk")
    assert [g["team"] for g in data["gaps"]] == ["legal"]
    assert [t["id"] for t in data["teams"]] == ["legal"]


def test_phase_filter_and_all() -> None:
    code, out, _ = invoke(
        "audit", str(PLAN), "--as-of", "2027-01-15", "-f", "json", "--phase", "use", "--all"
    )
    assert code == 0
    assert {g["phase"] for g in json.loads(out)["gaps"]} == {"use"}


def test_terminal_lists_top_ten_by_default_and_all_on_request(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    playbook = tmp_path / "many.yaml"
    questions = "".join(
        f"  - {{id: q{i}, phase: p, team: t, ask: Question {i}?, severity: minor}}\n"
        for i in range(12)
    )
    playbook.write_text(
        "journeycheck: 1\nid: many\ntitle: Many\nversion: '1'\n"
        "phases: [{id: p, title: P}]\nteams: [{id: t, title: T}]\nquestions:\n" + questions,
        "utf-8",
    )
    plan.write_text(
        "journeycheck: 1\nproduct: P\nplaybook: many.yaml\nlaunch: 2027-03-01\n", "utf-8"
    )
    _, out, _ = invoke("audit", str(plan), "--as-of", "2027-01-15")
    assert "Top 10 of 12 gaps" in out
    assert "q9" in out and "q10" not in out
    _, out, _ = invoke("audit", str(plan), "--as-of", "2027-01-15", "--all")
    assert "12 gaps, most urgent first" in out
    assert "q11" in out


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--fail-under", "50"], 0, ""),
        (["--fail-under", "50.1"], 1, "gate score 50.0 is below --fail-under 50.1"),
        (["--fail-on", "no-go"], 1, "verdict is no-go (--fail-on no-go)"),
        (["--fail-on", "at-risk"], 1, "verdict is no-go (--fail-on at-risk)"),
        (["--fail-on", "at-risk", "--gate", "discover", "--threshold", "70"], 1, "at-risk"),
        (["--fail-on", "no-go", "--gate", "discover", "--threshold", "70"], 0, ""),
    ],
)
def test_ci_gates_exit_1_after_writing_the_report(args: list[str], code: int, message: str) -> None:
    got, out, err = invoke("audit", str(PLAN), "--as-of", "2027-01-15", *args)
    assert got == code, err
    assert "launch readiness" in out  # the report is written either way
    assert message in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2027-02-30"], "'2027-02-30' is not a real date"),
        (["--as-of", "yesterday"], "like 2027-03-01; got 'yesterday'"),
        (["--gate", "bye"], "--gate: unknown phase 'bye' (did you mean 'buy'?)"),
        (["--team", "legl"], "--team: unknown team 'legl' (did you mean 'legal'?)"),
        (["--phase", "grow"], "--phase: unknown phase 'grow'; choose from discover, buy, use"),
        (["--threshold", "101"], "'--threshold'"),
        (["--format", "pdf"], "pdf"),
        (["--top", "3", "--all"], "give --top N or --all, not both"),
    ],
)
def test_bad_flags_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke("audit", str(PLAN), *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_bad_plan_exits_2_with_located_problems(fixtures: Path) -> None:
    bad = Path(__file__).parent / "cases" / "plans" / "several-problems.yaml"
    code, out, err = invoke("audit", str(bad))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(f"{bad}:") for line in lines)


def test_missing_plan_exits_2(tmp_path: Path) -> None:
    code, _, err = invoke("audit", str(tmp_path / "nope.yaml"))
    assert (code, err) == (2, f"{tmp_path / 'nope.yaml'}: no such file\n")


def test_internal_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("journeycheck.score.audit", explode)
    code, out, err = invoke("audit", str(PLAN))
    assert code == 3
    assert err == (
        "journeycheck audit: internal error: RuntimeError: boom (this is a bug; "
        "re-run as 'journeycheck --debug audit ...' for the traceback)\n"
    )
    code, out, err = invoke("--debug", "audit", str(PLAN))
    assert code == 3
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.endswith(
        "RuntimeError: boom\njourneycheck audit: internal error: RuntimeError: boom "
        "(this is a bug)\n"
    )


def test_no_arguments_shows_help() -> None:
    code, out, err = invoke()
    assert "audit" in out + err
    assert code in (0, 2)
