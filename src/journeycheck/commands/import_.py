"""``journeycheck import``: merge the cells of an edited spreadsheet back into the plan.

(``import_`` because ``import`` is a Python keyword.) The sheet is read by
:mod:`journeycheck.sheet`; the plan is changed by :mod:`journeycheck.editing`,
as ``set`` changes it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter


def run(
    reporter: Reporter,
    *,
    plan: Path,
    sheet: Path,
    dry_run: bool,
    as_of: str | None,
    allow_outside: bool = False,
    encoding: str | None = None,
) -> int:
    """Merge ``sheet`` into ``plan``; with ``dry_run``, print the diff only;
    ``allow_outside`` lets the plan name a playbook file outside its repository;
    ``encoding`` is the sheet's, when it is not UTF-8."""
    from journeycheck.checking import flags

    as_of_date = flags.date(as_of, "--as-of") or dt.date.today()
    sheet_encoding = flags.encoding(encoding, "--encoding")

    from journeycheck.commands.set import record
    from journeycheck.sheet import import_sheet

    prepared, notes = import_sheet(
        plan, sheet, as_of_date, allow_outside=allow_outside, encoding=sheet_encoding
    )
    for line in notes:
        reporter.note(line)
    return record(reporter, prepared, dry_run=dry_run)
