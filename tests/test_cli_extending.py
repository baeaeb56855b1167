"""Company playbooks through the command line: check, show --resolved, diff, init, audit.

The chain is tests/fixtures/company (see tests/test_extending.py):
acme-emea 1.2 ← acme-launch 3 ← mini 0.1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, GOLDEN, invoke

COMPANY = FIXTURES / "company"
LINEAGE = "acme-emea 1.2 ← acme-launch 3 ← mini 0.1"

PLAN = """\
journeycheck: 1
product: Ledgerline EMEA
playbook: playbooks/company/acme-emea.yaml
playbook_version: "{version}"
launch: 2027-03-01
gate: buy
answers:
  discover.marketing.message: {{status: done, owner: Maria}}
  discover.legal.trademark: {{status: done, owner: Ivo, evidence: https://wiki.example.com/tm}}
  discover.security.review: {{status: partial, owner: Dana}}
  buy.legal.eula: {{status: done, owner: Ivo, evidence: https://wiki.example.com/terms}}
  buy.regional-legal.gdpr: {{status: not-started, owner: Lena}}
  use.support.sla: {{status: done, owner: Sam}}
  use.support.community: {{status: n/a, note: No forum in the first release.}}
"""


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the chain under playbooks/ (the mini playbook beside company/)."""
    playbooks = tmp_path / "playbooks"
    shutil.copytree(COMPANY, playbooks / "company")
    shutil.copy(FIXTURES / "mini-playbook.yaml", playbooks / "mini-playbook.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def plan(workspace: Path, version: str = "1.2", name: str = "launch-plan.yaml") -> Path:
    path = workspace / name
    path.write_text(PLAN.format(version=version), "utf-8")
    return path


# -- playbook check, show, diff ------------------------------------------------------------


def test_check_resolves_the_chain(workspace: Path) -> None:
    code, out, err = invoke(
        "playbook",
        "check",
        "playbooks/company/acme-emea.yaml",
        "playbooks/company/acme-launch.yaml",
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "playbooks/company/acme-emea.yaml: ok (acme-emea 1.2, 8 questions)",
        "playbooks/company/acme-launch.yaml: ok (acme-launch 3, 8 questions)",
    ]


def test_check_reports_a_problem_in_the_file_that_wrote_it(workspace: Path) -> None:
    base = workspace / "playbooks" / "company" / "acme-launch.yaml"
    base.write_text(
        base.read_text("utf-8").replace("severity: blocker, due: -60", "severity: high")
    )
    code, out, err = invoke("playbook", "check", "playbooks/company/acme-emea.yaml")
    assert (code, out) == (2, "")
    assert err == (
        "playbooks/company/acme-launch.yaml:30:40: severity: 'high' is not one of blocker, "
        "major, minor\n"
    )


def test_show_resolved_prints_a_playbook_that_check_accepts(workspace: Path) -> None:
    code, out, err = invoke("playbook", "show", "playbooks/company/acme-emea.yaml", "--resolved")
    assert (code, err) == (0, "")
    assert out == (GOLDEN / "resolved-acme-emea.yaml").read_text("utf-8")
    (workspace / "resolved.yaml").write_text(out, "utf-8")
    code, out, err = invoke("playbook", "check", "resolved.yaml")
    assert (code, out, err) == (0, "resolved.yaml: ok (acme-emea 1.2, 8 questions)\n", "")


@pytest.mark.parametrize(
    "extra", [["--format", "json"], ["--phase", "buy"], ["--team", "legal"], ["--trait", "x=1"]]
)
def test_show_resolved_refuses_the_checklist_options(workspace: Path, extra: list[str]) -> None:
    code, out, err = invoke(
        "playbook", "show", "playbooks/company/acme-emea.yaml", "--resolved", *extra
    )
    assert (code, out) == (2, "")
    assert "Invalid value for --resolved: --resolved prints the whole playbook" in err


def test_show_names_the_chain(workspace: Path) -> None:
    code, out, _ = invoke("playbook", "show", "playbooks/company/acme-emea.yaml")
    assert code == 0
    assert out.splitlines()[1] == f"Playbook {LINEAGE} · 8 questions"
    code, out, _ = invoke("playbook", "show", "playbooks/company/acme-emea.yaml", "-f", "json")
    assert [item["id"] for item in json.loads(out)["playbook"]["extends"]] == [
        "acme-launch",
        "mini",
    ]


@pytest.mark.parametrize(
    ("fmt", "golden"), [("terminal", "txt"), ("markdown", "md"), ("json", "json")]
)
def test_diff_of_a_company_playbook_and_its_root(workspace: Path, fmt: str, golden: str) -> None:
    code, out, err = invoke(
        "playbook", "diff", "playbooks/mini-playbook.yaml", "playbooks/company/acme-emea.yaml",
        "--format", fmt,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == (GOLDEN / f"diff-mini-acme-emea.{golden}").read_text("utf-8")


def test_diff_of_a_missing_playbook_is_a_usage_error(workspace: Path) -> None:
    code, out, err = invoke("playbook", "diff", "customer-journey", "playbooks/nope.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("journeycheck playbook diff: error: playbook file 'playbooks/nope.yaml'")


# -- a plan against the company playbook ------------------------------------------------


def test_audit_scores_against_the_chain_and_names_it(workspace: Path) -> None:
    path = plan(workspace)
    code, out, err = invoke("audit", path, "--as-of", "2027-01-15", "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["playbook"] == {
        "id": "acme-emea",
        "version": "1.2",
        "title": "Acme EMEA launch playbook",
        "extends": [
            {"id": "acme-launch", "version": "3", "title": "Acme launch playbook"},
            {"id": "mini", "version": "0.1", "title": "Mini launch playbook"},
        ],
    }
    # As computed by hand in tests/test_extending.py, old ids (eula, community) included.
    assert (report["verdict"], report["score"], report["total_score"]) == ("no-go", 70.0, 76.3)
    code, out, _ = invoke("audit", path, "--as-of", "2027-01-15")
    assert code == 0
    assert f"Playbook       {LINEAGE}" in out
    code, out, _ = invoke("audit", path, "--as-of", "2027-01-15", "--format", "markdown")
    assert f"· playbook {LINEAGE} ·" in out


def test_validate_and_audit_say_when_the_playbook_is_newer(workspace: Path) -> None:
    plan(workspace, version="1.1")
    notice = (
        "launch-plan.yaml: written against playbook acme-emea 1.1; the playbook is now at "
        "version 1.2: run 'journeycheck upgrade launch-plan.yaml' to add its new questions\n"
    )
    assert invoke("validate", "launch-plan.yaml") == (0, "launch-plan.yaml: ok\n", notice)
    code, out, err = invoke("audit", "launch-plan.yaml", "--as-of", "2027-01-15", "-f", "json")
    assert (code, err) == (0, notice)
    assert json.loads(out)["score"] == 70.0  # the notice changes nothing else
    plan(workspace, version="1.1", name="other.journey.yaml")
    code, _, err = invoke("audit", ".", "--as-of", "2027-01-15", "--summary")
    assert code == 0
    assert err.count("the playbook is now at version 1.2") == 2


def test_no_notice_when_the_versions_agree_or_none_is_recorded(workspace: Path) -> None:
    plan(workspace, version="1.2")
    assert invoke("validate", "launch-plan.yaml") == (0, "launch-plan.yaml: ok\n", "")
    path = workspace / "launch-plan.yaml"
    path.write_text(path.read_text("utf-8").replace('playbook_version: "1.2"\n', ""), "utf-8")
    assert invoke("validate", "launch-plan.yaml") == (0, "launch-plan.yaml: ok\n", "")


def test_a_plan_answering_both_ids_is_refused_where_it_says_so(workspace: Path) -> None:
    path = plan(workspace)
    path.write_text(
        path.read_text("utf-8") + "  buy.legal.customer-terms: {status: partial}\n", "utf-8"
    )
    code, _, err = invoke("validate", "launch-plan.yaml")
    assert code == 2
    assert err.startswith("launch-plan.yaml:11:3: 'buy.legal.eula' was renamed to ")


# -- init from a company playbook ------------------------------------------------------------


def test_init_scaffolds_from_the_resolved_playbook(workspace: Path) -> None:
    code, out, err = invoke(
        "init", "--playbook", "playbooks/company/acme-emea.yaml", "--product", "Ledgerline",
        "--launch", "2027-03-01", "--no-input",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("Wrote launch-plan.yaml: 7 questions apply")
    text = (workspace / "launch-plan.yaml").read_text("utf-8")
    assert f'against the playbook "Acme EMEA launch playbook" ({LINEAGE}).' in text.replace(
        "\n# ", " "
    )
    assert "playbook: playbooks/company/acme-emea.yaml\n" in text
    assert 'playbook_version: "1.2"\n' in text
    for added in ("discover.security.review:", "buy.regional-legal.gdpr:", "use.support.forum:"):
        assert f"\n  {added}\n" in text
    for gone in ("discover.marketing.webinar", "buy.manufacturing.forecast", "buy.legal.eula"):
        assert gone not in text
    schema = json.loads((workspace / ".journeycheck" / "acme-emea.plan.schema.json").read_text())
    answers = schema["properties"]["answers"]["properties"]
    assert list(answers) == [
        "discover.marketing.message",
        "discover.legal.trademark",
        "buy.legal.customer-terms",
        "use.support.sla",
        "use.support.forum",
        "discover.security.review",
        "buy.legal.export",
        "buy.regional-legal.gdpr",
        "buy.legal.eula",  # old ids still count, and say where they belong now
        "use.support.community",
    ]
    assert invoke("validate", "launch-plan.yaml").code == 0


def test_output_over_a_base_of_the_chain_is_refused(workspace: Path) -> None:
    path = plan(workspace)
    base = workspace / "playbooks" / "mini-playbook.yaml"
    before = base.read_bytes()
    code, out, err = invoke("audit", path, "--as-of", "2027-01-15", "-f", "json", "-o", base)
    assert (code, out) == (2, "")
    assert "that is the playbook of the plan; choose another file" in err
    assert base.read_bytes() == before


def test_the_example_company_playbook_extends_the_built_in_one() -> None:
    example = Path(__file__).resolve().parents[1] / "examples" / "playbooks" / "acme-launch.yaml"
    code, out, err = invoke("playbook", "check", example)
    assert (code, err) == (0, "")
    assert out == f"{example}: ok (acme-launch 1, 132 questions)\n"  # 132 + 2 added - 2 removed
    code, out, _ = invoke("playbook", "diff", "customer-journey", example)
    assert code == 0
    assert "Questions: 2 added, 2 removed, 0 renamed, 4 changed" in out


def test_the_html_page_names_the_chain(workspace: Path) -> None:
    path = plan(workspace)
    code, out, _ = invoke("audit", path, "--as-of", "2027-01-15", "--format", "html")
    assert code == 0
    assert out.count(f"<bdi>{LINEAGE}</bdi>") == 2  # the facts line and the footer
