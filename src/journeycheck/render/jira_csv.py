"""Open gaps as a CSV file for Jira's CSV importer (``tickets --to jira``).

One row per gap, in the columns of the saved importer configuration
``docs/jira-import-config.json`` (docs/tickets.md explains each mapping):

``Summary``, ``Issue Type``, ``Description``, ``Assignee``, ``Due date``,
``Priority``, ``Labels`` (three columns: ``journeycheck``, the phase, the
team), ``journeycheck ID`` (the ticket key), and ``Issue Key`` when the keys
of issues created by an earlier import are known (see :mod:`journeycheck.jira_keys`).

The file is RFC 4180 CSV in UTF-8 without a byte order mark (Jira reads a BOM
as part of the first header), rows ending in CRLF. The Description is Jira's
text-formatting notation, with every piece of plan and playbook text escaped
so that it shows as typed; any cell that a spreadsheet would read as a
formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

from journeycheck.render.spreadsheet import safe_cell

if TYPE_CHECKING:
    from journeycheck.models import Severity
    from journeycheck.tickets import Ticket, Tickets

#: Jira's default priorities, by severity (docs/tickets.md).
PRIORITIES: Final[dict[Severity, str]] = {
    "blocker": "Highest",
    "major": "High",
    "minor": "Medium",
}
ISSUE_TYPE: Final = "Task"
LABEL_COLUMNS: Final = 3
KEY_COLUMN: Final = "Issue Key"
ID_COLUMN: Final = "journeycheck ID"
HEADER: Final = (
    "Summary",
    "Issue Type",
    "Description",
    "Assignee",
    "Due date",
    "Priority",
    *(["Labels"] * LABEL_COLUMNS),
    ID_COLUMN,
)
#: The date format written, in the Java notation of the importer's ``config.date.format``.
DATE_FORMAT: Final = "yyyy-MM-dd"


def render(tickets: Tickets, keys: Mapping[str, str] | None = None) -> str:
    """The CSV text; ``keys`` maps ticket keys to the Jira issue keys already created."""
    with_keys = bool(keys)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*HEADER, KEY_COLUMN] if with_keys else HEADER)
    for ticket in tickets.tickets:
        row = [safe_cell(cell) for cell in _cells(tickets.product, ticket)]
        if with_keys:
            assert keys is not None
            row.append(keys.get(ticket.key, ""))
        writer.writerow(row)
    return out.getvalue()


#: Jira refuses a longer Summary; GitHub a title over 256 characters.
SUMMARY_LIMIT: Final = 255


def summary(product: str, ticket: Ticket) -> str:
    """``[product] question`` on one line, cut to what Jira and GitHub accept.

    A cut summary ends with an ellipsis; the Description has the whole question.
    """
    text = _one_line(f"[{product}] {ticket.ask}")
    if len(text) <= SUMMARY_LIMIT:
        return text
    return text[: SUMMARY_LIMIT - 1].rstrip() + "\u2026"


def _cells(product: str, ticket: Ticket) -> list[str]:
    return [
        summary(product, ticket),
        ISSUE_TYPE,
        description(ticket),
        _one_line(ticket.assignee or ""),
        ticket.due.isoformat() if ticket.due is not None else "",
        PRIORITIES[ticket.severity],
        "journeycheck",
        ticket.phase,
        ticket.team,
        ticket.key,
    ]


def facts(ticket: Ticket) -> list[tuple[str, str]]:
    """The facts of a ticket below its question, help and risk, labelled in the run's
    language: why it is a gap, its answer's status (as the plan writes it), severity,
    phase, team, owner, due date, note and evidence. Shared with the GitHub issues."""
    from journeycheck.i18n import r_, rpgettext
    from journeycheck.render import view

    listed = [
        (rpgettext("ticket", "Reasons"), view.reasons_phrase(ticket.reasons)),
        (
            rpgettext("ticket", "Status"),
            ticket.status if ticket.status is not None else view.reason_word("unanswered"),
        ),
        (rpgettext("ticket", "Severity"), view.severity_word(ticket.severity)),
        (rpgettext("ticket", "Phase"), f"{ticket.phase_title} ({ticket.phase})"),
        (rpgettext("ticket", "Team"), f"{ticket.team_title} ({ticket.team})"),
    ]
    if ticket.assignee is not None:
        owner = ticket.assignee
        if ticket.assignee_is_team_owner:
            owner = r_("{owner} (the team's owner)").format(owner=owner)
        listed.append((rpgettext("ticket", "Owner"), owner))
    if ticket.due is not None:
        listed.append((rpgettext("ticket", "Due"), ticket.due.isoformat()))
    if ticket.note:
        listed.append((rpgettext("ticket", "Note"), ticket.note))
    if ticket.evidence:
        listed.append((rpgettext("ticket", "Evidence"), ticket.evidence))
    return listed


def description(ticket: Ticket) -> str:
    """The issue's Description in Jira's notation: one labelled line per fact."""
    from journeycheck.i18n import r_, rpgettext

    lines = [
        _labelled(rpgettext("ticket", "Question"), ticket.ask),
        *([_labelled(rpgettext("ticket", "Why it matters"), ticket.help)] if ticket.help else []),
        *([_labelled(rpgettext("ticket", "Risk"), ticket.risk)] if ticket.risk else []),
        *(_labelled(label, value) for label, value in facts(ticket)),
    ]
    place = r_("{file}, line {line}").format(file=ticket.file, line=ticket.line)
    ending = "\n".join(
        [_labelled(rpgettext("ticket", "Plan"), place), _labelled(ID_COLUMN, ticket.key)]
    )
    text = "\n".join(lines)
    room = DESCRIPTION_LIMIT - len(ending) - 1
    if len(text) > room:
        cut = r_("(The rest is in the plan.)")
        text = text[: room - len(cut) - 1].rstrip() + "\n" + cut
    return text + "\n" + ending


#: Jira keeps at most this many characters of a Description.
DESCRIPTION_LIMIT: Final = 32_767

# -- Jira's text-formatting notation --------------------------------------------

#: Characters that start a macro, link, table, image, mention or text effect anywhere.
_INLINE = re.compile(r"[{}\[\]|!*_+^~]")
#: ``??citation??`` and ``-deleted-`` (a hyphen that opens a word).
_CITATION = re.compile(r"\?\?")
_DELETED = re.compile(r"(?<!\S)-(?=\S)")
#: What starts a heading, quote, list, table or rule at the beginning of a line.
_LINE_START = re.compile(r"^(?:h[1-6]\.|bq\.|#|-)", re.IGNORECASE)


def jira_text(text: str) -> str:
    """``text`` in Jira's notation, showing as typed: every special character escaped.

    A backslash is written as the character reference ``&#92;``, since ``\\\\``
    is Jira's line break and a lone one escapes the next character.
    """
    lines = []
    for raw in _NEWLINES.split(text.strip()):
        line = _ENTITY.sub("&amp;", raw).replace("\\", "&#92;")
        line = _INLINE.sub(lambda found: "\\" + found.group(0), line)
        line = _CITATION.sub("?\\?", line)
        line = _DELETED.sub("\\-", line)
        start = _LINE_START.match(line)
        if start is not None and not line.startswith("\\"):
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


_NEWLINES = re.compile(r"\r\n|\r|\n")
#: ``&`` matters only where it would start a character reference such as ``&amp;``.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def _labelled(label: str, value: str) -> str:
    return f"*{label}:* {jira_text(value)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
