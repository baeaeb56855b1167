"""The one Markdown escaper: its two entry points, checked against GitHub's own engine."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from journeycheck.render.markdown_text import Md, code_span, escape_inline, escape_paragraph
from tests.render.github import page_of, to_html

# -- inline text: the audit report's table cells, headings and list items ----------------------


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("plain text", "plain text"),
        ("a | b", "a \\| b"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("R&D", "R&amp;D"),
        ("`code`", "\\`code\\`"),
        ("*bold* _em_ ~strike~", "\\*bold\\* \\_em\\_ \\~strike\\~"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("# not a heading", "\\# not a heading"),
        ("$5 or $10", "\\$5 or \\$10"),
        ("back\\slash", "back\\\\slash"),
        ("one\ntwo\r\nthree\rfour", "one<br>two<br>three<br>four"),
        ("  padded\n", "padded"),
        (
            "see https://wiki.example.com/a_b.",
            "see [https\\://wiki.example.com/a\\_b](<https://wiki.example.com/a_b>).",
        ),
        ("www.example.com", "[www\\.example.com](<http://www.example.com>)"),
        ("ftp://example.com", "ftp\\://example.com"),
        (
            "https://x.example.com/a|b",
            "[https\\://x.example.com/a\\|b](<https://x.example.com/a%7Cb>)",
        ),
    ],
)
def test_escape_inline(text: str, markdown: str) -> None:
    assert escape_inline(text) == markdown
    assert isinstance(escape_inline(text), Md)


#: Text as it might appear in a plan: letters, digits, punctuation, symbols, spaces, line breaks.
PLAN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(categories=("L", "N", "P", "S"), max_codepoint=0x2FFF),
        st.sampled_from(" \n\r\t<>|`*_~[]()#$&\\!:/.@-wh"),
    ),
    max_size=60,
)


@given(PLAN_TEXT)
def test_inline_text_shows_exactly_the_text_in_one_table_cell(text: str) -> None:
    source = f"| head |\n|---|\n| {escape_inline(text)} |\n"
    page = to_html(source)
    cell = re.search(r"<td>(.*?)</td>", page, re.DOTALL)
    assert cell is not None, page
    content = cell.group(1)
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", content))
    assert tags <= {"br", "a"}, page
    for href in re.findall(r'href="([^"]*)"', content):
        assert href.startswith(("http://", "https://", "mailto:", "xmpp:")), href
    shown = html.unescape(re.sub(r"<br\s*/?>", "\n", re.sub(r"</?a[^>]*>", "", content)))
    expected = "\n".join(re.split(r"\r\n|\r|\n", text.strip()))
    assert shown == expected
    assert page.count("<td>") == 1


# -- running text: the checklist's paragraphs and item lines -------------------------------


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("plain text", "plain text"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("R&D", "R&D"),
        ("&amp; &#169;", "\\&amp; \\&#169;"),
        ("# not a heading", "\\# not a heading"),
        ("issue #12", "issue #12"),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("one\ntwo", "one two"),
        ("see https://x.example.com/a_b", "see https://x.example.com/a\\_b"),
    ],
)
def test_escape_paragraph(text: str, markdown: str) -> None:
    assert escape_paragraph(text) == markdown
    assert isinstance(escape_paragraph(text), Md)


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
def test_running_text_renders_as_itself(text: str) -> None:
    page = page_of(escape_paragraph(text))
    assert set(page.tags) <= {"p", "a"}  # a: GitHub links bare URLs, which is fine
    assert "".join(page.text).strip() == " ".join(text.split())


# -- one core -------------------------------------------------------------------------------


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40))
def test_the_entry_points_agree_where_their_contracts_do(text: str) -> None:
    """One line, no address, no HTML or entity character, nothing that opens a block:
    the same characters are escaped the same way by both."""
    text = " ".join(text.split())
    assume(not re.search(r"[<>&#]|www\.|://", text, re.IGNORECASE))
    assume(not re.match(r"(?:[+-]+|=+|\d{1,9}[.)])(?:\s|$)", text))
    assert escape_inline(text) == escape_paragraph(text)


# -- code spans -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "in_table", "markdown"),
    [
        ("a.b", True, "`a.b`"),
        ("a|b", True, "`a\\|b`"),
        ("a|b", False, "`a|b`"),
        ("x`y", True, "``x`y``"),
        ("`x", True, "`` `x ``"),
    ],
)
def test_code_span(text: str, in_table: bool, markdown: str) -> None:
    assert code_span(text, in_table=in_table) == markdown


@given(printable.filter(lambda t: t.strip() != ""))
@example("`tick`")
@example("a``b")
def test_code_spans_show_their_text(text: str) -> None:
    page = page_of("x " + code_span(text))
    assert page.tags == ["p", "code"]
    assert "".join(page.text).strip() == "x " + " ".join(text.split())
