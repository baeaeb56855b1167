"""The review's use cases over a real repository: which sides, which dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journeycheck.errors import UsageError
from journeycheck.pipeline import AuditSettings
from journeycheck.playbooks import PlaybookCache
from journeycheck.weekly import Dates, agenda, audit_since, diff
from tests.gitrepo import Story, build_story, isolate, needs_git

pytestmark = needs_git

TODAY = dt.date(2027, 2, 10)
REVIEW = Path(__file__).parent / "fixtures" / "review"


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Story:
    isolate(monkeypatch, tmp_path)
    built = build_story(tmp_path / "repo")
    monkeypatch.chdir(built.repo.root)
    return built


def test_two_committed_sides_are_audited_as_of_their_commit_dates(story: Story) -> None:
    found = diff(
        "HEAD~1:plans/acme.journey.yaml",
        "HEAD:plans/acme.journey.yaml",
        None,
        Dates(TODAY),
        PlaybookCache(),
    )
    assert (found.old.as_of, found.new.as_of) == (dt.date(2027, 2, 4), dt.date(2027, 2, 5))
    assert (found.old.commit, found.new.commit) == (story.commits["main"], story.commits["merge"])
    # The merge brings the side branch's EULA work (not started → partial).
    assert found.new_gaps == [] and found.regressed == []
    assert [change.id for change in found.phases if change.delta] == ["buy"]


def test_since_a_day_compares_that_commit_with_the_working_file(story: Story) -> None:
    found = diff(str(story.plan), None, "2027-01-12", Dates(TODAY), PlaybookCache())
    assert found.old.commit == story.commits["tokyo"]
    assert found.old.ref == f"{story.commits['tokyo'][:7]}:plans/launch-plan.yaml"
    assert (found.old.as_of, found.new.as_of) == (dt.date(2027, 1, 11), TODAY)
    assert found.new.commit is None
    # Since then: the webinar was done (after a broken commit) and the message reopened.
    assert found.done == ["discover.marketing.webinar"]
    assert found.regressed == ["discover.marketing.message"]


def test_as_of_flags_override_the_commit_dates(story: Story) -> None:
    dates = Dates(TODAY, as_of=dt.date(2027, 2, 20), old_as_of=dt.date(2027, 1, 1))
    found = diff(str(story.plan), None, "HEAD~3", dates, PlaybookCache())
    assert (found.old.as_of, found.new.as_of) == (dt.date(2027, 1, 1), dt.date(2027, 2, 20))


def test_two_files_take_as_of_for_both_unless_old_as_of(story: Story) -> None:
    old, new = str(REVIEW / "old-plan.yaml"), str(REVIEW / "new-plan.yaml")
    same = diff(old, new, None, Dates(TODAY, as_of=dt.date(2027, 1, 15)), PlaybookCache())
    assert same.old.as_of == same.new.as_of == dt.date(2027, 1, 15)
    apart = Dates(TODAY, as_of=dt.date(2027, 1, 15), old_as_of=dt.date(2027, 1, 8))
    assert diff(old, new, None, apart, PlaybookCache()).old.as_of == dt.date(2027, 1, 8)


def test_an_invalid_side_is_refused_with_its_located_problem(story: Story) -> None:
    from journeycheck.errors import InputError

    invalid = story.commits["invalid"]
    with pytest.raises(InputError) as raised:
        diff(
            f"{invalid}:plans/launch-plan.yaml",
            str(story.plan),
            None,
            Dates(TODAY),
            PlaybookCache(),
        )
    assert str(raised.value.problems[0]).startswith(f"{invalid}:plans/launch-plan.yaml:15:13: ")


def test_audit_since_adds_the_change_and_keeps_the_audit(story: Story) -> None:
    settings = AuditSettings(as_of=TODAY)
    result, located = audit_since(story.plan, "2027-01-12", settings, PlaybookCache())
    assert located is None
    assert result.since is not None
    assert result.since.old.commit == story.commits["tokyo"]
    assert result.since.regressed == ["discover.marketing.message"]
    plain = diff(str(story.plan), None, "2027-01-12", Dates(TODAY), PlaybookCache())
    assert result.since.score_delta == plain.score_delta
    assert result.score == plain.new.score


def test_audit_since_checks_team_and_phase_names(story: Story) -> None:
    settings = AuditSettings(as_of=TODAY, teams=("legl",))
    with pytest.raises(UsageError, match="unknown team 'legl'"):
        audit_since(story.plan, "HEAD~1", settings, PlaybookCache())


def test_agenda_since_lists_what_was_closed(story: Story) -> None:
    found = agenda(story.plan, 7, "2027-01-04", TODAY, PlaybookCache())
    assert found.since is not None and found.since.commit == story.commits["start"]
    closed = {group.owner: [i.question for i in group.closed] for group in found.owners}
    assert closed["Ivo Legal"] == ["discover.legal.trademark"]
    assert closed["Lea Events"] == ["discover.marketing.webinar"]
