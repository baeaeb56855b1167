"""The gettext catalogues: complete, consistent with the code, compiled, same placeholders."""

from __future__ import annotations

import string
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from journeycheck import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "journeycheck" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
LANGUAGES = [lang for lang in i18n.SUPPORTED if lang != "en"]


def _read(path: Path) -> Any:
    with path.open("rb") as stream:
        return read_po(stream)


def _placeholders(text: str) -> set[str]:
    """Each ``{name!conversion:spec}`` as written: a translation keeps them all, as they are.

    Text that is no template (``',' or '}'``, a parser's words) has none.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return set()
    found = set()
    for _, name, spec, conversion in parsed:
        if name is not None:
            found.add(
                name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            )
    return found


def _ids(message: Any) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def _strings(message: Any) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_every_language_has_both_domains() -> None:
    expected = {
        LOCALE / lang / "LC_MESSAGES" / f"{d}.po" for lang in LANGUAGES for d in i18n.DOMAINS
    }
    assert set(CATALOGUES) == expected


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-3:]))
def test_every_entry_is_translated_with_the_same_placeholders(path: Path) -> None:
    catalog = _read(path)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = _strings(message)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
            continue
        if isinstance(message.id, tuple) and len(strings) != catalog.num_plurals:
            problems.append(f"{len(strings)} forms, not {catalog.num_plurals}: {message.id!r}")
        # Every form keeps every placeholder of the English plural (the count included,
        # so a form cannot hide which number it is about) and brings none of its own.
        wanted = set().union(*(_placeholders(text) for text in _ids(message)))
        for text in strings:
            got = _placeholders(text)
            if isinstance(message.id, tuple):
                ok = got <= wanted and _placeholders(message.id[1]) - got <= set()
            else:
                ok = got == wanted
            if not ok:
                problems.append(f"placeholders {sorted(got)} != {sorted(wanted)}: {message.id!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: "/".join(path.parts[-3:]))
def test_every_catalogue_is_compiled_and_current(path: Path) -> None:
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} is missing: run make"
    assert compiled.stat().st_mtime >= path.stat().st_mtime, f"{compiled} is older: run make"


@pytest.mark.parametrize("domain", i18n.DOMAINS)
def test_the_templates_hold_every_string_the_code_translates(domain: str) -> None:
    sys.path.insert(0, str(ROOT))
    from tools.catalogues import template

    extracted = {(m.context, m.id) for m in template(domain) if m.id}
    committed = {(m.context, m.id) for m in _read(LOCALE / f"{domain}.pot") if m.id}
    assert extracted == committed, "run make catalogues"


@pytest.mark.parametrize("domain", i18n.DOMAINS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalogue_has_exactly_the_templates_strings(domain: str, lang: str) -> None:
    template = {(m.context, m.id) for m in _read(LOCALE / f"{domain}.pot") if m.id}
    catalogue = _read(LOCALE / lang / "LC_MESSAGES" / f"{domain}.po")
    assert {(m.context, m.id) for m in catalogue if m.id} == template, "run make catalogues"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_is_what_the_run_reads(lang: str) -> None:
    catalog = _read(LOCALE / lang / "LC_MESSAGES" / "messages.po")
    with i18n.language(lang):
        for message in catalog:
            if message.id and not isinstance(message.id, tuple) and not message.context:
                assert i18n._(message.id) == message.string
