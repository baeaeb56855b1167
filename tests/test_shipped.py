"""The files shipped in the package are found alike with or without importlib.resources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from journeycheck import shipped
from journeycheck.playbooks import builtin_ids


@pytest.mark.parametrize("name", ["playbooks", "templates"])
def test_the_folder_holds_what_importlib_resources_finds(name: str) -> None:
    found = shipped.folder(name)
    expected = resources.files("journeycheck") / name
    assert isinstance(found, Path)
    assert {e.name: e.read_bytes() for e in found.iterdir() if e.is_file()} == {
        e.name: e.read_bytes() for e in expected.iterdir() if e.is_file()
    }


def test_a_package_that_is_not_a_folder_is_read_through_importlib_resources(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = builtin_ids()
    monkeypatch.setattr(shipped, "__file__", "/no/such/folder/shipped.py")
    assert not isinstance(shipped.folder("playbooks"), Path) or not str(
        shipped.folder("playbooks")
    ).startswith("/no/such")
    assert builtin_ids() == ids
