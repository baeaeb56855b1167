"""Playbook references: a built-in id or a file, resolved once per run, in one place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from journeycheck.errors import InputError, UsageError
from journeycheck.playbooks import PlaybookCache, read
from journeycheck.reading.compose import parse_text

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_built_in_id_has_no_file_and_one_key() -> None:
    cache = PlaybookCache()
    first = cache.resolve("customer-journey")
    again = cache.resolve("customer-journey", Path("elsewhere"))
    assert (first.file, first.key) == (None, again.key)
    assert again.playbook is first.playbook
    assert cache.files() == []


def test_a_path_is_resolved_from_the_plans_folder_and_named_by_its_real_file(
    tmp_path: Path,
) -> None:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "mini-playbook.yaml")
    cache = PlaybookCache()
    direct = cache.resolve("mini-playbook.yaml", tmp_path)
    linked = cache.resolve("./link.yaml", tmp_path)
    assert direct.file == linked.file == (tmp_path / "mini-playbook.yaml").resolve()
    assert linked.playbook is direct.playbook
    assert cache.files() == [direct.file]


def test_each_playbook_is_validated_once_problems_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeycheck.checking import shape

    calls: list[str] = []
    real = shape.validate_playbook

    def counting(doc: object) -> object:
        calls.append(str(getattr(doc, "file", "")))
        return real(doc)  # type: ignore[arg-type]

    monkeypatch.setattr("journeycheck.checking.shape.validate_playbook", counting)
    (tmp_path / "bad.yaml").write_text("journeycheck: 1\nid: Bad Id\n", "utf-8")
    cache = PlaybookCache()
    with pytest.raises(InputError) as first:
        cache.resolve("bad.yaml", tmp_path)
    with pytest.raises(InputError) as again:
        cache.resolve("./bad.yaml", tmp_path)
    assert first.value.problems == again.value.problems
    assert calls == [str(tmp_path / "bad.yaml")]


def test_a_missing_playbook_named_by_a_flag_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        PlaybookCache().resolve("nope.yaml", tmp_path)
    assert caught.value.code == "JC409"
    with pytest.raises(UsageError) as unknown:
        PlaybookCache().resolve("customer-jorney")
    assert (unknown.value.code, unknown.value.params["suggestion"]) == (
        "JC408",
        "customer-journey",
    )


def test_named_by_a_plan_problems_are_located_at_its_playbook_line(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = "journeycheck: 1\nproduct: P\nplaybook: plan.yaml\nlaunch: 2027-03-01\n"
    plan.write_text(text, "utf-8")
    doc = parse_text(text, str(plan))
    with pytest.raises(InputError) as itself:
        PlaybookCache().resolve("plan.yaml", tmp_path, doc, plan=plan)
    [problem] = itself.value.problems
    assert (problem.code, problem.line, problem.column) == ("JC309", 3, 11)
    with pytest.raises(InputError) as missing:
        PlaybookCache().resolve("other.yaml", tmp_path, doc, plan=plan)
    assert [p.code for p in missing.value.problems] == ["JC307"]


def test_a_file_given_as_a_playbook_that_is_missing_is_a_problem_with_that_file(
    tmp_path: Path,
) -> None:
    with pytest.raises(InputError) as caught:
        read(tmp_path / "nope")
    assert [(p.file, p.code) for p in caught.value.problems] == [(str(tmp_path / "nope"), "JC001")]
