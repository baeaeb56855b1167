"""The audit command's report options: Markdown, --output, and many plans at once."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from journeycheck.commands.audit import progress_console
from journeycheck.render import Format, format_for_path
from journeycheck.render.markdown_text import escape_inline
from tests.helpers import invoke

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "mini-plan.yaml"
ROOT = Path(__file__).resolve().parents[1]
AS_OF = ["--as-of", "2027-01-15"]


def plan_text(product: str, extra: str = "") -> str:
    return (
        f"journeycheck: 1\nproduct: {product}\nplaybook: mini-playbook.yaml\n"
        f"launch: 2027-03-01\n{extra}"
    )


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A folder with two plans, the playbook they share and another tool's YAML file."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder)
    (folder / "alpha.yaml").write_text(plan_text("Alpha"), "utf-8")
    shutil.copy(PLAN, folder / "beta.yaml")
    (folder / "ci.yml").write_text("on: push\njobs: {}\n", "utf-8")
    return folder


# -- formats --------------------------------------------------------------------------


def test_markdown_report() -> None:
    code, out, err = invoke("audit", PLAN, *AS_OF, "--format", "markdown")
    assert code == 0, err
    assert out.startswith("# Acme Ledger — launch readiness\n\n🔴 **NO-GO**")
    assert "```mermaid\n%%{init: " in out and "\nxychart-beta\n" in out
    assert "- [ ] Is the EULA published? (due 2027-01-10, **overdue**)" in out


def test_markdown_lists_every_gap_by_default() -> None:
    _, out, _ = invoke("audit", ROOT / "examples" / "saas-halfway.yaml", *AS_OF, "-f", "markdown")
    data = json.loads(
        invoke("audit", ROOT / "examples" / "saas-halfway.yaml", *AS_OF, "-f", "json")[1]
    )
    assert out.count("- [ ] ") == len(data["gaps"]) == 84


def test_no_emoji_and_no_mermaid() -> None:
    _, out, _ = invoke("audit", PLAN, *AS_OF, "-f", "markdown", "--no-emoji", "--no-mermaid")
    assert "🔴" not in out and "🟢" not in out
    assert "```mermaid" not in out
    assert "**NO-GO**" in out


# -- --output ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("report.md", "# Acme Ledger — launch readiness"),
        ("REPORT.MARKDOWN", "# Acme Ledger — launch readiness"),
        ("report.json", '{\n  "schema": "journeycheck.audit/1"'),
        ("report.txt", "Acme Ledger — launch readiness"),
        ("report", "Acme Ledger — launch readiness"),
    ],
)
def test_output_infers_the_format_from_the_name(tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    code, out, err = invoke("audit", PLAN, *AS_OF, "--output", target)
    assert (code, out, err) == (0, "", "")
    text = target.read_text("utf-8")
    assert text.startswith(start)
    assert "\x1b" not in text


def test_an_explicit_format_wins_over_the_name(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    assert invoke("audit", PLAN, *AS_OF, "-f", "json", "-o", target)[0] == 0
    assert json.loads(target.read_text("utf-8"))["schema"] == "journeycheck.audit/1"


def test_an_unknown_ending_needs_a_format(tmp_path: Path) -> None:
    code, out, err = invoke("audit", PLAN, *AS_OF, "-o", tmp_path / "report.pdf")
    assert (code, out) == (2, "")
    assert "cannot tell the report format from the name 'report.pdf'" in err
    assert list(tmp_path.iterdir()) == []
    assert format_for_path(Path("x.yaml")) is None


def test_a_terminal_report_in_a_file_is_plain_text_at_80_columns(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    invoke("audit", PLAN, *AS_OF, "-o", target)
    lines = target.read_text("utf-8").splitlines()
    assert max(len(line) for line in lines) <= 80
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize("existing", [None, "last week's report\n"])
def test_a_failed_run_leaves_no_new_or_truncated_file(tmp_path: Path, existing: str | None) -> None:
    target = tmp_path / "report.md"
    if existing is not None:
        target.write_text(existing, "utf-8")
    bad = ROOT / "tests" / "cases" / "plans" / "several-problems.yaml"
    code, out, err = invoke("audit", bad, *AS_OF, "-o", target)
    assert (code, out) == (2, "")
    assert err.startswith(f"{bad}:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if existing is None else ["report.md"])
    if existing is not None:
        assert target.read_text("utf-8") == existing


def test_a_failed_gate_still_writes_the_report(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, _, err = invoke("audit", PLAN, *AS_OF, "-o", target, "--fail-on", "no-go")
    assert code == 1
    assert "verdict is no-go" in err
    assert target.exists()


def test_output_may_not_overwrite_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    shutil.copy(PLAN, plan)
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    code, _, err = invoke("audit", plan, *AS_OF, "-f", "markdown", "-o", plan)
    assert code == 2
    assert "that is a plan being audited" in err
    assert plan.read_text("utf-8") == PLAN.read_text("utf-8")


def test_output_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    code, _, err = invoke("audit", PLAN, *AS_OF, "-o", tmp_path / "nope" / "r.md")
    assert code == 2
    assert "does not exist" in err


# -- many plans -------------------------------------------------------------------------


def test_portfolio_terminal_table_first_then_each_report(plans: Path) -> None:
    code, out, err = invoke("audit", plans, *AS_OF)
    assert code == 0, err
    assert out.startswith("Portfolio — 2 plans, as of 2027-01-15\n")
    assert "0 go · 0 at-risk · 2 no-go" in out
    assert out.index("Alpha — launch readiness") < out.index("Acme Ledger — launch readiness")
    assert err.splitlines() == [
        f"{plans / 'ci.yml'}: skipped, not a plan: it cannot be read as a plan and has none of "
        "the keys a plan has",
        f"{plans / 'mini-playbook.yaml'}: skipped, not a plan: it is a playbook",
    ]


def test_summary_prints_only_the_table(plans: Path) -> None:
    _, out, _ = invoke("audit", plans, *AS_OF, "--summary")
    assert "Portfolio — 2 plans" in out
    assert "launch readiness" not in out
    _, out, _ = invoke("audit", plans, *AS_OF, "--summary", "-f", "markdown")
    assert out.startswith("# Launch readiness portfolio\n")
    assert "launch readiness\n" not in out.split("\n", 1)[1]


def test_summary_of_a_single_plan_is_a_one_row_table() -> None:
    _, out, _ = invoke("audit", PLAN, *AS_OF, "--summary")
    assert out.startswith("Portfolio — 1 plan, as of 2027-01-15\n")


def test_summary_is_refused_for_json(plans: Path) -> None:
    code, out, err = invoke("audit", plans, *AS_OF, "--summary", "-f", "json")
    assert (code, out) == (2, "")
    assert "--summary is for the terminal, markdown and html formats" in err


def test_portfolio_markdown_sections_one_level_down(plans: Path) -> None:
    _, out, _ = invoke("audit", plans, *AS_OF, "-f", "markdown")
    headings = [line for line in out.splitlines() if line.startswith(("# ", "## "))]
    assert headings == [
        "# Launch readiness portfolio",
        "## Alpha — launch readiness",
        "## Acme Ledger — launch readiness",
    ]
    # Alpha names no gate, so its gate follows the calendar: discover has questions due.
    alpha = f"{escape_inline(str(plans))}/alpha.yaml"
    assert "| Alpha | 🔴 **NO-GO** | auto → discover | 0.0 | none | 1 | 2 | 45 |" in out
    assert f"- Alpha: {alpha}\n" in out


def test_portfolio_json_names_each_plans_file_in_order(plans: Path) -> None:
    code, out, _ = invoke("audit", plans, PLAN, *AS_OF, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "journeycheck.portfolio/1"
    assert [p["file"] for p in data["plans"]] == [
        str(plans / "alpha.yaml"),
        str(plans / "beta.yaml"),
        str(PLAN),
    ]


def test_a_folder_with_one_plan_still_gives_the_portfolio_form(tmp_path: Path) -> None:
    shutil.copy(PLAN, tmp_path / "only.yaml")
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    data = json.loads(invoke("audit", tmp_path, *AS_OF, "-f", "json")[1])
    assert data["schema"] == "journeycheck.portfolio/1"
    assert len(data["plans"]) == 1


def test_an_invalid_plan_is_reported_and_the_others_audited(plans: Path) -> None:
    (plans / "broken.yaml").write_text(plan_text("Broken", "gate: byu\n"), "utf-8")
    code, out, err = invoke("audit", plans, *AS_OF, "-f", "json")
    assert code == 2
    assert [p["product"] for p in json.loads(out)["plans"]] == ["Alpha", "Acme Ledger"]
    lines = err.splitlines()
    assert lines[0] == (
        f"{plans / 'broken.yaml'}:5:7: gate: unknown phase 'byu' (did you mean 'buy'?); "
        "write auto, or one of the phases discover, buy, use"
    )
    assert lines[-1] == (
        "journeycheck audit: error: 1 of 3 plans could not be audited (problems above)"
    )


@pytest.mark.parametrize("existing", [None, "the portfolio of last week\n"])
def test_an_invalid_plan_means_no_output_file(
    plans: Path, tmp_path: Path, existing: str | None
) -> None:
    (plans / "broken.yaml").write_text("journeycheck: 1\nproduct: [\n", "utf-8")
    target = tmp_path / "portfolio.json"
    if existing is not None:
        target.write_text(existing, "utf-8")
    code, out, err = invoke("audit", plans, *AS_OF, "-o", target)
    assert (code, out) == (2, "")
    assert err.endswith(f"plans could not be audited (problems above); {target} was not written\n")
    assert (target.read_text("utf-8") if target.exists() else None) == existing
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["plans"] + ([] if existing is None else ["portfolio.json"])
    )


def test_an_interrupted_portfolio_leaves_no_output_file(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeycheck import portfolio

    real = portfolio.audit_target
    seen: list[str] = []

    def interrupted(*args: object, **kwargs: object) -> object:
        seen.append("plan")
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(portfolio, "audit_target", interrupted)
    target = tmp_path / "portfolio.json"
    code, _, err = invoke("audit", plans, *AS_OF, "-o", target)
    assert code == 130
    assert "interrupted" in err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_gates_fail_when_any_plan_fails(plans: Path) -> None:
    code, out, err = invoke("audit", plans, *AS_OF, "-f", "json", "--fail-on", "no-go")
    assert code == 1
    assert len(json.loads(out)["plans"]) == 2
    assert err.splitlines()[-2:] == [
        f"journeycheck: {plans / 'alpha.yaml'}: verdict is no-go (--fail-on no-go)",
        f"journeycheck: {plans / 'beta.yaml'}: verdict is no-go (--fail-on no-go)",
    ]
    code, _, err = invoke("audit", plans, *AS_OF, "--summary", "--fail-under", "10")
    assert code == 1
    assert "alpha.yaml: gate score 0.0 is below --fail-under 10" in err
    assert "beta.yaml" not in err


def test_nothing_but_skipped_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("on: push\n", "utf-8")
    code, _, err = invoke("audit", tmp_path, *AS_OF)
    assert code == 2
    assert "no plans to audit: all 1 YAML files found were skipped" in err


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    code, out, err = invoke("audit", tmp_path, *AS_OF)
    assert (code, out) == (2, "")
    assert err == f"{tmp_path}: folder has no *.yaml or *.yml file directly in it\n"


def test_an_empty_folder_beside_plans_fails_the_run_but_not_the_others(
    plans: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = invoke("audit", plans, empty, *AS_OF)
    assert code == 2
    assert "Alpha — launch readiness" in out
    assert f"{empty}: folder has no *.yaml or *.yml file directly in it" in err


def test_progress_bar_only_for_more_than_a_handful_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Stream:
        def __init__(self, tty: bool) -> None:
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    monkeypatch.setattr(sys, "stderr", Stream(True))
    monkeypatch.setattr(sys, "stdout", Stream(False))
    assert progress_console(5, Format.JSON, None) is None
    assert progress_console(6, Format.JSON, None) is not None
    monkeypatch.setattr(sys, "stdout", Stream(True))
    # JSON streaming to the same terminal would tear the bar apart.
    assert progress_console(6, Format.JSON, None) is None
    assert progress_console(6, Format.JSON, Path("out.json")) is not None
    assert progress_console(6, Format.TERMINAL, None) is not None
    monkeypatch.setattr(sys, "stderr", Stream(False))
    assert progress_console(600, Format.TERMINAL, None) is None


def test_long_shows_each_gap_in_full_and_the_default_does_not() -> None:
    plan = ROOT / "examples" / "saas-halfway.yaml"
    _, short, _ = invoke("audit", plan, *AS_OF, "--top", "1")
    _, long, _ = invoke("audit", plan, *AS_OF, "--top", "1", "--long")
    _, report, _ = invoke("audit", plan, *AS_OF, "--format", "json")
    first = json.loads(report)["gaps"][0]
    ask = " ".join(first["ask"].split())
    assert ask not in " ".join(short.split())
    assert ask in " ".join(long.split())
    assert first["question"] in short and first["question"] in long


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("verdict", ["device-channels-early", "saas-halfway", "ready-for-gate"]),
        ("score", ["device-channels-early", "saas-halfway", "ready-for-gate"]),
        ("name", ["device-channels-early", "ready-for-gate", "saas-halfway"]),
        ("launch", ["ready-for-gate", "saas-halfway", "device-channels-early"]),
    ],
)
def test_sort_orders_the_portfolio_table(sort: str, order: list[str]) -> None:
    args: list[str | Path] = ["audit", ROOT / "examples", *AS_OF, "--summary", "--sort", sort]
    code, out, err = invoke(*args, "-f", "markdown")
    assert code == 0, err
    assert [Path(word).stem for word in re.findall(r"\S+\.yaml", out)] == order
    _, terminal, _ = invoke(*args)
    assert [Path(word).stem for word in re.findall(r"\S+\.yaml", terminal)] == order


def test_sort_offers_exactly_the_orders_the_view_knows() -> None:
    from journeycheck.commands.audit import SortBy
    from journeycheck.render import view

    assert [choice.value for choice in SortBy] == list(view.SORTS)


def test_every_format_shows_each_gaps_customer_risk() -> None:
    from journeycheck.playbooks import PlaybookCache

    plan = ROOT / "examples" / "saas-halfway.yaml"
    risks = {q.id: q.risk for q in PlaybookCache().get("customer-journey", ROOT).questions}
    _, report, _ = invoke("audit", plan, *AS_OF, "--format", "json")
    gaps = json.loads(report)["gaps"]
    assert gaps and all(gap["risk"] == risks[gap["question"]] for gap in gaps)
    first = gaps[0]
    _, long, _ = invoke("audit", plan, *AS_OF, "--top", "1", "--long")
    _, short, _ = invoke("audit", plan, *AS_OF, "--top", "1")
    words = " ".join(f"Customer risk: {first['risk']}".split())
    assert words in " ".join(long.split())
    assert "Customer risk:" not in short
    _, markdown, _ = invoke("audit", plan, *AS_OF, "--format", "markdown")
    for number, gap in enumerate(gaps, start=1):
        assert f"- {number} · `{gap['question']}`: {escape_inline(gap['risk'])}\n" in markdown
    _, page, _ = invoke("audit", plan, *AS_OF, "--format", "html")
    assert page.count('<span class="risk">Customer risk: ') >= len(gaps)


def test_waivers_show_the_risk_accepted() -> None:
    plan = ROOT / "examples" / "ready-for-gate.yaml"
    _, report, _ = invoke("audit", plan, *AS_OF, "--format", "json")
    (waived,) = json.loads(report)["waived"]
    assert waived["risk_accepted"].startswith("Customers of partners hear less")
    for fmt in ("terminal", "markdown", "html"):
        _, out, _ = invoke("audit", plan, *AS_OF, "--format", fmt)
        assert "Customers of partners hear less" in " ".join(out.split()), fmt
