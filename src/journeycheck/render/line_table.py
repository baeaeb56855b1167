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

One column, the *free* one, may hold anything (several lines, a group of texts):
in a table that expands to the width, the one column with a ``ratio``, which
takes what the others leave (the gaps table); in one that does not, a last
column that may wrap when every other is ``no_wrap``, which gets its own
measure or what is left, whichever is less (the header's grid of facts). Its width is then
arithmetic too, and only its cells are drawn by Rich, each at that width; a cell of
lines that each fit it (or are cut to it), justified left, is not even wrapped: each
line is cut, padded and styled by Rich's own ``Text`` methods, as Rich's wrapping would.
Grids (``Table.grid``: no box, no header, padding collapsed) are taken as well.

Cells given as strings are taken as plain text, as the report's consoles (made
with ``markup=False``, :func:`journeycheck.render.terminal.draw`) read them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Column, Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import (
        Console,
        ConsoleOptions,
        JustifyMethod,
        RenderableType,
        RenderResult,
    )
    from rich.style import StyleType


#: Characters beyond ASCII that the report's tables hold, each one cell wide.
_NARROW = "·—…→←"
#: A text of printable ASCII and those characters only.
_ONE_CELL_EACH = re.compile(f"[ -~{_NARROW}]*")

#: A row of a table LineTable draws: one-line texts, and what the free column holds.
Row = list["Text | RenderableType"]
#: The widest a cell of the free column is drawn, with its padding, at a given width.
Measure = Callable[["RenderableType", tuple[int, int], int], int]


class LineTable:
    """Renders ``table`` as Rich would; quickly when each of its cells is one line.

    ``otherwise``, when given, makes what to draw where the table cannot be drawn the
    quick way (it does not fit the width, say), from the table and the width.
    """

    def __init__(
        self, table: Table, otherwise: Callable[[Table, int], RenderableType] | None = None
    ) -> None:
        self.table = table
        self.otherwise = otherwise

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = self.table
        free = free_column(table)
        grid = _grid(table, free)
        measure = measurer(console, options)
        widths = None if grid is None else _widths(table, grid, free, options.max_width, measure)
        if grid is None or widths is None:
            yield table if self.otherwise is None else self.otherwise(table, options.max_width)
            return
        yield from _render(table, grid, free, widths, console, options)


def measurer(console: Console, options: ConsoleOptions) -> Measure:
    """How Rich measures a cell of the free column, padded, at a given width."""

    def measure(cell: RenderableType, padding: tuple[int, int], width: int) -> int:
        left, right = padding
        padded = Padding(cell, (0, right, 0, left))
        return Measurement.get(console, options.update_width(width), padded).maximum

    return measure


def free_column(table: Table) -> int | None:
    """The column that may hold anything, drawn at the width the others leave it.

    ``-1`` when a table expands but not with exactly one column of a positive
    ratio (how Rich shares the width then is left to it); ``None`` when there is
    no such column (every cell must then be one line).
    """
    columns = table.columns
    if table.expand:
        shares = [index for index, column in enumerate(columns) if column.ratio is not None]
        if len(shares) != 1 or not columns[shares[0]].ratio:
            return -1
        return shares[0]
    # Only a column that may wrap shrinks to what is left (else Rich cuts them all).
    if columns and all(column.no_wrap for column in columns[:-1]) and not columns[-1].no_wrap:
        return len(columns) - 1
    return None


def _simple(table: Table, free: int | None) -> bool:
    """Whether ``table`` (whose :func:`free_column` is ``free``) uses only what
    :func:`_render` draws as Rich does."""
    top, right, bottom, left = table.padding
    return (
        free != -1
        # A box and a header, or a grid: neither.
        and (table.box is not None) == table.show_header
        and not table.show_footer
        and not table.show_lines
        and not table.leading
        and not table.row_styles
        and all(row.style is None for row in table.rows)
        and table.width is None
        and table.min_width is None
        and top == bottom == 0
        and left == right
        # Collapsed padding is measured and drawn alike only without padding at the edges.
        and not (table.collapse_padding and table.pad_edge)
        and table.style in ("", "none")
        and table.border_style in (None, "", "none")
        # Highlighted cells are drawn by Rich's highlighter, which this does not run.
        and not table.highlight
        and all(
            not column.header_style
            and not column.highlight
            and column.width is None
            and column.min_width is None
            and column.max_width is None
            and (column.ratio is None or (index == free and table.expand))
            and column.vertical == "top"
            and column.justify in ("left", "right")
            for index, column in enumerate(table.columns)
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
    if not (plain.isascii() and plain.isprintable()) and not _ONE_CELL_EACH.fullmatch(plain):
        return None
    return cell


def _grid(table: Table, free: int | None) -> list[Row] | None:
    """The table's cells by row, the header first if it has one; ``None`` unless all
    are simple lines (but for the free column's, ``free``, which may be anything Rich draws)."""
    if not table.columns or not _simple(table, free):
        return None
    columns = [
        [column.header, *column.cells] if table.show_header else list(column.cells)
        for column in table.columns
    ]
    rows: list[Row] = []
    for cells in zip(*columns, strict=True):
        row: Row = []
        for index, cell in enumerate(cells):
            if index == free:
                # Rich lets a cell choose its own vertical alignment; these never do.
                if getattr(cell, "vertical", None) is not None:
                    return None
                row.append(cell)
                continue
            line = _line(cell)
            if line is None:
                return None
            row.append(line)
        rows.append(row)
    # A table of no rows at all Rich measures as wide as the width allows: its own way.
    return rows or None


def _padding(table: Table, index: int) -> tuple[int, int]:
    """Left and right padding of column ``index``: none at the table's edges with
    ``pad_edge=False``, none on the left of a column after the first when collapsed."""
    _, right, _, left = table.padding
    if table.collapse_padding and index > 0:
        left = 0
    if not table.pad_edge:
        if index == 0:
            left = 0
        if index == len(table.columns) - 1:
            right = 0
    return left, right


def _extra(table: Table) -> int:
    """The cells the box takes: its edges and the lines between columns."""
    if table.box is None:
        return 0
    return (2 if table.show_edge else 0) + len(table.columns) - 1


def _widths(
    table: Table, grid: list[Row], free: int | None, max_width: int, measure: Measure
) -> list[int] | None:
    """Each column's width with its padding, as Rich measures it; ``None`` if the
    table would not fit in ``max_width`` (Rich then shrinks and wraps it)."""
    extra = _extra(table)
    widths = []
    for index in range(len(table.columns)):
        left, right = _padding(table, index)
        if index == free:
            widths.append(0)  # from what the others leave, below
            continue
        # As Rich: a column with nothing in it is still one cell wide.
        widths.append(
            max((_plain(row[index]).cell_len for row in grid), default=0) + left + right or 1
        )
    if free is not None:
        padding = _padding(table, free)
        rest = max_width - extra - sum(widths)
        # Rich gives the column at least one cell and its padding; short of that, it
        # shrinks the others, which is its own layout.
        if rest < 1 + sum(padding):
            return None
        if not table.expand:
            widest = max(
                (_measured(row[free], padding, rest + sum(widths), measure) for row in grid),
                default=0,
            )
            # As Rich: its widest cell, or, when that is too wide, what the others leave.
            rest = min(widest or 1, rest)
        widths[free] = rest
    if sum(widths) + extra > max_width or any(width > max_width for width in widths):
        return None
    return widths


def _measured(cell: RenderableType, padding: tuple[int, int], width: int, measure: Measure) -> int:
    """How wide the free column's ``cell`` is drawn at most, with its padding, in ``width``."""
    line = _line(cell)
    if line is not None:
        return min(line.cell_len + sum(padding), width)
    return measure(cell, padding, width)


def _plain(cell: object) -> Text:
    assert isinstance(cell, Text), "only the free column holds anything but one line"
    return cell


def _render(
    table: Table,
    grid: list[Row],
    free: int | None,
    widths: list[int],
    console: Console,
    options: ConsoleOptions,
) -> Iterator[Segment]:
    table_width = sum(widths) + _extra(table)
    annotation_options = options.update(width=table_width, highlight=table.highlight, height=None)

    def annotation(text: str | Text, style: StyleType, justify: JustifyMethod) -> Iterator[Segment]:
        if isinstance(text, str):
            text = console.render_str(text, style=style, highlight=False)
        yield from console.render(text, annotation_options.update(justify=justify))

    if table.title:
        style = Style.pick_first(table.title_style, "table.title")
        yield from annotation(table.title, style, table.title_justify)

    box = table.box
    if box is not None:
        box = box.substitute(
            options, safe=console.safe_box if table.safe_box is None else table.safe_box
        )
    null = Style.null()
    line = Segment.line()
    edge = box is not None and table.show_edge
    if box is not None and edge:
        yield Segment(box.get_top(widths), null)
        yield line
    header_style = console.get_style(table.header_style or "")
    body_styles = [console.get_style(column.style or "") for column in table.columns]
    paddings = [_padding(table, index) for index in range(len(widths))]
    row_ends = [row.end_section for row in table.rows]
    first_row = 1 if table.show_header else 0
    for index, cells in enumerate(grid):
        header = table.show_header and index == 0
        last = index == len(grid) - 1
        drawn = []
        for column, cell in enumerate(cells):
            style = header_style if header else body_styles[column]
            shape = (table.columns[column], widths[column], paddings[column], style)
            if column == free:
                drawn.append(_drawn(cell, *shape, console, annotation_options))
            else:
                drawn.append([_one_line(_plain(cell), *shape, console)])
        tallest = max(len(lines) for lines in drawn)
        for column, lines in enumerate(drawn):
            if len(lines) < tallest:
                # As Rich: a header's cells sit at its bottom, the others' at their top.
                style = header_style if header else body_styles[column]
                blank = [[Segment(" " * widths[column], style)]] * (tallest - len(lines))
                drawn[column] = blank + lines if header else lines + blank
        if not tallest:  # cells of no lines at all: a row is one line, unstyled
            drawn = [[[Segment(" " * width)]] for width in widths]
        if box is None:
            for number in range(max(tallest, 1)):
                for lines in drawn:
                    yield from lines[number]
                yield line
            continue
        if header:
            left_edge, right_edge, divider = box.head_left, box.head_right, box.head_vertical
        elif last:
            left_edge, right_edge, divider = box.foot_left, box.foot_right, box.foot_vertical
        else:
            left_edge, right_edge, divider = box.mid_left, box.mid_right, box.mid_vertical
        for number in range(max(tallest, 1)):
            if edge:
                yield Segment(left_edge, null)
            for column, lines in enumerate(drawn):
                yield from lines[number]
                if column < len(drawn) - 1:
                    yield Segment(divider, null)
            if edge:
                yield Segment(right_edge, null)
            yield line
        if header:
            yield Segment(box.get_row(widths, "head", edge=edge), null)
            yield line
        elif row_ends[index - first_row] and not last:
            yield Segment(box.get_row(widths, "row", edge=edge), null)
            yield line
    if box is not None and edge:
        yield Segment(box.get_bottom(widths), null)
        yield line

    if table.caption:
        style = Style.pick_first(table.caption_style, "table.caption")
        yield from annotation(table.caption, style, table.caption_justify)


def _one_line(
    cell: Text,
    column: Column,
    width: int,
    padding: tuple[int, int],
    pad_style: Style,
    console: Console,
) -> list[Segment]:
    """A one-line cell's segments: its padding and its text, justified in the column."""
    left, right = padding
    pad = width - left - right - cell_len(cell.plain)
    text = cell.plain + " " * pad if column.justify == "left" else " " * pad + cell.plain
    # The header's or the column's style comes under the cell's own; null adds nothing.
    style = pad_style + console.get_style(cell.style) if cell.style else pad_style
    if not style:
        # Unstyled text is written as it is: one segment is the same text as three.
        return [Segment(" " * left + text + " " * right, style)]
    segments = [Segment(" " * left, pad_style)] if left else []
    segments.append(Segment(text, style))
    if right:
        segments.append(Segment(" " * right, pad_style))
    return segments


def _drawn(
    cell: RenderableType,
    column: Column,
    width: int,
    padding: tuple[int, int],
    style: Style,
    console: Console,
    options: ConsoleOptions,
) -> list[list[Segment]]:
    """The free column's cell as lines of its width, drawn by Rich as its table would."""
    quick = _fitting_lines(cell, column, width, padding, style, console)
    if quick is not None:
        return quick
    left, right = padding
    cell_options = options.update(
        width=width,
        justify=column.justify,
        no_wrap=column.no_wrap,
        overflow=column.overflow,
        height=None,
        highlight=column.highlight,
    )
    lines = console.render_lines(Padding(cell, (0, right, 0, left)), cell_options, style=style)
    return Segment.set_shape(lines, width)


def _fitting_lines(
    cell: RenderableType,
    column: Column,
    width: int,
    padding: tuple[int, int],
    style: Style,
    console: Console,
) -> list[list[Segment]] | None:
    """The free column's cell drawn as :func:`_drawn` draws it, when it is lines of text
    that each fit the column (or are cut to it) and are justified left; else ``None``.

    Rich draws such a cell through its padding, its group, its general wrapping and
    its line splitting: two thirds of the gaps table's time, which was a third of a
    plan's terminal report (docs/performance.md). A line that fits is not wrapped, so
    what is left is Rich's own cutting and padding of each line (``Text.truncate``, as
    ``Text.wrap`` does it) and its rendering of the line's styles.
    """
    texts = cell.renderables if isinstance(cell, Group) else [cell]
    left, right = padding
    inner = width - left - right
    if inner < 1:
        return None
    lines: list[list[Segment]] = []
    null = Style.null()
    for text in texts:
        if not isinstance(text, Text) or text.end != "\n":
            return None
        plain = text.plain
        if "\n" in plain or "\t" in plain:
            return None
        justify = text.justify or column.justify or "default"
        overflow = text.overflow or column.overflow or "fold"
        no_wrap = text.no_wrap if text.no_wrap is not None else bool(column.no_wrap)
        if justify not in ("left", "default") or overflow not in ("fold", "crop", "ellipsis"):
            return None
        cut = cell_len(plain) > inner
        # Not _unwrapped: cut is needed below, and its cells are measured once.
        if not no_wrap and (cut or len(plain) > inner):
            return None  # wrapped: Rich's work
        line = text
        if justify == "left" or cut:
            line = text.copy()
            if justify == "left":
                line.truncate(inner, overflow=overflow, pad=True)
            line.truncate(inner, overflow=overflow)
        segments = rendered(line, console)
        length = sum(segment.cell_length for segment in segments)
        if length > inner:
            return None
        if length < inner:
            segments.append(Segment(" " * (inner - length), null))
        if left:
            segments.insert(0, Segment(" " * left, null))
        if right:
            segments.append(Segment(" " * right, null))
        if style:
            segments = [Segment(part, style + part_style) for part, part_style, _ in segments]
        lines.append(segments)
    return lines


def rendered(line: Text, console: Console) -> list[Segment]:
    """The segments of one line of text, as Rich renders the lines it has wrapped.

    Rich joins its lines into one ``Text`` (the line's own style becoming a span under
    the others) and renders that through a stack of styles. A line whose spans do not
    overlap (each styled part appended after the one before, as the report's are) is
    cut at its spans' edges here instead, each part in the line's style and its span's:
    the same segments, at a fraction of the cost.
    """
    get_style = console.get_style
    null = Style.null()
    base = get_style(line.style, default=null) if line.style else null
    plain = line.plain
    segments = []
    position = 0
    for start, end, style in line.spans:
        if start < position:
            # Spans that overlap: Rich's own stack of styles.
            return list(Text("\n").join([line]).render(console))
        if start > position:  # an empty span too: Rich cuts the text at every edge
            segments.append(Segment(plain[position:start], base))
            position = start
        if end > start:
            segments.append(Segment(plain[start:end], base + get_style(style, default=null)))
            position = end
    if position < len(plain):
        segments.append(Segment(plain[position:], base))
    return segments


#: A piece of a :class:`StyledLine`: its text and its style (``""`` for none).
Piece = tuple[str, "StyleType"]


class StyledLine:
    """One line of styled pieces, drawn as Rich draws the :class:`~rich.text.Text` made of
    them (:meth:`text`), without making it when the line fits the width.

    A portfolio's table is two such lines a plan, drawn after every plan is audited, while
    nothing else runs: Rich made, wrapped and rendered a ``Text`` for each, a quarter of a
    second for 1,000 plans (docs/performance.md). A line that fits is not wrapped, and a
    ``Text`` of pieces renders as one segment a piece in the piece's style (a run of
    unstyled pieces as one segment, which is the same text), so those segments are yielded
    directly. A line that does not fit, or holds a character Rich would treat in its own
    way, is that ``Text``, for Rich to wrap.
    """

    __slots__ = ("pieces",)

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = pieces

    def text(self) -> Text:
        """The line as Rich's ``Text``, which it is drawn as."""
        line = Text()
        for piece, style in self.pieces:
            line.append(piece, style or None)
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        pieces = self.pieces
        plain = "".join(piece for piece, _ in pieces)
        width = options.max_width
        if (
            options.justify not in (None, "default")
            # Not printable: a line feed or tab, a control code Text drops, a zero-width mark.
            or not plain.isprintable()
            or not _unwrapped(plain, width)
        ):
            yield self.text()
            return
        null = Style.null()
        for piece, style in pieces:
            if piece:
                yield Segment(piece, console.get_style(style, default=null) if style else null)
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text())


class LineGroup(Group):
    """A :class:`~rich.console.Group` that draws its lines of text that fit the width
    itself, as Rich would, and leaves everything else to Rich.

    Most of a report is such lines (titles, legends, the KPIs' lines indented by a
    :class:`~rich.padding.Padding`), and Rich word-wraps, joins and renders each through
    its stack of styles though none of them wraps: an eighth of a plan's terminal section
    (docs/performance.md). A line that fits is not wrapped, so what is left is its
    rendering (:func:`rendered`) and, under a padding, the padding's spaces.
    """

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        for renderable in self.renderables:
            if isinstance(renderable, Text):
                segments = _fitting_text(renderable, width, options, console)
                if segments is not None:
                    yield from segments
                    yield Segment.line()
                    continue
            elif isinstance(renderable, Padding):
                segments = _fitting_padding(renderable, width, options, console)
                if segments is not None:
                    yield from segments
                    continue
            yield renderable


def _fitting_text(
    text: Text, width: int, options: ConsoleOptions, console: Console
) -> list[Segment] | None:
    """The segments of ``text`` as Rich draws it at ``width`` (without its line end),
    when it is one line that fits and is not padded by its justification; else ``None``."""
    plain = text.plain
    if (
        width < 1
        or text.end != "\n"
        or (text.justify or options.justify or "default") != "default"
        or "\n" in plain
        or "\t" in plain
        or not _unwrapped(plain, width)
    ):
        return None
    return rendered(text, console)


def _unwrapped(plain: str, width: int) -> bool:
    """Whether Rich's wrapping leaves a line of ``plain`` (no line feed, no tab) as it is.

    Not only its cells must fit: Rich strips the trailing spaces of a line of more
    characters than the width (combining accents make it so), even when its cells fit.
    """
    return len(plain) <= width and cell_len(plain) <= width


def _fitting_padding(
    padding: Padding, width: int, options: ConsoleOptions, console: Console
) -> list[Segment] | None:
    """A text indented by an unstyled padding, as Rich draws it, when the text fits."""
    left = padding.left
    if (
        not isinstance(padding.renderable, Text)
        or not padding.expand
        or padding.top
        or padding.bottom
        or padding.right
        or console.get_style(padding.style)
    ):
        return None
    inner = width - left
    segments = _fitting_text(padding.renderable, inner, options, console)
    if segments is None:
        return None
    null = Style.null()
    used = sum(segment.cell_length for segment in segments)
    lines = [Segment(" " * left, null)] if left else []
    lines += segments
    if used < inner:
        lines.append(Segment(" " * (inner - used), null))
    lines.append(Segment.line())
    return lines
