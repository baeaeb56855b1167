"""Comparing two audits and building the agenda, against hand-computed fixtures.

tests/fixtures/review/old-plan.yaml is audited as of 2027-01-08 and
new-plan.yaml as of 2027-01-15, both against the mini playbook (launch
2027-03-01, gate buy; weights: blocker 3, major 2, minor 1, use.support.sla 4).
Every expected value below was worked out by hand from those files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.changes import AgendaItem, Diff
from journeycheck.compare import (
    Snapshot,
    agenda,
    compare,
    delta,
    regression,
    snapshot,
    worsened,
)
from journeycheck.playbooks import PlaybookCache
from journeycheck.result import VERDICTS, FieldChange, ScoreChange, Verdict, WaiverNote
from journeycheck.revisions import BlobsFor, FileSide
from journeycheck.score import audit
from journeycheck.weekly import snapshot_of
from tests.test_properties import PLAYBOOK, plans

REVIEW = Path(__file__).parent / "fixtures" / "review"
OLD_AS_OF, NEW_AS_OF = dt.date(2027, 1, 8), dt.date(2027, 1, 15)


def snap(name: str, as_of: dt.date) -> Snapshot:
    with BlobsFor() as blobs_for:
        return snapshot_of(FileSide(REVIEW / name), as_of, blobs_for, PlaybookCache())


@pytest.fixture
def old() -> Snapshot:
    return snap("old-plan.yaml", OLD_AS_OF)


@pytest.fixture
def new() -> Snapshot:
    return snap("new-plan.yaml", NEW_AS_OF)


@pytest.fixture
def diff(old: Snapshot, new: Snapshot) -> Diff:
    return compare(old, new)


def test_scores_and_deltas(diff: Diff) -> None:
    # Old gate (discover + buy): message 3×0.5, trademark 2×1, webinar 1×0, eula 3×1 (waived),
    # partner-kit 2×1 = 8.5 of 11 → 77.3; with sla 4×1 (waived) and community (n/a, not
    # counted): 12.5 of 15 → 83.3. New gate: message 3, trademark 2×0.5 (no evidence),
    # webinar 0, eula 0 (waiver expired, blocked), partner-kit 1, forecast 0 (physical now)
    # = 5 of 14 → 35.7; with sla 4 and community 1 (waived): 10 of 19 → 52.6.
    assert (diff.old.score, diff.new.score, diff.score_delta) == (77.3, 35.7, -41.6)
    assert (diff.old.total_score, diff.new.total_score, diff.total_score_delta) == (
        83.3,
        52.6,
        -30.7,
    )
    assert (diff.old.verdict, diff.new.verdict, diff.verdict_worsened) == ("no-go", "no-go", False)
    assert diff.phases == [
        ScoreChange(id="discover", old=58.3, new=66.7, delta=8.4),  # 3.5/6 → 4/6
        ScoreChange(id="buy", old=100.0, new=12.5, delta=-87.5),  # 5/5 → 1/8
        ScoreChange(id="use", old=100.0, new=100.0, delta=0.0),  # 4/4 → 5/5
    ]
    assert diff.teams == [
        ScoreChange(id="marketing", old=58.3, new=66.7, delta=8.4),
        ScoreChange(id="legal", old=100.0, new=20.0, delta=-80.0),  # 5/5 → 1/5
        ScoreChange(id="support", old=100.0, new=100.0, delta=0.0),
        ScoreChange(id="manufacturing", old=None, new=0.0, delta=None),  # not applicable before
    ]


def test_question_lists(diff: Diff) -> None:
    assert diff.done == ["discover.marketing.message"]
    # Credit fell: trademark 1 → 0.5, eula 1 (waived) → 0, partner-kit 1 → 0.5. The community
    # forum went from a justified n/a (not scored) to waived: no credit fell.
    assert diff.regressed == [
        "discover.legal.trademark",
        "buy.legal.eula",
        "buy.marketing.partner-kit",
    ]
    assert diff.new_gaps == [
        "discover.legal.trademark",
        "buy.legal.eula",
        "buy.marketing.partner-kit",
        "buy.manufacturing.forecast",
    ]
    assert diff.closed_gaps == ["discover.marketing.message"]
    assert diff.newly_overdue == ["buy.marketing.partner-kit"]  # due 2027-01-12, partial
    assert diff.blockers_opened == ["buy.legal.eula", "buy.manufacturing.forecast"]
    assert diff.blockers_closed == ["discover.marketing.message"]


def test_owner_due_and_waiver_changes(diff: Diff) -> None:
    assert diff.owner_changes == [
        FieldChange(question="discover.marketing.webinar", old=None, new="Lea Events"),
        FieldChange(question="buy.legal.eula", old="Ivo Legal", new="Amara Nwosu"),
    ]
    assert diff.due_changes == [
        FieldChange(question="discover.marketing.webinar", old=None, new="2027-01-20"),
        # launch - 20 days before; an explicit, earlier date now
        FieldChange(question="buy.marketing.partner-kit", old="2027-02-09", new="2027-01-12"),
    ]
    community = WaiverNote(question="use.support.community", expires=dt.date(2027, 3, 1))
    assert diff.waivers_added == [community]
    assert diff.waivers_expired == [
        WaiverNote(question="buy.legal.eula", expires=dt.date(2027, 1, 10))
    ]
    # 2027-01-25 is within 14 days of 2027-01-15; 2027-03-01 is not.
    assert diff.waivers_expiring == [
        WaiverNote(question="use.support.sla", expires=dt.date(2027, 1, 25))
    ]
    assert regression(diff)


def test_json_has_the_documented_fields(diff: Diff) -> None:
    data = json.loads(diff.model_dump_json(by_alias=True))
    assert data["schema"] == "journeycheck.diff/1"
    assert set(data["old"]) >= {"ref", "as_of", "verdict", "score", "total_score", "ready_through"}
    assert data["old"]["as_of"] == "2027-01-08"
    assert data["phases"][0] == {"id": "discover", "old": 58.3, "new": 66.7, "delta": 8.4}
    assert data["owner_changes"][1] == {
        "question": "buy.legal.eula",
        "old": "Ivo Legal",
        "new": "Amara Nwosu",
    }


def test_a_plan_compared_with_itself_has_no_changes(new: Snapshot) -> None:
    same = compare(new, new)
    assert (same.score_delta, same.total_score_delta) == (0.0, 0.0)
    assert not any(
        [
            same.done,
            same.regressed,
            same.new_gaps,
            same.closed_gaps,
            same.newly_overdue,
            same.blockers_opened,
            same.blockers_closed,
            same.owner_changes,
            same.due_changes,
            same.waivers_added,
            same.waivers_expired,
        ]
    )
    assert not regression(same)
    # An expiring waiver is a state, not a change: it is listed whatever the old side was.
    assert [note.question for note in same.waivers_expiring] == ["use.support.sla"]


@given(st.sampled_from(VERDICTS), st.sampled_from(VERDICTS))
def test_worsened_means_towards_no_go(old: Verdict, new: Verdict) -> None:
    assert worsened(old, new) == (VERDICTS.index(new) > VERDICTS.index(old))
    assert not (worsened(old, new) and worsened(new, old))
    assert worsened(old, new) or old == new or worsened(new, old)


def test_delta_needs_two_numbers() -> None:
    assert delta(None, 50.0) is None
    assert delta(50.0, None) is None
    assert delta(33.3, 66.7) == 33.4


def test_agenda_groups_by_owner(new: Snapshot) -> None:
    plan = agenda(new, 7)
    by_owner = {group.owner: group for group in plan.owners}
    # People alphabetically, then teams without an owner.
    assert [(g.owner, g.kind) for g in plan.owners] == [
        ("Amara Nwosu", "person"),
        ("Ivo Legal", "person"),
        ("Lea Events", "person"),
        ("Sam Channels", "person"),
        ("Manufacturing", "team"),
    ]

    def ids(items: list[AgendaItem]) -> list[str]:
        return [item.question for item in items]

    assert ids(by_owner["Sam Channels"].overdue) == ["buy.marketing.partner-kit"]
    # Trademark: done but without the required evidence, due launch - 45 = 2027-01-15 (today).
    assert ids(by_owner["Ivo Legal"].due_soon) == ["discover.legal.trademark"]
    assert ids(by_owner["Lea Events"].due_soon) == ["discover.marketing.webinar"]
    assert ids(by_owner["Amara Nwosu"].blocked) == ["buy.legal.eula"]
    assert ids(by_owner["Amara Nwosu"].gate_blockers) == ["buy.legal.eula"]
    assert ids(by_owner["Manufacturing"].gate_blockers) == ["buy.manufacturing.forecast"]
    assert not any(group.waivers_expiring for group in plan.owners)  # sla expires 01-25
    assert not any(group.closed for group in plan.owners)


def test_agenda_looks_as_far_ahead_as_asked(new: Snapshot) -> None:
    support = {group.owner: group for group in agenda(new, 14).owners}["Support"]
    assert [item.question for item in support.waivers_expiring] == ["use.support.sla"]
    assert support.waivers_expiring[0].expires == dt.date(2027, 1, 25)


def test_agenda_since_lists_what_each_owner_closed(old: Snapshot, new: Snapshot) -> None:
    plan = agenda(new, 7, since=old)
    maria = {group.owner: group for group in plan.owners}["Maria Petrova"]
    assert [item.question for item in maria.closed] == ["discover.marketing.message"]
    assert plan.since is not None and plan.since.as_of == OLD_AS_OF


# -- properties over any two plans ------------------------------------------------------


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    plan = draw(plans())
    as_of = draw(st.dates(min_value=dt.date(2026, 12, 1), max_value=dt.date(2027, 3, 1)))
    return snapshot(PLAYBOOK, plan, audit(PLAYBOOK, plan, as_of), "plan.yaml")


@settings(max_examples=150, deadline=None)
@given(snapshots(), snapshots())
def test_comparing_the_other_way_swaps_every_list(old: Snapshot, new: Snapshot) -> None:
    there, back = compare(old, new), compare(new, old)
    assert set(there.new_gaps) == set(back.closed_gaps)
    assert set(there.closed_gaps) == set(back.new_gaps)
    assert set(there.blockers_opened) == set(back.blockers_closed)
    if there.score_delta is not None:
        assert back.score_delta == pytest.approx(-there.score_delta, abs=0.05)
    assert not (there.verdict_worsened and back.verdict_worsened)


@settings(max_examples=150, deadline=None)
@given(snapshots(), snapshots())
def test_every_listed_question_applies_and_lists_hold_no_repeats(
    old: Snapshot, new: Snapshot
) -> None:
    found = compare(old, new)
    known = set(old.standings) | set(new.standings)
    for listed in (found.done, found.regressed, found.new_gaps, found.closed_gaps):
        assert len(listed) == len(set(listed))
        assert set(listed) <= known
    assert set(found.done) <= set(new.standings)
    # Done may still be a gap for another reason (a waiver that expired after the work).
    assert all(
        new.standings[q].credit == 1 and new.standings[q].status == "done" for q in found.done
    )
    assert set(found.regressed) <= set(old.standings) & set(new.standings)


def test_team_owners_count_on_the_agenda(tmp_path: Path) -> None:
    text = (REVIEW / "new-plan.yaml").read_text("utf-8")
    owned = tmp_path / "owned.yaml"
    owned.write_text(
        text.replace("playbook: ../mini-playbook.yaml", "playbook: mini-playbook.yaml").replace(
            "answers:\n", "owners: {support: Sara Support}\nanswers:\n", 1
        ),
        "utf-8",
    )
    (tmp_path / "mini-playbook.yaml").write_text(
        (REVIEW.parent / "mini-playbook.yaml").read_text("utf-8"), "utf-8"
    )
    with BlobsFor() as blobs_for:
        current = snapshot_of(FileSide(owned), NEW_AS_OF, blobs_for, PlaybookCache())
    groups = {group.owner: group for group in agenda(current, 14).owners}
    # The SLA answer names no owner: it is the support team's owner's, not the team's.
    assert "Support" not in groups
    assert [item.question for item in groups["Sara Support"].waivers_expiring] == [
        "use.support.sla"
    ]
    assert groups["Sara Support"].kind == "person"
    assert current.standings["use.support.sla"].owner_from_team
