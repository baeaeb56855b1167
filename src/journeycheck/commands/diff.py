"""``journeycheck diff``: what changed between two audits of a plan.

OLD and NEW are plan files or plans as committed (``REV:PATH``); with
``--since``, one plan file is compared with itself as committed then. The flags
are checked first; ``--fail-on-regression`` decides the exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck import i18n
from journeycheck.commands import EXIT_GATE, EXIT_OK
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

if TYPE_CHECKING:
    DiffFormat = Format
else:
    DiffFormat = format_choice(Document.DIFF)

REGRESSION = "a question's credit fell or the verdict worsened since {ref} (--fail-on-regression)"


def run(
    reporter: Reporter,
    *,
    plans: list[str],
    since: str | None,
    output_format: Format | None,
    output: Path | None,
    as_of: str | None,
    old_as_of: str | None,
    fail_on_regression: bool,
    allow_outside: bool = False,
) -> int:
    """Compare the two sides; 0 when the diff is written, 1 on a regression if asked.

    ``allow_outside`` lets a plan file name a playbook file outside its repository; a
    committed plan's playbook must be in the repository whatever it says (JC661).
    """
    import datetime as dt

    from journeycheck.checking import flags
    from journeycheck.commands.audit import report_format
    from journeycheck.commands.weekly import refuse_overwriting, write
    from journeycheck.errors import UsageError

    new_day = flags.date(as_of, "--as-of")
    old_day = flags.date(old_as_of, "--old-as-of")
    if since is None and len(plans) != 2:
        raise UsageError("JC664")
    if since is not None and len(plans) != 1:
        raise UsageError("JC665")
    fmt = report_format(output_format, output)
    refuse_overwriting(output, [Path(plan) for plan in plans])

    from journeycheck.compare import regression
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.weekly import Dates, diff

    dates = Dates(today=dt.date.today(), as_of=new_day, old_as_of=old_day)
    new = plans[1] if since is None else None
    cache = PlaybookCache(allow_outside=allow_outside)
    found = i18n.in_plans_language(
        lambda: diff(plans[0], new, since, dates, cache),
        lambda made: made.plan_language,
        for_files=fmt is not Format.TERMINAL,
    )
    write(reporter, Document.DIFF, found, fmt, output)
    if fail_on_regression and regression(found):
        reporter.gate_failed(REGRESSION.format(ref=found.old.ref))
        return EXIT_GATE
    return EXIT_OK
