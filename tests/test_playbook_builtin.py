"""The built-in customer-journey playbook and the example plans written against it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from journeycheck.models import SLUG_PATTERN, Playbook
from journeycheck.playbooks import PlaybookCache
from tests.helpers import audit_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PHASES = ["discover", "buy", "use", "grow"]
TEAMS = [
    "product-management",
    "marketing",
    "sales-enablement",
    "sales",
    "project-management",
    "engineering",
    "legal",
    "systems-engineering",
    "manufacturing",
    "finance-operations",
    "cloud-operations",
    "support",
    "customer-success",
]
#: The 25 touchpoints: the phase × team pairs the source names, and the phase-level points
#: of buy, use and grow, which belong to product management.
TOUCHPOINTS = {
    "discover": ["marketing", "sales-enablement", "project-management", "engineering", "legal"],
    "buy": [
        "product-management",
        "marketing",
        "sales",
        "systems-engineering",
        "manufacturing",
        "finance-operations",
        "legal",
    ],
    "use": [
        "product-management",
        "marketing",
        "cloud-operations",
        "support",
        "customer-success",
        "engineering",
    ],
    "grow": [
        "product-management",
        "marketing",
        "support",
        "customer-success",
        "cloud-operations",
        "sales",
        "systems-engineering",
    ],
}
EXAMPLE_VERDICTS = {
    "saas-halfway": "no-go",
    "device-channels-early": "no-go",
    "ready-for-gate": "go",
}


@pytest.fixture(scope="module")
def playbook() -> Playbook:
    return PlaybookCache().get("customer-journey", ROOT)


def test_structure_uses_the_fixed_ids(playbook: Playbook) -> None:
    assert playbook.id == "customer-journey"
    assert playbook.phase_ids() == PHASES
    assert [team.id for team in playbook.teams] == TEAMS
    assert {"physical", "channels", "subscription", "third_party"} <= set(playbook.traits)
    assert 70 <= len(playbook.questions) <= 110


def test_every_touchpoint_has_a_question(playbook: Playbook) -> None:
    present = {(q.phase, q.team) for q in playbook.questions}
    expected = {(phase, team) for phase, teams in TOUCHPOINTS.items() for team in teams}
    assert len(expected) == 25
    missing = expected - present
    assert not missing
    for phase in PHASES:
        assert (phase, "product-management") in present


def test_question_ids_follow_phase_team_slug(playbook: Playbook) -> None:
    for question in playbook.questions:
        phase, team, slug = question.id.split(".", 2)
        assert (phase, team) == (question.phase, question.team), question.id
        assert re.fullmatch(SLUG_PATTERN, slug) and "." not in slug, question.id


def test_severity_and_evidence_policy(playbook: Playbook) -> None:
    for phase in ["discover", "buy", "use"]:
        assert any(q.severity == "blocker" for q in playbook.questions if q.phase == phase)
    blockers = [q for q in playbook.questions if q.severity == "blocker"]
    assert len(blockers) < len(playbook.questions) / 2
    for question in playbook.questions:
        if question.team == "legal" or "sla" in question.id:
            assert question.evidence == "required", question.id
    with_due = [q for q in playbook.questions if q.due is not None]
    assert len(with_due) >= 0.9 * len(playbook.questions)
    for question in with_due:
        assert question.due is not None
        if question.phase in ("discover", "buy"):
            assert question.due < 0, question.id
        if question.phase == "grow":
            assert question.due > 0, question.id


def test_questions_are_written_out(playbook: Playbook) -> None:
    for question in playbook.questions:
        assert question.ask.endswith("?"), question.id
        assert len(question.help) >= 40, question.id


def test_traits_switch_the_questions_they_should(playbook: Playbook) -> None:
    by_id = {q.id: q for q in playbook.questions}
    manufacturing = [q for q in playbook.questions if q.team == "manufacturing"]
    assert manufacturing and all(q.when.get("physical") is True for q in manufacturing)
    for word, trait in [
        ("mdf", "channels"),
        ("escrow", "third_party"),
        ("vendor-failure", "third_party"),
    ]:
        matching = [q for q in by_id.values() if word in q.id]
        assert matching, word
        assert all(q.when.get(trait) is True for q in matching), word
    assert "backup vendor" in by_id["discover.engineering.vendor-failure-plan"].ask.lower()
    off = playbook.trait_values({"physical": False, "channels": False})
    on = playbook.trait_values({"physical": True, "channels": True})
    count_off = sum(playbook.applies(q, off) for q in playbook.questions)
    count_on = sum(playbook.applies(q, on) for q in playbook.questions)
    assert count_on > count_off


def test_kpis_cover_the_named_measures(playbook: Playbook) -> None:
    text = " ".join(f"{k.id} {k.title}".lower() for k in playbook.kpis)
    for measure in [
        "close",
        "revenue",
        "response",
        "sla",
        "uptime",
        "fix",
        "nps",
        "lifetime",
        "customer",
        "transaction",
        "margin",
    ]:
        assert measure in text, measure


@pytest.mark.parametrize("name", sorted(EXAMPLE_VERDICTS))
def test_examples_audit_to_their_stated_verdicts(name: str) -> None:
    result = audit_plan(EXAMPLES / f"{name}.yaml", dt.date(2027, 1, 15))
    assert result.verdict == EXAMPLE_VERDICTS[name]
    stated = (EXAMPLES / f"{name}.yaml").read_text("utf-8")
    assert f"Intended verdict: {EXAMPLE_VERDICTS[name]}" in stated
    if name == "ready-for-gate":
        assert len(result.waived) == 1
        assert result.score is not None and result.score >= result.threshold


def test_every_example_is_checked() -> None:
    assert {p.stem for p in EXAMPLES.glob("*.yaml")} == set(EXAMPLE_VERDICTS)
