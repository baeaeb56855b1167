"""The documentation matches the tool: commands, help texts and the CI recipes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from journeycheck.cli import app
from tools import readme_options

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")
CI_DOC = (ROOT / "docs" / "ci.md").read_text("utf-8")


#: Every command and command group below the root, by its full name (Click objects).
COMMANDS = dict(readme_options.commands())
#: Commands whose every parameter's help shows an example (every command but groups).
WITH_EXAMPLES = [name for name, command in COMMANDS.items() if not hasattr(command, "commands")]


def test_the_command_tree_is_walked() -> None:
    assert {"audit", "validate", "playbook", *WITH_EXAMPLES} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"journeycheck {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = COMMANDS[name]
    assert command.help, name
    assert f"Example: journeycheck {name}" in command.help
    for param in command.params:
        assert getattr(param, "help", None), f"{name} {param.name} has no help text"


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_every_parameter_shows_an_example(name: str) -> None:
    for param in COMMANDS[name].params:
        assert "e.g." in str(getattr(param, "help", "")), f"{name} {param.name}"


def test_readme_option_tables_are_the_commands_help() -> None:
    assert readme_options.missing(README) == [], "add a table for it, then run `make docs`"
    assert readme_options.regenerated(README) == README, "run `make docs` and commit README.md"


def test_a_stale_or_missing_option_table_is_found() -> None:
    row = "| `--top N` | List the N most urgent gaps"
    assert row in README
    stale = README.replace(row, "| `--top N` | List the most urgent gaps")
    assert readme_options.regenerated(stale) == README
    start = README.index("<!-- options: journeycheck schema -->")
    end = README.index("<!-- end of options -->", start) + len("<!-- end of options -->")
    assert readme_options.missing(README[:start] + README[end:]) == ["schema"]


def test_help_lists_the_commands_in_the_order_a_user_meets_them() -> None:
    result = CliRunner().invoke(app, ["--help"])
    listed = re.findall(r"^  (\w+)  ", result.stdout.split("Commands:")[1], re.M)
    assert listed == [
        "init",
        "audit",
        "set",
        "review",
        "export",
        "import",
        "upgrade",
        "validate",
        "diff",
        "history",
        "agenda",
        "tickets",
        "playbook",
        "schema",
    ]


def code_blocks(markdown: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", markdown, re.M | re.S)


def test_ci_recipes_are_valid_yaml_running_journeycheck() -> None:
    blocks = code_blocks(CI_DOC, "yaml")
    assert len(blocks) >= 4
    for block in blocks:
        yaml.safe_load(block)
    github = yaml.safe_load(blocks[0])
    steps = github["jobs"]["audit"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "journeycheck validate plans/" in runs
    assert "--format markdown --output report.md --fail-on no-go" in runs
    assert '>> "$GITHUB_STEP_SUMMARY"' in runs
    gitlab = yaml.safe_load(blocks[-1])["launch-readiness"]
    assert gitlab["artifacts"]["when"] == "always"
    assert any("--fail-on no-go" in line for line in gitlab["script"])


def test_the_problem_matcher_in_the_ci_doc_reads_journeycheck_errors(tmp_path: Path) -> None:
    (matcher,) = code_blocks(CI_DOC, "json")
    pattern = json.loads(matcher)["problemMatcher"][0]["pattern"][0]
    plan = tmp_path / "launch-plan.yaml"
    plan.write_text(
        "journeycheck: 1\nproduct: P\nplaybook: customer-journey\nlaunch: 2027-03-01\ngate: bye\n",
        "utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(plan)])
    (line,) = result.stderr.splitlines()
    match = re.match(pattern["regexp"], line)
    assert match is not None, line
    assert match.group(pattern["file"]) == str(plan)
    assert (match.group(pattern["line"]), match.group(pattern["column"])) == ("5", "7")
    assert match.group(pattern["message"]).startswith("gate: unknown phase 'bye'")


@pytest.mark.parametrize(
    ("words", "expected"),
    [("journeycheck play", "playbook"), ("journeycheck playbook s", "show")],
)
def test_shell_completion_completes_commands(words: str, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(
        _JOURNEYCHECK_COMPLETE="complete_bash",
        COMP_WORDS=words,
        COMP_CWORD=str(len(words.split()) - 1),
    )
    script = "from journeycheck.cli import main; main()"
    completed = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert completed.stdout.split() == [expected], completed.stderr


def test_every_exit_code_is_documented_in_the_readme_and_the_error_guide() -> None:
    from journeycheck import commands

    errors = (ROOT / "docs" / "errors.md").read_text("utf-8")
    codes = {value for name, value in vars(commands).items() if name.startswith("EXIT_")}
    assert codes == {0, 1, 2, 3, 130, 141}
    for code in codes:
        assert f"\n| {code} | " in README
        assert f"\n| {code} | " in errors
    assert "(docs/errors.md)" in README


def test_the_extending_example_in_the_playbook_doc_is_the_example_file() -> None:
    doc = (ROOT / "docs" / "playbook.md").read_text("utf-8")
    example = (ROOT / "examples" / "playbooks" / "acme-launch.yaml").read_text("utf-8")
    assert f"```yaml\n{example}```" in doc
