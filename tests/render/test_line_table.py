"""LineTable draws a table of one-line cells exactly as Rich's Table does, faster."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Span, Text

from journeycheck.render import RenderOptions, line_table, terminal
from journeycheck.result import PlanSummary
from tests.helpers import audit_plan, drawn_by_rich

if TYPE_CHECKING:
    from rich.console import RenderableType

BOXES = [box.SIMPLE_HEAD, box.SIMPLE, box.ROUNDED, box.HEAVY_HEAD, box.MINIMAL, box.ASCII]
STYLES = ["", "red", "bold", "dim", "bold green", "italic yellow"]
#: The characters the report's tables hold (LineTable's quick way), and any others.
_REPORT = st.from_regex(r"[!-~]([ !-~·—…→←]{0,8}[!-~])?", fullmatch=True)
_ANY = st.text(
    st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"], max_codepoint=0x9FFF),
    min_size=1,
    max_size=10,
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    # Two tables in three hold only the report's characters, the third any text.
    words = _REPORT if draw(st.integers(0, 2)) else _REPORT | _ANY
    cells = st.builds(Text, words, style=st.sampled_from(STYLES))
    table = Table(
        title=draw(st.none() | words),
        title_justify=draw(st.sampled_from(["left", "center", "right"])),
        title_style=draw(st.sampled_from([None, "bold"])),
        caption=draw(st.none() | words),
        caption_justify=draw(st.sampled_from(["left", "center", "right"])),
        box=draw(st.sampled_from(BOXES)),
        pad_edge=draw(st.booleans()),
        show_edge=draw(st.booleans()),
    )
    columns = draw(st.integers(1, 6))
    for _ in range(columns):
        header = draw(words | cells)
        table.add_column(
            header, justify=draw(st.sampled_from(["left", "right"])), no_wrap=draw(st.booleans())
        )
    for _ in range(draw(st.integers(0, 6))):
        table.add_row(*draw(st.lists(cells, min_size=columns, max_size=columns)))
        if draw(st.booleans()):
            table.add_section()
    return table


#: Words of a line; the last kind has more characters than cells (combining accents).
_WORDS = st.lists(
    _REPORT | _ANY | st.text(st.sampled_from("e\u0301 "), max_size=6), min_size=0, max_size=12
).map(" ".join)


def _with_parts(text: Text, parts: list[tuple[str, str]]) -> Text:
    """``text`` followed by styled parts of its own (a gap's severity, then its id in bold)."""
    for words, style in parts:
        text.append(words, style=style)
    return text


_LINES = st.builds(
    _with_parts,
    st.builds(
        Text,
        _WORDS,
        style=st.sampled_from(STYLES),
        overflow=st.sampled_from([None, "fold", "ellipsis", "crop"]),
        no_wrap=st.sampled_from([None, True]),
    ),
    st.lists(st.tuples(_WORDS, st.sampled_from(STYLES)), max_size=2),
)


@st.composite
def wide_tables(draw: st.DrawFn) -> Table:
    """Tables that expand to the width, one column taking the rest: its cells of several
    lines, wrapped, cut or folded (as the gaps table's), the others' of one line."""
    table = draw(tables())
    table.expand = True
    wide = draw(st.integers(0, len(table.columns) - 1))
    column = table.columns[wide]
    column.ratio = draw(st.integers(1, 3))
    column.overflow = draw(st.sampled_from(["fold", "ellipsis", "crop"]))
    if draw(st.booleans()):
        column.header = draw(st.sampled_from(["two\nlines", "one", ""]))
    many = st.lists(_LINES, min_size=0, max_size=4).map(lambda lines: Group(*lines))
    column._cells = [draw(many | _LINES | _WORDS) for _ in column._cells]
    if draw(st.integers(0, 4)) == 0:
        # Now and then a second column with a ratio: Rich shares the width its own way.
        other = table.columns[(wide + 1) % len(table.columns)]
        other.ratio = 1
    return table


@st.composite
def flowing_tables(draw: st.DrawFn) -> Table:
    """Tables that do not expand, each column but the last ``no_wrap``: the last one's
    cells of several lines or too long for the width (as the header's grid of facts),
    grids among them, and columns with styles of their own."""
    words = _REPORT if draw(st.integers(0, 2)) else _REPORT | _ANY
    cells = st.builds(Text, words, style=st.sampled_from(STYLES))
    if draw(st.booleans()):
        table = Table.grid(padding=(0, draw(st.integers(0, 3))), pad_edge=draw(st.booleans()))
    else:
        table = Table(
            box=draw(st.sampled_from(BOXES)),
            pad_edge=draw(st.booleans()),
            show_edge=draw(st.booleans()),
            title=draw(st.none() | words),
        )
    columns = draw(st.integers(1, 4))
    for number in range(columns):
        table.add_column(
            draw(words),
            justify=draw(st.sampled_from(["left", "right"])),
            no_wrap=number < columns - 1 or draw(st.booleans()),
            style=draw(st.sampled_from(STYLES)),
        )
    many = st.lists(_LINES, min_size=0, max_size=3).map(lambda lines: Group(*lines))
    for _ in range(draw(st.integers(0, 5))):
        row = draw(st.lists(cells, min_size=columns - 1, max_size=columns - 1))
        table.add_row(*row, draw(many | _LINES | _WORDS | cells))
    return table


def grid_of(table: Table) -> list[line_table.Row] | None:
    return line_table._grid(table, line_table.free_column(table))


def widths_of(table: Table, grid: list[line_table.Row], width: int) -> list[int] | None:
    console = Console(width=width, file=io.StringIO())
    measure = line_table.measurer(console, console.options)
    return line_table._widths(table, grid, line_table.free_column(table), width, measure)


def drawn(renderable: object, width: int, color: str | None) -> str:
    return drawn_by_rich(renderable, width, color)


@settings(max_examples=300, deadline=None)
@given(
    table=tables(),
    width=st.integers(10, 160),
    color=st.sampled_from([None, "standard", "truecolor"]),
)
def test_the_same_text_as_rich(table: Table, width: int, color: str | None) -> None:
    assert drawn(line_table.LineTable(table), width, color) == drawn(table, width, color)


@settings(max_examples=400, deadline=None)
@given(
    table=wide_tables(),
    width=st.integers(10, 160),
    color=st.sampled_from([None, "standard", "truecolor"]),
)
def test_a_flexible_column_the_same_as_rich(table: Table, width: int, color: str | None) -> None:
    assert drawn(line_table.LineTable(table), width, color) == drawn(table, width, color)


@settings(max_examples=400, deadline=None)
@given(
    table=flowing_tables(),
    width=st.integers(10, 160),
    color=st.sampled_from([None, "standard", "truecolor"]),
)
def test_a_last_column_that_wraps_the_same_as_rich(
    table: Table, width: int, color: str | None
) -> None:
    assert drawn(line_table.LineTable(table), width, color) == drawn(table, width, color)


def test_the_gaps_of_a_full_plan_are_drawn_the_quick_way() -> None:
    from pathlib import Path

    result = audit_plan(Path(__file__).parents[2] / "examples" / "saas-halfway.yaml")
    assert len(result.gaps) >= 10
    for long in (False, True):
        gaps = terminal.gaps_table(result.gaps, long=long)
        assert isinstance(gaps, line_table.LineTable)
        grid = grid_of(gaps.table)
        assert grid is not None
        assert widths_of(gaps.table, grid, RenderOptions().width) is not None
        for width, color in ((80, None), (80, "standard"), (41, None), (132, "truecolor")):
            assert drawn(gaps, width, color) == drawn(gaps.table, width, color)
    # Each short gap is two lines cut to the width: drawn without Rich's wrapping.
    console = Console(width=80, file=io.StringIO())
    short = terminal.gaps_table(result.gaps)
    assert isinstance(short, line_table.LineTable)
    cells = [row[1] for row in grid_of(short.table) or []][1:]  # the header's is two lines
    assert len(cells) == len(result.gaps)
    for cell in cells:
        assert line_table._fitting_lines(cell, Column(), 60, (1, 1), Style(), console)


def _quick_tables(renderable: object) -> list[line_table.LineTable]:
    """The LineTables in a report's renderable, however deep in its groups."""
    if isinstance(renderable, line_table.LineTable):
        return [renderable]
    return [
        table for part in getattr(renderable, "renderables", []) for table in _quick_tables(part)
    ]


def test_the_header_and_waivers_are_drawn_the_quick_way() -> None:
    from pathlib import Path

    examples = Path(__file__).parents[2] / "examples"
    result = audit_plan(examples / "ready-for-gate.yaml")
    assert result.waived
    for part in (terminal.header(result), terminal.waivers(result)):
        (grid,) = _quick_tables(part)
        rows = grid_of(grid.table)
        assert rows is not None
        assert widths_of(grid.table, rows, RenderOptions().width) is not None
        for width, color in ((80, None), (80, "standard"), (40, None), (200, "truecolor")):
            assert drawn(grid, width, color) == drawn(grid.table, width, color)


def test_the_matrix_of_a_full_plan_is_drawn_the_quick_way() -> None:
    # Not a test of speed: that the quick way is the one taken, so the test above covers it.
    from pathlib import Path

    result = audit_plan(Path(__file__).parents[2] / "examples" / "saas-halfway.yaml")
    matrix = terminal.matrix(result)
    assert isinstance(matrix, line_table.LineTable)
    grid = grid_of(matrix.table)
    assert grid is not None
    assert widths_of(matrix.table, grid, RenderOptions().width) is not None
    for color in (None, "standard"):
        assert drawn(matrix, 80, color) == drawn(matrix.table, 80, color)


def test_a_table_too_wide_is_left_to_rich() -> None:
    table = Table(box=box.SIMPLE_HEAD)
    for number in range(6):
        table.add_column(f"column {number}")
    table.add_row(*[Text("a long cell of text, " * 2 + "and more") for _ in range(6)])
    grid = grid_of(table)
    assert grid is not None and widths_of(table, grid, 80) is None
    assert drawn(line_table.LineTable(table), 80, None) == drawn(table, 80, None)


#: Pieces of a styled line: the report's characters, any others, and those Rich treats
#: in its own way (line feeds, tabs, control codes, zero-width and combining marks).
_PIECE_TEXT = _REPORT | _ANY | st.text(st.sampled_from(" a\n\t\x07\r\u200b\u0301한…"), max_size=6)


@settings(max_examples=500, deadline=None)
@given(
    pieces=st.lists(st.tuples(_PIECE_TEXT | st.just(""), st.sampled_from(STYLES)), max_size=8),
    width=st.integers(1, 60),
    color=st.sampled_from([None, "standard", "truecolor"]),
)
def test_a_styled_line_the_same_as_its_text(
    pieces: list[tuple[str, str]], width: int, color: str | None
) -> None:
    line = line_table.StyledLine(pieces)
    assert drawn(line, width, color) == drawn(line.text(), width, color)
    # The same inside a group, and beside another line.
    group = Group(line, Text("after"), line)
    assert drawn(group, width, color) == drawn(
        Group(line.text(), Text("after"), line.text()), width, color
    )


def test_a_portfolio_table_is_drawn_the_quick_way() -> None:
    # Not a test of speed: that its lines are StyledLines that fit, so the test above covers them.
    from pathlib import Path

    result = audit_plan(Path(__file__).parents[2] / "examples" / "saas-halfway.yaml")
    rows = [PlanSummary.of(result)] * 3
    table = terminal.portfolio(rows, RenderOptions())
    parts = getattr(table, "renderables", [])
    lines = [part for part in parts if isinstance(part, line_table.StyledLine)]
    assert len(lines) == 2 * len(rows)
    for line in lines:
        plain = line.text().plain
        assert plain.isprintable() and cell_len(plain) <= RenderOptions().width
        assert drawn(line, 80, "standard") == drawn(line.text(), 80, "standard")


class _Segments:
    """Segments drawn as they are, to compare two ways of making them by what they print."""

    def __init__(self, segments: list[Segment]) -> None:
        self.segments = segments

    def __rich_console__(self, console: Console, options: object) -> list[Segment]:
        return self.segments


@st.composite
def styled_texts(draw: st.DrawFn) -> Text:
    """Lines with spans appended one after another, or anywhere inside (overlapping, empty)."""
    text = Text(draw(_WORDS), style=draw(st.sampled_from(STYLES)))
    if draw(st.booleans()):
        for words, style in draw(st.lists(st.tuples(_WORDS, st.sampled_from(STYLES)), max_size=3)):
            text.append(words, style=style)
    else:
        edge = st.integers(0, len(text))
        for start, end, style in draw(
            st.lists(st.tuples(edge, edge, st.sampled_from(STYLES)), max_size=4)
        ):
            text.spans.append(Span(start, max(start, end), style))
    return text


@settings(max_examples=500, deadline=None)
@given(text=styled_texts(), color=st.sampled_from([None, "standard", "truecolor"]))
def test_a_line_rendered_as_rich_renders_it(text: Text, color: str | None) -> None:
    console = Console(file=io.StringIO())
    rich = list(Text("\n").join([text]).render(console))
    assert drawn(_Segments(line_table.rendered(text, console)), 200, color) == drawn(
        _Segments(rich), 200, color
    )


@st.composite
def report_parts(draw: st.DrawFn, *, with_tables: bool = True) -> RenderableType:
    """What a report's group holds: lines of text (some wrapping, some not lines at all),
    texts under a padding, blank lines, and tables (unless not ``with_tables``)."""
    kind = draw(st.integers(0 if with_tables else 1, 5))
    if kind == 0:
        return draw(tables() | wide_tables() | flowing_tables())
    if kind == 1:
        return Text(style=draw(st.sampled_from(STYLES)))
    if draw(st.booleans()):
        text = draw(styled_texts())
    else:
        text = Text(draw(_PIECE_TEXT | st.text(st.sampled_from("ab \t"), max_size=5)))
    text.justify = draw(st.sampled_from([None, None, "default", "left", "right", "center", "full"]))
    text.overflow = draw(st.sampled_from([None, "fold", "ellipsis", "crop"]))
    text.no_wrap = draw(st.sampled_from([None, True, False]))
    text.end = draw(st.sampled_from(["\n", "\n", "", " "]))
    if kind == 2:
        # Mostly what the report holds (a text indented, nothing else), sometimes more.
        indent = st.integers(0, 4).map(lambda left: (0, 0, 0, left))
        # Or an indent and one more side: top, right or bottom.
        sides = st.builds(
            lambda side, lines, left: (*(lines if n == side else 0 for n in range(3)), left),
            st.integers(0, 2),
            st.integers(1, 2),
            st.integers(0, 4),
        )
        return Padding(
            text,
            draw(indent | sides),
            style=draw(st.sampled_from(["none", "none", "red"])),
            expand=draw(st.sampled_from([True, True, False])),
        )
    return text


@settings(max_examples=600, deadline=None)
@given(
    parts=st.lists(report_parts(), max_size=6),
    width=st.integers(1, 90),
    color=st.sampled_from([None, "standard", "truecolor"]),
    crop=st.booleans(),
)
def test_a_line_group_the_same_as_rich(
    parts: list[RenderableType], width: int, color: str | None, crop: bool
) -> None:
    rich = drawn_by_rich(Group(*parts), width, color, crop=crop)
    assert drawn_by_rich(line_table.LineGroup(*parts), width, color, crop=crop) == rich
    # Drawing changes nothing: the same again.
    assert drawn_by_rich(Group(*parts), width, color, crop=crop) == rich


@settings(max_examples=600, deadline=None)
@given(
    parts=st.lists(report_parts(with_tables=False), min_size=1, max_size=4),
    width=st.integers(1, 40),
    color=st.sampled_from([None, "truecolor"]),
)
def test_lines_and_indented_lines_the_same_as_rich(
    parts: list[RenderableType], width: int, color: str | None
) -> None:
    # Without tables, many more of the lines and paddings the group draws itself.
    rich = drawn_by_rich(Group(*parts), width, color)
    assert drawn_by_rich(line_table.LineGroup(*parts), width, color) == rich


def test_a_line_of_more_characters_than_cells_is_wrapped_as_rich_wraps_it() -> None:
    # Rich's wrapping strips a line's trailing space when the line has more characters
    # than the width, though its cells fit: combining accents (é as e and U+0301) do that.
    def line() -> Text:
        return Text("e\u0301" * 4 + " ", style="on red", justify="default")

    def table() -> Table:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
        table.add_column("#", no_wrap=True)
        table.add_column("gap", ratio=1)
        table.add_row("1", Group(line()))
        return table

    for width in range(6, 14):
        assert drawn(line_table.LineGroup(line()), width, "standard") == drawn(
            Group(line()), width, "standard"
        )
        assert drawn(line_table.LineTable(table()), width, "standard") == drawn(
            table(), width, "standard"
        )
