"""``playbook diff`` as a pure function: what two playbooks differ in, question by question."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.models import Playbook
from journeycheck.playbook_diff import FieldChange, QuestionChange, Renamed, diff
from tests.helpers import FIXTURES, mini_playbook, resolve

COMPANY = FIXTURES / "company"


def test_a_company_playbook_against_its_root() -> None:
    root = mini_playbook()
    company = resolve(COMPANY / "acme-emea.yaml").playbook
    result = diff(root, company)
    assert [q.id for q in result.added] == [
        "discover.security.review",
        "buy.legal.export",
        "buy.regional-legal.gdpr",
    ]
    assert [q.id for q in result.removed] == [
        "discover.marketing.webinar",
        "buy.marketing.partner-kit",
        "buy.manufacturing.forecast",
    ]
    assert result.renamed == [
        Renamed(old="buy.legal.eula", new="buy.legal.customer-terms"),
        Renamed(old="use.support.community", new="use.support.forum"),
    ]
    assert result.changed == [
        QuestionChange(
            id="discover.legal.trademark",
            renamed_from=None,
            changes=[
                FieldChange(field="severity", old="major", new="blocker"),
                FieldChange(field="due", old=-45, new=-60),
            ],
        ),
        QuestionChange(
            id="buy.legal.customer-terms",
            renamed_from="buy.legal.eula",
            changes=[
                FieldChange(
                    field="ask",
                    old="Is the EULA published?",
                    new="Are the customer terms published in every EMEA language?",
                )
            ],
        ),
        QuestionChange(
            id="use.support.sla",
            renamed_from=None,
            changes=[FieldChange(field="severity", old="blocker", new="major")],
        ),
        QuestionChange(
            id="use.support.forum",
            renamed_from="use.support.community",
            changes=[FieldChange(field="weight", old=None, new=2.5)],
        ),
    ]
    assert (result.teams.added, result.teams.removed) == (
        ["security", "regional-legal"],
        ["manufacturing"],
    )
    assert result.traits.added == ["regulated"]
    assert [(c.id, c.changes) for c in result.traits.changed] == [
        ("channels", [FieldChange(field="default", old=True, new=False)])
    ]
    assert result.phases.empty and result.kpis.empty
    assert result.new.lineage == "acme-emea 1.2 ← acme-launch 3 ← mini 0.1"


def test_a_rename_recorded_by_the_first_playbook_is_seen_backwards() -> None:
    company = resolve(COMPANY / "acme-emea.yaml").playbook
    result = diff(company, mini_playbook())
    assert result.renamed == [
        Renamed(old="buy.legal.customer-terms", new="buy.legal.eula"),
        Renamed(old="use.support.forum", new="use.support.community"),
    ]
    assert [q.id for q in result.added] == [
        "discover.marketing.webinar",
        "buy.marketing.partner-kit",
        "buy.manufacturing.forecast",
    ]


def test_a_rename_without_a_record_is_a_removal_and_an_addition() -> None:
    root = mini_playbook()
    questions = [
        q.model_copy(update={"id": "buy.legal.terms"}) if q.id == "buy.legal.eula" else q
        for q in root.questions
    ]
    result = diff(root, root.model_copy(update={"questions": questions}))
    assert [q.id for q in result.removed] == ["buy.legal.eula"]
    assert [q.id for q in result.added] == ["buy.legal.terms"]
    assert result.renamed == [] and result.changed == []


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_diff_of_a_playbook_with_itself_is_empty_and_removals_are_listed(
    data: st.DataObject,
) -> None:
    root: Playbook = mini_playbook()
    assert diff(root, root).empty
    ids = [q.id for q in root.questions]
    dropped = data.draw(st.sets(st.sampled_from(ids)))
    smaller = root.model_copy(
        update={"questions": [q for q in root.questions if q.id not in dropped]}
    )
    forwards, backwards = diff(root, smaller), diff(smaller, root)
    assert [q.id for q in forwards.removed] == [i for i in ids if i in dropped]
    assert [q.id for q in backwards.added] == [i for i in ids if i in dropped]
    assert forwards.added == backwards.removed == []
    assert forwards.changed == backwards.changed == []
