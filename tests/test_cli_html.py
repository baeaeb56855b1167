"""The audit command's HTML report: chosen by --format or by the --output name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import invoke

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "mini-plan.yaml"
ROOT = Path(__file__).resolve().parents[1]
AS_OF = ["--as-of", "2027-01-15"]


def test_format_html_writes_the_page_to_standard_output() -> None:
    code, out, err = invoke("audit", PLAN, *AS_OF, "--format", "html")
    assert (code, err) == (0, "")
    assert out.startswith("<!DOCTYPE html>\n")
    assert "<title>Acme Ledger — launch readiness</title>" in out
    assert out.count('<svg class="map"') == 1


@pytest.mark.parametrize("name", ["report.html", "REPORT.HTM"])
def test_an_html_name_picks_the_html_report(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, out, err = invoke("audit", PLAN, *AS_OF, "-o", target)
    assert (code, out, err) == (0, "", "")
    assert target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_a_portfolio_page_has_a_section_per_plan(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder)
    shutil.copy(PLAN, folder / "alpha.yaml")
    shutil.copy(PLAN, folder / "beta.yaml")
    code, out, err = invoke("audit", folder, *AS_OF, "-f", "html")
    assert code == 0, err
    assert out.count('<article class="plan"') == 2
    assert out.endswith("</main>\n</body>\n</html>\n")
    code, summary, _ = invoke("audit", folder, *AS_OF, "-f", "html", "--summary")
    assert code == 0
    assert "<article" not in summary and summary.count("<tr>") == 3  # a header and two plans


def test_narrowing_and_top_apply_to_the_page() -> None:
    code, out, _ = invoke("audit", PLAN, *AS_OF, "-f", "html", "--phase", "buy", "--top", "1")
    assert code == 0
    assert 'data-phase="discover"' not in out and 'data-phase="buy"' in out
    assert "Only the most urgent of" in out


def test_a_failed_run_writes_no_page(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    bad = ROOT / "tests" / "cases" / "plans" / "several-problems.yaml"
    code, out, _ = invoke("audit", bad, *AS_OF, "-o", target)
    assert (code, out) == (2, "")
    assert not target.exists()
