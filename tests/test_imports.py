"""Start-up stays light: the commands that answer at once import no heavy library.

Read from ``python -X importtime`` in a subprocess, so nothing a test imported
before can hide an import. ruff's banned-module-level-imports keeps new code from
importing these libraries at the top of a module (pyproject.toml).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = {"pydantic", "yaml", "rich", "jinja2"}


def imported_by(*args: str) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "journeycheck", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert completed.returncode in (0, 2), completed.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in completed.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["audit", "--help"],
        ["init", "--help"],
        ["playbook", "show", "--help"],
        ["audit"],  # a missing argument
        ["audit", "plan.yaml", "--format", "pdf"],  # a bad choice
        ["audit", "plan.yaml", "--as-of", "someday"],  # a bad date
        ["frobnicate"],  # no such command
    ],
    ids=lambda args: " ".join(args),
)
def test_quick_answers_import_no_heavy_library(args: list[str]) -> None:
    modules = imported_by(*args)
    assert "journeycheck" in modules
    assert not modules & HEAVY, sorted(modules & HEAVY)
