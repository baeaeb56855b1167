"""Small builders shared by tests (kept out of conftest so mypy sees their types)."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from journeycheck.checking.shape import validate_plan, validate_playbook
from journeycheck.extending import Resolution, Resolver, Source
from journeycheck.models import Plan, Playbook
from journeycheck.reading import load_file
from journeycheck.reading.compose import parse_text
from journeycheck.result import AuditResult

FIXTURES = Path(__file__).parent / "fixtures"
#: The built-in playbook's file, found as journeycheck finds it: as package data.
BUILTIN_PLAYBOOK = Path(
    str(resources.files("journeycheck") / "playbooks" / "customer-journey.yaml")
)


class Files:
    """Reads playbook files for a :class:`Resolver`, naming them relative to ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reads: list[str] = []

    def source(self, path: Path) -> Source:
        self.reads.append(path.name)
        return Source(
            str(path.resolve()), load_file(path, shown_as=os.path.relpath(path, self.root))
        )

    def read(self, reference: str, by: Source) -> Source:
        return self.source(Path(by.key).parent / reference)

    def resolve(self, path: Path) -> Resolution:
        return Resolver(self.read).resolve(self.source(path))


def resolve(path: Path, root: Path = FIXTURES) -> Resolution:
    """``path`` resolved with every file it extends; files are named relative to ``root``."""
    return Files(root).resolve(path)


def mini_playbook() -> Playbook:
    path = FIXTURES / "mini-playbook.yaml"
    return validate_playbook(parse_text(path.read_text("utf-8"), str(path)))


def plan_from(text: str, name: str = "plan.yaml") -> Plan:
    return validate_plan(parse_text(textwrap.dedent(text), name))


def check(path: Path) -> None:
    """Check one plan file as ``validate`` does; raises the :class:`InputError` it would report."""
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import Failed, Run, process

    outcome = process(PlanFile(path), Run())
    if isinstance(outcome, Failed):
        raise outcome.error()


def audit_plan(path: Path, as_of: dt.date = dt.date(2027, 1, 15), **flags: Any) -> AuditResult:
    """Audit one plan file as ``audit`` does; raises the error it would report."""
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import Audited, AuditSettings, Failed, Run, process

    outcome = process(PlanFile(path), Run(settings=AuditSettings(as_of=as_of, **flags)))
    if isinstance(outcome, Failed):
        raise outcome.error()
    assert isinstance(outcome, Audited)
    return outcome.result


def make_plan(answers: dict[str, Any] | None = None, **fields: Any) -> Plan:
    """A plan against the mini playbook, built from Python values."""
    data: dict[str, Any] = {
        "journeycheck": 1,
        "product": "Acme Ledger",
        "playbook": "mini-playbook.yaml",
        "launch": "2027-03-01",
    }
    data.update(fields)
    data["answers"] = answers or {}
    return Plan.model_validate(data)


GOLDEN = Path(__file__).parent / "golden"


class Ran(NamedTuple):
    """What one run of the command line did."""

    code: int
    out: str
    err: str


def invoke(
    *args: str | Path, input: str | None = None, env: Mapping[str, str | None] | None = None
) -> Ran:
    """Run ``journeycheck ARGS`` in this process, through Typer's CliRunner.

    An exception that escapes the command (rather than becoming an exit code)
    is raised here, so a test sees the bug instead of an exit code of 1.
    """
    from typer.testing import CliRunner

    from journeycheck.cli import app

    result = CliRunner().invoke(app, [str(arg) for arg in args], input=input, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def assert_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>`` byte for byte.

    ``make golden`` (JOURNEYCHECK_REGENERATE=1) rewrites the files on purpose;
    review the diff before committing it.
    """
    import os

    path = GOLDEN / name
    if os.environ.get("JOURNEYCHECK_REGENERATE") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; run `make golden` to create it"
    expected = path.read_text("utf-8")
    assert text == expected, f"{name} differs from its golden file; `make golden` if on purpose"


class HalfWrite:
    """A file stream that takes half of what it is given, then raises ``error``.

    Stands in for a disk filling up or an interrupt in the middle of a write.
    """

    def __init__(self, real: Any, error: BaseException) -> None:
        self.real = real
        self.error = error

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> HalfWrite:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise self.error


def imported_by(*args: str, codes: tuple[int, ...] = (0,)) -> set[str]:
    """Top-level packages ``python -m journeycheck ARGS`` imports, from ``-X importtime``.

    Run in a subprocess, so nothing a test imported before can hide an import.
    """
    import os
    import subprocess
    import sys

    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "journeycheck", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[1],
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert completed.returncode in codes, completed.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in completed.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def drawn_by_rich(renderable: object, width: int, color: str | None, *, crop: bool = True) -> str:
    """What a plain Rich console (no markup, no highlighting) prints of ``renderable``."""
    import io

    from rich.console import Console

    console = Console(
        file=io.StringIO(),
        width=width,
        color_system=color,  # type: ignore[arg-type]
        force_terminal=color is not None,
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable, crop=crop)
    stream = console.file
    assert isinstance(stream, io.StringIO)
    return stream.getvalue()
