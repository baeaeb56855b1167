"""Report formats behind one interface: ``render(result, options) -> str``.

Each format lives in its own module and is imported only when chosen, so the
JSON report never loads Rich or Jinja and the terminal report never loads Jinja.

A portfolio is rendered in two steps, so the expensive one can run where the plan
was audited (a worker process): ``render_section(result, options)`` renders one
plan's part of the portfolio report, and ``assemble(sections, options)`` joins the
sections, each with its table row, into the whole report, yielding it in pieces.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

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


class SectionRenderer(Protocol):
    def __call__(self, result: AuditResult, options: RenderOptions) -> str: ...


class Assembler(Protocol):
    def __call__(self, sections: Iterable[Section], options: RenderOptions) -> Iterator[str]: ...


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
    render: Renderer = _module(fmt).render
    return render


def portfolio_renderer_for(fmt: Format) -> PortfolioRenderer:
    """A whole portfolio report from audit results, in ``fmt``: sections, then assembly."""

    def render_portfolio(results: Iterable[AuditResult], options: RenderOptions) -> Iterator[str]:
        return assembler_for(fmt)((section_of(fmt, r, options) for r in results), options)

    return render_portfolio


def section_of(fmt: Format, result: AuditResult, options: RenderOptions) -> Section:
    """One plan's part of a portfolio report: its table row and its rendered text."""
    text = "" if options.summary else _module(fmt).render_section(result, options)
    return Section(PlanSummary.of(result), text)


def assembler_for(fmt: Format) -> Assembler:
    """The ``assemble`` function of ``fmt``'s module, imported on first use."""
    assemble: Assembler = _module(fmt).assemble
    return assemble


def _module(fmt: Format) -> Any:
    return importlib.import_module(_MODULES[fmt])


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


@dataclass(frozen=True)
class Section:
    """One plan of a portfolio, rendered: its table row and its part of the report."""

    row: PlanSummary
    text: str


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
    sections: Iterable[Section],
    *,
    table: Callable[[list[PlanSummary]], str],
) -> Iterator[str]:
    """A portfolio whose table comes first: the terminal and Markdown layouts.

    Each plan's text is spooled as it arrives and only its table row is kept,
    so a large portfolio needs little memory.
    """
    import tempfile

    rows: list[PlanSummary] = []
    with tempfile.SpooledTemporaryFile(
        max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
    ) as spool:
        for section in sections:
            rows.append(section.row)
            spool.write(section.text)
        yield table(rows)
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            yield chunk
