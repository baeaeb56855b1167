"""``journeycheck tickets``: a plan's open gaps for Jira's CSV importer or for GitHub issues.

The flags are checked first; the plan then goes through
:func:`journeycheck.pipeline.process`, asked to locate the answers of its gaps,
and the gaps the flags choose become :class:`~journeycheck.tickets.Tickets`.
The file is written only once everything has succeeded. journeycheck never sends
anything anywhere: the user imports the CSV file, or runs the script with their
own ``gh`` login (docs/tickets.md).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck import i18n
from journeycheck.commands import EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter
    from journeycheck.models import Severity
    from journeycheck.tickets import Tickets

__all__ = ["Tracker", "TicketSeverity", "run", "text_for"]


class Tracker(str, enum.Enum):
    """Where ``tickets --to`` sends the gaps."""

    JIRA = "jira"
    GITHUB = "github"


class TicketSeverity(str, enum.Enum):
    """The severities ``--severity`` chooses (the playbook's, models.SEVERITIES)."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"


#: The module that writes each tracker's form, and the function of it for each form.
FORMS: dict[tuple[Tracker, bool], tuple[str, str]] = {
    (Tracker.JIRA, False): ("journeycheck.render.jira_csv", "render"),
    (Tracker.GITHUB, False): ("journeycheck.render.github_issues", "render_jsonl"),
    (Tracker.GITHUB, True): ("journeycheck.render.github_issues", "render_script"),
}


def run(
    reporter: Reporter,
    *,
    plan: Path,
    to: Tracker,
    script: bool,
    jira_export: Path | None,
    output: Path | None,
    as_of: str | None,
    gate: str | None,
    threshold: float | None,
    teams: list[str],
    severities: list[TicketSeverity],
    gate_only: bool,
    allow_outside: bool = False,
) -> int:
    """Write the tickets of ``plan``'s open gaps; 0 when they are written."""
    import datetime as dt

    from journeycheck.checking import flags
    from journeycheck.errors import BadParameter

    as_of_date = flags.date(as_of, "--as-of") or dt.date.today()
    threshold = flags.finite(threshold, "--threshold")
    tracker = Tracker(to)
    if script and tracker is not Tracker.GITHUB:
        raise BadParameter("--script", "JC727")
    if jira_export is not None and tracker is not Tracker.JIRA:
        raise BadParameter("--jira-export", "JC728")

    from journeycheck.commands.audit import refuse_overwriting_inputs
    from journeycheck.output import open_output
    from journeycheck.paths import PlanFile
    from journeycheck.pipeline import Audited, AuditSettings, Failed, Run, process
    from journeycheck.tickets import Selection, tickets_from

    chosen: tuple[Severity, ...] = tuple(severity.value for severity in severities)
    selection = Selection(gate_only=gate_only, teams=tuple(teams), severities=chosen)
    # --team narrows the audit as it does for `audit`, which also refuses an unknown team.
    settings = AuditSettings(as_of=as_of_date, gate=gate, threshold=threshold, teams=tuple(teams))
    refuse_overwriting_inputs(output, [plan], "JC509")
    if jira_export is not None:
        refuse_overwriting_inputs(output, [jira_export], "JC729")
    run = Run(settings=settings, locate=True, allow_outside=allow_outside)

    def audited() -> Audited:
        outcome = process(PlanFile(plan), run)
        if isinstance(outcome, Failed):
            raise outcome.error()
        assert isinstance(outcome, Audited), "a plan named on the command line is never skipped"
        assert outcome.located is not None, "the run asked for the places of the gaps"
        return outcome

    # In the plan's language, unless --lang or JOURNEYCHECK_LANG says otherwise (never the
    # locale's: a file for a tracker is the same whoever writes it).
    outcome = i18n.in_plans_language(
        audited, lambda found: found.result.plan_language, for_files=True
    )
    refuse_overwriting_inputs(output, run.playbooks.files(), "JC510")
    assert outcome.located is not None
    tickets = tickets_from(outcome.result, outcome.located, selection)
    keys = None
    if jira_export is not None:
        from journeycheck.jira_keys import read_issue_keys

        keys = read_issue_keys(jira_export)
    text = text_for(tickets, tracker, script=script, keys=keys)
    with open_output(output) as stream:
        stream.write(text)
    return EXIT_OK


def text_for(
    tickets: Tickets,
    tracker: Tracker,
    *,
    script: bool = False,
    keys: Mapping[str, str] | None = None,
) -> str:
    """The file ``tickets --to TRACKER`` writes."""
    import importlib

    module, function = FORMS[(tracker, script)]
    write = getattr(importlib.import_module(module), function)
    if tracker is Tracker.JIRA:
        text: str = write(tickets, keys)
    else:
        text = write(tickets)
    return text
