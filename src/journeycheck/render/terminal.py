"""The terminal report, drawn with Rich; readable at 80 columns and without colour."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Column, Table
from rich.text import Text

from journeycheck.i18n import current, r_, rpgettext
from journeycheck.printable import flat, one_line
from journeycheck.render import view
from journeycheck.render.kpi_terminal import accounts_part, blocks_line, kpi_part
from journeycheck.render.line_table import LineGroup, LineTable, Piece, StyledLine

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.render import RenderOptions, Section
    from journeycheck.result import (
        AuditResult,
        Gap,
        PlanSummary,
        ScoreChange,
        Since,
        TeamResult,
        Waived,
    )

VERDICT_STYLE = {"go": "bold green", "at-risk": "bold yellow", "no-go": "bold red"}
SEVERITY_STYLE = {"blocker": "red", "major": "yellow", "minor": "cyan"}
BAND_STYLE: dict[view.Band, str] = {"on track": "green", "lagging": "yellow", "behind": "red"}


def render(result: AuditResult, options: RenderOptions) -> str:
    return draw(report(result, options), options)


def render_section(result: AuditResult, options: RenderOptions) -> str:
    """One plan's report in a portfolio, under a rule naming its file."""
    title = one_line(result.file) if result.file is not None else flat(result.product)
    rule = Rule(Text(title), style="dim")
    return "\n" + draw(rule, options) + "\n" + render(result, options)


def assemble(sections: Iterable[Section], options: RenderOptions) -> Iterator[str]:
    """The table of plans first, then each plan's report (unless ``options.summary``)."""
    from journeycheck.render import table_then_sections

    return table_then_sections(sections, table=lambda rows: draw(portfolio(rows, options), options))


def draw(renderable: RenderableType, options: RenderOptions) -> str:
    """Text of ``renderable`` at the options' width and colour (every Rich format's sink)."""
    console = Console(
        file=io.StringIO(),
        width=options.width,
        color_system=options.color_system,  # type: ignore[arg-type]
        force_terminal=options.color_system is not None,
        force_jupyter=False,
        force_interactive=False,
        # Text from a plan or playbook is never console markup: "[/legal/memos]" in a
        # waiver's reason is text, as are "[link=...]" and "[conceal]". Anything given
        # as a plain string is printed as written, and styles come only from Text.
        markup=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
        no_color=options.no_color,
    )
    console.print(renderable, crop=False)
    stream = console.file
    assert isinstance(stream, io.StringIO)
    text = stream.getvalue()
    if options.color_system is None:
        # Plain text goes to files and pipes: Rich's padding to the width is noise there.
        text = "".join(line.rstrip() + "\n" for line in text.splitlines())
    # In a CI log a line that starts with "::" is a workflow command: a long name folded
    # at the width could start one, so such a line is moved one space in.
    if "::" in text:
        text = "".join(
            (" " if _SGR.sub("", line).startswith("::") else "") + line
            for line in text.splitlines(keepends=True)
        )
    return text


#: Rich's colour and emphasis codes, which may come before a line's first character.
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def report(result: AuditResult, options: RenderOptions) -> RenderableType:
    """The whole report as one Rich renderable (also used for portfolios)."""
    parts: list[RenderableType] = [header(result), Text(), matrix(result)]
    if result.since is not None:
        parts += [Text(), *since_part(result.since)]
    shown = result.gaps if options.top is None else result.gaps[: options.top]
    parts += [Text(), gaps_title(result, len(shown))]
    if shown:
        parts += [gaps_table(shown, long=options.long), gaps_legend(result, long=options.long)]
    if result.waived:
        parts += [Text(), waivers(result)]
    parts += kpi_part(result)
    parts += accounts_part(result)
    parts += [Text(), counts_line(result)]
    # Most of a report is lines that fit: drawn without Rich's wrapping (docs/performance.md).
    return LineGroup(*parts)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def sentence(template: str, style: str = "", **values: Text | str) -> Text:
    """A translated sentence as Text, each ``{name}`` replaced by its value with its own
    style: the words of the sentence stay whole while a score inside it is coloured."""
    text = Text(style=style)
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        text.append(template[position : match.start()])
        value = values[match.group(1)]
        if isinstance(value, Text):
            text.append_text(value)
        else:
            text.append(value)
        position = match.end()
    text.append(template[position:])
    return text


def waivers(result: AuditResult) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for waiver in result.waived:
        said = Text(
            r_("{reason} (approved by {approver}, until {date})").format(
                reason=flat(waiver.reason),
                approver=flat(waiver.approver),
                date=view.date_text(waiver.expires),
            )
        )
        table.add_row(Text(waiver.question), _with_risk_accepted(said, waiver))
    return LineGroup(Text(r_("Waived"), style="bold"), LineTable(table))


def _with_risk_accepted(said: Text, waiver: Waived) -> Text:
    """A waiver's line, followed by the customer risk its approver accepted."""
    if waiver.risk_accepted is None:
        return said
    said.append("\n" + flat(view.risk_accepted_phrase(waiver.risk_accepted)), style="dim")
    return said


def band(score: float | None, threshold: float) -> str:
    """The style of a score: its band's colour, dim when nothing was scored."""
    return "dim" if score is None else BAND_STYLE[view.band(score, threshold)]


def score(value: float | None, threshold: float) -> Text:
    """A score in its band's colour."""
    return Text(*score_piece(value, threshold))


def score_piece(value: float | None, threshold: float) -> Piece:
    """A score's text and its band's style, for a :class:`StyledLine`."""
    return view.score_text(value), band(value, threshold)


def header(result: AuditResult) -> RenderableType:
    title = sentence(
        r_("{product} — launch readiness"), product=Text(flat(result.product), style="bold")
    )
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    verdict = Text(view.verdict_word(result.verdict), style=VERDICT_STYLE[result.verdict])
    gate_score = score(result.score, result.threshold)
    if result.since is not None:
        gate_score.append_text(delta(result.since.score_delta))
    verdict.append("  ")
    verdict.append_text(
        sentence(
            r_("{gate}, score {score}, threshold {threshold}"),
            style="default",
            gate=view.gate_phrase(result.gate, result.gate_rule),
            score=gate_score,
            threshold=view.number_text(result.threshold),
        )
    )
    facts.add_row(rpgettext("label", "Verdict"), verdict)
    facts.add_row(rpgettext("label", "Why"), Text("\n".join(view.why_sentences(result))))
    facts.add_row(
        rpgettext("label", "Ready through"),
        Text(result.ready_through or r_("none (a first-phase blocker is open)")),
    )
    facts.add_row(
        rpgettext("label", "Launch"),
        Text(
            r_("{launch} ({days}), as of {as_of}").format(
                launch=view.date_text(result.launch),
                days=view.days_phrase(result.days_to_launch),
                as_of=view.date_text(result.as_of),
            )
        ),
    )
    facts.add_row(rpgettext("label", "Playbook"), Text(flat(result.playbook.lineage)))
    return LineGroup(title, LineTable(facts))


#: The most columns a team's name takes in the score table: a short title longer
#: than this is cut, so the table keeps to 80 columns in every language.
TEAM_COLUMNS = 18


def team_label(team: TeamResult) -> str:
    """A team's name in the score table: its id in English, where ids are words; in another
    language its short title when the playbook's translation gives one, else its id."""
    if current() == "en" or not team.short:
        return team.id
    short = team.short
    label = flat(str(short))
    if cell_len(label) <= TEAM_COLUMNS:
        return label
    while cell_len(label + "…") > TEAM_COLUMNS:
        label = label[:-1]
    return label + "…"


def matrix(result: AuditResult) -> RenderableType:
    table = Table(
        title=r_("Scores by team and phase"),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=_gate_caption(result),
        caption_justify="left",
    )
    table.add_column(rpgettext("column", "Team"), no_wrap=True)
    for phase in result.phases:
        header = phase.id if phase.in_gate else r_("{phase} (later)").format(phase=phase.id)
        table.add_column(header, justify="right")
    table.add_column(rpgettext("column", "All"), justify="right")
    cells = {(cell.team, cell.phase): cell.score for cell in result.cells}
    for team in result.teams:
        row: list[Text] = [Text(team_label(team))]
        for phase in result.phases:
            if (team.id, phase.id) in cells:
                row.append(score(cells[(team.id, phase.id)], result.threshold))
            else:
                row.append(Text("·", style="dim"))
        row.append(score(team.score, result.threshold))
        if result.since is not None:
            row[-1].append(delta(_delta_of(result.since.teams, team.id)))
        table.add_row(*row)
    table.add_section()
    totals = [score(p.score, result.threshold) for p in result.phases]
    totals.append(score(result.total_score, result.threshold))
    if result.since is not None:
        for phase, total in zip(result.phases, totals, strict=False):
            total.append(delta(_delta_of(result.since.phases, phase.id)))
        totals[-1].append(delta(result.since.total_score_delta))
    table.add_row(Text(r_("All teams"), style="bold"), *totals)
    table.add_row(
        Text(r_("Open blockers")),
        *[Text(str(p.open_blockers), style="red" * bool(p.open_blockers)) for p in result.phases],
        Text(str(view.open_blockers(result))),
    )
    # Each cell is one short line: drawn without Rich's general layout when it fits.
    return LineTable(table, otherwise=narrowed_matrix)


def narrowed_matrix(table: Table, width: int) -> RenderableType:
    """The matrix of scores where it does not fit ``width`` as it is, its scores never cut.

    The team names give way instead of the scores, which Rich's squeezing cut to
    ``10…`` at 50 columns (100.0 or 10.5?): columns two spaces apart, each phase's
    column as narrow as its scores and the longest word of its header, the team names
    cut with an ellipsis to what is left. Narrower still, where no column of team
    names would be left, each row becomes a line of its own (:func:`stacked_matrix`).
    """
    import copy
    from dataclasses import replace

    natural = [_column_width(column, whole=True) for column in table.columns]
    if simple_head_width(natural, gap=3) <= width:
        return table  # it fits: LineTable left it to Rich for its characters alone
    team, *scores = table.columns
    narrowest = [_column_width(column, whole=False) for column in scores]
    # One column spare: Rich draws a collapsed table one wider than it measures it.
    room = width - simple_head_width([0, *narrowest], gap=2) - 1
    if room < MIN_TEAM_COLUMNS:
        return stacked_matrix(table, width)
    narrowed = copy.copy(table)  # the columns are changed on copies: ``table`` stays
    narrowed.collapse_padding = True
    narrowed.columns = [
        replace(team, width=min(natural[0], room), overflow="ellipsis"),
        *(replace(c, min_width=w) for c, w in zip(scores, narrowest, strict=True)),
    ]
    return narrowed


#: The fewest columns a team's name is cut to before the rows are stacked instead.
MIN_TEAM_COLUMNS = 6


def stacked_matrix(table: Table, width: int) -> RenderableType:
    """The matrix for a terminal too narrow for its columns: each row's name on a line,
    then its scores, each after its phase's header (``discover 25.0``), packed into
    lines of ``width``; a blank line where the table starts a section.

    Squeezed into columns at 40 columns, Rich showed every score as ``…``. The cells
    are the table's own, colours and all.
    """
    name_column, *columns = table.columns
    headers = [" ".join(str(column.header).split()) for column in columns]
    parts: list[RenderableType] = []
    if table.title:
        parts.append(Text(str(table.title), style=str(table.title_style or "")))
    names = list(name_column.cells)
    cells = [list(column.cells) for column in columns]
    for index, name in enumerate(names):
        parts.append(name if isinstance(name, Text) else Text(str(name)))
        items = [
            Text(header + " ") + (value if isinstance(value, Text) else Text(str(value)))
            for header, value in zip(headers, (column[index] for column in cells), strict=True)
        ]
        parts.extend(packed(items, width))
        if table.rows[index].end_section:
            parts.append(Text())
    if table.caption:
        parts.append(Text(str(table.caption)))
    return Group(*parts)


def packed(items: Sequence[Text], width: int, *, gap: str = "  ") -> list[Text]:
    """``items`` in lines of ``width`` columns, each line indented by ``gap`` and its items
    ``gap`` apart; an item is never split, and one too wide has a line of its own."""
    lines: list[Text] = []
    for item in items:
        if lines and lines[-1].cell_len + len(gap) + item.cell_len <= width:
            lines[-1].append(gap)
            lines[-1].append_text(item)
        else:
            lines.append(Text(gap) + item)
    return lines


def _column_width(column: Column, *, whole: bool) -> int:
    """The widest of a column's cells, and of its header: whole, or its longest word."""
    header = column.header.plain if isinstance(column.header, Text) else str(column.header)
    words = [header] if whole else header.split() or [""]
    cells = [cell.plain if isinstance(cell, Text) else str(cell) for cell in column.cells]
    return max(cell_len(text) for text in [*words, *cells])


def simple_head_width(widths: Sequence[int], *, gap: int) -> int:
    """The columns a SIMPLE_HEAD table without edge padding takes, with columns of
    ``widths``: a space at each end, ``gap`` between columns (3, or 2 with padding
    collapsed)."""
    return sum(widths) + gap * (len(widths) - 1) + 2


def delta(value: float | None) -> Text:
    """A score's change since the --since revision, after the score: " +4.1"."""
    from journeycheck.render.diff_terminal import delta_style

    return Text(f" {view.delta_text(value)}", style=delta_style(value))


def _delta_of(changes: list[ScoreChange], key: str) -> float | None:
    return next((change.delta for change in changes if change.id == key), None)


def since_part(since: Since) -> list[RenderableType]:
    """The "since last review" part: what the old side was, then the lists that changed."""
    from journeycheck.render.diff_terminal import change_parts

    old = since.old
    title = Text(r_("Since the last review"), style="bold")
    intro = Text(
        view.since_phrase(old.ref, view.date_text(old.as_of), view.verdict_name(old.verdict)),
        style="dim",
    )
    return [title, intro, *change_parts(since)]


def _gate_caption(result: AuditResult) -> str:
    scope = [phase.id for phase in result.phases if phase.in_gate]
    if not scope:
        return r_("Gate scope: none listed. · = no question applies.")
    return r_("Gate scope: {phases}. · = no question applies.").format(phases=", ".join(scope))


def gaps_title(result: AuditResult, shown: int) -> Text:
    total = len(result.gaps)
    if total == 0:
        return Text(view.no_gaps(), style="bold green")
    if shown < total:
        title = view.counted(
            total,
            "Top {shown} of {n} gap (--all lists every one)",
            "Top {shown} of {n} gaps (--all lists every one)",
            shown=shown,
        )
        return Text(title, style="bold")
    title = view.counted(total, "{n} gap, most urgent first", "{n} gaps, most urgent first")
    return Text(title, style="bold")


def gaps_table(gaps: list[Gap], *, long: bool = False) -> RenderableType:
    """The gaps, two lines each: the severity and question id (what to look for in the
    plan), then why, owner, due date and note, cut to the width. ``long`` adds the
    question, its help, the whole note and the evidence."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    if long:
        heading = r_("Severity, question id\nwhy · owner · due")
    else:
        heading = r_("Severity, question id\nwhy · owner · due · note")
    table.add_column(heading, ratio=1)
    table.add_column(rpgettext("column", "Pts"), justify="right", no_wrap=True, vertical="top")
    severity_width = max(cell_len(view.severity_word(s)) for s in SEVERITY_STYLE) + 1
    for number, gap in enumerate(gaps, start=1):
        word = view.severity_word(gap.severity)
        word += " " * (severity_width - cell_len(word))
        first = Text(word, style=SEVERITY_STYLE[gap.severity], overflow="fold")
        first.append(gap.question, style="bold")
        lines: list[RenderableType] = [first, _facts(gap, with_note=not long), *blocks_line(gap)]
        if long:
            lines.append(Text(flat(gap.ask), overflow="fold"))
            if gap.help:
                lines.append(Text(flat(gap.help), style="dim", overflow="fold"))
            lines.extend(_risk_lines(gap))
            if gap.note is not None:
                lines.append(Text(flat(view.note_phrase(gap.note)), overflow="fold"))
            if gap.evidence is not None:
                lines.append(Text(flat(view.evidence_phrase(gap.evidence)), overflow="fold"))
            if number < len(gaps):
                lines.append(Text())  # several lines each: a blank line between two gaps
        table.add_row(str(number), Group(*lines), view.points_text(gap.points))
    # Laid out by arithmetic, only the middle column's lines drawn by Rich: the table's
    # layout was a third of a portfolio's terminal report (docs/performance.md).
    return LineTable(table)


def _risk_lines(gap: Gap) -> list[RenderableType]:
    """The long form's line on what the customer suffers if the gap stays open."""
    if gap.risk is None:
        return []
    return [Text(flat(view.risk_phrase(gap.risk)), style="yellow", overflow="fold")]


def _facts(gap: Gap, *, with_note: bool) -> Text:
    """The gap's second line: why, owner, due and note, cut with … to fit one line."""
    # In words, as the other reports say them; "no owner" is said once, in the owner's place.
    reasons = [reason for reason in gap.reasons if reason != "no-owner"]
    facts = Text(view.reasons_phrase(reasons), no_wrap=True, overflow="ellipsis")
    facts.append(" · ")
    owner = flat(gap.owner_label) if gap.owner_label else view.no_owner()
    facts.append(owner, style="" if gap.owner else "dim")
    facts.append(" · " + view.due_date_phrase(gap.due))
    if with_note and gap.note is not None:
        facts.append(" · ")
        facts.append(flat(gap.note), style="italic")
    return facts


def gaps_legend(result: AuditResult, *, long: bool) -> Text:
    """What Pts means, and where to read more."""
    return Text(view.points_legend(long=long, gate=result.gate is not None), style="dim")


def counts_line(result: AuditResult) -> Text:
    counts = result.counts
    return Text(
        view.counted(
            counts.applicable,
            "{n} question applies: {done} done · {partial} partial · {open} open · {na} n/a · "
            "{waived} waived",
            "{n} questions apply: {done} done · {partial} partial · {open} open · {na} n/a · "
            "{waived} waived",
            done=counts.done,
            partial=counts.partial,
            open=counts.open,
            na=counts.na,
            waived=counts.waived,
        )
    )


def _portfolio_columns() -> tuple[tuple[str, bool], ...]:
    """The portfolio table's columns: header, and whether the column is right-aligned."""
    return (
        (rpgettext("portfolio column", "Verdict"), False),
        (rpgettext("portfolio column", "Gate"), False),
        (rpgettext("portfolio column", "Score"), True),
        (rpgettext("portfolio column", "Ready"), False),
        (rpgettext("portfolio column", "Blockers"), True),
        (rpgettext("portfolio column", "Later"), True),
        (rpgettext("portfolio column", "Days"), True),
    )


_GAP = "  "
#: A plan's facts sit under its name, indented by this much.
_INDENT = "   "


def portfolio(rows: list[PlanSummary], options: RenderOptions) -> RenderableType:
    """The portfolio table: a line naming each plan (product and file, never cut), then
    its conclusions, in the order ``options.sort`` asks for."""
    if not rows:
        return Text(view.no_plan_audited(), style="bold")
    title = Text(
        view.counted(
            len(rows),
            "Portfolio — {n} plan, as of {as_of}",
            "Portfolio — {n} plans, as of {as_of}",
            as_of=view.date_text(rows[0].as_of),
        )
    )
    title.stylize("bold")
    ordered = view.sorted_rows(rows, options.sort)
    cells = [_portfolio_cells(row, split_gate=False) for row in ordered]
    widths = _widths(cells)
    if _line_width(widths) > options.width:
        # "auto → discover" on two lines is what makes most tables fit.
        cells = [_portfolio_cells(row, split_gate=True) for row in ordered]
        widths = _widths(cells)
    totals = Text(view.tally_phrase(rows))
    legend = Text(view.portfolio_legend(), style="dim")
    if _line_width(widths) > options.width:
        lines = [_plan_sentence(row) for row in ordered]
        return Group(title, Text(), *lines, Text(), totals, legend)
    parts: list[RenderableType] = [title, Text(), _header(widths)]
    for row, row_cells in zip(ordered, cells, strict=True):
        parts += [_name_line(row), *_cell_lines(row_cells, widths)]
    return Group(*parts, Text(), totals, legend)


def _portfolio_cells(row: PlanSummary, *, split_gate: bool) -> list[Piece]:
    """A plan's cells in the table, each its text (lines split at line feeds) and style."""
    gate = view.gate_name(row.gate, row.gate_rule)
    if split_gate:
        gate = gate.replace(" → ", " →\n")
    return [
        (view.verdict_word(row.verdict), VERDICT_STYLE[row.verdict]),
        (gate, ""),
        score_piece(row.score, row.threshold),
        (row.ready_through or rpgettext("phase", "none"), "" if row.ready_through else "dim"),
        (str(row.gate_blockers), "red" * bool(row.gate_blockers)),
        (str(row.later_blockers), "yellow" * bool(row.later_blockers)),
        (str(row.days_to_launch), ""),
    ]


def _widths(cells: list[list[Piece]]) -> list[int]:
    return [
        max([cell_len(header)] + [max(map(cell_len, row[i][0].split("\n"))) for row in cells])
        for i, (header, _) in enumerate(_portfolio_columns())
    ]


def _line_width(widths: list[int]) -> int:
    return len(_INDENT) + sum(widths) + len(_GAP) * (len(widths) - 1)


def _header(widths: list[int]) -> RenderableType:
    line = Text(_INDENT)
    columns = _portfolio_columns()
    for index, ((header, right), width) in enumerate(zip(columns, widths, strict=True)):
        pad = " " * (width - cell_len(header))
        line.append(pad + header if right else header + pad, style="bold")
        if index < len(widths) - 1:
            line.append(_GAP)
    rule = Text(" " + "─" * (_line_width(widths) - 1), style="dim")
    return Group(line, rule)


def _name_line(row: PlanSummary) -> StyledLine:
    """Product and plan file, each whole: the line folds between them, not inside one."""
    pieces: list[Piece] = [(" ", ""), (flat(row.product), "bold")]
    if row.file is not None:
        pieces += [("  ", ""), (one_line(row.file), "dim")]
    return StyledLine(pieces)


def _cell_lines(cells: list[Piece], widths: list[int]) -> list[StyledLine]:
    """A row of cells as lines, each cell padded to its column (the table fits the width)."""
    split = [text.split("\n") for text, _ in cells]
    columns = _portfolio_columns()
    height = max(len(parts) for parts in split)
    lines = []
    for number in range(height):
        pieces: list[Piece] = [(_INDENT, "")]
        for index, (parts, width) in enumerate(zip(split, widths, strict=True)):
            piece = (parts[number] if number < len(parts) else "", cells[index][1])
            pad = (" " * (width - cell_len(piece[0])), "")
            pieces += [pad, piece] if columns[index][1] else [piece, pad]
            if index < len(widths) - 1:
                pieces.append((_GAP, ""))
        lines.append(StyledLine(_rstripped(pieces)))
    return lines


def _rstripped(pieces: list[Piece]) -> list[Piece]:
    """``pieces`` without the white space that ends them, as ``Text.rstrip`` leaves a line."""
    while pieces and not pieces[-1][0].rstrip():
        pieces = pieces[:-1]
    if pieces:
        text, style = pieces[-1]
        pieces = [*pieces[:-1], (text.rstrip(), style)]
    return pieces


def _plan_sentence(row: PlanSummary) -> RenderableType:
    """One plan's row as words, for a terminal too narrow for the table."""
    facts = Text(view.verdict_word(row.verdict), style=VERDICT_STYLE[row.verdict])
    facts.append("  " + view.portfolio_facts(row, gate=view.gate_phrase(row.gate, row.gate_rule)))
    return Group(_name_line(row), Padding(facts, (0, 0, 0, len(_INDENT))))
