"""``journeycheck set``, ``export`` and ``import`` through Typer's CliRunner."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeycheck.cli import app
from tests.helpers import FIXTURES, GOLDEN, assert_golden

runner = CliRunner()
AS_OF = ["--as-of", "2027-01-15"]
SHEETS = FIXTURES / "sheets"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    path = tmp_path / "launch-plan.yaml"
    path.write_bytes((GOLDEN / "init-mini.yaml").read_bytes())
    return Path("launch-plan.yaml")


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- set ----------------------------------------------------------------------------------


def test_golden_plan_edited_by_set(plan: Path) -> None:
    steps = [
        ["discover.marketing.message", "--status", "done", "--owner", "Maria Petrova"],
        ["discover.legal.trademark", "--status", "partial", "--note", "waiting on legal #2"],
        ["buy.legal.eula", "--waive", "Beta: EU only", "--approver", "VP", "--expires",
         "2027-02-28", "--risk-accepted", "EU beta customers use it under the beta terms",
         "--due", "2027-02-10"],
        ["--team", "support", "--status", "n/a", "--note", "Partner-run support"],
        ["discover.marketing.message", "--clear", "due"],
    ]  # fmt: skip
    for step in steps:
        code, _, err = invoke("set", str(plan), *step, *AS_OF)
        assert (code, err) == (0, "")
    assert_golden("set-mini.yaml", plan.read_text("utf-8"))


def test_set_says_what_changed_and_the_effect(plan: Path) -> None:
    code, out, err = invoke(
        "set", str(plan), "buy.legal.eula", "--status", "done", "--evidence", "https://x", *AS_OF
    )
    assert (code, err) == (0, "")
    assert out == (
        "Changed launch-plan.yaml:\n"
        "  buy.legal.eula: status: not-started → done\n"
        "  buy.legal.eula: evidence: (none) → https://x\n"
        "Gate buy: score 0.0 → 33.3; verdict no-go → no-go; 5 gaps remain (were 6).\n"
    )
    code, out, _ = invoke("set", str(plan), "buy.legal.eula", "--status", "done", *AS_OF)
    assert (code, out) == (0, "launch-plan.yaml: nothing to change; the plan already says that.\n")


def test_the_effect_names_a_calendar_gate_as_the_reports_do(plan: Path) -> None:
    plan.write_text(plan.read_text("utf-8").replace("\ngate: buy\n", "\ngate: auto\n"))
    args = ["set", str(plan), "discover.marketing.message", "--status", "done"]
    _, out, _ = invoke(*args, *AS_OF)
    assert out.splitlines()[-1].startswith("Gate auto → discover: score")
    _, out, _ = invoke(*args[:3], "--status", "partial", "--as-of", "2026-06-01")
    assert out.splitlines()[-1].startswith("Gate auto → none yet: score none → none;")


def test_dry_run_prints_the_diff_and_writes_nothing(plan: Path) -> None:
    before = digest(plan)
    code, out, _ = invoke("set", str(plan), "use.support.sla", "--owner", "Sam", "--dry-run")
    assert code == 0
    assert digest(plan) == before
    assert out.startswith("--- launch-plan.yaml\n+++ launch-plan.yaml\n@@ ")
    assert "\n-    owner:\n+    owner: Sam\n" in out
    assert "Would change launch-plan.yaml (dry run: nothing was written):\n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["buy.legal.eula", "--status", "n/a"], "launch-plan.yaml:97:3: buy.legal.eula: n/a needs"),
        (["buy.legal.eula", "--status", "done"], "buy.legal.eula: done needs evidence"),
        (["buy.legal.eul", "--status", "done"], "(did you mean 'buy.legal.eula'?)"),
        (["buy.marketing.partner-kit", "--status", "done"], "applies only with channels: true"),
        (["buy.legal.eula", "--status", "finishd"], "is not a status"),
        (["buy.legal.eula", "--due", "2027-02-30"], "--due: '2027-02-30' is not a real date"),
        (["buy.legal.eula", "--as-of", "tomorrow"], "--as-of: expected a date written YYYY-MM-DD"),
        (["buy.legal.eula"], "nothing to change"),
        (["--team", "legl", "--status", "done"], "--team: unknown team 'legl'"),
        (["buy.legal.eula", "--team", "legal", "--status", "done"], "not both"),
        (["--status", "done"], "name the questions to change"),
    ],
)
def test_every_refusal_leaves_the_file_untouched(plan: Path, args: list[str], message: str) -> None:
    before = digest(plan)
    code, out, err = invoke("set", str(plan), *args)
    assert code == 2
    assert message in err, err
    assert out == ""
    assert digest(plan) == before


def test_an_invalid_plan_is_reported_as_audit_reports_it(plan: Path) -> None:
    plan.write_text(plan.read_text("utf-8").replace("status: not-started", "status: finished", 1))
    before = digest(plan)
    code, _, err = invoke("set", str(plan), "buy.legal.eula", "--status", "partial")
    assert code == 2
    assert err.startswith("launch-plan.yaml:62:13: status: 'finished' is not one of")
    assert digest(plan) == before


def test_editing_loads_ruamel_but_auditing_does_not(plan: Path) -> None:
    import subprocess
    import sys

    # Printed at exit: the program ends once its output is flushed (cli.finish), and
    # runs the atexit functions first.
    probe = (
        "import atexit, sys\nfrom journeycheck.cli import main\nsys.argv = ['journeycheck'] + "
        "sys.argv[1:]\natexit.register(lambda: print('ruamel' in ' '.join(sys.modules), "
        "file=sys.stderr))\nmain()\n"
    )

    def loads_ruamel(*args: str) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )
        return done.stderr.strip().splitlines()[-1] == "True"

    assert not loads_ruamel("audit", str(plan), *AS_OF)
    assert not loads_ruamel("export", str(plan))
    assert loads_ruamel("set", str(plan), "use.support.sla", "--owner", "Sam", "--dry-run")


# -- export and import --------------------------------------------------------------------


def test_export_to_a_file_and_back_changes_nothing(plan: Path) -> None:
    code, out, err = invoke("export", str(plan), "-o", "answers.csv")
    assert (code, out, err) == (0, "", "")
    assert Path("answers.csv").read_bytes().startswith(b"\xef\xbb\xbfid,phase,team,")
    before = digest(plan)
    code, out, err = invoke("import", str(plan), "answers.csv", *AS_OF)
    assert (code, err) == (0, "")
    assert out == "launch-plan.yaml: nothing to change; the plan already says that.\n"
    assert digest(plan) == before


def test_export_to_standard_output_and_of_one_team(plan: Path) -> None:
    code, out, _ = invoke("export", str(plan), "--team", "legal")
    assert code == 0
    assert [line.split(",")[0] for line in out.splitlines()] == [
        "\ufeffid",
        "discover.legal.trademark",
        "buy.legal.eula",
    ]
    code, _, err = invoke("export", str(plan), "--team", "legl")
    assert code == 2 and "did you mean 'legal'" in err
    code, _, err = invoke("export", str(plan), "-o", str(plan))
    assert code == 2 and "that is the plan being exported" in err


def test_import_of_an_excel_sheet_prints_changes_and_notes(plan: Path) -> None:
    code, out, err = invoke("import", str(plan), str(SHEETS / "excel-en-us.csv"), *AS_OF)
    assert code == 0, err
    assert err.splitlines() == [
        f"note: {SHEETS / 'excel-en-us.csv'}: column 'comments' is not one journeycheck "
        "reads; it was ignored",
        f"note: {SHEETS / 'excel-en-us.csv'}:5:question: question is read-only (it comes "
        "from the playbook); the change was ignored",
    ]
    assert out.startswith("Changed launch-plan.yaml:\n  discover.marketing.message: status:")
    assert plan.read_text("utf-8") == (GOLDEN / "imported-mini.yaml").read_text("utf-8")


def test_import_with_bad_cells_exits_2_and_leaves_the_plan(plan: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "answers.csv"
    sheet.write_bytes(b"id;status;due\r\nbuy.legal.eula;finished;30.02.2027\r\n")
    before = digest(plan)
    code, out, err = invoke("import", str(plan), str(sheet))
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith(f"{sheet}:2:due: '30.02.2027' is not a date")
    assert err.splitlines()[1].startswith(f"{sheet}:2:status: 'finished' is not a status")
    assert digest(plan) == before


def test_import_dry_run(plan: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "answers.csv"
    sheet.write_bytes(b"id,status\r\nuse.support.sla,Done\r\n")
    before = digest(plan)
    code, out, _ = invoke("import", str(plan), str(sheet), "--dry-run")
    assert code == 0 and digest(plan) == before
    assert "+    status: done\n" in out and "(dry run: nothing was written)" in out


def test_import_of_a_legacy_sheet_with_encoding_writes_what_its_utf8_twin_does(
    plan: Path, tmp_path: Path
) -> None:
    twin = tmp_path / "twin.yaml"
    shutil.copy(plan, twin)
    code, _, err = invoke("import", str(twin), str(SHEETS / "excel-bg.csv"), *AS_OF)
    assert code == 0, err
    sheet = SHEETS / "excel-bg-ansi.csv"
    before = digest(plan)
    code, out, err = invoke("import", str(plan), str(sheet), *AS_OF)
    assert (code, out) == (2, "")
    assert err == (
        f"{sheet}:2: is not UTF-8 text (byte 0xCC); it looks like Windows-1251 (Cyrillic): "
        "save the sheet as CSV UTF-8, or read it as it is with --encoding windows-1251\n"
    )
    assert digest(plan) == before
    code, _, err = invoke("import", str(plan), str(sheet), *AS_OF, "--encoding", "windows-1251")
    assert code == 0, err
    assert plan.read_bytes() == twin.read_bytes()
    assert "Мария Петрова" in plan.read_text("utf-8")


@pytest.mark.parametrize("name", ["klingon", "rot13", "zlib", ""])
def test_import_refuses_what_is_no_text_encoding(plan: Path, name: str) -> None:
    before = digest(plan)
    code, out, err = invoke(
        "import", str(plan), str(SHEETS / "excel-bg-ansi.csv"), "--encoding", name
    )
    assert (code, out) == (2, "")
    assert (
        f"Invalid value for --encoding: {name!r} is not a text encoding; give one such as "
        "utf-8, windows-1251 or cp949"
    ) in err
    assert digest(plan) == before


def test_import_refuses_what_set_refuses(plan: Path) -> None:
    before = digest(plan)
    code, _, err = invoke("import", str(plan), str(SHEETS / "tab-separated.csv"))
    assert code == 2
    assert err.startswith(f"{SHEETS / 'tab-separated.csv'}:2:status: buy.legal.eula: done needs")
    assert digest(plan) == before


def test_a_linked_plan_is_edited_through_its_link(plan: Path, tmp_path: Path) -> None:
    link = tmp_path / "linked.yaml"
    link.symlink_to(plan.resolve())
    code, _, err = invoke("set", str(link), "use.support.sla", "--owner", "Sam", *AS_OF)
    assert (code, err) == (0, "")
    assert link.is_symlink()
    assert "    owner: Sam\n" in plan.read_text("utf-8")


def test_a_windows_plan_keeps_its_line_ends(plan: Path) -> None:
    plan.write_bytes(plan.read_bytes().replace(b"\n", b"\r\n"))
    code, _, err = invoke("set", str(plan), "use.support.sla", "--owner", "Sam", *AS_OF)
    assert (code, err) == (0, "")
    data = plan.read_bytes()
    assert b"    owner: Sam\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
