"""Running ``journeycheck tickets`` and ``audit --format sarif``: a plan file to tracker items.

The plan is read, checked and scored as for ``audit``; its open gaps become
:class:`~journeycheck.tickets.Tickets`, located in the plan document; a
format turns them into text, which is written only once everything has
succeeded. journeycheck never sends them anywhere: the user imports the file
(Jira), runs the script (GitHub) or uploads the SARIF log (code scanning).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.pipeline import AuditSettings, PlaybookCache
    from journeycheck.tickets import Selection, Tickets


class Tracker(str, enum.Enum):
    """Where ``tickets --to`` sends the gaps."""

    JIRA = "jira"
    GITHUB = "github"


@dataclass(frozen=True)
class TicketsRequest:
    """What ``journeycheck tickets`` was asked for."""

    plan: Path
    to: Tracker
    settings: AuditSettings
    selection: Selection
    #: GitHub: a ``gh`` shell script instead of JSON Lines.
    script: bool = False
    #: Jira: a CSV export of the issues an earlier import created, to update them.
    jira_export: Path | None = None
    output: Path | None = None


def tickets_of(
    path: Path,
    settings: AuditSettings,
    selection: Selection | None,
    cache: PlaybookCache | None = None,
) -> Tickets:
    """Read, check and score one plan, and locate its gaps that ``selection`` keeps."""
    from journeycheck.pipeline import PlaybookCache, audit_with, plan_from_document
    from journeycheck.reading import load_file
    from journeycheck.tickets import build

    doc = load_file(path)
    loaded = plan_from_document(doc, path, cache if cache is not None else PlaybookCache())
    result = audit_with(loaded, settings)
    return build(result, loaded.playbook, loaded.plan, doc, selection)


def render_tickets(
    tickets: Tickets, request: TicketsRequest, keys: Mapping[str, str] | None = None
) -> str:
    """The text ``tickets`` writes for ``request``."""
    if request.to is Tracker.JIRA:
        from journeycheck.render import jira_csv

        return jira_csv.render(tickets, keys)
    from journeycheck.render import github_issues

    if request.script:
        return github_issues.render_script(tickets)
    return github_issues.render_jsonl(tickets)


def export_tickets(request: TicketsRequest) -> int:
    """Write the tickets of one plan; returns how many were written."""
    from journeycheck.auditing import refuse_overwriting_inputs
    from journeycheck.files import open_output
    from journeycheck.pipeline import PlaybookCache

    refuse_overwriting_inputs(request.output, [request.plan])
    if request.jira_export is not None:
        refuse_overwriting_inputs(
            request.output, [request.jira_export], "the Jira export being read"
        )
    cache = PlaybookCache()
    tickets = tickets_of(request.plan, request.settings, request.selection, cache)
    refuse_overwriting_inputs(request.output, cache.files(), "the playbook of the plan")
    keys = None
    if request.jira_export is not None:
        from journeycheck.jira_keys import read_issue_keys

        keys = read_issue_keys(request.jira_export)
    text = render_tickets(tickets, request, keys)
    with open_output(request.output) as stream:
        stream.write(text)
    return len(tickets.tickets)
