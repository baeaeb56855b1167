"""The built-in playbook's translations: complete, current, and nothing but text.

Every language journeycheck speaks besides English must have a translation file beside
the built-in playbook. The tests run over the files present, so that one language's file
can land before the other's; ``test_every_language_is_translated`` says which is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from journeycheck import translations
from journeycheck.models import Playbook
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Run, process
from journeycheck.playbooks import PlaybookCache, builtin_translation
from journeycheck.result import AuditResult
from journeycheck.translations import LANGUAGES, display_width, items

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BUILTIN = "customer-journey"
PRESENT = [language for language in LANGUAGES if builtin_translation(BUILTIN, language)]
#: Words that stay as they are in every language: abbreviations the glossary keeps. A
#: text with no letter at all (a unit such as ``%``) is not English either.
_LATIN_ONLY = re.compile(r"^(?=.*[A-Za-z])[\sA-Za-z0-9()/.,:;'\"%-]*$")


def _english() -> Playbook:
    return PlaybookCache(language="en").get(BUILTIN)


_MISSING = [language for language in LANGUAGES if language not in PRESENT]


def test_the_bulgarian_translation_is_shipped() -> None:
    assert "bg" in PRESENT


# The Korean translation is written on its own branch; until it is merged, this test is
# reported as an expected failure (xfail), and it runs as any other test once it is.
@pytest.mark.xfail(bool(_MISSING), reason=f"no translation yet into {_MISSING}", strict=True)
def test_every_language_is_translated() -> None:
    assert not _MISSING, f"the built-in playbook has no translation into {', '.join(_MISSING)}"


@pytest.mark.parametrize("language", PRESENT)
def test_every_id_is_translated_from_the_current_english(language: str) -> None:
    playbook = _english()
    found = translations.report(playbook, None, language)
    assert found is not None
    assert [str(problem) for problem in found.problems] == []
    assert found.current == found.total == len(items(playbook))


@pytest.mark.parametrize("language", PRESENT)
def test_every_text_of_the_english_has_its_translation(language: str) -> None:
    """Each English field is translated (a field left out would show English), each team
    has a short title for the score table, and no text is the English copied."""
    playbook = _english()
    (layer,) = translations.layers(None, BUILTIN, language)
    for entry_id, item in items(playbook).items():
        entry = layer.entries[entry_id]
        for name, english in zip(translations.FIELDS[item.kind], item.english, strict=True):
            text = getattr(entry, name)
            if english:
                assert text, f"{entry_id}: {name} is not translated"
                assert text != english or _LATIN_ONLY.match(english) is None, entry_id
                assert not _LATIN_ONLY.match(text), f"{entry_id}: {name} is not {language}"
        if item.kind == "team":
            assert entry.short, f"{entry_id}: no short title"
            assert display_width(entry.short) <= translations.SHORT_COLUMNS


@pytest.mark.parametrize("language", PRESENT)
def test_the_translated_playbook_is_the_same_playbook(language: str) -> None:
    english = _english()
    translated = PlaybookCache(language=language).get(BUILTIN)
    text = {"title", "description", "summary", "ask", "help", "unit", "risk"}
    assert translated.model_dump(exclude={"title", "description"}).keys() == (
        english.model_dump().keys() - {"title", "description"}
    )
    for ours, theirs in zip(translated.questions, english.questions, strict=True):
        assert ours.model_dump(exclude=text) == theirs.model_dump(exclude=text)
        assert ours.ask != theirs.ask
    assert [phase.id for phase in translated.phases] == [phase.id for phase in english.phases]
    assert [team.id for team in translated.teams] == [team.id for team in english.teams]
    assert translated.traits.keys() == english.traits.keys()
    assert [kpi.better for kpi in translated.kpis] == [kpi.better for kpi in english.kpis]


def _audit(path: Path, language: str) -> AuditResult:
    run = Run(
        settings=AuditSettings(as_of=dt.date(2027, 1, 15)),
        playbooks=PlaybookCache(language=language),
    )
    outcome = process(PlanFile(path), run)
    assert isinstance(outcome, Audited)
    return outcome.result


@pytest.mark.parametrize("language", PRESENT)
@pytest.mark.parametrize("plan", EXAMPLES, ids=lambda path: path.stem)
def test_scores_and_verdicts_do_not_depend_on_the_language(plan: Path, language: str) -> None:
    english, translated = _audit(plan, "en"), _audit(plan, language)
    assert (translated.verdict, translated.why) == (english.verdict, english.why)
    assert (translated.score, translated.total_score) == (english.score, english.total_score)
    assert (translated.cells, translated.counts) == (english.cells, english.counts)
    text = {"ask", "help", "risk"}
    assert [gap.model_dump(exclude=text) for gap in translated.gaps] == [
        gap.model_dump(exclude=text) for gap in english.gaps
    ]
    # The gaps speak the language (a gap's text comes from the translated playbook).
    pairs = zip(translated.gaps, english.gaps, strict=True)
    assert all(ours.ask != theirs.ask for ours, theirs in pairs)
