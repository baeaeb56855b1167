"""``journeycheck tickets`` and ``audit --format sarif`` from the command line."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from journeycheck.commands.tickets import FORMS, Tracker, text_for
from journeycheck.render.jira_csv import HEADER, ID_COLUMN, KEY_COLUMN
from tests.helpers import invoke
from tests.render.tickets_cases import MINI, ROOT, at_root, tickets

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "mini-plan.yaml"
AS_OF = ["--as-of", "2027-01-15"]
EXPORTS = Path(__file__).parent / "cases" / "jira-exports"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_form_is_reachable_from_the_command_line() -> None:
    assert {tracker for tracker, _ in FORMS} == set(Tracker)
    assert (Tracker.GITHUB, True) in FORMS and (Tracker.JIRA, True) not in FORMS


@pytest.mark.parametrize(
    ("flags", "golden"),
    [
        (["--to", "jira"], "tickets-mini.jira.csv"),
        (["--to", "github"], "tickets-mini.github.jsonl"),
        (["--to", "github", "--script"], "tickets-mini.github.sh"),
    ],
)
def test_the_command_writes_what_the_formats_do(
    flags: list[str], golden: str, tmp_path: Path
) -> None:
    # The goldens list every gap; the command's default is the gate scope.
    target = tmp_path / "out"
    every_team = ["--team", "legal", "--team", "marketing", "--team", "support"]
    with at_root():
        ran = invoke("tickets", MINI, *AS_OF, *flags, *every_team, "-o", target)
    assert (ran.code, ran.out, ran.err) == (0, "", "")
    assert target.read_bytes() == (ROOT / "tests" / "golden" / golden).read_bytes()


def test_the_default_is_the_gate_scope_and_flags_choose() -> None:
    gate = rows(invoke("tickets", PLAN, *AS_OF, "--to", "jira").out)
    ids = [row[HEADER.index(ID_COLUMN)].rsplit(":", 1)[1] for row in gate[1:]]
    assert ids == [
        "buy.legal.eula",
        "buy.marketing.partner-kit",
        "discover.legal.trademark",
        "discover.marketing.webinar",
    ]
    support = rows(invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--team", "support").out)
    assert [row[HEADER.index(ID_COLUMN)].rsplit(":", 1)[1] for row in support[1:]] == [
        "use.support.sla"
    ]
    gated = rows(
        invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--team", "support", "--gate-only").out
    )
    assert gated[1:] == []
    blockers = rows(invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--severity", "blocker").out)
    assert {row[HEADER.index("Priority")] for row in blockers[1:]} == {"Highest"}
    assert len(blockers) == 3  # buy.legal.eula and, after the gate, use.support.sla
    later = rows(invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--gate", "use").out)
    assert len(later) == len(gate) + 1


def test_the_output_file_is_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    ran = invoke("tickets", PLAN, *AS_OF, "--to", "jira", "-o", target)
    assert ran.code == 0 and ran.out == ""
    assert target.read_bytes().startswith(b"Summary,Issue Type,")
    assert [p.name for p in tmp_path.iterdir()] == ["gaps.csv"]


def test_issue_keys_from_a_jira_export(tmp_path: Path) -> None:
    ran = invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--jira-export", EXPORTS / "export.csv")
    assert ran.code == 0, ran.err
    table = rows(ran.out)
    assert table[0] == [*HEADER, KEY_COLUMN]
    keys = {row[HEADER.index(ID_COLUMN)]: row[-1] for row in table[1:]}
    assert keys["journeycheck:acme-ledger:buy.legal.eula"] == "ACME-7"
    assert keys["journeycheck:acme-ledger:buy.marketing.partner-kit"] == "ACME-8"
    assert keys["journeycheck:acme-ledger:discover.marketing.webinar"] == ""


def test_a_bad_jira_export_is_located_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "gaps.csv"
    target.write_text("before", "utf-8")
    bad = EXPORTS / "one-gap-in-two-issues.csv"
    ran = invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--jira-export", bad, "-o", target)
    assert ran.code == 2
    assert ran.err.startswith(f"{bad}:3:3: journeycheck:acme:a.b.c is also in issue ACME-1")
    assert target.read_text("utf-8") == "before"


@pytest.mark.parametrize(
    ("flags", "flag", "words"),
    [
        (["--to", "jira", "--script"], "--script", "give it with --to github"),
        (
            ["--to", "github", "--jira-export", str(EXPORTS / "export.csv")],
            "--jira-export",
            "give it with --to jira",
        ),
        (["--to", "jira", "--as-of", "2027-13-01"], "--as-of", "not a real date"),
        (["--to", "gitlab"], "--to", "'gitlab' is not one of"),
        (["--to", "jira", "--severity", "huge"], "--severity", "'huge' is not one of"),
    ],
)
def test_flags_are_refused_before_the_plan_is_read(
    flags: list[str], flag: str, words: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no-plan.yaml"
    ran = invoke("tickets", missing, *flags)
    assert ran.code == 2
    assert flag in ran.err and words in ran.err
    assert "no such file" not in ran.err


def test_an_unknown_team_is_refused_with_a_suggestion() -> None:
    ran = invoke("tickets", PLAN, *AS_OF, "--to", "jira", "--team", "legl")
    assert ran.code == 2
    assert "legl" in ran.err and "legal" in ran.err


def test_an_invalid_plan_is_located(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("journeycheck: 1\nproduct: P\nplaybook: customer-journey\n", "utf-8")
    target = tmp_path / "gaps.jsonl"
    ran = invoke("tickets", plan, "--to", "github", "-o", target)
    assert ran.code == 2
    assert ran.err.startswith(f"{plan}:")
    assert not target.exists()


@pytest.mark.parametrize("which", ["plan", "playbook", "export"])
def test_the_output_never_replaces_an_input(tmp_path: Path, which: str) -> None:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    plan = tmp_path / "plan.yaml"
    shutil.copy(PLAN, plan)
    export = tmp_path / "export.csv"
    shutil.copy(EXPORTS / "export.csv", export)
    target = {"plan": plan, "playbook": tmp_path / "mini-playbook.yaml", "export": export}[which]
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    ran = invoke("tickets", plan, *AS_OF, "--to", "jira", "--jira-export", export, "-o", target)
    assert ran.code == 2
    assert "choose another file" in ran.err
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_text_for_each_tracker() -> None:
    exported = tickets(MINI)
    assert text_for(exported, Tracker.JIRA).startswith("Summary,")
    assert text_for(exported, Tracker.GITHUB).startswith('{"key": ')
    assert text_for(exported, Tracker.GITHUB, script=True).startswith("#!/bin/sh\n")


# -- audit --format sarif ------------------------------------------------------------


def test_audit_writes_sarif_by_format_or_by_name(tmp_path: Path) -> None:
    with at_root():
        by_format = invoke("audit", MINI, *AS_OF, "--format", "sarif")
    assert by_format.code == 0, by_format.err
    assert by_format.out == (ROOT / "tests" / "golden" / "audit-mini.sarif").read_text("utf-8")
    target = tmp_path / "gaps.sarif"
    by_name = invoke("audit", PLAN, *AS_OF, "-o", target)
    assert by_name.code == 0, by_name.err
    log = json.loads(target.read_text("utf-8"))
    assert log["version"] == "2.1.0"
    assert len(log["runs"][0]["results"]) == 5


def test_audit_sarif_follows_team_phase_and_top() -> None:
    def results(*flags: str) -> list[str]:
        ran = invoke("audit", PLAN, *AS_OF, "--format", "sarif", *flags)
        assert ran.code == 0, ran.err
        return [r["ruleId"] for r in json.loads(ran.out)["runs"][0]["results"]]

    assert results("--team", "legal") == ["buy.legal.eula", "discover.legal.trademark"]
    assert results("--phase", "use") == ["use.support.sla"]
    assert results("--top", "2") == ["buy.legal.eula", "buy.marketing.partner-kit"]


def test_audit_sarif_of_a_portfolio_is_one_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Worker processes from two plans on, so that the places of the gaps cross to them and back.
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder)
    shutil.copy(PLAN, folder / "a.yaml")
    shutil.copy(PLAN, folder / "b.yaml")
    (folder / "b.yaml").write_text(
        (folder / "b.yaml").read_text("utf-8").replace("Acme Ledger", "Acme Books"), "utf-8"
    )
    logs = []
    for jobs in ("1", "2"):
        ran = invoke("audit", folder, *AS_OF, "--format", "sarif", "--jobs", jobs)
        assert ran.code == 0, ran.err
        logs.append(ran.out)
        run = json.loads(ran.out)["runs"][0]
        files = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
        }
        assert {Path(f).name for f in files} == {"a.yaml", "b.yaml"}
        assert len(run["results"]) == 10
        assert len(run["tool"]["driver"]["rules"]) == 5
        prints = {r["partialFingerprints"]["journeycheckGap/v1"] for r in run["results"]}
        assert len(prints) == 10
    assert logs[0] == logs[1]  # in worker processes or not, the same bytes


def test_sarif_and_summary_do_not_mix() -> None:
    ran = invoke("audit", PLAN, *AS_OF, "--format", "sarif", "--summary")
    assert ran.code == 2
    assert "--summary is for the terminal, markdown and html formats" in ran.err


def test_an_invalid_plan_writes_no_sarif(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("journeycheck: 1\nproduct: P\n", "utf-8")
    target = tmp_path / "gaps.sarif"
    ran = invoke("audit", plan, "-o", target)
    assert ran.code == 2
    assert not target.exists()


# -- the docs -------------------------------------------------------------------------


def test_the_ci_doc_uploads_the_sarif_log() -> None:
    import re

    import yaml

    ci = (ROOT / "docs" / "ci.md").read_text("utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", ci, re.M | re.S)
    (workflow,) = [yaml.safe_load(b) for b in blocks if "upload-sarif" in b]
    job = workflow["jobs"]["sarif"]
    assert job["permissions"]["security-events"] == "write"
    steps = {step.get("name"): step for step in job["steps"]}
    audit = steps["Audit the plans as SARIF"]["run"]
    assert "journeycheck audit plans/ --format sarif --output journeycheck.sarif" in audit
    upload = steps["Upload the gaps to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "journeycheck.sarif"


def test_the_tickets_doc_names_every_option() -> None:
    import typer

    from journeycheck.cli import app

    doc = (ROOT / "docs" / "tickets.md").read_text("utf-8")
    command = typer.main.get_command(app).commands["tickets"]  # type: ignore[attr-defined]
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in doc or f"{opt} " in doc, opt
