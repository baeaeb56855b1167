"""The program itself: closed pipes, closed or full output, bugs and Ctrl-C, for every command.

Some of these need a real process (a pipe whose reader has gone, a terminal to
interrupt), so they run ``python -m journeycheck``; the rest use CliRunner.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from journeycheck.commands import EXIT_BROKEN_PIPE
from tests.helpers import invoke

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "mini-plan.yaml"
PLAYBOOK = FIXTURES / "mini-playbook.yaml"
AS_OF = ["--as-of", "2027-01-15"]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes and terminals")

#: One invocation of each command that writes to standard output, by the name errors give.
WRITERS: dict[str, list[str]] = {
    "audit": ["audit", str(PLAN), *AS_OF],
    "audit (portfolio)": ["audit", str(PLAN), str(FIXTURES / "hostile" / "plan.yaml"), *AS_OF],
    "audit (-o /dev/stdout)": ["audit", str(PLAN), *AS_OF, "-o", "/dev/stdout"],
    # A plan with nothing to warn of: its stderr holds only what the test looks for.
    "validate": ["validate", str(Path(__file__).parents[1] / "examples" / "ready-for-gate.yaml")],
    "playbook list": ["playbook", "list"],
    "playbook show": ["playbook", "show", "customer-journey"],
    "playbook check": ["playbook", "check", str(PLAYBOOK)],
    "schema": ["schema", "plan"],
    "init": ["init", "-", "--product", "Acme", "--launch", "2027-03-01"],
}


def journeycheck(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeycheck", *args],
        text=True,
        timeout=60,
        check=False,
        **kwargs,
    )


# -- standard output that cannot take the report -------------------------------------------


@POSIX
@pytest.mark.parametrize("name", list(WRITERS))
def test_a_reader_that_went_away_ends_the_run_quietly(name: str) -> None:
    # As in `journeycheck audit plan.yaml | head -1`, with head already gone.
    reading, writing = os.pipe()
    os.close(reading)
    try:
        completed = journeycheck(WRITERS[name], stdout=writing, stderr=subprocess.PIPE)
    finally:
        os.close(writing)
    assert (completed.returncode, completed.stderr) == (EXIT_BROKEN_PIPE, "")


@POSIX
@pytest.mark.parametrize("name", ["audit", "audit (portfolio)", "schema", "validate"])
def test_a_closed_standard_output_is_a_clear_error(name: str) -> None:
    args = WRITERS[name]
    completed = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "journeycheck", *args],
        text=True,
        capture_output=True,
        timeout=60,
        check=False,
    )
    command = name.split(" (")[0]
    assert (completed.returncode, completed.stderr) == (
        2,
        f"journeycheck {command}: error: standard output is closed; there is nowhere to write to\n",
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("name", ["audit", "audit (portfolio)", "playbook show", "init"])
def test_a_full_disk_behind_standard_output_is_a_clear_error(name: str) -> None:
    with Path("/dev/full").open("w") as full:
        completed = journeycheck(WRITERS[name], stdout=full, stderr=subprocess.PIPE)
    command = name.split(" (")[0]
    assert (completed.returncode, completed.stderr) == (
        2,
        f"journeycheck {command}: error: standard output: cannot write: No space left on device\n",
    )


# -- bugs and interruptions, in every command -----------------------------------------------

#: For each command: its arguments, and a function it calls that a test can make fail.
COMMANDS: dict[str, tuple[list[str], str]] = {
    "audit": (["audit", str(PLAN), *AS_OF], "journeycheck.score.audit"),
    "audit (portfolio)": (
        ["audit", str(PLAN), str(PLAYBOOK.parent / "hostile" / "plan.yaml"), *AS_OF],
        "journeycheck.score.audit",
    ),
    # validate checks its plans through the portfolio's pool, one at a time or by workers.
    "validate": (["validate", str(PLAN)], "journeycheck.portfolio.process"),
    "init": (["init", "-", "--launch", "2027-03-01"], "journeycheck.workspace.create_plan"),
    "schema": (["schema", "report"], "journeycheck.schemas.schema_of"),
    "schema (narrowed)": (
        ["schema", "plan", "--playbook", str(PLAYBOOK)],
        "journeycheck.schemas.plan_schema_for",
    ),
    "playbook list": (["playbook", "list"], "journeycheck.render.playbooks.playbook_table"),
    "playbook show": (["playbook", "show", str(PLAYBOOK)], "journeycheck.checklist.build"),
    "playbook check": (
        ["playbook", "check", str(PLAYBOOK)],
        "journeycheck.checking.shape.validate_playbook",
    ),
    "set": (
        ["set", str(PLAN), "buy.legal.eula", "--status", "partial", "--dry-run", *AS_OF],
        "journeycheck.editing.prepare",
    ),
    "review": (["review", str(PLAN), *AS_OF], "journeycheck.commands.review._stdin_is_terminal"),
    "export": (["export", str(PLAN)], "journeycheck.sheet.export_plan"),
    "import": (
        ["import", str(PLAN), str(FIXTURES / "sheets" / "tab-separated.csv"), "--dry-run"],
        "journeycheck.sheet.import_sheet",
    ),
}


def _fail_with(error: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise error

    return fail


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_bug_is_one_line_naming_the_command_exit_3(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, target = COMMANDS[name]
    monkeypatch.setattr(target, _fail_with(RuntimeError("boom\n  on two lines")))
    code, out, err = invoke(*args)
    command = name.split(" (")[0]
    assert (code, out) == (3, "")
    assert err == (
        f"journeycheck {command}: internal error: RuntimeError: boom on two lines (this is a "
        f"bug; re-run as 'journeycheck --debug {command} ...' for the traceback)\n"
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_debug_shows_the_traceback_and_still_exits_3(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, target = COMMANDS[name]
    monkeypatch.setattr(target, _fail_with(RuntimeError("boom")))
    code, _, err = invoke("--debug", *args)
    command = name.split(" (")[0]
    assert code == 3
    assert err.startswith("Traceback (most recent call last):\n")
    assert err.endswith(
        f"RuntimeError: boom\njourneycheck {command}: internal error: RuntimeError: boom "
        "(this is a bug)\n"
    )


@pytest.mark.parametrize("name", list(COMMANDS))
def test_ctrl_c_in_any_command_exits_130_without_a_traceback(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, target = COMMANDS[name]
    monkeypatch.setattr(target, _fail_with(KeyboardInterrupt()))
    code, _, err = invoke(*args)
    command = name.split(" (")[0]
    assert (code, err) == (130, f"journeycheck {command}: interrupted\n")


@POSIX
def test_ctrl_c_at_an_interactive_init_prompt_writes_nothing(tmp_path: Path) -> None:
    # A real terminal and a real SIGINT, as when someone presses Ctrl-C at a prompt.
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "journeycheck", "init", "--launch", "2027-03-01"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=tmp_path,
        # A shell ignores Ctrl-C in the jobs it starts in the background; undo that here.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    os.close(terminal)
    seen = b""
    try:
        deadline = time.monotonic() + 30
        while b"Product name" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.5)
            if ready:
                seen += os.read(controller, 4096)
        assert b"Product name" in seen, seen
        # A signal landing between the prompt being drawn and the read starting is only
        # noticed with the next one (Python checks for signals when a read is interrupted),
        # so a busy machine may need a second Ctrl-C, as a person would press it.
        code = None
        for _ in range(5):
            time.sleep(0.2)
            process.send_signal(signal.SIGINT)
            try:
                code = process.wait(timeout=5)
                break
            except subprocess.TimeoutExpired:
                continue
        while select.select([controller], [], [], 0.2)[0]:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(controller)
    assert code == 130
    assert b"journeycheck init: interrupted" in seen
    assert b"Traceback" not in seen
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_a_locale_that_cannot_spell_the_report_still_gets_it_in_utf_8(
    tmp_path: Path, encoding: str, fmt: str
) -> None:
    (tmp_path / "mini-playbook.yaml").write_bytes(PLAYBOOK.read_bytes())
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text("utf-8").replace("Acme Ledger", "Café Ложка"), "utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "journeycheck", "audit", str(plan), *AS_OF, "-f", fmt],
        env={**os.environ, "PYTHONIOENCODING": encoding},
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (0, b"")
    assert "Café Ложка" in completed.stdout.decode("utf-8")


@POSIX
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "plan.yaml"], "plan.yaml: no such file\n"),
        (["audit", "plan.yaml"], "plan.yaml: no such file\n"),
        (
            ["init", "plan.yaml", "--launch", "2027-03-01"],
            "journeycheck init: error: the current folder no longer exists (it was deleted or "
            "moved); change to a folder that exists\n",
        ),
    ],
)
def test_a_working_folder_deleted_under_the_command(
    tmp_path: Path, args: list[str], message: str
) -> None:
    script = 'mkdir gone && cd gone && rmdir ../gone && exec "$@"'
    completed = subprocess.run(
        ["sh", "-c", script, "sh", sys.executable, "-m", "journeycheck", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (completed.returncode, completed.stderr) == (2, message)
