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

from journeycheck.errors import InputError, Problem

#: Files larger than this are refused before parsing (documented in docs/errors.md).
MAX_BYTES = 4 * 1024 * 1024


def read_text(path: Path, name: str) -> str:
    """The file's text, refusing what is not a readable, small, UTF-8 text file."""

    def fail(message: str, line: int | None = None, column: int | None = None) -> InputError:
        return InputError([Problem(name, line, column, message)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a YAML file")
        if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
            raise fail("is a device or another special file, not a YAML file")
        if info.st_size > MAX_BYTES:
            raise fail(
                f"is {info.st_size:,} bytes; journeycheck refuses files over {MAX_BYTES:,} bytes "
                "(4 MiB) before reading them"
            )
        raw = _read_bounded(path)
    except FileNotFoundError:
        raise fail("no such file") from None
    except PermissionError:
        raise fail("cannot be read: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise fail(f"is larger than {MAX_BYTES:,} bytes (4 MiB); journeycheck refuses it")
    if not raw and stat.S_ISFIFO(info.st_mode):
        raise fail("is a named pipe and nothing was written to it")
    if not raw.strip():
        raise fail("is empty; expected a YAML mapping")
    has_nul = b"\x00" in raw
    # UTF-16 without a byte order mark shows as NUL bytes beside each ASCII letter.
    encoding = _bom_encoding(raw) or (_utf16_without_bom(raw) if has_nul else None)
    if encoding:
        raise fail(f"is encoded as {encoding}; save it as UTF-8")
    if has_nul:
        raise fail("looks like a binary file, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(raw)
        raise fail(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); it looks like {guess}; "
            "save it as UTF-8",
            line,
            column,
        ) from None
    return text.removeprefix("\ufeff")


def _read_bounded(path: Path) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of ``path``.

    A named pipe is opened without waiting for a writer (a plain open would
    wait forever if none comes): with no writer it reads as empty; a writer
    already there, as in ``journeycheck validate <(git show HEAD:plan.yaml)``,
    is read to its end.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | nonblocking)
    with os.fdopen(descriptor, "rb") as stream:
        if nonblocking:
            os.set_blocking(descriptor, True)
        return stream.read(MAX_BYTES + 1)


def _bom_encoding(raw: bytes) -> str | None:
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    return None


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 text with no byte order mark: mostly ASCII, so every other byte is zero."""
    even, odd = raw[0::2], raw[1::2]
    pairs = len(odd)
    if pairs < 2:
        return None
    if odd.count(0) >= pairs * 0.9 and even.count(0) <= pairs * 0.1:
        return "UTF-16 (little-endian, without a byte order mark)"
    if even.count(0) >= pairs * 0.9 and odd.count(0) <= pairs * 0.1:
        return "UTF-16 (big-endian, without a byte order mark)"
    return None


def _guess_encoding(raw: bytes) -> str:
    """A best guess at a legacy encoding, to tell the user what to convert from."""
    high = [b for b in raw if b >= 0x80]
    scripts = (
        ("euc_kr", "EUC-KR (Korean)", ("\uac00", "\ud7af")),  # Hangul syllables
        ("shift_jis", "Shift JIS (Japanese)", ("\u3040", "\u9fff")),  # kana and kanji
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
        return "Windows-1251 (Cyrillic)"
    return "Windows-1252 or Latin-1 (Western European)"
