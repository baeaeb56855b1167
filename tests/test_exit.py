"""The process ends without the interpreter's teardown (cli.finish), and loses nothing.

Each command is run as a user runs it, ``python -m journeycheck``, and what it
printed, wrote and exited with is compared with the same command run in this
process through CliRunner, which never takes the short way out.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeycheck import cli
from journeycheck.commands import EXIT_BROKEN_PIPE
from tests.helpers import invoke

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples"
AS_OF = ["--as-of", "2027-01-15"]


def journeycheck(*args: str | Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeycheck", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        **kwargs,
    )


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    """Enough plans for the pool (portfolio.POOL_FROM), so workers start and are ended."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for number, example in enumerate(sorted(EXAMPLES.glob("*.yaml")) * 20):
        shutil.copy(example, folder / f"{number:03}-{example.name}")
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["audit", str(EXAMPLES / "saas-halfway.yaml"), *AS_OF],
        ["audit", str(EXAMPLES / "saas-halfway.yaml"), *AS_OF, "--format", "json"],
        # Exit 1: a gate failed, and the report was written first.
        ["audit", str(EXAMPLES / "saas-halfway.yaml"), *AS_OF, "--fail-under", "100"],
        # Exit 2: the problems of a plan, on stderr.
        ["validate", str(FIXTURES / "hostile" / "plan.yaml")],
        ["schema", "plan"],
    ],
)
def test_output_and_exit_code_are_those_of_a_normal_exit(args: list[str]) -> None:
    ran = journeycheck(*args)
    expected = invoke(*args)
    assert (ran.returncode, ran.stdout) == (expected.code, expected.out)
    assert ran.stderr == expected.err


def test_a_pooled_portfolio_prints_every_plan_and_ends_its_workers(portfolio: Path) -> None:
    args = ["audit", str(portfolio), *AS_OF, "--jobs", "2"]
    ran = journeycheck(*args)
    expected = invoke(*args)
    assert (ran.returncode, ran.stdout) == (expected.code, expected.out)
    assert ran.stdout.count("launch readiness") == len(list(portfolio.iterdir()))


@pytest.mark.parametrize("where", ["stdout", "file", "/dev/stdout"])
def test_a_pooled_json_portfolio_is_written_as_one_process_writes_it(
    tmp_path: Path, portfolio: Path, where: str
) -> None:
    """The workers' JSON goes out as the bytes they sent (output.write_encoded)."""

    def written(*jobs: str) -> bytes:
        args = ["audit", str(portfolio), *AS_OF, "--format", "json", *jobs]
        if where == "stdout":
            ran = subprocess.run(
                [sys.executable, "-m", "journeycheck", *args], capture_output=True, check=False
            )
            assert ran.returncode == 0, ran.stderr
            return ran.stdout
        target = tmp_path / f"report{len(jobs)}.json" if where == "file" else Path(where)
        ran = subprocess.run(
            [sys.executable, "-m", "journeycheck", *args, "--output", str(target)],
            capture_output=True,
            check=False,
        )
        assert ran.returncode == 0, ran.stderr
        return ran.stdout if where == "/dev/stdout" else target.read_bytes()

    pooled, alone = written("--jobs", "2"), written("--jobs", "1")
    assert pooled == alone
    assert pooled.count(b'"schema": "journeycheck.audit/1"') == len(list(portfolio.iterdir()))


def test_files_written_are_whole(tmp_path: Path, portfolio: Path) -> None:
    report, plan = tmp_path / "report.md", tmp_path / "plan.yaml"
    shutil.copy(EXAMPLES / "saas-halfway.yaml", plan)
    ran = journeycheck("audit", portfolio, *AS_OF, "--output", report)
    assert ran.returncode == 0, ran.stderr
    expected = invoke("audit", portfolio, *AS_OF, "--format", "markdown")
    assert report.read_text("utf-8") == expected.out
    assert not [p for p in tmp_path.iterdir() if p.name not in {"report.md", "plans", "plan.yaml"}]

    edited_here = tmp_path / "edited-here" / "plan.yaml"
    edited_here.parent.mkdir()
    shutil.copy(plan, edited_here)
    answer = ["buy.legal.sla-support-terms", "--status", "partial", *AS_OF]
    ran = journeycheck("set", plan, *answer)
    assert ran.returncode == 0, ran.stderr
    assert invoke("set", edited_here, *answer).code == 0
    assert plan.read_text("utf-8") == edited_here.read_text("utf-8")
    assert plan.read_text("utf-8") != (EXAMPLES / "saas-halfway.yaml").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "edited-here",
        "plan.yaml",
        "plans",
        "report.md",
    ]


RUN_MAIN = (
    "import sys; sys.argv = ['journeycheck', '--version']; "
    "from journeycheck.cli import main; main()"
)


def test_atexit_functions_still_run() -> None:
    code = f"import atexit, sys; atexit.register(print, 'atexit ran', file=sys.stderr); {RUN_MAIN}"
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (ran.returncode, ran.stderr) == (0, "atexit ran\n")
    assert ran.stdout.startswith("journeycheck ")


def test_a_thread_still_at_work_is_waited_for(tmp_path: Path) -> None:
    done = tmp_path / "done"
    code = (
        "import threading, time, pathlib\n"
        "def work():\n"
        "    time.sleep(0.5)\n"
        f"    pathlib.Path({str(done)!r}).write_text('written')\n"
        "threading.Thread(target=work).start()\n"
        f"{RUN_MAIN}\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert done.read_text() == "written"


class Ended(Exception):
    def __init__(self, status: int) -> None:
        self.status = status


class Stream:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error
        self.flushed = False

    def flush(self) -> None:
        self.flushed = True
        if self.error is not None:
            raise self.error

    def fileno(self) -> int:
        raise ValueError("no descriptor")


@pytest.fixture
def ended(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``os._exit`` raising instead, and this test process's own atexit functions left alone."""
    calls: list[str] = []

    def exit_(status: int) -> None:
        raise Ended(status)

    monkeypatch.setattr("os._exit", exit_)
    monkeypatch.setattr("atexit._run_exitfuncs", lambda: calls.append("atexit"))
    return calls


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (2, 2), (130, 130)])
def test_the_exit_status_is_the_code(
    code: int | None, status: int, ended: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out, err = Stream(), Stream()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    with pytest.raises(Ended) as stop:
        cli.finish(code)
    assert stop.value.status == status
    assert out.flushed and err.flushed and ended == ["atexit"]


def test_a_reader_gone_at_the_last_flush_is_a_broken_pipe(
    ended: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdout", Stream(BrokenPipeError()))
    monkeypatch.setattr(sys, "stderr", Stream())
    with pytest.raises(Ended) as stop:
        cli.finish(0)
    assert stop.value.status == EXIT_BROKEN_PIPE
    with pytest.raises(Ended) as stop:
        cli.finish(2)  # an error already reported keeps its own code
    assert stop.value.status == 2


def test_a_message_as_exit_code_is_left_to_the_interpreter(ended: list[str]) -> None:
    cli.finish("a message")  # returns: Python prints it and exits 1
    assert ended == []
