"""``playbook show`` formats: golden output, Markdown that reads as written, JSON shape."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence

import pytest

from journeycheck.checking.shape import validate_playbook
from journeycheck.checklist import build
from journeycheck.reading.compose import parse_text
from journeycheck.render import Format, RenderOptions, checklist_renderer_for
from journeycheck.render.playbooks import playbook_table
from tests.helpers import assert_golden, mini_playbook
from tests.render.github import page_of


def render(
    fmt: Format,
    options: RenderOptions | None = None,
    *,
    phases: Sequence[str] = (),
    teams: Sequence[str] = (),
    traits: dict[str, bool] | None = None,
) -> str:
    checklist = build(mini_playbook(), phases=phases, teams=teams, traits=traits)
    return checklist_renderer_for(fmt)(checklist, options or RenderOptions())


def test_golden_terminal_plain_80_columns() -> None:
    assert_golden("checklist-mini-80.txt", render(Format.TERMINAL, RenderOptions(width=80)))


def test_golden_markdown() -> None:
    assert_golden("checklist-mini.md", render(Format.MARKDOWN))


def test_golden_json_with_filters() -> None:
    text = render(Format.JSON, phases=["buy"], traits={"physical": True})
    assert_golden("checklist-mini-buy-physical.json", text)
    data = json.loads(text)
    assert data["schema"] == "journeycheck.checklist/1"
    assert data["selection"] == {
        "phases": ["buy"],
        "teams": [],
        "traits": {"physical": True, "channels": True},
    }


@pytest.mark.parametrize("width", [40, 60, 100])
def test_terminal_fits_the_width_and_has_no_escape_codes_when_plain(width: int) -> None:
    text = render(Format.TERMINAL, RenderOptions(width=width))
    assert max(len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_terminal_colours_severity_unless_no_color() -> None:
    coloured = render(Format.TERMINAL, RenderOptions(color_system="standard", width=80))
    assert "\x1b[31mblocker" in coloured
    plain = render(Format.TERMINAL, RenderOptions(color_system="standard", no_color=True, width=80))
    assert "31m" not in plain
    assert "\x1b[1m" in plain  # emphasis stays


def test_an_empty_selection_says_so_in_every_format() -> None:
    for fmt in (Format.TERMINAL, Format.MARKDOWN):
        text = render(fmt, phases=["discover"], teams=["support"])
        assert "No question matches this selection." in text
    assert json.loads(render(Format.JSON, phases=["discover"], teams=["support"])) == {
        **json.loads(render(Format.JSON)),
        "selection": {"phases": ["discover"], "teams": ["support"], "traits": None},
        "count": 0,
        "phases": [],
    }


NASTY = [
    "Is the <script>alert(1)</script> tag | pipe *bold* _em_ `code` [link](x) ok?",
    "# Not a heading",
    "1. Not a list",
    "- not a list either",
    "Costs $10 to $20 &amp; ~~more~~ \\ than <b>that</b>",
    "Two\nlines",
]


def test_playbook_text_reads_as_written_in_githubs_markdown() -> None:
    questions = "".join(
        f"  - id: use.t.q{i}\n    phase: use\n    team: t\n    severity: minor\n"
        f"    ask: {json.dumps(text)}\n    help: {json.dumps(text)}\n"
        for i, text in enumerate(NASTY)
    )
    source = textwrap.dedent(
        """\
        journeycheck: 1
        id: nasty
        title: "<i>Nasty</i> | *playbook*"
        version: "1.0"
        description: "# Not a heading <img src=x>"
        phases: [{id: use, title: "Use | it", summary: "> not a quote"}]
        teams: [{id: t, title: "`Team`"}]
        questions:
        """
    )
    playbook = validate_playbook(parse_text(source + questions, "nasty.yaml"))
    markdown = checklist_renderer_for(Format.MARKDOWN)(build(playbook), RenderOptions())
    page = page_of(markdown)
    assert set(page.tags) <= {"h1", "h2", "h3", "p", "ul", "li", "input", "strong", "br", "code"}
    assert page.tags.count("input") == len(NASTY)  # each question is a checkbox
    asks = "".join(page.strong)
    for text in NASTY:
        assert " ".join(text.split()) in asks
    text = "".join(page.text)
    for written in ["<i>Nasty</i> | *playbook*", "# Not a heading <img src=x>", "> not a quote"]:
        assert written in text


def test_playbook_table_aligns_columns() -> None:
    assert playbook_table([mini_playbook()]) == (
        "id    version  questions  title\nmini  0.1              8  Mini launch playbook\n"
    )
