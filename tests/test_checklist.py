"""A playbook picked into a checklist: by phase, team and the traits that apply."""

from __future__ import annotations

import pytest

from journeycheck.checklist import Checklist, build
from tests.helpers import mini_playbook

PLAYBOOK = mini_playbook()


def ids(checklist: Checklist) -> list[str]:
    return [item.id for phase in checklist.phases for team in phase.teams for item in team.items]


def test_without_filters_every_question_is_listed_by_phase_then_team_order() -> None:
    checklist = build(PLAYBOOK)
    assert checklist.count == len(PLAYBOOK.questions) == 8
    assert [phase.id for phase in checklist.phases] == ["discover", "buy", "use"]
    # Teams follow the playbook's team order within a phase, not question order.
    assert [team.id for team in checklist.phases[1].teams] == [
        "marketing",
        "legal",
        "manufacturing",
    ]
    assert ids(checklist) == [
        "discover.marketing.message",
        "discover.marketing.webinar",
        "discover.legal.trademark",
        "buy.marketing.partner-kit",
        "buy.legal.eula",
        "buy.manufacturing.forecast",
        "use.support.sla",
        "use.support.community",
    ]
    assert checklist.selection.traits is None


def test_phase_and_team_filters_combine_and_drop_empty_sections() -> None:
    checklist = build(PLAYBOOK, phases=["use", "buy"], teams=["legal", "support"])
    assert ids(checklist) == ["buy.legal.eula", "use.support.sla", "use.support.community"]
    assert [phase.id for phase in checklist.phases] == ["buy", "use"]
    # The selection is reported in playbook order, each name once.
    assert checklist.selection.phases == ["buy", "use"]
    assert checklist.selection.teams == ["legal", "support"]


@pytest.mark.parametrize(
    ("traits", "expected"),
    [
        # Traits not given take the playbook default (physical false, channels true).
        ({}, {"buy.marketing.partner-kit"}),
        ({"physical": True}, {"buy.marketing.partner-kit", "buy.manufacturing.forecast"}),
        ({"channels": False}, set()),
        ({"physical": True, "channels": False}, {"buy.manufacturing.forecast"}),
    ],
)
def test_traits_keep_the_questions_that_apply_as_a_plan_would(
    traits: dict[str, bool], expected: set[str]
) -> None:
    conditional = {q.id for q in PLAYBOOK.questions if q.when}
    checklist = build(PLAYBOOK, traits=traits)
    assert set(ids(checklist)) & conditional == expected
    assert checklist.count == 6 + len(expected)
    assert checklist.selection.traits == PLAYBOOK.trait_values(traits)


def test_items_carry_the_effective_weight_and_conditions() -> None:
    items = {
        item.id: item
        for phase in build(PLAYBOOK).phases
        for team in phase.teams
        for item in team.items
    }
    assert items["use.support.sla"].weight == 4
    assert items["buy.legal.eula"].weight == 3  # blocker default
    assert items["buy.marketing.partner-kit"].when == {"channels": True}


def test_a_selection_with_no_question_is_empty_not_an_error() -> None:
    checklist = build(PLAYBOOK, phases=["discover"], teams=["support"])
    assert (checklist.count, checklist.phases) == (0, [])
