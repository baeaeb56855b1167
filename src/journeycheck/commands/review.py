"""``journeycheck review``: walk the open questions one by one and record each answer.

Refused without a terminal on standard input (scripts use ``set``); the walk
itself is :mod:`journeycheck.reviewing`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK
from journeycheck.i18n import _, format_decimal, ngettext, pgettext

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

CHANGE = "  {question}: {field}: {old} → {new}"


def run(
    reporter: Reporter,
    *,
    plan: Path,
    teams: list[str],
    phases: list[str],
    everything: bool,
    as_of: str | None,
    allow_outside: bool = False,
) -> int:
    """Walk the questions of ``plan``, saving each answer before the next."""
    from journeycheck.checking import flags
    from journeycheck.errors import UsageError

    as_of_date = flags.date(as_of, "--as-of") or dt.date.today()
    if not _stdin_is_terminal():
        raise UsageError("JC626")

    from journeycheck.editing import shown_value
    from journeycheck.reviewing import TerminalPrompter, review

    outcome = review(
        plan,
        TerminalPrompter(ascii_only=reporter.ascii_only),
        as_of=as_of_date,
        teams=teams,
        phases=phases,
        everything=everything,
        allow_outside=allow_outside,
    )
    if not outcome.total:
        if teams or phases:
            nothing = _(
                "Nothing is open to review in those teams and phases; journeycheck review "
                "--all asks about every question."
            )
        else:
            nothing = _(
                "Nothing is open to review; journeycheck review --all asks about every question."
            )
        reporter.human(nothing + "\n")
        return EXIT_OK
    changed = len({change.question for change in outcome.changes})
    template = ngettext(
        "Reviewed {asked} of {total} questions; {changed} answer changed.",
        "Reviewed {asked} of {total} questions; {changed} answers changed.",
        changed,
    )
    lines = [template.format(asked=outcome.asked, total=outcome.total, changed=changed)]
    for change in outcome.changes:
        lines.append(
            CHANGE.format(
                question=change.question,
                field=change.field,
                old=shown_value(change.old),
                new=shown_value(change.new),
            )
        )
    before, after = outcome.before, outcome.after
    if before is not None and after is not None:
        lines.append(
            _("Verdict {before} → {after}; gate score {score_before} → {score_after}.").format(
                before=before.verdict,
                after=after.verdict,
                score_before=_score(before.score),
                score_after=_score(after.score),
            )
        )
    reporter.human("\n".join(lines) + "\n")
    return EXIT_OK


def _score(score: float | None) -> str:
    return pgettext("score", "none") if score is None else format_decimal(score)


def _stdin_is_terminal() -> bool:
    """Whether someone can answer questions (tests replace this to drive the prompts)."""
    return sys.stdin.isatty()
