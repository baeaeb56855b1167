"""Bad plans and playbooks: one file per failure mode, each with the message it must give.

Each corpus file starts with ``# expect: LINE:COL: message`` lines (or
``# expect: message`` for problems about the whole file); every expected line
must be among the problems reported, prefixed with the file's name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeycheck.checking.shape import validate_playbook
from journeycheck.errors import InputError
from journeycheck.reading import load_file
from tests.helpers import check

CASES = Path(__file__).parent / "cases"
PLAN_CASES = sorted((CASES / "plans").glob("*.yaml"))
PLAYBOOK_CASES = sorted((CASES / "playbooks").glob("*.yaml"))


def expected_lines(path: Path) -> list[str]:
    lines = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("# expect:"):
            break
        expect = line.removeprefix("# expect:").strip()
        separator = ":" if expect[:1].isdigit() else ": "
        lines.append(f"{path.name}{separator}{expect}")
    assert lines, f"{path} has no '# expect:' line"
    return lines


def reported(load: object, path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(path)  # type: ignore[operator]
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("path", PLAN_CASES, ids=lambda p: p.stem)
def test_bad_plan_is_reported_where_it_is(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(path.parent)  # so that problems name the plan as the cases expect
    problems = reported(check, Path(path.name))
    for expected in expected_lines(path):
        assert any(p.startswith(expected) for p in problems), "\n".join(problems)


@pytest.mark.parametrize("path", PLAYBOOK_CASES, ids=lambda p: p.stem)
def test_bad_playbook_is_reported_in_the_playbook(path: Path) -> None:
    problems = reported(lambda p: validate_playbook(load_file(p, shown_as=p.name)), path)
    for expected in expected_lines(path):
        assert any(p.startswith(expected) for p in problems), "\n".join(problems)


def test_corpus_is_not_empty() -> None:
    assert len(PLAN_CASES) >= 20
    assert len(PLAYBOOK_CASES) >= 8


def test_playbook_problem_is_located_in_the_playbook_not_the_plan(tmp_path: Path) -> None:
    playbook = (CASES / "playbooks" / "unknown-phase.yaml").read_text("utf-8")
    (tmp_path / "custom.yaml").write_text(playbook, "utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "journeycheck: 1\nproduct: X\nplaybook: custom.yaml\nlaunch: 2027-03-01\n", "utf-8"
    )
    problems = reported(check, plan)
    assert problems == [
        f"{tmp_path / 'custom.yaml'}:16:12: phase: unknown phase 'discovr' "
        "(did you mean 'discover'?); phases are discover, buy"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty; expected a YAML mapping"),
        (b"   \n\n", "is empty; expected a YAML mapping"),
        (b"\xff\xfej\x00o\x00", "is encoded as UTF-16; save it as UTF-8"),
        (
            b"product: caf\xe9\n",
            "1:13: is not valid UTF-8 (byte 0xE9); it looks like Windows-1252 or Latin-1",
        ),
        (
            "product: \u0410\u043a\u043c\u0435\n".encode("cp1251"),
            "1:10: is not valid UTF-8 (byte 0xC0); it looks like Windows-1251 (Cyrillic)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "looks like a binary file, not YAML text"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    problems = reported(lambda p: load_file(p, shown_as="plan.yaml"), path)
    assert len(problems) == 1
    assert problems[0].startswith(f"plan.yaml{':' if message[0].isdigit() else ': '}{message}")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert reported(load_file, tmp_path / "nope.yaml") == [
        f"{tmp_path / 'nope.yaml'}: no such file"
    ]
    assert reported(load_file, tmp_path) == [f"{tmp_path}: is a folder, not a YAML file"]
