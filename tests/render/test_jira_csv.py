"""The Jira CSV: golden files, what Jira's importer needs, and hostile text in every cell."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeycheck.render.jira_csv import (
    DATE_FORMAT,
    HEADER,
    ID_COLUMN,
    KEY_COLUMN,
    PRIORITIES,
    jira_text,
    render,
)
from journeycheck.render.spreadsheet import FORMULA_STARTS, safe_cell
from journeycheck.tickets import Selection
from tests.helpers import FIXTURES
from tests.render.tickets_cases import HOSTILE, MINI, ROOT, assert_golden_bytes, tickets

CONFIG = ROOT / "docs" / "jira-import-config.json"


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_golden_jira_mini() -> None:
    assert_golden_bytes("tickets-mini.jira.csv", render(tickets(MINI)))


def test_golden_jira_hostile() -> None:
    assert_golden_bytes("tickets-hostile.jira.csv", render(tickets(HOSTILE)))


def test_the_header_and_one_row_per_gap() -> None:
    exported = tickets(MINI)
    table = rows(render(exported))
    assert table[0] == list(HEADER)
    assert table[0].count("Labels") == 3
    assert len(table) == 1 + len(exported.tickets)
    assert all(len(row) == len(HEADER) for row in table)
    eula = dict(zip(HEADER, table[1], strict=True))  # the most urgent gap first
    assert eula["Summary"] == "[Acme Ledger] Is the EULA published?"
    assert eula["Assignee"] == "Ivo Legal"
    assert eula["Due date"] == "2027-01-10"
    assert eula["Priority"] == "Highest"
    assert table[1][6:9] == ["journeycheck", "buy", "legal"]
    assert eula[ID_COLUMN] == "journeycheck:acme-ledger:buy.legal.eula"
    description = eula["Description"]
    assert "*Question:* Is the EULA published?" in description
    assert "*Reasons:* partial, overdue" in description
    assert "*Plan:* tests/fixtures/mini-plan.yaml, line 13" in description
    assert "*journeycheck ID:* journeycheck:acme-ledger:buy.legal.eula" in description


def test_rfc_4180_line_endings_and_no_byte_order_mark() -> None:
    text = render(tickets(HOSTILE))
    assert not text.startswith("\ufeff")
    assert text.startswith("Summary,")
    # Rows end in CRLF; line breaks inside a quoted cell stay LF.
    assert text.endswith("\r\n")
    assert text.count("\r\n") == len(rows(text))
    assert "\r" not in text.replace("\r\n", "")


def test_priority_follows_severity() -> None:
    table = rows(render(tickets(MINI, None)))
    by_severity = {}
    exported = tickets(MINI, None)
    for ticket, row in zip(exported.tickets, table[1:], strict=True):
        by_severity[ticket.severity] = row[HEADER.index("Priority")]
    assert by_severity == PRIORITIES


def test_hostile_text_comes_back_as_written() -> None:
    exported = tickets(HOSTILE)
    table = rows(render(exported))
    assert len(table) == 1 + len(exported.tickets)
    for ticket, row in zip(exported.tickets, table[1:], strict=True):
        cells = dict(zip(HEADER, row, strict=True))
        assert cells["Summary"] == " ".join(f"[{exported.product}] {ticket.ask}".split())
        assert cells[ID_COLUMN] == ticket.key
        assert cells["Due date"] == (ticket.due.isoformat() if ticket.due else "")
        if ticket.assignee is not None:
            assert cells["Assignee"].removeprefix("'") == " ".join(ticket.assignee.split())
        assert cells["Description"].count("\n") >= ticket.ask.count("\n")


def test_no_cell_starts_a_formula() -> None:
    table = rows(render(tickets(HOSTILE)))
    for row in table[1:]:
        for cell in row:
            assert not cell.lstrip(" ").startswith(FORMULA_STARTS), cell
    assigned = {row[HEADER.index("Assignee")] for row in table[1:]}
    assert '\'=HYPERLINK("http://evil.example.com")' in assigned
    assert "'@alice-smith" in assigned
    assert "'-tab-owner" in assigned


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell(f"  {start}1+1") == f"'  {start}1+1"
    assert safe_cell(f"a{start}1") == f"a{start}1"


@given(st.text())
def test_a_safe_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    cell = safe_cell(text)
    assert not cell.lstrip(" ").startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow([cell, "next"])
    assert rows(out.getvalue()) == [[cell, "next"]]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text", "plain text"),
        ("*bold* _em_ +ins+ ^sup^ ~sub~", "\\*bold\\* \\_em\\_ \\+ins\\+ \\^sup\\^ \\~sub\\~"),
        ("[link|javascript:alert(1)] [~user]", "\\[link\\|javascript:alert(1)\\] \\[\\~user\\]"),
        ("{code}x{code} {color:red}", "\\{code\\}x\\{code\\} \\{color:red\\}"),
        ("!image.png! ||head||", "\\!image.png\\! \\|\\|head\\|\\|"),
        ("??cite?? -deleted- well-known", "?\\?cite?\\? \\-deleted- well-known"),
        ("h1. Heading", "\\h1. Heading"),
        ("bq. quoted", "\\bq. quoted"),
        ("# numbered", "\\# numbered"),
        ("C:\\path\\\\x", "C:&#92;path&#92;&#92;x"),
        ("R&D &amp; &#123;", "R&D &amp;amp; &amp;#123;"),
        ("one\ntwo\n- three", "one\ntwo\n\\- three"),
    ],
)
def test_jira_text_shows_as_typed(text: str, shown: str) -> None:
    assert jira_text(text) == shown


def test_the_saved_configuration_maps_every_column() -> None:
    config = json.loads(CONFIG.read_text("utf-8"))
    assert config["config.version"] == "2.0"
    assert config["config.encoding"] == "UTF-8"
    assert config["config.delimiter"] == ","
    assert config["config.date.format"] == DATE_FORMAT
    mappings = config["config.field.mappings"]
    fields = {column: mapping["jira.field"] for column, mapping in mappings.items()}
    assert fields == {
        "Summary": "summary",
        "Issue Type": "issuetype",
        "Description": "description",
        "Assignee": "assignee",
        "Due date": "duedate",
        "Priority": "priority",
        "Labels": "labels",
        KEY_COLUMN: "issuekey",
    }
    # Every column written is mapped, except the id, which Jira keeps in the Description.
    assert set(HEADER) - set(fields) == {ID_COLUMN}


def test_the_docs_show_the_columns_and_priorities() -> None:
    doc = (ROOT / "docs" / "tickets.md").read_text("utf-8")
    for column in {*HEADER, KEY_COLUMN}:
        assert f"`{column}`" in doc
    for severity, priority in PRIORITIES.items():
        assert f"| {severity} | {priority} |" in doc


def copy_mini(folder: Path) -> Path:
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder / "mini-playbook.yaml")
    plan = folder / "plan.yaml"
    shutil.copy(FIXTURES / "mini-plan.yaml", plan)
    return plan


def test_changing_one_answer_changes_exactly_its_row(tmp_path: Path) -> None:
    from journeycheck.pipeline import AuditSettings
    from tests.render.tickets_cases import AS_OF, tickets_of

    plan = copy_mini(tmp_path)
    settings = AuditSettings(as_of=AS_OF)
    before = rows(render(tickets_of(plan, settings, Selection())))
    text = plan.read_text("utf-8")
    plan.write_text(
        text.replace(
            "    owner: Ivo Legal\n    due: 2027-01-10", "    owner: Ana\n    due: 2027-01-10"
        )
    )
    after = rows(render(tickets_of(plan, settings, Selection())))
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(before) == len(after)
    assert len(changed) == 1
    old, new = changed[0]
    assert old[HEADER.index(ID_COLUMN)] == new[HEADER.index(ID_COLUMN)]
    assert new[HEADER.index("Assignee")] == "Ana"


def test_issue_keys_from_an_earlier_import_are_added() -> None:
    exported = tickets(MINI)
    first = exported.tickets[0]
    table = rows(render(exported, {first.key: "ACME-7"}))
    assert table[0] == [*HEADER, KEY_COLUMN]
    assert table[1][-1] == "ACME-7"
    assert all(row[-1] == "" for row in table[2:])
    # Without keys, no Issue Key column at all: the first import only creates.
    assert rows(render(exported, {}))[0] == list(HEADER)


def test_a_long_summary_is_cut_to_what_jira_takes() -> None:
    import dataclasses

    from journeycheck.render.jira_csv import SUMMARY_LIMIT, summary

    ticket = tickets(MINI).tickets[0]
    long = dataclasses.replace(ticket, ask="Is it " + "very " * 80 + "long?")
    cut = summary("Acme Ledger", long)
    assert len(cut) == SUMMARY_LIMIT == 255
    assert cut.startswith("[Acme Ledger] Is it very very") and cut.endswith("very\u2026")
    assert summary("Acme Ledger", ticket) == "[Acme Ledger] Is the EULA published?"
    exact = dataclasses.replace(ticket, ask="x" * (SUMMARY_LIMIT - len("[Acme Ledger] ")))
    assert summary("Acme Ledger", exact) == "[Acme Ledger] " + exact.ask


def test_a_long_description_is_cut_but_keeps_its_place_and_id() -> None:
    import dataclasses

    from journeycheck.render.jira_csv import DESCRIPTION_LIMIT, description

    cut = "(The rest is in the plan.)"

    ticket = dataclasses.replace(tickets(MINI).tickets[0], note="word " * 20_000)
    text = description(ticket)
    assert len(text) <= DESCRIPTION_LIMIT
    assert cut in text
    assert text.endswith(f"*journeycheck ID:* {ticket.key}")
    assert "*Plan:* tests/fixtures/mini-plan.yaml, line 13" in text
    assert cut not in description(tickets(MINI).tickets[0])
