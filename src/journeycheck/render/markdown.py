"""The Markdown report, for wikis, README pages and CI job summaries.

Built with Jinja from ``templates/report.md.j2`` (one plan) and
``templates/portfolio.md.j2`` (the table of a portfolio). Every value a
template prints passes through :func:`finalize`: text is escaped for Markdown
(:func:`~journeycheck.render.markdown_text.escape_inline`) unless it is already
:class:`~journeycheck.render.markdown_text.Md` (made by the helpers here), so a
template cannot print plan text unescaped by forgetting a filter. No Rich here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeycheck import __version__
from journeycheck.i18n import r_
from journeycheck.render import kpi_view, view
from journeycheck.render.kpi_markdown import KpiMarks, blocks_mark
from journeycheck.render.markdown_text import Md, code_span, escape_inline
from journeycheck.render.mermaid import phase_chart
from journeycheck.render.templating import environment as make_environment

if TYPE_CHECKING:
    import jinja2

    from journeycheck.render import RenderOptions, Section
    from journeycheck.result import AuditResult, Cell, Done, Gap, PlanSummary, ScoreChange, Since


def code(text: str) -> Md:
    """``text`` as a code span for a table cell (``|`` escaped as GFM tables require)."""
    return code_span(text, in_table=True)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def say(template: str, **values: object) -> Md:
    """A translated sentence as Markdown: its words escaped, each ``{name}`` replaced by
    its value (Markdown as it is, anything else as :func:`finalize` prints it)."""
    pieces = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        pieces.append(_escape_words(template[position : match.start()]))
        pieces.append(finalize(values[match.group(1)]))
        position = match.end()
    pieces.append(_escape_words(template[position:]))
    return Md("".join(pieces))


def _escape_words(text: str) -> str:
    """A piece of a sentence escaped, keeping the spaces at its ends (escape_inline strips)."""
    stripped = text.strip()
    if not stripped:
        return text
    start = text[: len(text) - len(text.lstrip())]
    end = text[len(text.rstrip()) :]
    return start + escape_inline(stripped) + end


def bold(text: object) -> Md:
    return Md(f"**{finalize(text)}**")


def finalize(value: object) -> str:
    """What ``{{ value }}`` prints: Markdown as is, text escaped, numbers and dates plainly."""
    if isinstance(value, Md):
        return value
    if isinstance(value, str):
        return escape_inline(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return view.date_text(value)
    # Floats need a chosen number of decimals; None needs a chosen word.
    raise TypeError(f"the Markdown templates print no {type(value).__name__} ({value!r}) as is")


# -- view of a result ----------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    title: str
    cells: list[Cell | None]
    score: float | None
    #: The team's id.
    id: str = ""


def _delta_of(changes: list[ScoreChange], key: str) -> float | None:
    return next((change.delta for change in changes if change.id == key), None)


@dataclass(frozen=True)
class SinceMarks:
    """What ``audit --since`` adds to the page: each score's delta, and the changes.

    Without ``--since`` every piece is empty, so the page is the plain report.
    """

    since: Since | None
    level: int

    def _delta(self, value: float | None) -> Md:
        return Md("") if self.since is None else Md(f" ({view.delta_text(value)})")

    @property
    def gate(self) -> Md:
        return self._delta(self.since.score_delta if self.since else None)

    @property
    def total(self) -> Md:
        return self._delta(self.since.total_score_delta if self.since else None)

    def phase(self, phase_id: str) -> Md:
        return self._delta(_delta_of(self.since.phases if self.since else [], phase_id))

    def team(self, team_id: str) -> Md:
        return self._delta(_delta_of(self.since.teams if self.since else [], team_id))

    @property
    def intro(self) -> Md:
        if self.since is None:
            return Md("")
        old = self.since.old
        verdict = view.verdict_name(old.verdict)
        sentence = view.since_phrase(old.ref, view.date_text(old.as_of), verdict)
        return Md(escape_inline(sentence))

    @property
    def section(self) -> Md:
        if self.since is None:
            return Md("")
        from journeycheck.render.diff_markdown import changes_section

        text = changes_section(self.since, level=self.level + 1, scores=False)
        return Md(text.strip("\n"))


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
            return Md(view.NO_SCORE)
        band = view.band(score, self.threshold)
        if self.emoji:
            return Md(f"{_EMOJI[band]} {view.score_text(score)}")
        return Md(f"{view.score_text(score)} {escape_inline(view.band_word(band))}")

    def cell(self, cell: Cell | None) -> Md:
        return Md("·") if cell is None else self.score(cell.score)

    def verdict(self, verdict: str) -> Md:
        word = f"**{escape_inline(view.verdict_word(verdict))}**"
        return Md(f"{_VERDICT_EMOJI[verdict]} {word}" if self.emoji else word)

    def legend(self) -> Md:
        def mark(band: view.Band) -> str:
            return _EMOJI[band] if self.emoji else view.band_word(band)

        limit = view.number_text(self.threshold)
        lagging = view.LAGGING_FROM
        parts = [
            r_("{mark}: at or above the threshold ({threshold})").format(
                mark=mark("on track"), threshold=limit
            )
        ]
        if self.threshold > lagging:
            parts.append(
                r_("{mark}: {limit} or more, below the threshold").format(
                    mark=mark("lagging"), limit=lagging
                )
            )
        if self.threshold > 0:
            parts.append(
                r_("{mark}: below {limit}").format(
                    mark=mark("behind"), limit=view.number_text(min(self.threshold, lagging))
                )
            )
        parts += [
            r_("{mark}: nothing scored (every question answered n/a)").format(mark=view.NO_SCORE),
            r_("{mark}: no question applies").format(mark="·"),
        ]
        return Md(escape_inline(r_("Marks: {marks}.").format(marks="; ".join(parts))))


_EMOJI: dict[view.Band, str] = {"on track": "🟢", "lagging": "🟡", "behind": "🔴"}
_VERDICT_EMOJI = {"go": "🟢", "at-risk": "🟡", "no-go": "🔴"}


def fmt_score(score: float | None) -> Md:
    return Md(view.score_text(score))


def number(value: float) -> Md:
    return Md(view.number_text(value))


def _context(result: AuditResult, options: RenderOptions, level: int) -> dict[str, object]:
    team_titles = {team.id: team.title for team in result.teams}
    cells = {(cell.team, cell.phase): cell for cell in result.cells}
    shown = result.gaps if options.top is None else result.gaps[: options.top]
    numbered = list(enumerate(shown, start=1))
    marks = Marks(result.threshold, options.emoji)

    def heading(depth: int) -> Md:
        return Md("#" * (level + depth))

    def question(item: Gap | Done) -> Md:
        """The question and its id, in one cell: the id is what the plan answers it under."""
        return Md(escape_inline(item.ask) + "<br>" + code(item.question))

    def why(gap: Gap) -> Md:
        """Its severity (bold for a blocker) and every reason it is a gap, in one cell."""
        word = escape_inline(view.severity_word(gap.severity))
        severity = Md(f"**{word}**" if gap.severity == "blocker" else word)
        said = say(
            r_("{severity}: {reasons}"), severity=severity, reasons=view.reasons_phrase(gap.reasons)
        )
        return Md(said + blocks_mark(gap))

    def due(gap: Gap) -> Md:
        if gap.due is None:
            return Md("—")
        day = escape_inline(view.date_text(gap.due))
        if "overdue" in gap.reasons:
            return Md(f"{day}<br>**{escape_inline(view.reason_word('overdue'))}**")
        return Md(day)

    def remarks(gap: Gap) -> Md:
        """A gap's note and evidence, kept out of the table so its columns stay narrow."""
        parts = []
        if gap.note is not None:
            parts.append(say(r_("note: {note}"), note=gap.note))
        if gap.evidence is not None:
            parts.append(say(r_("evidence: {evidence}"), evidence=gap.evidence))
        return Md("; ".join(parts))

    return {
        "r": result,
        "h": heading,
        "marks": marks,
        "score": fmt_score,
        "number": number,
        "days": view.days_phrase,
        "say": say,
        "bold": bold,
        "date": lambda day: Md(escape_inline(view.date_text(day))),
        "gate": Md(
            view.gate_phrase(result.gate, result.gate_rule, lambda p: f"**{escape_inline(p)}**")
        ),
        # Every id: a wiki page is read whole, and each id is a gap to find below.
        "verdict_why": view.why_sentences(result, named=None),
        "code": code,
        "question": question,
        "why": why,
        "due": due,
        "remarks": remarks,
        "team": lambda team_id: team_titles.get(team_id, team_id),
        "scope": ", ".join(phase.id for phase in result.phases if phase.in_gate),
        "open_blockers": view.open_blockers(result),
        "matrix": [
            MatrixRow(
                team.title,
                [cells.get((team.id, phase.id)) for phase in result.phases],
                team.score,
                team.id,
            )
            for team in result.teams
        ],
        "chart": Md(phase_chart(result)) if options.mermaid and result.phases else None,
        "total": len(result.gaps),
        "shown": len(shown),
        "gaps_now": [(n, gap) for n, gap in numbered if gap.in_gate],
        "gaps_later": [(n, gap) for n, gap in numbered if not gap.in_gate],
        "actions": _actions(shown, result),
        "done_summary": Md(
            view.counted(
                len(result.done),
                "1 question is done; what it rests on",
                "{n} questions are done; what each rests on",
            )
        ),
        "version": __version__,
        "since": SinceMarks(result.since, level),
        "kpi": KpiMarks(result),
        "view_kpi": kpi_view,
    }


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
        ActionGroup(Md(escape_inline(owner)), owned[owner])
        for owner in sorted(owned, key=lambda name: (name.casefold(), name))
    ]
    team_order = [team.id for team in result.teams]
    for team_id in sorted(unowned, key=lambda t: (t not in team_order, _index(team_order, t), t)):
        title = next((team.title for team in result.teams if team.id == team_id), team_id)
        groups.append(ActionGroup(say(r_("{team} (no owner)"), team=title), unowned[team_id]))
    return groups


def _index(items: list[str], item: str) -> int:
    return items.index(item) if item in items else len(items)


# -- rendering ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment of the Markdown report's templates (built once per process)."""
    return make_environment(finalize=finalize, globals={"view": view, "say": say, "bold": bold})


def render(result: AuditResult, options: RenderOptions) -> str:
    return _render_plan(result, options, level=1)


def _render_plan(result: AuditResult, options: RenderOptions, *, level: int) -> str:
    template = environment().get_template("report.md.j2")
    return template.render(_context(result, options, level))


def render_section(result: AuditResult, options: RenderOptions) -> str:
    """One plan's report in a portfolio, one heading level down."""
    return "\n" + _render_plan(result, options, level=2)


def assemble(sections: Iterable[Section], options: RenderOptions) -> Iterator[str]:
    """The table of plans, then one section per plan (unless ``options.summary``)."""
    from journeycheck.render import table_then_sections

    def table(rows: list[PlanSummary]) -> str:
        return (
            environment()
            .get_template("portfolio.md.j2")
            .render(
                rows=rows,
                sorted_rows=view.sorted_rows(rows, options.sort),
                tally=Md(escape_inline(view.tally_phrase(rows))),
                say=say,
                verdict=lambda row: Marks(row.threshold, options.emoji).verdict(row.verdict),
                score=fmt_score,
                gate=lambda row: view.gate_name(row.gate, row.gate_rule),
            )
        )

    return table_then_sections(sections, table=table)
