"""Any text a plan or playbook may hold, in every field, survives every export format."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import cmarkgfm
import jsonschema
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeycheck.render import github_issues, jira_csv, sarif
from journeycheck.render.spreadsheet import FORMULA_STARTS
from journeycheck.tickets import Ticket, Tickets, product_slug, ticket_key

SCHEMA = json.loads((Path(__file__).parents[1] / "sarif" / "sarif-schema-2.1.0.json").read_text())
SH = shutil.which("sh")

#: What the plan and playbook checks let through: no control character but tab and line feed.
_TEXT = st.text(
    st.characters(
        exclude_categories=["Cs"],
        exclude_characters="".join(
            chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]
        ),
    ),
    max_size=40,
)
#: Text that tries hardest: the characters each format cares about, often at the start.
_NASTY = st.lists(
    st.sampled_from(
        [
            "=",
            "+",
            "-",
            "@",
            "\t",
            "\n",
            ",",
            '"',
            "'",
            "`",
            "$(",
            ")",
            "${",
            "}",
            "\\",
            ";",
            "|",
            "&",
            "<!--",
            "-->",
            "<",
            ">",
            "[",
            "]",
            "*",
            "_",
            "#1",
            "@x",
            "{code}",
            "h1. ",
            "EOF",
            "a",
            " ",
        ]
    ),
    max_size=12,
).map("".join)
TEXT = st.one_of(_NASTY, _TEXT)
FILLED = TEXT.filter(lambda text: text.strip() != "")
IDS = st.sampled_from(["find.rnd.ask", "pay.sales.terms", "use.support.sla-2"])


@st.composite
def ticket_sets(draw: st.DrawFn) -> Tickets:
    product = draw(FILLED)
    slug = product_slug(product)
    file = draw(st.one_of(st.just("plans/launch-plan.yaml"), FILLED))
    questions = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    tickets = []
    for question in questions:
        phase, team = question.split(".")[:2]
        tickets.append(
            Ticket(
                key=ticket_key(slug, question),
                question=question,
                phase=phase,
                phase_title=draw(FILLED),
                team=team,
                team_title=draw(FILLED),
                severity=draw(st.sampled_from(["blocker", "major", "minor"])),
                ask=draw(FILLED),
                help=draw(TEXT).strip(),
                risk=draw(st.one_of(st.none(), FILLED)),
                status=draw(st.sampled_from([None, "partial", "blocked", "not-started"])),
                reasons=("partial",),
                assignee=draw(st.one_of(st.none(), FILLED)),
                assignee_is_team_owner=draw(st.booleans()),
                due=draw(st.one_of(st.none(), st.just(dt.date(2027, 2, 1)))),
                in_gate=True,
                note=draw(st.one_of(st.none(), FILLED)),
                evidence=draw(st.one_of(st.none(), FILLED)),
                file=file,
                line=draw(st.integers(1, 5000)),
                column=draw(st.integers(1, 200)),
            )
        )
    return Tickets(product, slug, file, dt.date(2027, 1, 15), tuple(tickets))


@given(ticket_sets())
def test_jira_rows_read_back_and_run_no_formula(exported: Tickets) -> None:
    table = list(csv.reader(io.StringIO(jira_csv.render(exported), newline="")))
    assert table[0] == list(jira_csv.HEADER)
    assert len(table) == 1 + len(exported.tickets)
    for ticket, row in zip(exported.tickets, table[1:], strict=True):
        assert len(row) == len(jira_csv.HEADER)
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA_STARTS)
        cells = dict(zip(jira_csv.HEADER, row, strict=False))
        assert cells["Summary"] == " ".join(f"[{exported.product}] {ticket.ask}".split())
        assert cells[jira_csv.ID_COLUMN] == ticket.key
        assert f"*journeycheck ID:* {ticket.key}" in cells["Description"]
        assert row[6:9] == ["journeycheck", ticket.phase, ticket.team]


class _Parts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.add(tag)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


@given(ticket_sets())
def test_github_bodies_keep_one_marker_and_no_markup_of_the_plan(exported: Tickets) -> None:
    lines = github_issues.render_jsonl(exported).splitlines()
    assert len(lines) == len(exported.tickets)
    for ticket, line in zip(exported.tickets, lines, strict=True):
        issue = json.loads(line)
        assert issue["key"] == ticket.key
        assert issue["body"].endswith(f"\n\n<!-- {ticket.key} -->\n")
        parts = _Parts()
        parts.feed(
            cmarkgfm.github_flavored_markdown_to_html(
                issue["body"], options=Options.CMARK_OPT_UNSAFE
            )
        )
        assert parts.comments == [f" {ticket.key} "]
        assert parts.tags <= {"p", "strong", "ul", "li", "code", "a", "br"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ticket_sets())
def test_the_gh_script_is_valid_shell(exported: Tickets) -> None:
    assert SH is not None
    script = github_issues.render_script(exported)
    done = subprocess.run([SH, "-n"], input=script, text=True, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


@given(ticket_sets())
def test_sarif_is_valid_whatever_the_text(exported: Tickets) -> None:
    log = json.loads(sarif.log([exported]))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [t.question for t in exported.tickets]
