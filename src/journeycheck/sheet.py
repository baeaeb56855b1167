"""The spreadsheet round trip: a plan's answers out as CSV, and edited cells back in.

``journeycheck export`` writes one row per applicable question, UTF-8 with a
byte order mark (so Excel opens Cyrillic and Hangul correctly) and RFC 4180
quoting with CRLF line ends. ``journeycheck import`` reads what spreadsheets
really save:

- UTF-8 with or without the byte order mark, UTF-16 with one (Excel's "Unicode
  Text"), or the encoding ``--encoding`` names (Excel's plain "CSV" is the
  system's code page: Windows-1251 in Bulgarian, CP949 in Korean); CRLF or LF
  line ends;
- ``,``, ``;`` (Excel in Bulgarian and many European locales) or tab between
  cells, whichever splits the header row into the most known columns;
- columns in any order, found by their header (any case); ``question``,
  ``phase``, ``team`` and ``severity`` are read-only, and other columns are
  ignored, each with a note;
- statuses in any case (``Done``, ``N/A``, ``not started``);
- dates in the forms of :data:`DATE_FORMS`.

Every bad cell is a problem located as ``FILE:ROW:COLUMN`` (the row number the
spreadsheet shows, the column by its header name), and all of them are
reported at once. Nothing here touches the plan: the result is a list of
:class:`journeycheck.roundtrip.AnswerEdit` for the caller to apply.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.errors import InputError, Problem, os_reason
from journeycheck.models import STATUSES, Answer, Plan, Playbook, Question
from journeycheck.roundtrip import AnswerEdit, Value

if TYPE_CHECKING:
    from journeycheck.editing import Prepared

#: The columns ``export`` writes, in order.
COLUMNS = (
    "id",
    "phase",
    "team",
    "severity",
    "question",
    "status",
    "owner",
    "due",
    "evidence",
    "note",
    "waiver_reason",
    "waiver_approver",
    "waiver_expires",
    "waiver_risk_accepted",
)
#: Columns that describe the question rather than answer it: a change there is ignored.
READ_ONLY = ("phase", "team", "severity", "question")
_WAIVER = {
    "waiver_reason": "reason",
    "waiver_approver": "approver",
    "waiver_expires": "expires",
    "waiver_risk_accepted": "risk_accepted",
}
#: A cell Excel or Google Sheets would run as a formula is written after an apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: How an owner taken from the plan's ``owners`` is shown (the reports' form).
TEAM_OWNER = "{owner} (team)"

#: The date forms import reads, as Excel and Google Sheets save a date cell as CSV.
DATE_FORMS = (
    ("2027-03-01", "ISO 8601; Excel in Korean, and any sheet whose cell is text"),
    ("2027-03-01 00:00:00", "ISO with a time of midnight, as a date-time cell is saved"),
    ("3/1/2027", "month/day/year, Excel and Google Sheets in US English"),
    ("01/03/2027", "day/month/year, British English: when a day above 12 shows it"),
    ("01.03.2027 г.", "day.month.year, Excel in Bulgarian (with or without 'г.')"),
    ("1.03.2027", "day.month.year, Google Sheets in Bulgarian"),
    ("2027. 3. 1.", "year. month. day., Excel and Google Sheets in Korean"),
)

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\.?(?:\s*г\.?)?", re.IGNORECASE)
_KOREAN = re.compile(r"(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?")
#: A time of day after a date; only midnight is taken (a date cell saved with its time).
_TIME = re.compile(
    r"(?:T|\s+)(?:(?P<before>오전|오후)\s*)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
    r"(?:\s*(?P<after>AM|PM|ч\.?))?",
    re.IGNORECASE,
)


def _problem(
    file: str, row: int | None, column: str | None, code: str, /, **values: object
) -> Problem:
    return Problem(file, row, column, code, **values)


def _note(code: str, /, **values: object) -> str:
    from journeycheck.messages import render

    return render(code, **values)


# -- export ------------------------------------------------------------------------------


def export_rows(
    playbook: Playbook, plan: Plan, order: Sequence[str], teams: Iterable[str] = ()
) -> list[list[str]]:
    """The header and one row per applicable question, in ``order`` (the plan's)."""
    wanted = set(teams)
    traits = playbook.trait_values(plan.traits)
    questions = {question.id: question for question in playbook.questions}
    rows = [list(COLUMNS)]
    for question_id in order:
        question = questions[question_id]
        if not playbook.applies(question, traits) or (wanted and question.team not in wanted):
            continue
        answer = plan.answers.get(question.id)
        owner = answer.owner if answer is not None and answer.owner else None
        team_owner = plan.owners.get(question.team)
        waiver = answer.waiver if answer is not None else None
        cells = {
            "id": question.id,
            "phase": question.phase,
            "team": question.team,
            "severity": question.severity,
            "question": question.ask,
            "status": answer.status if answer is not None else "",
            "owner": owner or (TEAM_OWNER.format(owner=team_owner) if team_owner else ""),
            "due": _iso(_due_shown(question, answer, plan.launch)),
            "evidence": (answer.evidence or "") if answer is not None else "",
            "note": (answer.note or "") if answer is not None else "",
            "waiver_reason": waiver.reason if waiver is not None else "",
            "waiver_approver": waiver.approver if waiver is not None else "",
            "waiver_expires": _iso(waiver.expires if waiver is not None else None),
            "waiver_risk_accepted": waiver.risk_accepted if waiver is not None else "",
        }
        rows.append([_guarded(cells[column]) for column in COLUMNS])
    return rows


def export_text(rows: list[list[str]]) -> str:
    """``rows`` as CSV text: a byte order mark, RFC 4180 quoting, CRLF line ends."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return "\ufeff" + stream.getvalue()


def _due_shown(question: Question, answer: Answer | None, launch: dt.date) -> dt.date | None:
    """The answer's due date, else the one the audit counts from the launch date."""
    if answer is not None and answer.due is not None:
        return answer.due
    if question.due is None:
        return None
    try:
        return launch + dt.timedelta(days=question.due)
    except OverflowError:
        return None


def _iso(date: dt.date | None) -> str:
    return "" if date is None else date.isoformat()


def _guarded(text: str) -> str:
    """Text a spreadsheet would run as a formula, kept as text with a leading apostrophe."""
    return "'" + text if text.startswith(_FORMULA_START) else text


# -- reading a sheet ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One data row: its number as the spreadsheet shows it, and its cells by column."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


#: Byte order marks a sheet may start with, and the codec that reads it (UTF-32's
#: little-endian mark begins with UTF-16's, so it is looked for first).
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: What to pass to ``--encoding`` for each legacy encoding a sheet is guessed to be in:
#: the code pages Excel for Windows saves plain "CSV" in (CP949 and CP932 are
#: Microsoft's supersets of EUC-KR and Shift JIS).
ENCODING_FLAG = {
    "euc-kr": "cp949",
    "shift-jis": "cp932",
    "windows-1251": "windows-1251",
    "windows-1252": "windows-1252",
}


def sheet_text(raw: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a sheet's bytes: in ``encoding`` if given, else UTF-8 or what its byte
    order mark says; refused with the first byte that does not decode, its line, and
    (for a sheet that is not UTF-8) the ``--encoding`` it most likely needs."""
    if encoding is None:
        codec = next((read for mark, read in BYTE_ORDER_MARKS if raw.startswith(mark)), "utf-8")
        if raw.startswith(codecs.BOM_UTF8):  # the bytes after it, where errors are counted
            raw = raw[len(codecs.BOM_UTF8) :]
        if codec == "utf-8" and b"\x00" in raw:
            from journeycheck.reading.source import utf16_without_bom

            # UTF-8 too, to a decoder, but a header of "i\x00d\x00": said as what it is.
            code = utf16_without_bom(raw)
            if code is not None:
                raise InputError([_problem(name, None, None, code)])
    else:
        codec = encoding
        if _utf8_beyond_ascii(raw) and codecs.lookup(encoding).name not in _UTF8:
            # A code page decodes UTF-8's bytes too, as garbage: Мария as РњР°СЂРёСЏ.
            raise InputError([_problem(name, None, None, "JC639", encoding=encoding)])
    try:
        # A byte order mark read as text (--encoding utf-8 of a sheet that has one) is not
        # part of the first column's name.
        return raw.decode(codec).removeprefix("\ufeff")
    except UnicodeError as exc:  # a few codecs (idna) say no more than that
        start = min(getattr(exc, "start", 0), max(len(raw) - 1, 0))
        line = raw.count(b"\n", 0, start) + 1
        byte = raw[start] if raw else 0
        if encoding is not None:
            problem = _problem(name, line, None, "JC638", encoding=encoding, byte=byte)
            raise InputError([problem]) from None
        if codec != "utf-8":  # a byte order mark that the rest of the file belies
            problem = _problem(name, line, None, "JC638", encoding=codec, byte=byte)
            raise InputError([problem]) from None
        from journeycheck.messages import phrase
        from journeycheck.reading.source import guess_encoding

        guess = guess_encoding(raw)
        problem = _problem(
            name, line, None, "JC610", byte=byte, guess=phrase(guess), encoding=ENCODING_FLAG[guess]
        )
        raise InputError([problem]) from None


#: Python's names of the encodings that read UTF-8 as it is meant.
_UTF8 = frozenset(("utf-8", "utf-8-sig"))


def _utf8_beyond_ascii(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-8 with characters beyond ASCII: text in a legacy code page
    almost never is."""
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_sheet(raw: bytes, name: str, encoding: str | None = None) -> Sheet:
    """The rows of a CSV file (in ``encoding``, if given); an :class:`InputError` if it
    cannot be read as one."""
    text = sheet_text(raw, name, encoding)
    if not text.strip():
        raise InputError([_problem(name, None, None, "JC611")])
    delimiter = _delimiter(text)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    header = [cell.strip().lower().lstrip("\ufeff") for cell in records[0]]
    if "id" not in header:
        raise InputError([_problem(name, 1, None, "JC612")])
    problems = []
    seen: set[str] = set()
    for column in header:
        if column in seen and column:
            problems.append(_problem(name, 1, column, "JC613", column=column))
        seen.add(column)
    if problems:
        raise InputError(problems)
    notes = [
        _note("JC630", file=name, column=column)
        for column in header
        if column and column not in COLUMNS
    ]
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # the empty rows a spreadsheet leaves at the end
        cells = {
            column: record[index] if index < len(record) else ""
            for index, column in enumerate(header)
            if column in COLUMNS
        }
        rows.append(Row(number, cells))
    return Sheet(name, header, rows, notes)


def _delimiter(text: str) -> str:
    """``,``, ``;`` or tab: the one that splits the header row into the most known columns."""
    first = text.splitlines()[0]

    def known(delimiter: str) -> int:
        cells = next(csv.reader([first], delimiter=delimiter))
        return sum(cell.strip().lower().lstrip("\ufeff") in COLUMNS for cell in cells)

    return max((",", ";", "\t"), key=known)


# -- dates and statuses ---------------------------------------------------------------------


class _Cell(Exception):
    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


def parse_date(text: str, day_first: bool | None = None) -> dt.date:
    """A date in one of the :data:`DATE_FORMS`; ``day_first`` settles ``01/03/2027``."""
    cleaned = " ".join(text.split())
    timed = None
    for pattern in (_ISO, _KOREAN, _DOTTED, _SLASH):
        found = pattern.match(cleaned)
        if found is None:
            continue
        rest = cleaned[found.end() :]
        if rest:
            timed = _TIME.fullmatch(rest)
            if timed is None:
                continue
            if not _midnight(timed):
                raise _Cell("JC622", text=text, time=rest.strip())
        first, second, third = (int(part) for part in found.groups())
        if pattern is _ISO or pattern is _KOREAN:
            year, month, day = first, second, third
        elif pattern is _DOTTED or day_first or (day_first is None and first > 12):
            day, month, year = first, second, third
        else:
            month, day, year = first, second, third
        try:
            return dt.date(year, month, day)
        except ValueError:
            break
    raise _Cell("JC615", text=text, forms=", ".join(form for form, _ in DATE_FORMS[2:]))


def _midnight(time: re.Match[str]) -> bool:
    hours, minutes, seconds = int(time["h"]), int(time["m"]), int(time["s"] or 0)
    marker = (time["before"] or time["after"] or "").upper()
    if marker in ("PM", "오후"):
        return False
    if marker in ("AM", "오전"):
        return (hours, minutes, seconds) == (12, 0, 0)
    return (hours, minutes, seconds) == (0, 0, 0)


def _slash_order(sheet: Sheet) -> tuple[bool | None, list[Problem]]:
    """Whether the sheet's d/m/y dates put the day first, told by a part above 12."""
    day_first: tuple[str, int] | None = None
    month_first: tuple[str, int] | None = None
    for row in sheet.rows:
        for column in ("due", "waiver_expires"):
            found = _SLASH.match(" ".join(row.cells.get(column, "").split()))
            if found is None:
                continue
            first, second = int(found[1]), int(found[2])
            if first > 12 and day_first is None:
                day_first = (row.cells[column], row.number)
            if second > 12 and month_first is None:
                month_first = (row.cells[column], row.number)
    if day_first and month_first:
        other, other_row = month_first
        problem = _problem(
            sheet.name, day_first[1], "due", "JC621", text=day_first[0], other=other, row=other_row
        )
        return None, [problem]
    return (True if day_first else None), []


def parse_status(text: str) -> str:
    """A status in any case, with spaces or underscores for the hyphen (``Not started``)."""
    word = re.sub(r"[\s_]+", "-", text.strip().lower())
    if word in STATUSES:
        return word
    if word in ("na", "n-a"):
        return "n/a"
    raise _Cell("JC614", text=text, statuses=", ".join(STATUSES))


# -- merging into a plan ----------------------------------------------------------------------


@dataclass(frozen=True)
class Merge:
    """What a sheet changes in a plan: the edits, and notes about what was ignored."""

    edits: list[AnswerEdit]
    notes: list[str]
    #: The row each question's edit comes from.
    rows: dict[str, int] = field(default_factory=dict)


def merge_sheet(sheet: Sheet, playbook: Playbook, plan: Plan) -> Merge:
    """The edits that make ``plan`` say what ``sheet`` says; every bad cell at once."""
    from journeycheck.checking.wording import suggestion

    questions = {question.id: question for question in playbook.questions}
    traits = playbook.trait_values(plan.traits)
    day_first, problems = _slash_order(sheet)
    notes = list(sheet.notes)
    edits = []
    first_row: dict[str, int] = {}
    for row in sheet.rows:
        question_id = row.cells.get("id", "").strip()
        if not question_id:
            problems.append(_problem(sheet.name, row.number, "id", "JC620"))
            continue
        question = questions.get(question_id)
        if question is None:
            problems.append(
                _problem(
                    sheet.name,
                    row.number,
                    "id",
                    "JC642",
                    question=question_id,
                    suggestion=suggestion(question_id, questions),
                    playbook=playbook.id,
                )
            )
            continue
        if question_id in first_row:
            problems.append(
                _problem(
                    sheet.name,
                    row.number,
                    "id",
                    "JC618",
                    question=question_id,
                    first=first_row[question_id],
                )
            )
            continue
        first_row[question_id] = row.number
        if not playbook.applies(question, traits):
            needs = ", ".join(f"{k}: {str(v).lower()}" for k, v in question.when.items())
            has = ", ".join(f"{k}: {str(traits.get(k)).lower()}" for k in question.when)
            problems.append(
                _problem(
                    sheet.name,
                    row.number,
                    "id",
                    "JC643",
                    question=question_id,
                    needs=needs,
                    has=has,
                )
            )
            continue
        for column in READ_ONLY:
            if column in row.cells and row.cells[column].strip() != _described(question, column):
                notes.append(_note("JC631", file=sheet.name, row=row.number, column=column))
        edit, found = _row_edit(sheet.name, row, question, plan, day_first)
        problems += found
        if edit is not None:
            edits.append(edit)
    if problems:
        raise InputError(problems)
    return Merge(edits, notes, {edit.question: first_row[edit.question] for edit in edits})


def _described(question: Question, column: str) -> str:
    value = {
        "phase": question.phase,
        "team": question.team,
        "severity": question.severity,
        "question": question.ask,
    }[column]
    return value.strip()


def _row_edit(
    name: str, row: Row, question: Question, plan: Plan, day_first: bool | None
) -> tuple[AnswerEdit | None, list[Problem]]:
    """The change one row asks for (``None`` when it asks for none), or its bad cells."""
    answer = plan.answers.get(question.id)
    cells = {column: _unguarded(text) for column, text in row.cells.items()}
    problems: list[Problem] = []
    values: dict[str, Value] = {}
    clear: set[str] = set()

    def fail(column: str, error: _Cell) -> None:
        problems.append(_problem(name, row.number, column, error.code, **error.values))

    if "status" in cells:
        text = cells["status"].strip()
        if text:
            try:
                status = parse_status(text)
            except _Cell as error:
                fail("status", error)
            else:
                if answer is None or status != answer.status:
                    values["status"] = status
    for column in ("owner", "evidence", "note"):
        if column not in cells:
            continue
        text = cells[column].strip().replace("\r\n", "\n")
        current = getattr(answer, column, None) if answer is not None else None
        if column == "owner" and not (current or "").strip():
            team_owner = plan.owners.get(question.team)
            if team_owner and text == TEAM_OWNER.format(owner=team_owner):
                continue  # the team's owner, as export showed it
        if column != "note" and ("\n" in text or re.search(r"[\x00-\x1f\x7f]", text)):
            problems.append(_problem(name, row.number, column, "JC623", column=column))
            continue
        if text == (current or "").strip():
            continue
        if text:
            values[column] = text
        elif current is not None:
            clear.add(column)
    if "due" in cells:
        text = cells["due"].strip()
        current_due = answer.due if answer is not None else None
        if text:
            try:
                due = parse_date(text, day_first)
            except _Cell as error:
                fail("due", error)
            else:
                if due != _due_shown(question, answer, plan.launch):
                    values["due"] = due
        elif current_due is not None:
            clear.add("due")
    waiver = _waiver(name, row, cells, answer, day_first, problems)
    if waiver is not None:
        if waiver:
            values["waiver"] = waiver
        else:
            clear.add("waiver")
    if problems or not (values or clear):
        return None, problems
    return AnswerEdit(question.id, values, frozenset(clear)), problems


def _waiver(
    name: str,
    row: Row,
    cells: dict[str, str],
    answer: Answer | None,
    day_first: bool | None,
    problems: list[Problem],
) -> dict[str, str | dt.date] | None:
    """The waiver a row asks for: ``None`` unchanged, ``{}`` removed, else its fields."""
    if not any(column in cells for column in _WAIVER):
        return None
    current = answer.waiver if answer is not None else None
    given = {column: cells.get(column, "").strip() for column in _WAIVER}
    if "waiver_risk_accepted" not in cells and current is not None and any(given.values()):
        # A sheet exported before the column existed keeps the plan's accepted risk.
        given["waiver_risk_accepted"] = current.risk_accepted.strip()
    if not any(given.values()):
        return {} if current is not None else None
    fields: dict[str, str | dt.date] = {}
    for column, key in _WAIVER.items():
        text = given[column]
        if not text and column not in cells:
            # A sheet from before the column existed, granting a new waiver (JC841).
            problems.append(_problem(name, row.number, "waiver_reason", "JC841"))
            continue
        if not text:
            problems.append(_problem(name, row.number, column, "JC619"))
            continue
        if key == "expires":
            try:
                fields[key] = parse_date(text, day_first)
            except _Cell as error:
                problems.append(_problem(name, row.number, column, error.code, **error.values))
        else:
            fields[key] = text
    if len(fields) < len(_WAIVER):
        return None
    if current is not None and fields == {
        "reason": current.reason.strip(),
        "approver": current.approver.strip(),
        "expires": current.expires,
        "risk_accepted": current.risk_accepted.strip(),
    }:
        return None
    return fields


def _unguarded(text: str) -> str:
    """A cell as written by export: the apostrophe before a would-be formula removed."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


# -- the commands' use cases ---------------------------------------------------------------------

#: Spreadsheets larger than this are refused before reading (as plans are, at 4 MiB).
MAX_BYTES = 4 * 1024 * 1024


def export_plan(path: Path, teams: Sequence[str], *, allow_outside: bool = False) -> str:
    """The CSV text for the plan at ``path`` (``teams``: only theirs; ``allow_outside``:
    the plan may name a playbook file outside its repository)."""
    from journeycheck.checking.references import check_flag_names
    from journeycheck.editing import read_for_edit
    from journeycheck.scaffold import plan_order

    read = read_for_edit(path, allow_outside=allow_outside)
    check_flag_names("JC405", teams, [team.id for team in read.playbook.teams])
    order = [question for question, _ in plan_order(read.playbook)]
    return export_text(export_rows(read.playbook, read.plan, order, teams))


def read_sheet_file(path: Path, encoding: str | None = None) -> Sheet:
    """Read a CSV file from disk (in ``encoding``, if given); every failure is a located
    problem."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError([Problem(name, None, None, "JC624")])
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
        raise InputError([Problem(name, None, None, "JC007", limit=MAX_BYTES)])
    return read_sheet(raw, name, encoding)


def import_sheet(
    plan: Path,
    sheet: Path,
    as_of: dt.date,
    *,
    allow_outside: bool = False,
    encoding: str | None = None,
) -> tuple[Prepared, list[str]]:
    """The plan edited as the sheet says, ready to write, and notes on what was ignored
    (``allow_outside``: the plan may name a playbook file outside its repository;
    ``encoding``: the sheet's, when it is not UTF-8)."""
    from journeycheck.editing import prepare, read_for_edit

    read = read_for_edit(plan, allow_outside=allow_outside)
    merge = merge_sheet(read_sheet_file(sheet, encoding), read.playbook, read.plan)
    try:
        return prepare(read, merge.edits, as_of), merge.notes
    except InputError as exc:
        # An answer the plan would refuse (n/a without a note) is the sheet's row to fix.
        raise InputError(
            [_at_row(problem, sheet, merge.rows) for problem in exc.problems]
        ) from None


def _at_row(problem: Problem, sheet: Path, rows: dict[str, int]) -> Problem:
    question = str(problem.params.get("question", ""))
    if problem.code not in ("JC640", "JC641") or question not in rows:
        return problem
    return Problem(str(sheet), rows[question], "status", problem.code, **problem.params)
