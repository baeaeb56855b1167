"""Properties that hold for every plan, checked with hypothesis on the mini playbook."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.models import MAX_WEIGHT, MIN_WEIGHT, SEVERITIES, STATUSES, Plan
from journeycheck.result import AuditResult
from journeycheck.score import audit
from tests.helpers import make_plan, mini_playbook

PLAYBOOK = mini_playbook()
QUESTION_IDS = [q.id for q in PLAYBOOK.questions]
AS_OF = dt.date(2027, 1, 15)
dates = st.dates(min_value=dt.date(2026, 10, 1), max_value=dt.date(2027, 6, 1))
text = st.one_of(st.none(), st.just(""), st.just("  "), st.text(min_size=1, max_size=8))


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    answer: dict[str, Any] = {"status": draw(st.sampled_from(STATUSES))}
    for key in ("owner", "evidence", "note"):
        value = draw(text)
        if value is not None:
            answer[key] = value
    if draw(st.booleans()):
        answer["due"] = draw(dates).isoformat()
    if draw(st.integers(0, 3)) == 0:
        answer["waiver"] = {
            "reason": "r",
            "approver": "a",
            "expires": draw(dates).isoformat(),
            "risk_accepted": "Customers wait",
        }
    return answer


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    chosen = draw(st.lists(st.sampled_from(QUESTION_IDS), unique=True))
    return make_plan(
        {question: draw(answers()) for question in chosen},
        traits={"physical": draw(st.booleans()), "channels": draw(st.booleans())},
        gate=draw(st.sampled_from([*PLAYBOOK.phase_ids(), "auto"])),
        threshold=draw(st.integers(0, 100)),
    )


def all_scores(result: AuditResult) -> dict[str, float | None]:
    scores: dict[str, float | None] = {"gate": result.score, "total": result.total_score}
    scores.update({f"phase:{p.id}": p.score for p in result.phases})
    scores.update({f"team:{t.id}": t.score for t in result.teams})
    scores.update({f"cell:{c.phase}:{c.team}": c.score for c in result.cells})
    return scores


@settings(max_examples=300, deadline=None)
@given(plans())
def test_scores_stay_between_0_and_100(plan: Plan) -> None:
    result = audit(PLAYBOOK, plan, AS_OF)
    for name, score in all_scores(result).items():
        assert score is None or 0 <= score <= 100, name
    for gap in result.gaps:
        assert gap.points is None or 0 <= gap.points <= 100


@settings(max_examples=300, deadline=None)
@given(plans(), st.sampled_from(QUESTION_IDS))
def test_marking_a_question_done_never_lowers_any_score(plan: Plan, question: str) -> None:
    before = all_scores(audit(PLAYBOOK, plan, AS_OF))
    finished = dict(plan.answers)
    previous = plan.answers.get(question)
    update: dict[str, Any] = {"status": "done", "evidence": "https://wiki.example.com/done"}
    finished[question] = previous.model_copy(update=update) if previous else make_answer(update)
    after = all_scores(audit(PLAYBOOK, plan.model_copy(update={"answers": finished}), AS_OF))
    for name, score in before.items():
        if score is not None:
            assert after[name] is not None and after[name] >= score, name  # type: ignore[operator]


def make_answer(data: dict[str, Any]) -> Any:
    return make_plan({"x": data}).answers["x"]


@settings(max_examples=200, deadline=None)
@given(plans())
def test_counts_cover_every_applicable_question_once(plan: Plan) -> None:
    result = audit(PLAYBOOK, plan, AS_OF)
    counts = result.counts
    assert counts.done + counts.partial + counts.open + counts.na + counts.waived == (
        counts.applicable
    )
    assert sum(p.counts.applicable for p in result.phases) == counts.applicable


@settings(max_examples=200, deadline=None)
@given(plans())
def test_verdict_and_gap_order_follow_the_rules(plan: Plan) -> None:
    result = audit(PLAYBOOK, plan, AS_OF)
    gate_blockers = [g for g in result.gaps if g.in_gate and g.severity == "blocker"]
    open_blocker = any(g.points for g in gate_blockers)
    assert (result.verdict == "no-go") == open_blocker
    late = any("overdue" in g.reasons for g in result.gaps)  # inside the gate or not
    expired = any("expired-waiver" in g.reasons for g in result.gaps if g.in_gate)
    below = result.score is not None and result.score < result.threshold
    if not open_blocker:
        assert (result.verdict == "at-risk") == (late or expired or below)
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    keys = [(not g.in_gate, rank[g.severity], -(g.points or 0)) for g in result.gaps]
    assert keys == sorted(keys)
    assert len({g.question for g in result.gaps}) == len(result.gaps)


@settings(max_examples=200, deadline=None)
@given(plans())
def test_done_list_and_cell_blockers_agree_with_the_counts(plan: Plan) -> None:
    result = audit(PLAYBOOK, plan, AS_OF)
    assert len(result.done) == result.counts.done
    assert [d.question for d in result.done] == [
        q.id for q in PLAYBOOK.questions if q.id in {d.question for d in result.done}
    ]  # playbook order
    for phase in result.phases:
        in_phase = [c.open_blockers for c in result.cells if c.phase == phase.id]
        assert sum(in_phase) == phase.open_blockers
    for team in result.teams:
        assert sum(c.open_blockers for c in result.cells if c.team == team.id) == team.open_blockers


@settings(max_examples=200, deadline=None)
@given(plans(), dates, dates)
def test_the_auto_gate_only_moves_forward_with_the_calendar(
    plan: Plan, day: dt.date, later: dt.date
) -> None:
    day, later = sorted((day, later))
    auto = plan.model_copy(update={"gate": "auto"})
    phases = PLAYBOOK.phase_ids()

    def reached(as_of: dt.date) -> int:
        gate = audit(PLAYBOOK, auto, as_of).gate
        return -1 if gate is None else phases.index(gate)

    assert reached(day) <= reached(later)
    # Under auto, whatever is overdue is inside the gate.
    assert all(o.in_gate for o in audit(PLAYBOOK, auto, later).why.overdue)


@settings(max_examples=300, deadline=None)
@given(plans())
def test_the_verdict_is_explained_by_what_the_report_lists(plan: Plan) -> None:
    result = audit(PLAYBOOK, plan, AS_OF)
    listed = [g for g in result.gaps if g.in_gate]
    below = result.score is not None and result.score < result.threshold
    # Overdue anywhere, or a waiver of the gate scope that expired (docs/scoring.md).
    late = any("overdue" in g.reasons for g in result.gaps) or any(
        "expired-waiver" in g.reasons for g in listed
    )
    blocked = any(g.severity == "blocker" and g.points for g in listed)
    expected = "no-go" if blocked else "at-risk" if below or late else "go"
    assert result.verdict == expected


weights = st.one_of(
    st.sampled_from([MIN_WEIGHT, MAX_WEIGHT, None]),
    st.floats(min_value=MIN_WEIGHT, max_value=MAX_WEIGHT),
)


@settings(max_examples=300, deadline=None)
@given(plans(), st.lists(weights, min_size=len(QUESTION_IDS), max_size=len(QUESTION_IDS)))
def test_the_gate_score_and_the_points_of_its_gaps_add_up_to_100(
    plan: Plan, chosen: list[float | None]
) -> None:
    pairs = zip(PLAYBOOK.questions, chosen, strict=True)
    questions = [q.model_copy(update={"weight": w}) for q, w in pairs]
    playbook = PLAYBOOK.model_copy(update={"questions": questions})
    result = audit(playbook, plan, AS_OF)
    points = [g.points for g in result.gaps if g.in_gate]
    if result.score is None:
        assert all(p == 0 for p in points)
        return
    # Each figure is rounded to one decimal, so each may be off by 0.05.
    total = result.score + sum(p or 0 for p in points)
    assert abs(total - 100) <= 0.05 * (len(points) + 1) + 1e-9


def reasons_by_the_rules(question: Any, answer: Any, plan: Plan) -> set[str]:
    """docs/scoring.md's reasons for one question, restated one rule at a time."""
    found: set[str] = set()
    due = answer.due if answer is not None and answer.due is not None else None
    if due is None and question.due is not None:
        due = plan.launch + dt.timedelta(days=question.due)
    if answer is None:
        return {"unanswered"} | ({"overdue"} if due is not None and due < AS_OF else set())
    waived = answer.waiver is not None and answer.waiver.expires >= AS_OF
    if answer.waiver is not None and not waived:
        found.add("expired-waiver")
    blank = {None, ""}
    if not waived:
        if answer.status in ("not-started", "blocked", "partial"):
            found.add(answer.status)
            if (answer.owner or "").strip() in blank and (
                plan.owners.get(question.team) or ""
            ).strip() in blank:
                found.add("no-owner")
        if answer.status == "n/a" and (answer.note or "").strip() in blank:
            found.add("unjustified-na")
        if (
            answer.status == "done"
            and question.evidence == "required"
            and (answer.evidence or "").strip() in blank
        ):
            found.add("missing-evidence")
    justified = answer.status == "n/a" and "unjustified-na" not in found and not waived
    if not justified and answer.status != "done" and not waived and due is not None and due < AS_OF:
        found.add("overdue")
    return found


@settings(max_examples=300, deadline=None)
@given(plans())
def test_each_gap_has_the_reasons_the_rules_give_in_the_order_reports_list_them(
    plan: Plan,
) -> None:
    from journeycheck.result import REASONS

    result = audit(PLAYBOOK, plan, AS_OF)
    questions = {q.id: q for q in PLAYBOOK.questions}
    for gap in result.gaps:
        expected = reasons_by_the_rules(
            questions[gap.question], plan.answers.get(gap.question), plan
        )
        assert set(gap.reasons) == expected, gap.question
        assert gap.reasons == [reason for reason in REASONS if reason in expected]
