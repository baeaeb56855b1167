"""The pre-commit hooks in .pre-commit-hooks.yaml, run by pre-commit itself.

``pre-commit try-repo`` installs journeycheck from this checkout (HEAD plus
uncommitted changes to tracked or staged files) into a fresh environment, then
runs the hooks in a throwaway repository holding a valid and a broken plan.
Each call installs the environment afresh (pip, from the package index), so the
test makes two calls: one with the valid plan, one with the broken one.

Slow: about 11 seconds on two idle cores, with the wheel test the longest of the suite
(``pytest -m "not slow"`` leaves it out; the run's last line says what it took).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ("journeycheck-validate", "journeycheck-audit")
#: "journeycheck validate.....Passed" then, with --verbose, "- hook id: ..." and the output.
HEADER = re.compile(r"^(journeycheck \w+)\.+(Passed|Failed|\(no files to check\)Skipped)$", re.M)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def hook_results(output: str) -> dict[str, tuple[str, str]]:
    """Each hook's status and output, by hook name, from pre-commit's report."""
    matches = list(HEADER.finditer(output))
    results = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(output)
        results[match.group(1)] = (match.group(2), output[match.end() : end])
    return results


@pytest.fixture
def plans_repo(tmp_path: Path) -> Path:
    """A project repository with a valid plan, a broken plan and an unrelated YAML file."""
    repo = tmp_path / "project"
    (repo / "plans").mkdir(parents=True)
    # The valid plan names the built-in playbook, which the installed hook carries.
    shutil.copy(ROOT / "examples" / "ready-for-gate.yaml", repo / "launch-plan.yaml")
    (repo / "plans" / "broken.journey.yml").write_text(
        "journeycheck: 1\n"
        "product: Broken\n"
        "playbook: customer-journey\n"
        "launch: 2027-03-01\n"
        "answers:\n"
        "  discover.marketing.go-to-market-plan:\n"
        "    status: finished\n",
        "utf-8",
    )
    # Not a plan: the hooks' file pattern must keep it away from journeycheck.
    (repo / "config.yaml").write_text("stages: [test]\n", "utf-8")
    git("init", "--quiet", cwd=repo)
    git("add", ".", cwd=repo)
    return repo


def product(plan: Path) -> str:
    return str(yaml.safe_load(plan.read_text("utf-8"))["product"])


def try_repo(repo: Path, home: Path, *files: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PRE_COMMIT_HOME"] = str(home)  # never the user's own pre-commit cache
    env["PRE_COMMIT_COLOR"] = "never"
    completed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--verbose", "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert completed.returncode in (0, 1), completed.stdout + completed.stderr
    return completed.stdout


def test_manifest_declares_both_hooks_for_plan_files() -> None:
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    by_id = {hook["id"]: hook for hook in manifest}
    assert set(by_id) == set(HOOKS)
    pattern = re.compile(by_id["journeycheck-validate"]["files"])
    for path in [
        "launch-plan.yaml",
        "docs/launch-plan.yml",
        "a/b/acme.journey.yaml",
        "x.journey.yml",
    ]:
        assert pattern.search(path), path
    for path in ["config.yaml", "my-launch-plan.yaml", "launch-plan.yaml.bak", "journey.yaml"]:
        assert not pattern.search(path), path
    assert by_id["journeycheck-audit"]["files"] == by_id["journeycheck-validate"]["files"]
    assert by_id["journeycheck-audit"]["require_serial"] is True


def test_the_readme_recommends_a_hook_that_never_fails_a_commit_for_a_verdict() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## pre-commit\n") : readme.index("## CI\n")]
    config = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", section, re.S)
    assert config is not None
    (repo,) = yaml.safe_load(config.group(1))["repos"]
    assert repo["hooks"] == [{"id": "journeycheck-validate"}]
    assert "--fail-on" not in config.group(1) and "--fail-under" not in config.group(1)
    # The verdict is judged in CI, in a recipe of its own.
    ci = (ROOT / "docs" / "ci.md").read_text("utf-8")
    assert "journeycheck audit plans/ --format markdown --output report.md --fail-on no-go" in ci
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert all("args" not in hook for hook in manifest)


@pytest.mark.slow
def test_hooks_pass_a_valid_plan_and_fail_a_broken_one_with_its_location(
    plans_repo: Path, tmp_path: Path
) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed; pre-commit needs it")
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse"], capture_output=True).returncode:
        pytest.skip(f"{ROOT} is not a git checkout; pre-commit installs hooks from one")

    home = tmp_path / "pre-commit-home"
    good = hook_results(try_repo(plans_repo, home, "launch-plan.yaml", "config.yaml"))
    status, output = good["journeycheck validate"]
    assert status == "Passed", output
    assert "launch-plan.yaml: ok" in output
    assert "config.yaml" not in output
    status, output = good["journeycheck audit"]
    assert status == "Passed", output
    assert f"{product(plans_repo / 'launch-plan.yaml')} — launch readiness" in output

    # Several changed plans go to one run: the good one is still checked beside the bad one.
    bad = hook_results(try_repo(plans_repo, home, "launch-plan.yaml", "plans/broken.journey.yml"))
    assert "launch-plan.yaml: ok" in bad["journeycheck validate"][1]
    assert "launch readiness" in bad["journeycheck audit"][1]
    located = (
        "plans/broken.journey.yml:7:13: status: 'finished' is not one of "
        "done, partial, not-started, blocked, n/a"
    )
    for hook in ("journeycheck validate", "journeycheck audit"):
        status, output = bad[hook]
        assert status == "Failed", output
        assert "- exit code: 2" in output
        assert located in output
