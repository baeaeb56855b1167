"""Text quoted from a user's file or file name, made safe to print on one line.

Every message and report quotes what a user wrote: keys, values, file names.
A line break in a key would split one message into several, and the extra lines
could pass for problems of their own (``README.md:1:1: ...``) or for a CI
workflow command (``::error ...``); an escape character in a file name would act
on the terminal (colours, the window title, the clipboard through OSC 52). So
quoted text passes through :func:`one_line`, the one place that decides which
characters are written as escapes and how.
"""

from __future__ import annotations

import re
import unicodedata

#: Characters that break a line, act on a terminal or reorder what it shows:
#: C0 and C1 controls (tab and line feed included), DEL, Unicode's line and
#: paragraph separators, the bidirectional controls, and lone surrogates (the
#: bytes of a file name that is not UTF-8, as Python holds them).
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def one_line(text: str, *, keep: str = "") -> str:
    """``text`` with every unsafe character written as a Python-style escape.

    ``"a\\nb"`` becomes ``a\\nb`` (a backslash and an ``n``), ESC becomes ``\\x1b``,
    U+2028 becomes ``\\u2028``; a byte of a file name that is not UTF-8 becomes
    ``\\xe9``, as it is on disk. Everything else is left as it was written, and so
    are the characters in ``keep`` (a tab, where the output shows tabs as space).
    """
    if UNSAFE.search(text) is None:  # nearly always: no copy
        return text
    return UNSAFE.sub(lambda match: _escape(match, keep), text)


def flat(text: str) -> str:
    """Text from a plan or playbook on one line of a terminal, a summary or a diagram.

    A line break in a product name or a waiver's reason would otherwise print a
    line of its own, and such a line can pass for something else in a CI log
    (``::error file=...`` is a GitHub Actions workflow command). Every kind of
    line break and run of white space becomes one space, and any other character
    that would act on the terminal is written as an escape (:func:`one_line`).
    """
    return one_line(" ".join(text.split()))


def _escape(match: re.Match[str], keep: str) -> str:
    char = match.group()
    if char in keep:
        return char
    if char in _NAMED:
        return _NAMED[char]
    point = ord(char)
    if 0xDC80 <= point <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{point - 0xDC00:02x}"
    if point <= 0xFF:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}"


def _marks() -> dict[int, str]:
    table = {
        "·": "-", "•": "*", "●": "*", "○": "o", "◆": "*", "■": "#", "□": "-",
        "—": "-", "–": "-", "−": "-", "…": ".", "×": "x",
        "→": ">", "←": "<", "↑": "^", "↓": "v", "⇒": ">",
        "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
        "█": "#", "▌": "#", "▐": "#", "▀": "#", "▄": "#", "░": ".", "▒": ":", "▓": "#",
    }  # fmt: skip
    for point in range(0x2500, 0x2580):  # box drawing
        name = unicodedata.name(chr(point), "")
        words = set(name.replace("BOX DRAWINGS ", "").split())
        across = words & {"HORIZONTAL", "LEFT", "RIGHT"}
        down = words & {"VERTICAL", "UP", "DOWN"}
        if "DIAGONAL" in words:
            table[chr(point)] = "/" if "UPPER RIGHT TO LOWER LEFT" in name else "\\"
        elif across and not down:
            table[chr(point)] = "=" if words & {"HEAVY", "DOUBLE"} else "-"
        elif down and not across:
            table[chr(point)] = "|"
        else:
            table[chr(point)] = "+"
    return {ord(char): ascii for char, ascii in table.items()}


def ascii_marks(text: str) -> str:
    """``text`` with the marks of ambiguous width (``·``, ``—``, ``…``, box lines) as ASCII.

    East Asian terminals may draw those marks two columns wide, which breaks a
    table's lines (Korean terminals often do). Each mark becomes one ASCII
    character, so every line keeps the width it was laid out for. Letters are
    never changed, whatever their width.
    """
    return text.translate(_ASCII)


_ASCII = _marks()
