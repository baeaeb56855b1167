"""Terminal conventions, through the command line with the environment of each run.

The autouse fixture in conftest.py deletes every variable these tests set, so
each test starts from a pipe with no preference and sets exactly one thing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests" / "fixtures" / "mini-plan.yaml"
MINI = ROOT / "tests" / "fixtures" / "mini-playbook.yaml"
COMMANDS = {
    "audit": ["audit", str(PLAN), "--as-of", "2027-01-15"],
    "playbook show": ["playbook", "show", str(MINI)],
}
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?3[0-7](?:;[0-9;]*)?m")  # a foreground colour


def run(command: str, **env: str) -> str:
    code, out, err = invoke(*COMMANDS[command], env=env)
    assert code == 0, err
    return out


def widest(text: str) -> int:
    return max(len(ESCAPE.sub("", line)) for line in text.splitlines())


@pytest.mark.parametrize("command", COMMANDS)
def test_a_pipe_gets_plain_text(command: str) -> None:
    assert not ESCAPE.search(run(command))


@pytest.mark.parametrize("command", COMMANDS)
def test_force_color_forces_colour_into_a_pipe(command: str) -> None:
    assert COLOUR.search(run(command, FORCE_COLOR="1"))


@pytest.mark.parametrize("command", COMMANDS)
def test_no_color_removes_colour_even_when_forced(command: str) -> None:
    text = run(command, FORCE_COLOR="1", NO_COLOR="1")
    assert not COLOUR.search(text)
    assert "\x1b[1m" in text  # bold is emphasis, not colour: it stays


@pytest.mark.parametrize("command", COMMANDS)
def test_term_dumb_gets_plain_text_even_when_forced(command: str) -> None:
    assert not ESCAPE.search(run(command, FORCE_COLOR="1", TERM="dumb"))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("columns", [60, 120])
def test_columns_sets_the_width(command: str, columns: int) -> None:
    text = run(command, COLUMNS=str(columns))
    assert widest(text) <= columns
    if columns > 80:  # wider than the default is used when there is text to fill it
        assert widest(text) > 80


def test_without_columns_a_pipe_is_80_wide() -> None:
    assert 70 < widest(run("audit")) <= 80


@pytest.mark.parametrize(("columns", "width"), [("0", 80), ("10", 40), ("wide", 80)])
def test_unusable_columns_fall_back_to_a_readable_width(columns: str, width: int) -> None:
    text = run("audit", COLUMNS=columns)
    assert "launch readiness" in text
    assert width - 10 < widest(text) <= width


def test_a_real_pipe_in_a_colour_terminal_gets_plain_text(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor")
    env.pop("FORCE_COLOR", None)
    completed = subprocess.run(
        [sys.executable, "-m", "journeycheck", *COMMANDS["audit"]],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stderr
    assert "NO-GO" in completed.stdout
    assert not ESCAPE.search(completed.stdout)
