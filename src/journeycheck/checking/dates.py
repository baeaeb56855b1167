"""One reading of a date written YYYY-MM-DD, for plans and the command line alike.

A plan's dates (``launch``, ``due``, a waiver's ``expires``), ``--as-of``,
``--launch`` and the launch date typed at ``init``'s prompt are all read here,
so each mistake is answered in the same words wherever it was made.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from journeycheck.errors import UsageError
from journeycheck.messages import phrase

#: Digits in the shape of a date, months and days possibly written with one digit.
_LOOSE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)

#: The code of each way a date can be wrong, in a plan and on the command line.
IN_PLAN = {"not-iso": "JC218", "unpadded": "JC219", "not-real": "JC220"}
ON_COMMAND_LINE = {"not-iso": "JC401", "unpadded": "JC402", "not-real": "JC403"}


class DateError(ValueError):
    """Why a value is not a date written YYYY-MM-DD, with the parameters of its message.

    ``value`` is what was written; ``fixed`` the date as it should be written
    (``unpadded``); ``reason`` why no such day exists (``not-real``).
    """

    def __init__(
        self, kind: str, value: object, *, fixed: str | None = None, reason: str | None = None
    ) -> None:
        self.kind = kind
        self.value = value
        self.fixed = fixed
        self.reason = reason
        super().__init__(self.on_command_line(None).args[0])

    def in_plan(self, field: str) -> tuple[str, dict[str, Any]]:
        """The code and parameters of this mistake in the plan's ``field``."""
        code = IN_PLAN[self.kind]
        if self.kind == "not-iso":
            got = phrase("nothing") if self.value is None else repr(self.value)
            return code, {"field": field, "got": got}
        return code, {"field": field, **self._details()}

    def on_command_line(self, flag: str | None) -> UsageError:
        """This mistake as a :class:`UsageError` about ``flag`` (``None``: named elsewhere)."""
        details = self._details() if self.kind != "not-iso" else {"value": self.value}
        return UsageError(ON_COMMAND_LINE[self.kind], flag=flag, **details)

    def _details(self) -> dict[str, Any]:
        if self.kind == "unpadded":
            return {"value": self.value, "fixed": self.fixed}
        return {"value": self.value, "reason": self.reason}


def parse_date(value: object) -> dt.date:
    """``value`` as a calendar date if it is one written YYYY-MM-DD, else a :class:`DateError`.

    A date YAML or the caller already made is taken as it is; a timestamp is not a date.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    loose = _LOOSE_DATE.fullmatch(value) if isinstance(value, str) else None
    if loose is None:
        raise DateError("not-iso", value)
    year, month, day = loose.groups()
    written = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        date = dt.date.fromisoformat(written)
    except ValueError:
        raise DateError("not-real", value, reason=_why_not_real(year, month, day)) from None
    if written != value:
        raise DateError("unpadded", value, fixed=written)
    return date


def flag_date(text: str, flag: str | None) -> dt.date:
    """A date given on the command line or at a prompt (spaces around it are ignored).

    The :class:`UsageError` names ``flag``; with ``None`` it leaves the flag to
    be named by the caller (as the command-line parser does: ``Invalid value for '--as-of'``).
    """
    try:
        return parse_date(text.strip())
    except DateError as exc:
        raise exc.on_command_line(flag) from None


def _why_not_real(year: str, month: str, day: str) -> str:
    """Why year-month-day is no day of the calendar, in the words of the run's language."""
    import calendar

    from journeycheck.messages import phrase

    number = int(month)
    if int(year) < 1:
        return phrase("no-year-zero")
    if not 1 <= number <= 12:
        return phrase("no-such-month", month=number)
    days = calendar.monthrange(int(year), number)[1]
    return phrase("no-such-day", month=number, year=int(year), days=days)
