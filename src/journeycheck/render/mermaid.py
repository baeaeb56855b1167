"""The Markdown report's diagram: phase scores against the threshold, for Mermaid to draw.

GitHub and GitLab draw Mermaid blocks; GitHub uses Mermaid's 10.x line, whose
``xychart-beta`` (from 10.6) draws a bar chart. One bar per phase, in journey
order, with the threshold as a line across them, stays legible in a column
1,000 pixels wide however many teams a playbook has. Each bar's label carries
its score as text and says which phase is the gate and which come later, so
the chart reads without colour.

The only text in it comes from phase ids, which the playbook's schema limits to
lower-case letters, digits and ``.``, ``_``, ``-``; nothing from a plan. All the
same, every piece of text goes into the diagram through :func:`quoted`, which
writes it as Mermaid's grammar reads it back, whatever it holds.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from journeycheck.printable import flat

if TYPE_CHECKING:
    from journeycheck.result import AuditResult

#: The drawing's size in pixels (GitHub scales it down to a narrower column).
WIDTH = 900
HEIGHT = 340
#: The bars in GitHub's blue, the threshold line in a dark red.
PALETTE = "#0969da, #a40e26"


#: Mermaid's ``\s`` does not match it: put between two ``%``, it keeps them from being
#: read as a comment or a ``%%{...}%%`` directive.
_ZERO_WIDTH_SPACE = "\u200b"


def quoted(text: str) -> str:
    """``text`` as a Mermaid string (``"..."``) that reads back as ``text``, on one line.

    A Mermaid string runs to the next ``"``, with no escape for one inside, so a
    ``"`` becomes ``'``; a backtick right after the opening quote would make it a
    Markdown string, so it becomes ``'`` there too. Line breaks and runs of white
    space become one space, and ``%%`` (a comment, or a directive before the
    diagram is even parsed) is split by a zero-width space. Control characters
    are written as escapes (:func:`journeycheck.printable.one_line`).
    """
    cleaned = flat(text).replace('"', "'")
    cleaned = re.sub(r"%(?=%)", "%" + _ZERO_WIDTH_SPACE, cleaned)
    if cleaned.startswith("`"):
        cleaned = "'" + cleaned[1:]
    return f'"{cleaned}"'


def _number(value: float) -> str:
    return f"{value:g}"


def phase_label(result: AuditResult, phase_id: str, score: float | None, in_gate: bool) -> str:
    """A bar's label: the phase, its score, and whether it is the gate or comes later."""
    from journeycheck.i18n import r_
    from journeycheck.render.view import score_text

    values = {"phase": phase_id, "score": score_text(score)}
    if phase_id == result.gate:
        return r_("{phase} {score} (gate)").format(**values)
    if in_gate:
        return "{phase} {score}".format(**values)
    return r_("{phase} {score} (later)").format(**values)


def phase_chart(result: AuditResult) -> str:
    """The ``xychart-beta`` source: one bar per phase, the threshold as a line.

    A phase with nothing scored has a bar of 0 and says "—" in its label.
    """
    config = {
        "xyChart": {"width": WIDTH, "height": HEIGHT},
        "themeVariables": {"xyChart": {"plotColorPalette": PALETTE}},
    }
    labels = [phase_label(result, p.id, p.score, p.in_gate) for p in result.phases]
    bars = [_number(p.score or 0.0) for p in result.phases]
    threshold = _number(result.threshold)
    from journeycheck.i18n import r_, rpgettext
    from journeycheck.render.view import number_text

    title = r_("Phase scores against the threshold of {threshold} (the line)").format(
        threshold=number_text(result.threshold)
    )
    lines = [
        f"%%{{init: {json.dumps(config, separators=(', ', ': '))}}}%%",
        "xychart-beta",
        "    title " + quoted(title),
        "    x-axis [" + ", ".join(quoted(label) for label in labels) + "]",
        "    y-axis " + quoted(rpgettext("column", "Score")) + " 0 --> 100",
        "    bar [" + ", ".join(bars) + "]",
        "    line [" + ", ".join(threshold for _ in result.phases) + "]",
    ]
    return "\n".join(lines)
