"""diff, history, agenda and audit --since on the command line: outputs, refusals, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journeycheck.schemas import schema_of
from tests.gitrepo import Story, build_story, isolate, needs_git
from tests.helpers import invoke

pytestmark = needs_git

REVIEW = Path(__file__).parent / "fixtures" / "review"
AS_OF = ("--as-of", "2027-02-10")


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Story:
    isolate(monkeypatch, tmp_path)
    built = build_story(tmp_path / "repo")
    monkeypatch.chdir(built.repo.root)
    return built


def valid(kind: Any, text: str) -> Any:
    data = json.loads(text)
    jsonschema.Draft202012Validator(schema_of(kind)).validate(data)
    return data


# -- diff ---------------------------------------------------------------------------------


def test_diff_since_a_day_in_every_format(story: Story) -> None:
    plan = "plans/acme.journey.yaml"
    ran = invoke("diff", plan, "--since", "2027-01-12", *AS_OF, "-f", "json")
    assert ran.code == 0, ran.err
    data = valid("diff", ran.out)
    assert data["old"]["commit"] == story.commits["tokyo"]
    assert data["regressed"] == ["discover.marketing.message"]
    terminal = invoke("diff", plan, "--since", "2027-01-12", *AS_OF)
    assert terminal.code == 0 and "Acme Ledger — what changed" in terminal.out
    markdown = invoke("diff", plan, "--since", "2027-01-12", *AS_OF, "-f", "markdown")
    assert markdown.out.startswith("# Acme Ledger — what changed\n")


def test_diff_of_two_object_names(story: Story) -> None:
    ran = invoke(
        "diff", "HEAD~1:plans/acme.journey.yaml", "HEAD:plans/acme.journey.yaml", "-f", "json"
    )
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    assert (data["old"]["as_of"], data["new"]["as_of"]) == ("2027-02-04", "2027-02-05")


def test_fail_on_regression_exits_1_after_writing(story: Story) -> None:
    args = ("diff", "plans/acme.journey.yaml", "--since", "2027-01-12", *AS_OF)
    ran = invoke(*args, "--fail-on-regression")
    assert ran.code == 1
    assert "Acme Ledger — what changed" in ran.out
    assert "a question's credit fell or the verdict worsened since" in ran.err
    # Compared the other way, nothing regressed.
    forward = invoke("diff", "HEAD~1:plans/acme.journey.yaml", "HEAD:plans/acme.journey.yaml")
    assert forward.code == 0
    again = invoke(
        "diff",
        "HEAD~1:plans/acme.journey.yaml",
        "HEAD:plans/acme.journey.yaml",
        "--fail-on-regression",
    )
    assert again.code == 0, again.err


def test_diff_of_two_files_needs_no_repository(tmp_path: Path) -> None:
    ran = invoke(
        "diff",
        REVIEW / "old-plan.yaml",
        REVIEW / "new-plan.yaml",
        "--old-as-of",
        "2027-01-08",
        "--as-of",
        "2027-01-15",
        "-o",
        tmp_path / "diff.json",
    )
    assert ran.code == 0, ran.err
    data = valid("diff", (tmp_path / "diff.json").read_text("utf-8"))
    assert (data["score_delta"], data["new_gaps"][-1]) == (-41.6, "buy.manufacturing.forecast")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("plans/acme.journey.yaml",), "give two plans to compare, OLD and NEW"),
        (("a.yaml", "b.yaml", "c.yaml"), "give two plans to compare, OLD and NEW"),
        (
            ("plans/acme.journey.yaml", "HEAD:plans/acme.journey.yaml", "--since", "HEAD~1"),
            "with --since, give one plan",
        ),
        (("plans/acme.journey.yaml", "--since", "nosuch"), "'nosuch' is not a commit"),
        (("plans/acme.journey.yaml", "--since", "2026-12-01"), "no commit changed"),
        (("HEAD~8:plans/acme.journey.yaml", "plans/acme.journey.yaml"), "does not exist at"),
        ((":plans/acme.journey.yaml", "plans/acme.journey.yaml"), "names no revision"),
        (("plans/acme.journey.yaml", "--since", "HEAD~1", "--as-of", "2027-2-1"), "YYYY-MM-DD"),
    ],
)
def test_diff_refusals_exit_2(story: Story, args: tuple[str, ...], message: str) -> None:
    ran = invoke("diff", *args)
    assert ran.code == 2, ran.out
    assert message in ran.err
    assert ran.out == ""


def test_an_invalid_revision_is_located(story: Story) -> None:
    invalid = story.commits["invalid"]
    ran = invoke("diff", f"{invalid}:plans/launch-plan.yaml", "plans/acme.journey.yaml")
    assert ran.code == 2
    assert ran.err.startswith(f"{invalid}:plans/launch-plan.yaml:15:13: status: 'finished'")


# -- history ------------------------------------------------------------------------------


def test_history_json_matches_its_schema(story: Story) -> None:
    ran = invoke("history", "plans/acme.journey.yaml", *AS_OF, "-f", "json")
    assert ran.code == 0, ran.err
    data = valid("history", ran.out)
    assert data["schema"] == "journeycheck.history/1"
    assert len(data["points"]) == 9
    assert data["points"][2]["error"].startswith(story.commits["invalid"][:7])


def test_history_markdown_has_the_chart(story: Story, tmp_path: Path) -> None:
    out = tmp_path / "history.md"
    ran = invoke("history", "plans/acme.journey.yaml", *AS_OF, "-o", out)
    assert ran.code == 0, ran.err
    page = out.read_text("utf-8")
    assert "```mermaid\nxychart-beta\n" in page
    assert page.count("| 2027-") == 9


def test_history_in_a_shallow_clone_warns(story: Story, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    story.repo.git("clone", "-q", "--depth", "2", f"file://{story.repo.root}", str(clone))
    ran = invoke("history", clone / "plans" / "acme.journey.yaml", "-f", "json")
    assert ran.code == 0
    assert "journeycheck history: warning: the repository at" in ran.err
    assert "is a shallow clone" in ran.err
    assert json.loads(ran.out)["shallow"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2027-02-01", "--until", "2027-01-01"), "2027-02-01 is after --until"),
        (("--since", "HEAD~1"), "expected a date written YYYY-MM-DD"),
    ],
)
def test_history_refuses_bad_dates(story: Story, args: tuple[str, ...], message: str) -> None:
    ran = invoke("history", "plans/acme.journey.yaml", *args)
    assert ran.code == 2
    assert message in ran.err


def test_history_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch, tmp_path)
    plan = tmp_path / "launch-plan.yaml"
    plan.write_text((REVIEW / "old-plan.yaml").read_text("utf-8"), "utf-8")
    ran = invoke("history", plan)
    assert ran.code == 2
    assert "journeycheck history: error:" in ran.err
    assert "is not inside a git repository" in ran.err


@needs_git
def test_history_of_a_plan_whose_playbook_is_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gitrepo import Repo, mini_playbook_text

    isolate(monkeypatch, tmp_path)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "mini.yaml").write_text(mini_playbook_text(), "utf-8")
    repo = Repo(tmp_path / "repo")
    plan = "journeycheck: 1\nproduct: Acme\nplaybook: ../shared/mini.yaml\nlaunch: 2027-03-01\n"
    repo.write("plan.yaml", plan)
    commit = repo.commit("Plan", "2027-01-04T10:00:00+00:00")[:7]
    repo.write("plan.yaml", plan.replace("Acme", "Acme Ledger"))  # uncommitted
    monkeypatch.chdir(repo.root)
    refused = invoke("history", "plan.yaml", *AS_OF, "-f", "json")
    allowed = invoke("history", "plan.yaml", *AS_OF, "-f", "json", "--allow-outside")
    assert refused.code == allowed.code == 0
    working = [json.loads(ran.out)["points"][-1] for ran in (refused, allowed)]
    assert "--allow-outside lifts this" in working[0]["error"]
    assert working[1]["error"] is None and working[1]["verdict"] in {"go", "at-risk", "no-go"}
    # As committed, the playbook's content is unknown, whatever the flag says.
    committed = json.loads(allowed.out)["points"][0]
    assert committed["commit"].startswith(commit)
    assert "outside the git repository" in committed["error"]


def test_history_without_git(story: Story, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    ran = invoke("history", "plans/acme.journey.yaml")
    assert ran.code == 2
    assert "git is not installed or not on PATH; history reads" in ran.err


# -- agenda -------------------------------------------------------------------------------


def test_agenda_in_every_format(story: Story) -> None:
    plan = "plans/acme.journey.yaml"
    data = valid(
        "agenda", invoke("agenda", plan, *AS_OF, "--since", "2027-01-04", "-f", "json").out
    )
    assert data["days"] == 7 and data["since"]["commit"] == story.commits["start"]
    owners = {group["owner"]: group for group in data["owners"]}
    assert [item["question"] for item in owners["Ivo Legal"]["closed"]] == [
        "discover.legal.trademark"
    ]
    markdown = invoke("agenda", plan, *AS_OF, "--days", "30", "-f", "markdown")
    assert markdown.code == 0 and "- [ ] " in markdown.out
    terminal = invoke("agenda", plan, *AS_OF)
    assert terminal.code == 0 and "agenda as of 2027-02-10" in terminal.out


def test_agenda_needs_no_repository_without_since(tmp_path: Path) -> None:
    ran = invoke("agenda", REVIEW / "new-plan.yaml", "--as-of", "2027-01-15", "-f", "json")
    assert ran.code == 0, ran.err
    assert valid("agenda", ran.out)["since"] is None


def test_agenda_days_must_not_be_negative() -> None:
    ran = invoke("agenda", REVIEW / "new-plan.yaml", "--days", "-1")
    assert ran.code == 2
    assert "--days" in ran.err


# -- audit --since ----------------------------------------------------------------------


def test_audit_since_in_json_terminal_and_markdown(story: Story) -> None:
    plan = "plans/acme.journey.yaml"
    data = valid("report", invoke("audit", plan, "--since", "2027-01-12", *AS_OF, "-f", "json").out)
    assert data["since"]["old"]["commit"] == story.commits["tokyo"]
    assert data["since"]["regressed"] == ["discover.marketing.message"]
    terminal = invoke("audit", plan, "--since", "2027-01-12", *AS_OF)
    assert "Since the last review" in terminal.out
    markdown = invoke("audit", plan, "--since", "2027-01-12", *AS_OF, "-f", "markdown")
    assert "## Since the last review" in markdown.out
    plain = invoke("audit", plan, *AS_OF, "-f", "json")
    assert "since" not in json.loads(plain.out)


def test_audit_since_takes_one_plan(story: Story) -> None:
    ran = invoke("audit", "plans", "--since", "HEAD~1")
    assert ran.code == 2
    assert "--since compares one plan with its own history" in ran.err


def test_audit_since_keeps_the_gates(story: Story) -> None:
    ran = invoke("audit", "plans/acme.journey.yaml", "--since", "HEAD~1", "--fail-on", "no-go")
    assert ran.code == 1
    assert "verdict is no-go" in ran.err


def test_audit_since_in_a_format_that_points_at_lines(story: Story) -> None:
    ran = invoke("audit", "plans/acme.journey.yaml", "--since", "HEAD~1", *AS_OF, "-f", "sarif")
    assert ran.code == 0, ran.err
    log = json.loads(ran.out)
    regions = [
        result["locations"][0]["physicalLocation"]["region"]["startLine"]
        for run in log["runs"]
        for result in run["results"]
    ]
    assert regions and all(line > 0 for line in regions)
