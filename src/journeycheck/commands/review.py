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

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

DONE = {
    # By the number of answers changed: a translation may need more forms than two.
    "one": "Reviewed {asked} of {total} questions; 1 answer changed.",
    "other": "Reviewed {asked} of {total} questions; {changed} answers changed.",
}
NOTHING = "Nothing is open to review; journeycheck review --all asks about every question."
NOTHING_NARROWED = (
    "Nothing is open to review in those teams and phases; journeycheck review --all asks "
    "about every question."
)
CHANGE = "  {question}: {field}: {old} → {new}"
VERDICT = "Verdict {before} → {after}; gate score {score_before} → {score_after}."


def run(
    reporter: Reporter,
    *,
    plan: Path,
    teams: list[str],
    phases: list[str],
    everything: bool,
    as_of: str | None,
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
        TerminalPrompter(),
        as_of=as_of_date,
        teams=teams,
        phases=phases,
        everything=everything,
    )
    if not outcome.total:
        reporter.out((NOTHING_NARROWED if teams or phases else NOTHING) + "\n")
        return EXIT_OK
    changed = len({change.question for change in outcome.changes})
    template = DONE["one" if changed == 1 else "other"]
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
            VERDICT.format(
                before=before.verdict,
                after=after.verdict,
                score_before="none" if before.score is None else f"{before.score:.1f}",
                score_after="none" if after.score is None else f"{after.score:.1f}",
            )
        )
    reporter.out("\n".join(lines) + "\n")
    return EXIT_OK


def _stdin_is_terminal() -> bool:
    """Whether someone can answer questions (tests replace this to drive the prompts)."""
    return sys.stdin.isatty()
