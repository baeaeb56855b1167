"""Open gaps as tickets: selection, keys, places in the plan, assignees."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeycheck.checking.shape import validate_plan
from journeycheck.models import Question
from journeycheck.pipeline import AuditSettings
from journeycheck.reading.compose import parse_text
from journeycheck.score import audit
from journeycheck.tickets import (
    Selection,
    Tickets,
    answer_place,
    build,
    product_slug,
    question_risk,
    ticket_key,
)
from tests.helpers import FIXTURES, mini_playbook
from tests.render.tickets_cases import tickets_of

AS_OF = dt.date(2027, 1, 15)
MINI_PLAN = FIXTURES / "mini-plan.yaml"


GATE = Selection()


def mini(selection: Selection | None = GATE, **settings: Any) -> Tickets:
    return tickets_of(MINI_PLAN, AuditSettings(as_of=AS_OF, **settings), selection)


def from_text(text: str, selection: Selection | None = None) -> Tickets:
    doc = parse_text(textwrap.dedent(text), "plan.yaml")
    plan = validate_plan(doc)
    playbook = mini_playbook()
    result = audit(playbook, plan, AS_OF).model_copy(update={"file": "plan.yaml"})
    return build(result, playbook, doc, selection)


@pytest.mark.parametrize(
    ("product", "slug"),
    [
        ("Acme Ledger", "acme-ledger"),
        ("  Ledgerline Cloud 2.0 (EU) ", "ledgerline-cloud-2-0-eu"),
        ("ACME_ledger--pro", "acme-ledger-pro"),
        ("Леджър Облак", "леджър-облак"),
        ("레저라인 클라우드", "레저라인-클라우드"),
        ("Straße", "strasse"),
        ("!!! ???", "product"),
    ],
)
def test_product_slug(product: str, slug: str) -> None:
    assert product_slug(product) == slug


@given(st.text())
def test_a_slug_is_safe_in_an_html_comment_and_a_key(product: str) -> None:
    slug = product_slug(product)
    assert slug
    assert "--" not in slug and ">" not in slug and ":" not in slug
    assert not re.search(r"\s", slug)
    assert not slug.startswith("-") and not slug.endswith("-")


def test_the_default_selection_is_the_gate_scope() -> None:
    everything = mini(None)
    default = mini()
    assert {t.question for t in default.tickets} == {
        t.question for t in everything.tickets if t.in_gate
    }
    assert any(not t.in_gate for t in everything.tickets)
    # In the audit's order, most urgent first.
    order = [t.question for t in everything.tickets]
    assert [t.question for t in default.tickets] == [
        q for q in order if q in {t.question for t in default.tickets}
    ]


def test_teams_and_severities_choose_among_every_phase() -> None:
    everything = mini(None)
    support = mini(Selection(teams=("support",)))
    assert support.tickets
    assert {t.question for t in support.tickets} == {
        t.question for t in everything.tickets if t.team == "support"
    }
    assert any(not t.in_gate for t in support.tickets)
    gated = mini(Selection(gate_only=True, teams=("support",)))
    assert all(t.in_gate for t in gated.tickets)
    majors = mini(Selection(severities=("major", "minor")))
    assert {t.severity for t in majors.tickets} == {"major", "minor"}
    assert {t.question for t in majors.tickets} == {
        t.question for t in everything.tickets if t.severity in ("major", "minor")
    }


def test_only_open_gaps_become_tickets() -> None:
    everything = mini(None)
    questions = {t.question for t in everything.tickets}
    # done with no gap, a justified n/a and a waived answer are not work to do
    assert "discover.marketing.message" not in questions
    assert "use.support.community" not in questions


def test_keys_are_the_product_and_the_question() -> None:
    tickets = mini(None)
    assert tickets.slug == "acme-ledger"
    for ticket in tickets.tickets:
        assert ticket.key == ticket_key("acme-ledger", ticket.question)
        assert ticket.key == f"journeycheck:acme-ledger:{ticket.question}"


def test_each_ticket_points_at_its_answer_or_at_answers() -> None:
    lines = MINI_PLAN.read_text("utf-8").splitlines()
    tickets = {t.question: t for t in mini(None).tickets}
    eula = tickets["buy.legal.eula"]
    assert lines[eula.line - 1][eula.column - 1 :] == "buy.legal.eula:"
    webinar = tickets["discover.marketing.webinar"]  # unanswered
    assert lines[webinar.line - 1][webinar.column - 1 :] == "answers:"
    assert webinar.status is None and webinar.reasons == ("unanswered",)
    assert {t.file for t in tickets.values()} == {str(MINI_PLAN)}


def test_a_plan_without_answers_points_at_its_first_key() -> None:
    tickets = from_text(
        """\
        # a comment first
        journeycheck: 1
        product: Acme
        playbook: mini-playbook.yaml
        launch: 2027-03-01
        """
    )
    assert {(t.line, t.column) for t in tickets.tickets} == {(2, 1)}


def test_answers_written_in_flow_style_are_located_too() -> None:
    tickets = from_text(
        """\
        journeycheck: 1
        product: Acme
        playbook: mini-playbook.yaml
        launch: 2027-03-01
        answers: {discover.legal.trademark: {status: partial}}
        """
    )
    place = {t.question: (t.line, t.column) for t in tickets.tickets}
    assert place["discover.legal.trademark"] == (5, 11)
    assert place["buy.legal.eula"] == (5, 1)


def test_the_answer_place_of_a_merged_answer_is_its_merge_key() -> None:
    text = """\
    journeycheck: 1
    product: Acme
    playbook: mini-playbook.yaml
    launch: 2027-03-01
    shared: &legal
      buy.legal.eula: {status: partial, owner: Ivo}
    answers:
      <<: *legal
    """
    doc = parse_text(textwrap.dedent(text), "plan.yaml")
    assert answer_place(doc, "buy.legal.eula") == (8, 3)


def test_the_owner_is_the_assignee() -> None:
    tickets = {t.question: t for t in mini(None).tickets}
    assert tickets["buy.legal.eula"].assignee == "Ivo Legal"
    assert not tickets["buy.legal.eula"].assignee_is_team_owner
    assert tickets["buy.marketing.partner-kit"].assignee is None


def test_team_owners_assign_answers_without_an_owner() -> None:
    tickets = from_text(
        """\
        journeycheck: 1
        product: Acme
        playbook: mini-playbook.yaml
        launch: 2027-03-01
        owners: {marketing: Maria Petrova}
        answers:
          buy.marketing.partner-kit: {status: blocked}
          discover.legal.trademark: {status: partial, owner: Ivo Legal}
        """
    )
    built = {t.question: t for t in tickets.tickets}
    assert built["buy.marketing.partner-kit"].assignee == "Maria Petrova"
    assert built["buy.marketing.partner-kit"].assignee_is_team_owner
    # An answer's own owner wins over the team's; a team without an owner assigns no one.
    assert built["discover.legal.trademark"].assignee == "Ivo Legal"
    assert not built["discover.legal.trademark"].assignee_is_team_owner
    assert built["buy.legal.eula"].assignee is None


def test_the_risk_appears_once_questions_have_one() -> None:
    questions = {q.id: q for q in mini_playbook().questions}
    assert question_risk(questions["discover.legal.trademark"]) is None
    assert question_risk(questions["buy.legal.eula"]) == (
        "Customers use the product without clear rights."
    )
    with_risk = cast(Question, SimpleNamespace(risk="  Customers never hear of it. "))
    assert question_risk(with_risk) == "Customers never hear of it."
    assert question_risk(cast(Question, SimpleNamespace(risk="  "))) is None


def test_help_and_titles_come_from_the_playbook() -> None:
    tickets = from_text(
        """\
        journeycheck: 1
        product: Acme
        playbook: mini-playbook.yaml
        launch: 2027-03-01
        answers:
          discover.marketing.message: {status: not-started}
        """
    )
    message = next(t for t in tickets.tickets if t.question == "discover.marketing.message")
    assert message.help == "Customers must hear the value."
    assert message.ask == "Is the value message written and approved?"
    assert (message.phase_title, message.team_title) == ("Customers find out", "Marketing")
    assert message.severity == "blocker" and message.status == "not-started"


def test_without_a_file_name_the_document_names_the_plan() -> None:
    doc = parse_text(MINI_PLAN.read_text("utf-8"), "shown-as.yaml")
    plan = validate_plan(doc)
    playbook = mini_playbook()
    result = audit(playbook, plan, AS_OF)
    assert result.file is None
    built = build(result, playbook, doc)
    assert built.file == "shown-as.yaml"
    assert {t.file for t in built.tickets} == {"shown-as.yaml"}


def test_what_locate_finds_crosses_to_a_worker_process_and_back() -> None:
    import pickle

    from journeycheck.tickets import locate, tickets_from

    doc = parse_text(MINI_PLAN.read_text("utf-8"), str(MINI_PLAN))
    plan = validate_plan(doc)
    playbook = mini_playbook()
    result = audit(playbook, plan, AS_OF)
    located = locate(result, playbook, doc)
    assert pickle.loads(pickle.dumps(located)) == located
    assert set(located.places) == {gap.question for gap in result.gaps}
    assert tickets_from(result, located, file=doc.file) == build(result, playbook, doc)
