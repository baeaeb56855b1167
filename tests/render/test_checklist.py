"""``playbook show`` formats: golden output, Markdown that reads as written, JSON shape."""

from __future__ import annotations

import html.parser
import json
import textwrap
from collections.abc import Sequence

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import example, given
from hypothesis import strategies as st

from journeycheck.checking.shape import validate_playbook
from journeycheck.checklist import build
from journeycheck.reading.compose import parse_text
from journeycheck.render import RenderOptions
from journeycheck.render.markdown_text import code, escape
from journeycheck.render.playbooks import (
    _MODULES,
    ShowFormat,
    checklist_renderer_for,
    condition_phrase,
    due_phrase,
    playbook_table,
)
from tests.helpers import assert_golden, mini_playbook


def render(
    fmt: ShowFormat,
    options: RenderOptions | None = None,
    *,
    phases: Sequence[str] = (),
    teams: Sequence[str] = (),
    traits: dict[str, bool] | None = None,
) -> str:
    checklist = build(mini_playbook(), phases=phases, teams=teams, traits=traits)
    return checklist_renderer_for(fmt)(checklist, options or RenderOptions())


def test_every_show_format_has_a_renderer() -> None:
    assert set(_MODULES) == set(ShowFormat)
    for fmt in ShowFormat:
        assert callable(checklist_renderer_for(fmt))


def test_golden_terminal_plain_80_columns() -> None:
    assert_golden("checklist-mini-80.txt", render(ShowFormat.TERMINAL, RenderOptions(width=80)))


def test_golden_markdown() -> None:
    assert_golden("checklist-mini.md", render(ShowFormat.MARKDOWN))


def test_golden_json_with_filters() -> None:
    text = render(ShowFormat.JSON, phases=["buy"], traits={"physical": True})
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
    text = render(ShowFormat.TERMINAL, RenderOptions(width=width))
    assert max(len(line) for line in text.splitlines()) <= width
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_terminal_colours_severity_unless_no_color() -> None:
    coloured = render(ShowFormat.TERMINAL, RenderOptions(color_system="standard", width=80))
    assert "\x1b[31mblocker" in coloured
    plain = render(
        ShowFormat.TERMINAL, RenderOptions(color_system="standard", no_color=True, width=80)
    )
    assert "31m" not in plain
    assert "\x1b[1m" in plain  # emphasis stays


def test_an_empty_selection_says_so_in_every_format() -> None:
    for fmt in (ShowFormat.TERMINAL, ShowFormat.MARKDOWN):
        text = render(fmt, phases=["discover"], teams=["support"])
        assert "No question matches this selection." in text
    assert json.loads(render(ShowFormat.JSON, phases=["discover"], teams=["support"])) == {
        **json.loads(render(ShowFormat.JSON)),
        "selection": {"phases": ["discover"], "teams": ["support"], "traits": None},
        "count": 0,
        "phases": [],
    }


class _Html(html.parser.HTMLParser):
    """The tags and the text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.strong: list[str] = []
        self._in_strong = False

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        self._in_strong = self._in_strong or tag == "strong"

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self._in_strong = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_strong:
            self.strong.append(data)


def to_html(markdown: str) -> _Html:
    # UNSAFE lets raw HTML through, so any that escaping missed would show up as a tag.
    parser = _Html()
    parser.feed(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    )
    return parser


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
    markdown = checklist_renderer_for(ShowFormat.MARKDOWN)(build(playbook), RenderOptions())
    page = to_html(markdown)
    assert set(page.tags) <= {"h1", "h2", "h3", "p", "ul", "li", "input", "strong", "br", "code"}
    assert page.tags.count("input") == len(NASTY)  # each question is a checkbox
    asks = "".join(page.strong)
    for text in NASTY:
        assert " ".join(text.split()) in asks
    text = "".join(page.text)
    for written in ["<i>Nasty</i> | *playbook*", "# Not a heading <img src=x>", "> not a quote"]:
        assert written in text


printable = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E) | st.sampled_from("é—·\n\t")
)


@given(printable)
@example("1. item")
@example("10) item")
@example("---")
@example("===")
@example("+ x")
@example("## x")
@example("&copy; &#169;")
def test_escaped_text_renders_as_itself(text: str) -> None:
    page = to_html(escape(text))
    assert set(page.tags) <= {"p", "a"}  # a: GitHub links bare URLs, which is fine
    assert "".join(page.text).strip() == " ".join(text.split())


@given(printable.filter(lambda t: t.strip() != ""))
@example("`tick`")
@example("a``b")
def test_code_spans_show_their_text(text: str) -> None:
    page = to_html("x " + code(text))
    assert page.tags == ["p", "code"]
    assert "".join(page.text).strip() == "x " + " ".join(text.split())


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        (None, ""),
        (0, "due at launch"),
        (-1, "due 1 day before launch"),
        (-60, "due 60 days before launch"),
        (30, "due 30 days after launch"),
    ],
)
def test_due_phrase(days: int | None, phrase: str) -> None:
    assert due_phrase(days) == phrase


def test_condition_phrase() -> None:
    assert condition_phrase({}) == ""
    assert condition_phrase({"channels": True, "physical": False}) == (
        "only if channels and not physical"
    )


def test_playbook_table_aligns_columns() -> None:
    assert playbook_table([mini_playbook()]) == (
        "id    version  questions  title\nmini  0.1              8  Mini launch playbook\n"
    )
