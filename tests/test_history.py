"""The history of a plan read from a real git repository (tests/gitrepo.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeycheck.changes import HistoryPoint
from journeycheck.errors import UsageError
from journeycheck.history import plan_history
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Failed, Run, process
from journeycheck.playbooks import PlaybookCache
from tests.gitrepo import Repo, Story, build_story, isolate, needs_git, plan_text

pytestmark = needs_git

TODAY = dt.date(2027, 2, 10)


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Story:
    isolate(monkeypatch, tmp_path)
    return build_story(tmp_path / "repo")


def points_of(story: Story, **options: dt.date | None) -> list[HistoryPoint]:
    run = plan_history(story.plan, PlaybookCache(), today=TODAY, **options)
    assert run.warnings == []
    return run.history.points


def test_one_point_per_commit_that_changed_the_plan(story: Story) -> None:
    points = points_of(story)
    expected = ["start", "tokyo", "invalid", "fixed", "rename", "new-playbook", "side", "main"]
    assert [p.commit for p in points] == [story.commits[name] for name in [*expected, "merge"]]
    assert [p.path for p in points][:5] == ["plans/launch-plan.yaml"] * 4 + [
        "plans/acme.journey.yaml"
    ]
    assert not any(p.uncommitted for p in points)


def test_each_point_is_dated_by_its_committer_in_their_own_time_zone(story: Story) -> None:
    tokyo = points_of(story)[1]
    # 2027-01-11 01:30 in Tokyo is still 2027-01-10 in UTC.
    assert (tokyo.date, tokyo.author, tokyo.subject) == (
        dt.date(2027, 1, 11),
        "Kenji Tanaka",
        "Marketing message approved",
    )


def test_history_equals_auditing_each_revision_on_its_own(story: Story, tmp_path: Path) -> None:
    """Each point is what `audit` says of that revision's files, as of its commit date."""
    for number, point in enumerate(points_of(story)):
        assert point.commit is not None
        tree = story.repo.export(point.commit, tmp_path / f"tree-{number}")
        # The exported tree has no repository around it: its playbook is where git had it.
        run = Run(AuditSettings(as_of=point.date), allow_outside=True)
        outcome = process(PlanFile(tree / point.path), run)
        if isinstance(outcome, Failed):
            first = outcome.problems[0]
            assert point.error is not None and point.score is None and point.counts is None
            shown = str(first).replace(str(tree / point.path), f"{point.commit[:7]}:{point.path}")
            assert point.error == shown
            continue
        assert isinstance(outcome, Audited)
        result = outcome.result
        assert point.error is None
        assert (point.verdict, point.score, point.total_score) == (
            result.verdict,
            result.score,
            result.total_score,
        )
        assert (point.ready_through, point.gate, point.threshold, point.counts) == (
            result.ready_through,
            result.gate,
            result.threshold,
            result.counts,
        )
        assert point.phases == {phase.id: phase.score for phase in result.phases}


def test_an_invalid_revision_is_a_point_with_its_located_problem(story: Story) -> None:
    invalid = points_of(story)[2]
    assert invalid.error is not None
    short = story.commits["invalid"][:7]
    assert invalid.error.startswith(f"{short}:plans/launch-plan.yaml:15:13: ")
    assert "finished" in invalid.error
    assert invalid.verdict is None and invalid.phases == {}


def test_the_playbook_is_read_at_each_revision(story: Story) -> None:
    points = {p.commit: p for p in points_of(story)}
    # At "tokyo" the webinar (not started) was a minor of weight 1: discover is 5 of 6. The
    # playbook in the work tree weighs it 10, which would give 5 of 15 (33.3).
    assert points[story.commits["tokyo"]].phases["discover"] == 83.3
    # At "new-playbook" the plan names playbooks/mini-v2.yaml, added in that commit.
    assert points[story.commits["new-playbook"]].error is None
    assert points[story.commits["new-playbook"]].phases["discover"] == 100.0


def test_the_working_file_is_the_last_point_when_it_differs(story: Story) -> None:
    text = story.plan.read_text("utf-8").replace("status: partial", "status: done", 1)
    story.plan.write_text(text, "utf-8")
    points = points_of(story)
    last = points[-1]
    assert (last.uncommitted, last.commit, last.author, last.date) == (True, None, None, TODAY)
    assert last.score is not None and points[-2].score is not None
    assert last.score > points[-2].score


def test_since_and_until_choose_by_commit_day(story: Story) -> None:
    points = points_of(story, since=dt.date(2027, 1, 11), until=dt.date(2027, 1, 25))
    assert [p.commit for p in points] == [
        story.commits[name] for name in ("tokyo", "invalid", "fixed", "rename")
    ]


def test_a_shallow_clone_warns_that_the_history_is_cut(story: Story, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    story.repo.git("clone", "-q", "--depth", "2", f"file://{story.repo.root}", str(clone))
    run = plan_history(clone / "plans" / "acme.journey.yaml", PlaybookCache(), today=TODAY)
    assert len(run.warnings) == 1 and "shallow clone" in run.warnings[0]
    assert run.history.shallow
    assert len(run.history.points) < 9


def test_a_plan_never_committed_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch, tmp_path)
    repo = Repo(tmp_path / "repo")
    plan = repo.write("launch-plan.yaml", plan_text("{}", playbook="customer-journey"))
    with pytest.raises(
        UsageError, match="no commit in the repository .* contains launch-plan.yaml"
    ):
        plan_history(plan, PlaybookCache(), today=TODAY)


def test_line_endings_converted_on_checkout_are_not_a_change(story: Story) -> None:
    story.repo.write(".gitattributes", "*.yaml text eol=crlf\n")
    story.repo.commit("Check plans out with CRLF", "2027-02-06T10:00:00+00:00")
    story.plan.unlink()
    story.repo.git("checkout", "--", "plans/acme.journey.yaml")
    assert b"\r\n" in story.plan.read_bytes()
    assert not any(point.uncommitted for point in points_of(story))


def test_each_point_records_the_kpi_actuals_and_history_draws_their_trend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeycheck.render import RenderOptions
    from journeycheck.render.history_markdown import render as markdown
    from journeycheck.render.history_terminal import render as terminal
    from tests.gitrepo import answers, mini_playbook_text

    isolate(monkeypatch, tmp_path)
    repo = Repo(tmp_path / "repo")
    repo.write("playbooks/mini.yaml", mini_playbook_text())

    def kpi(actual: str) -> str:
        return f"kpis:\n  time-to-close: {{target: 30, actual: {actual}}}\n"

    for actual, when in (("44", "2027-01-04"), ("44", "2027-01-06"), ("39.5", "2027-01-11")):
        repo.write("plans/plan.yaml", plan_text(answers(), extra=kpi(actual) + f"# {when}\n"))
        repo.commit(f"Time to close {actual}", f"{when}T09:00:00+00:00")
    run = plan_history(repo.root / "plans" / "plan.yaml", PlaybookCache(), today=TODAY)
    points = run.history.points
    assert [p.kpis for p in points] == [
        {"time-to-close": 44.0},
        {"time-to-close": 44.0},
        {"time-to-close": 39.5},
    ]
    trend = "44 on 2027-01-04 → 39.5 on 2027-01-11"
    assert f"time-to-close  {trend}" in terminal(run.history, RenderOptions(width=100))
    assert f"- `time-to-close`: {trend}\n" in markdown(run.history, RenderOptions())
