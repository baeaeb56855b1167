"""The Markdown report, for wikis, README pages and CI job summaries.

Built with Jinja from ``templates/report.md.j2`` (one plan) and
``templates/portfolio.md.j2`` (the table of a portfolio). Every value a
template prints passes through :func:`finalize`: text is escaped for Markdown
unless it is already :class:`Md` (made by the helpers here), so a template
cannot print plan text unescaped by forgetting a filter. No Rich here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import jinja2

from journeycheck import __version__
from journeycheck.render.markdown_text import code as code_span

if TYPE_CHECKING:
    from journeycheck.render import PlanSummary, RenderOptions
    from journeycheck.render import Section as PlanSection
    from journeycheck.result import AuditResult, Cell, Gap


class Md(str):
    """Text that is already Markdown: printed as it is."""

    __slots__ = ()


# -- escaping user text ----------------------------------------------------------

_NEWLINES = re.compile(r"\r\n|\r|\n")
#: What GitHub would turn into a link by itself (its "extended autolinks").
_URL = re.compile(r"(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>]+", re.IGNORECASE)
_WWW = re.compile(r"www\.", re.IGNORECASE)
_TRAILING = "?!.,:*_~'\";"
#: Characters that start Markdown syntax inside a line: code, emphasis,
#: strikethrough, links, table cells, headings, math; plus the backslash itself.
_BACKSLASHED = "\\`*_~[]|#$"
_ESCAPES = str.maketrans(
    {
        **{char: "\\" + char for char in _BACKSLASHED},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
#: Characters a link target must not contain as they are.
_HREF_UNSAFE = re.compile(r"[\s<>|`\\\"']")


def escape(text: str) -> Md:
    """``text`` as Markdown that shows exactly that text, on one line.

    Safe in a table cell, a heading or a list item: ``|`` cannot end a cell,
    ``<`` and ``>`` become entities (no HTML from a plan reaches the page),
    backticks, ``*``, ``_``, ``[`` and friends are backslash-escaped, and line
    breaks become ``<br>``. Web addresses become explicit links, because
    GitHub's automatic links would keep the escaping backslashes in them.
    """
    lines = _NEWLINES.split(text.strip())
    return Md("<br>".join(_escape_line(line) for line in lines))


def _escape_line(line: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(line):
        url = _trim_url(match.group())
        if "." not in url.split("//", 1)[-1].strip("."):
            continue  # no domain after all ("http://" alone, "www." alone)
        parts.append(_escape_text(line[position : match.start()]))
        href = url if "://" in url else "http://" + url
        parts.append(f"[{_escape_text(url)}](<{_HREF_UNSAFE.sub(_percent, href)}>)")
        position = match.start() + len(url)
    parts.append(_escape_text(line[position:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    escaped = text.translate(_ESCAPES)
    # Stop GitHub from making a link of what the loop above did not: its links
    # would keep the escaping backslashes in the address.
    return _WWW.sub(_escape_dot, escaped).replace("://", r"\://")


def _escape_dot(match: re.Match[str]) -> str:
    return match.group()[:3] + r"\."


def _trim_url(url: str) -> str:
    """Leave out trailing punctuation, as GitHub does: "see https://x.org/a." ends at "a"."""
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] not in _TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def code(text: str) -> Md:
    """``text`` as a code span for a table cell (``|`` escaped as GFM tables require)."""
    return Md(code_span(text, in_table=True))


def mermaid_text(text: str) -> Md:
    """A name the Mermaid journey grammar accepts: no ``:``, ``#``, ``;`` or line breaks.

    Commas (which separate actors), angle brackets, braces, backticks and
    ``%%`` comment markers go too; what is left is kept on one line.
    """
    cleaned = re.sub(r"[:#;,<>{}`\r\n]", " ", text).replace("%%", "%")
    return Md(" ".join(cleaned.split()) or "unnamed")


def mermaid_task(text: str) -> Md:
    """A task name: :func:`mermaid_text`, and never read as a ``title`` or ``section`` line.

    Mermaid's lexer tries its keywords first, whatever their case, so a team
    called "Title team" would become the diagram's title. A zero-width space in
    front (which Mermaid's ``\\s`` does not match) keeps it a task.
    """
    name = mermaid_text(text)
    if name.split(" ", 1)[0].casefold() in {"title", "section"}:
        return Md("\u200b" + name)
    return name


def finalize(value: object) -> str:
    """What ``{{ value }}`` prints: Markdown as is, text escaped, numbers and dates plainly."""
    if isinstance(value, Md):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    # Floats need a chosen number of decimals; None needs a chosen word.
    raise TypeError(f"the Markdown templates print no {type(value).__name__} ({value!r}) as is")


# -- view of a result ----------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    title: str
    cells: list[Cell | None]
    score: float | None


@dataclass(frozen=True)
class Task:
    name: str
    score: int


@dataclass(frozen=True)
class Section:
    name: str
    tasks: list[Task]


@dataclass(frozen=True)
class ActionGroup:
    heading: Md
    gaps: list[Gap]


@dataclass(frozen=True)
class Marks:
    """Status marks for scores and verdicts: emoji, or plain words."""

    threshold: float
    emoji: bool

    def score(self, score: float | None) -> Md:
        """A score with its mark, e.g. "🟢 92.5" or "92.5 on track"; "—" when unscored."""
        if score is None:
            return Md("—")
        band = self._band(score)
        if self.emoji:
            return Md(f"{_EMOJI[band]} {score:.1f}")
        return Md(f"{score:.1f} {band}")

    def cell(self, cell: Cell | None) -> Md:
        return Md("·") if cell is None else self.score(cell.score)

    def verdict(self, verdict: str) -> Md:
        word = f"**{verdict.upper()}**"
        return Md(f"{_VERDICT_EMOJI[verdict]} {word}" if self.emoji else word)

    def legend(self) -> Md:
        def mark(band: str) -> str:
            return _EMOJI[band] if self.emoji else band

        limit = f"{self.threshold:g}"
        parts = [f"{mark('on track')}: at or above the threshold ({limit})"]
        if self.threshold > 50:
            parts.append(f"{mark('lagging')}: 50 or more, below the threshold")
        if self.threshold > 0:
            parts.append(f"{mark('behind')}: below {min(self.threshold, 50):g}")
        parts += ["—: nothing scored (every question answered n/a)", "·: no question applies"]
        return Md("Marks: " + "; ".join(parts) + ".")

    def _band(self, score: float) -> str:
        if score >= self.threshold:
            return "on track"
        return "lagging" if score >= 50 else "behind"


_EMOJI = {"on track": "🟢", "lagging": "🟡", "behind": "🔴"}
_VERDICT_EMOJI = {"go": "🟢", "at-risk": "🟡", "no-go": "🔴"}


def journey_score(score: float) -> int:
    """A 0..100 score on Mermaid's 1..5 scale: 1 below 20, then one step per 20 points."""
    return min(5, 1 + int(score // 20))


def days_phrase(days: int) -> str:
    if days == 0:
        return "launch day"
    unit = "day" if abs(days) == 1 else "days"
    return f"in {days} {unit}" if days > 0 else f"{-days} {unit} ago"


def fmt_score(score: float | None) -> Md:
    return Md("—" if score is None else f"{score:.1f}")


def number(value: float) -> Md:
    return Md(f"{value:g}")


def _context(result: AuditResult, options: RenderOptions, level: int) -> dict[str, object]:
    team_titles = {team.id: team.title for team in result.teams}
    cells = {(cell.team, cell.phase): cell for cell in result.cells}
    shown = result.gaps if options.top is None else result.gaps[: options.top]
    numbered = list(enumerate(shown, start=1))
    marks = Marks(result.threshold, options.emoji)

    def heading(depth: int) -> Md:
        return Md("#" * (level + depth))

    def question(gap: Gap) -> Md:
        lines = [escape(gap.ask), code(gap.question)]
        if gap.note is not None:
            lines.append(Md("Note: " + escape(gap.note)))
        if gap.evidence is not None:
            lines.append(Md("Evidence: " + escape(gap.evidence)))
        return Md("<br>".join(lines))

    return {
        "r": result,
        "h": heading,
        "marks": marks,
        "score": fmt_score,
        "number": number,
        "days": days_phrase,
        "mermaid": mermaid_text,
        "mermaid_task": mermaid_task,
        "code": code,
        "question": question,
        "team": lambda team_id: team_titles.get(team_id, team_id),
        "scope": ", ".join(phase.id for phase in result.phases if phase.in_gate),
        "open_blockers": sum(phase.open_blockers for phase in result.phases),
        "matrix": [
            MatrixRow(
                team.title,
                [cells.get((team.id, phase.id)) for phase in result.phases],
                team.score,
            )
            for team in result.teams
        ],
        "journey": _journey(result, cells) if options.mermaid else [],
        "total": len(result.gaps),
        "shown": len(shown),
        "gaps_now": [(n, gap) for n, gap in numbered if gap.in_gate],
        "gaps_later": [(n, gap) for n, gap in numbered if not gap.in_gate],
        "actions": _actions(shown, result),
        "version": __version__,
    }


def _journey(result: AuditResult, cells: dict[tuple[str, str], Cell]) -> list[Section]:
    """One section per phase, one task per team with a scored cell there."""
    sections = []
    for phase in result.phases:
        tasks = []
        for team in result.teams:
            cell = cells.get((team.id, phase.id))
            if cell is not None and cell.score is not None:
                tasks.append(Task(team.title, journey_score(cell.score)))
        if tasks:
            sections.append(Section(phase.title, tasks))
    return sections


def _actions(gaps: list[Gap], result: AuditResult) -> list[ActionGroup]:
    """Gaps per owner (alphabetically), then gaps with no owner per team (playbook order)."""
    owned: dict[str, list[Gap]] = {}
    unowned: dict[str, list[Gap]] = {}
    for gap in gaps:
        owner = (gap.owner or "").strip()
        if owner:
            owned.setdefault(owner, []).append(gap)
        else:
            unowned.setdefault(gap.team, []).append(gap)
    groups = [
        ActionGroup(escape(owner), owned[owner])
        for owner in sorted(owned, key=lambda name: (name.casefold(), name))
    ]
    team_order = [team.id for team in result.teams]
    for team_id in sorted(unowned, key=lambda t: (t not in team_order, _index(team_order, t), t)):
        title = next((team.title for team in result.teams if team.id == team_id), team_id)
        groups.append(ActionGroup(Md(escape(title) + " (no owner)"), unowned[team_id]))
    return groups


def _index(items: list[str], item: str) -> int:
    return items.index(item) if item in items else len(items)


# -- rendering ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment of the Markdown templates (built once per process)."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )


def _template_source(name: str) -> str:
    return (resources.files("journeycheck") / "templates" / name).read_text("utf-8")


def render(result: AuditResult, options: RenderOptions) -> str:
    return _render_plan(result, options, level=1)


def _render_plan(result: AuditResult, options: RenderOptions, *, level: int) -> str:
    template = environment().get_template("report.md.j2")
    return template.render(_context(result, options, level))


def render_section(result: AuditResult, options: RenderOptions) -> str:
    """One plan's report in a portfolio, one heading level down."""
    return "\n" + _render_plan(result, options, level=2)


def assemble(sections: Iterable[PlanSection], options: RenderOptions) -> Iterator[str]:
    """The table of plans, then one section per plan (unless ``options.summary``)."""
    from journeycheck.render import table_then_sections, verdict_tally

    def table(rows: list[PlanSummary]) -> str:
        return (
            environment()
            .get_template("portfolio.md.j2")
            .render(
                rows=rows,
                tally=verdict_tally(rows),
                verdict=lambda row: Marks(row.threshold, options.emoji).verdict(row.verdict),
                score=fmt_score,
            )
        )

    return table_then_sections(sections, table=table)
