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


@pytest.mark.parametrize(
    ("case", "problems"),
    [
        (
            "empty.csv",
            [
                "empty.csv: has no 'Issue key' column; export the issues from Jira as CSV and give that file"
            ],
        ),
        (
            "no-key-column.csv",
            [
                "no-key-column.csv:1:1: has no 'Issue key' column; export the issues from Jira as CSV and give that file"
            ],
        ),
        (
            "two-ids-in-one-issue.csv",
            [
                "two-ids-in-one-issue.csv:2:3: holds two journeycheck ids, journeycheck:acme:a.b.c and journeycheck:acme:d.e.f; one issue is one gap"
            ],
        ),
        (
            "not-an-issue-key.csv",
            [
                "not-an-issue-key.csv:2:2: '' in column 'Issue key' is not a Jira issue key such as ACME-12",
                "not-an-issue-key.csv:3:2: 'acme one' in column 'Issue key' is not a Jira issue key such as ACME-12",
            ],
        ),
        (
            "one-gap-in-two-issues.csv",
            [
                "one-gap-in-two-issues.csv:3:3: journeycheck:acme:a.b.c is also in issue ACME-1 (row 2); delete one of the two issues in Jira and export again"
            ],
        ),
        (
            "not-utf8.csv",
            [
                "not-utf8.csv:2:5: is not valid UTF-8 (byte 0xE9); export it from Jira again, or save it as UTF-8"
            ],
        ),
        ("missing.csv", ["missing.csv: cannot be read: no such file"]),
    ],
)
def test_every_problem_is_located(case: str, problems: list[str]) -> None:
    with pytest.raises(InputError) as raised:
        read_issue_keys(CASES / case)
    assert [str(p).removeprefix(str(CASES) + "/") for p in raised.value.problems] == problems


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_issue_keys(tmp_path)
    assert "cannot be read" in str(raised.value)
