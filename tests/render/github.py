"""Markdown as GitHub's own engine (cmark-gfm) renders it, for the Markdown tests."""

from __future__ import annotations

import html.parser

import cmarkgfm
from cmarkgfm.cmark import Options


def to_html(markdown: str) -> str:
    """GitHub's rendering, with raw HTML let through so that any leak would show as a tag."""
    return str(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    )


class Page(html.parser.HTMLParser):
    """The tags, their attributes and the text of an HTML fragment."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.strong: list[str] = []
        self._in_strong = False
        self.feed(fragment)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.append((tag, dict(attrs)))
        self._in_strong = self._in_strong or tag == "strong"

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self._in_strong = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_strong:
            self.strong.append(data)


def page_of(markdown: str) -> Page:
    """GitHub's rendering of ``markdown``, parsed."""
    return Page(to_html(markdown))
