"""Open gaps as GitHub issues (``tickets --to github``).

Two forms of the same issues:

- :func:`render_jsonl`: JSON Lines, one issue per line, for a script or a bot
  of your own: ``{"key", "title", "body", "labels", "assignees"}``.
- :func:`render_script`: a POSIX shell script of ``gh`` commands. For each
  issue it first looks for an issue (open or closed) whose body holds the
  issue's hidden marker, ``<!-- journeycheck:<product-slug>:<question-id> -->``,
  and edits that one; only when there is none does it create one. Running it
  again updates instead of duplicating. Every value is quoted for the shell.

journeycheck itself never talks to GitHub: the script runs ``gh`` with the
user's own login, against the repository ``gh`` picks (``GH_REPO`` or the
current checkout).

The body is GitHub Markdown with every piece of plan and playbook text
escaped, so nothing in a plan becomes a link, a mention, HTML or a task list
that its author did not write.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import TYPE_CHECKING, Final

from journeycheck import __version__
from journeycheck.render.jira_csv import facts, summary
from journeycheck.render.markdown_text import code_span, escape_inline, escape_paragraph

if TYPE_CHECKING:
    from journeycheck.tickets import Ticket, Tickets

#: A GitHub login: letters, digits and single hyphens inside, at most 39 characters.
_HANDLE = re.compile(r"@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})")
#: Labels the script creates (or refreshes) before it files issues.
LABEL_COLOR: Final = "5319e7"
#: gh lists at most this many issues when it looks for a marker.
SEARCH_LIMIT: Final = 5000


def github_handle(owner: str | None) -> str | None:
    """The GitHub login an owner names, or ``None``.

    Only an owner written as ``@login`` counts: a bare ``Maria`` is a valid
    login too, most likely of someone else, and assigning the issue to a
    stranger is worse than leaving it unassigned.
    """
    if owner is None:
        return None
    found = _HANDLE.fullmatch(owner.strip())
    return found.group(1) if found is not None else None


def marker(ticket: Ticket) -> str:
    """The hidden marker that finds this ticket's issue again."""
    return f"<!-- {ticket.key} -->"


def labels(ticket: Ticket) -> list[str]:
    return ["journeycheck", ticket.phase, ticket.team]


def issue(tickets: Tickets, ticket: Ticket) -> dict[str, object]:
    """One issue as the JSON Lines form writes it."""
    handle = github_handle(ticket.assignee)
    return {
        "key": ticket.key,
        "title": summary(tickets.product, ticket),
        "body": body(ticket),
        "labels": labels(ticket),
        "assignees": [handle] if handle is not None else [],
    }


def render_jsonl(tickets: Tickets) -> str:
    return "".join(
        json.dumps(issue(tickets, ticket), ensure_ascii=False) + "\n" for ticket in tickets.tickets
    )


def body(ticket: Ticket) -> str:
    """The issue body in GitHub Markdown, ending with the hidden marker."""
    from journeycheck.i18n import r_, rpgettext

    lines = [f"**{escape_paragraph(ticket.ask)}**", ""]
    if ticket.help:
        lines += [escape_paragraph(ticket.help), ""]
    if ticket.risk:
        lines += [f"**{rpgettext('ticket', 'Risk')}:** {escape_paragraph(ticket.risk)}", ""]
    lines += [f"- **{label}:** {escape_inline(value)}" for label, value in facts(ticket)]
    place = r_("Answer it in {file}, line {line}.").format(
        file=code_span(ticket.file), line=ticket.line
    )
    lines += ["", place]
    return quiet("\n".join(lines)) + "\n\n" + marker(ticket) + "\n"


#: ``@login`` and ``#123`` / ``owner/repo#123``: GitHub notifies that person, or
#: links (and back-links) that issue.
_MENTION = re.compile(r"(\]\(<[^>]*>\))|(?<![0-9A-Za-z])@(?=[0-9A-Za-z])|#(?=[0-9])")
#: U+2060 WORD JOINER: invisible, and it keeps GitHub from seeing a mention or a reference.
_JOINER = "\u2060"


def quiet(markdown: str) -> str:
    """``markdown`` with no mention or issue reference in it.

    The body is written by a script on the user's behalf: a note saying
    ``waiting for @legal-team`` must not notify a team, nor ``see acme/web#12``
    post a back-link in another repository. The text still reads the same.
    """

    def defuse(found: re.Match[str]) -> str:
        # A link's destination (written by the escaper as ``](<...>)``) is left as it is.
        return found.group(0) if found.group(1) else found.group(0) + _JOINER

    return _MENTION.sub(defuse, markdown)


# -- the gh script -----------------------------------------------------------------


def render_script(tickets: Tickets) -> str:
    """A POSIX shell script that creates or updates one issue per ticket with ``gh``."""
    q = shlex.quote
    out = [
        "#!/bin/sh",
        f"# GitHub issues for the open gaps of {_comment(tickets.product)},",
        f"# written by journeycheck {__version__} from {_comment(tickets.file)} "
        f"as of {tickets.as_of.isoformat()}.",
        "# Needs gh (https://cli.github.com), logged in. It files the issues in the",
        "# repository gh picks: GH_REPO=owner/name, or the checkout it runs in.",
        "# An issue whose body holds a ticket's marker is updated, not filed again.",
        "set -eu",
        "",
        "command -v gh >/dev/null 2>&1 || { echo 'gh is not installed' >&2; exit 127; }",
        "",
    ]
    names = sorted({name for ticket in tickets.tickets for name in labels(ticket)})
    if names:
        # Labels the repository lacks are created; existing ones are left as they are.
        out.append(f"existing=$(gh label list --limit {SEARCH_LIMIT} --json name --jq '.[].name')")
    for name in names:
        out.append(
            f"printf '%s\\n' \"$existing\" | grep -Fqx -- {q(name)} || "
            f"gh label create {q(name)} --color {LABEL_COLOR} "
            f"--description {q('journeycheck launch-readiness gap')} >/dev/null"
        )
    out += ["", _FIND_FUNCTION, ""]
    for ticket in tickets.tickets:
        out += _issue_commands(tickets, ticket)
    out.append(f"echo {q(DONE.format(count=len(tickets.tickets)))}")
    return "\n".join(out) + "\n"


DONE: Final = "journeycheck: {count} issues are up to date."

#: Prints the number of the issue whose body holds the marker given as $1, if any.
_FIND_FUNCTION = f"""\
jc_find() {{
  gh issue list --state all --label journeycheck --limit {SEARCH_LIMIT} \\
    --json number,body \\
    --jq "[.[] | select(.body | contains(\\"$1\\")) | .number] | first // empty"
}}"""


def _issue_commands(tickets: Tickets, ticket: Ticket) -> list[str]:
    q = shlex.quote
    title, text = q(summary(tickets.product, ticket)), q(body(ticket))
    label_list = q(",".join(labels(ticket)))
    handle = github_handle(ticket.assignee)
    assign_new = f" --assignee {q(handle)}" if handle is not None else ""
    assign_old = f" --add-assignee {q(handle)}" if handle is not None else ""
    # The marker holds only letters, digits and ".:_-": safe inside the jq string.
    return [
        f"# {ticket.question}",
        f"number=$(jc_find {q(marker(ticket))})",
        'if [ -n "$number" ]; then',
        f'  gh issue edit "$number" --title {title} --body {text} '
        f"--add-label {label_list}{assign_old} >/dev/null",
        "else",
        f"  gh issue create --title {title} --body {text} --label {label_list}{assign_new}",
        "fi",
        "",
    ]


def _comment(text: str) -> str:
    """Text for a ``#`` comment line: on one line, so it cannot end the comment."""
    return " ".join(text.split())
