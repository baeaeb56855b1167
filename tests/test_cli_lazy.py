"""The console script's root command builds a subcommand only when it is asked for,
and builds each exactly as Typer's own eager build of ``app`` does."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
import typer.main

from journeycheck import cli


def _value(value: Any) -> Any:
    """A value comparable between two builds: a function by what it wraps (each build
    wraps the command's function anew), an object by its type and fields."""
    if callable(value) and hasattr(value, "__code__"):
        return getattr(value, "__wrapped__", value)
    if isinstance(value, (list, tuple)):
        return [_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _value(item) for key, item in value.items()}
    if hasattr(value, "__dict__") and not isinstance(value, type):
        return (type(value), {key: _value(item) for key, item in vars(value).items()})
    return value


def _described(command: Any) -> Any:
    """What Click knows of a command, its parameters and its subcommands."""
    described = {key: value for key, value in vars(command).items() if key != "commands"}
    if hasattr(command, "commands"):
        described["commands"] = {
            name: _described(command.commands[name]) for name in command.commands
        }
    return _value(described)


def test_the_lazy_root_is_the_root_typer_builds() -> None:
    eager = typer.main.get_command(cli.app)
    lazy = cli._root_command()
    assert list(lazy.commands) == list(eager.commands)  # type: ignore[attr-defined]
    assert _described(lazy) == _described(eager)


def test_looking_up_a_command_builds_that_command_alone() -> None:
    commands = cli._Commands(cli.app)
    assert "audit" in commands and len(commands) == len(cli.COMMAND_ORDER)
    assert commands._built == {}
    first = commands["audit"]
    assert commands["audit"] is first
    root = cli._root_command()
    root.commands = commands
    context = root.make_context("journeycheck", [], resilient_parsing=True)
    assert root.list_commands(context) == list(cli.COMMAND_ORDER)
    assert list(commands._built) == ["audit"]
    with pytest.raises(KeyError):
        commands["nosuch"]


@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["audit", "--help"], ["playbook", "--help"], ["audti"]],
)
def test_the_console_script_answers_as_the_app_does(args: list[str]) -> None:
    def launched(code: str) -> tuple[int, str, str]:
        ran = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            check=False,
            env={"COLUMNS": "80", "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
        )
        return ran.returncode, ran.stdout, ran.stderr

    eager = launched("from journeycheck.cli import app; app(prog_name='journeycheck')")
    assert launched("from journeycheck.cli import main; main()") == eager


@pytest.mark.parametrize(
    ("args", "built"),
    [(["--version"], []), (["audit", "--help"], ["audit"]), (["playbook", "--help"], ["playbook"])],
)
def test_a_run_builds_only_the_command_it_names(args: list[str], built: list[str]) -> None:
    root = cli._root_command()
    with pytest.raises(SystemExit) as ended:
        root.main(args, prog_name="journeycheck")
    assert ended.value.code == 0
    assert isinstance(root.commands, cli._Commands)
    assert list(root.commands._built) == built
