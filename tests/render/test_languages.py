"""The reports in Bulgarian and Korean: goldens, 80 columns, and the same facts in every language.

The words change with the language; the verdict, every score and every JSON value
do not. Numbers in human output follow the language (``70,9`` in Bulgarian), so the
scores are compared after reading each back with that language's CLDR rules.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel.numbers import parse_decimal
from rich.cells import cell_len

from journeycheck import __version__, i18n
from journeycheck.render import (
    Format,
    RenderOptions,
    portfolio_renderer_for,
    renderer_for,
    terminal,
    view,
)
from journeycheck.result import AuditResult
from journeycheck.score import audit
from tests.helpers import assert_golden, audit_plan, make_plan, mini_playbook

EXAMPLES = Path(__file__).parents[2] / "examples"
AS_OF = dt.date(2027, 1, 15)
OTHERS = ("bg", "ko")


def pinned(text: str) -> str:
    """The report with the version replaced, so a release does not change the goldens."""
    return text.replace(f"journeycheck {__version__}", "journeycheck VERSION")


@pytest.fixture
def mini() -> AuditResult:
    """A small plan with a waiver, an n/a with a note, a partial and an overdue answer."""
    answers = {
        "discover.marketing.message": {"status": "done", "owner": "Maria Petrova"},
        "discover.legal.trademark": {"status": "done", "owner": "Ivo Legal"},
        "buy.legal.eula": {"status": "partial", "owner": "Ivo Legal", "due": "2027-01-10"},
        "buy.marketing.partner-kit": {"status": "blocked", "note": "Waiting for legal."},
        "use.support.sla": {
            "status": "done",
            "waiver": {
                "reason": "Pending",
                "approver": "VP",
                "expires": "2027-01-01",
                "risk_accepted": "Customers wait",
            },
        },
        "use.support.community": {"status": "n/a", "note": "No community by design."},
    }
    plan = make_plan(answers, gate="buy", product="Acme Ledger")
    found = audit(mini_playbook(), plan, AS_OF)
    return found.model_copy(update={"file": "plans/acme.yaml"})


def example(name: str) -> AuditResult:
    return audit_plan(EXAMPLES / name, AS_OF)


def render(fmt: Format, result: AuditResult, lang: str, **options: object) -> str:
    return renderer_for(fmt)(result, RenderOptions(lang=lang, **options))  # type: ignore[arg-type]


# -- goldens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", OTHERS)
def test_golden_terminal_80_columns(mini: AuditResult, lang: str) -> None:
    text = render(Format.TERMINAL, mini, lang, top=10, width=80)
    assert_golden(f"terminal-mini-{lang}-80.txt", text)


@pytest.mark.parametrize("lang", OTHERS)
def test_golden_terminal_of_the_example_plan_80_columns(lang: str) -> None:
    text = render(Format.TERMINAL, example("saas-halfway.yaml"), lang, top=10, width=80)
    assert_golden(f"terminal-saas-halfway-{lang}-80.txt", text)


@pytest.mark.parametrize("lang", OTHERS)
def test_golden_markdown(mini: AuditResult, lang: str) -> None:
    assert_golden(f"markdown-mini-{lang}.md", pinned(render(Format.MARKDOWN, mini, lang)))


@pytest.mark.parametrize("lang", OTHERS)
def test_golden_html(mini: AuditResult, lang: str) -> None:
    assert_golden(f"html-mini-{lang}.html", pinned(render(Format.HTML, mini, lang)))


# -- layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("plan", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
@pytest.mark.parametrize("long", [False, True])
def test_no_line_is_wider_than_80_columns(lang: str, plan: str, long: bool) -> None:
    """Display width, where a Hangul syllable takes two columns."""
    text = render(Format.TERMINAL, example(plan), lang, width=80, long=long)
    wide = [line for line in text.splitlines() if cell_len(line) > 80]
    assert not wide, wide


@pytest.mark.parametrize("lang", OTHERS)
def test_the_portfolio_fits_80_columns(lang: str) -> None:
    results = [example(p.name) for p in sorted(EXAMPLES.glob("*.yaml"))]
    options = RenderOptions(lang=lang, width=80, summary=True)
    text = "".join(portfolio_renderer_for(Format.TERMINAL)(results, options))
    assert max(cell_len(line) for line in text.splitlines()) <= 80


def test_short_team_titles_stand_in_the_score_table_and_are_cut_to_fit() -> None:
    """A translation's short title names the team in the table; a long one is cut with …."""

    from journeycheck.result import TeamResult

    team = TeamResult(
        id="network-cloud-operations",
        title="Network and cloud operations",
        score=50.0,
        open_blockers=0,
        short="네트워크·클라우드 운영 지원",
    )
    with i18n.language("ko"):
        label = terminal.team_label(team)
        assert terminal.team_label(team.model_copy(update={"short": "클라우드 운영"})) == (
            "클라우드 운영"
        )
        assert terminal.team_label(team.model_copy(update={"short": None})) == team.id
    assert cell_len(label) <= terminal.TEAM_COLUMNS
    assert label.endswith("…") and label.startswith("네트워크")
    with i18n.language("en"):
        assert terminal.team_label(team) == "network-cloud-operations"
    assert "short" not in team.model_dump(by_alias=True)


# -- the same facts in every language -----------------------------------------------------------


@pytest.mark.parametrize("plan", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_json_is_the_same_in_every_language(plan: str) -> None:
    result = example(plan)
    reports = {lang: json.loads(render(Format.JSON, result, lang)) for lang in i18n.SUPPORTED}
    for report in reports.values():
        report.pop("lang", None)
    assert reports["bg"] == reports["en"]
    assert reports["ko"] == reports["en"]


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


def _matrix_numbers(result: AuditResult, lang: str) -> list[float]:
    """Every number of the terminal score table, read back by the language's own rules."""
    with i18n.language(lang):
        drawn = terminal.draw(terminal.matrix(result), RenderOptions(width=200, lang=lang))
    return [float(parse_decimal(token, locale=lang)) for token in _NUMBER.findall(drawn)]


@pytest.mark.parametrize("plan", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_scores_and_verdict_are_the_same_in_every_language(plan: str) -> None:
    result = example(plan)
    english = _matrix_numbers(result, "en")
    expected = [cell.score for cell in result.cells if cell.score is not None]
    assert set(expected) <= set(english)
    for lang in OTHERS:
        assert _matrix_numbers(result, lang) == english, lang
        with i18n.language(lang):
            word = view.verdict_word(result.verdict)
        assert word in render(Format.TERMINAL, result, lang, width=80)
        assert word != view.verdict_word(result.verdict)  # the English word, outside a language


@pytest.mark.parametrize("lang", OTHERS)
def test_the_html_page_says_its_language_and_keeps_machine_scores(
    mini: AuditResult, lang: str
) -> None:
    page = render(Format.HTML, mini, lang)
    assert f'<html lang="{lang}">' in page
    scores = re.findall(r'data-score="([^"]+)"', page)
    assert scores == [view.NO_SCORE if c.score is None else f"{c.score:.1f}" for c in mini.cells]


def test_dates_and_numbers_follow_the_language() -> None:
    day = dt.date(2027, 1, 15)
    with i18n.language("bg"):
        assert view.date_text(day) == "15.01.2027\u202fг."  # CLDR: a narrow no-break space
        assert view.score_text(70.9) == "70,9"
    with i18n.language("ko"):
        assert view.date_text(day) == "2027. 1. 15."
        assert view.score_text(70.9) == "70.9"
    with i18n.language("en"):
        assert view.date_text(day) == "2027-01-15"


@pytest.mark.parametrize("command", ["diff", "agenda", "audit"])
def test_a_file_report_speaks_its_plans_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A Markdown report follows the plan's language: (not the locale), unless --lang says."""
    from tests.helpers import invoke

    monkeypatch.delenv(i18n.ENV, raising=False)
    monkeypatch.setenv("LANG", "bg_BG.UTF-8")  # a file never follows the locale
    source = (EXAMPLES / "ready-for-gate.yaml").read_text("utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(source.replace("\nproduct:", "\nlanguage: ko\nproduct:", 1), "utf-8")
    arguments: dict[str, list[str | Path]] = {
        "diff": ["diff", plan, plan],
        "agenda": ["agenda", plan],
        "audit": ["audit", plan],
    }
    day = ["--as-of", "2027-01-15", "-f", "markdown"]
    korean = invoke(*arguments[command], *day)
    english = invoke("--lang", "en", *arguments[command], *day)
    assert korean.code == english.code == 0, korean.err + english.err
    with i18n.language("ko"):
        verdict = view.verdict_word("go")
    assert verdict in korean.out and verdict not in english.out
    assert not re.search("[\uac00-\ud7a3]", english.out)  # no Hangul in English
    assert "г." not in korean.out  # nor the locale's Bulgarian in the file


@pytest.mark.parametrize("lang", OTHERS)
@pytest.mark.parametrize("plan", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_github_renders_the_translated_markdown_as_the_english(lang: str, plan: str) -> None:
    """The same tables, rows, cells, headings and task items as in English, by GitHub's
    own engine: a translated word cannot open a table cell, a list or emphasis."""
    from tests.render.github import page_of

    result = example(plan)
    english, other = (page_of(render(Format.MARKDOWN, result, each)) for each in ("en", lang))
    assert other.tags == english.tags
    assert len(other.strong) == len(english.strong)


@pytest.mark.parametrize("lang", OTHERS)
def test_a_date_at_the_end_of_a_sentence_leaves_one_full_stop(lang: str) -> None:
    """Bulgarian and Korean dates end in a full stop (15.01.2027 г., 2027. 1. 15.): no
    translated sentence may put another one straight after a date."""
    from babel.messages.pofile import read_po

    path = Path(i18n.locale_folder()) / lang / "LC_MESSAGES" / "reports.po"
    with path.open("rb") as stream:
        catalogue = read_po(stream, locale=lang)
    dates = ("date", "oldest", "first", "last", "as_of", "launch", "old_date", "new_date")
    ending = re.compile(r"\{(?:" + "|".join(dates) + r")\}\.$")
    for message in catalogue:
        string = message.string
        forms = [string] if isinstance(string, str) else list(string or [])
        assert not [form for form in forms if ending.search(str(form or ""))], message.id
