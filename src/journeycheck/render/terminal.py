"""The terminal report, drawn with Rich; readable at 80 columns and without colour."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from journeycheck.printable import one_line
from journeycheck.render import view

if TYPE_CHECKING:
    from rich.console import RenderableType

    from journeycheck.render import RenderOptions, Section
    from journeycheck.result import AuditResult, Gap, PlanSummary, ScoreChange, Since, Waived

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
    console.print(renderable)
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
    parts += [Text(), counts_line(result)]
    return Group(*parts)


def flat(text: str) -> str:
    """Text from a plan or playbook on one line of the terminal report.

    A line break in a product name or a waiver's reason would otherwise print a
    line of its own, and such a line can pass for something else in a CI log
    (``::error file=...`` is a GitHub Actions workflow command). Every kind of
    line break and run of white space becomes one space, and any other character
    that would act on the terminal is written as an escape (``journeycheck.printable``).
    """
    return one_line(" ".join(text.split()))


def waivers(result: AuditResult) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for waiver in result.waived:
        said = Text(
            f"{flat(waiver.reason)} (approved by {flat(waiver.approver)}, "
            f"until {waiver.expires.isoformat()})"
        )
        table.add_row(Text(waiver.question), _with_risk_accepted(said, waiver))
    return Group(Text("Waived", style="bold"), table)


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
    return Text(view.score_text(value), style=band(value, threshold))


def header(result: AuditResult) -> RenderableType:
    title = Text(flat(result.product), style="bold")
    title.append(" — launch readiness", style="default")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    verdict = Text(result.verdict.upper(), style=VERDICT_STYLE[result.verdict])
    verdict.append(f"  {view.gate_phrase(result.gate, result.gate_rule)}, score ", style="default")
    verdict.append(score(result.score, result.threshold))
    if result.since is not None:
        verdict.append(delta(result.since.score_delta))
    verdict.append(f", threshold {result.threshold:g}", style="default")
    facts.add_row("Verdict", verdict)
    facts.add_row("Why", Text("\n".join(view.why_sentences(result))))
    facts.add_row(
        "Ready through", Text(result.ready_through or "none (a first-phase blocker is open)")
    )
    facts.add_row(
        "Launch",
        Text(
            f"{result.launch.isoformat()} ({view.days_phrase(result.days_to_launch)}), "
            f"as of {result.as_of.isoformat()}"
        ),
    )
    facts.add_row("Playbook", Text(flat(result.playbook.lineage)))
    return Group(title, facts)


def matrix(result: AuditResult) -> RenderableType:
    table = Table(
        title="Scores by team and phase",
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=_gate_caption(result),
        caption_justify="left",
    )
    table.add_column("Team", no_wrap=True)
    for phase in result.phases:
        table.add_column(phase.id + ("" if phase.in_gate else " (later)"), justify="right")
    table.add_column("All", justify="right")
    cells = {(cell.team, cell.phase): cell.score for cell in result.cells}
    for team in result.teams:
        row: list[Text] = [Text(team.id)]
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
    table.add_row(Text("All teams", style="bold"), *totals)
    table.add_row(
        Text("Open blockers"),
        *[Text(str(p.open_blockers), style="red" * bool(p.open_blockers)) for p in result.phases],
        Text(str(view.open_blockers(result))),
    )
    return table


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
    title = Text("Since the last review", style="bold")
    intro = Text(view.since_phrase(old.ref, old.as_of.isoformat(), old.verdict), style="dim")
    return [title, intro, *change_parts(since)]


def _gate_caption(result: AuditResult) -> str:
    scope = [phase.id for phase in result.phases if phase.in_gate]
    return f"Gate scope: {', '.join(scope) or 'none listed'}. · = no question applies."


def gaps_title(result: AuditResult, shown: int) -> Text:
    total = len(result.gaps)
    if total == 0:
        return Text(view.NO_GAPS, style="bold green")
    if shown < total:
        return Text(f"Top {shown} of {total} gaps (--all lists every one)", style="bold")
    title = view.counted(total, "{n} gap, most urgent first", "{n} gaps, most urgent first")
    return Text(title, style="bold")


def gaps_table(gaps: list[Gap], *, long: bool = False) -> RenderableType:
    """The gaps, two lines each: the severity and question id (what to look for in the
    plan), then why, owner, due date and note, cut to the width. ``long`` adds the
    question, its help, the whole note and the evidence."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    facts = "why · owner · due" if long else "why · owner · due · note"
    table.add_column(f"Severity, question id\n{facts}", ratio=1)
    table.add_column("Pts", justify="right", no_wrap=True, vertical="top")
    for number, gap in enumerate(gaps, start=1):
        first = Text(f"{gap.severity:<8}", style=SEVERITY_STYLE[gap.severity], overflow="fold")
        first.append(gap.question, style="bold")
        lines: list[RenderableType] = [first, _facts(gap, with_note=not long)]
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
    return table


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
    owner = flat(gap.owner_label) if gap.owner_label else view.NO_OWNER
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
        f"{counts.applicable} questions apply: {counts.done} done · {counts.partial} partial · "
        f"{counts.open} open · {counts.na} n/a · {counts.waived} waived"
    )


#: The portfolio table's columns: header, and whether the column is right-aligned.
_PORTFOLIO_COLUMNS = (
    ("Verdict", False),
    ("Gate", False),
    ("Score", True),
    ("Ready", False),
    ("Blockers", True),
    ("Later", True),
    ("Days", True),
)
_GAP = "  "
#: A plan's facts sit under its name, indented by this much.
_INDENT = "   "


def portfolio(rows: list[PlanSummary], options: RenderOptions) -> RenderableType:
    """The portfolio table: a line naming each plan (product and file, never cut), then
    its conclusions, in the order ``options.sort`` asks for."""
    if not rows:
        return Text(view.NO_PLAN_AUDITED, style="bold")
    title = Text(
        view.counted(
            len(rows),
            "Portfolio — {n} plan, as of {as_of}",
            "Portfolio — {n} plans, as of {as_of}",
            as_of=rows[0].as_of.isoformat(),
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
    legend = Text(view.PORTFOLIO_LEGEND, style="dim")
    if _line_width(widths) > options.width:
        lines = [_plan_sentence(row) for row in ordered]
        return Group(title, Text(), *lines, Text(), totals, legend)
    parts: list[RenderableType] = [title, Text(), _header(widths)]
    for row, row_cells in zip(ordered, cells, strict=True):
        parts += [_name_line(row), *_cell_lines(row_cells, widths)]
    return Group(*parts, Text(), totals, legend)


def _portfolio_cells(row: PlanSummary, *, split_gate: bool) -> list[Text]:
    gate = view.gate_name(row.gate, row.gate_rule)
    if split_gate:
        gate = gate.replace(" → ", " →\n")
    return [
        Text(row.verdict.upper(), style=VERDICT_STYLE[row.verdict]),
        Text(gate),
        score(row.score, row.threshold),
        Text(row.ready_through or "none", style="" if row.ready_through else "dim"),
        Text(str(row.gate_blockers), style="red" * bool(row.gate_blockers)),
        Text(str(row.later_blockers), style="yellow" * bool(row.later_blockers)),
        Text(str(row.days_to_launch)),
    ]


def _widths(cells: list[list[Text]]) -> list[int]:
    return [
        max([len(header)] + [max(map(len, row[i].plain.split("\n"))) for row in cells])
        for i, (header, _) in enumerate(_PORTFOLIO_COLUMNS)
    ]


def _line_width(widths: list[int]) -> int:
    return len(_INDENT) + sum(widths) + len(_GAP) * (len(widths) - 1)


def _header(widths: list[int]) -> RenderableType:
    line = Text(_INDENT)
    for index, ((header, right), width) in enumerate(zip(_PORTFOLIO_COLUMNS, widths, strict=True)):
        line.append(header.rjust(width) if right else header.ljust(width), style="bold")
        if index < len(widths) - 1:
            line.append(_GAP)
    rule = Text(" " + "─" * (_line_width(widths) - 1), style="dim")
    return Group(line, rule)


def _name_line(row: PlanSummary) -> Text:
    """Product and plan file, each whole: the line folds between them, not inside one."""
    line = Text(" ")
    line.append(flat(row.product), style="bold")
    if row.file is not None:
        line.append("  ")
        line.append(one_line(row.file), style="dim")
    return line


def _cell_lines(cells: list[Text], widths: list[int]) -> list[Text]:
    """A row of cells as lines of text, each cell padded to its column."""
    split = [cell.split("\n") for cell in cells]
    height = max(len(parts) for parts in split)
    lines = []
    for number in range(height):
        line = Text(_INDENT)
        for index, (parts, width) in enumerate(zip(split, widths, strict=True)):
            piece = parts[number].copy() if number < len(parts) else Text("")
            pad = " " * (width - len(piece.plain))
            if _PORTFOLIO_COLUMNS[index][1]:
                line.append(pad)
                line.append_text(piece)
            else:
                line.append_text(piece)
                line.append(pad)
            if index < len(widths) - 1:
                line.append(_GAP)
        line.rstrip()
        lines.append(line)
    return lines


def _plan_sentence(row: PlanSummary) -> RenderableType:
    """One plan's row as words, for a terminal too narrow for the table."""
    facts = Text(row.verdict.upper(), style=VERDICT_STYLE[row.verdict])
    facts.append("  " + view.portfolio_facts(row, gate=view.gate_phrase(row.gate, row.gate_rule)))
    return Group(_name_line(row), Padding(facts, (0, 0, 0, len(_INDENT))))
