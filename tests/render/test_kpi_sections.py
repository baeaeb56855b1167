"""The KPI and lighthouse-account parts of every report: golden output and plan text kept
as text (never Rich markup, Markdown or HTML)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from journeycheck.compare import since, snapshot
from journeycheck.render import RenderOptions, json_report, markdown, terminal
from journeycheck.render import html as html_report
from journeycheck.result import AuditResult
from journeycheck.score import audit
from tests.helpers import assert_golden, make_plan, mini_playbook

AS_OF = dt.date(2027, 1, 15)
ANSWERS = {
    "discover.marketing.message": {"status": "done", "owner": "Maria Petrova"},
    "buy.legal.eula": {"status": "partial", "owner": "Ivo Legal"},
    "buy.marketing.partner-kit": {"status": "blocked"},
}
ACCOUNTS = [
    {
        "name": "Globex [bold]Corp[/bold] | EU",
        "stage": "buy",
        "next_step": "Walk <script>procurement</script> through the EULA",
        "due": "2027-01-14",
        "blocked_by": ["buy.legal.eula", "discover.marketing.message"],
    },
    {"name": "Initech", "stage": "discover", "due": "2027-02-01", "blocked_by": []},
]


def _result(actual: float, *, with_since: bool = False) -> AuditResult:
    kpis = {
        "time-to-close": {
            "baseline": 45,
            "target": 30,
            "actual": actual,
            "measured": "2027-01-10",
            "note": "CRM | closed-won *median*",
        }
    }
    playbook = mini_playbook()
    plan = make_plan(ANSWERS, kpis=kpis, accounts=ACCOUNTS, gate="buy")
    result = audit(playbook, plan, AS_OF).model_copy(update={"file": "plans/acme.yaml"})
    if not with_since:
        return result
    old_plan = make_plan(ANSWERS, kpis={"time-to-close": {"actual": 41.5}}, gate="buy")
    old = snapshot(playbook, old_plan, audit(playbook, old_plan, dt.date(2027, 1, 1)), "HEAD~1")
    new = snapshot(playbook, plan, result, "plans/acme.yaml")
    return result.model_copy(update={"since": since(old, new)})


@pytest.fixture
def result() -> AuditResult:
    return _result(38.5, with_since=True)


def test_golden_terminal_kpis_and_accounts(result: AuditResult) -> None:
    text = terminal.render(result, RenderOptions(width=80))
    part = text[text.index("\nKPIs\n") :]
    assert_golden("terminal-kpis-80.txt", part)
    assert "[bold]Corp[/bold]" in text  # markup in a name is printed as written


def test_golden_markdown_kpis_and_accounts(result: AuditResult) -> None:
    text = markdown.render(result, RenderOptions())
    assert_golden("markdown-kpis.md", text[text.index("## KPIs") : text.index("\n---\n")])
    assert "Globex \\[bold\\]Corp\\[/bold\\] \\| EU" in text
    assert "<script>" not in text


def test_json_kpis_and_accounts(result: AuditResult) -> None:
    data = json.loads(json_report.render(result, RenderOptions()))
    (kpi,) = data["kpis"]
    assert kpi == {
        "id": "time-to-close",
        "title": "Time to close",
        "unit": "days",
        "better": "lower",
        "phase": "buy",
        "in_gate": True,
        "baseline": 45.0,
        "target": 30.0,
        "actual": 38.5,
        "measured": "2027-01-10",
        "age_days": 5,
        "note": "CRM | closed-won *median*",
        "status": "off-target",
        "reasons": ["off-target"],
    }
    assert data["why"]["off_target_kpis"] == ["time-to-close"]
    assert data["since"]["kpis"] == [
        {"kpi": "time-to-close", "old": 41.5, "new": 38.5, "delta": -3.0, "improved": True}
    ]
    globex = data["accounts"][0]
    assert (globex["overdue"], globex["open_gaps"]) == (True, ["buy.legal.eula"])
    blocks = {gap["question"]: gap["blocks"] for gap in data["gaps"]}
    assert blocks["buy.legal.eula"] == ["Globex [bold]Corp[/bold] | EU"]


def test_html_escapes_plan_text_in_both_sections(result: AuditResult) -> None:
    page = html_report.render(result, RenderOptions())
    assert "&lt;script&gt;procurement&lt;/script&gt;" in page and "<script>" not in page
    assert 'id="plan-kpis"' in page and '<a href="#plan-kpis">KPIs</a>' in page
    assert '<a href="#plan-accounts">Lighthouse accounts</a>' in page
    assert "KPIs (1)" in page and "Lighthouse accounts (2)" in page
    assert "blocks Globex [bold]Corp[/bold] | EU" in page
    assert "41.5 → 38.5, better" in page


def test_a_report_without_kpis_in_the_playbook_has_no_kpi_section() -> None:
    playbook = mini_playbook().model_copy(update={"kpis": []})
    result = audit(playbook, make_plan({}), AS_OF)
    assert "KPIs" not in terminal.render(result, RenderOptions(width=80))
    assert "## KPIs" not in markdown.render(result, RenderOptions())
    assert "Lighthouse accounts" not in markdown.render(result, RenderOptions())


def test_diff_lists_the_kpi_actuals_that_changed() -> None:
    from journeycheck.compare import compare
    from journeycheck.render import diff_markdown, diff_terminal

    playbook = mini_playbook()
    old_plan = make_plan(ANSWERS, kpis={"time-to-close": {"actual": 41.5}}, gate="buy")
    new_plan = make_plan(ANSWERS, kpis={"time-to-close": {"actual": 38.5}}, gate="buy")
    old = snapshot(playbook, old_plan, audit(playbook, old_plan, AS_OF), "HEAD~1:plan.yaml")
    new = snapshot(playbook, new_plan, audit(playbook, new_plan, AS_OF), "plan.yaml")
    diff = compare(old, new)
    text = diff_terminal.render(diff, RenderOptions(width=80))
    assert text.endswith("KPI actuals that changed\ntime-to-close  41.5 → 38.5, better\n")
    page = diff_markdown.render(diff, RenderOptions())
    assert page.endswith("## KPI actuals that changed\n\n- `time-to-close`: 41.5 → 38.5, better\n")
    unchanged = diff_terminal.render(compare(old, old), RenderOptions(width=80))
    assert "KPI actuals" not in unchanged


def test_the_terminal_lists_kpis_with_nothing_recorded_or_needed_on_one_line() -> None:
    result = audit(mini_playbook(), make_plan({}, gate="discover"), AS_OF)
    text = terminal.render(result, RenderOptions(width=80))
    assert "\nKPIs\n Not recorded, and not needed yet: time-to-close.\n" in text
    assert "time-to-close ·" not in text


def test_narrowing_keeps_the_kpis_and_accounts_and_their_verdict_sentence(
    result: AuditResult,
) -> None:
    narrowed = result.narrowed(teams={"support"}, phases={"use"})
    assert narrowed.kpis == result.kpis and narrowed.accounts == result.accounts
    text = terminal.render(narrowed, RenderOptions(width=80))
    assert "1 KPI of the gate is off target: time-to-close." in text


def test_the_agenda_opens_with_the_accounts_due_within_its_days() -> None:
    from journeycheck.compare import agenda
    from journeycheck.render import agenda_markdown, agenda_terminal

    playbook = mini_playbook()
    plan = make_plan(ANSWERS, accounts=ACCOUNTS, gate="buy")
    current = snapshot(playbook, plan, audit(playbook, plan, AS_OF), "plan.yaml")
    week = agenda(current, 7)
    assert [account.name for account in week.accounts] == ["Globex [bold]Corp[/bold] | EU"]
    assert [a.name for a in agenda(current, 17).accounts] == [a["name"] for a in ACCOUNTS]
    text = agenda_terminal.render(week, RenderOptions(width=100))
    lines = text.splitlines()
    assert lines[3:6] == [
        "Lighthouse accounts: next steps due within 7 days, or late",
        "   • Globex [bold]Corp[/bold] | EU (buy), due 2027-01-14, overdue: Walk "
        "<script>procurement</script>",
        "     through the EULA",
    ]
    assert lines[6] == "     blocked by: buy.legal.eula"
    page = agenda_markdown.render(week, RenderOptions())
    assert "\n## Lighthouse accounts: next steps due within 7 days, or late\n\n- [ ] " in page
    assert "&lt;script&gt;" in page and "`buy.legal.eula`" in page


@pytest.mark.parametrize("actual", [1.0e30, -1.7976931348623157e308, 5e-324])
def test_a_kpi_of_any_size_is_written_out_in_every_report(actual: float) -> None:
    """Babel rounds in a decimal context of 28 digits; a KPI of 1.0e+30 used to stop
    every report but JSON with an internal error."""
    result = _result(actual, with_since=True)
    options = RenderOptions()
    assert "time-to-close" in terminal.render(result, options)
    assert "time-to-close" in markdown.render(result, options)
    assert "time-to-close" in html_report.render(result, options)
    assert "1,000,000,000,000,000,000,000,000,000,000" in terminal.render(_result(1.0e30), options)
