"""The spreadsheet round trip: export's bytes, what import reads, and every bad cell located."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeycheck.errors import InputError
from journeycheck.models import Plan
from journeycheck.scaffold import plan_order
from journeycheck.sheet import (
    DATE_FORMS,
    Merge,
    export_rows,
    export_text,
    merge_sheet,
    parse_date,
    parse_status,
    read_sheet,
)
from tests.helpers import FIXTURES, GOLDEN, make_plan, mini_playbook

SHEETS = FIXTURES / "sheets"
ORDER = [question for question, _ in plan_order(mini_playbook())]


def init_plan(**fields: Any) -> Plan:
    """The plan init writes for the mini playbook (channels off), as data."""
    answers = {
        question.id: {"status": "not-started"}
        for question in mini_playbook().questions
        if not question.when
    }
    for question in mini_playbook().questions:
        if question.id in answers and question.due is not None:
            due = dt.date(2027, 3, 1) + dt.timedelta(days=question.due)
            answers[question.id]["due"] = due.isoformat()
    return make_plan(answers, traits={"channels": False}, **fields)


def merged(raw: bytes, plan: Plan, name: str = "answers.csv") -> Merge:
    return merge_sheet(read_sheet(raw, name), mini_playbook(), plan)


def changes(merge: Merge) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for edit in merge.edits:
        out[edit.question] = {**edit.values, **dict.fromkeys(edit.clear)}
    return out


def problems(raw: bytes, plan: Plan | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        merged(raw, plan or init_plan())
    return [str(problem) for problem in caught.value.problems]


# -- export ---------------------------------------------------------------------------


def test_golden_export_is_utf8_with_a_bom_crlf_and_rfc4180_quoting() -> None:
    plan = make_plan(
        {
            "discover.marketing.message": {"status": "done", "owner": "Мария", "note": 'a "b", c'},
            "buy.legal.eula": {
                "status": "blocked",
                "note": "line one\nline two",
                "waiver": {
                    "reason": "=1+1",
                    "approver": "VP",
                    "expires": "2027-02-01",
                    "risk_accepted": "Customers wait",
                },
            },
        },
        owners={"legal": "Amara Nwosu"},
    )
    data = export_text(export_rows(mini_playbook(), plan, ORDER)).encode("utf-8")
    path = GOLDEN / "export-mini.csv"
    if os.environ.get("JOURNEYCHECK_REGENERATE") == "1":
        path.write_bytes(data)
    assert data == path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,phase,team,severity,question,status,owner,due,")
    assert b'"a ""b"", c"' in data and b'"line one\nline two"' in data
    assert b"Amara Nwosu (team)" in data and b"'=1+1" in data


def test_export_of_one_team() -> None:
    rows = export_rows(mini_playbook(), init_plan(), ORDER, teams=["legal"])
    assert [row[0] for row in rows] == ["id", "discover.legal.trademark", "buy.legal.eula"]


# -- samples as spreadsheets save them ----------------------------------------------------


def test_excel_us_english() -> None:
    merge = merged((SHEETS / "excel-en-us.csv").read_bytes(), init_plan())
    assert changes(merge) == {
        "discover.marketing.message": {
            "status": "done",
            "owner": "Maria Petrova",
            "evidence": "https://wiki.example.com/message",
        },
        "discover.marketing.webinar": {"note": 'Waiting on the events team, see "Q1 plan"'},
        "discover.legal.trademark": {
            "status": "partial",
            "owner": "Amara Nwosu",
            "note": "filed in the EU\nUS next",
        },
        "buy.legal.eula": {
            "status": "blocked",
            "waiver": {
                "reason": "Launch without it in beta",
                "approver": "VP Sales",
                "expires": dt.date(2027, 2, 15),
                "risk_accepted": (
                    "Beta customers use it under the beta terms until the EULA is approved"
                ),
            },
        },
        "use.support.community": {"status": "n/a", "note": "No community by design"},
    }
    assert merge.notes == [
        "answers.csv: column 'comments' is not one journeycheck reads; it was ignored",
        "answers.csv:5:question: question is read-only (it comes from the playbook); "
        "the change was ignored",
    ]


def test_excel_bulgarian_with_semicolons() -> None:
    merge = merged((SHEETS / "excel-bg.csv").read_bytes(), init_plan())
    assert changes(merge) == {
        "discover.marketing.message": {
            "status": "done",
            "owner": "Мария Петрова",
            "evidence": "https://wiki.example.com/съобщение",
        },
        "discover.legal.trademark": {
            "status": "partial",
            "owner": "Амара Нвосу",
            "note": "Подадена; чакаме",
        },
    }
    assert merge.notes == []


def test_google_sheets_korean() -> None:
    merge = merged((SHEETS / "google-sheets-ko.csv").read_bytes(), init_plan())
    assert changes(merge) == {
        "discover.marketing.message": {
            "status": "done",
            "owner": "김민지",
            "evidence": "https://wiki.example.com/m",
        },
        "discover.legal.trademark": {"due": dt.date(2027, 1, 20)},
    }


def test_tab_separated_with_other_header_case() -> None:
    merge = merged((SHEETS / "tab-separated.csv").read_bytes(), init_plan())
    assert changes(merge) == {
        "buy.legal.eula": {"status": "done", "owner": "Amara Nwosu", "due": dt.date(2027, 1, 28)}
    }


#: Each sample and the bytes it begins with: the byte order mark spreadsheets write, or none.
SAMPLE_MARKS = {
    "excel-en-us.csv": b"\xef\xbb\xbf",
    "excel-bg.csv": b"\xef\xbb\xbf",
    "excel-bg-ansi.csv": b"",
    "excel-ko-ansi.csv": b"",
    "excel-unicode-text.txt": b"\xff\xfe",
    "google-sheets-ko.csv": b"",
    "tab-separated.csv": b"",
}


def test_every_sample_is_listed() -> None:
    assert sorted(path.name for path in SHEETS.iterdir() if path.name != "README.md") == sorted(
        SAMPLE_MARKS
    )


@pytest.mark.parametrize("sample", sorted(SAMPLE_MARKS))
def test_samples_keep_the_bytes_spreadsheets_write(sample: str) -> None:
    data = (SHEETS / sample).read_bytes()
    mark = SAMPLE_MARKS[sample]
    assert data.startswith(mark)
    if not mark:
        assert not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    # Excel ends its rows with CRLF; Google Sheets and Excel for Mac's text with LF.
    crlf = "\r\n".encode("utf-16-le") if mark == b"\xff\xfe" else b"\r\n"
    assert (crlf in data) == sample.startswith("excel-")


# -- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "encoding", "same_as"),
    [
        ("excel-bg-ansi.csv", "windows-1251", "excel-bg.csv"),
        ("excel-ko-ansi.csv", "cp949", "google-sheets-ko.csv"),
        ("excel-unicode-text.txt", None, "tab-separated.csv"),
    ],
)
def test_a_sheet_in_another_encoding_reads_as_its_utf8_twin(
    sample: str, encoding: str | None, same_as: str
) -> None:
    sheet = read_sheet((SHEETS / sample).read_bytes(), sample, encoding)
    twin = read_sheet((SHEETS / same_as).read_bytes(), same_as)
    assert (sheet.columns, sheet.rows, sheet.notes) == (twin.columns, twin.rows, twin.notes)


@pytest.mark.parametrize(
    ("sample", "message"),
    [
        (
            "excel-bg-ansi.csv",
            "excel-bg-ansi.csv:2: is not UTF-8 text (byte 0xCC); it looks like Windows-1251 "
            "(Cyrillic): save the sheet as CSV UTF-8, or read it as it is with "
            "--encoding windows-1251",
        ),
        (
            "excel-ko-ansi.csv",
            "excel-ko-ansi.csv:2: is not UTF-8 text (byte 0xB1); it looks like EUC-KR "
            "(Korean): save the sheet as CSV UTF-8, or read it as it is with --encoding cp949",
        ),
    ],
)
def test_a_legacy_sheet_is_refused_with_the_encoding_it_needs(sample: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_sheet((SHEETS / sample).read_bytes(), sample)
    assert [str(problem) for problem in caught.value.problems] == [message]


@pytest.mark.parametrize(
    ("codec", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")]
)
def test_utf16_without_a_byte_order_mark_is_named(codec: str, order: str) -> None:
    raw = "id\towner\r\nbuy.legal.eula\tMaria\r\n".encode(codec)
    with pytest.raises(InputError) as caught:
        read_sheet(raw, "answers.csv")
    assert [str(problem) for problem in caught.value.problems] == [
        f"answers.csv: is encoded as UTF-16 ({order}, without a byte order mark); save it as UTF-8"
    ]
    assert read_sheet(raw, "answers.csv", codec).rows[0].cells["owner"] == "Maria"


def test_a_korean_sheet_with_syllables_beyond_euc_kr_is_still_guessed_korean() -> None:
    # 똠 is one of the syllables only Microsoft's CP949 encodes: Excel for Windows writes it.
    raw = "id,owner\r\nbuy.legal.eula,똠방각하 김민준\r\n".encode("cp949")
    with pytest.raises(InputError) as caught:
        read_sheet(raw, "answers.csv")
    assert str(caught.value.problems[0]).endswith("--encoding cp949")
    assert read_sheet(raw, "answers.csv", "cp949").rows[0].cells["owner"] == "똠방각하 김민준"


@pytest.mark.parametrize("sample", ["excel-bg.csv", "google-sheets-ko.csv"])
@pytest.mark.parametrize("encoding", ["windows-1251", "cp949", "latin-1", "utf-16"])
def test_a_utf8_sheet_is_not_read_in_a_code_page(sample: str, encoding: str) -> None:
    # Read as a code page, UTF-8's bytes decode too: Мария as РњР°СЂРёСЏ, into the plan.
    with pytest.raises(InputError) as caught:
        read_sheet((SHEETS / sample).read_bytes(), sample, encoding)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{sample}: is UTF-8 text, not {encoding}; leave out --encoding (read as {encoding}, "
        "its letters beyond ASCII would be written into the plan garbled)"
    ]
    assert read_sheet((SHEETS / sample).read_bytes(), sample, "utf-8").rows


@pytest.mark.parametrize(
    ("raw", "encoding", "message"),
    [
        # A sheet that is not in the encoding given.
        (
            "id,owner\r\nbuy.legal.eula,Мария\r\n".encode("cp1251"),
            "ascii",
            "answers.csv:2: is not ascii text (byte 0xCC); give the encoding the sheet was "
            "saved in, or save it as CSV UTF-8",
        ),
        # A byte order mark the rest of the file belies (UTF-16 cut at an odd byte).
        (
            b"\xff\xfei\x00d\x00\n",
            None,
            "answers.csv:1: is not utf-16 text (byte 0x0A); give the encoding the sheet was "
            "saved in, or save it as CSV UTF-8",
        ),
    ],
)
def test_a_sheet_that_does_not_decode_is_located(
    raw: bytes, encoding: str | None, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_sheet(raw, "answers.csv", encoding)
    assert [str(problem) for problem in caught.value.problems] == [message]


# -- dates and statuses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2027-03-01", dt.date(2027, 3, 1)),
        ("2027-3-1", dt.date(2027, 3, 1)),
        ("2027-03-01 00:00:00", dt.date(2027, 3, 1)),
        ("2027-03-01T00:00", dt.date(2027, 3, 1)),
        ("3/1/2027", dt.date(2027, 3, 1)),
        ("03/01/2027 0:00", dt.date(2027, 3, 1)),
        ("3/1/2027 12:00:00 AM", dt.date(2027, 3, 1)),
        ("01.03.2027 г.", dt.date(2027, 3, 1)),
        ("1.3.2027 г", dt.date(2027, 3, 1)),
        ("1.03.2027", dt.date(2027, 3, 1)),
        ("01.03.2027 г. 0:00:00 ч.", dt.date(2027, 3, 1)),
        ("2027. 3. 1.", dt.date(2027, 3, 1)),
        ("2027. 3. 1", dt.date(2027, 3, 1)),
        ("2027.03.01", dt.date(2027, 3, 1)),
        ("2027. 3. 1 오전 12:00:00", dt.date(2027, 3, 1)),
    ],
)
def test_dates_as_spreadsheets_save_them(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


def test_every_documented_date_form_is_read() -> None:
    for form, _ in DATE_FORMS:
        assert parse_date(form, day_first=form == "01/03/2027") == dt.date(2027, 3, 1), form


@pytest.mark.parametrize(
    "text", ["2027-02-30", "13/13/2027", "tomorrow", "3/1/27", "2027-03-01 09:30", "46447", ""]
)
def test_not_a_date(text: str) -> None:
    with pytest.raises(Exception, match="JC61[5]|JC622"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "status"),
    [("Done", "done"), ("N/A", "n/a"), ("NA", "n/a"), ("Not started", "not-started"),
     ("not_started", "not-started"), (" BLOCKED ", "blocked"), ("Partial", "partial")],
)  # fmt: skip
def test_statuses_in_any_case(text: str, status: str) -> None:
    assert parse_status(text) == status


def test_a_day_above_12_makes_the_sheet_day_first() -> None:
    raw = b"id,due\r\nbuy.legal.eula,25/01/2027\r\nuse.support.sla,02/03/2027\r\n"
    assert changes(merged(raw, init_plan())) == {
        "buy.legal.eula": {"due": dt.date(2027, 1, 25)},
        "use.support.sla": {"due": dt.date(2027, 3, 2)},
    }
    mixed = b"id,due\r\nbuy.legal.eula,25/01/2027\r\nuse.support.sla,01/25/2027\r\n"
    assert problems(mixed) == [
        "answers.csv:2:due: '25/01/2027' is a day/month date and '01/25/2027' on row 3 a "
        "month/day one"
    ]


# -- bad cells: every one at once, located -------------------------------------------------


def test_every_bad_cell_is_located_by_row_and_column() -> None:
    raw = (
        "\ufeffid;status;due;owner;waiver_reason;waiver_approver;waiver_expires;"
        "waiver_risk_accepted\r\n"
        "discover.marketing.message;finished;2027-02-30;;;;;\r\n"
        "discover.marketing.mesage;done;;;;;;\r\n"
        "buy.marketing.partner-kit;done;;;;;;\r\n"
        "buy.legal.eula;done;;;because;;someday;Beta customers only\r\n"
        "buy.legal.eula;done;;;;;;\r\n"
        ";done;;;;;;\r\n"
    ).encode()
    assert problems(raw) == [
        "answers.csv:2:due: '2027-02-30' is not a date; write it as 2027-03-01 (or as the sheet "
        "saves dates: 3/1/2027, 01/03/2027, 01.03.2027 г., 1.03.2027, 2027. 3. 1.)",
        "answers.csv:2:status: 'finished' is not a status; use one of done, partial, "
        "not-started, blocked, n/a",
        "answers.csv:3:id: unknown question id 'discover.marketing.mesage' (did you mean "
        "'discover.marketing.message'?); it is not in playbook 'mini' (journeycheck playbook "
        "show mini lists the ids)",
        "answers.csv:4:id: buy.marketing.partner-kit does not apply to this product: it applies "
        "only with channels: true, and the plan has channels: false; change the trait in the "
        "plan first",
        "answers.csv:5:waiver_approver: a waiver needs a reason, an approver, an expiry date "
        "and the risk accepted; this cell is empty",
        "answers.csv:5:waiver_expires: 'someday' is not a date; write it as 2027-03-01 (or as "
        "the sheet saves dates: 3/1/2027, 01/03/2027, 01.03.2027 г., 1.03.2027, 2027. 3. 1.)",
        "answers.csv:6:id: buy.legal.eula is also on row 5; give each question one row",
        "answers.csv:7:id: the id is empty; every row needs the question id export wrote",
    ]


def test_a_sheet_without_the_risk_column_cannot_grant_a_waiver() -> None:
    # Exported before waivers had to say the risk they accept: granting one is refused,
    # at the row, with what to add; a row without a waiver is read as before.
    raw = (
        b"id,status,waiver_reason,waiver_approver,waiver_expires\r\n"
        b"buy.legal.eula,done,Beta only,VP Sales,2027-02-15\r\n"
        b"discover.marketing.webinar,done,,,\r\n"
    )
    assert problems(raw) == [
        "answers.csv:2:waiver_reason: a waiver needs the customer risk its approver accepts, "
        "and this sheet has no waiver_risk_accepted column; add the column (journeycheck "
        "export writes it) with that risk in the customer's words",
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "answers.csv: is empty; expected a header row and one row per question"),
        (b"question,status\r\nx,done\r\n", "answers.csv:1: has no 'id' column"),
        (b"id,status,Status\r\n", "answers.csv:1:status: the column 'status' appears twice"),
        (
            "id,owner\r\nbuy.legal.eula,Müller\r\n".encode("cp1252"),
            "answers.csv:2: is not UTF-8 text (byte 0xFC); it looks like Windows-1252",
        ),
        (
            b"\xef\xbb\xbfid,owner\r\nbuy.legal.eula,M\xfcller\r\n",
            "answers.csv:2: is not UTF-8 text (byte 0xFC); it looks like Windows-1252",
        ),
    ],
)
def test_a_sheet_that_cannot_be_read(raw: bytes, message: str) -> None:
    found = problems(raw)
    assert len(found) == 1 and found[0].startswith(message), found


def test_a_line_break_in_an_owner_is_refused() -> None:
    raw = b'id,owner\r\nbuy.legal.eula,"Ann\nBo"\r\n'
    assert problems(raw) == [
        "answers.csv:2:owner: a cell with a line break or a control character cannot be owner"
    ]


# -- export then import changes nothing -------------------------------------------------------

_TEXT = st.text(
    st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from(",;\"'=\n\t+-@ "),
    max_size=15,
)
_STATUS = st.sampled_from(["done", "partial", "not-started", "blocked", "n/a"])
_DATE = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@st.composite
def _answers(draw: st.DrawFn) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in ORDER:
        if draw(st.booleans()):
            continue
        answer: dict[str, Any] = {"status": draw(_STATUS)}
        for name in ("owner", "evidence"):
            if draw(st.booleans()):
                answer[name] = draw(_TEXT.filter(lambda t: "\n" not in t and "\t" not in t))
        if draw(st.booleans()):
            answer["note"] = draw(_TEXT)
        if draw(st.booleans()):
            answer["due"] = draw(_DATE).isoformat()
        if draw(st.booleans()):
            answer["waiver"] = {
                "reason": draw(_TEXT.filter(lambda t: t.strip() != "")),
                "approver": draw(_TEXT.filter(lambda t: t.strip() != "")),
                "expires": draw(_DATE).isoformat(),
                "risk_accepted": draw(_TEXT.filter(lambda t: t.strip() != "")),
            }
        answers[question] = answer
    return answers


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=_answers(),
    owners=st.dictionaries(
        st.sampled_from(["marketing", "legal", "support"]), st.just("Team Lead")
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\r\n", "\n"]),
    bom=st.booleans(),
)
def test_export_then_import_of_an_unchanged_sheet_changes_nothing(
    answers: dict[str, Any], owners: dict[str, str], delimiter: str, newline: str, bom: bool
) -> None:
    import csv
    import io

    plan = make_plan(answers, owners=owners)
    rows = export_rows(mini_playbook(), plan, ORDER)
    stream = io.StringIO()
    csv.writer(stream, delimiter=delimiter, lineterminator=newline).writerows(rows)
    raw = (("\ufeff" if bom else "") + stream.getvalue()).encode("utf-8")
    assert merged(raw, plan).edits == []


# -- end to end: a plan file edited by a sheet ---------------------------------------------


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    import shutil

    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    path = tmp_path / "launch-plan.yaml"
    path.write_bytes((GOLDEN / "init-mini.yaml").read_bytes())
    return path


def test_golden_plan_edited_by_an_excel_sheet(plan_file: Path) -> None:
    from journeycheck.editing import write_edit
    from journeycheck.sheet import import_sheet
    from tests.helpers import assert_golden

    prepared, notes = import_sheet(plan_file, SHEETS / "excel-en-us.csv", dt.date(2027, 1, 15))
    assert len(notes) == 2
    write_edit(prepared)
    assert_golden("imported-mini.yaml", plan_file.read_text("utf-8"))


def test_exported_then_imported_unchanged_leaves_the_file_as_it_was(
    plan_file: Path, tmp_path: Path
) -> None:
    from journeycheck.sheet import export_plan, import_sheet

    sheet = tmp_path / "answers.csv"
    sheet.write_text(export_plan(plan_file, []), "utf-8", newline="")
    prepared, notes = import_sheet(plan_file, sheet, dt.date(2027, 1, 15))
    assert (prepared.changes, notes, prepared.text) == ([], [], plan_file.read_text("utf-8"))


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("folder", "is a folder, not a CSV file")],
)
def test_a_sheet_that_is_not_a_file(tmp_path: Path, content: str | None, message: str) -> None:
    from journeycheck.sheet import read_sheet_file

    path = tmp_path / "answers.csv"
    if content == "folder":
        path.mkdir()
    with pytest.raises(InputError, match=message):
        read_sheet_file(path)
