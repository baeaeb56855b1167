"""One line per message: what a user wrote is quoted with its line breaks and controls escaped."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from journeycheck.errors import Problem
from journeycheck.printable import UNSAFE, one_line


def test_line_breaks_and_terminal_controls_become_escapes() -> None:
    assert one_line("a\nb\r\tc") == "a\\nb\\r\\tc"
    assert one_line("\x1b]52;c;aGk=\x07") == "\\x1b]52;c;aGk=\\x07"
    assert one_line("\x9b31m") == "\\x9b31m"
    assert one_line("x\u2028y\u2029z") == "x\\u2028y\\u2029z"
    assert one_line("abc\u202edcba") == "abc\\u202edcba"  # a right-to-left override


def test_a_file_name_byte_that_is_not_utf_8_is_shown_as_the_byte() -> None:
    import os

    assert one_line(os.fsdecode(b"caf\xe9.yaml")) == "caf\\xe9.yaml"


def test_ordinary_text_is_left_as_written() -> None:
    text = "Café — 東京 | `x` 'quoted' \\ back-slash"
    assert one_line(text) is text


@given(st.text())
def test_whatever_it_is_given_it_returns_one_printable_line(text: str) -> None:
    shown = one_line(text)
    assert "\n" not in shown and "\r" not in shown
    assert UNSAFE.search(shown) is None
    assert all(unicodedata.category(char) not in {"Cc", "Zl", "Zp", "Cs"} for char in shown)


@given(st.text(), st.text())
def test_a_problem_is_one_line_whatever_its_file_name_and_key(name: str, key: str) -> None:
    problem = Problem(name, 3, 5, "JC203", key=key, suggestion=None, allowed="a, b")
    assert len(str(problem).splitlines()) == 1
    assert UNSAFE.search(str(problem)) is None
