"""The journey map and the phase bars of the HTML report, drawn as inline SVG.

Nothing here knows HTML: each function takes an audit result and returns SVG
markup as a ``str``, which the HTML renderer places in its page as it is. So
every string from a plan or a playbook that reaches the markup goes through
:func:`text` (character data) or :func:`attr` (attribute values), this
module's own escaper; no other text is ever interpolated.

The drawing is sized in user units with a ``viewBox``, so it scales to the
width of the page (1,024 px on screen, a printed A4 or Letter page) and its
text scales with it. Text widths are estimated from the number of characters,
generously, because the fonts are the reader's own: long names are wrapped to
two lines and cut with an ellipsis beyond that, with the whole name in the
``<title>`` tooltip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from journeycheck.i18n import r_, rpgettext
from journeycheck.render import view

if TYPE_CHECKING:
    from journeycheck.result import AuditResult, Cell, PhaseResult

# -- escaping ----------------------------------------------------------------------------

#: Characters XML 1.0 does not allow at all: C0 controls other than tab and line
#: breaks, lone surrogates and the two non-characters U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Line breaks and tabs as references too, so no XML or HTML parser normalises them away.
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)


def text(value: str) -> str:
    """``value`` as SVG character data that shows exactly that text.

    ``&``, ``<`` and ``>`` become entities, so no element can start or end
    inside it; characters XML forbids become U+FFFD, so the drawing stays a
    well-formed XML fragment whatever a plan contains.
    """
    return _NOT_XML.sub("\ufffd", value).translate(_TEXT_ESCAPES)


def attr(value: str) -> str:
    """``value`` for a double- or single-quoted SVG attribute: quotes escaped too."""
    return _NOT_XML.sub("\ufffd", value).translate(_ATTR_ESCAPES)


# -- bands ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """How a score stands against the threshold: a word, a fill and a stroke colour.

    The word is always written next to the colour, so colour is never the only
    signal; every fill takes near-black text above WCAG AA's 4.5:1, and every
    stroke stands out from white by more than 3:1.
    """

    key: str
    fill: str
    stroke: str

    @property
    def word(self) -> str:
        """The band in words, in the current language."""
        if self.key == "unscored":
            return rpgettext("band", "n/a")
        return view.band_word(_BAND_OF_KEY[self.key])


_BAND_OF_KEY: dict[str, view.Band] = {
    "on-track": "on track",
    "lagging": "lagging",
    "behind": "behind",
}
ON_TRACK = Band("on-track", "#d7eedd", "#1b6e38")
LAGGING = Band("lagging", "#fbebbd", "#8a5a00")
BEHIND = Band("behind", "#f7d9d7", "#b3261e")
UNSCORED = Band("unscored", "#e9ecf0", "#5b6472")


_BANDS = {"on track": ON_TRACK, "lagging": LAGGING, "behind": BEHIND}


def band(score: float | None, threshold: float) -> Band:
    """The band of ``score`` (:func:`journeycheck.render.view.band`), or unscored."""
    return UNSCORED if score is None else _BANDS[view.band(score, threshold)]


def bands_in_use(threshold: float) -> list[tuple[Band, str]]:
    """The bands a score can fall in under ``threshold``, each with its range in words."""
    limit = view.number_text(threshold)
    lagging = view.LAGGING_FROM
    found = [(ON_TRACK, r_("{limit} or more, the threshold").format(limit=limit))]
    if threshold > lagging:
        found.append((LAGGING, r_("{low} to below {limit}").format(low=lagging, limit=limit)))
    if threshold > 0:
        below = view.number_text(min(threshold, lagging))
        found.append((BEHIND, r_("below {limit}").format(limit=below)))
    return found


def score_text(score: float | None) -> str:
    """A score with one decimal, or "—" when nothing is scored (every question n/a)."""
    return view.score_text(score)


def _data_score(score: float | None) -> str:
    """A score for a ``data-`` attribute: read by programs, so one decimal with a point
    in every language ("—" when nothing is scored)."""
    return view.NO_SCORE if score is None else f"{score:.1f}"


def blockers_text(count: int) -> str:
    return view.counted(count, "{n} open blocker", "{n} open blockers")


# -- layout helpers ----------------------------------------------------------------------------

#: Average advance of a character, as a share of the font size, in regular and bold
#: type. A little generous: DejaVu Sans, the widest common fallback, averages about
#: 0.51 and 0.58 in running text. The browser test checks that no label spills.
_CHAR = 0.54
_BOLD = 0.62


def fits(size: float, width: float, *, bold: bool = False) -> int:
    """How many characters at ``size`` fit in ``width`` user units (a wide one counts two)."""
    return max(2, int(width / (size * (_BOLD if bold else _CHAR))))


def columns(label: str) -> float:
    """How many average Latin characters ``label`` takes: a wide (Hangul, CJK) one counts
    two, and a Cyrillic letter a little more than one (its lower case runs wider)."""
    return sum(_advance(char) for char in label)


def _advance(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WF" and unicodedata.category(char) != "Cn":
        return 2.0
    if "\u0400" <= char <= "\u04ff":
        return _CYRILLIC
    return 1.0


#: How much wider a Cyrillic letter runs than the average Latin one, in the fallback fonts.
_CYRILLIC = 1.15


def _cut(line: str, room: int) -> str:
    """``line`` cut with an ellipsis to ``room`` columns."""
    while line and columns(line) > room - 1:
        line = line[:-1]
    return line.rstrip() + "…"


def wrap(label: str, size: float, width: float, lines: int = 2, *, bold: bool = False) -> list[str]:
    """``label`` in at most ``lines`` lines of ``width``, the last cut with an ellipsis."""
    room = fits(size, width, bold=bold)
    words = label.split()
    out: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if columns(candidate) <= room:
            current = candidate
            continue
        if current:
            out.append(current)
        current = word
    if current:
        out.append(current)
    if not out:
        return [""]
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    return [line if columns(line) <= room else _cut(line, room) for line in out]


def _tspans(lines: Iterable[str], x: float, first_dy: float, step: float) -> str:
    spans = []
    for index, line in enumerate(lines):
        dy = first_dy if index == 0 else step
        spans.append(f'<tspan x="{x:g}" dy="{dy:g}">{text(line)}</tspan>')
    return "".join(spans)


# -- the journey map ------------------------------------------------------------------------------

_LABEL_W = 214.0
_COL_MIN = 168.0
_WIDTH = 1000.0
_HEAD = 92.0
_ROW = 56.0
_INSET = 3.0


@dataclass(frozen=True)
class MapGeometry:
    phases: int
    teams: int

    @property
    def col(self) -> float:
        return max(_COL_MIN, (_WIDTH - _LABEL_W) / max(self.phases, 1))

    @property
    def width(self) -> float:
        return _LABEL_W + self.col * self.phases

    def x(self, phase_index: int) -> float:
        return _LABEL_W + phase_index * self.col

    def y(self, team_index: int) -> float:
        return _HEAD + team_index * _ROW

    @property
    def grid_bottom(self) -> float:
        return _HEAD + self.teams * _ROW


def journey_map(result: AuditResult, *, ident: str) -> str:
    """The teams × phases map of ``result`` as one ``<svg>`` element.

    Phases are columns in journey order and teams are swimlanes. Each phase ×
    team pair with applicable questions is a ``<g class="cell">`` showing its
    score, its band in words and its open blockers, coloured by band; a pair
    with no question is left empty. A thick rule after the gate phase marks
    the gate. ``ident`` makes the element ids unique in the page.
    """
    phases = result.phases
    teams = result.teams
    geo = MapGeometry(len(phases), len(teams))
    cells = {(cell.team, cell.phase): cell for cell in result.cells}
    gate_index = next((i for i, p in enumerate(phases) if p.id == result.gate), None)
    in_gate = [p for p in phases if p.in_gate]
    legend_top = geo.grid_bottom + 40
    legend, legend_height = _legend(result.threshold, legend_top, geo.width)
    height = legend_top + legend_height + 36
    title_id, desc_id = f"{ident}-map-title", f"{ident}-map-desc"

    out = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {geo.width:g} {height:g}" '
        f'aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{text(_map_title(result))}</title>',
        f'<desc id="{desc_id}">{text(_map_description(result, cells))}</desc>',
    ]
    out.append(_scope_band(result, geo, gate_index))
    for index, phase in enumerate(phases):
        out.append(_phase_head(phase, index, geo))
    for row, team in enumerate(teams):
        y = geo.y(row)
        if row % 2 == 1:
            out.append(
                f'<rect class="lane" x="0" y="{y:g}" width="{geo.width:g}" height="{_ROW:g}"/>'
            )
        label = wrap(team.title, 14, _LABEL_W - 14, bold=True)
        first = _ROW / 2 - (len(label) - 1) * 8 + 5
        out.append(
            f'<text class="team" x="4" y="{y:g}">{_tspans(label, 4, first, 16)}'
            f"<title>{text(team.title)}</title></text>"
        )
        for column, phase in enumerate(phases):
            cell = cells.get((team.id, phase.id))
            out.append(_cell(cell, team.title, phase, geo.x(column), y, geo, result.threshold))
    if gate_index is not None:
        gate = view.gate_name(result.gate, result.gate_rule)
        out.append(_gate_rule(gate, geo.x(gate_index + 1), geo, len(in_gate)))
    out.append(legend)
    out.append("</svg>")
    return "\n".join(out)


def _map_title(result: AuditResult) -> str:
    return r_("Journey map of {product}: scores by phase and team").format(product=result.product)


def _map_description(result: AuditResult, cells: dict[tuple[str, str], Cell]) -> str:
    """The map in words, for readers who cannot see it: one sentence per phase."""
    team_titles = {team.id: team.title for team in result.teams}
    teams = view.counted(len(result.teams), "{n} team", "{n} teams")
    sentences = [
        view.counted(
            len(result.phases),
            "{teams} across {n} phase; the gate is {gate} and the threshold is {threshold}.",
            "{teams} across {n} phases; the gate is {gate} and the threshold is {threshold}.",
            teams=teams,
            gate=view.gate_name(result.gate, result.gate_rule),
            threshold=view.number_text(result.threshold),
        )
    ]
    for phase in result.phases:
        scored = []
        for (team, phase_id), cell in cells.items():
            if phase_id != phase.id:
                continue
            values = {"team": team_titles.get(team, team), "score": score_text(cell.score)}
            if cell.open_blockers:
                values["blockers"] = blockers_text(cell.open_blockers)
                scored.append(r_("{team} {score} with {blockers}").format(**values))
            else:
                scored.append("{team} {score}".format(**values))
        values = {
            "phase": phase.id,
            "score": score_text(phase.score),
            "cells": "; ".join(scored) if scored else r_("no questions"),
        }
        if phase.in_gate:
            sentence = r_("Phase {phase} (in the gate scope), score {score}: {cells}.")
        else:
            sentence = r_("Phase {phase} (after the gate), score {score}: {cells}.")
        sentences.append(sentence.format(**values))
    return " ".join(sentences)


def _scope_band(result: AuditResult, geo: MapGeometry, gate_index: int | None) -> str:
    """The strip above the phase names: which columns must be ready now, which come later."""
    if gate_index is None:
        return ""
    end = geo.x(gate_index + 1)
    now = _first_that_fits(
        [r_("Gate scope: must be ready now"), r_("Must be ready now")], end - _LABEL_W
    )
    parts = [
        f'<rect class="scope-now" x="{_LABEL_W:g}" y="0" width="{end - _LABEL_W:g}" height="22"/>',
        f'<text class="scope" x="{_LABEL_W + 8:g}" y="15">{now}</text>',
    ]
    if gate_index + 1 < len(result.phases):
        later = _first_that_fits(
            [r_("After the gate: later"), rpgettext("heading", "Later")], geo.width - end
        )
        parts += [
            f'<rect class="scope-later" x="{end:g}" y="0" width="{geo.width - end:g}" '
            f'height="{geo.grid_bottom:g}"/>',
            f'<text class="scope" x="{end + 10:g}" y="15">{later}</text>',
        ]
    return "\n".join(parts)


def _first_that_fits(labels: list[str], width: float) -> str:
    """The first of ``labels`` that fits in ``width`` in the strip's bold 12-unit type."""
    room = fits(12, width - 16, bold=True)
    return text(next((label for label in labels if columns(label) <= room), labels[-1]))


def _phase_head(phase: PhaseResult, index: int, geo: MapGeometry) -> str:
    x = geo.x(index) + 8
    title = wrap(phase.title, 12, geo.col - 16)
    return (
        f'<text class="phase" x="{x:g}" y="44">{text(phase.id)}</text>'
        f'<text class="phase-title" x="{x:g}" y="46">{_tspans(title, x, 16, 14)}'
        f"<title>{text(phase.title)}</title></text>"
    )


def _cell(
    cell: Cell | None,
    team: str,
    phase: PhaseResult,
    x: float,
    y: float,
    geo: MapGeometry,
    threshold: float,
) -> str:
    left, top = x + _INSET, y + _INSET
    width, height = geo.col - 2 * _INSET, _ROW - 2 * _INSET
    if cell is None:
        empty = r_("{team}, {phase}: no question applies").format(team=team, phase=phase.id)
        return (
            f'<rect class="no-questions" x="{left:g}" y="{top:g}" width="{width:g}" '
            f'height="{height:g}" rx="5"><title>'
            f"{text(empty)}"
            f"</title></rect>"
        )
    b = band(cell.score, threshold)
    values = {"team": team, "phase": phase.id, "score": score_text(cell.score), "band": b.word}
    if cell.open_blockers:
        values["blockers"] = blockers_text(cell.open_blockers)
        tip = r_("{team}, {phase}: score {score}, {band}, {blockers}").format(**values)
    else:
        tip = r_("{team}, {phase}: score {score}, {band}").format(**values)
    parts = [
        f'<g class="cell band-{b.key}" data-phase="{attr(cell.phase)}" '
        f'data-team="{attr(cell.team)}" data-score="{_data_score(cell.score)}" '
        f'data-open-blockers="{cell.open_blockers}">',
        f"<title>{text(tip)}</title>",
        f'<rect x="{left:g}" y="{top:g}" width="{width:g}" height="{height:g}" rx="5" '
        f'fill="{b.fill}" stroke="{b.stroke}"/>',
        f'<rect x="{left:g}" y="{top:g}" width="5" height="{height:g}" fill="{b.stroke}"/>',
        f'<text class="score" x="{left + 13:g}" y="{top + 22:g}">{score_text(cell.score)}</text>',
        f'<text class="band" x="{left + width - 8:g}" y="{top + 21:g}" '
        f'text-anchor="end">{text(b.word)}</text>',
    ]
    if cell.open_blockers:
        tri_x, tri_y = left + 13, top + 42
        parts += [
            f'<path class="blocker-mark" d="M{tri_x:g} {tri_y:g}h12l-6-11z"/>',
            f'<text class="blockers" x="{tri_x + 17:g}" y="{tri_y:g}">'
            f"{text(_cell_blockers(cell.open_blockers, left + width - tri_x - 17 - 8))}</text>",
        ]
    parts.append("</g>")
    return "".join(parts)


def _cell_blockers(count: int, width: float) -> str:
    """A cell's open blockers in words: "2 open blockers", or "2 blockers" where that is
    too long for the cell in the current language."""
    words = blockers_text(count)
    if columns(words) <= fits(12.5, width, bold=True):
        return words
    return view.counted(count, "{n} blocker", "{n} blockers")


def _gate_rule(gate: str, x: float, geo: MapGeometry, phases_in_gate: int) -> str:
    label = r_("gate: {phase}").format(phase=gate)
    bottom = geo.grid_bottom + 6
    anchor = "end" if x >= geo.width - 1 else "middle"
    label_x = x - 4 if anchor == "end" else x
    return (
        f'<g class="gate" data-gate="{attr(gate)}">'
        f'<line x1="{x:g}" y1="0" x2="{x:g}" y2="{bottom:g}"/>'
        f'<text x="{label_x:g}" y="{bottom + 14:g}" text-anchor="{anchor}">'
        f"{text(label)}</text></g>"
    )


def _legend(threshold: float, top: float, width: float) -> tuple[str, float]:
    """The legend under the map, in as many rows of 28 units as its words need, and the
    height of its rows but the last (two rows in English, more in a wordier language)."""
    items: list[tuple[str, str]] = []
    out = [f'<g class="legend" transform="translate(0 {top:g})">']
    x = 0.0
    y = 0.0
    unscored = (UNSCORED, r_("every question answered n/a"))
    for b, meaning in [*bands_in_use(threshold), unscored]:
        items.append(_legend_item(f'fill="{b.fill}" stroke="{b.stroke}"', b.word, meaning))
    items.append(
        _legend_item(
            'class="no-questions"', rpgettext("legend", "empty"), r_("no question applies")
        )
    )
    blockers = r_("open blockers in the cell")
    items.append(
        (
            '<path class="blocker-mark" d="M{bx} {by}h14l-7-13z"/>'
            f'<text x="{{tx}}" y="{{ty}}">{_braces(text(blockers))}</text>',
            blockers,
        )
    )
    gate_key = r_("the gate: the last phase that must be ready now")
    items.append(
        (
            '<line class="gate-key" x1="{gx}" y1="{y}" x2="{gx}" y2="{gy}"/>'
            f'<text x="{{tx}}" y="{{ty}}">{_braces(text(gate_key))}</text>',
            gate_key,
        )
    )
    for markup, words in items:
        room = 34 + columns(words) * 12 * _CHAR + 22
        if x > 0 and x + room > width:
            x, y = 0.0, y + 28
        out.append(
            markup.format(
                x=f"{x:g}",
                y=f"{y:g}",
                tx=f"{x + 34:g}",
                ty=f"{y + 14:g}",
                bx=f"{x + 6:g}",
                by=f"{y + 16:g}",
                gx=f"{x + 13:g}",
                gy=f"{y + 18:g}",
            )
        )
        x += room
    out.append("</g>")
    return "".join(out), y


def _braces(markup: str) -> str:
    """``markup`` safe inside a ``str.format`` template: its braces doubled."""
    return markup.replace("{", "{{").replace("}", "}}")


def _legend_item(swatch: str, word: str, meaning: str) -> tuple[str, str]:
    """A legend entry: a swatch, its word in bold and what it means; and its words alone."""
    words = r_("{word}: {meaning}").format(word=word, meaning=meaning)
    label = r_("{word}: {meaning}").format(
        word=f'<tspan class="legend-word">{text(word)}</tspan>', meaning=text(meaning)
    )
    markup = (
        f'<rect x="{{x}}" y="{{y}}" width="26" height="18" rx="3" {swatch}/>'
        f'<text x="{{tx}}" y="{{ty}}">{_braces(label)}</text>'
    )
    return markup, words


# -- phase bars ------------------------------------------------------------------------------------

_BAR_LABEL = 230.0
_BAR_TRACK = 520.0
_BAR_ROW = 40.0
_BAR_TOP = 34.0


def phase_bars(result: AuditResult, *, ident: str) -> str:
    """The gate score and each phase's score as bars on a 0 to 100 scale, with the threshold."""
    rows: list[tuple[str, str, float | None, int, str]] = []
    scope = [p.id for p in result.phases if p.in_gate]
    rows.append(
        (
            rpgettext("bar", "gate scope"),
            ", ".join(scope) if scope else view.gate_name(result.gate, result.gate_rule),
            result.score,
            sum(p.open_blockers for p in result.phases if p.in_gate),
            "total",
        )
    )
    for phase in result.phases:
        where = r_("in the gate scope") if phase.in_gate else r_("after the gate")
        rows.append((phase.id, where, phase.score, phase.open_blockers, "phase"))
    height = _BAR_TOP + len(rows) * _BAR_ROW + 10
    width = _BAR_LABEL + _BAR_TRACK + 250
    threshold_x = _BAR_LABEL + _BAR_TRACK * min(max(result.threshold, 0), 100) / 100
    title_id, desc_id = f"{ident}-bars-title", f"{ident}-bars-desc"
    description = "; ".join(
        f"{name} {score_text(score)}, {blockers_text(blockers)}"
        for name, _, score, blockers, _ in rows
    )
    out = [
        f'<svg class="bars" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width:g} {height:g}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">'
        + text(
            r_("Scores by phase against the threshold of {threshold}").format(
                threshold=view.number_text(result.threshold)
            )
        )
        + "</title>",
        f'<desc id="{desc_id}">{text(description)}.</desc>',
    ]
    for tick in (0, 25, 50, 75, 100):
        tx = _BAR_LABEL + _BAR_TRACK * tick / 100
        out.append(
            f'<text class="tick" x="{tx:g}" y="{_BAR_TOP - 8:g}" text-anchor="middle">{tick}</text>'
        )
    for index, (name, where, score, blockers, kind) in enumerate(rows):
        y = _BAR_TOP + index * _BAR_ROW
        b = band(score, result.threshold)
        filled = _BAR_TRACK * (score or 0) / 100
        label = wrap(where, 11, _BAR_LABEL - 16, lines=1)[0]
        out.append(
            f'<g class="bar {kind} band-{b.key}" data-phase="{attr(name)}">'
            f'<text class="bar-name" x="0" y="{y + 17:g}">{text(name)}</text>'
            f'<text class="bar-where" x="0" y="{y + 31:g}">{text(label)}</text>'
            f'<rect class="track" x="{_BAR_LABEL:g}" y="{y + 8:g}" width="{_BAR_TRACK:g}" '
            f'height="22" rx="3"/>'
            f'<rect x="{_BAR_LABEL:g}" y="{y + 8:g}" width="{filled:g}" height="22" rx="3" '
            f'fill="{b.stroke}"/>'
            f'<text class="bar-score" x="{_BAR_LABEL + _BAR_TRACK + 12:g}" y="{y + 24:g}">'
            f"{score_text(score)} {text(b.word)}</text>"
            f'<text class="bar-blockers" x="{_BAR_LABEL + _BAR_TRACK + 130:g}" y="{y + 24:g}">'
            f"{text(_cell_blockers(blockers, width - _BAR_LABEL - _BAR_TRACK - 130))}</text></g>"
        )
    bottom = _BAR_TOP + len(rows) * _BAR_ROW
    out.append(
        f'<g class="threshold"><line x1="{threshold_x:g}" y1="{_BAR_TOP - 2:g}" '
        f'x2="{threshold_x:g}" y2="{bottom:g}"/>'
        f'<text x="{threshold_x:g}" y="12" text-anchor="middle">'
        + text(r_("threshold {threshold}").format(threshold=view.number_text(result.threshold)))
        + "</text></g>"
    )
    out.append("</svg>")
    return "\n".join(out)
