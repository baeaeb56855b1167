"""The language machinery: choosing a language, looking strings up, the pseudo-language."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from journeycheck import i18n
from journeycheck.errors import BadParameter, UsageError
from journeycheck.models import Plan

LOCALE_VARIABLES = (i18n.ENV, *i18n.LOCALE_VARIABLES)


@pytest.fixture(autouse=True)
def _no_language_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_the_option_comes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV, "bg")
    monkeypatch.setenv("LANG", "bg_BG.UTF-8")
    assert i18n.choose("ko", "bg", for_files=False) == "ko"


def test_then_the_variable_then_the_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.choose(None, "ko", for_files=False) == "ko"
    monkeypatch.setenv(i18n.ENV, "bg")
    assert i18n.choose(None, "ko", for_files=False) == "bg"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "bg_BG.UTF-8"}, "bg"),
        ({"LANG": "ko_KR.eucKR"}, "ko"),
        ({"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "bg_BG.UTF-8"}, "ko"),
        ({"LC_ALL": "C", "LANG": "bg_BG.UTF-8"}, "en"),
        ({"LC_ALL": "POSIX"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "nonsense"}, "en"),
        ({}, "en"),
    ],
)
def test_the_locale_for_the_terminal(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert i18n.choose(None, None, for_files=False) == expected


def test_files_ignore_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert i18n.choose(None, None, for_files=True) == "en"
    assert i18n.choose(None, "bg", for_files=True) == "bg"


@pytest.mark.parametrize("value", ["BG", "bg_BG", "bg-BG", " bg "])
def test_a_region_or_case_is_the_language(value: str) -> None:
    assert i18n.choose(value, None, for_files=True) == "bg"


def test_an_unknown_option_lists_the_languages() -> None:
    with pytest.raises(BadParameter) as caught:
        i18n.choose("de", None, for_files=False)
    assert caught.value.code == "JC800"
    assert caught.value.flag == "--lang"
    assert "en, bg, ko" in str(caught.value)


def test_an_unknown_variable_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV, "klingon")
    with pytest.raises(UsageError) as caught:
        i18n.choose(None, "bg", for_files=True)
    assert caught.value.code == "JC801"
    assert "JOURNEYCHECK_LANG='klingon'" in str(caught.value)


def test_an_unknown_plan_language_is_an_error() -> None:
    with pytest.raises(UsageError) as caught:
        i18n.choose(None, "fr", for_files=True)
    assert caught.value.code == "JC802"


def test_the_plan_model_takes_exactly_the_supported_languages() -> None:
    annotation = Plan.model_fields["language"].annotation
    (literal,) = (arg for arg in typing.get_args(annotation) if arg is not type(None))
    assert typing.get_args(literal) == i18n.SUPPORTED


def test_language_is_a_context() -> None:
    assert i18n.current() == "en"
    with i18n.language("ko"):
        assert i18n.current() == "ko"
        with i18n.language("bg"):
            assert i18n.current() == "bg"
        assert i18n.current() == "ko"
    assert i18n.current() == "en"
    with pytest.raises(ValueError, match="unsupported"):
        i18n.activate("fr")


def test_english_is_the_msgid_and_a_missing_string_stays_english() -> None:
    with i18n.language("bg"):
        assert i18n._("no string of this sentence is in any catalogue") == (
            "no string of this sentence is in any catalogue"
        )
        assert i18n.ngettext("{n} thing", "{n} things", 1) == "{n} thing"
        assert i18n.r_("") == ""


def test_the_pseudo_language_brackets_what_the_template_holds() -> None:
    with i18n.language(i18n.PSEUDO):
        assert i18n._("{file}: ok") == "⟦{file}: ok⟧"
        assert i18n._("never extracted, so bare") == "never extracted, so bare"
        plural = i18n.ngettext(
            "{file}: ok ({id} {version}, {count} question)",
            "{file}: ok ({id} {version}, {count} questions)",
            3,
        )
        assert plural == "⟦{file}: ok ({id} {version}, {count} questions)⟧"


def test_dates_and_numbers_follow_the_language() -> None:
    day = dt.date(2027, 1, 15)
    assert i18n.format_date(day) == "2027-01-15"
    assert i18n.format_decimal(87.5) == "87.5"
    with i18n.language("bg"):
        assert i18n.format_date(day) == "15.01.2027\u202fг."  # CLDR: a narrow no-break space
        assert i18n.format_decimal(87.5) == "87,5"
        assert i18n.format_percent(0.875, digits=1) == "87,5%"
    with i18n.language("ko"):
        assert i18n.format_date(day) == "2027. 1. 15."
        assert i18n.format_percent(0.875) == "88%"


def test_the_systems_refusals_are_said_in_the_language() -> None:
    import errno

    from journeycheck.errors import os_reason

    refused = PermissionError(errno.EACCES, "Permission denied")
    odd = OSError(errno.EBADF, "Bad file descriptor")
    assert os_reason(refused) == "Permission denied"
    with i18n.language("bg"):
        assert os_reason(refused) == "отказан достъп"
        assert os_reason(odd) == "Bad file descriptor"  # the system's words for the rare ones
    with i18n.language("ko"):
        assert os_reason(refused) == "권한이 없습니다"


@pytest.mark.parametrize("lang", ["en", "bg", "ko"])
def test_decimals_read_as_babel_writes_them_however_often_they_are_asked_for(lang: str) -> None:
    import decimal

    from babel.numbers import format_decimal as babel_format_decimal
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(
        st.one_of(
            st.floats(allow_nan=False, allow_infinity=False),
            st.integers(-(10**9), 10**9),
            st.sampled_from([0.0, -0.0, 0]),
        ),
        st.integers(0, 3),
    )
    def same(number: float, digits: int) -> None:
        pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
        with decimal.localcontext() as context:
            context.prec = 400
            expected = babel_format_decimal(number, format=pattern, locale=lang)
        with i18n.language(lang):
            assert i18n.format_decimal(number, digits) == expected
            assert i18n.format_decimal(number, digits) == expected

    same()


@pytest.mark.parametrize("lang", ["en", "bg", "ko"])
def test_percentages_read_as_babel_writes_them(lang: str) -> None:
    import decimal

    from babel import Locale
    from babel.numbers import format_percent as babel_format_percent
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=300, deadline=None)
    @given(
        st.one_of(
            st.floats(allow_nan=False, allow_infinity=False),
            st.floats(-2, 2),
            st.integers(-(10**12), 10**12),
        ),
        st.integers(0, 3),
    )
    @example(0.0035, 1)  # halves, which Babel rounds to even from the shortest repr
    @example(0.00345, 2)
    @example(-0.0, 0)
    @example(10**20, 0)
    def same(fraction: float, digits: int) -> None:
        pattern = Locale.parse(lang).percent_formats[None].pattern
        if digits:
            last = pattern.rindex("0")
            pattern = pattern[: last + 1] + "." + "0" * digits + pattern[last + 1 :]
        with decimal.localcontext() as context:
            context.prec = 1000
            expected = babel_format_percent(fraction, format=pattern, locale=lang)
        with i18n.language(lang):
            assert i18n.format_percent(fraction, digits) == expected

    same()


def test_english_numbers_need_no_babel() -> None:
    """English is written without loading Babel (10-25 ms of an audit); a fresh
    interpreter shows whether it was imported."""
    import subprocess
    import sys

    code = (
        "import datetime, sys; from journeycheck import i18n; "
        "print(i18n.format_decimal(1234.35, 1), i18n.format_percent(0.875, 1), "
        "i18n.format_decimal(-0.0, 0), i18n.format_date(datetime.date(2027, 1, 15))); "
        "print(sorted(m for m in sys.modules if m.startswith('babel')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["1,234.4 87.5% -0 2027-01-15", "[]"]


@pytest.mark.parametrize("lang", ["en", "bg", "ko"])
def test_the_largest_numbers_are_written_out(lang: str) -> None:
    with i18n.language(lang):
        assert (
            i18n.format_decimal(1.0e30, 0)
            .replace("\u00a0", " ")
            .replace(" ", ",")
            .startswith("1,000,000,000,000,000,000")
        )
        assert len(i18n.format_decimal(1.7976931348623157e308, 9)) > 309
        assert i18n.format_percent(1.0e30)
