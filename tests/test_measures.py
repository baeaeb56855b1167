"""The KPI and lighthouse-account rules of docs/scoring.md, through the engine."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from hypothesis import given
from hypothesis import strategies as st

from journeycheck.measures import assess_kpi, is_worse, kpi_changes
from journeycheck.models import Kpi, KpiValue
from journeycheck.score import audit
from tests.helpers import make_plan, mini_playbook

DONE = {"status": "done", "owner": "O", "evidence": "https://e"}
#: Every question of the mini playbook done: nothing but the KPIs can make it at-risk.
EVERYTHING = {
    "discover.marketing.message": DONE,
    "discover.legal.trademark": DONE,
    "discover.marketing.webinar": DONE,
    "buy.legal.eula": DONE,
    "buy.marketing.partner-kit": DONE,
    "use.support.sla": DONE,
    "use.support.community": DONE,
}
BEFORE_LAUNCH = dt.date(2027, 1, 15)
AFTER_LAUNCH = dt.date(2027, 4, 20)


def _kpi(better: Literal["lower", "higher"] = "lower", phase: str = "buy") -> Kpi:
    return Kpi(id="k", title="K", unit="days", better=better, phase=phase)


def _audit(kpis: dict[str, Any], as_of: dt.date = BEFORE_LAUNCH, **fields: Any) -> Any:
    return audit(mini_playbook(), make_plan(EVERYTHING, kpis=kpis, **fields), as_of)


def test_a_kpi_of_the_gate_needs_a_target() -> None:
    result = _audit({}, gate="buy")
    (kpi,) = result.kpis
    assert (kpi.id, kpi.in_gate, kpi.status, kpi.reasons) == (
        "time-to-close",
        True,
        "no-target",
        ["no-kpi-target"],
    )
    assert result.verdict == "go"  # a missing target is listed, not judged


def test_a_kpi_after_the_gate_needs_no_target_yet() -> None:
    result = _audit({}, gate="discover")
    assert result.kpis[0].reasons == []


def test_an_off_target_kpi_in_the_gate_makes_the_plan_at_risk() -> None:
    kpis = {"time-to-close": {"target": 30, "actual": 38, "measured": "2027-01-10"}}
    result = _audit(kpis, gate="buy")
    assert result.kpis[0].status == "off-target"
    assert result.why.off_target_kpis == ["time-to-close"]
    assert result.verdict == "at-risk"


def test_an_off_target_kpi_after_the_gate_does_not_change_the_verdict() -> None:
    kpis = {"time-to-close": {"target": 30, "actual": 38, "measured": "2027-01-10"}}
    result = _audit(kpis, gate="discover")
    assert result.kpis[0].reasons == ["off-target"]
    assert (result.why.off_target_kpis, result.verdict) == ([], "go")


def test_a_kpi_meeting_its_target_exactly_is_on_target() -> None:
    kpis = {"time-to-close": {"target": 30, "actual": 30, "measured": "2027-01-10"}}
    assert _audit(kpis, gate="buy").kpis[0].status == "on-target"


def test_better_decides_which_side_of_the_target_is_worse() -> None:
    assert is_worse(_kpi("lower"), 31, 30) and not is_worse(_kpi("lower"), 29, 30)
    assert is_worse(_kpi("higher"), 99.4, 99.5) and not is_worse(_kpi("higher"), 99.9, 99.5)


def test_after_launch_a_started_phase_needs_a_fresh_actual() -> None:
    fresh = {"target": 30, "actual": 28, "measured": "2027-03-16"}  # 35 days before
    stale = {**fresh, "measured": "2027-03-15"}  # 36 days before
    assert _audit({"time-to-close": fresh}, AFTER_LAUNCH).kpis[0].reasons == []
    result = _audit({"time-to-close": stale}, AFTER_LAUNCH)
    assert (result.kpis[0].age_days, result.kpis[0].reasons) == (36, ["stale-kpi"])
    no_actual = _audit({"time-to-close": {"target": 30}}, AFTER_LAUNCH).kpis[0]
    assert (no_actual.status, no_actual.reasons) == ("no-actual", ["stale-kpi"])


def test_before_launch_an_old_actual_is_not_stale() -> None:
    old = {"target": 30, "actual": 28, "measured": "2026-06-01"}
    assert _audit({"time-to-close": old}).kpis[0].reasons == []


def test_a_phase_the_calendar_has_not_reached_needs_no_actual() -> None:
    kpi = _kpi(phase="grow")
    found = assess_kpi(
        kpi, KpiValue(target=1), in_gate=False, started=False, launched=True, as_of=AFTER_LAUNCH
    )
    assert found.reasons == []


def test_an_actual_measured_after_the_as_of_day_counts_as_current() -> None:
    value = KpiValue(target=30, actual=28, measured=AFTER_LAUNCH + dt.timedelta(days=3))
    found = assess_kpi(_kpi(), value, in_gate=True, started=True, launched=True, as_of=AFTER_LAUNCH)
    assert (found.age_days, found.reasons) == (-3, [])


@given(
    actual=st.floats(allow_nan=False, allow_infinity=False, width=32),
    target=st.floats(allow_nan=False, allow_infinity=False, width=32),
    better=st.sampled_from(["lower", "higher"]),
)
def test_off_target_is_exactly_worse_than_the_target(
    actual: float, target: float, better: Literal["lower", "higher"]
) -> None:
    value = KpiValue(target=target, actual=actual, measured=BEFORE_LAUNCH)
    found = assess_kpi(
        _kpi(better), value, in_gate=True, started=True, launched=False, as_of=BEFORE_LAUNCH
    )
    worse = actual > target if better == "lower" else actual < target
    assert (found.status == "off-target") is worse
    assert ("off-target" in found.reasons) is worse


def test_accounts_list_the_open_gaps_that_block_them_and_gaps_name_the_accounts() -> None:
    answers = {
        **EVERYTHING,
        "buy.legal.eula": {"status": "partial", "owner": "I"},
        "discover.legal.trademark": {"status": "done"},  # evidence missing: half credit
        "use.support.sla": {
            "status": "not-started",
            "waiver": {
                "reason": "r",
                "approver": "a",
                "expires": "2027-12-31",
                "risk_accepted": "Pilot customers only",
            },
        },
    }
    accounts = [
        {
            "name": "Globex",
            "stage": "buy",
            "next_step": "Security review",
            "due": "2027-01-14",
            "blocked_by": ["use.support.sla", "buy.legal.eula", "discover.marketing.message"],
        },
        {"name": "Initech", "stage": "discover", "blocked_by": ["discover.legal.trademark"]},
        {"name": "Umbrella", "stage": "use", "blocked_by": ["buy.legal.eula"]},
    ]
    result = audit(mini_playbook(), make_plan(answers, accounts=accounts), BEFORE_LAUNCH)
    globex, initech, umbrella = result.accounts
    # The waived SLA and the done message do not block; the partial EULA does.
    assert (globex.open_gaps, globex.overdue) == (["buy.legal.eula"], True)
    assert initech.open_gaps == ["discover.legal.trademark"]
    assert (initech.due, initech.overdue, initech.next_step) == (None, False, None)
    assert umbrella.open_gaps == ["buy.legal.eula"]
    blocks = {gap.question: gap.blocks for gap in result.gaps}
    assert blocks["buy.legal.eula"] == ["Globex", "Umbrella"]
    assert blocks["discover.legal.trademark"] == ["Initech"]
    assert all(
        not names
        for q, names in blocks.items()
        if q not in ("buy.legal.eula", "discover.legal.trademark")
    )


def test_a_question_the_traits_switch_off_blocks_no_account() -> None:
    accounts = [{"name": "Globex", "stage": "buy", "blocked_by": ["buy.marketing.partner-kit"]}]
    plan = make_plan({}, accounts=accounts, traits={"channels": False})
    assert audit(mini_playbook(), plan, BEFORE_LAUNCH).accounts[0].open_gaps == []


def test_kpi_changes_say_which_way_the_actual_moved() -> None:
    def results(actual: float | None, better: Literal["lower", "higher"] = "lower") -> Any:
        kpi = _kpi(better)
        value = KpiValue(actual=actual)
        return [
            assess_kpi(kpi, value, in_gate=True, started=True, launched=False, as_of=BEFORE_LAUNCH)
        ]

    (change,) = kpi_changes(results(38.1), results(33.2))
    assert (change.old, change.new, change.delta, change.improved) == (38.1, 33.2, -4.9, True)
    (change,) = kpi_changes(results(38.1, "higher"), results(33.2, "higher"))
    assert change.improved is False
    (change,) = kpi_changes(results(None), results(5))
    assert (change.delta, change.improved) == (None, None)
    assert kpi_changes(results(5), results(5)) == []


def test_worked_example_of_kpis() -> None:
    """docs/scoring.md, "KPIs", worked example."""
    every = {q.id: DONE for q in mini_playbook().questions if q.id != "buy.manufacturing.forecast"}

    def found(kpi: dict[str, Any], day: str) -> tuple[Any, ...]:
        result = audit(mini_playbook(), make_plan(every, kpis={"time-to-close": kpi}),
                       dt.date.fromisoformat(day))  # fmt: skip
        (kpi_result,) = result.kpis
        return (
            result.gate,
            kpi_result.age_days,
            kpi_result.status,
            kpi_result.reasons,
            result.verdict,
        )

    measured = {"baseline": 45, "target": 30, "actual": 38, "measured": "2027-01-10"}
    assert found(measured, "2027-01-15") == ("discover", 5, "off-target", ["off-target"], "go")
    assert found(measured, "2027-01-30") == ("buy", 20, "off-target", ["off-target"], "at-risk")
    assert found(measured, "2027-04-15") == (
        "use",
        95,
        "off-target",
        ["stale-kpi", "off-target"],
        "at-risk",
    )
    assert found({"baseline": 45}, "2027-01-30") == (
        "buy",
        None,
        "no-target",
        ["no-kpi-target"],
        "go",
    )
    again = {**measured, "actual": 29, "measured": "2027-04-01"}
    assert found(again, "2027-04-15") == ("use", 14, "on-target", [], "go")


def test_an_account_blocked_by_a_renamed_question_follows_it() -> None:
    from journeycheck.extending import follow_renames

    playbook = mini_playbook().model_copy(
        update={"renamed": {"buy.legal.licence": "buy.legal.eula"}}
    )
    accounts = [{"name": "Globex", "stage": "buy", "blocked_by": ["buy.legal.licence"]}]
    plan = follow_renames(make_plan({}, accounts=accounts), playbook)
    result = audit(playbook, plan, BEFORE_LAUNCH)
    assert result.accounts[0].open_gaps == ["buy.legal.eula"]
    assert [gap.blocks for gap in result.gaps if gap.question == "buy.legal.eula"] == [["Globex"]]
