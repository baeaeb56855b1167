"""The project's own exceptions; the CLI maps each family to one exit code.

Each problem and error carries a code from :mod:`journeycheck.messages` and the
parameters of its message; the text is rendered from the code's template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from journeycheck.messages import CATALOGUE, phrase, render
from journeycheck.printable import one_line


@dataclass(frozen=True, order=True, init=False)
class Problem:
    """One thing wrong with an input file, at a place a user can jump to.

    ``line`` and ``column`` are 1-based; both are ``None`` when the problem
    concerns the file as a whole (missing, empty, unreadable). In a spreadsheet
    (CSV) ``line`` is the row number the spreadsheet shows and ``column`` the
    header of the cell's column, as in ``answers.csv:12:due``.
    """

    file: str
    line: int | None
    column: int | str | None
    message: str
    #: The message's code in :mod:`journeycheck.messages`, e.g. ``JC201``.
    code: str
    #: The values the message was rendered from, by placeholder name.
    params: Mapping[str, object] = field(compare=False)

    def __init__(
        self, file: str, line: int | None, column: int | str | None, code: str, /, **params: object
    ) -> None:
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "message", render(code, **params))
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "params", params)

    @property
    def is_warning(self) -> bool:
        """Whether this is a warning (the plan is valid) rather than an error."""
        return CATALOGUE[self.code].warning

    def __str__(self) -> str:
        message = phrase("warning", message=self.message) if self.is_warning else self.message
        # The message is one line already; the file name is the user's too.
        file = one_line(self.file)
        if self.line is None:
            return f"{file}: {message}"
        if self.column is None:
            return f"{file}:{self.line}: {message}"
        return f"{file}:{self.line}:{self.column}: {message}"


class JourneycheckError(Exception):
    """Base of every error journeycheck reports to a user without a traceback."""

    exit_code = 2

    def __init__(self, code: str, /, **params: object) -> None:
        #: The message's code in :mod:`journeycheck.messages`, and what it was rendered from.
        self.code = code
        self.params: Mapping[str, object] = params
        super().__init__(render(code, **params))

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from the code, not from the text, when it crosses to another process.
        return (_rebuild, (type(self), self.code, dict(self.params)))


def _rebuild(
    kind: type[JourneycheckError], code: str, params: dict[str, object]
) -> JourneycheckError:
    return kind(code, **params)


class InputError(JourneycheckError):
    """One or more problems in a plan or playbook; every one is reported."""

    def __init__(self, problems: list[Problem]) -> None:
        # Its codes are those of its problems.
        self.problems = sorted(set(problems), key=_reading_order)
        Exception.__init__(self, "\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        return (type(self), (self.problems,))


class UsageError(JourneycheckError):
    """A command-line value that cannot be used (a bad date, an unknown phase)."""


class BadParameter(UsageError):
    """A command-line value refused before anything is read (a date that is no date).

    Shown as Click shows the values it refuses itself: under the command's usage
    line, as ``Invalid value for 'FLAG': message``.
    """

    def __init__(self, flag: str, code: str, /, **params: object) -> None:
        super().__init__(code, **params)
        #: The flag the message is about, as Click names it: ``--as-of``.
        self.flag = flag

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_bad_parameter, (self.flag, self.code, dict(self.params)))


def _rebuild_bad_parameter(flag: str, code: str, params: dict[str, object]) -> BadParameter:
    return BadParameter(flag, code, **params)


class OutputError(JourneycheckError):
    """A report or plan could not be written where the user asked."""


def _reading_order(problem: Problem) -> tuple[str, int, int, str, str]:
    column = problem.column
    number = column if isinstance(column, int) else 0
    return (problem.file, problem.line or 0, number, str(column or ""), problem.message)


class IncompleteRun(JourneycheckError):
    """Some plans of a portfolio could not be audited; their problems were printed already."""


class Terminated(KeyboardInterrupt):
    """The run was asked to stop by a signal (SIGTERM, SIGHUP), and stops as for Ctrl-C.

    A subclass of :class:`KeyboardInterrupt`, so whatever cleans up after Ctrl-C
    (worker processes ended, temporary files removed) cleans up after it too.
    """

    def __init__(self, signal_number: int, name: str) -> None:
        super().__init__(name)
        self.name = name
        #: What a shell reports for a program the signal ended: 128 + its number.
        self.exit_code = 128 + signal_number


def os_reason(exc: OSError) -> str:
    """Why the system refused, for a message's ``{reason}``: in the run's language.

    English keeps the system's own words; Bulgarian and Korean have their own for
    the refusals a user meets (a missing file, no permission, a full disk), and
    the system's words for the rest.
    """
    import errno

    from journeycheck.i18n import current, pgettext

    said = exc.strerror or str(exc)
    if current() == "en":
        return said
    reasons = {
        errno.ENOENT: pgettext("os error", "No such file or directory"),
        errno.EACCES: pgettext("os error", "Permission denied"),
        errno.EPERM: pgettext("os error", "Operation not permitted"),
        errno.ENOSPC: pgettext("os error", "No space left on device"),
        errno.EROFS: pgettext("os error", "Read-only file system"),
        errno.EISDIR: pgettext("os error", "Is a directory"),
        errno.ENOTDIR: pgettext("os error", "Not a directory"),
        errno.EEXIST: pgettext("os error", "File exists"),
        errno.ELOOP: pgettext("os error", "Too many levels of symbolic links"),
        errno.ENAMETOOLONG: pgettext("os error", "File name too long"),
        errno.EIO: pgettext("os error", "Input/output error"),
        errno.EDQUOT: pgettext("os error", "Disk quota exceeded"),
    }
    return reasons.get(exc.errno, said) if exc.errno is not None else said
