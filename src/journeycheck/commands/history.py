"""``journeycheck history``: one audit per commit that changed the plan.

The dates are checked first; then git is asked for the revisions and their
contents (:mod:`journeycheck.history`). A shallow clone is a warning on stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

if TYPE_CHECKING:
    HistoryFormat = Format
else:
    HistoryFormat = format_choice(Document.HISTORY)


def run(
    reporter: Reporter,
    *,
    plan: Path,
    since: str | None,
    until: str | None,
    as_of: str | None,
    output_format: Format | None,
    output: Path | None,
    allow_outside: bool = False,
) -> int:
    """Write the plan's history; 0 when it is written, whatever the revisions hold.

    ``allow_outside`` lets the uncommitted working file name a playbook file outside the
    repository; a committed revision's playbook must be in it whatever it says (JC661).
    """
    import datetime as dt

    from journeycheck.checking import flags
    from journeycheck.commands.audit import report_format
    from journeycheck.commands.weekly import refuse_overwriting, write
    from journeycheck.errors import BadParameter

    first = flags.date(since, "--since")
    last = flags.date(until, "--until")
    today = flags.date(as_of, "--as-of") or dt.date.today()
    if first is not None and last is not None and first > last:
        raise BadParameter("--since", "JC666", since=first.isoformat(), until=last.isoformat())
    fmt = report_format(output_format, output)
    refuse_overwriting(output, [plan])

    from journeycheck.history import plan_history
    from journeycheck.playbooks import PlaybookCache

    found = plan_history(
        plan, PlaybookCache(allow_outside=allow_outside), today=today, since=first, until=last
    )
    for warning in found.warnings:
        reporter.warning(warning)
    write(reporter, Document.HISTORY, found.history, fmt, output)
    return EXIT_OK
