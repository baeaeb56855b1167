"""What a command says: problems once per run, notes on stderr, a progress bar on a terminal."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from journeycheck.commands.reporter import Reporter
from journeycheck.errors import Problem

SHARED = Problem("playbook.yaml", 3, 1, "JC212", field="title")


def test_without_a_console_notes_go_to_stderr_and_problems_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    reporter = Reporter("audit")
    with reporter.progress(3, None):
        for _ in range(3):
            reporter.advance()
            reporter.problems([SHARED])
        reporter.skipped("b.yaml", "it is a playbook")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "playbook.yaml:3:1: title: must not be empty\n"
        "b.yaml: skipped, not a plan: it is a playbook\n"
    )


def test_on_a_terminal_console_a_bar_counts_the_plans() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, color_system=None)
    reporter = Reporter("audit")
    with reporter.progress(8, console):
        for n in range(8):
            reporter.advance()
            if n == 2:
                problem = Problem("c.yaml", 4, 9, "JC201", field="status", got="[red]", allowed="x")
                reporter.problems([problem])
    text = screen.getvalue()
    assert "Auditing plans" in text
    assert "8/8" in text
    assert "c.yaml:4:9: status: [red] is not one of x" in text  # not read as Rich markup


def test_errors_name_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    reporter = Reporter("playbook show")
    reporter.error("--team: unknown team 'x'")  # as an error's text comes
    reporter.interrupted()
    reporter.internal_error(RuntimeError("boom\n  twice"), debug=False)
    assert capsys.readouterr().err == (
        "journeycheck playbook show: error: --team: unknown team 'x'\n"
        "journeycheck playbook show: interrupted\n"
        "journeycheck playbook show: internal error: RuntimeError: boom twice (this is a bug; "
        "re-run as 'journeycheck --debug playbook show ...' for the traceback)\n"
    )


@pytest.mark.parametrize(
    ("count", "line"),
    [(1, "p.yaml: ok (p 1.0, 1 question)\n"), (2, "p.yaml: ok (p 1.0, 2 questions)\n")],
)
def test_a_valid_playbook_counts_its_questions(
    capsys: pytest.CaptureFixture[str], count: int, line: str
) -> None:
    Reporter("playbook check").playbook_ok("p.yaml", "p", "1.0", count)
    assert capsys.readouterr().out == line
