"""The Jira issue keys of gaps imported before, read from a CSV export of Jira's.

Jira's CSV importer updates an issue instead of creating one only when the row
carries that issue's key; it cannot find an issue by journeycheck's own id.
So for a second import, the user exports the issues from Jira (any filter that
holds them, "Export CSV"), and ``tickets --to jira --jira-export FILE`` reads
the key of each issue whose text holds a ticket key
(``journeycheck:<product-slug>:<question-id>``: the Description has it, and so
does the ``journeycheck ID`` column when it was mapped to a field).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from journeycheck.errors import InputError, Problem, os_reason

#: Jira names the column "Issue key" in its exports; other tools write "Issue Key".
KEY_HEADERS = ("issue key", "key")
_TICKET_KEY = re.compile(
    r"journeycheck:[^\W_]+(?:-[^\W_]+)*:[a-z0-9]+(?:[._-][a-z0-9]+)*(?![\w-]|\.[a-z0-9])"
)
_ISSUE_KEY = re.compile(r"[A-Z][A-Z0-9_]*-[0-9]+")


def read_issue_keys(path: Path) -> dict[str, str]:
    """Ticket key → Jira issue key, for every issue of the export that holds a ticket key.

    Problems are located as ``FILE:ROW:COLUMN``, the row as a spreadsheet
    numbers it (the header is row 1) and the column counted from 1.
    """
    name = str(path)
    text = _read(path, name)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise InputError([Problem(name, None, None, "JC720")])
    header = [cell.strip().lower() for cell in rows[0]]
    key_column = next((i for i, cell in enumerate(header) if cell in KEY_HEADERS), None)
    if key_column is None:
        raise InputError([Problem(name, 1, 1, "JC720")])
    found: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for number, row in enumerate(rows[1:], start=2):
        tickets: dict[str, int] = {}
        for column, cell in enumerate(row, start=1):
            for match in _TICKET_KEY.finditer(cell):
                tickets.setdefault(match.group(0), column)
        if not tickets:
            continue
        if len(tickets) > 1:
            first, second = list(tickets)[:2]
            where = tickets[second]
            problems.append(Problem(name, number, where, "JC722", first=first, second=second))
            continue
        ticket, column = next(iter(tickets.items()))
        issue = row[key_column].strip() if key_column < len(row) else ""
        if not _ISSUE_KEY.fullmatch(issue):
            header_text = rows[0][key_column]
            problems.append(
                Problem(name, number, key_column + 1, "JC721", value=issue, column=header_text)
            )
            continue
        if ticket in found and found[ticket][0] != issue:
            other, row_number = found[ticket]
            problems.append(
                Problem(name, number, column, "JC723", ticket=ticket, other=other, row=row_number)
            )
            continue
        found[ticket] = (issue, number)
    if problems:
        raise InputError(problems)
    return {ticket: issue for ticket, (issue, _) in found.items()}


#: A Jira export of a few thousand issues is a few megabytes.
MAX_BYTES = 64 * 1024 * 1024


def _read(path: Path, name: str) -> str:
    """The export's text: UTF-8, with or without the byte order mark Excel adds."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "JC001")]) from None
    except PermissionError:
        raise InputError([Problem(name, None, None, "JC004")]) from None
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError([Problem(name, None, None, "JC005", reason=reason)]) from None
    if len(raw) > MAX_BYTES:
        raise InputError([Problem(name, None, None, "JC725", limit=MAX_BYTES)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError([Problem(name, line, column, "JC724", byte=raw[exc.start])]) from None
