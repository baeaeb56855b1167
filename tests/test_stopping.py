"""A stop a signal asked for holds even when the exception raised for it is lost."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest

from journeycheck import stopping
from journeycheck.cli import _signals_stop_the_run
from journeycheck.errors import Terminated
from journeycheck.output import atomic_writer


@pytest.fixture(autouse=True)
def _forget() -> None:
    stopping.reset()


def test_a_swallowed_signal_still_ends_the_command() -> None:
    # The exception is dropped, as an at-fork callback or a __del__ would drop it.
    with (
        pytest.raises(Terminated) as raised,
        _signals_stop_the_run(),
        contextlib.suppress(KeyboardInterrupt),
    ):
        os.kill(os.getpid(), signal.SIGTERM)
    assert raised.value.exit_code == 128 + signal.SIGTERM
    # Once the command has ended, the next one starts afresh.
    stopping.check()


def test_a_stopped_run_never_replaces_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("last week's report\n", "utf-8")
    stopping.ask(Terminated(signal.SIGHUP, "SIGHUP"))
    with pytest.raises(Terminated), atomic_writer(target) as stream:
        stream.write("half of this week's report\n")
    assert target.read_text("utf-8") == "last week's report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_without_a_signal_nothing_changes(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    with _signals_stop_the_run(), atomic_writer(target) as stream:
        stream.write("this week's report\n")
    assert target.read_text("utf-8") == "this week's report\n"
