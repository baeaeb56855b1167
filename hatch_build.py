"""The build hook that compiles the gettext catalogues into the wheel.

The ``.po`` files are the source kept in git; the ``.mo`` files the package reads
at run time are compiled from them here, for every wheel (so a wheel never ships
without them, nor with stale ones), and in place for an editable install.
``make`` compiles them for the development environment the same way
(``tools/catalogues.py compile``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "journeycheck" / "locale"


def compile_po(po_path: Path, mo_path: Path) -> None:
    """Compile one catalogue; fuzzy entries are left out, so they stay English."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as stream:
        catalog = read_po(stream)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    partial = mo_path.with_name(mo_path.name + ".tmp")
    with partial.open("wb") as stream:
        write_mo(stream, catalog, use_fuzzy=False)
    partial.replace(mo_path)


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    """Compile ``locale/*/LC_MESSAGES/*.po`` and add the ``.mo`` files to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        sources = sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po"))
        if version == "editable":
            for po_path in sources:
                compile_po(po_path, po_path.with_suffix(".mo"))
            return
        self._built = Path(tempfile.mkdtemp(prefix="journeycheck-mo-"))
        for po_path in sources:
            relative = po_path.relative_to(root / "src").with_suffix(".mo")
            mo_path = self._built / relative
            compile_po(po_path, mo_path)
            build_data["force_include"][str(mo_path)] = relative.as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        built = getattr(self, "_built", None)
        if built is not None:
            shutil.rmtree(built, ignore_errors=True)
