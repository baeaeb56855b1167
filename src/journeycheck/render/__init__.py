"""Report formats behind one interface: ``render(result, options) -> str``.

Each format lives in its own module and is imported only when chosen, so the
JSON report never loads Rich and the terminal report never loads Jinja.
"""

from __future__ import annotations

import enum
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from journeycheck.result import AuditResult


class Format(str, enum.Enum):
    """The report formats a user can ask for with ``--format``."""

    TERMINAL = "terminal"
    JSON = "json"


@dataclass(frozen=True)
class RenderOptions:
    """How to render; the CLI fills it from flags and the environment."""

    #: Gaps to list; ``None`` lists every one.
    top: int | None = None
    #: Rich colour system ("standard", "256", "truecolor") or ``None`` for plain text.
    color_system: str | None = None
    #: Drop colours but keep emphasis (the NO_COLOR convention).
    no_color: bool = False
    #: Terminal width in columns.
    width: int = 80


class Renderer(Protocol):
    def __call__(self, result: AuditResult, options: RenderOptions) -> str: ...


_MODULES: dict[Format, str] = {
    Format.TERMINAL: "journeycheck.render.terminal",
    Format.JSON: "journeycheck.render.json_report",
}


def renderer_for(fmt: Format) -> Renderer:
    """The ``render`` function of ``fmt``'s module, imported on first use."""
    module = importlib.import_module(_MODULES[fmt])
    render: Renderer = module.render
    return render
