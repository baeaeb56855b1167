"""Report formats behind one interface: ``render(result, options) -> str``.

Each format lives in its own module and is imported only when chosen, so the
JSON report never loads Rich or Jinja and the terminal report never loads Jinja.
Each module also has ``render_portfolio(results, options)``, which takes the
audits of several plans as an iterable and yields the report in pieces, so a
format that can (JSON) writes each plan as soon as it is audited.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import datetime as dt

    from journeycheck.result import AuditResult


class Format(str, enum.Enum):
    """The report formats a user can ask for with ``--format``."""

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
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
    #: Markdown: status marks as emoji (else plain words).
    emoji: bool = True
    #: Markdown: include the Mermaid journey diagram.
    mermaid: bool = True
    #: Portfolio: only the table of plans, not each plan's report.
    summary: bool = False


class Renderer(Protocol):
    def __call__(self, result: AuditResult, options: RenderOptions) -> str: ...


class PortfolioRenderer(Protocol):
    def __call__(self, results: Iterable[AuditResult], options: RenderOptions) -> Iterator[str]: ...


_MODULES: dict[Format, str] = {
    Format.TERMINAL: "journeycheck.render.terminal",
    Format.MARKDOWN: "journeycheck.render.markdown",
    Format.JSON: "journeycheck.render.json_report",
}

#: Formats an ``--output`` file name implies when ``--format`` is not given.
SUFFIX_FORMATS: dict[str, Format] = {
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".json": Format.JSON,
    ".txt": Format.TERMINAL,
    ".text": Format.TERMINAL,
    "": Format.TERMINAL,
}


def format_for_path(path: PurePath) -> Format | None:
    """The format a file name implies, or ``None`` when its ending says nothing we know."""
    return SUFFIX_FORMATS.get(path.suffix.lower())


def renderer_for(fmt: Format) -> Renderer:
    """The ``render`` function of ``fmt``'s module, imported on first use."""
    module = importlib.import_module(_MODULES[fmt])
    render: Renderer = module.render
    return render


def portfolio_renderer_for(fmt: Format) -> PortfolioRenderer:
    """The ``render_portfolio`` function of ``fmt``'s module, imported on first use."""
    module = importlib.import_module(_MODULES[fmt])
    render: PortfolioRenderer = module.render_portfolio
    return render


@dataclass(frozen=True)
class PlanSummary:
    """One plan's row in a portfolio table: its conclusions, not its details.

    Portfolio renderers that must print the table before the plans keep these
    rows rather than whole results.
    """

    file: str | None
    product: str
    verdict: str
    gate: str
    score: float | None
    threshold: float
    ready_through: str | None
    open_blockers: int
    days_to_launch: int
    as_of: dt.date

    @classmethod
    def of(cls, result: AuditResult) -> PlanSummary:
        return cls(
            file=result.file,
            product=result.product,
            verdict=result.verdict,
            gate=result.gate,
            score=result.score,
            threshold=result.threshold,
            ready_through=result.ready_through,
            # The same total as the report's "open blockers" row: the phases listed.
            open_blockers=sum(phase.open_blockers for phase in result.phases),
            days_to_launch=result.days_to_launch,
            as_of=result.as_of,
        )


def verdict_tally(rows: Iterable[PlanSummary]) -> dict[str, int]:
    """How many plans have each verdict, in the order go, at-risk, no-go."""
    tally = {"go": 0, "at-risk": 0, "no-go": 0}
    for row in rows:
        tally[row.verdict] += 1
    return tally


#: Plan sections kept in memory while a portfolio table waits for its last row;
#: beyond this they go to a temporary file, so memory does not grow with the portfolio.
SPOOL_BYTES = 8 * 1024 * 1024


def table_then_sections(
    results: Iterable[AuditResult],
    options: RenderOptions,
    *,
    table: Callable[[list[PlanSummary]], str],
    section: Callable[[AuditResult], str],
) -> Iterator[str]:
    """A portfolio whose table comes first: the terminal and Markdown layouts.

    Each plan's section is rendered as its plan arrives and spooled, and only
    the plan's table row is kept, so a large portfolio needs little memory.
    """
    import tempfile

    rows: list[PlanSummary] = []
    with tempfile.SpooledTemporaryFile(
        max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
    ) as spool:
        for result in results:
            rows.append(PlanSummary.of(result))
            if not options.summary:
                spool.write(section(result))
        yield table(rows)
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            yield chunk
