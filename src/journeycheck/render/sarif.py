"""Gaps as SARIF 2.1.0, for GitHub code scanning and other SARIF viewers (``audit --format sarif``).

One run of the tool ``journeycheck``; one rule per question that has a gap
(``ruleId`` is the question id, the descriptions come from the playbook); one
result per gap, located on the line of its answer in the plan (or of the
``answers:`` key when it is unanswered), so that a pull request shows it as an
annotation there. ``level`` follows the severity: blocker ``error``, major
``warning``, minor ``note``. ``partialFingerprints`` holds a hash of the
ticket key (product and question), so an alert stays the same alert when
lines move or the answer changes, and ends when the gap is closed.

The output is plain JSON from the standard library, the same bytes for the
same inputs; ``tests/sarif/sarif-schema-2.1.0.json`` validates it in the tests.
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any, Final

from journeycheck import __version__

if TYPE_CHECKING:
    from journeycheck.models import Severity
    from journeycheck.render import RenderOptions, Section
    from journeycheck.result import AuditResult
    from journeycheck.tickets import Located, Ticket, Tickets

SARIF_VERSION: Final = "2.1.0"
SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS: Final[dict[Severity, str]] = {"blocker": "error", "major": "warning", "minor": "note"}
#: The name and version of journeycheck's fingerprint; a new way to compute it gets /v2.
FINGERPRINT: Final = "journeycheckGap/v1"
#: Relative plan paths are relative to the folder journeycheck ran in: the checkout's root in CI.
SOURCE_ROOT: Final = "%SRCROOT%"

# -- the report interface (journeycheck.render) ------------------------------------


def render(result: AuditResult, options: RenderOptions, located: Located | None) -> str:
    """One plan's gaps as a SARIF log (``audit --format sarif``)."""
    return log([_tickets(result, options, located)])


def render_section(result: AuditResult, options: RenderOptions, located: Located | None) -> str:
    """One plan's part of a portfolio's log, rendered where the plan was audited."""
    return section(_tickets(result, options, located))


def assemble(sections: Iterable[Section], options: RenderOptions) -> Iterator[str]:
    """A portfolio's log, from its plans' sections."""
    return assemble_log(part.as_text() for part in sections)


def _tickets(result: AuditResult, options: RenderOptions, located: Located | None) -> Tickets:
    from journeycheck.tickets import tickets_from

    if located is None:  # pragma: no cover - the registry asks the pipeline for the places
        raise ValueError("a SARIF log needs the places of the gaps in the plan")
    if options.top is not None:
        result = result.model_copy(update={"gaps": result.gaps[: options.top]})
    return tickets_from(result, located)


# -- gaps as SARIF -----------------------------------------------------------------


def log(plans: Iterable[Tickets]) -> str:
    """The SARIF log of the gaps of one or more plans, as one run."""
    return "".join(assemble_log(section(tickets) for tickets in plans))


def section(tickets: Tickets) -> str:
    """One plan's gaps, ready for :func:`assemble`: a rule and a result per line.

    Rendered where the plan was audited (a worker process, for a portfolio);
    the rule indexes are set when the sections are assembled.
    """
    return "".join(
        json.dumps([_rule(ticket), _result(ticket, 0)], ensure_ascii=False) + "\n"
        for ticket in tickets.tickets
    )


def assemble_log(sections: Iterable[str]) -> Iterator[str]:
    """The log, one result per line as the sections arrive, then the rules they used.

    Memory holds one rule per question, not the results, however many plans
    there are. A result changes its line only when its gap changes.
    """
    yield (
        "{\n"
        f'  "$schema": {json.dumps(SARIF_SCHEMA)},\n'
        f'  "version": {json.dumps(SARIF_VERSION)},\n'
        '  "runs": [\n'
        "    {\n"
        '      "results": ['
    )
    rules: dict[str, str] = {}
    index: dict[str, int] = {}
    separator = "\n"
    for text in sections:
        for line in text.splitlines():
            rule, result = json.loads(line)
            if rule["id"] not in rules:
                index[rule["id"]] = len(rules)
                rules[rule["id"]] = json.dumps(rule, ensure_ascii=False)
            result["ruleIndex"] = index[rule["id"]]
            yield separator + "        " + json.dumps(result, ensure_ascii=False)
            separator = ",\n"
    driver = json.dumps(
        {"name": "journeycheck", "version": __version__, "semanticVersion": __version__}
    )
    listed = ",\n".join("            " + rule for rule in rules.values())
    yield (
        ("\n      ],\n" if separator != "\n" else "],\n")
        + '      "tool": {\n'
        + f'        "driver": {driver[:-1]}, "rules": ['
        + (f"\n{listed}\n          " if rules else "")
        + "]}\n"
        + "      },\n"
        + '      "columnKind": "unicodeCodePoints"\n'
        + "    }\n"
        + "  ]\n"
        + "}\n"
    )


def fingerprint(ticket: Ticket) -> str:
    """A stable hash of the ticket key: the same product and question, the same alert."""
    return hashlib.sha256(ticket.key.encode("utf-8")).hexdigest()


def artifact_location(file: str) -> dict[str, str]:
    """The plan file as a SARIF artifact location: a relative URI, or a file: URI."""
    windows = PureWindowsPath(file)
    # Only an absolute path has a file: URI; "A:" (a drive without a root) is relative.
    if windows.is_absolute() or file.startswith("/"):
        path = PurePosixPath(file) if file.startswith("/") else windows
        return {"uri": path.as_uri()}
    parts = [part for part in PurePosixPath(file.replace("\\", "/")).parts if part != "."]
    relative = "/".join(parts)
    return {"uri": urllib.parse.quote(relative, safe="/"), "uriBaseId": SOURCE_ROOT}


def _rule(ticket: Ticket) -> dict[str, Any]:
    full = f"{ticket.ask}\n\n{ticket.help}" if ticket.help else ticket.ask
    if ticket.risk:
        full += f"\n\n{ticket.risk}"
    return {
        "id": ticket.question,
        "shortDescription": {"text": _one_line(ticket.ask)},
        "fullDescription": {"text": full},
        "help": {"text": full},
        "defaultConfiguration": {"level": LEVELS[ticket.severity]},
        "properties": {"tags": ["journeycheck", ticket.phase, ticket.team, ticket.severity]},
    }


def _result(ticket: Ticket, rule_index: int) -> dict[str, Any]:
    from journeycheck.i18n import r_
    from journeycheck.render import view

    # In the run's language, as the other reports say it; the properties keep the codes.
    message = r_("{ask} ({severity} gap: {reasons})").format(
        ask=_one_line(ticket.ask),
        severity=view.severity_word(ticket.severity),
        reasons=view.reasons_phrase(ticket.reasons),
    )
    properties: dict[str, Any] = {
        "key": ticket.key,
        "phase": ticket.phase,
        "team": ticket.team,
        "status": ticket.status,
        "reasons": list(ticket.reasons),
        "inGate": ticket.in_gate,
    }
    if ticket.assignee is not None:
        properties["owner"] = ticket.assignee
    if ticket.due is not None:
        properties["due"] = ticket.due.isoformat()
    return {
        "ruleId": ticket.question,
        "ruleIndex": rule_index,
        "level": LEVELS[ticket.severity],
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(ticket.file),
                    "region": {"startLine": ticket.line, "startColumn": ticket.column},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint(ticket)},
        "properties": properties,
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())
