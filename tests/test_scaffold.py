"""The text of a new plan: it audits cleanly, keeps every value, and lists what applies."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.checking.references import check_plan
from journeycheck.checking.shape import validate_plan
from journeycheck.errors import UsageError
from journeycheck.models import STATUSES, Playbook
from journeycheck.playbooks import PlaybookCache
from journeycheck.reading.compose import parse_text
from journeycheck.scaffold import (
    STATUS_HELP,
    WIDTH,
    Choices,
    check_launch,
    check_product,
    comment,
    render_plan,
    yaml_scalar,
)
from journeycheck.schemas import plan_schema_for, schema_of
from journeycheck.score import audit
from tests.helpers import FIXTURES, mini_playbook

LAUNCH = dt.date(2027, 3, 1)
BUILTIN = PlaybookCache().get("customer-journey", FIXTURES)
MINI = mini_playbook()


def choices(playbook: Playbook, **changes: Any) -> Choices:
    values: dict[str, Any] = {
        "product": "Acme Ledger",
        "launch": LAUNCH,
        "playbook": playbook.id,
        "traits": playbook.trait_values({}),
    }
    values.update(changes)
    return Choices(**values)


def load(text: str, playbook: Playbook) -> tuple[dict[str, Any], Any]:
    doc = parse_text(text, "launch-plan.yaml")
    plan = validate_plan(doc)
    check_plan(doc, plan, playbook)
    return doc.data, plan


TRAIT_COMBINATIONS = [
    dict(zip(BUILTIN.traits, values, strict=True))
    for values in itertools.product([False, True], repeat=len(BUILTIN.traits))
]


@pytest.mark.parametrize(
    "traits",
    TRAIT_COMBINATIONS,
    ids=["-".join(f"{k}={int(v)}" for k, v in t.items()) for t in TRAIT_COMBINATIONS],
)
def test_every_trait_combination_audits_as_a_fresh_plan(traits: dict[str, bool]) -> None:
    scaffold = render_plan(BUILTIN, choices(BUILTIN, traits=traits))
    data, plan = load(scaffold.text, BUILTIN)
    assert plan.traits == traits

    applicable = [q.id for q in BUILTIN.questions if BUILTIN.applies(q, traits)]
    assert list(plan.answers) == applicable == [q.id for q in scaffold.applicable]
    assert {q.id for q in scaffold.switched_off} == {q.id for q in BUILTIN.questions} - set(
        applicable
    )

    # Well before every due date: gate auto gates nothing yet, and nothing is overdue.
    assert plan.gate == "auto"
    result = audit(BUILTIN, plan, LAUNCH - dt.timedelta(days=365))
    assert (result.verdict, result.gate, result.score, result.total_score) == (
        "go",
        None,
        None,
        0.0,
    )
    # Gated at its last phase, as a fixed gate, a fresh plan is no-go.
    fixed = audit(BUILTIN, plan, LAUNCH - dt.timedelta(days=365), gate="grow")
    assert (fixed.verdict, fixed.score) == ("no-go", 0.0)
    assert result.counts.applicable == result.counts.open == len(applicable)
    assert len(result.gaps) == len(applicable)
    for gap in result.gaps:
        assert gap.status == "not-started"
        assert gap.reasons == ["not-started", "no-owner"]

    for schema in (schema_of("plan"), plan_schema_for(BUILTIN)):
        jsonschema.Draft202012Validator(schema).validate(data)


def test_entries_follow_the_playbook() -> None:
    scaffold = render_plan(MINI, choices(MINI))
    _, plan = load(scaffold.text, MINI)
    by_id = {q.id: q for q in MINI.questions}
    for question_id, answer in plan.answers.items():
        offset = by_id[question_id].due
        expected = None if offset is None else LAUNCH + dt.timedelta(days=offset)
        assert answer.due == expected
        assert (answer.status, answer.owner, answer.evidence, answer.note) == (
            "not-started",
            None,
            None,
            None,
        )
    assert plan.product == "Acme Ledger"
    assert plan.playbook == "mini"
    assert plan.launch == LAUNCH
    assert plan.gate == "auto"  # the calendar decides unless a phase is chosen
    assert plan.threshold == 80


def test_questions_are_grouped_by_phase_then_team_in_playbook_order() -> None:
    """Phases in journey order; within one, teams and questions as the playbook lists them."""
    by_id = {q.id: q for q in MINI.questions}
    order = [
        "use.support.community",
        "buy.legal.eula",
        "discover.legal.trademark",
        "discover.marketing.webinar",
        "use.support.sla",
        "buy.marketing.partner-kit",
        "discover.marketing.message",
    ]
    playbook = MINI.model_copy(update={"questions": [by_id[i] for i in order]})
    text = render_plan(playbook, choices(playbook)).text
    written = [
        line.strip().rstrip(":")
        for line in text.splitlines()
        if line.startswith("  ") and line.rstrip().endswith(":") and "." in line
    ]
    assert written == [
        "discover.legal.trademark",
        "discover.marketing.webinar",
        "discover.marketing.message",
        "buy.legal.eula",
        "buy.marketing.partner-kit",
        "use.support.community",
        "use.support.sla",
    ]
    headings = [line for line in text.splitlines() if line.startswith("  # ---")]
    assert headings == [
        "  # --- discover / Legal ---",
        "  # --- discover / Marketing ---",
        "  # --- buy / Legal ---",
        "  # --- buy / Marketing ---",
        "  # --- use / Support ---",
    ]


def test_the_builtin_playbook_keeps_its_own_order() -> None:
    text = render_plan(BUILTIN, choices(BUILTIN)).text
    _, plan = load(text, BUILTIN)
    applicable = [q.id for q in BUILTIN.questions if BUILTIN.applies(q, plan.traits)]
    assert list(plan.answers) == applicable


def test_comments_carry_question_help_and_evidence() -> None:
    text = render_plan(MINI, choices(MINI)).text
    block = text.split("  buy.legal.eula:")[0].rsplit("\n\n", 1)[1]
    assert block.splitlines() == [
        "  # Is the EULA published?",
        "  #   (blocker; evidence required)",
    ]
    assert "  #   Customers must hear the value.\n  #   (blocker)\n" in text


def test_switched_off_questions_are_listed_at_the_end_by_condition() -> None:
    scaffold = render_plan(MINI, choices(MINI, traits={"physical": False, "channels": False}))
    tail = scaffold.text.split("# Not asked: 2 questions")[1]
    assert "# Only with channels: true:\n#   buy.marketing.partner-kit (major)\n" in tail
    assert "# Only with physical: true:\n#   buy.manufacturing.forecast (blocker)\n" in tail
    assert tail.index("channels: true") < tail.index("physical: true")  # playbook order
    _, plan = load(scaffold.text, MINI)
    assert "buy.marketing.partner-kit" not in plan.answers


def test_nothing_switched_off_means_no_such_section() -> None:
    text = render_plan(MINI, choices(MINI, traits={"physical": True, "channels": True})).text
    assert "Not asked" not in text


def test_modeline_is_the_first_line_only_when_there_is_a_schema() -> None:
    with_schema = render_plan(MINI, choices(MINI, schema=".journeycheck/mini.plan.schema.json"))
    assert with_schema.text.startswith(
        "# yaml-language-server: $schema=.journeycheck/mini.plan.schema.json\n"
    )
    without = render_plan(MINI, choices(MINI)).text
    assert "yaml-language-server" not in without
    assert without.startswith("# journeycheck product plan")


def test_every_status_is_explained() -> None:
    assert tuple(STATUS_HELP) == STATUSES


def test_header_names_statuses_and_the_audit_command() -> None:
    text = render_plan(MINI, choices(MINI, plan_name="plans/my plan.yaml")).text
    header = text.split("\njourneycheck: 1\n")[0]
    for status in ("done", "partial", "not-started", "blocked", "n/a"):
        assert f"#   {status} " in header
    assert "#   journeycheck audit 'plans/my plan.yaml'\n" in header
    assert "journeycheck audit <this file>" in render_plan(MINI, choices(MINI)).text


def test_lines_fit_the_width_and_the_file_ends_with_one_newline() -> None:
    text = render_plan(BUILTIN, choices(BUILTIN)).text
    assert all(len(line) <= WIDTH for line in text.splitlines())
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert not [line for line in text.splitlines() if line != line.rstrip()]


def test_a_playbook_without_traits_or_applicable_questions_still_gives_a_valid_plan() -> None:
    playbook = MINI.model_copy(
        update={
            "traits": {},
            "questions": [q.model_copy(update={"when": {}}) for q in MINI.questions[:1]],
        }
    )
    _, plan = load(render_plan(playbook, choices(playbook, traits={})).text, playbook)
    assert plan.traits == {}
    assert list(plan.answers) == ["discover.marketing.message"]

    nothing = MINI.model_copy(update={"questions": MINI.questions[5:6]})  # physical only
    text = render_plan(nothing, choices(nothing)).text
    _, plan = load(text, nothing)
    assert plan.answers == {}
    assert "# Only with physical: true:" in text


# -- values survive ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        'Acme "Ledger"',
        "Ledger: the sequel",
        "Acme #1",
        "Ærøskøbing Straße 東京 🚀",
        "yes",
        "null",
        "1.10",
        "2027-03-01",
        "- dash",
        "  padded  ",
        "back\\slash",
        "it's",
        "{braces} [brackets] & *star !bang %percent @at `tick` | pipe > gt",
    ],
)
def test_awkward_product_names_survive(name: str) -> None:
    _, plan = load(render_plan(MINI, choices(MINI, product=name)).text, MINI)
    assert plan.product == name


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1))
def test_any_product_name_survives(name: str) -> None:
    # Control characters are refused, by init (check_product) and by the plan's validation.
    _, plan = load(render_plan(MINI, choices(MINI, product=name)).text, MINI)
    assert plan.product == name


@settings(max_examples=300)
@given(st.text())
def test_yaml_scalar_reads_back_as_the_same_text(text: str) -> None:
    source = f"key: {yaml_scalar(text)}\n"
    assert parse_text(source, "t.yaml").data == {"key": text}
    assert yaml.safe_load(source) == {"key": text}
    as_key = f"{yaml_scalar(text)}: 1\n"
    assert parse_text(as_key, "t.yaml").data == {text: 1}


@pytest.mark.parametrize("word", ["yes", "No", "ON", "off", "y", "true", "Null", "~", "1e3"])
def test_yaml_scalar_quotes_words_yaml_would_read_as_other_types(word: str) -> None:
    assert yaml_scalar(word).startswith('"')


def test_yaml_scalar_leaves_ids_plain() -> None:
    assert yaml_scalar("discover.marketing.value-messaging") == "discover.marketing.value-messaging"
    assert yaml_scalar("../playbooks/ours.yaml") == '"../playbooks/ours.yaml"'
    assert yaml_scalar("playbooks/ours.yaml") == "playbooks/ours.yaml"


@settings(max_examples=300)
@given(st.text(), st.integers(0, 8), st.integers(0, 4))
def test_comment_never_escapes_the_comment(text: str, indent: int, hang: int) -> None:
    block = comment(text, indent, hang)
    lines = block.split("\n")
    assert all(line.lstrip(" ").startswith("#") for line in lines)
    assert parse_text(f"key: 1\n{block}\nother: 2\n", "t.yaml").data == {"key": 1, "other": 2}


def test_comment_wraps_long_text_and_keeps_words_whole() -> None:
    words = ["word"] * 60 + ["https://example.com/" + "x" * 100]
    block = comment(" ".join(words), indent=2, hang=2)
    lines = block.splitlines()
    assert all(line.startswith("  #   ") for line in lines)
    assert all(len(line) <= WIDTH for line in lines[:-1])
    assert lines[-1].endswith("x" * 100)  # a long link is never broken


# -- choices that are refused ------------------------------------------------------


def test_check_launch_refuses_dates_whose_due_dates_leave_the_calendar() -> None:
    assert check_launch(LAUNCH, MINI) == LAUNCH
    with pytest.raises(UsageError, match="too close to the end of the calendar"):
        check_launch(dt.date(9999, 12, 20), MINI)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("two\nlines", "without control characters"),
        ("bad \udcff byte", "not valid UTF-8"),
    ],
)
def test_check_product_refuses(name: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        check_product(name)


def test_rendering_is_deterministic() -> None:
    first = render_plan(BUILTIN, choices(BUILTIN)).text
    assert first == render_plan(BUILTIN, choices(BUILTIN)).text
    assert json.dumps(first)  # plain text, nothing unserialisable leaked in


def test_comments_wrap_by_display_width() -> None:
    from journeycheck.scaffold import display_width, wrap

    korean = "제품 출시 준비 상태를 팀별로 확인하고 미비 사항을 먼저 해결하세요. " * 6
    lines = wrap(korean, 40)
    assert all(display_width(line) <= 40 for line in lines)
    assert " ".join(lines) == " ".join(korean.split())
    assert max(display_width(line) for line in lines) > 30  # full lines, not one word each


def test_a_long_run_of_wide_characters_breaks_between_them_and_a_link_stays_whole() -> None:
    from journeycheck.scaffold import display_width, wrap

    lines = wrap("가" * 50, 20)
    assert lines == ["가" * 10] * 5
    link = "https://example.com/" + "x" * 60
    assert wrap(f"see {link}", 20) == ["see", link]
    assert all(display_width(line) <= 20 for line in wrap("ab " + "한" * 30, 20))


@pytest.mark.parametrize("lang", ["bg", "ko"])
def test_inits_comments_fit_their_width_in_every_language(lang: str) -> None:
    from journeycheck import i18n
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.scaffold import WIDTH, Choices, display_width, render_plan

    playbook = PlaybookCache().get("customer-journey")
    choices = Choices(
        product="Продукт 제품",
        launch=dt.date(2027, 3, 1),
        playbook="customer-journey",
        traits={},
    )
    with i18n.language(lang):
        text = render_plan(playbook, choices).text
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    too_wide = [line for line in comments if display_width(line) > WIDTH]
    assert not too_wide, too_wide
    english = render_plan(playbook, choices).text
    assert text != english
