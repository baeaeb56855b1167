"""The engine against hand-computed numbers on the mini playbook (tests/fixtures).

Mini playbook, default traits (channels on, physical off), weights in brackets:
  discover: marketing.message blocker [3] due -60; legal.trademark major [2]
            evidence required, due -45; marketing.webinar minor [1], no due
  buy:      legal.eula blocker [3] evidence required, due -30;
            marketing.partner-kit major [2] when channels, due -20;
            manufacturing.forecast blocker [3] when physical
  use:      support.sla blocker weight 4, due 0; support.community minor [1] due +30
All seven default questions weigh 16 together.
Launch 2027-03-01, as of 2027-01-15, gated at the last phase (use) unless a test says
otherwise; the calendar's gate (``gate: auto``) has tests of its own at the end.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from journeycheck.result import AuditResult
from journeycheck.score import audit
from tests.helpers import make_plan, mini_playbook

AS_OF = dt.date(2027, 1, 15)
EVIDENCE = "https://wiki.example.com/proof"
ALL_DONE: dict[str, dict[str, Any]] = {
    "discover.marketing.message": {"status": "done", "owner": "Maria"},
    "discover.legal.trademark": {"status": "done", "evidence": EVIDENCE},
    "discover.marketing.webinar": {"status": "done"},
    "buy.legal.eula": {"status": "done", "evidence": EVIDENCE},
    "buy.marketing.partner-kit": {"status": "done"},
    "use.support.sla": {"status": "done"},
    "use.support.community": {"status": "done"},
}


def run(answers: dict[str, dict[str, Any]] | None = None, **kwargs: Any) -> AuditResult:
    as_of = kwargs.pop("as_of", AS_OF)
    overrides = {k: kwargs.pop(k) for k in ("gate", "threshold") if k in kwargs}
    overrides.setdefault("gate", "use")
    return audit(mini_playbook(), make_plan(answers, **kwargs), as_of, **overrides)


def with_answers(**changes: dict[str, Any]) -> dict[str, dict[str, Any]]:
    answers = dict(ALL_DONE)
    for key, value in changes.items():
        answers[key.replace("__", ".").replace("_", "-")] = value
    return answers


def gap(result: AuditResult, question: str) -> Any:
    found = [g for g in result.gaps if g.question == question]
    assert len(found) == 1, [g.question for g in result.gaps]
    return found[0]


def test_everything_done_is_go() -> None:
    result = run(ALL_DONE)
    assert result.verdict == "go"
    assert result.score == result.total_score == 100.0
    assert result.ready_through == "use"
    assert result.gaps == []
    assert result.counts.model_dump() == {
        "applicable": 7,
        "done": 7,
        "partial": 0,
        "open": 0,
        "na": 0,
        "waived": 0,
    }


def test_empty_plan_scores_zero_and_lists_every_question_unanswered() -> None:
    result = run({})
    assert result.verdict == "no-go"
    assert result.score == 0.0
    assert result.ready_through is None
    assert [g.question for g in result.gaps] == [
        # in gate (all phases): blockers by points (sla weight 4 first), then majors, minors
        "use.support.sla",
        "discover.marketing.message",
        "buy.legal.eula",
        "discover.legal.trademark",
        "buy.marketing.partner-kit",
        "use.support.community",  # minors with equal points: the one with a due date first
        "discover.marketing.webinar",
    ]
    message = gap(result, "discover.marketing.message")
    assert message.reasons == ["unanswered", "overdue"]  # due 2026-12-31
    assert message.status is None
    assert message.due == dt.date(2026, 12, 31)
    # Due exactly on the as-of date is not overdue yet.
    assert gap(result, "discover.legal.trademark").reasons == ["unanswered"]
    assert gap(result, "discover.marketing.webinar").due is None
    assert result.counts.open == 7


def test_hand_computed_scores_and_points() -> None:
    result = run(
        {
            "discover.marketing.message": {"status": "done", "owner": "Maria"},
            "discover.legal.trademark": {"status": "done", "owner": "Ivo"},  # no evidence: 0.5
            "buy.legal.eula": {"status": "partial", "owner": "Ivo", "due": "2027-01-10"},
            "buy.marketing.partner-kit": {"status": "blocked"},
            "use.support.sla": {"status": "done"},
            "use.support.community": {"status": "n/a", "note": "No community by design."},
        },
        gate="buy",
    )
    # Gate scope discover+buy: weights 3+2+1+3+2 = 11; earned 3 + 1 + 0 + 1.5 + 0 = 5.5.
    assert result.score == 50.0
    # All phases: + sla 4 (done); community left out. 9.5 / 15 = 63.33...
    assert result.total_score == 63.3
    assert [(p.id, p.score, p.open_blockers) for p in result.phases] == [
        ("discover", 66.7, 0),  # 4 / 6
        ("buy", 30.0, 1),  # 1.5 / 5
        ("use", 100.0, 0),
    ]
    assert [(t.id, t.score) for t in result.teams] == [
        ("marketing", 50.0),  # message 3 + webinar 0 + kit 0 = 3 / 6
        ("legal", 50.0),  # 1 + 1.5 = 2.5 / 5
        ("support", 100.0),
    ]
    assert [(c.phase, c.team, c.score) for c in result.cells] == [
        ("discover", "marketing", 75.0),
        ("buy", "marketing", 0.0),
        ("discover", "legal", 50.0),
        ("buy", "legal", 50.0),
        ("use", "support", 100.0),
    ]
    assert result.verdict == "no-go"
    assert result.ready_through == "discover"
    eula = gap(result, "buy.legal.eula")
    assert eula.reasons == ["partial", "overdue"]
    assert eula.points == 13.6  # 100 * 3 * 0.5 / 11
    kit = gap(result, "buy.marketing.partner-kit")
    assert kit.reasons == ["blocked", "no-owner"]
    assert kit.points == 18.2  # 100 * 2 / 11
    trademark = gap(result, "discover.legal.trademark")
    assert trademark.reasons == ["missing-evidence"]
    assert trademark.points == 9.1  # 100 * 2 * 0.5 / 11
    assert [g.question for g in result.gaps] == [
        "buy.legal.eula",  # blocker first, even with fewer points than a major
        "buy.marketing.partner-kit",  # major, 18.2 points
        "discover.legal.trademark",  # major, 9.1 points
        "discover.marketing.webinar",  # minor, unanswered
    ]
    assert result.counts.model_dump() == {
        "applicable": 7,
        "done": 3,
        "partial": 1,
        "open": 2,
        "na": 1,
        "waived": 0,
    }


def test_points_add_up_to_what_the_gate_score_is_missing() -> None:
    result = run({"discover.marketing.message": {"status": "partial", "owner": "M"}})
    missing = sum(g.points or 0 for g in result.gaps if g.in_gate)
    assert result.score is not None
    assert abs((100 - result.score) - missing) < 0.5


def test_justified_na_is_left_out_and_unjustified_na_counts_zero() -> None:
    justified = run(with_answers(use__support__community={"status": "n/a", "note": "No forum."}))
    assert justified.score == 100.0
    assert justified.counts.na == 1
    assert justified.gaps == []
    blank = run(with_answers(use__support__community={"status": "n/a", "note": "  "}))
    assert blank.score == round(100 * 15 / 16, 1)
    assert gap(blank, "use.support.community").reasons == ["unjustified-na"]
    assert blank.counts.na == 1


def test_phase_with_only_justified_na_has_no_score() -> None:
    na = {"status": "n/a", "note": "Not sold this way."}
    result = run(with_answers(use__support__sla=na, use__support__community=na))
    use = next(p for p in result.phases if p.id == "use")
    assert use.score is None
    assert next(c for c in result.cells if c.phase == "use").score is None
    # Justified n/a blockers block nothing.
    assert result.ready_through == "use"
    assert result.verdict == "go"


def test_required_evidence_halves_the_credit_of_done() -> None:
    result = run(with_answers(buy__legal__eula={"status": "done", "evidence": ""}))
    eula = gap(result, "buy.legal.eula")
    assert eula.reasons == ["missing-evidence"]
    # A blocker at half credit is still an open blocker.
    assert result.verdict == "no-go"
    assert result.ready_through == "discover"
    # Optional evidence is not needed.
    assert run(with_answers(discover__marketing__webinar={"status": "done"})).gaps == []


def test_valid_waiver_counts_as_done_and_is_listed() -> None:
    waiver = {
        "reason": "Signed next week",
        "approver": "VP Sales",
        "expires": "2027-01-15",
        "risk_accepted": "Customers wait",
    }
    result = run(with_answers(buy__legal__eula={"status": "blocked", "waiver": waiver}))
    assert result.verdict == "go"
    assert result.score == 100.0
    assert result.gaps == []
    assert [(w.question, w.approver, w.expires) for w in result.waived] == [
        ("buy.legal.eula", "VP Sales", dt.date(2027, 1, 15))
    ]
    assert result.counts.waived == 1
    assert result.counts.done == 6


def test_expired_waiver_is_ignored_and_makes_the_plan_at_risk() -> None:
    waiver = {
        "reason": "Signed next week",
        "approver": "VP Sales",
        "expires": "2027-01-14",
        "risk_accepted": "Customers wait",
    }
    blocked = run(with_answers(buy__legal__eula={"status": "blocked", "waiver": waiver}))
    assert blocked.verdict == "no-go"
    assert gap(blocked, "buy.legal.eula").reasons == ["blocked", "no-owner", "expired-waiver"]
    assert blocked.waived == []
    # Done anyway: credit 1, but the expired waiver is still a problem to clear up.
    done = run(
        with_answers(buy__legal__eula={"status": "done", "evidence": EVIDENCE, "waiver": waiver})
    )
    assert done.score == 100.0
    assert done.verdict == "at-risk"
    expired = gap(done, "buy.legal.eula")
    assert expired.reasons == ["expired-waiver"]
    assert expired.points == 0.0


def test_overdue_makes_the_plan_at_risk() -> None:
    result = run(
        with_answers(
            discover__marketing__webinar={"status": "partial", "owner": "M", "due": "2027-01-14"}
        )
    )
    assert result.score == round(100 * 15.5 / 16, 1)
    assert gap(result, "discover.marketing.webinar").reasons == ["partial", "overdue"]
    assert result.verdict == "at-risk"


def test_answer_due_date_overrides_the_playbook_offset() -> None:
    # The playbook offset makes the message due 2026-12-31; the answer moves it.
    result = run(
        {"discover.marketing.message": {"status": "partial", "owner": "M", "due": "2027-02-01"}}
    )
    assert gap(result, "discover.marketing.message").reasons == ["partial"]
    assert gap(result, "discover.marketing.message").due == dt.date(2027, 2, 1)


def test_threshold_decides_between_go_and_at_risk() -> None:
    answers = with_answers(discover__marketing__webinar={"status": "not-started", "owner": "M"})
    # 15 / 16 = 93.75, shown as 93.8
    assert run(answers).verdict == "go"
    assert run(answers, threshold=95).verdict == "at-risk"
    assert run(answers, threshold=95).threshold == 95
    assert run(answers, threshold=93.8).verdict == "go"


def test_plan_threshold_is_used_unless_overridden() -> None:
    answers = with_answers(discover__marketing__webinar={"status": "not-started", "owner": "M"})
    plan_threshold = audit(mini_playbook(), make_plan(answers, threshold=95), AS_OF)
    assert plan_threshold.verdict == "at-risk"
    overridden = audit(mini_playbook(), make_plan(answers, threshold=95), AS_OF, threshold=50)
    assert overridden.verdict == "go"


def test_gate_limits_what_must_be_ready_now() -> None:
    answers = with_answers(use__support__sla={"status": "not-started", "owner": "S"})
    assert run(answers).verdict == "no-go"  # gated at the last phase
    early = run(answers, gate="buy")
    assert early.gate == "buy"
    assert early.verdict == "go"
    assert early.score == 100.0
    assert early.ready_through == "buy"
    later = gap(early, "use.support.sla")
    assert later.in_gate is False
    assert later.points is None
    assert [p.in_gate for p in early.phases] == [True, True, False]
    # The plan's own gate is used when no override is given.
    assert audit(mini_playbook(), make_plan(answers, gate="buy"), AS_OF).verdict == "go"


def test_ready_through_is_cumulative() -> None:
    answers = with_answers(buy__legal__eula={"status": "blocked", "owner": "I"})
    result = run(answers)
    # use's blockers are all done, but buy's are not: ready through discover only.
    assert result.ready_through == "discover"
    first = run(with_answers(discover__marketing__message={"status": "partial", "owner": "M"}))
    assert first.ready_through is None


def test_gaps_in_gate_come_before_later_ones_then_severity_points_due_order() -> None:
    answers = {
        "discover.marketing.message": {"status": "done"},
        "discover.legal.trademark": {"status": "partial", "owner": "I", "due": "2027-02-01"},
        "discover.marketing.webinar": {"status": "not-started", "owner": "M", "due": "2027-01-20"},
        "buy.legal.eula": {"status": "done", "evidence": EVIDENCE},
        "buy.marketing.partner-kit": {"status": "partial", "owner": "M", "due": "2027-01-25"},
    }
    result = run(answers, gate="buy")
    assert [(g.question, g.points) for g in result.gaps] == [
        # majors with equal points (100 * 2 * 0.5 / 11): the earlier due date first
        ("buy.marketing.partner-kit", 9.1),
        ("discover.legal.trademark", 9.1),
        ("discover.marketing.webinar", 9.1),
        # after the gate: blocker before minor; no points
        ("use.support.sla", None),
        ("use.support.community", None),
    ]


def test_equal_gaps_keep_playbook_order() -> None:
    answers = with_answers(
        use__support__community={"status": "not-started", "owner": "S"},
        discover__marketing__webinar={"status": "not-started", "owner": "M"},
    )
    order = [g.question for g in run(answers).gaps]
    # Same severity and points, no due date for the webinar: dated first, then playbook order.
    assert order == ["use.support.community", "discover.marketing.webinar"]


def test_no_owner_only_for_open_answers() -> None:
    result = run(
        with_answers(
            discover__marketing__webinar={"status": "not-started"},
            use__support__community={"status": "n/a"},
        )
    )
    assert gap(result, "discover.marketing.webinar").reasons == ["not-started", "no-owner"]
    assert gap(result, "use.support.community").reasons == ["unjustified-na"]


def test_traits_switch_questions() -> None:
    physical = run(ALL_DONE, traits={"physical": True, "channels": False})
    assert physical.counts.applicable == 7  # +forecast, -partner kit
    assert gap(physical, "buy.manufacturing.forecast").reasons == ["unanswered"]
    assert [t.id for t in physical.teams] == ["marketing", "legal", "support", "manufacturing"]
    default = run(ALL_DONE)
    assert "manufacturing" not in [t.id for t in default.teams]


def test_answers_to_switched_off_questions_are_not_scored() -> None:
    answers = with_answers(buy__manufacturing__forecast={"status": "not-started", "owner": "X"})
    assert run(answers).gaps == []


def test_days_to_launch_counts_down_and_goes_negative() -> None:
    assert run(ALL_DONE).days_to_launch == 45
    assert run(ALL_DONE, as_of=dt.date(2027, 3, 11)).days_to_launch == -10


def test_narrowing_lists_less_but_concludes_the_same() -> None:
    result = run({}, gate="buy")
    narrowed = result.narrowed(teams={"legal"}, phases=set())
    assert {g.team for g in narrowed.gaps} == {"legal"}
    assert [t.id for t in narrowed.teams] == ["legal"]
    assert {c.team for c in narrowed.cells} == {"legal"}
    assert (narrowed.verdict, narrowed.score, narrowed.counts) == (
        result.verdict,
        result.score,
        result.counts,
    )
    by_phase = result.narrowed(teams=set(), phases={"use"})
    assert [p.id for p in by_phase.phases] == ["use"]
    assert {g.phase for g in by_phase.gaps} == {"use"}


@pytest.mark.parametrize("weight", [0.5, 10.0])
def test_custom_weight_changes_the_balance(weight: float) -> None:
    playbook = mini_playbook()
    questions = [
        q.model_copy(update={"weight": weight}) if q.id == "discover.marketing.webinar" else q
        for q in playbook.questions
    ]
    custom = playbook.model_copy(update={"questions": questions})
    answers = with_answers(discover__marketing__webinar={"status": "not-started", "owner": "M"})
    result = audit(custom, make_plan(answers), AS_OF)
    assert result.total_score == round(100 * 15 / (15 + weight), 1)


def test_a_team_owner_owns_the_answers_that_name_none() -> None:
    answers = with_answers(
        discover__marketing__webinar={"status": "not-started"},
        buy__legal__eula={"status": "partial", "owner": "Ivo"},
        discover__legal__trademark={"status": "blocked"},
    )
    result = run(answers, owners={"marketing": "Amara Nwosu"})
    webinar = gap(result, "discover.marketing.webinar")
    assert (webinar.reasons, webinar.owner, webinar.owner_from_team) == (
        ["not-started"],
        "Amara Nwosu",
        True,
    )
    assert webinar.owner_label == "Amara Nwosu (team)"
    # The answer's own owner wins; a team without an owner leaves its answers unowned.
    eula = gap(result, "buy.legal.eula")
    assert (eula.owner, eula.owner_from_team, eula.owner_label) == ("Ivo", False, "Ivo")
    assert "no-owner" in gap(result, "discover.legal.trademark").reasons


def test_a_team_owner_owns_unanswered_questions_too() -> None:
    result = run({}, owners={"support": "Sam"})
    assert {g.question: g.owner_label for g in result.gaps if g.team == "support"} == {
        "use.support.sla": "Sam (team)",
        "use.support.community": "Sam (team)",
    }


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_answer_owner_falls_back_to_the_team(blank: str) -> None:
    answers = with_answers(discover__marketing__webinar={"status": "partial", "owner": blank})
    webinar = gap(run(answers, owners={"marketing": "Al"}), "discover.marketing.webinar")
    assert (webinar.owner, webinar.owner_from_team, webinar.reasons) == ("Al", True, ["partial"])


# -- gate: auto, and the verdict's reasons ---------------------------------------------
# Due dates from launch 2027-03-01: discover 2026-12-31 (message), 2027-01-15 (trademark);
# buy 2027-01-30 (eula), 2027-02-09 (partner kit); use 2027-03-01 (sla), 2027-03-31.


PHASES = ["discover", "buy", "use"]


def auto(answers: dict[str, dict[str, Any]] | None, as_of: dt.date, **fields: Any) -> AuditResult:
    return audit(mini_playbook(), make_plan(answers, **fields), as_of)


@pytest.mark.parametrize(
    ("as_of", "gate"),
    [
        (dt.date(2026, 12, 31), "discover"),  # due on the as-of date counts
        (dt.date(2027, 1, 29), "discover"),
        (dt.date(2027, 1, 30), "buy"),
        (dt.date(2027, 2, 28), "buy"),
        (dt.date(2027, 3, 1), "use"),
        (dt.date(2027, 9, 1), "use"),
    ],
)
def test_auto_gate_is_the_latest_phase_with_a_question_due(as_of: dt.date, gate: str) -> None:
    result = auto(ALL_DONE, as_of)
    assert (result.gate, result.gate_rule) == (gate, "auto")
    assert [p.id for p in result.phases if p.in_gate] == PHASES[: PHASES.index(gate) + 1]


def test_auto_is_the_default_gate_and_a_flag_can_ask_for_it() -> None:
    assert make_plan({}).gate == "auto"
    fixed = audit(mini_playbook(), make_plan({}, gate="use"), AS_OF, gate="auto")
    assert (fixed.gate, fixed.gate_rule) == ("discover", "auto")
    named = audit(mini_playbook(), make_plan({}), AS_OF, gate="buy")
    assert (named.gate, named.gate_rule) == ("buy", "fixed")


def test_before_anything_is_due_auto_gates_nothing_and_says_when_the_first_question_is() -> None:
    result = auto({}, dt.date(2026, 12, 30))
    assert result.gate is None
    assert result.score is None
    assert not any(p.in_gate for p in result.phases)
    assert result.verdict == "go"
    assert result.why.first_due == dt.date(2026, 12, 31)
    assert all(g.points is None and not g.in_gate for g in result.gaps)
    # The rest of the report is the same as ever.
    assert result.total_score == 0.0
    assert len(result.gaps) == 7


def test_an_answers_own_due_date_moves_the_auto_gate_as_it_moves_overdue() -> None:
    early = with_answers(use__support__sla={"status": "partial", "owner": "S", "due": "2027-01-10"})
    result = auto(early, AS_OF)
    assert result.gate == "use"
    assert result.verdict == "no-go"  # the SLA is an open blocker, inside the gate now
    later = with_answers(
        discover__marketing__message={"status": "done", "due": "2027-02-01"},
        discover__legal__trademark={"status": "done", "evidence": EVIDENCE, "due": "2027-02-01"},
    )
    assert auto(later, AS_OF).gate is None


def test_auto_gates_the_last_phase_when_no_question_has_a_due_date() -> None:
    playbook = mini_playbook()
    undated = [q.model_copy(update={"due": None}) for q in playbook.questions]
    result = audit(playbook.model_copy(update={"questions": undated}), make_plan({}), AS_OF)
    assert (result.gate, result.gate_rule) == ("use", "auto")
    assert result.why.first_due is None


def test_an_overdue_question_after_a_fixed_gate_makes_it_at_risk_and_is_named() -> None:
    answers = with_answers(
        use__support__sla={"status": "not-started", "owner": "S", "due": "2027-01-10"}
    )
    result = run(answers, gate="buy")
    assert result.score == 100.0
    assert result.verdict == "at-risk"
    assert result.why.open_blockers == []
    assert [(o.question, o.severity, o.in_gate, o.due) for o in result.why.overdue] == [
        ("use.support.sla", "blocker", False, dt.date(2027, 1, 10))
    ]
    # Not overdue yet: after the gate, it changes nothing.
    assert (
        run(
            with_answers(use__support__sla={"status": "not-started", "owner": "S"}), gate="buy"
        ).verdict
        == "go"
    )


def test_why_holds_what_each_rule_found_most_urgent_first() -> None:
    waiver = {
        "reason": "Signed next week",
        "approver": "VP Sales",
        "expires": "2027-01-14",
        "risk_accepted": "Customers wait",
    }
    result = run(
        {
            "discover.marketing.message": {"status": "partial", "owner": "M"},  # due 2026-12-31
            "discover.legal.trademark": {"status": "done", "evidence": EVIDENCE},
            "buy.legal.eula": {"status": "blocked", "owner": "I", "waiver": waiver},
            "buy.marketing.partner-kit": {"status": "done"},
        },
        gate="buy",
    )
    assert result.verdict == "no-go"
    why = result.why
    assert why.open_blockers == ["buy.legal.eula", "discover.marketing.message"]
    assert why.below_threshold is True
    assert [o.question for o in why.overdue] == ["discover.marketing.message"]
    assert why.expired_waivers == ["buy.legal.eula"]
    assert why.first_due is None
    # Narrowing a report never narrows the reasons for its verdict.
    assert result.narrowed(teams={"support"}, phases=set()).why == why


def test_a_go_verdict_has_nothing_in_why() -> None:
    why = run(ALL_DONE).why
    assert (why.open_blockers, why.below_threshold, why.overdue, why.expired_waivers) == (
        [],
        False,
        [],
        [],
    )


def test_worked_example_with_gate_auto() -> None:
    """docs/scoring.md, "The same plan with gate: auto"."""
    answers = {
        "discover.marketing.message": {"status": "done", "owner": "Maria"},
        "discover.legal.trademark": {"status": "done", "owner": "Ivo"},
        "buy.legal.eula": {"status": "partial", "owner": "Ivo", "due": "2027-01-10"},
        "buy.marketing.partner-kit": {"status": "blocked"},
        "use.support.sla": {"status": "done"},
        "use.support.community": {"status": "n/a", "note": "No community by design."},
    }
    days = {
        dt.date(2026, 12, 30): (None, "go", None),
        dt.date(2026, 12, 31): ("discover", "at-risk", 66.7),
        dt.date(2027, 1, 15): ("buy", "no-go", 50.0),
        dt.date(2027, 3, 1): ("use", "no-go", 63.3),
    }
    for as_of, expected in days.items():
        result = auto(answers, as_of, gate="auto")
        assert (result.gate, result.verdict, result.score) == expected, as_of
    assert auto(answers, dt.date(2026, 12, 30)).why.first_due == dt.date(2026, 12, 31)
    on_the_day = auto(answers, AS_OF, gate="auto")
    fixed = run(answers, gate="buy")
    assert on_the_day.model_copy(update={"gate_rule": "fixed"}) == fixed
    assert on_the_day.why.open_blockers == ["buy.legal.eula"]
    assert [o.question for o in on_the_day.why.overdue] == ["buy.legal.eula"]


def test_an_expired_waiver_on_a_justified_na_is_listed_as_the_gap_it_makes() -> None:
    # The n/a is left out of the score (100), but its expired waiver makes the verdict at-risk:
    # the report must list it, or the page says "no gaps" under an at-risk verdict.
    waiver = {
        "reason": "r",
        "approver": "a",
        "expires": "2027-01-01",
        "risk_accepted": "Customers wait",
    }
    plan = make_plan(
        {
            "discover.marketing.message": {"status": "done"},
            "discover.legal.trademark": {"status": "done", "evidence": "https://x.example"},
            "discover.marketing.webinar": {"status": "n/a", "note": "none", "waiver": waiver},
        },
        gate="discover",
    )
    result = audit(mini_playbook(), plan, dt.date(2027, 1, 15))
    assert (result.verdict, result.score) == ("at-risk", 100.0)
    [gap] = [g for g in result.gaps if g.in_gate]
    assert (gap.question, gap.reasons, gap.points) == (
        "discover.marketing.webinar",
        ["expired-waiver"],
        0.0,
    )


def test_an_expired_waiver_when_every_gate_question_is_a_justified_na() -> None:
    waiver = {
        "reason": "r",
        "approver": "a",
        "expires": "2027-01-01",
        "risk_accepted": "Customers wait",
    }
    na = {"status": "n/a", "note": "none"}
    plan = make_plan(
        {
            "discover.marketing.message": na,
            "discover.legal.trademark": na,
            "discover.marketing.webinar": {**na, "waiver": waiver},
        },
        gate="discover",
    )
    result = audit(mini_playbook(), plan, dt.date(2027, 1, 15))
    assert (result.verdict, result.score) == ("at-risk", None)
    assert [g.points for g in result.gaps if g.in_gate] == [0.0]
