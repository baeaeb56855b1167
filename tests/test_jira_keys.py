"""Reading the issue keys of an earlier import from a Jira CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeycheck.errors import InputError
from journeycheck.jira_keys import read_issue_keys

CASES = Path(__file__).parent / "cases" / "jira-exports"


def test_keys_of_a_jira_export() -> None:
    # A byte order mark, CRLF rows, a Description over two lines, a custom field
    # column, an issue without an id and the same issue listed twice.
    assert read_issue_keys(CASES / "export.csv") == {
        "journeycheck:acme-ledger:buy.legal.eula": "ACME-7",
        "journeycheck:acme-ledger:buy.marketing.partner-kit": "ACME-8",
    }


def test_a_key_column_named_key() -> None:
    assert read_issue_keys(CASES / "key-header.csv") == {"journeycheck:acme:a.b.c": "ACME-1"}


TWO = "holds two journeycheck ids, journeycheck:acme:a.b.c and journeycheck:acme:d.e.f"
AGAIN = "journeycheck:acme:a.b.c is also in issue ACME-1 (row 2)"


@pytest.mark.parametrize(
    ("case", "problems"),
    [
        ("empty.csv", [("", "has no 'Issue key' column")]),
        ("no-key-column.csv", [("1:1", "has no 'Issue key' column")]),
        ("two-ids-in-one-issue.csv", [("2:3", TWO)]),
        (
            "not-an-issue-key.csv",
            [
                ("2:2", "'' in column 'Issue key' is not a Jira issue key"),
                ("3:2", "'acme one' in column 'Issue key' is not a Jira issue key"),
            ],
        ),
        ("one-gap-in-two-issues.csv", [("3:3", AGAIN)]),
        ("not-utf8.csv", [("2:5", "is not valid UTF-8 (byte 0xE9)")]),
        ("missing.csv", [("", "no such file")]),
    ],
)
def test_every_problem_is_located(case: str, problems: list[tuple[str, str]]) -> None:
    with pytest.raises(InputError) as raised:
        read_issue_keys(CASES / case)
    found = raised.value.problems
    assert len(found) == len(problems)
    for problem, (place, start) in zip(found, problems, strict=True):
        assert problem.file == str(CASES / case)
        where = f"{problem.line}:{problem.column}" if problem.line is not None else ""
        assert where == place
        assert problem.message.startswith(start), problem.message


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_issue_keys(tmp_path)
    assert "cannot be read" in str(raised.value)
