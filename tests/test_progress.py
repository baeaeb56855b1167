"""The stderr side of a portfolio run: notes, and a progress bar on a terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from journeycheck.progress import Reporter


def test_without_a_console_notes_go_to_stderr_once(capsys: pytest.CaptureFixture[str]) -> None:
    with Reporter(3) as reporter:
        for _ in range(3):
            reporter.advance()
            reporter.note("playbook.yaml:3:1: a problem shared by every plan")
        reporter.note("b.yaml: skipped: not a journeycheck plan")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "playbook.yaml:3:1: a problem shared by every plan\n"
        "b.yaml: skipped: not a journeycheck plan\n"
    )


def test_on_a_terminal_console_a_bar_counts_the_plans() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, color_system=None)
    with Reporter(8, console) as reporter:
        for n in range(8):
            reporter.advance()
            if n == 2:
                reporter.note("c.yaml:4:9: launch: not a real date [sic]")
    text = screen.getvalue()
    assert "Auditing plans" in text
    assert "8/8" in text
    assert "c.yaml:4:9: launch: not a real date [sic]" in text  # not read as Rich markup
