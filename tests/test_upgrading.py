"""What ``journeycheck upgrade`` would change, computed without touching the file.

The plan in tests/fixtures/company/history/plan-v2.yaml was answered against
acme-launch 2 (history/acme-launch-2.yaml). Version 3 (company/acme-launch.yaml)
renamed buy.legal.eula to buy.legal.customer-terms, removed
discover.marketing.webinar, no longer has discover.legal.nda, and added
discover.security.review and buy.legal.export (only when regulated).
"""

from __future__ import annotations

import datetime as dt

import pytest

from journeycheck.checking.shape import validate_plan
from journeycheck.models import Answer, Playbook
from journeycheck.reading import load_file
from journeycheck.upgrading import (
    Move,
    Upgrade,
    VersionGap,
    plan_upgrade,
    summary,
    version_gap,
    version_key,
)
from tests.helpers import FIXTURES, assert_golden, mini_playbook, resolve

HISTORY = FIXTURES / "company" / "history"


def v3() -> Playbook:
    return resolve(FIXTURES / "company" / "acme-launch.yaml").playbook


def upgrade_of_the_v2_plan() -> Upgrade:
    plan = validate_plan(load_file(HISTORY / "plan-v2.yaml"))
    return plan_upgrade(plan.answers, plan.traits, plan.launch, plan.playbook_version, v3())


def test_stubs_moves_and_retired_answers_from_version_2_to_3() -> None:
    upgrade = upgrade_of_the_v2_plan()
    # regulated is off by default, so buy.legal.export is not stubbed.
    assert [(s.question.id, s.due) for s in upgrade.stubs] == [
        ("discover.security.review", dt.date(2027, 1, 10)),
    ]
    assert upgrade.moves == (Move("buy.legal.eula", "buy.legal.customer-terms"),)
    assert [item.id for item in upgrade.retired] == [
        "discover.marketing.webinar",
        "discover.legal.nda",
    ]
    assert upgrade.retired[1].note == (
        "journeycheck upgrade: 'discover.legal.nda' is no longer a question of playbook "
        "acme-launch 3, so this answer counts for nothing; it is kept here, commented out, "
        "in case it is still wanted"
    )
    assert (upgrade.from_version, upgrade.to_version) == ("2", "3")


def test_summary_golden() -> None:
    assert_golden("upgrade-v2-to-v3-summary.txt", summary(upgrade_of_the_v2_plan()))


def test_an_up_to_date_plan_needs_nothing() -> None:
    playbook = v3()
    answers = validate_plan_answers({q.id: {"status": "done"} for q in playbook.questions})
    upgrade = plan_upgrade(answers, {"regulated": True}, dt.date(2027, 3, 1), "3", playbook)
    assert upgrade.empty
    assert summary(upgrade) == (
        "Nothing to change: the plan is up to date with playbook acme-launch 3.\n"
    )


def validate_plan_answers(answers: dict[str, dict[str, str]]) -> dict[str, Answer]:
    return {key: Answer.model_validate(value) for key, value in answers.items()}


def test_an_answer_under_both_ids_keeps_the_new_one_and_comments_out_the_old() -> None:
    playbook = v3()
    answers = validate_plan_answers(
        {"buy.legal.eula": {"status": "done"}, "buy.legal.customer-terms": {"status": "partial"}}
    )
    upgrade = plan_upgrade(answers, {}, dt.date(2027, 3, 1), "2", playbook)
    assert upgrade.moves == ()
    assert [item.id for item in upgrade.retired] == ["buy.legal.eula"]
    assert "answers 'buy.legal.customer-terms' already" in upgrade.retired[0].note


def test_accounts_follow_renamed_questions_and_drop_those_gone() -> None:
    from journeycheck.models import Account

    def account(name: str, *blocked_by: str) -> Account:
        return Account(name=name, stage="buy", blocked_by=list(blocked_by))

    accounts = [
        account("Current", "buy.legal.customer-terms"),
        account("Renamed", "discover.marketing.message", "buy.legal.eula"),
        account("Gone", "discover.legal.nda"),
        # Under both ids: the old one goes, as its answer would be commented out.
        account("Both", "buy.legal.eula", "buy.legal.customer-terms", "discover.legal.nda"),
    ]
    upgrade = plan_upgrade({}, {}, dt.date(2027, 3, 1), "2", v3(), accounts)
    assert [(b.account, b.name, b.after, b.gone) for b in upgrade.blocks] == [
        (1, "Renamed", ("discover.marketing.message", "buy.legal.customer-terms"), ()),
        (2, "Gone", (None,), ("discover.legal.nda",)),
        (3, "Both", ("buy.legal.customer-terms", None, None), ("discover.legal.nda",)),
    ]
    assert upgrade.blocks[2].blocked_by == ["buy.legal.customer-terms"]
    assert upgrade.blocks[2].renamed == (("buy.legal.eula", "buy.legal.customer-terms"),)
    lines = summary(upgrade).splitlines()
    assert lines[-3:-1] == [
        "Followed 2 renamed questions in the accounts' blocked_by: Renamed: buy.legal.eula → "
        "buy.legal.customer-terms; Both: buy.legal.eula → buy.legal.customer-terms.",
        "Removed 2 questions that are gone from the accounts' blocked_by: Gone: "
        "discover.legal.nda; Both: discover.legal.nda.",
    ]


def test_an_account_naming_current_questions_only_needs_nothing() -> None:
    from journeycheck.models import Account

    playbook = v3()
    answers = validate_plan_answers({q.id: {"status": "done"} for q in playbook.questions})
    accounts = [Account(name="A", stage="buy", blocked_by=["buy.legal.customer-terms"])]
    upgrade = plan_upgrade(
        answers, {"regulated": True}, dt.date(2027, 3, 1), "3", playbook, accounts
    )
    assert upgrade.empty


def test_stubs_come_in_the_order_init_writes_answers() -> None:
    playbook = mini_playbook()
    answers = validate_plan_answers(
        {"use.support.sla": {"status": "done"}, "discover.marketing.message": {"status": "done"}}
    )
    upgrade = plan_upgrade(answers, {}, dt.date(2027, 3, 1), None, playbook)
    # By phase, then team in the order of its first question, then playbook order;
    # forecast is switched off (physical is false), and webinar follows message.
    assert [s.question.id for s in upgrade.stubs] == [
        "discover.marketing.webinar",
        "discover.legal.trademark",
        "buy.legal.eula",
        "buy.marketing.partner-kit",
        "use.support.community",
    ]


@pytest.mark.parametrize(
    ("plan_version", "expected"),
    [
        (None, None),
        ("3", None),
        ("2", VersionGap("acme-launch", "2", "3", newer=True)),
        ("10", VersionGap("acme-launch", "10", "3", newer=False)),
    ],
)
def test_version_gap(plan_version: str | None, expected: VersionGap | None) -> None:
    assert version_gap(plan_version, v3()) == expected


@pytest.mark.parametrize(
    ("older", "newer"),
    [("1.9", "1.10"), ("3", "3.1"), ("1.0.0", "1.1.0"), ("2.0-rc1", "2.0.1"), ("v2", "v10")],
)
def test_version_order(older: str, newer: str) -> None:
    assert version_key(older) < version_key(newer)
