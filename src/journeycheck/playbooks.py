"""Where playbooks come from: the built-in ones shipped in the package, or a file."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

SUFFIX = ".yaml"


def _folder() -> Traversable:
    return resources.files("journeycheck") / "playbooks"


def builtin_ids() -> list[str]:
    """Ids of the playbooks shipped with journeycheck, sorted."""
    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in _folder().iterdir()
        if entry.name.endswith(SUFFIX) and entry.is_file()
    )


def builtin_file(playbook_id: str) -> Traversable | None:
    """The shipped file of ``playbook_id``, or ``None`` if there is no such built-in."""
    if playbook_id not in builtin_ids():
        return None
    return _folder() / f"{playbook_id}{SUFFIX}"


def is_path(reference: str) -> bool:
    """Whether a plan's ``playbook:`` value names a file rather than a built-in id."""
    return "/" in reference or "\\" in reference or reference.endswith((".yaml", ".yml"))


def resolve_path(reference: str, base: Path) -> Path:
    """A playbook path as written in a plan, relative to the plan's folder."""
    return base / Path(reference).expanduser()
