"""The Markdown report's diagram: phase scores against the threshold, for Mermaid to draw.

GitHub and GitLab draw Mermaid blocks; GitHub uses Mermaid's 10.x line, whose
``xychart-beta`` (from 10.6) draws a bar chart. One bar per phase, in journey
order, with the threshold as a line across them, stays legible in a column
1,000 pixels wide however many teams a playbook has. Each bar's label carries
its score as text and says which phase is the gate and which come later, so
the chart reads without colour.

The only text in it comes from phase ids, which the playbook's schema limits to
lower-case letters, digits and ``.``, ``_``, ``-``; nothing from a plan.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.result import AuditResult

#: The drawing's size in pixels (GitHub scales it down to a narrower column).
WIDTH = 900
HEIGHT = 340
#: The bars in GitHub's blue, the threshold line in a dark red.
PALETTE = "#0969da, #a40e26"


def _number(value: float) -> str:
    return f"{value:g}"


def phase_label(result: AuditResult, phase_id: str, score: float | None, in_gate: bool) -> str:
    """A bar's label: the phase, its score, and whether it is the gate or comes later."""
    shown = "—" if score is None else f"{score:.1f}"
    if phase_id == result.gate:
        return f"{phase_id} {shown} (gate)"
    return f"{phase_id} {shown}" if in_gate else f"{phase_id} {shown} (later)"


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
    lines = [
        f"%%{{init: {json.dumps(config, separators=(', ', ': '))}}}%%",
        "xychart-beta",
        f'    title "Phase scores against the threshold of {threshold} (the line)"',
        "    x-axis [" + ", ".join(json.dumps(label, ensure_ascii=False) for label in labels) + "]",
        '    y-axis "Score" 0 --> 100',
        "    bar [" + ", ".join(bars) + "]",
        "    line [" + ", ".join(threshold for _ in result.phases) + "]",
    ]
    return "\n".join(lines)
