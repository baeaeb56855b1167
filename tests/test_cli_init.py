"""`journeycheck init` and `journeycheck schema` through Typer's CliRunner."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journeycheck.commands import init
from journeycheck.commands.schema import SchemaKind
from journeycheck.schemas import KINDS, dumps, schema_of
from tests.helpers import FIXTURES, HalfWrite, assert_golden, invoke

PLAN = "launch-plan.yaml"
SCHEMA = Path(".journeycheck") / "customer-journey.plan.schema.json"
FLAGS = ["--product", "Acme Ledger", "--launch", "2027-03-01"]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def audit_json(plan: str | Path, *extra: str) -> dict[str, Any]:
    code, out, err = invoke("audit", str(plan), "--as-of", "2026-01-01", "-f", "json", *extra)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init, "_stdin_is_terminal", lambda: True)


# -- writing a plan ------------------------------------------------------------------


def test_init_writes_a_plan_that_audits_straight_away(tmp_path: Path) -> None:
    code, out, err = invoke("init", *FLAGS, "--trait", "physical=true", "--gate", "buy")
    assert (code, err) == (0, "")
    assert files_in(tmp_path) == [".journeycheck", str(SCHEMA), PLAN]
    assert out == (
        "Wrote launch-plan.yaml: 125 questions apply, each not started yet "
        "(7 more are listed at the end, switched off by traits).\n"
        "Editors with the YAML language server check it against "
        ".journeycheck/customer-journey.plan.schema.json.\n"
        "Next: give each answer an owner and a status, then run\n"
        "  journeycheck audit launch-plan.yaml\n"
    )
    text = (tmp_path / PLAN).read_text("utf-8")
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=.journeycheck/customer-journey.plan.schema.json"
    )
    report = audit_json(PLAN)
    assert (report["product"], report["gate"], report["verdict"], report["score"]) == (
        "Acme Ledger",
        "buy",
        "no-go",
        0.0,
    )
    assert report["counts"]["applicable"] == len(report["gaps"]) == 125
    assert all(g["status"] == "not-started" for g in report["gaps"])
    assert not [g for g in report["gaps"] if "unanswered" in g["reasons"]]


def test_the_schema_beside_the_plan_is_narrowed_to_the_playbook_and_accepts_it(
    tmp_path: Path,
) -> None:
    invoke("init", *FLAGS, "--no-input")
    schema = json.loads((tmp_path / SCHEMA).read_text("utf-8"))
    assert "discover.marketing.value-messaging" in schema["properties"]["answers"]["properties"]
    code, out, _ = invoke("schema", "plan", "--playbook", "customer-journey")
    assert (code, out) == (0, (tmp_path / SCHEMA).read_text("utf-8"))
    from journeycheck.reading.compose import parse_text

    data = parse_text((tmp_path / PLAN).read_text("utf-8"), PLAN).data
    jsonschema.Draft202012Validator(schema).validate(data)
    jsonschema.Draft202012Validator(json.loads(dumps(schema_of("plan")))).validate(data)


def test_a_plan_in_another_folder_with_a_playbook_file(tmp_path: Path) -> None:
    (tmp_path / "books").mkdir()
    (tmp_path / "plans" / "q3").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "books" / "mini.yaml")
    code, out, err = invoke(
        "init", "plans/q3/plan.yaml", "--playbook", "books/mini.yaml", *FLAGS, "--no-input"
    )
    assert code == 0, err
    plan = tmp_path / "plans" / "q3" / "plan.yaml"
    assert '\nplaybook: "../../books/mini.yaml"\n' in plan.read_text("utf-8")
    assert (tmp_path / "plans" / "q3" / ".journeycheck" / "mini.plan.schema.json").is_file()
    assert "  journeycheck audit plans/q3/plan.yaml\n" in out
    assert audit_json(plan)["playbook"]["id"] == "mini"


def test_a_playbook_file_outside_the_repository_is_written_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "shared" / "mini.yaml")
    monkeypatch.chdir(tmp_path / "repo")
    code, _, err = invoke("init", PLAN, "--playbook", "../shared/mini.yaml", *FLAGS, "--no-input")
    assert code == 0, err
    assert err == (
        "journeycheck init: warning: --playbook: '../shared/mini.yaml' is outside "
        f"{tmp_path / 'repo'}, the repository of the new plan; every command that reads the "
        "plan refuses it without --allow-outside, so keep the playbook in the repository if "
        "you can\n"
    )
    # The plan is written as asked, and refused as the warning says.
    assert '\nplaybook: "../shared/mini.yaml"\n' in Path(PLAN).read_text("utf-8")
    assert "JC314" not in err and invoke("audit", PLAN)[0] == 2
    assert audit_json(PLAN, "--allow-outside")["playbook"]["id"] == "mini"


def test_outside_any_repository_init_warns_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini.yaml")
    code, _, err = invoke(
        "init", "plans/plan.yaml", "--playbook", "mini.yaml", *FLAGS, "--no-input"
    )
    assert (code, err) == (0, ""), err  # inside the folder init runs in: nothing to say
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere.yaml"
    shutil.copy(FIXTURES / "mini-playbook.yaml", outside)
    try:
        code, _, err = invoke(
            "init", "plans/other.yaml", "--playbook", str(outside), *FLAGS, "--no-input"
        )
    finally:
        outside.unlink()
    assert code == 0
    assert f"is outside {tmp_path}, the folder a playbook of a plan in no repository" in err


def test_product_name_defaults_to_the_folder_name(tmp_path: Path) -> None:
    folder = tmp_path / "Ærø ledger: #2"
    folder.mkdir()
    code, _, err = invoke("init", str(folder / PLAN), "--launch", "2027-03-01", "--no-input")
    assert code == 0, err
    assert audit_json(folder / PLAN)["product"] == "Ærø ledger: #2"


def test_awkward_product_name_from_the_command_line_survives() -> None:
    name = 'Acme "Ledger": #1 — Ærø 東京'
    code, _, err = invoke("init", "--product", name, "--launch", "2027-03-01")
    assert code == 0, err
    assert audit_json(PLAN)["product"] == name


def test_dash_writes_the_plan_to_stdout_and_no_file(tmp_path: Path) -> None:
    code, out, err = invoke("init", "-", *FLAGS)
    assert (code, err) == (0, "")
    assert files_in(tmp_path) == []
    assert out.startswith("# journeycheck product plan")
    assert "yaml-language-server" not in out
    (tmp_path / "piped.yaml").write_text(out, "utf-8")
    piped = audit_json("piped.yaml")
    assert (piped["gate"], piped["gate_rule"], piped["verdict"]) == (None, "auto", "go")


def test_dash_never_asks_even_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal(monkeypatch)
    code, out, err = invoke("init", "-", "--product", "P")
    assert code == 2
    assert out == ""
    assert "--launch: give the planned launch date" in err


def test_golden_plan_for_fixed_flags(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    code, _, err = invoke(
        "init",
        "--playbook",
        "mini-playbook.yaml",
        *FLAGS,
        "--trait",
        "channels=false",
        "--gate",
        "buy",
        "--no-input",
    )
    assert code == 0, err
    assert_golden("init-mini.yaml", (tmp_path / PLAN).read_text("utf-8"))


# -- never clobber, never half-write ---------------------------------------------------


def test_an_existing_plan_is_never_overwritten_without_force(tmp_path: Path) -> None:
    (tmp_path / PLAN).write_text("mine\n", "utf-8")
    code, out, err = invoke("init", *FLAGS)
    assert code == 2
    assert (out, err) == (
        "",
        "journeycheck init: error: launch-plan.yaml: already exists; use --force to overwrite it\n",
    )
    assert (tmp_path / PLAN).read_text("utf-8") == "mine\n"
    assert files_in(tmp_path) == [PLAN]  # not even the schema


def test_force_overwrites(tmp_path: Path) -> None:
    (tmp_path / PLAN).write_text("mine\n", "utf-8")
    (tmp_path / PLAN).chmod(0o600)
    code, _, err = invoke("init", *FLAGS, "--force")
    assert code == 0, err
    assert (tmp_path / PLAN).read_text("utf-8").startswith("# yaml-language-server:")
    assert (tmp_path / PLAN).stat().st_mode & 0o777 == 0o600


def test_existing_plan_is_refused_before_any_question(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal(monkeypatch)
    Path(PLAN).write_text("mine\n", "utf-8")
    code, out, err = invoke("init", input="")
    assert code == 2
    assert out == ""
    assert "already exists" in err


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (OSError(28, "No space left on device"), 2, "cannot write: No space left on device"),
        (KeyboardInterrupt(), 130, "journeycheck init: interrupted"),
    ],
)
def test_a_failure_while_writing_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, code: int, message: str
) -> None:
    (tmp_path / PLAN).write_text("old plan\n", "utf-8")
    real_fdopen = os.fdopen
    opened: list[int] = []

    def failing_fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        stream = real_fdopen(fd, *args, **kwargs)
        opened.append(fd)
        if len(opened) == 2:  # the schema is written first, then the plan
            return HalfWrite(stream, error)
        return stream

    monkeypatch.setattr("journeycheck.output.os.fdopen", failing_fdopen)
    # Only the user's files are counted: without the cache, which writes entries of its own.
    monkeypatch.setenv("JOURNEYCHECK_NO_CACHE", "1")
    got, out, err = invoke("init", *FLAGS, "--force")
    assert got == code
    assert message in err
    assert "Traceback" not in err
    assert (tmp_path / PLAN).read_text("utf-8") == "old plan\n"
    # No temporary file is left behind, and the schema made for the failed plan is gone.
    assert files_in(tmp_path) == [PLAN]


def test_a_schema_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / ".journeycheck").write_text("not a folder\n", "utf-8")
    code, _, err = invoke("init", *FLAGS)
    assert code == 2
    assert err.startswith("journeycheck init: error: ")
    assert not (tmp_path / PLAN).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--launch", "2027-02-30"], "'2027-02-30' is not a real date"),
        (["--launch", "soon"], "like 2027-03-01; got 'soon'"),
        (["--launch", "2027-03-01", "--trait", "hardware=true"], "unknown trait 'hardware'"),
        (["--launch", "2027-03-01", "--trait", "physcal=true"], "(did you mean 'physical'?)"),
        (["--launch", "2027-03-01", "--trait", "physical=maybe"], "must be true or false"),
        (["--launch", "2027-03-01", "--trait", "physical"], "write NAME=true or NAME=false"),
        (["--launch", "2027-03-01", "--playbook", "customer-journy"], "unknown playbook"),
        (["--launch", "2027-03-01", "--playbook", "nope/book.yaml"], "does not exist"),
        (["--launch", "2027-03-01", "--gate", "bye"], "--gate: unknown phase 'bye'"),
        (["--launch", "2027-03-01", "--product", " "], "--product: the product name must not"),
        (["--launch", "9999-12-31"], "too close to the end of the calendar"),
        (["--product", "P", "--no-input"], "--launch: give the planned launch date"),
        ([], "--launch: give the planned launch date"),  # no terminal: nothing is asked
    ],
)
def test_bad_flags_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    code, out, err = invoke("init", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert files_in(tmp_path) == []


def test_missing_folder_and_folder_target_exit_2(tmp_path: Path) -> None:
    code, _, err = invoke("init", "nowhere/plan.yaml", *FLAGS)
    assert (code, err) == (
        2,
        "journeycheck init: error: nowhere/plan.yaml: cannot write: folder nowhere does not "
        "exist\n",
    )
    (tmp_path / "folder").mkdir()
    code, _, err = invoke("init", "folder", *FLAGS)
    assert code == 2
    assert "folder: is a folder" in err
    assert files_in(tmp_path) == ["folder"]


def test_a_broken_playbook_file_is_reported_where_it_is_broken(tmp_path: Path) -> None:
    bad = Path(__file__).parent / "cases" / "playbooks" / "unknown-phase.yaml"
    shutil.copy(bad, tmp_path / "book.yaml")
    code, _, err = invoke("init", "--playbook", "book.yaml", *FLAGS)
    assert code == 2
    assert err.startswith("book.yaml:")
    assert files_in(tmp_path) == ["book.yaml"]


# -- the interactive flow --------------------------------------------------------------


def test_interactive_flow_asks_checks_and_summarises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal(monkeypatch)
    # product (empty: take the folder-name default), a bad date then a good one, then the
    # five traits: physical yes, channels: a typo then no, the rest take their defaults.
    # Then team owners: yes, one for product management, the other twelve skipped; then the
    # gate: a typo, then a fixed phase.
    answers = ["Acme Ledger", "2027-02-30", "2027-03-01", "y", "perhaps", "n", "", "", ""]
    answers += ["y", "Maria Petrova", *[""] * 12, "bye", "buy"]
    code, out, err = invoke("init", input="\n".join(answers) + "\n")
    assert code == 0, err
    assert f"Product name [{tmp_path.name}]: Acme Ledger" in out
    assert "Error: launch date: '2027-02-30' is not a real date" in out
    assert out.count("Launch date (YYYY-MM-DD): ") == 2
    assert "Does the product include physical hardware" in out
    assert (
        "Error: 'perhaps' is neither yes nor no; answer y or yes, n or no (in any case), "
        "or press Enter for the default"
    ) in out
    assert "With auto, the calendar decides" in out
    assert "Gate [auto]: " in out
    assert "Error: gate: unknown phase 'bye' (did you mean 'buy'?)" in out
    assert out.endswith(
        "Wrote launch-plan.yaml: 125 questions apply, each not started yet "
        "(7 more are listed at the end, switched off by traits).\n"
        "Editors with the YAML language server check it against "
        ".journeycheck/customer-journey.plan.schema.json.\n"
        "Next: give each answer an owner and a status, then run\n"
        "  journeycheck audit launch-plan.yaml\n"
    )
    report = audit_json(PLAN)
    assert (report["product"], report["launch"]) == ("Acme Ledger", "2027-03-01")
    text = (tmp_path / PLAN).read_text("utf-8")
    assert "\ngate: buy\n" in text
    for line in ("physical: true", "channels: false", "subscription: true", "hosted: true"):
        assert f"\n  {line}\n" in text
    assert '\nowners:\n  product-management: "Maria Petrova"\n\nanswers:\n' in text


def test_interactive_flow_asks_only_what_the_flags_left_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    terminal(monkeypatch)
    args = ["init", "--product", "P", "--trait", "physical=false", "--trait", "channels=true"]
    code, out, err = invoke(*args, input="\n2027-03-01\n\n\n\n\n\n")
    assert code == 0, err
    assert "Name an owner for each team now?" in out
    assert "\ngate: auto\n" in (Path.cwd() / PLAN).read_text("utf-8")
    assert "Product name" not in out
    assert "physical hardware" not in out
    assert "channel partners" not in out
    assert out.count("[Y/n]") == 3  # subscription, third_party and hosted default to yes


def test_no_input_on_a_terminal_asks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal(monkeypatch)
    code, out, err = invoke("init", "--launch", "2027-03-01", "--no-input", input="")
    assert code == 0, err
    assert out.startswith("Wrote launch-plan.yaml")


def test_input_ending_mid_flow_stops_without_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal(monkeypatch)
    code, _, err = invoke("init", input="Acme\n")
    assert code == 130
    assert err == "journeycheck init: interrupted\n"
    assert files_in(tmp_path) == []


def test_ctrl_c_at_a_prompt_stops_without_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal(monkeypatch)

    def interrupted(*args: object, **kwargs: object) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr("typer.confirm", interrupted)
    code, _, err = invoke("init", "--launch", "2027-03-01", input="Acme\n")
    assert code == 130
    assert err == "journeycheck init: interrupted\n"
    assert files_in(tmp_path) == []


# -- journeycheck schema -----------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_committed_schema(kind: str) -> None:
    code, out, err = invoke("schema", kind)
    assert (code, err) == (0, "")
    committed = Path(__file__).resolve().parents[1] / "schemas" / f"{kind}.schema.json"
    assert out == committed.read_text("utf-8")


def test_schema_command_reaches_every_kind() -> None:
    assert tuple(kind.value for kind in SchemaKind) == KINDS


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["schema", "plans"], "plans"),
        (["schema", "report", "--playbook", "customer-journey"], "only the plan schema"),
        (["schema", "plan", "--playbook", "customer-journy"], "unknown playbook"),
    ],
)
def test_schema_command_bad_arguments_exit_2(args: list[str], message: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2
    assert out == ""
    assert message in err


def test_readme_documents_init_and_schema() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    for command in ("init", "schema"):
        code, out, _ = invoke(command, "--help")
        assert code == 0
        assert f"journeycheck {command}" in readme
        for option in ("--product", "--launch", "--trait", "--no-input", "--force"):
            if option in out:
                assert f"`{option}" in readme, f"{option} is not in the README"
    assert "yaml-language-server: $schema=" in readme
    assert "yaml.schemas" in readme


def test_owner_flags_are_written_and_checked(tmp_path: Path) -> None:
    code, _, err = invoke("init", *FLAGS, "--owner", "legal=Amara Nwosu", "--owner", "support=Sam")
    assert (code, err) == (0, "")
    text = (tmp_path / PLAN).read_text("utf-8")
    assert '\nowners:\n  legal: "Amara Nwosu"\n  support: Sam\n' in text
    code, _, err = invoke("init", *FLAGS, "--owner", "legl=Amara", "--force")
    assert code == 2
    assert "--owner: unknown team 'legl' (did you mean 'legal'?)" in err
    code, _, err = invoke("init", *FLAGS, "--owner", "legal", "--force")
    assert (code, "--owner: write TEAM=NAME" in err) == (2, True)


@pytest.mark.parametrize("lang", ["en", "bg", "ko"])
def test_the_kpi_and_account_examples_work_as_written(lang: str) -> None:
    import shlex

    code, _, err = invoke("init", PLAN, *FLAGS, "--no-input", env={"JOURNEYCHECK_LANG": lang})
    assert code == 0, err
    lines = Path(PLAN).read_text("utf-8").splitlines(keepends=True)
    # The set command in the KPI comment, run as it is written.
    [command] = [line[4:] for line in lines if line.startswith("#   journeycheck set ")]
    assert invoke(*shlex.split(command)[1:], "--as-of", "2027-01-15").code == 0
    # The account example, uncommented, is a valid account of the plan.
    start = lines.index("#   accounts:\n")
    end = next(n for n in range(start, len(lines)) if lines[n].startswith("# ==="))
    lines[start:end] = [line[4:] for line in lines[start:end]]
    Path(PLAN).write_text("".join(lines), "utf-8")
    accounts = audit_json(PLAN)["accounts"]
    assert [account["stage"] for account in accounts] == ["buy"], accounts
