"""``journeycheck validate``: plans checked without scoring, every plan reported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeycheck.checking.shape import validate_playbook
from journeycheck.models import Playbook
from journeycheck.reading.document import Document
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASES = ROOT / "tests" / "cases"


def write_plan(path: Path, playbook: str = "customer-journey", product: str = "P") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"journeycheck: 1\nproduct: {product}\nplaybook: {playbook}\nlaunch: 2027-03-01\n",
        "utf-8",
    )
    return path


def test_valid_plans_print_ok_and_exit_0() -> None:
    plans = sorted(EXAMPLES.glob("*.yaml"))
    code, out, err = invoke("validate", *plans)
    assert code == 0
    assert out == "".join(f"{plan}: ok\n" for plan in plans)
    # The SaaS example's vendor plan is done without its required link, on purpose.
    (warning,) = err.splitlines()
    assert warning.startswith(f"{EXAMPLES / 'saas-halfway.yaml'}:226:13: warning: status: done")


def test_it_keeps_going_after_a_bad_plan_and_exits_2(tmp_path: Path) -> None:
    bad = CASES / "plans" / "unknown-status.yaml"
    good = EXAMPLES / "ready-for-gate.yaml"
    missing = tmp_path / "missing.yaml"
    code, out, err = invoke("validate", bad, missing, good)
    assert code == 2
    assert out == f"{good}: ok\n"
    assert err == (
        f"{bad}:8:13: status: 'finished' is not one of done, partial, not-started, blocked, n/a\n"
        f"{missing}: no such file\n"
    )


def test_every_problem_of_a_plan_is_listed(tmp_path: Path) -> None:
    bad = CASES / "plans" / "several-problems.yaml"
    code, out, err = invoke("validate", bad)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 3
    assert all(line.startswith(f"{bad}:") for line in err.splitlines())


def test_a_folder_checks_the_plans_directly_inside_and_skips_other_yaml(tmp_path: Path) -> None:
    shutil.copy(ROOT / "tests" / "fixtures" / "mini-playbook.yaml", tmp_path / "team.yaml")
    write_plan(tmp_path / "b.yml", playbook="team.yaml")
    write_plan(tmp_path / "a.yaml")
    write_plan(tmp_path / "nested" / "deeper.yaml", playbook="nope")  # not read: one level only
    (tmp_path / "ci.yaml").write_text("stages: [test]\n", "utf-8")
    code, out, err = invoke("validate", tmp_path)
    assert code == 0, err
    assert out == f"{tmp_path / 'a.yaml'}: ok\n{tmp_path / 'b.yml'}: ok\n"
    assert err == (
        f"{tmp_path / 'ci.yaml'}: skipped, not a plan: it has none of the keys a plan has "
        "(journeycheck, product, playbook, ...)\n"
        f"{tmp_path / 'team.yaml'}: skipped, not a plan: it is a playbook\n"
    )


def test_a_folder_of_nothing_but_skipped_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ci.yaml").write_text("stages: [test]\n", "utf-8")
    code, out, err = invoke("validate", tmp_path)
    assert (code, out) == (2, "")
    assert err.endswith(
        "journeycheck validate: error: no plans to check: all 1 YAML files found were skipped\n"
    )


def test_a_file_named_explicitly_is_always_checked_as_a_plan(tmp_path: Path) -> None:
    playbook = shutil.copy(ROOT / "tests" / "fixtures" / "mini-playbook.yaml", tmp_path / "p.yaml")
    code, _, err = invoke("validate", playbook)
    assert code == 2
    assert f"{playbook}:2:1: unknown key 'id'" in err


def test_an_empty_folder_is_an_error_but_the_other_plans_are_checked(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    plan = write_plan(tmp_path / "plan.yaml")
    code, out, err = invoke("validate", tmp_path / "empty", plan)
    assert code == 2
    assert out == f"{plan}: ok\n"
    assert err == f"{tmp_path / 'empty'}: folder has no *.yaml or *.yml file directly in it\n"


def test_a_broken_shared_playbook_is_reported_once_and_each_plan_fails(tmp_path: Path) -> None:
    playbook = tmp_path / "team.yml"
    shutil.copy(CASES / "playbooks" / "unknown-team.yaml", playbook)
    first = write_plan(tmp_path / "a.yaml", playbook="team.yml")
    second = write_plan(tmp_path / "b.yaml", playbook="team.yml")
    code, out, err = invoke("validate", first, second)
    assert (code, out) == (2, "")
    assert err == (
        f"{playbook}:17:11: team: unknown team 'sales'; teams are marketing, legal\n"
        f"{first}: invalid: its playbook has the problems listed above\n"
        f"{second}: invalid: its playbook has the problems listed above\n"
    )


def test_each_playbook_is_parsed_and_validated_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def counting(doc: Document) -> Playbook:
        calls.append(doc.file)
        return validate_playbook(doc)

    monkeypatch.setattr("journeycheck.checking.shape.validate_playbook", counting)
    # Once per run: without the cache between runs (journeycheck.prepared), which would
    # make it none at all.
    monkeypatch.setenv("JOURNEYCHECK_NO_CACHE", "1")
    plans = [write_plan(tmp_path / f"p{i}.yaml", product=f"P{i}") for i in range(3)]
    code, _, err = invoke("validate", *plans, *sorted(EXAMPLES.glob("*.yaml")))
    assert code == 0, err
    assert len(calls) == 1
    assert calls[0].endswith("customer-journey.yaml")


def test_a_plan_is_required() -> None:
    code, _, err = invoke("validate")
    assert code == 2
    assert "Missing argument 'PLAN'" in err


def test_validate_imports_no_renderer_and_no_scoring(tmp_path: Path) -> None:
    """It runs on every save and commit: it must not pay for scoring or rendering."""
    script = (
        "import sys\n"
        "from journeycheck.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:], prog_name='journeycheck')\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None), exit.code\n"
        "unneeded = ('rich', 'jinja2', 'journeycheck.score', 'journeycheck.result')\n"
        "heavy = sorted(m for m in sys.modules if m.startswith(unneeded))\n"
        "print(heavy)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    completed = subprocess.run(
        [sys.executable, "-c", script, "validate", str(EXAMPLES / "saas-halfway.yaml")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines()[-1] == "[]"


# -- warnings ------------------------------------------------------------------------

WARNINGS = CASES / "warnings"


def test_warnings_are_shown_and_the_plan_is_valid(tmp_path: Path) -> None:
    plan = WARNINGS / "na-without-note.yaml"
    code, out, err = invoke("validate", plan)
    assert code == 0
    assert out == f"{plan}: ok\n"
    assert err == (
        f"{plan}:10:13: warning: status: n/a without a note; say in note why the question "
        "does not apply, or the audit counts it as not done\n"
    )


def test_strict_makes_warnings_errors() -> None:
    plans = [WARNINGS / "na-without-note.yaml", WARNINGS / "quiet.yaml"]
    code, out, err = invoke("validate", "--strict", *plans)
    assert code == 2
    assert out == f"{plans[1]}: ok\n"
    assert err.splitlines()[-1] == (
        f"{plans[0]}: invalid with --strict: it has the warnings listed above"
    )


def test_a_launch_long_past_is_judged_from_today_or_as_of(tmp_path: Path) -> None:
    import datetime as dt

    plan = tmp_path / "plan.yaml"
    long_ago = dt.date.today() - dt.timedelta(days=400)
    plan.write_text(
        f"journeycheck: 1\nproduct: P\nplaybook: customer-journey\nlaunch: {long_ago}\n", "utf-8"
    )
    code, _, err = invoke("validate", plan)
    assert code == 0
    assert f"warning: launch: {long_ago} is more than a year before today" in err
    code, _, err = invoke("validate", plan, "--as-of", str(long_ago), "--strict")
    assert (code, err) == (0, "")


def test_every_independent_problem_in_one_run() -> None:
    plan = CASES / "plans" / "problems-of-every-step.yaml"
    code, out, err = invoke("validate", plan)
    assert (code, out) == (2, "")
    # version, gate, threshold, trait, answer id, status: six mistakes, one run.
    assert len(err.splitlines()) == 6, err
    assert "gate: unknown phase 'bye'" in err and "unknown trait 'physicl'" in err
    assert "unknown question id 'discover.marketing.mesage'" in err and "'finished'" in err


def test_a_value_cut_by_a_comment_is_said_beside_the_errors_it_causes(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "journeycheck: 1\nproduct: #42 Ledger\nplaybook: customer-journey\nlaunch: 2027-03-01\n"
        "answers:\n  discover.marketing.go-to-market-plan:\n    status: done\n"
        "    note: see ticket #12\n",
        "utf-8",
    )
    code, _, err = invoke("validate", plan)
    assert code == 2
    assert err.splitlines() == [
        f"{plan}:2:9: product: expected text, got nothing (an empty value)",
        f"{plan}:8:22: warning: note: YAML read the value as 'see ticket' and the rest of the "
        "line, '#12', as a comment; if it belongs to the note, put the whole value in quotes",
    ]


@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_many_plans_checked_by_workers_are_reported_as_by_one_process(
    tmp_path: Path, strict: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Enough plans for the pool (portfolio.POOL_FROM): valid ones, ones with warnings,
    # broken ones and YAML files that are not plans, with a missing file named between.
    folder = tmp_path / "plans"
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for number, example in enumerate(examples * 14):
        shutil.copy(example, folder / f"{number:03}-{example.name}")
    (folder / "050-broken.yaml").write_text("journeycheck: 1\nproduct: [\n", "utf-8")
    (folder / "051-workflow.yml").write_text("name: ci\non: push\n", "utf-8")
    write_plan(folder / "052-unknown.yaml", playbook="no-such-playbook")
    arguments = [folder, tmp_path / "missing.yaml", EXAMPLES / "saas-halfway.yaml"]
    from journeycheck import portfolio

    pools: list[int] = []
    in_pool = portfolio._audit_in_pool

    def counted(*args: Any) -> Any:
        pools.append(args[3])
        return in_pool(*args)

    monkeypatch.setattr(portfolio, "_audit_in_pool", counted)
    alone = invoke("validate", *arguments, *strict, "--jobs", "1")
    pooled = invoke("validate", *arguments, *strict, "--jobs", "2")
    assert pools == [2]
    assert pooled == alone
    assert alone.code == 2
    # Every copy of the SaaS example has a warning, which --strict makes an error.
    assert alone.out.count(": ok\n") == (len(examples) - bool(strict)) * 14 + (not strict)
