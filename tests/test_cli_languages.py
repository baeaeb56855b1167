"""The command line in Bulgarian and Korean: --lang, the plan's language:, --ascii."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from journeycheck import i18n
from journeycheck.printable import ascii_marks
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "saas-halfway.yaml"
AS_OF = ["--as-of", "2027-01-15"]
BAD = (
    "journeycheck: 1\n"
    "product: Ledger\n"
    "playbook: customer-journey\n"
    "launch: 2027-02-30\n"
    "gate: nowhere\n"
    "colour: blue\n"
)
#: The same located errors of BAD in each language: the places and codes never change.
LOCATED = {
    "en": [
        "bad.yaml:4:9: launch: '2027-02-30' is not a real date: month 2 of 2027 has 28 days",
        "bad.yaml:6:1: unknown key 'colour'",
    ],
    "bg": [
        "bad.yaml:4:9: launch: '2027-02-30' не е валидна дата: месец 2 на 2027 г. има 28 дни",
        "bad.yaml:6:1: непознат ключ 'colour'",
    ],
    "ko": [
        "bad.yaml:4:9: launch: '2027-02-30'은(는) 실제 날짜가 아닙니다: "
        "2027년 2월은 28일까지 있습니다",
        "bad.yaml:6:1: 알 수 없는 키 'colour'입니다",
    ],
}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(BAD, "utf-8")


@pytest.mark.parametrize("lang", sorted(LOCATED))
def test_a_bad_plans_located_errors_in_each_language(lang: str) -> None:
    ran = invoke("--lang", lang, "validate", "bad.yaml")
    assert ran.code == 2
    lines = ran.err.splitlines()
    for start in LOCATED[lang]:
        assert any(line.startswith(start) for line in lines), (start, ran.err)


def test_the_environment_variable_chooses_when_the_option_does_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.ENV, "ko")
    assert LOCATED["ko"][1] in invoke("validate", "bad.yaml").err
    assert LOCATED["bg"][1] in invoke("--lang", "bg", "validate", "bad.yaml").err


def test_the_locale_speaks_to_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "bg_BG.UTF-8")
    assert LOCATED["bg"][1] in invoke("validate", "bad.yaml").err


def test_an_unknown_language_is_refused_listing_the_supported_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran = invoke("--lang", "fr", "validate", "bad.yaml")
    assert ran.code == 2
    assert "'fr' is not a language journeycheck speaks; use one of en, bg, ko" in ran.err
    monkeypatch.setenv(i18n.ENV, "fr")
    ran = invoke("validate", "bad.yaml")
    assert ran.code == 2
    assert "JOURNEYCHECK_LANG='fr' is not a language journeycheck speaks" in ran.err


def _plan_in(lang: str | None, tmp: Path) -> Path:
    text = EXAMPLE.read_text("utf-8")
    if lang is not None:
        text = text.replace("\nlaunch:", f"\nlanguage: {lang}\nlaunch:", 1)
    target = tmp / "plan.yaml"
    target.write_text(text, "utf-8")
    return target


def test_the_json_report_says_its_language_and_nothing_else_changes(tmp_path: Path) -> None:
    plan = _plan_in(None, tmp_path)
    english = json.loads(invoke("audit", plan, *AS_OF, "-f", "json").out)
    korean = json.loads(invoke("--lang", "ko", "audit", plan, *AS_OF, "-f", "json").out)
    assert (english["lang"], korean["lang"]) == ("en", "ko")
    del english["lang"], korean["lang"]
    assert english == korean


def test_a_plans_language_is_its_reports_unless_the_option_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _plan_in("bg", tmp_path)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert json.loads(invoke("audit", plan, *AS_OF, "-f", "json").out)["lang"] == "bg"
    assert (
        json.loads(invoke("--lang", "en", "audit", plan, *AS_OF, "-f", "json").out)["lang"] == "en"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["audit", "--format", "markdown", "--long"],
        ["audit", "--long"],
        ["tickets", "--to", "github"],
        ["tickets", "--to", "jira"],
        ["agenda"],
        ["agenda", "--format", "markdown"],
    ],
    ids=" ".join,
)
def test_a_plans_language_is_its_playbooks_words_too(tmp_path: Path, command: list[str]) -> None:
    # The question of the example's first gap, as the built-in playbook's translations say it.
    from journeycheck.i18n import language
    from journeycheck.playbooks import PlaybookCache

    question = "discover.engineering.data-protection"
    with language("bg"):
        asked = {q.id: q.ask for q in PlaybookCache().get("customer-journey").questions}
    english = {q.id: q.ask for q in PlaybookCache().get("customer-journey").questions}
    assert asked[question] != english[question]
    plan = _plan_in("bg", tmp_path)
    name, *flags = command
    ran = invoke(name, plan, *flags, *AS_OF)
    assert ran.code in (0, 1), ran.err
    text = ran.out.replace("\\n", " ")
    # Wrapped in the terminal: its first words will do.
    assert " ".join(asked[question].split()[:4]) in " ".join(text.split()), text[:2000]
    assert english[question][:40] not in text
    again = invoke("--lang", "en", name, plan, *flags, *AS_OF)
    assert english[question][:40] in " ".join(again.out.split())
    if name == "tickets":  # and its labels and reasons, as the reports word them
        from journeycheck.i18n import rpgettext
        from journeycheck.render import view

        with language("bg"):
            words = [rpgettext("ticket", "Reasons"), view.reason_word("no-owner")]
        assert all(word in text for word in words), words
        assert "Reasons:" not in text and "no-owner" not in text


def test_a_file_never_follows_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _plan_in(None, tmp_path)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert json.loads(invoke("audit", plan, *AS_OF, "-f", "json").out)["lang"] == "en"


def test_an_unknown_plan_language_is_located(tmp_path: Path) -> None:
    plan = _plan_in("fr", tmp_path)
    ran = invoke("validate", plan)
    assert ran.code == 2
    assert "plan.yaml:" in ran.err and "language:" in ran.err and "'fr'" in ran.err


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_ascii_keeps_every_line_and_leaves_no_mark_of_ambiguous_width(
    tmp_path: Path, lang: str
) -> None:
    shutil.copy(EXAMPLE, tmp_path / "plan.yaml")
    drawn = invoke("--lang", lang, "audit", "plan.yaml", *AS_OF).out
    plain = invoke("--lang", lang, "--ascii", "audit", "plan.yaml", *AS_OF).out
    assert ascii_marks(drawn) != drawn, "the report draws no mark --ascii would change"
    assert plain == ascii_marks(drawn)
    assert [len(line) for line in plain.splitlines()] == [len(line) for line in drawn.splitlines()]


def test_init_records_the_language_it_speaks_and_later_commands_follow_it() -> None:
    flags = ["--product", "제품", "--launch", "2027-03-01", "--no-input"]
    assert invoke("--lang", "ko", "init", "ko.yaml", *flags).code == 0
    assert invoke("init", "en.yaml", *flags).code == 0
    assert "\nlanguage: ko\n" in Path("ko.yaml").read_text("utf-8")
    assert "\nlanguage:" not in Path("en.yaml").read_text("utf-8")
    question = "discover.product-management.launch-commitment"
    korean = invoke("set", "ko.yaml", question, "--status", "partial", *AS_OF)
    assert korean.out.startswith("ko.yaml에서 바뀐 내용:\n"), korean.out
    english = invoke("--lang", "en", "set", "ko.yaml", question, "--status", "blocked", *AS_OF)
    assert english.out.startswith("Changed ko.yaml:\n"), english.out
    upgraded = invoke("upgrade", "ko.yaml")
    assert upgraded.out.startswith("바꿀 내용이 없습니다."), upgraded.out


@pytest.mark.parametrize(
    ("text", "bg", "ko"),
    [
        ("journeycheck: 1\n  product: x\n", "тук не може да започва стойност на ключ", "키의 값을"),
        ("journeycheck: 1\nproduct: [a, b\n", "',' или ']'", "',' 또는 ']'"),
        ("journeycheck: 1\nproduct: x\n- a\n", "при разбор на речник", "매핑을 해석하는 중"),
    ],
)
def test_yaml_syntax_is_explained_in_the_language_whichever_parser_reads_it(
    yaml_loader: str, text: str, bg: str, ko: str
) -> None:
    Path("broken.yaml").write_text(text, "utf-8")
    english = invoke("validate", "broken.yaml").err
    for lang, words in (("bg", bg), ("ko", ko)):
        said = invoke("--lang", lang, "validate", "broken.yaml").err
        assert words in said, said
        assert said.split(": ", 1)[0] == english.split(": ", 1)[0]  # the same place
