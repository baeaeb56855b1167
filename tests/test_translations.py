"""Playbook translation files: the hash, reading them, using them, checking them."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeycheck import translations
from journeycheck.errors import InputError
from journeycheck.models import Playbook
from journeycheck.playbooks import PlaybookCache, builtin_ids
from journeycheck.translations import items, localise, source_hash
from tests.helpers import FIXTURES, invoke, mini_playbook

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "translations"
MINI = FIXTURES / "mini-playbook.yaml"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# -- the hash ------------------------------------------------------------------------------


def test_the_hash_is_sha256_of_the_fields_joined_by_unit_separators() -> None:
    assert source_hash("Is the EULA published?", "Customers must agree.") == _sha(
        "Is the EULA published?\x1fCustomers must agree."
    )
    assert source_hash("Публикуван ли е?") == _sha("Публикуван ли е?")


def test_an_empty_field_inside_counts_and_empty_fields_at_the_end_do_not() -> None:
    assert source_hash("a", "", "c") == _sha("a\x1f\x1fc")
    assert source_hash("a", "", "") == source_hash("a") == source_hash("a", None)


_WORDS = st.lists(st.text("abcdeé가나 ", min_size=1, max_size=8), min_size=1, max_size=6)


@given(_WORDS, st.lists(st.sampled_from([" ", "  ", "\n", "\t", "\n  "]), min_size=6))
def test_rewrapping_a_text_keeps_its_hash(words: list[str], gaps: list[str]) -> None:
    plain = " ".join(words)
    wrapped = "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    assert source_hash(" " + wrapped) == source_hash(plain)


def test_every_text_of_a_playbook_has_an_entry_id() -> None:
    playbook = mini_playbook()
    found = items(playbook)
    expected = (
        1
        + len(playbook.phases)
        + len(playbook.teams)
        + len(playbook.traits)
        + len(playbook.questions)
        + len(playbook.kpis)
    )
    assert len(found) == expected
    assert found["question.buy.legal.eula"].english == ("Is the EULA published?", "", "")
    assert found["team.legal"].source == source_hash("Legal")
    assert found["kpi.time-to-close"].english == ("Time to close", "days")
    assert found["trait.physical"].english == ("Does it ship hardware?",)
    assert found["phase.buy"].english == ("Customers buy", "They can pay.")


# -- using a translation -----------------------------------------------------------------


def _write_translation(path: Path, playbook: Playbook, entries: dict[str, dict[str, str]]) -> None:
    """A translation of ``playbook`` at ``path``: each entry's fields; ``source`` defaults to
    the hash of the English as it is now."""
    english = items(playbook)
    lines = ["journeycheck-translation: 1", f"playbook: {playbook.id}", "language: bg"]
    lines.append("entries:" if entries else "entries: {}")
    for entry_id, fields in entries.items():
        lines.append(f"  {entry_id}:")
        fields = {"source": english[entry_id].source, **fields}
        lines += [f"    {name}: {value!r}" for name, value in fields.items()]
    path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    copy = tmp_path / "mini.yaml"
    shutil.copy(MINI, copy)
    return copy


def test_current_entries_are_used_and_the_rest_stays_english(mini: Path) -> None:
    playbook = PlaybookCache(language="en").read(mini)
    _write_translation(
        mini.with_name("mini.bg.yaml"),
        playbook,
        {
            "playbook": {"title": "Мини план"},
            "team.legal": {"title": "Правен отдел", "short": "Правен"},
            "question.buy.legal.eula": {"ask": "Публикувано ли е лицензионното споразумение?"},
            "question.discover.marketing.message": {"ask": "Одобрено ли е?", "source": "0" * 12},
            "kpi.time-to-close": {"title": "Време до сделка", "unit": "дни"},
        },
    )
    translated = localise(playbook, "bg", file=mini)
    assert translated.title == "Мини план"
    assert translated.description == playbook.description  # not translated: English
    legal = next(team for team in translated.teams if team.id == "legal")
    assert legal.title == "Правен отдел"
    assert translated.short_title("legal") == "Правен"
    assert translated.short_title("support") is None
    asks = {question.id: question.ask for question in translated.questions}
    assert asks["buy.legal.eula"] == "Публикувано ли е лицензионното споразумение?"
    # Stale (its source is not the English's hash): English.
    assert asks["discover.marketing.message"] == "Is the value message written and approved?"
    assert (translated.kpis[0].title, translated.kpis[0].unit) == ("Време до сделка", "дни")
    # Nothing but text changes.
    assert translated.model_dump(exclude={"title"}) != playbook.model_dump(exclude={"title"})
    assert [q.model_dump(exclude={"ask", "help"}) for q in translated.questions] == [
        q.model_dump(exclude={"ask", "help"}) for q in playbook.questions
    ]
    # English, and a language with no file, leave the playbook as it is.
    assert localise(playbook, "en", file=mini) is playbook
    assert localise(playbook, "ko", file=mini) is playbook


def test_the_cache_gives_a_playbook_in_its_language(mini: Path) -> None:
    english = PlaybookCache(language="en").read(mini)
    _write_translation(mini.with_name("mini.bg.yaml"), english, {"playbook": {"title": "Мини"}})
    assert PlaybookCache(language="bg").get(str(mini)).title == "Мини"
    assert PlaybookCache(language="en").get(str(mini)).title == english.title


def test_a_broken_translation_is_reported_where_the_playbook_is_used(mini: Path) -> None:
    mini.with_name("mini.bg.yaml").write_text("journeycheck-translation: 2\n", "utf-8")
    with pytest.raises(InputError) as caught:
        PlaybookCache(language="bg").get(str(mini))
    assert "JC821" in {problem.code for problem in caught.value.problems}


def test_the_built_in_playbook_is_never_its_own_translation() -> None:
    assert builtin_ids() == ["customer-journey"]


# -- a playbook that extends another ------------------------------------------------------


def _extension(folder: Path) -> Path:
    ext = folder / "acme.yaml"
    ext.write_text(
        textwrap.dedent(
            """\
            journeycheck: 1
            extends: ./mini.yaml
            id: acme
            title: Acme launch
            version: "1"
            override:
              buy.legal.eula: {ask: Is the Acme EULA published?}
            questions:
              - id: buy.legal.dpa
                phase: buy
                team: legal
                ask: Is the data processing agreement signed?
                severity: major
            """
        ),
        "utf-8",
    )
    return ext


def test_an_extended_playbook_inherits_what_its_english_kept(mini: Path) -> None:
    base = PlaybookCache(language="en").read(mini)
    _write_translation(
        mini.with_name("mini.bg.yaml"),
        base,
        {
            "question.buy.legal.eula": {"ask": "Публикуван ли е лицензът?"},
            "question.discover.legal.trademark": {"ask": "Регистрирана ли е марката?"},
        },
    )
    ext = _extension(mini.parent)
    acme = PlaybookCache(language="bg").get(str(ext))
    asks = {question.id: question.ask for question in acme.questions}
    assert asks["discover.legal.trademark"] == "Регистрирана ли е марката?"  # inherited
    assert asks["buy.legal.eula"] == "Is the Acme EULA published?"  # changed: English
    assert asks["buy.legal.dpa"] == "Is the data processing agreement signed?"
    assert acme.lineage[0].id == "mini"

    # Its own file translates what it changed and added; the rest comes from the base.
    english = PlaybookCache(language="en").read(ext)
    _write_translation(
        ext.with_name("acme.bg.yaml"),
        english,
        {"question.buy.legal.eula": {"ask": "Публикуван ли е лицензът на Acme?"}},
    )
    acme = PlaybookCache(language="bg").get(str(ext))
    asks = {question.id: question.ask for question in acme.questions}
    assert asks["buy.legal.eula"] == "Публикуван ли е лицензът на Acme?"
    assert asks["discover.legal.trademark"] == "Регистрирана ли е марката?"

    found = translations.report(english, ext, "bg")
    assert found is not None
    missing = {p.params["entry"] for p in found.problems if p.code == "JC827"}
    # Neither the changed question (translated here) nor the inherited one is missing.
    assert "question.buy.legal.eula" not in missing
    assert "question.discover.legal.trademark" not in missing
    assert "question.buy.legal.dpa" in missing
    assert found.total == len(items(english))


# -- playbook check ------------------------------------------------------------------------


def test_check_lists_missing_stale_and_unknown_entries(mini: Path) -> None:
    playbook = PlaybookCache(language="en").read(mini)
    every: dict[str, dict[str, str]] = {entry_id: {} for entry_id in items(playbook)}
    del every["team.support"]
    every["question.buy.legal.eula"] = {"ask": "Публикуван ли е?", "source": "abcdefabcdef"}
    every["question.buy.legal.gone"] = {"ask": "Няма го.", "source": "abcdefabcdef"}
    translation = mini.with_name("mini.bg.yaml")
    english = items(playbook)
    lines = ["journeycheck-translation: 1", "playbook: mini", "language: bg", "entries:"]
    for entry_id, fields in every.items():
        source = fields.get("source") or english[entry_id].source
        text = fields.get("ask")
        lines.append(f"  {entry_id}: {{source: '{source}'" + (f", ask: {text}}}" if text else "}"))
    translation.write_text("\n".join(lines) + "\n", "utf-8")
    line_of = {entry: number for number, entry in enumerate(lines, 1)}

    code, out, err = invoke("playbook", "check", mini)
    assert code == 0
    total = len(english)
    assert out.splitlines() == [
        f"{mini}: ok (mini 0.1, 8 questions)",
        f"{translation}: {total - 2} of {total} texts translated (bg); the others are shown "
        "in English",
    ]
    eula = line_of["  question.buy.legal.eula: {source: 'abcdefabcdef', ask: Публикуван ли е?}"]
    gone = line_of["  question.buy.legal.gone: {source: 'abcdefabcdef', ask: Няма го.}"]
    assert err.splitlines() == [
        f"{translation}:4:1: warning: team.support has no bg translation, so it is shown in "
        f"English; add the entry 'team.support' with source: {english['team.support'].source}",
        f"{translation}:{eula}:37: warning: question.buy.legal.eula: source: 'abcdefabcdef' is "
        "not the English as it is now, so the entry is shown in English; update the "
        f"translation and set source: {english['question.buy.legal.eula'].source}",
        f"{translation}:{gone}:3: warning: entries: the playbook has no "
        "'question.buy.legal.gone' (did you mean 'question.buy.legal.eula'?); remove the "
        "entry, or correct its id",
    ]
    # --strict makes the warnings fail; naming the translation file checks it alone.
    assert invoke("playbook", "check", "--strict", mini)[0] == 2
    code, out, err2 = invoke("playbook", "check", translation)
    assert (code, err2) == (0, err)
    assert out.splitlines() == out.splitlines()[-1:]


def test_check_says_a_complete_translation_is_ok(mini: Path) -> None:
    playbook = PlaybookCache(language="en").read(mini)
    _write_translation(
        mini.with_name("mini.bg.yaml"), playbook, {entry: {} for entry in items(playbook)}
    )
    code, out, err = invoke("playbook", "check", "--strict", mini)
    assert (code, err) == (0, "")
    translation = mini.with_name("mini.bg.yaml")
    assert out.splitlines()[-1] == f"{translation}: ok (bg, all 19 texts translated)"


def test_a_playbook_without_translations_is_checked_as_before(mini: Path) -> None:
    code, out, err = invoke("playbook", "check", mini)
    assert (code, out, err) == (0, f"{mini}: ok (mini 0.1, 8 questions)\n", "")


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_check_locates_each_problem_of_a_translation_file(case: Path, mini: Path) -> None:
    text = case.read_text("utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    language = next(
        (line.removeprefix("# file:").strip() for line in header if line.startswith("# file:")),
        "bg",
    )
    expected = [line.removeprefix("# expect:").strip() for line in header if "expect:" in line]
    translation = mini.with_name(f"mini.{language}.yaml")
    translation.write_text(text, "utf-8")
    code, out, err = invoke("playbook", "check", mini)
    assert code == 2
    assert out == f"{mini}: ok (mini 0.1, 8 questions)\n"
    assert expected
    for expect in expected:
        assert f"{translation}:{expect}" in err


# -- the translator's tool -------------------------------------------------------------------


def test_the_stub_tool_writes_every_entry_and_accepts_only_what_it_is_told(mini: Path) -> None:
    from tools import translation_stub

    translation = mini.with_name("mini.bg.yaml")
    assert translation_stub.main([str(mini), "bg"]) == 0
    written = translations.read(translation, expected="bg")
    playbook = PlaybookCache(language="en").read(mini)
    english = items(playbook)
    assert list(written.entries) == list(english)
    assert {entry.source for entry in written.entries.values()} == {"todo"}
    assert "  # en ask: Is the EULA published?\n" in translation.read_text("utf-8")

    # The translator writes a text, and accepts it; nothing else becomes current.
    text = translation.read_text("utf-8").replace(
        "  question.buy.legal.eula:\n    source: todo\n",
        "  question.buy.legal.eula:\n    source: todo\n    ask: Публикуван ли е лицензът?\n",
    )
    translation.write_text(text, "utf-8")
    assert translation_stub.main([str(mini), "bg", "--accept", "question.buy.legal.eula"]) == 0
    found = translations.report(playbook, mini, "bg")
    assert found is not None and found.current == 1
    localised = localise(playbook, "bg", file=mini)
    assert localised.questions[3].ask == "Публикуван ли е лицензът?"

    # The English changes: the entry is stale, and stays so when the stub is refreshed.
    mini.write_text(
        mini.read_text("utf-8").replace("Is the EULA published?", "Is the EULA online?"), "utf-8"
    )
    changed = PlaybookCache(language="en").read(mini)
    assert translation_stub.main([str(mini), "bg"]) == 0
    entry = translations.read(translation).entries["question.buy.legal.eula"]
    assert entry.ask == "Публикуван ли е лицензът?"
    assert entry.source == english["question.buy.legal.eula"].source
    assert "  # en ask: Is the EULA online?\n" in translation.read_text("utf-8")
    found = translations.report(changed, mini, "bg")
    assert found is not None and found.current == 0

    # An entry without text cannot be accepted; --accept-stale takes those with text.
    assert translation_stub.main([str(mini), "bg", "--accept", "team.legal"]) == 2
    assert translation_stub.main([str(mini), "bg", "--accept-stale"]) == 0
    found = translations.report(changed, mini, "bg")
    assert found is not None and found.current == 1


def test_the_documented_translation_translates_the_documented_playbook() -> None:
    """docs/playbook.md shows a translation of its minimal playbook: current, and valid."""
    import re

    from journeycheck.checking.shape import validate_playbook
    from journeycheck.reading.compose import parse_text

    text = (ROOT / "docs" / "playbook.md").read_text("utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    (playbook_text,) = [b for b in blocks if b.startswith("journeycheck: 1\nid: acme-launch\n")]
    (translation_text,) = [b for b in blocks if b.startswith("journeycheck-translation: 1\n")]
    playbook = validate_playbook(parse_text(playbook_text, "acme-launch.yaml"))
    translation = translations.validate(
        parse_text(translation_text, "acme-launch.bg.yaml"), expected="bg"
    )
    found = translations.check(playbook, translation)
    assert found is not None
    # Only what the example leaves out is missing; nothing it shows is stale or unknown.
    assert {problem.code for problem in found.problems} == {"JC827"}
    assert found.current == len(translation.entries)
