"""Read a file's bytes into text, refusing what is not a small, readable, UTF-8 text file.

Folders, devices, named pipes with no writer, files over the size limit,
UTF-16/UTF-32 and legacy encodings are refused with a message that says what
the file is and what to do; a UTF-8 byte order mark is dropped.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from journeycheck.errors import InputError, Problem, os_reason
from journeycheck.messages import phrase

#: Files larger than this are refused before parsing (documented in docs/errors.md).
MAX_BYTES = 4 * 1024 * 1024


def read_text(path: Path, name: str) -> str:
    """The file's text, refusing what is not a readable, small, UTF-8 text file."""

    def fail(code: str, /, **params: object) -> InputError:
        return InputError([Problem(name, None, None, code, **params)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("JC002")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise fail("JC003")
        if info.st_size > MAX_BYTES:
            raise fail("JC006", size=info.st_size, limit=MAX_BYTES)
        raw = _read_bounded(path, info.st_size if stat.S_ISREG(info.st_mode) else MAX_BYTES)
    except FileNotFoundError:
        raise fail("JC001") from None
    except PermissionError:
        raise fail("JC004") from None
    except OSError as exc:
        raise fail("JC005", reason=os_reason(exc)) from None
    if not raw and stat.S_ISFIFO(info.st_mode):
        raise fail("JC008")
    return text_from_bytes(raw, name)


def text_from_bytes(raw: bytes, name: str) -> str:
    """The text of a file's bytes (read from disk or from git), refusing what is not UTF-8 YAML."""

    def fail(code: str, /, **params: object) -> InputError:
        return InputError([Problem(name, None, None, code, **params)])

    if len(raw) > MAX_BYTES:
        raise fail("JC007", limit=MAX_BYTES)
    if not raw or raw.isspace():  # as not raw.strip(), without copying the text
        raise fail("JC009")
    has_nul = b"\x00" in raw
    # UTF-16 without a byte order mark shows as NUL bytes beside each ASCII letter.
    encoding = _bom_encoding(raw) or (utf16_without_bom(raw) if has_nul else None)
    if encoding:
        raise fail(encoding)
    if has_nul:
        raise fail("JC014")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = phrase(guess_encoding(raw))
        problem = Problem(name, line, column, "JC015", byte=raw[exc.start], guess=guess)
        raise InputError([problem]) from None
    return text.removeprefix("\ufeff")


def _read_bounded(path: Path, expected: int) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of ``path``, whose size was ``expected``.

    A named pipe is opened without waiting for a writer (a plain open would
    wait forever if none comes): with no writer it reads as empty; a writer
    already there, as in ``journeycheck validate <(git show HEAD:plan.yaml)``,
    is read to its end. A file is read at the size it had, plus one byte to see
    whether it has grown since (then on, to the bound): asking for the bound at
    once made a 4 MiB buffer for every plan of a portfolio.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | nonblocking)
    with os.fdopen(descriptor, "rb") as stream:
        if nonblocking:
            os.set_blocking(descriptor, True)
        first = stream.read(min(expected, MAX_BYTES) + 1)
        if len(first) <= expected:
            return first
        return first + stream.read(MAX_BYTES + 1 - len(first))


def _bom_encoding(raw: bytes) -> str | None:
    """The code of the problem for a UTF-32 or UTF-16 byte order mark, if there is one."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "JC010"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "JC011"
    return None


def utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text with no byte order mark: mostly ASCII, so every other byte is zero.

    Returns the code of the problem, which names the byte order.
    """
    even, odd = raw[0::2], raw[1::2]
    pairs = len(odd)
    if pairs < 2:
        return None
    if odd.count(0) >= pairs * 0.9 and even.count(0) <= pairs * 0.1:
        return "JC012"
    if even.count(0) >= pairs * 0.9 and odd.count(0) <= pairs * 0.1:
        return "JC013"
    return None


def guess_encoding(raw: bytes) -> str:
    """A best guess at a legacy encoding, to tell the user what to convert from.

    Returns the slug of its name in :data:`journeycheck.messages.PHRASES`.
    """
    high = [b for b in raw if b >= 0x80]
    # Decoded with Microsoft's supersets, which Windows saves in: a Korean sheet from
    # Excel may hold syllables that EUC-KR itself has no code for.
    scripts = (
        ("cp949", "euc-kr", ("\uac00", "\ud7af")),  # Hangul syllables
        ("cp932", "shift-jis", ("\u3040", "\u9fff")),  # kana and kanji
    )
    for codec, label, (first, last) in scripts:
        try:
            decoded = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        # A double-byte encoding is plausible only if nearly every pair is a letter of its script.
        letters = sum(1 for ch in decoded if first <= ch <= last)
        if letters and letters * 2 >= len(high) * 0.9:
            return label
    # Cyrillic text in Windows-1251 is whole words of bytes 0xC0-0xFF; Western
    # text has an accented letter here and there between ASCII ones.
    paired = sum(
        1
        for i, b in enumerate(raw)
        if b >= 0x80 and ((i and raw[i - 1] >= 0x80) or (i + 1 < len(raw) and raw[i + 1] >= 0x80))
    )
    upper = sum(1 for b in high if b >= 0xC0)
    if high and paired >= len(high) * 0.6 and upper >= len(high) * 0.7:
        return "windows-1251"
    return "windows-1252"
