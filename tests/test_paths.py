"""Which files plan arguments stand for: files as named, folders one level deep."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from journeycheck.errors import Problem
from journeycheck.paths import PlanFile, expand, not_a_plan


def touch(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("journeycheck: 1\n", "utf-8")


def test_a_folder_stands_for_its_yaml_files_directly_inside_in_name_order(tmp_path: Path) -> None:
    touch(tmp_path, "b.yml", "a.yaml", "c.YAML.txt", "notes.md", ".hidden.yaml", "sub/deep.yaml")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "nowhere.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "sub" / "deep.yaml")
    assert expand([tmp_path]) == [
        PlanFile(tmp_path / "a.yaml", in_folder=True),
        PlanFile(tmp_path / "b.yml", in_folder=True),
        PlanFile(tmp_path / "link.yaml", in_folder=True),
    ]


def test_files_are_kept_as_named_even_without_a_yaml_suffix_or_existence(tmp_path: Path) -> None:
    touch(tmp_path, "plan.txt")
    missing = tmp_path / "missing.yaml"
    assert expand([tmp_path / "plan.txt", missing]) == [
        PlanFile(tmp_path / "plan.txt"),
        PlanFile(missing),
    ]


def test_each_file_is_read_once_however_it_is_named(tmp_path: Path) -> None:
    touch(tmp_path, "a.yaml", "b.yaml")
    named = tmp_path / "a.yaml"
    again = tmp_path / "." / "a.yaml"
    assert expand([named, tmp_path, again]) == [
        PlanFile(named),
        PlanFile(tmp_path / "b.yaml", in_folder=True),
    ]


def test_links_to_one_file_are_that_file_and_paths_without_one_are_kept(tmp_path: Path) -> None:
    touch(tmp_path, "plans/a.yaml", "plans/b.yaml")
    (tmp_path / "soft.yaml").symlink_to(tmp_path / "plans" / "a.yaml")
    (tmp_path / "hard.yaml").hardlink_to(tmp_path / "plans" / "b.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    missing = tmp_path / "missing.yaml"
    arguments = [tmp_path / "soft.yaml", tmp_path / "plans", tmp_path / "hard.yaml"]
    assert expand([*arguments, tmp_path / "loop.yaml", missing, missing]) == [
        PlanFile(tmp_path / "soft.yaml"),
        PlanFile(tmp_path / "plans" / "b.yaml", in_folder=True),
        PlanFile(tmp_path / "loop.yaml"),
        PlanFile(missing),
    ]


def test_files_are_told_apart_by_path_where_the_file_system_numbers_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    touch(tmp_path, "a.yaml", "b.yaml")
    real_stat = Path.stat

    def unnumbered(path: Path, **kwargs: Any) -> os.stat_result:
        fields = list(real_stat(path, **kwargs)[:10])
        fields[1] = 0  # st_ino
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", unnumbered)
    assert expand([tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "a.yaml"]) == [
        PlanFile(tmp_path / "a.yaml"),
        PlanFile(tmp_path / "b.yaml"),
    ]


def test_a_folder_without_yaml_files_is_a_problem_in_its_place(tmp_path: Path) -> None:
    touch(tmp_path, "plans/a.yaml", "empty/readme.md")
    got = expand([tmp_path / "empty", tmp_path / "plans"])
    assert got == [
        Problem(str(tmp_path / "empty"), None, None, "JC017"),
        PlanFile(tmp_path / "plans" / "a.yaml", in_folder=True),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"journeycheck": 1, "product": "P"}, None),
        ({"journeycheck": 1}, None),  # a plan still being written: its problems are reported
        ({"product": "P", "questions": []}, None),  # a plan with a wrong key, reported
        ({"journeycheck": 1, "id": "x", "questions": [], "phases": []}, "it is a playbook"),
        (
            {"repos": []},
            "it has none of the keys a plan has (journeycheck, product, playbook, ...)",
        ),
        (["a", "list"], "its top level is not a mapping of keys"),
        ("text", "its top level is not a mapping of keys"),
    ],
)
def test_not_a_plan_recognises_only_what_is_plainly_something_else(
    data: Any, reason: str | None
) -> None:
    assert not_a_plan(data) == reason
