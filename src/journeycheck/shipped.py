"""The files shipped inside the package (playbooks, templates), and where they are.

``importlib.resources`` finds them wherever the package is (a folder, a zip file), but
importing it cost each run about 5 ms (``zipfile``, ``tempfile``, its abstract classes;
docs/performance.md). Installed from a wheel or checked out, the package is a folder
on disk, and its files are read from there; anything else goes through
``importlib.resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable


def folder(name: str) -> Traversable:
    """The package's folder ``name`` (``playbooks``, ``templates``)."""
    here = Path(__file__).parent / name
    if here.is_dir():
        return here
    from importlib import resources

    return resources.files("journeycheck") / name
