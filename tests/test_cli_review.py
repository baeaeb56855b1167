"""``journeycheck review`` in a real terminal (a pseudo-terminal): keys typed, answers saved."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeycheck.cli import app
from tests.helpers import FIXTURES, GOLDEN

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    path = tmp_path / "launch-plan.yaml"
    path.write_bytes((GOLDEN / "init-mini.yaml").read_bytes())
    return path


class Terminal:
    """``journeycheck review`` running in a pseudo-terminal, 80 columns wide."""

    def __init__(self, plan: Path, *args: str) -> None:
        import pty

        self.controller, terminal = pty.openpty()
        environment = {**os.environ, "COLUMNS": "80", "LINES": "40", "TERM": "xterm"}
        environment.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "journeycheck", "review", str(plan), "--as-of", "2027-01-15"]
            + list(args),
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            cwd=plan.parent,
            env=environment,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        os.close(terminal)
        self.seen = b""
        #: Everything shown up to the last wait.
        self.log = ""

    def wait_for(self, text: str, timeout: float = 30) -> None:
        """Wait until ``text`` shows (colours aside); later waits look after it."""
        deadline = time.monotonic() + timeout
        while text not in self.text() and time.monotonic() < deadline:
            self._read(0.2)
        shown = self.text()
        assert text in shown, shown
        self.log += shown[: shown.index(text) + len(text)]
        self.seen = shown[shown.index(text) + len(text) :].encode()

    def type(self, keys: str) -> None:
        time.sleep(0.05)
        os.write(self.controller, keys.encode())

    def finish(self, timeout: float = 30) -> int:
        try:
            code = self.process.wait(timeout=timeout)
        finally:
            while self._read(0.2):
                pass
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            os.close(self.controller)
        return code

    def interrupt(self) -> int:
        code = None
        for _ in range(5):
            time.sleep(0.2)
            self.process.send_signal(signal.SIGINT)
            try:
                code = self.process.wait(timeout=5)
                break
            except subprocess.TimeoutExpired:
                continue
        self.finish()
        assert code is not None
        return code

    def text(self) -> str:
        """What the terminal shows since the last wait, without colour codes."""
        return _ANSI.sub("", self.seen.decode("utf-8", "replace")).replace("\r", "")

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.controller], [], [], wait)
        if not ready:
            return False
        try:
            chunk = os.read(self.controller, 4096)
        except OSError:
            return False
        self.seen += chunk
        return bool(chunk)


STATUS = "[q] quit"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@POSIX
def test_typing_skip_back_and_quit_in_a_terminal(plan: Path) -> None:
    screen = Terminal(plan)
    screen.wait_for("[1/6] discover · Marketing · blocker")
    screen.wait_for("Is the value message written and approved?")
    screen.wait_for(STATUS)
    screen.type("d")  # a single key, no Enter
    screen.wait_for("Owner")
    screen.type("Maria Petrova\n")
    screen.wait_for("Due (YYYY-MM-DD)")
    screen.type("\n")
    screen.wait_for("Saved. Gate score 0.0 → 33.3, verdict no-go.")
    screen.wait_for("[2/6]")
    screen.wait_for(STATUS)
    screen.type("s")
    screen.wait_for("[3/6]")
    screen.wait_for(STATUS)
    screen.type("b")
    screen.wait_for("[2/6]")
    screen.wait_for(STATUS)
    screen.type("q")
    assert screen.finish() == 0
    assert "Reviewed 3 of 6 questions; 1 answer changed." in screen.text()
    assert "  discover.marketing.message: owner: (none) → Maria Petrova" in screen.text()
    assert "Verdict no-go → no-go; gate score 0.0 → 33.3." in screen.text()
    text = plan.read_text("utf-8")
    assert "    status: done\n    owner: Maria Petrova\n    due: 2026-12-31\n" in text


@POSIX
def test_ctrl_c_keeps_the_answers_already_saved(plan: Path) -> None:
    screen = Terminal(plan, "--team", "marketing")
    screen.wait_for(STATUS)
    screen.type("p")
    screen.wait_for("Owner")
    screen.type("\n")
    screen.wait_for("Due (YYYY-MM-DD)")
    screen.type("\n")
    screen.wait_for("Saved.")
    screen.wait_for(STATUS)
    screen.type("k")
    screen.wait_for("Owner")
    assert screen.interrupt() == 130
    assert "journeycheck review: interrupted" in screen.text()
    assert "Traceback" not in screen.text()
    text = plan.read_text("utf-8")
    assert "  discover.marketing.message:\n    status: partial\n" in text
    assert "  discover.marketing.webinar:\n    status: not-started\n" in text


@POSIX
def test_cards_fit_80_columns(plan: Path) -> None:
    screen = Terminal(plan, "--all")
    for _ in range(6):
        screen.wait_for(STATUS)
        screen.type("s")
    screen.finish()
    lines = screen.log.split("\n")
    assert len(lines) > 30
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)


def test_without_a_terminal_it_refuses_and_points_to_set(plan: Path) -> None:
    before = plan.read_bytes()
    result = CliRunner().invoke(app, ["review", str(plan)], input="d\n")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr and "journeycheck set" in result.stderr
    assert plan.read_bytes() == before
