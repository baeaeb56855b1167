"""The built-in playbook's translations keep to the glossary (docs/glossary.md).

The glossary's notes name the words a translation must not use (``not *조작*``,
``not "NFR"``): the machine-translated copies of the article got them wrong. Every
translated text of the built-in playbook is searched for them.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from journeycheck import translations
from tests.helpers import BUILTIN_PLAYBOOK

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
#: ``not *word*`` or ``not "word"`` in a note.
RULED_OUT = re.compile(r"\bnot (?:\*([^*]+)\*|\"([^\"]+)\")")
#: Which language's text a word written in a script can be: Hangul is only ever Korean,
#: Cyrillic only Bulgarian; a word in Latin letters (an abbreviation) is kept out of both.
SCRIPTS = {"HANGUL": "ko", "CYRILLIC": "bg"}


def ruled_out(glossary: str) -> list[str]:
    """The words the notes of the glossary's tables say not to use, in table order."""
    words: list[str] = []
    for line in glossary.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|") or len(cells) < 4:
            continue
        for match in RULED_OUT.finditer(cells[-1]):
            words.append(match.group(1) or match.group(2))
    return words


def language_of(word: str) -> str | None:
    """The one language ``word`` can belong to by its script, or ``None`` for any."""
    for char in word:
        if char.isalpha():
            script = unicodedata.name(char, "").split(" ", 1)[0]
            return SCRIPTS.get(script)
    return None


def test_the_notes_name_the_words_the_article_copies_got_wrong() -> None:
    words = ruled_out(GLOSSARY.read_text("utf-8"))
    # Issue 16 names these four; the glossary must keep ruling them out.
    assert {"조작", "미분 값", "олово", "резервации"} <= set(words)
    assert [language_of(word) for word in ("조작", "олово", "NFR")] == ["ko", "bg", None]


def test_a_note_without_a_ruled_out_word_gives_none() -> None:
    table = (
        "| English | Bulgarian | Korean | Note |\n"
        "|---|---|---|---|\n"
        "| lead | лийд | 리드 | not *олово* |\n"
        "| deal desk | deal desk | 딜 데스크 | |\n"
        '| new feature request | заявка | 신규 기능 요청 | not "NFR" |\n'
        "| go | готов (GO) | 출시 가능 (GO) | the labels keep the English word |\n"
    )
    assert ruled_out(table) == ["олово", "NFR"]


@pytest.mark.parametrize("language", translations.LANGUAGES)
def test_the_built_in_translation_avoids_the_words_the_glossary_rules_out(
    language: str,
) -> None:
    path = translations.file_for(BUILTIN_PLAYBOOK, language)
    if not path.exists():
        pytest.skip(f"the built-in playbook has no {language} translation in this tree")
    words = [
        word
        for word in ruled_out(GLOSSARY.read_text("utf-8"))
        if language_of(word) in (language, None)
    ]
    assert words
    translation = translations.read(path, expected=language)
    used = [
        f"{entry_id}.{field}: {word}"
        for entry_id, entry in translation.entries.items()
        for field in translations.FIELDS[translations.kind_of(entry_id) or "playbook"]
        if isinstance(text := getattr(entry, field, None), str)
        for word in words
        if word in text
    ]
    assert used == []
