"""A Rich table whose cells are each one line, drawn without Rich's general layout.

Rich's :class:`~rich.table.Table` measures, wraps and pads every cell through its
general machinery: the terminal report's matrix of scores (a dozen teams by five
phases) took 5.5 ms of the 9 ms a plan's report took, which is most of a
1,000-plan portfolio's terminal report (docs/performance.md). When every cell is
one line of plain text that fits its column and the table fits the width, its
layout is simple arithmetic. :class:`LineTable` does that arithmetic and yields
the very segments Rich would (so plain and coloured text come out byte for
byte alike; ``tests/render/test_line_table.py`` holds the two side by side), and
hands any other table to Rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, RenderResult
    from rich.style import StyleType


#: Characters beyond ASCII that the report's tables hold, each one cell wide.
_NARROW = frozenset("·—…→←")


class LineTable:
    """Renders ``table`` as Rich would; quickly when each of its cells is one line."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table
        grid = _grid(table)
        widths = None if grid is None else _widths(table, grid, options.max_width)
        if grid is None or widths is None:
            yield table
            return
        yield from _render(table, grid, widths, console, options)


def _simple(table: Table) -> bool:
    """Whether ``table`` uses only what :func:`_render` draws as Rich does."""
    return (
        table.box is not None
        and table.show_header
        and not table.show_footer
        and not table.show_lines
        and not table.leading
        and not table.row_styles
        and not table.expand
        and table.width is None
        and table.min_width is None
        and not table.collapse_padding
        and tuple(table.padding) == (0, 1, 0, 1)
        and table.style in ("", "none")
        and table.border_style in (None, "", "none")
        and all(
            not column.style
            and not column.header_style
            and column.width is None
            and column.min_width is None
            and column.max_width is None
            and column.ratio is None
            and column.vertical == "top"
            and column.justify in ("left", "right")
            for column in table.columns
        )
    )


def _line(cell: object) -> Text | None:
    """``cell`` as one line of text without styled parts, or ``None`` if it is more."""
    if isinstance(cell, str):
        cell = Text(cell)
    if not isinstance(cell, Text) or cell.spans or cell.justify is not None:
        return None
    # Rich pads an empty cell differently, strips white space at the end of a
    # right-justified one, and measures some characters in its own way (zero-width,
    # wide, fillers): a cell is taken only in the characters the report's tables use.
    plain = cell.plain
    if not plain or plain != plain.strip() or cell.end != "\n":
        return None
    if not all(" " <= character <= "~" or character in _NARROW for character in plain):
        return None
    return cell


def _grid(table: Table) -> list[list[Text]] | None:
    """The table's cells by row, the header first; ``None`` unless all are simple lines."""
    if not table.columns or not _simple(table):
        return None
    columns = [[column.header, *column.cells] for column in table.columns]
    rows: list[list[Text]] = []
    for cells in zip(*columns, strict=True):
        row = [_line(cell) for cell in cells]
        if any(cell is None for cell in row):
            return None
        rows.append([cell for cell in row if cell is not None])
    return rows


def _padding(table: Table, index: int) -> tuple[int, int]:
    """Left and right padding of column ``index`` (none at the table's edges with
    ``pad_edge=False``)."""
    last = len(table.columns) - 1
    left = 0 if index == 0 and not table.pad_edge else 1
    right = 0 if index == last and not table.pad_edge else 1
    return left, right


def _widths(table: Table, grid: list[list[Text]], max_width: int) -> list[int] | None:
    """Each column's width with its padding, as Rich measures it; ``None`` if the
    table would not fit in ``max_width`` (Rich then shrinks and wraps it)."""
    widths = []
    for index in range(len(table.columns)):
        left, right = _padding(table, index)
        # As Rich: a column with nothing in it is still one cell wide.
        widths.append(max(cell_len(row[index].plain) for row in grid) + left + right or 1)
    extra = (2 if table.show_edge else 0) + len(widths) - 1
    if sum(widths) + extra > max_width or any(width > max_width for width in widths):
        return None
    return widths


def _render(
    table: Table,
    grid: list[list[Text]],
    widths: list[int],
    console: Console,
    options: ConsoleOptions,
) -> Iterator[Segment]:
    table_width = sum(widths) + (2 if table.show_edge else 0) + len(widths) - 1
    annotation_options = options.update(width=table_width, highlight=table.highlight, height=None)

    def annotation(text: str | Text, style: StyleType, justify: JustifyMethod) -> Iterator[Segment]:
        if isinstance(text, str):
            text = console.render_str(text, style=style, highlight=False)
        yield from console.render(text, annotation_options.update(justify=justify))

    if table.title:
        style = Style.pick_first(table.title_style, "table.title")
        yield from annotation(table.title, style, table.title_justify)

    assert table.box is not None
    box = table.box.substitute(
        options, safe=console.safe_box if table.safe_box is None else table.safe_box
    )
    null = Style.null()
    line = Segment.line()
    edge = table.show_edge
    if edge:
        yield Segment(box.get_top(widths), null)
        yield line
    header_style = console.get_style(table.header_style or "")
    justify = [column.justify for column in table.columns]
    paddings = [_padding(table, index) for index in range(len(widths))]
    row_ends = [row.end_section for row in table.rows]
    for index, cells in enumerate(grid):
        header = index == 0
        last = index == len(grid) - 1
        if header:
            left_edge, right_edge, divider = box.head_left, box.head_right, box.head_vertical
        elif last:
            left_edge, right_edge, divider = box.foot_left, box.foot_right, box.foot_vertical
        else:
            left_edge, right_edge, divider = box.mid_left, box.mid_right, box.mid_vertical
        if edge:
            yield Segment(left_edge, null)
        for column, cell in enumerate(cells):
            left, right = paddings[column]
            pad = widths[column] - left - right - cell_len(cell.plain)
            text = cell.plain + " " * pad if justify[column] == "left" else " " * pad + cell.plain
            style = console.get_style(cell.style) if cell.style else null
            if header:
                style = header_style + style
                pad_style = header_style
            else:
                pad_style = null
            if left:
                yield Segment(" " * left, pad_style)
            yield Segment(text, style)
            if right:
                yield Segment(" " * right, pad_style)
            if column < len(cells) - 1:
                yield Segment(divider, null)
        if edge:
            yield Segment(right_edge, null)
        yield line
        if header:
            yield Segment(box.get_row(widths, "head", edge=edge), null)
            yield line
        elif row_ends[index - 1] and not last:
            yield Segment(box.get_row(widths, "row", edge=edge), null)
            yield line
    if edge:
        yield Segment(box.get_bottom(widths), null)
        yield line

    if table.caption:
        style = Style.pick_first(table.caption_style, "table.caption")
        yield from annotation(table.caption, style, table.caption_justify)
