"""Plans whose gaps the ticket and SARIF tests export, named as a user would name them."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Failed, Run, process
from journeycheck.tickets import Selection, Tickets, tickets_from

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2027, 1, 15)
MINI = "tests/fixtures/mini-plan.yaml"
#: Text in every field that tries to break CSV, spreadsheets, shells, Jira and Markdown.
HOSTILE = "tests/fixtures/tickets/plan.yaml"


def tickets_of(path: Path, settings: AuditSettings, selection: Selection | None) -> Tickets:
    """The tickets of one plan file, read, checked, scored and located by the pipeline."""
    outcome = process(PlanFile(path), Run(settings=settings, locate=True))
    if isinstance(outcome, Failed):
        raise outcome.error()
    assert isinstance(outcome, Audited) and outcome.located is not None
    return tickets_from(outcome.result, outcome.located, selection)


@contextmanager
def at_root() -> Iterator[None]:
    """Run from the repository's root, so that plan paths are written relative to it."""
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def tickets(plan: str, selection: Selection | None = None) -> Tickets:
    """The gaps of ``plan`` (a path relative to the repository) as of ``AS_OF``; all by default."""
    with at_root():
        return tickets_of(Path(plan), AuditSettings(as_of=AS_OF), selection)


def assert_golden_bytes(name: str, text: str) -> None:
    """:func:`tests.helpers.assert_golden` for files whose line endings matter (CRLF CSV)."""
    from tests.helpers import GOLDEN

    path = GOLDEN / name
    data = text.encode("utf-8")
    if os.environ.get("JOURNEYCHECK_REGENERATE") == "1":
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing; run `make golden` to create it"
    assert data == path.read_bytes(), (
        f"{name} differs from its golden file; `make golden` if on purpose"
    )
