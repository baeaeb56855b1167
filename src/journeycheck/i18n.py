"""The language journeycheck speaks in, and its two gettext catalogues.

English is the source: every string is written in English in the code and looked
up in a catalogue compiled from ``locale/<lang>/LC_MESSAGES/<domain>.po``. A
string a catalogue lacks stays English, one string at a time, never an error.

Two domains, so that the words of the reports and the rest can be translated and
reviewed apart: **messages** (problems by code, status lines, prompts, the
comments ``init`` writes) through :func:`_`, :func:`ngettext` and
:func:`pgettext`; **reports** (every word of a rendered report) through
:func:`r_`, :func:`rngettext` and :func:`rpgettext`. Each is called on the whole
sentence, placeholders and all, and the translation is filled in afterwards::

    _("{file}: ok").format(file=name)

The language of a run is a context variable (:func:`activate`, :func:`language`),
which a portfolio's worker processes are given when they start. Which language
that is comes from :func:`choose`. ``qps`` is a pseudo-language for the tests:
every string of the catalogues' templates comes out as ``⟦…⟧`` around the
English, so a test can find any English that never went through a catalogue.

Only the standard library is imported here; Babel (for CLDR dates and numbers,
and to read the templates for ``qps``) inside the functions that need it.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import datetime
    import gettext
    from importlib.abc import Traversable

#: The languages a user can choose, English first (the default and the source).
SUPPORTED = ("en", "bg", "ko")
#: The pseudo-language of the tests; accepted wherever a language is, never listed.
PSEUDO = "qps"
#: The environment variable that chooses the language, after ``--lang``.
ENV = "JOURNEYCHECK_LANG"
#: The catalogues' domains.
MESSAGES, REPORTS = "messages", "reports"
DOMAINS = (MESSAGES, REPORTS)
#: The locale variables, in the order POSIX reads them for messages.
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
#: The pseudo-language's brackets, around every string it translates.
OPEN, CLOSE = "⟦", "⟧"

_current: ContextVar[str] = ContextVar("journeycheck_language", default="en")
_requested: ContextVar[str | None] = ContextVar("journeycheck_requested", default=None)


# -- choosing the language -----------------------------------------------------------


def choose(option: str | None, plan: str | None, *, for_files: bool) -> str:
    """The language to speak: ``--lang``, ``JOURNEYCHECK_LANG``, the plan's, the locale's.

    ``option`` is ``--lang`` as given (``None`` when absent), ``plan`` the plan's
    ``language:`` (``None`` when it has none). ``for_files`` leaves the locale
    variables out, for output meant to be committed (Markdown, HTML, JSON): two
    people running the same command get the same file. An unknown ``--lang``,
    ``JOURNEYCHECK_LANG`` or ``language:`` is an error that lists the supported
    languages; a locale journeycheck does not speak (``de_DE.UTF-8``, ``C``) is
    English, silently.
    """
    from journeycheck.errors import BadParameter, UsageError

    if option is not None:
        lang = _normal(option)
        if lang is None:
            # Said in the language the rest of the chain would have chosen.
            with language(_fallback(None, plan, for_files=for_files)):
                raise BadParameter("--lang", "JC800", value=option, supported=_listed())
        return lang
    value = os.environ.get(ENV, "")
    if value.strip():
        lang = _normal(value)
        if lang is None:
            with language(_fallback(None, plan, for_files=for_files, environment=False)):
                raise UsageError("JC801", variable=ENV, value=value, supported=_listed())
        return lang
    if plan is not None:
        lang = _normal(plan)
        if lang is None:
            raise UsageError("JC802", value=plan, supported=_listed())
        return lang
    if not for_files:
        return from_locale(os.environ)
    return "en"


def _fallback(
    option: str | None, plan: str | None, *, for_files: bool, environment: bool = True
) -> str:
    """The language of an error about a language: what the rest of the chain gives, else English."""
    from journeycheck.errors import UsageError

    if environment and os.environ.get(ENV, "").strip():
        try:
            return choose(None, plan, for_files=for_files)
        except UsageError:
            return "en"
    if plan is not None and _normal(plan) is not None:
        return _normal(plan) or "en"
    return "en" if for_files else from_locale(os.environ)


def from_locale(environ: os._Environ[str] | dict[str, str]) -> str:
    """The language of the locale variables: the first one set decides, as in POSIX.

    ``bg_BG.UTF-8`` is ``bg``, ``ko_KR.eucKR`` is ``ko``; ``C``, ``POSIX`` and every
    language journeycheck does not speak are English.
    """
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            lang = _normal(value)
            return lang if lang in SUPPORTED else "en"
    return "en"


def _normal(value: str) -> str | None:
    """``bg``, ``BG``, ``bg_BG``, ``bg-BG`` or ``bg_BG.UTF-8@x`` as ``bg``; ``None`` if unknown."""
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in SUPPORTED or code == PSEUDO else None


def _listed() -> str:
    return ", ".join(SUPPORTED)


def request(option: str | None) -> None:
    """Keep ``--lang`` as given, for the choices a command makes once it has read a plan."""
    _requested.set(option)


def requested() -> str | None:
    """``--lang`` as given to this run, or ``None``."""
    return _requested.get()


def choose_for(plan: str | None, *, for_files: bool) -> str:
    """:func:`choose` with this run's ``--lang`` (see :func:`request`)."""
    return choose(_requested.get(), plan, for_files=for_files)


T = TypeVar("T")


def in_plans_language(
    make: Callable[[], T], language_of: Callable[[T], str | None], *, for_files: bool
) -> T:
    """What ``make`` gives from a plan, made in the language chosen with the plan's own
    ``language:`` (:func:`choose_for`), which is spoken from then on.

    The playbook's words (questions, help, risks, phases) are taken in the language
    current when the plan is read, and the plan's ``language:`` is known only once it
    has been: when it chooses another language, ``make`` runs again in that one, so
    that the questions are not left in English under a translated report. Only plans
    that choose another language pay for the second run.
    """
    made = make()
    lang = choose_for(language_of(made), for_files=for_files)
    if lang == current():
        return made
    activate(lang)
    return make()


# -- the current language ------------------------------------------------------------


def activate(lang: str) -> None:
    """Speak ``lang`` from now on, in this context (and the worker processes started from it)."""
    if lang not in SUPPORTED and lang != PSEUDO:
        raise ValueError(f"unsupported language {lang!r}")
    _current.set(lang)


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Speak ``lang`` inside the ``with`` block, and the language before it after."""
    if lang not in SUPPORTED and lang != PSEUDO:
        raise ValueError(f"unsupported language {lang!r}")
    token = _current.set(lang)
    try:
        yield lang
    finally:
        _current.reset(token)


def current() -> str:
    """The language spoken now: one of :data:`SUPPORTED`, or :data:`PSEUDO` in tests."""
    return _current.get()


# -- looking strings up --------------------------------------------------------------


def _(msgid: str) -> str:
    """``msgid`` (a whole sentence of the messages domain) in the current language."""
    return catalogue(MESSAGES, _current.get()).gettext(msgid) if msgid else msgid


def N_(msgid: str) -> str:  # noqa: N802 - gettext's name for it
    """``msgid`` unchanged: marks a messages sentence to extract, translated where it is used."""
    return msgid


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` of a messages sentence; the language's plural rules choose it."""
    return catalogue(MESSAGES, _current.get()).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """A messages sentence whose English is ambiguous, told apart by ``context``."""
    return catalogue(MESSAGES, _current.get()).pgettext(context, msgid) if msgid else msgid


def r_(msgid: str) -> str:
    """``msgid`` (a whole sentence of the reports domain) in the current language."""
    return catalogue(REPORTS, _current.get()).gettext(msgid) if msgid else msgid


def rngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` of a reports sentence."""
    return catalogue(REPORTS, _current.get()).ngettext(singular, plural, n)


def rpgettext(context: str, msgid: str) -> str:
    """A reports sentence told apart by ``context``."""
    return catalogue(REPORTS, _current.get()).pgettext(context, msgid) if msgid else msgid


def _locale() -> Traversable:
    # Here, not at the top: importlib.resources costs --version 2 ms.
    from importlib.resources import files

    return files("journeycheck") / "locale"


def locale_folder() -> str:
    """Where the catalogues are: ``locale/`` inside the package."""
    return str(_locale())


@functools.cache
def catalogue(domain: str, lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``lang``; English (no catalogue) without one.

    A language whose ``.mo`` is missing (a checkout where ``make`` has not compiled
    them yet) speaks English rather than failing.
    """
    import gettext

    if lang == PSEUDO:
        return _pseudo_catalogue(domain)
    if lang == "en":
        return gettext.NullTranslations()
    path = _locale() / lang / "LC_MESSAGES" / f"{domain}.mo"
    try:
        with path.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except OSError:
        return gettext.NullTranslations()


def template(domain: str) -> str:
    """The text of ``domain``'s catalogue template (``locale/<domain>.pot``)."""
    return (_locale() / f"{domain}.pot").read_text(encoding="utf-8")


def pseudo(text: str) -> str:
    """``text`` as the pseudo-language writes it."""
    return f"{OPEN}{text}{CLOSE}"


def _pseudo_catalogue(domain: str) -> gettext.NullTranslations:
    """Every string of a domain's template, bracketed; anything else left as it is.

    A string that is not in the template was never extracted, so it stays bare
    English, and the pseudo-language test finds it.
    """
    import gettext
    import io

    from babel.messages.pofile import read_po

    known: set[tuple[str | None, str]] = set()
    for message in read_po(io.StringIO(template(domain))):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        for msgid in ids:
            known.add((message.context, str(msgid)))

    def look_up(context: str | None, msgid: str) -> str:
        return pseudo(msgid) if (context, msgid) in known else msgid

    class Pseudo(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return look_up(None, message)

        def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
            return look_up(None, msgid1 if n == 1 else msgid2)

        def pgettext(self, context: str, message: str) -> str:
            return look_up(context, message)

        def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
            return look_up(context, msgid1 if n == 1 else msgid2)

    return Pseudo()


# -- dates and numbers for people (CLDR, through Babel) ------------------------------


def _babel_locale() -> str:
    lang = _current.get()
    return "en" if lang == PSEUDO else lang


def format_date(day: datetime.date, format: str = "medium") -> str:
    """``day`` as the current language writes dates in running text.

    English keeps ISO 8601 (2027-01-15), as journeycheck's English output always
    has: unambiguous whichever English the reader grew up with. Bulgarian and
    Korean follow CLDR (``15.01.2027 г.``, ``2027. 1. 15.``); ``format`` is a
    CLDR width (short, medium, long) or pattern. YAML and JSON keep ISO dates.
    """
    lang = _babel_locale()
    if lang == "en":
        return day.isoformat()
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format=format, locale=lang)


def format_decimal(number: float, digits: int = 1) -> str:
    """``number`` with exactly ``digits`` decimals, in the current language's symbols."""
    if number == 0:  # 0.0 and -0.0 are one key to a cache, and Babel writes them apart
        return _formatted_decimal.__wrapped__(number, digits, _babel_locale())
    return _formatted_decimal(number, digits, _babel_locale())


def _finite(number: float) -> bool:
    # An int of any size is finite, and too large for math.isfinite past 1e308.
    return isinstance(number, int) or math.isfinite(number)


def _english(number: float, digits: int, *, scale: int = 0) -> str:
    """``number`` as Babel writes it in English (``#,##0.0``), without Babel.

    Loading Babel and its English data took 10-25 ms of a 230 ms terminal audit,
    which otherwise needs it only for Bulgarian and Korean (docs/performance.md).
    English's symbols are ASCII and its grouping is by thousands, so Python's own
    formatting of a Decimal writes the same text; the float is read from its
    shortest repr and rounded half to even, as Babel does (0.35 -> 0.4, where
    formatting the float itself gives 0.3). ``tests/test_i18n.py`` holds the two
    side by side.
    """
    import decimal

    with _all_digits():
        value = decimal.Decimal(repr(number)).scaleb(scale)
        rounded = value.quantize(decimal.Decimal(1).scaleb(-digits))
        return f"{rounded:,f}"


@functools.lru_cache(maxsize=4096, typed=True)
def _formatted_decimal(number: float, digits: int, lang: str) -> str:
    """Babel's formatting, remembered: a report writes the same scores and points many
    times, and a portfolio's plans share most of them (a tenth of drawing a plan's
    terminal section went to Babel)."""
    if lang == "en" and _finite(number):
        return _english(number, digits)
    from babel.numbers import format_decimal as babel_format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    with _all_digits():
        return babel_format_decimal(number, format=pattern, locale=lang)


def _all_digits() -> contextlib.AbstractContextManager[object]:
    """Room for every digit of any finite float: Babel rounds in a decimal context, whose
    28 digits a KPI of 1.0e+30 overflowed, and every report but JSON failed."""
    import decimal

    context = decimal.getcontext().copy()
    context.prec = 400  # 309 integer digits of the largest float, and its decimals
    return decimal.localcontext(context)


def format_percent(fraction: float, digits: int = 0) -> str:
    """``fraction`` (0.875) as a percentage in the current language (87,5% in Bulgarian)."""
    lang = _babel_locale()
    if lang == "en" and _finite(fraction):
        return _english(fraction, digits, scale=2) + "%"
    from babel import Locale
    from babel.numbers import format_percent as babel_format_percent

    # The language's own pattern (where the sign goes, any space), with the decimals asked for.
    pattern = Locale.parse(lang).percent_formats[None].pattern
    if digits > 0:
        last = pattern.rindex("0")
        pattern = pattern[: last + 1] + "." + "0" * digits + pattern[last + 1 :]
    with _all_digits():
        return babel_format_percent(fraction, format=pattern, locale=lang)
