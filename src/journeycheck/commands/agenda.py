"""``journeycheck agenda``: per owner, what the next review should discuss."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck import i18n
from journeycheck.commands import EXIT_OK
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

if TYPE_CHECKING:
    AgendaFormat = Format
else:
    AgendaFormat = format_choice(Document.AGENDA)

#: How far ahead "due soon" and "expiring" look unless --days says otherwise.
DEFAULT_DAYS = 7


def run(
    reporter: Reporter,
    *,
    plan: Path,
    days: int,
    since: str | None,
    as_of: str | None,
    output_format: Format | None,
    output: Path | None,
    allow_outside: bool = False,
) -> int:
    """Write the agenda of ``plan``; 0 when it is written. ``allow_outside`` lets the plan
    file name a playbook file outside its repository (as committed, it must be in it)."""
    import datetime as dt

    from journeycheck.checking import flags
    from journeycheck.commands.audit import report_format
    from journeycheck.commands.weekly import refuse_overwriting, write

    today = flags.date(as_of, "--as-of") or dt.date.today()
    fmt = report_format(output_format, output)
    refuse_overwriting(output, [plan])

    from journeycheck.playbooks import PlaybookCache
    from journeycheck.weekly import agenda

    cache = PlaybookCache(allow_outside=allow_outside)
    found = i18n.in_plans_language(
        lambda: agenda(plan, days, since, today, cache),
        lambda made: made.plan_language,
        for_files=fmt is not Format.TERMINAL,
    )
    write(reporter, Document.AGENDA, found, fmt, output)
    return EXIT_OK
