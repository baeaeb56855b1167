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
#: The items the article names, by the phase and team it names them under: each must be
#: found (as a lowercase phrase) in the ask or help of a question of that phase and team.
#: Version 1.1.0 added roadmaps, release quality, the inputs and outcomes of the journey
#: map, the hardware launch items and customer launch incentives under marketing.
NAMED_ITEMS: dict[tuple[str, str], list[str]] = {
    ("discover", "product-management"): ["launch date", "journey map", "inputs and outcomes"],
    ("discover", "marketing"): [
        "business value",
        "website",
        "collateral",
        "social platforms",
        "launch event",
        "user groups",
        "webinars",
        "industry events",
        "roadshows",
        "giveaways",
        "advisory board",
        "brand",
        "name",
        "channel programs",
        "positioning",
    ],
    ("discover", "sales-enablement"): ["enablement", "lead generation", "conversion", "promise"],
    ("discover", "project-management"): [
        "documentation",
        "roadmap",
        "skus",
        "order processing",
        "deal desk",
        "pricing models",
        "pricing exceptions",
        "gaps",
    ],
    ("discover", "engineering"): [
        "source code",
        "high availability",
        "disaster recovery",
        "data governance",
        "encryption",
        "security best practices",
        "regulations",
        "backup vendor",
        "demo environment",
        "proof of concept",
        "minimum viable product",
        "quality",
        "certification",
        "firmware",
    ],
    ("discover", "legal"): [
        "patent",
        "end-user licence agreement",
        "subscription service agreement",
        "copyright",
        "trademarks",
        "escrow",
        "deal desk",
        "channel partner contracts",
    ],
    ("buy", "product-management"): [
        "purchasing process",
        "time to close",
        "time to revenue",
        "pricing and contracting models",
        "invoicing model",
        "provisioning method",
    ],
    ("buy", "marketing"): [
        "early adopter",
        "feedback",
        "rewards or incentives",
        "messaging",
        "qualified leads",
        "sales funnel",
        "app store",
        "calls to action",
        "partner program",
        "market development funds",
        "launch incentives",
        "migration plan",
        "customer-facing material",
    ],
    ("buy", "sales"): [
        "sales process",
        "sales incentives",
        "promotions",
        "contract",
        "routes to market",
        "lighthouse",
        "weekly call",
    ],
    ("buy", "systems-engineering"): ["technical contact", "demos", "training programs"],
    ("buy", "manufacturing"): [
        "volume forecast",
        "well ahead",
        "packaging",
        "labels",
        "distributor",
    ],
    ("buy", "finance-operations"): [
        "followed the money",
        "provisioning",
        "licence enablement",
        "licence keys",
        "royalties",
        "late payments",
        "returns",
        "upgrades",
        "commissions",
        "bookings and revenue",
    ],
    ("buy", "legal"): [
        "negotiation",
        "quarter-end",
        "show-stopper",
        "service level agreement",
        "support terms",
        "warranty",
        "liability",
    ],
    ("use", "product-management"): ["adoption report", "expect", "dissatisfied customers"],
    ("use", "marketing"): [
        "upsell",
        "customer incentives",
        "customer wins",
        "recovery wins",
        "analysts",
        "press release",
        "market share",
    ],
    ("use", "cloud-operations"): [
        "sla",
        "uptime",
        "outage",
        "onboarding",
        "upgrades",
        "migrations",
    ],
    ("use", "manufacturing"): ["spare parts", "warranty"],
    ("use", "support"): [
        "sla",
        "response time",
        "user community",
        "customer education",
        "new feature request",
        "knowledge base",
        "returns and repair",
    ],
    ("use", "customer-success"): [
        "customer success program",
        "charged",
        "lifetime value",
        "value promised",
        "feature requests",
    ],
    ("use", "engineering"): ["escalation", "prioritises"],
    ("grow", "product-management"): [
        "short-term",
        "long-term",
        "vision",
        "pricing and business models",
        "innovations",
        "differentiated value",
        "costs far less",
        "customer volumes",
    ],
    ("grow", "marketing"): [
        "customer conference",
        "webinars",
        "seminars",
        "training",
        "advisory board",
        "social media",
        "blogs",
        "customer community",
        "award",
        "net promoter score",
        "strong results",
    ],
    ("grow", "support"): ["new feature request", "sla attainment", "time to fix"],
    ("grow", "customer-success"): ["roadmap", "market research", "assumptions"],
    ("grow", "cloud-operations"): [
        "customer volumes",
        "transaction volumes",
        "performance",
        "uptime",
        "self-healing",
        "gross margin",
        "continuous-improvement",
    ],
    ("grow", "sales"): ["upsell", "inside and outside sales", "sell faster"],
    ("grow", "systems-engineering"): ["usage", "more features", "roadmap"],
}
#: Due offsets that must follow each other: (earlier, later) means the earlier question is
#: due strictly before the later one, because the later one uses what the earlier produces.
DUE_ORDER = [
    # The trial offer comes before the early-adopter programme that enrols its trials.
    ("discover.engineering.poc-mvp", "buy.marketing.early-adopter-program"),
    ("discover.engineering.demo-environment", "discover.engineering.poc-mvp"),
    # The product name is settled before legal clears and files it as a trademark.
    ("discover.marketing.naming", "discover.legal.trademarks"),
    ("discover.marketing.positioning", "discover.sales-enablement.seller-training"),
    ("discover.marketing.go-to-market-plan", "discover.marketing.launch-events"),
    ("discover.marketing.go-to-market-plan", "discover.marketing.website"),
    # Prices, then the SKUs built from them, then test orders of each SKU.
    ("discover.project-management.pricing-models", "discover.project-management.skus"),
    ("discover.project-management.skus", "discover.project-management.order-processing"),
    ("discover.project-management.skus", "buy.marketing.catalogue-listing"),
    ("discover.engineering.data-governance", "discover.engineering.data-protection"),
    ("buy.legal.sla-support-terms", "buy.sales.contracts-available"),
    ("discover.legal.customer-agreement", "buy.product-management.purchase-test"),
    # Labels carry the regulatory marks; the forecast comes before any stock exists.
    ("discover.engineering.regulatory-certification", "buy.manufacturing.packaging-labelling"),
    ("buy.manufacturing.volume-forecast", "buy.manufacturing.forecast-cadence"),
    ("buy.manufacturing.volume-forecast", "buy.manufacturing.distributor-stock"),
    ("buy.manufacturing.volume-forecast", "use.manufacturing.spare-parts"),
    ("use.cloud-operations.sla-kpis", "use.cloud-operations.uptime"),
]
#: Components and production slots are ordered months ahead: a hardware volume forecast
#: must be due at least this many days before launch.
FORECAST_LEAD_DAYS = 120
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
    assert 120 <= len(playbook.questions) <= 140


def test_every_touchpoint_has_a_question(playbook: Playbook) -> None:
    present = {(q.phase, q.team) for q in playbook.questions}
    expected = {(phase, team) for phase, teams in TOUCHPOINTS.items() for team in teams}
    assert len(expected) == 25
    missing = expected - present
    assert not missing
    for phase in PHASES:
        assert (phase, "product-management") in present


@pytest.mark.parametrize(("phase", "team"), sorted(NAMED_ITEMS))
def test_every_named_item_is_asked(playbook: Playbook, phase: str, team: str) -> None:
    text = " ".join(
        f"{q.ask} {q.help}".lower()
        for q in playbook.questions
        if (q.phase, q.team) == (phase, team)
    )
    missing = [item for item in NAMED_ITEMS[(phase, team)] if item not in text]
    assert not missing, (phase, team)


def test_every_question_states_the_customer_risk(playbook: Playbook) -> None:
    for question in playbook.questions:
        risk = question.risk
        assert risk, question.id
        assert "\n" not in risk and risk.endswith("."), question.id
        assert 30 <= len(risk) <= 140, question.id
        assert risk[0].isupper(), question.id
    risks = [q.risk for q in playbook.questions]
    assert len(set(risks)) == len(risks)


@pytest.mark.parametrize("language", ["en", "bg", "ko"])
def test_no_word_is_split_at_a_folded_line(language: str) -> None:
    """A hyphen ending a line of a folded scalar reads as "- " ("data- protection",
    which once broke a question id in a help text); the words must stay whole."""
    cache = PlaybookCache(language=language)
    playbook = cache.get("customer-journey")
    for question in playbook.questions:
        for text in (question.ask, question.help or "", question.risk or ""):
            assert not re.search(r"\w- \w", text), (question.id, text)


@pytest.mark.parametrize(("earlier", "later"), DUE_ORDER)
def test_due_offsets_follow_dependencies(playbook: Playbook, earlier: str, later: str) -> None:
    by_id = {q.id: q for q in playbook.questions}
    first, then = by_id[earlier].due, by_id[later].due
    assert first is not None and then is not None
    assert first < then, (earlier, first, later, then)


def test_hardware_forecast_leaves_manufacturing_lead_time(playbook: Playbook) -> None:
    forecast = next(q for q in playbook.questions if q.id == "buy.manufacturing.volume-forecast")
    assert forecast.due is not None and forecast.due <= -FORECAST_LEAD_DAYS


def test_physical_products_get_the_hardware_launch_questions(playbook: Playbook) -> None:
    hardware = {q.id: q for q in playbook.questions if q.when.get("physical") is True}
    # Regulatory certification, RMA, spare parts, firmware, packaging, distributor stock,
    # and the two forecasts.
    assert len(hardware) >= 8
    assert {q.team for q in hardware.values()} >= {"engineering", "manufacturing", "support"}
    assert hardware["buy.manufacturing.distributor-stock"].when == {
        "physical": True,
        "channels": True,
    }


def test_non_hosted_products_keep_recovery_and_volumes(playbook: Playbook) -> None:
    def applying(hosted: bool) -> set[str]:
        values = playbook.trait_values({"hosted": hosted})
        return {q.id for q in playbook.questions if playbook.applies(q, values)}

    on_premises = applying(False)
    recovery = [i for i in on_premises if i.startswith("discover.engineering.") and "recover" in i]
    assert recovery
    questions = {q.id: q for q in playbook.questions}
    assert any(
        "customer volumes" in questions[i].ask.lower() for i in on_premises if i.startswith("grow.")
    )
    assert "discover.engineering.ha-dr" in applying(True)


def test_moved_questions_are_renamed_and_old_ids_are_free(playbook: Playbook) -> None:
    ids = {q.id for q in playbook.questions}
    assert playbook.renamed == {
        "discover.sales-enablement.positioning": "discover.marketing.positioning"
    }
    for old, new in playbook.renamed.items():
        assert old not in ids and new in ids
    by_id = {q.id: q for q in playbook.questions}
    assert by_id["discover.marketing.positioning"].team == "marketing"
    assert by_id["buy.marketing.launch-incentives"].team == "marketing"
    assert "customer" not in by_id["buy.sales.incentives"].ask.lower()
    assert by_id["grow.cloud-operations.self-healing"].when == {"hosted": True}
    assert "self-healing" not in by_id["grow.support.sla-monitoring"].ask.lower()


def test_each_question_asks_one_thing_in_plain_words(playbook: Playbook) -> None:
    for question in playbook.questions:
        ask = question.ask
        # "NFR" reads as "non-functional requirement" to engineers; no uncheckable words.
        assert "NFR" not in ask, question.id
        for word in ("endorsed", "differentiated value,", "polished"):
            assert word not in ask.lower(), question.id
        # A list in brackets of more than eight items is a bundle of checks.
        for bracket in re.findall(r"\(([^)]*)\)", ask):
            assert bracket.count(",") < 8, question.id
    by_id = {q.id: q for q in playbook.questions}
    assert "copyright" not in by_id["discover.legal.trademarks"].ask.lower()
    assert (
        "project management"
        not in by_id["buy.finance-operations.order-to-provisioning"].ask.lower()
    )


def test_severities_are_balanced(playbook: Playbook) -> None:
    for phase in PHASES:
        in_phase = [q for q in playbook.questions if q.phase == phase]
        assert any(q.severity == "minor" for q in in_phase), phase
        majors = sum(q.severity == "major" for q in in_phase)
        assert majors <= 0.6 * len(in_phase), phase
    by_id = {q.id: q for q in playbook.questions}
    assert by_id["discover.project-management.pricing-models"].severity == "blocker"


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


def test_the_documented_question_counts_match_the_playbook(playbook: Playbook) -> None:
    # docs/playbook.md tabulates the questions per phase and team; keep it true.
    doc = (ROOT / "docs" / "playbook.md").read_text("utf-8")
    assert f'version: "{playbook.version}"' in doc
    assert f"Questions per phase and team in version {playbook.version}" in doc
    assert f"({len(playbook.questions)} in all;" in doc
    rows = dict(re.findall(r"^\| ([a-z-]+) \|((?: [0-9]* ?\|){4})$", doc, re.MULTILINE))
    for team in TEAMS:
        cells = [cell.strip() for cell in rows[team].split("|")[:4]]
        counted = [
            sum(1 for q in playbook.questions if (q.phase, q.team) == (phase, team))
            for phase in PHASES
        ]
        assert [int(cell) if cell else 0 for cell in cells] == counted, team
