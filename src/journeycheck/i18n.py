"""Local stand-in for branch i18n-core's module, with the same API (dropped at the merge).

Only what the report renderers use: the current language, the ``reports``
domain's lookups, and Babel's date and number formats.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
from collections.abc import Iterator
from importlib import resources
from typing import Any

SUPPORTED = ("en", "bg", "ko")
_CURRENT: contextvars.ContextVar[str] = contextvars.ContextVar("journeycheck_lang", default="en")


def activate(lang: str) -> None:
    _CURRENT.set(lang)


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    token = _CURRENT.set(lang)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> str:
    return _CURRENT.get()


@functools.cache
def _catalogue(lang: str, domain: str) -> dict[Any, Any]:
    if lang == "en":
        return {}
    from babel.messages.pofile import read_po

    path = resources.files("journeycheck") / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=lang)
    table: dict[Any, Any] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = (message.context, message.id)
        if isinstance(message.id, tuple):
            if all(message.string):
                table[key] = (tuple(message.string), catalog.plural_expr)
        elif message.string:
            table[key] = message.string
    return table


@functools.cache
def _plural_function(expr: str) -> Any:
    import gettext

    return gettext.c2py(expr)


def _lookup(context: str | None, msgid: str) -> str:
    found = _catalogue(current(), "reports").get((context, msgid))
    return found if isinstance(found, str) else msgid


def _plural(context: str | None, singular: str, plural: str, n: int) -> str:
    found = _catalogue(current(), "reports").get((context, (singular, plural)))
    if found is None:
        return singular if n == 1 else plural
    forms, expr = found
    index = int(_plural_function(expr)(n))
    return str(forms[min(index, len(forms) - 1)])


def r_(msgid: str) -> str:
    return _lookup(None, msgid)


def rpgettext(context: str, msgid: str) -> str:
    return _lookup(context, msgid)


def rngettext(singular: str, plural: str, n: int) -> str:
    return _plural(None, singular, plural, n)


def format_date(value: dt.date) -> str:
    lang = current()
    if lang == "en":
        return value.isoformat()
    from babel.dates import format_date as babel_date

    return str(babel_date(value, "medium", locale=lang))


def format_decimal(value: float, digits: int = 1) -> str:
    lang = current()
    if lang == "en":
        return f"{value:.{digits}f}"
    from babel.numbers import format_decimal as babel_decimal

    pattern = "0." + "0" * digits if digits else "0"
    return str(babel_decimal(value, pattern, locale=lang))


def choose(option: str | None, plan: str | None, *, for_files: bool) -> str:
    import os

    for value in (option, os.environ.get("JOURNEYCHECK_LANG"), plan):
        if value:
            return value if value in SUPPORTED else "en"
    if not for_files:
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            value = os.environ.get(name, "")
            if value:
                code = value.split(".")[0].split("_")[0].lower()
                return code if code in SUPPORTED else "en"
    return "en"
