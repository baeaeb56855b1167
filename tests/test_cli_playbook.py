"""``journeycheck playbook list | show | check`` through the command line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import BUILTIN_PLAYBOOK, GOLDEN, invoke

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini-playbook.yaml"
CASES = ROOT / "tests" / "cases" / "playbooks"


def test_list_shows_the_built_in_playbooks() -> None:
    code, out, err = invoke("playbook", "list")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "id                version  questions  title",
        "customer-journey  1.0.0          108  Customer journey launch readiness",
    ]


def test_show_a_file_as_markdown_matches_the_golden_page() -> None:
    code, out, err = invoke("playbook", "show", MINI, "--format", "markdown")
    assert (code, err) == (0, "")
    assert out == (GOLDEN / "checklist-mini.md").read_text("utf-8")


def test_show_json_with_filters_matches_the_golden_file() -> None:
    code, out, _ = invoke(
        "playbook", "show", MINI, "-f", "json", "--phase", "buy", "--trait", "physical=yes"
    )
    assert code == 0
    assert out == (GOLDEN / "checklist-mini-buy-physical.json").read_text("utf-8")


def test_show_a_file_relative_to_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(MINI, tmp_path / "team.yml")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("playbook", "show", "team.yml")
    assert code == 0
    assert out.startswith("Mini launch playbook\nPlaybook mini 0.1 · 8 questions\n")


def test_show_the_built_in_playbook_in_the_terminal_by_default() -> None:
    code, out, _ = invoke("playbook", "show", "customer-journey", "--team", "legal")
    assert code == 0
    assert "Playbook customer-journey 1.0.0 · " in out
    assert "[ ] Is there an approved service level agreement (SLA) policy" in out
    assert "\x1b" not in out


def test_traits_narrow_the_built_in_playbook_to_what_applies() -> None:
    def count(*traits: str) -> int:
        args = [f"--trait={trait}" for trait in traits]
        code, out, err = invoke("playbook", "show", "customer-journey", "-f", "json", *args)
        assert code == 0, err
        data = json.loads(out)
        assert data["count"] == sum(
            len(team["items"]) for phase in data["phases"] for team in phase["teams"]
        )
        return int(data["count"])

    everything = count()
    physical = count("physical=true")
    software = count("physical=false")
    assert everything == 108
    assert software < physical < everything
    assert count("physical=true", "channels=true", "subscription=true") > physical


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["custmer-journey"],
            "unknown playbook 'custmer-journey' (did you mean "
            "'customer-journey'?); built-in playbooks: customer-journey; "
            "or give a path to a playbook file",
        ),
        (["nowhere/team.yaml"], "playbook file 'nowhere/team.yaml' does not exist"),
        (
            ["customer-journey", "--phase", "bye"],
            "--phase: unknown phase 'bye' "
            "(did you mean 'buy'?); choose from discover, buy, use, grow",
        ),
        (["customer-journey", "--team", "lawyers"], "--team: unknown team 'lawyers'"),
        (
            ["customer-journey", "--trait", "hostd=true"],
            "--trait: unknown trait 'hostd' "
            "(did you mean 'hosted'?); playbook 'customer-journey' has physical, channels, "
            "subscription, third_party, hosted",
        ),
        (
            ["customer-journey", "--trait", "physical=maybe"],
            "--trait physical: the value must be true or false, not 'maybe'",
        ),
        (
            ["customer-journey", "--trait", "physical"],
            "--trait: write NAME=true or NAME=false, not 'physical'",
        ),
        (["customer-journey", "--trait", "=true"], "--trait: write NAME=true or NAME=false"),
        (
            ["customer-journey", "--trait", "physical=true", "--trait", "physical=no"],
            "--trait physical: given as both true and false",
        ),
        (["customer-journey", "--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_show_refuses_what_it_cannot_use_with_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke("playbook", "show", *args)
    assert (code, out) == (2, "")
    assert message in " ".join(err.split()), err


def test_show_a_broken_playbook_file_lists_its_problems() -> None:
    bad = CASES / "unknown-team.yaml"
    code, out, err = invoke("playbook", "show", bad)
    assert (code, out) == (2, "")
    assert err == f"{bad}:17:11: team: unknown team 'sales'; teams are marketing, legal\n"


def test_check_reports_every_file_and_exits_2_if_any_is_broken(tmp_path: Path) -> None:
    bad = CASES / "duplicate-question-id.yaml"
    missing = tmp_path / "missing.yaml"
    code, out, err = invoke("playbook", "check", bad, missing, MINI)
    assert code == 2
    assert out == f"{MINI}: ok (mini 0.1, 8 questions)\n"
    lines = err.splitlines()
    assert lines[0].startswith(f"{bad}:")
    assert "duplicate question id" in lines[0]
    assert lines[-1] == f"{missing}: no such file"


def test_check_a_valid_playbook_exits_0() -> None:
    builtin = BUILTIN_PLAYBOOK
    code, out, err = invoke("playbook", "check", "--strict", builtin)
    assert (code, err) == (0, "")
    first, *translated = out.splitlines()
    assert first == f"{builtin}: ok (customer-journey 1.0.0, 108 questions)"
    # Its translations beside it are checked too, and are complete.
    assert "bg" in [line.split("(")[1][:2] for line in translated]
    for line in translated:
        assert re.fullmatch(
            r".*/customer-journey\.(bg|ko)\.yaml: ok \(\1, all \d+ texts translated\)", line
        )


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_check_locates_each_problem_of_the_corpus(path: Path) -> None:
    expected = [
        line.removeprefix("# expect:").strip()
        for line in path.read_text("utf-8").splitlines()
        if line.startswith("# expect:")
    ]
    code, out, err = invoke("playbook", "check", path)
    assert (code, out) == (2, "")
    for expect in expected:
        separator = ":" if expect[:1].isdigit() else ": "
        assert f"{path}{separator}{expect}" in err


def test_playbook_without_a_subcommand_shows_its_help() -> None:
    _, out, err = invoke("playbook")
    output = out + err
    assert "list" in output and "show" in output and "check" in output
