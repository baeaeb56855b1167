"""Reading git: the log, object contents, and each refusal with its sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeycheck.errors import UsageError
from journeycheck.git import committer_date, is_date, open_repository, parse_log, repository_path
from journeycheck.playbooks import PlaybookCache
from journeycheck.revisions import BlobsFor, object_side, since_side
from tests.gitrepo import Story, build_story, isolate, needs_git


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Story:
    isolate(monkeypatch, tmp_path)
    return build_story(tmp_path / "repo")


def test_parse_log_keeps_the_name_of_each_commit_and_any_subject() -> None:
    output = (
        b"\x01" + b"b" * 40 + b"\x1f2027-01-02T10:00:00+01:00\x1fAna\x1fsubject \x1f with \x01 odd"
        b"\x00\nnew name.yaml\x00"
        b"\x01" + b"m" * 40 + b"\x1f2027-01-01T23:00:00-05:00\x1fBo\x1fmerge\x00"
        b"\x01" + b"a" * 40 + b"\x1f2026-12-31T10:00:00+00:00\x1fCy\x1fstart\x00\nold.yaml\x00"
    )
    revisions = parse_log(output, "new name.yaml")
    assert [(r.commit[0], r.path, r.date, r.author) for r in revisions] == [
        ("a", "old.yaml", dt.date(2026, 12, 31), "Cy"),
        ("m", "new name.yaml", dt.date(2027, 1, 1), "Bo"),  # listed without a name
        ("b", "new name.yaml", dt.date(2027, 1, 2), "Ana"),
    ]
    assert revisions[2].subject == "subject \x1f with \x01 odd"


def test_committer_date_is_the_committers_own_day() -> None:
    raw = b"tree 1\nauthor A <a@b> 1000 +0000\ncommitter C <c@d> 1799622000 +0900\n\nmessage\n"
    # 1799622000 is 2027-01-10 23:00 UTC, already 2027-01-11 in UTC+9.
    assert committer_date(raw) == dt.date(2027, 1, 11)


@pytest.mark.parametrize(
    ("text", "day"),
    [("2027-01-15", True), ("HEAD~2", False), ("2027-1-15", False), ("v2027-01-15", False)],
)
def test_a_since_value_is_a_day_only_when_written_yyyy_mm_dd(text: str, day: bool) -> None:
    assert is_date(text) is day


def test_repository_paths_follow_gits_rules(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "plans").mkdir(parents=True)
    assert repository_path(root, "plans/a.yaml") == "plans/a.yaml"
    assert repository_path(root, "./a.yaml", cwd=root / "plans") == "plans/a.yaml"
    assert repository_path(root, "../a.yaml", cwd=root / "plans") == "a.yaml"
    with pytest.raises(UsageError, match="outside the git repository"):
        repository_path(root, "../x.yaml")


@needs_git
def test_object_names_and_contents(story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(story.repo.root)
    with BlobsFor() as blobs_for:
        side = object_side("HEAD~1:plans/acme.journey.yaml", blobs_for, "diff")
        assert side.commit == story.commits["main"]
        assert side.committed == dt.date(2027, 2, 4)
        assert side.ref == "HEAD~1:plans/acme.journey.yaml"


@needs_git
def test_since_a_day_is_the_last_commit_on_or_before_it(story: Story) -> None:
    with BlobsFor() as blobs_for:
        side = since_side(story.plan, "2027-01-24", blobs_for, "diff")
        assert (side.commit, side.path) == (story.commits["fixed"], "plans/launch-plan.yaml")
        # A revision from before the rename finds the plan under its old name.
        older = since_side(story.plan, story.commits["tokyo"], blobs_for, "diff")
        assert older.path == "plans/launch-plan.yaml"
        assert older.committed == dt.date(2027, 1, 11)


# -- refusals --------------------------------------------------------------------------


@needs_git
def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(monkeypatch, tmp_path)
    plan = tmp_path / "plain" / "launch-plan.yaml"
    plan.parent.mkdir()
    plan.write_text("journeycheck: 1\n", "utf-8")
    with pytest.raises(UsageError, match=r"is not inside a git repository, so the history of"):
        open_repository(plan, "history")


def test_git_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no git there
    with pytest.raises(UsageError, match="git is not installed or not on PATH; history reads"):
        open_repository(tmp_path, "history")


@needs_git
def test_unknown_revision(story: Story) -> None:
    with BlobsFor() as blobs_for, pytest.raises(UsageError, match="'nosuch' is not a commit"):
        since_side(story.plan, "nosuch", blobs_for, "diff")


@needs_git
@pytest.mark.parametrize("revision", ["-h", "HEAD~99", "a" * 40])
def test_revisions_that_are_not_commits(story: Story, revision: str) -> None:
    with BlobsFor() as blobs_for, pytest.raises(UsageError, match="is not a commit"):
        since_side(story.plan, revision, blobs_for, "diff")


@needs_git
def test_path_absent_at_revision(story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(story.repo.root)
    start = story.commits["start"]
    with BlobsFor() as blobs_for, pytest.raises(UsageError, match="does not exist at revision"):
        object_side(f"{start}:plans/acme.journey.yaml", blobs_for, "diff")


@needs_git
def test_a_folder_at_revision_is_not_a_plan(story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(story.repo.root)
    with BlobsFor() as blobs_for, pytest.raises(UsageError, match="is a folder, not a file"):
        object_side("HEAD:plans", blobs_for, "diff")


def test_an_object_name_needs_a_revision() -> None:
    with BlobsFor() as blobs_for, pytest.raises(UsageError, match="names no revision"):
        object_side(":launch-plan.yaml", blobs_for, "diff")


@needs_git
def test_a_day_before_the_first_commit(story: Story) -> None:
    with (
        BlobsFor() as blobs_for,
        pytest.raises(
            UsageError,
            match="no commit changed .* on or before 2027-01-01; its first commit is from",
        ),
    ):
        since_side(story.plan, "2027-01-01", blobs_for, "diff")


@needs_git
def test_a_plan_outside_the_repository(story: Story, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("journeycheck: 1\n", "utf-8")
    repository = open_repository(story.plan, "history")
    with pytest.raises(UsageError, match="outside the git repository"):
        repository.relative(elsewhere)


@needs_git
def test_the_playbook_comes_from_the_revision_not_the_work_tree(story: Story) -> None:
    from journeycheck.revisions import RevisionReader

    (story.repo.root / "playbooks" / "mini-v2.yaml").unlink()
    repository = open_repository(story.plan, "history")
    with repository.blobs() as blobs:
        reader = RevisionReader(repository, blobs, PlaybookCache())
        loaded = reader.plan("HEAD", "plans/acme.journey.yaml", "HEAD:plans/acme.journey.yaml")
        assert loaded.resolved.playbook.id == "mini-v2"


@needs_git
def test_a_playbook_missing_at_the_revision_is_located_in_the_plan(story: Story) -> None:
    from journeycheck.errors import InputError
    from journeycheck.revisions import RevisionReader

    story.repo.git("rm", "-q", "playbooks/mini-v2.yaml")
    commit = story.repo.commit("Drop v2 by mistake", "2027-02-06T10:00:00+00:00")
    repository = open_repository(story.plan, "history")
    name = "HEAD:plans/acme.journey.yaml"
    with repository.blobs() as blobs, pytest.raises(InputError) as raised:
        RevisionReader(repository, blobs, PlaybookCache()).plan(
            commit, "plans/acme.journey.yaml", name
        )
    assert [str(problem) for problem in raised.value.problems] == [
        f"{name}:3:11: playbook: the playbook file '../playbooks/mini-v2.yaml' does not exist "
        f"at revision {commit[:7]} (looked for playbooks/mini-v2.yaml)"
    ]
