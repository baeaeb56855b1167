"""The Markdown report: goldens, escaping, and what GitHub's own engine makes of it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from journeycheck import __version__
from journeycheck.render import Format, RenderOptions, portfolio_renderer_for
from journeycheck.render.markdown import render
from journeycheck.render.mermaid import phase_chart
from journeycheck.result import AuditResult
from journeycheck.score import audit
from tests.helpers import assert_golden, audit_plan, make_plan, mini_playbook
from tests.render.github import Page, to_html

render_portfolio = portfolio_renderer_for(Format.MARKDOWN)

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile" / "plan.yaml"
AS_OF = dt.date(2027, 1, 15)


def pinned(text: str) -> str:
    """The report with the version replaced, so a release does not change the goldens."""
    return text.replace(f"journeycheck {__version__} ·", "journeycheck VERSION ·")


@pytest.fixture
def result() -> AuditResult:
    answers = {
        "discover.marketing.message": {"status": "done", "owner": "Maria Petrova"},
        "discover.legal.trademark": {
            "status": "done",
            "owner": "Ivo Legal",
            "note": "Cleared in the EU; US filing_pending.",
        },
        "buy.legal.eula": {"status": "partial", "owner": "Ivo Legal", "due": "2027-01-10"},
        "buy.marketing.partner-kit": {
            "status": "blocked",
            "evidence": "https://wiki.example.com/partner_kit",
        },
        "use.support.sla": {
            "status": "blocked",
            "waiver": {
                "reason": "Pilot only",
                "approver": "VP Support",
                "expires": "2027-06-30",
                "risk_accepted": "Customers wait",
            },
        },
        "use.support.community": {"status": "partial", "note": "Forum vendor chosen."},
    }
    plan = make_plan(answers, gate="buy", product="Acme *Ledger* | EU")
    found = audit(mini_playbook(), plan, AS_OF)
    return found.model_copy(update={"file": "plans/acme.yaml"})


# -- goldens ----------------------------------------------------------------------------


def test_golden_markdown(result: AuditResult) -> None:
    assert_golden("markdown-mini.md", pinned(render(result, RenderOptions())))


def test_golden_markdown_plain_words_without_diagram(result: AuditResult) -> None:
    text = render(result, RenderOptions(emoji=False, mermaid=False))
    assert_golden("markdown-mini-plain.md", pinned(text))


def test_golden_markdown_portfolio(result: AuditResult) -> None:
    second = audit(mini_playbook(), make_plan({}, product="Beta"), AS_OF)
    second = second.model_copy(update={"file": "plans/beta.yaml"})
    text = "".join(render_portfolio([result, second], RenderOptions(top=3)))
    assert_golden("markdown-portfolio.md", pinned(text))


def test_same_inputs_give_byte_identical_output(result: AuditResult) -> None:
    again = result.model_copy(deep=True)
    assert render(result, RenderOptions()) == render(again, RenderOptions())


# -- the report's content ----------------------------------------------------------------


def test_sections_in_order(result: AuditResult) -> None:
    text = render(result, RenderOptions())
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# Acme \\*Ledger\\* \\| EU — launch readiness",
        "## Phase scores",
        "## Phases",
        "## Scores by team and phase",
        "## Gaps",
        "### In the gate scope (discover, buy)",
        "### Later",
        "## Actions",
        "### Ivo Legal",
        "### Marketing (no owner)",
        "### Support (no owner)",
        "## Done",
        "## Waivers",
        "## KPIs",
    ]
    assert text.endswith(
        f"*journeycheck {__version__} · plan plans/acme.yaml · playbook mini 0.1 · "
        "as of 2027-01-15*\n"
    )


def test_no_emoji_means_no_emoji_anywhere(result: AuditResult) -> None:
    text = render(result, RenderOptions(emoji=False))
    assert not [char for char in text if ord(char) >= 0x1F000]
    assert "66.7 lagging" in text
    assert "**NO-GO**" in text


def test_no_mermaid_leaves_the_diagram_out(result: AuditResult) -> None:
    assert "```mermaid" in render(result, RenderOptions())
    text = render(result, RenderOptions(mermaid=False))
    assert "mermaid" not in text
    assert "## Phase scores" not in text


def test_top_limits_gaps_and_actions_and_says_so(result: AuditResult) -> None:
    text = render(result, RenderOptions(top=2))
    assert "The 2 most urgent of 5 gaps" in text
    assert text.count("- [ ] ") == 2


def test_actions_per_owner_then_per_team_with_due_dates(result: AuditResult) -> None:
    text = render(result, RenderOptions())
    actions = text.split("## Actions\n", 1)[1].split("## Done", 1)[0]
    assert actions.strip().splitlines() == [
        "### Ivo Legal",
        "",
        "- [ ] Is the EULA published? (due 2027-01-10, **overdue**)",
        "- [ ] Is the product name cleared as a trademark? (due 2027-01-15)",
        "",
        "### Marketing (no owner)",
        "",
        "- [ ] Do channel partners have a sales kit? (due 2027-02-09)",
        "- [ ] Is a launch webinar scheduled?",
        "",
        "### Support (no owner)",
        "",
        "- [ ] Is the user community forum open? (due 2027-03-31)",
    ]


def test_nothing_to_do_and_no_waivers() -> None:
    answers = {
        question.id: {"status": "done", "owner": "Al", "evidence": "https://x.example.com"}
        for question in mini_playbook().questions
    }
    text = render(audit(mini_playbook(), make_plan(answers), AS_OF), RenderOptions())
    assert "No gaps: every applicable question is done." in text
    assert "## Actions\n\nNothing to do.\n" in text
    assert "## Waivers\n\nNo waivers.\n" in text
    assert "🟢 **GO**" in text


# -- the hostile plan through GitHub's engine -------------------------------------------------


def _cells(row: str) -> int:
    """Cells in a GFM table row written with outer pipes: the unescaped pipes, less one."""
    pipes, escaped = 0, False
    for char in row:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            pipes += 1
    return pipes - 1


def _tables(markdown: str) -> list[list[str]]:
    tables: list[list[str]] = []
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("|") and number + 1 < len(lines) and lines[number + 1].startswith("|-"):
            rows = [line]
            for following in lines[number + 1 :]:
                if not following.startswith("|"):
                    break
                rows.append(following)
            tables.append(rows)
    return tables


@pytest.fixture
def hostile() -> AuditResult:
    return audit_plan(HOSTILE, AS_OF)


@pytest.mark.parametrize("emoji", [True, False])
def test_hostile_plan_keeps_every_table_row_whole(hostile: AuditResult, emoji: bool) -> None:
    markdown = render(hostile, RenderOptions(emoji=emoji))
    tables = _tables(markdown)
    assert len(tables) == 5  # phases, matrix, gaps now, gaps later, waivers
    for rows in tables:
        header = _cells(rows[0])
        assert [_cells(row) for row in rows] == [header] * len(rows), rows
    # GitHub's engine agrees: as many cells in each body row as headers, none dropped.
    page = to_html(markdown)
    for table in re.findall(r"<table>.*?</table>", page, re.DOTALL):
        header = len(re.findall(r"<th[ >]", table))
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)[1:]:
            assert len(re.findall(r"<td[ >]", row)) == header


def test_hostile_plan_lets_no_html_through(hostile: AuditResult) -> None:
    page = to_html(render(hostile, RenderOptions()))
    parser = Page(page)
    allowed = {
        "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td",
        "ul", "li", "input", "br", "strong", "em", "code", "pre", "a", "hr",
    }  # fmt: skip
    assert set(parser.tags) <= allowed
    for tag, attrs in parser.attributes:
        if tag == "a":
            assert (attrs["href"] or "").startswith(("http://", "https://")), attrs
    # The text is all there, shown as text.
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;iframe src=x&gt;" in page
    assert "javascript:alert(1)" in page
    assert 'href="javascript' not in page


def test_hostile_plan_task_items_become_checkboxes(hostile: AuditResult) -> None:
    markdown = render(hostile, RenderOptions())
    items = [line for line in markdown.splitlines() if line.startswith("- [ ] ")]
    assert len(items) == len(hostile.gaps) == 3
    page = to_html(markdown)
    assert page.count('<li><input type="checkbox" disabled="" /> ') == len(items)
    assert "checked" not in page  # "- [x] already done?" is an owner's name, not a ticked box


def test_the_chart_has_a_bar_and_a_label_per_phase_and_the_threshold_line(
    result: AuditResult,
) -> None:
    markdown = render(result, RenderOptions())
    block = markdown.split("```mermaid\n", 1)[1].split("\n```\n", 1)[0]
    assert block == phase_chart(result)
    lines = block.splitlines()
    assert lines[1] == "xychart-beta"
    labels = json.loads(lines[3].strip().removeprefix("x-axis "))
    scores = [f"{p.score:.1f}" for p in result.phases]
    expected = [f"discover {scores[0]}", f"buy {scores[1]} (gate)", f"use {scores[2]} (later)"]
    assert labels == expected
    bars = ", ".join(f"{p.score or 0:g}" for p in result.phases)
    assert lines[5].strip() == f"bar [{bars}]"
    assert lines[6].strip() == "line [80, 80, 80]"


def test_the_chart_takes_no_text_from_the_plan(hostile: AuditResult) -> None:
    """Only phase ids (slugs, by the playbook schema), numbers and journeycheck's words."""
    block = render(hostile, RenderOptions()).split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert "Acme" not in block and "<" not in block and "`" not in block
    labels = json.loads(block.splitlines()[3].strip().removeprefix("x-axis "))
    assert [label.split(" ")[0] for label in labels] == [p.id for p in hostile.phases]


def test_gap_tables_keep_notes_out_and_mark_what_is_overdue(result: AuditResult) -> None:
    text = render(result, RenderOptions())
    now = text.split("### In the gate scope", 1)[1].split("### Later", 1)[0]
    header = next(line for line in now.splitlines() if line.startswith("| #"))
    assert header == "| # | Question | Why | Owner | Due | Points |"
    rows = [line for line in now.splitlines() if line.startswith("| 1 ")]
    points = f"{result.gaps[0].points:.1f}"
    assert rows == [
        "| 1 | Is the EULA published?<br>`buy.legal.eula` | **blocker**: partial, overdue "
        f"| Ivo Legal | 2027-01-10<br>**overdue** | {points} |"
    ]
    assert "Note:" not in "".join(line for line in now.splitlines() if line.startswith("|"))
    assert "- 2 · `buy.marketing.partner-kit`: evidence: " in now


def test_done_items_are_folded_away_with_their_evidence(result: AuditResult) -> None:
    text = render(result, RenderOptions())
    done = text.split("## Done\n", 1)[1].split("## Waivers", 1)[0]
    summary = "<summary>2 questions are done; what each rests on</summary>"
    assert done.startswith(f"\n<details>\n{summary}")
    assert "| Is the value message written and approved?<br>`discover.marketing.message` " in done
    assert "| Ivo Legal | none given |" in done
    page = to_html(text)
    assert re.search(r"<details>\s*<summary>", page) and "<details open" not in page


def test_sections_spooled_to_disk_give_the_same_portfolio(
    result: AuditResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past a size, plan sections wait in a temporary file; the report does not change."""
    results = [result, result.model_copy(update={"file": "plans/copy.yaml"})]
    in_memory = "".join(render_portfolio(results, RenderOptions()))
    monkeypatch.setattr("journeycheck.render.SPOOL_BYTES", 100)
    assert "".join(render_portfolio(results, RenderOptions())) == in_memory


def test_legend_and_headings_follow_the_threshold_and_the_phases_listed(
    result: AuditResult,
) -> None:

    later_only = result.narrowed(teams=set(), phases={"use"})
    text = render(later_only.model_copy(update={"threshold": 0.0}), RenderOptions())
    assert "### In the gate scope\n" in text
    assert "Marks: 🟢: at or above the threshold (0); —:" in text
    text = render(result.model_copy(update={"threshold": 40.0}), RenderOptions(emoji=False))
    assert "Marks: on track: at or above the threshold (40); behind: below 40; —:" in text


def test_a_team_owner_is_shown_as_inherited_and_gets_the_actions() -> None:
    plan = make_plan({"buy.legal.eula": {"status": "partial"}}, owners={"legal": "Amara Nwosu"})
    text = render(audit(mini_playbook(), plan, dt.date(2027, 1, 15)), RenderOptions())
    assert "| Amara Nwosu (team) |" in text
    assert "### Amara Nwosu\n" in text
    assert "### Legal (no owner)" not in text
