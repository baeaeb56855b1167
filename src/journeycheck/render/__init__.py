"""Rendering: a registry of (document, format) pairs, each one module behind one interface.

A *document* is what is rendered: the audit ``REPORT`` (one plan, or a portfolio),
a playbook's ``CHECKLIST``, or the ``PLAYBOOK_DIFF`` of two playbooks. A *format* is how
(:class:`Format`). The registry, :data:`REGISTRY`, names the module that renders
each document in each format; a module is imported only when its format is chosen,
so the JSON formats never load Rich or Jinja and the terminal formats never load
Jinja.

Each document's modules share one interface (:data:`INTERFACE`):

- a checklist module: ``render(checklist, options) -> str``;
- a diff, history or agenda module (the weekly review): ``render(document, options) -> str``;
- a playbook diff module: ``render(diff, options) -> str``;
- a report module: ``render(result, options) -> str`` for one plan, and the two
  steps of a portfolio, so the expensive one can run where the plan was audited (a
  worker process): ``render_section(result, options)`` renders one plan's part of
  the portfolio report, and ``assemble(sections, options)`` joins the sections,
  each with its table row, into the whole report, yielding it in pieces. A format
  that points at the lines of the plan (SARIF) is registered ``located=True``: its
  ``render`` and ``render_section`` take a third argument, the
  :class:`~journeycheck.tickets.Located` places of the plan's gaps, which the
  pipeline finds when the run asks it to (:func:`needs_places`).

Adding a format is one :class:`Format` member, one :data:`REGISTRY` entry (with the
``--output`` endings that imply it) and one module with the document's interface, as
``html`` was added for the report; the commands offer exactly the formats the registry
has for their document (:func:`formats`). Words shared by the formats are in
:mod:`journeycheck.render.view`, the Markdown escaper in
:mod:`journeycheck.render.markdown_text`, the Jinja environment factory in
:mod:`journeycheck.render.templating`.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from journeycheck.checklist import Checklist
    from journeycheck.playbook_diff import PlaybookDiff
    from journeycheck.result import AuditResult, PlanSummary
    from journeycheck.tickets import Located


class Format(str, enum.Enum):
    """The format names a user can ask for with ``--format``.

    Which document has which format is the registry's business: see :func:`formats`.
    """

    TERMINAL = "terminal"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    SARIF = "sarif"


class Document(str, enum.Enum):
    """What is rendered."""

    #: ``journeycheck audit``: one plan's report, or a portfolio's.
    REPORT = "report"
    #: ``journeycheck playbook show``: a playbook as a checklist.
    CHECKLIST = "checklist"
    #: ``journeycheck diff``: what changed between two audits.
    DIFF = "diff"
    #: ``journeycheck history``: one audit per commit of the plan.
    HISTORY = "history"
    #: ``journeycheck agenda``: what each owner brings to the next review.
    AGENDA = "agenda"
    #: ``journeycheck playbook diff``: what changed between two playbooks.
    PLAYBOOK_DIFF = "playbook-diff"


@dataclass(frozen=True)
class Entry:
    """How one document is rendered in one format."""

    #: The module with the document's interface, imported on first use.
    module: str
    #: ``--output`` file name endings that imply this format (lower case; "" for none).
    suffixes: tuple[str, ...] = ()
    #: Whether the module needs the places of the gaps in the plan (a third argument).
    located: bool = False


#: Every (document, format) journeycheck renders, and the module that does it.
REGISTRY: dict[tuple[Document, Format], Entry] = {
    (Document.REPORT, Format.TERMINAL): Entry(
        "journeycheck.render.terminal", suffixes=(".txt", ".text", "")
    ),
    (Document.REPORT, Format.MARKDOWN): Entry(
        "journeycheck.render.markdown", suffixes=(".md", ".markdown")
    ),
    (Document.REPORT, Format.HTML): Entry("journeycheck.render.html", suffixes=(".html", ".htm")),
    (Document.REPORT, Format.JSON): Entry("journeycheck.render.json_report", suffixes=(".json",)),
    (Document.REPORT, Format.SARIF): Entry(
        "journeycheck.render.sarif", suffixes=(".sarif",), located=True
    ),
    (Document.CHECKLIST, Format.TERMINAL): Entry("journeycheck.render.checklist_terminal"),
    (Document.CHECKLIST, Format.MARKDOWN): Entry("journeycheck.render.checklist_markdown"),
    (Document.CHECKLIST, Format.JSON): Entry("journeycheck.render.checklist_json"),
    (Document.DIFF, Format.TERMINAL): Entry("journeycheck.render.diff_terminal"),
    (Document.DIFF, Format.MARKDOWN): Entry("journeycheck.render.diff_markdown"),
    (Document.DIFF, Format.JSON): Entry("journeycheck.render.document_json"),
    (Document.HISTORY, Format.TERMINAL): Entry("journeycheck.render.history_terminal"),
    (Document.HISTORY, Format.MARKDOWN): Entry("journeycheck.render.history_markdown"),
    (Document.HISTORY, Format.JSON): Entry("journeycheck.render.document_json"),
    (Document.AGENDA, Format.TERMINAL): Entry("journeycheck.render.agenda_terminal"),
    (Document.AGENDA, Format.MARKDOWN): Entry("journeycheck.render.agenda_markdown"),
    (Document.AGENDA, Format.JSON): Entry("journeycheck.render.document_json"),
    (Document.PLAYBOOK_DIFF, Format.TERMINAL): Entry("journeycheck.render.playbook_diff_terminal"),
    (Document.PLAYBOOK_DIFF, Format.MARKDOWN): Entry("journeycheck.render.playbook_diff_markdown"),
    (Document.PLAYBOOK_DIFF, Format.JSON): Entry("journeycheck.render.playbook_diff_json"),
}

#: The functions each document's modules define.
INTERFACE: dict[Document, tuple[str, ...]] = {
    Document.REPORT: ("render", "render_section", "assemble"),
    Document.CHECKLIST: ("render",),
    Document.DIFF: ("render",),
    Document.HISTORY: ("render",),
    Document.AGENDA: ("render",),
    Document.PLAYBOOK_DIFF: ("render",),
}


def language_for(fmt: Format, option: str | None = None, plan: str | None = None) -> str:
    """The language a report in ``fmt`` speaks (:func:`journeycheck.i18n.choose`).

    The terminal follows the reader's locale too; a file meant to be committed
    (Markdown, HTML, JSON, SARIF) does not, so two people who run the same command
    get the same file.
    """
    from journeycheck import i18n

    if option is not None:
        return i18n.choose(option, plan, for_files=fmt is not Format.TERMINAL)
    return i18n.choose_for(plan, for_files=fmt is not Format.TERMINAL)


def formats(document: Document) -> list[Format]:
    """The formats ``document`` is rendered in, in :class:`Format`'s order."""
    return [fmt for fmt in Format if (document, fmt) in REGISTRY]


def format_choice(document: Document) -> type[enum.Enum]:
    """An enum of ``document``'s formats, for a command's ``--format`` option.

    Its members have the names and values of :class:`Format`'s (``Format(member)``
    gives the Format), so a command offers, completes and checks exactly the
    formats the registry has for its document.
    """
    members = {fmt.name: fmt.value for fmt in formats(document)}
    name = f"{document.name.title()}Format"
    # mypy reads an Enum() call only with a literal name; this one is built from the document.
    choice: type[enum.Enum] = enum.Enum(name, members, type=str, module=__name__)  # type: ignore[misc]
    return choice


def module_for(document: Document, fmt: Format) -> Any:
    """The module that renders ``document`` in ``fmt``, imported on first use.

    Its interface's functions are given back wrapped by :func:`speaking`, so each
    renders in the language its options name, whoever calls it.
    """
    entry = REGISTRY.get((document, fmt))
    if entry is None:
        raise LookupError(f"journeycheck renders no {document.value} in {fmt.value}")
    module = importlib.import_module(entry.module)
    return _Speaking(module, INTERFACE[document])


class _Speaking:
    """A renderer module whose interface functions render in ``options.lang``."""

    def __init__(self, module: Any, names: tuple[str, ...]) -> None:
        self._module = module
        self._names = names

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._module, name)
        if name not in self._names:
            return value
        return speaking(value, generator=name == "assemble")


def speaking(function: Any, *, generator: bool = False) -> Any:
    """``function(document, options, ...)`` run with ``options.lang`` as the language
    (the run's own when it is ``None``).

    A generator (a portfolio's ``assemble``) speaks the language while it yields.
    """
    import functools

    from journeycheck import i18n

    if generator:

        @functools.wraps(function)
        def pieces(document: Any, options: RenderOptions, *rest: Any) -> Iterator[str]:
            iterator = iter(function(document, options, *rest))
            lang = options.lang or i18n.current()
            while True:
                with i18n.language(lang):
                    try:
                        piece = next(iterator)
                    except StopIteration:
                        return
                yield piece

        return pieces

    @functools.wraps(function)
    def call(document: Any, options: RenderOptions, *rest: Any) -> Any:
        with i18n.language(options.lang or i18n.current()):
            return function(document, options, *rest)

    return call


#: Formats an ``--output`` file name implies when ``--format`` is not given.
SUFFIX_FORMATS: dict[str, Format] = {
    suffix: fmt
    for (document, fmt), entry in REGISTRY.items()
    if document is Document.REPORT
    for suffix in entry.suffixes
}


def format_for_path(path: PurePath) -> Format | None:
    """The report format a file name implies, or ``None`` when its ending says nothing we know."""
    return SUFFIX_FORMATS.get(path.suffix.lower())


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
    #: Terminal: each gap with its question, help, whole note and evidence.
    long: bool = False
    #: Portfolio: the order of the table's rows (see :data:`journeycheck.render.view.SORTS`).
    sort: str = "verdict"
    #: The language of the report's words (:data:`journeycheck.i18n.SUPPORTED`), or
    #: ``None`` for the language the run speaks (:func:`journeycheck.i18n.current`).
    lang: str | None = None
    #: Terminal (``--ascii``): ASCII instead of the marks some terminals draw twice as wide
    #: (``·``, ``—``, ``…``, box lines), as Korean terminals may.
    ascii_only: bool = False


class Renderer(Protocol):
    def __call__(self, result: AuditResult, options: RenderOptions) -> str: ...


class PortfolioRenderer(Protocol):
    def __call__(self, results: Iterable[AuditResult], options: RenderOptions) -> Iterator[str]: ...


class Assembler(Protocol):
    """A portfolio report from its plans' sections: pieces of text, or UTF-8 bytes where
    a section came so (:meth:`Section.encoded`), written out as they are."""

    def __call__(
        self, sections: Iterable[Section], options: RenderOptions
    ) -> Iterator[str | bytes]: ...


class ReviewRenderer(Protocol):
    def __call__(self, document: Any, options: RenderOptions) -> str: ...


class ChecklistRenderer(Protocol):
    def __call__(self, checklist: Checklist, options: RenderOptions) -> str: ...


def needs_places(fmt: Format) -> bool:
    """Whether the report in ``fmt`` points at lines of the plan (``Run(locate=True)``)."""
    entry = REGISTRY.get((Document.REPORT, fmt))
    return entry is not None and entry.located


class PlaybookDiffRenderer(Protocol):
    def __call__(self, diff: PlaybookDiff, options: RenderOptions) -> str: ...


def renderer_for(fmt: Format) -> Renderer:
    """One plan's report in ``fmt`` (see :func:`render_report` for a located format)."""
    render: Renderer = module_for(Document.REPORT, fmt).render
    return render


def render_report(
    fmt: Format, result: AuditResult, options: RenderOptions, located: Located | None = None
) -> str:
    """One plan's report in ``fmt``, with the places of its gaps when the format needs them."""
    module = module_for(Document.REPORT, fmt)
    if needs_places(fmt):
        text: str = module.render(result, options, located)
    else:
        text = module.render(result, options)
    return text


def portfolio_renderer_for(fmt: Format) -> PortfolioRenderer:
    """A whole portfolio report from audit results, in ``fmt``: sections, then assembly."""

    def render_portfolio(results: Iterable[AuditResult], options: RenderOptions) -> Iterator[str]:
        sections = (section_of(fmt, r, options) for r in results)
        for piece in assembler_for(fmt)(sections, options):
            yield piece if isinstance(piece, str) else piece.decode("utf-8")

    return render_portfolio


def section_of(
    fmt: Format, result: AuditResult, options: RenderOptions, located: Located | None = None
) -> Section:
    """One plan's part of a portfolio report: its table row and its rendered text."""
    from journeycheck.result import PlanSummary

    if options.summary:
        return Section(PlanSummary.of(result), "")
    module = module_for(Document.REPORT, fmt)
    if needs_places(fmt):
        text = module.render_section(result, options, located)
    else:
        text = module.render_section(result, options)
    return Section(PlanSummary.of(result), text)


def assembler_for(fmt: Format) -> Assembler:
    """The portfolio report in ``fmt``, assembled from its plans' sections."""
    assemble: Assembler = module_for(Document.REPORT, fmt).assemble
    return assemble


def checklist_renderer_for(fmt: Format) -> ChecklistRenderer:
    """A playbook's checklist in ``fmt``."""
    render: ChecklistRenderer = module_for(Document.CHECKLIST, fmt).render
    return render


def review_renderer_for(document: Document, fmt: Format) -> ReviewRenderer:
    """A diff, a history or an agenda in ``fmt``."""
    render: ReviewRenderer = module_for(document, fmt).render
    return render


def playbook_diff_renderer_for(fmt: Format) -> PlaybookDiffRenderer:
    """What changed between two playbooks, in ``fmt``."""
    render: PlaybookDiffRenderer = module_for(Document.PLAYBOOK_DIFF, fmt).render
    return render


@dataclass(frozen=True)
class Section:
    """One plan of a portfolio, rendered: its table row and its part of the report."""

    row: PlanSummary
    #: The plan's part of the report; UTF-8 bytes when a worker process sent it so
    #: (:meth:`encoded`), to be written out without being decoded on the way.
    text: str | bytes

    def as_text(self) -> str:
        """The plan's part of the report as text, however it came."""
        return self.text if isinstance(self.text, str) else self.text.decode("utf-8")

    def encoded(self) -> Section:
        """The same section with its text as UTF-8, as a worker process sends it."""
        text = self.text
        return self if isinstance(text, bytes) else Section(self.row, text.encode("utf-8"))


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
            spool.write(section.as_text())
        yield table(rows)
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            yield chunk
