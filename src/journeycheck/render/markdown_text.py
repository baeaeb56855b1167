"""Text from a plan or playbook, made safe to place in Markdown: the one escaper.

Escaped text renders as the characters its author typed, in GitHub and GitLab
(CommonMark with GFM extensions) and in wikis that follow CommonMark: no
emphasis, links, HTML, tables or math appear that the author did not write as
such. One core, :func:`_escape_run`, escapes a run of text by a set of
:class:`_Rules`; two entry points serve the two places text goes:

- :func:`escape_inline` for text that stays inside a line's structure (a table
  cell, a heading, a list item, as the audit report places it): line breaks
  become ``<br>`` and web addresses become explicit links.
- :func:`escape_paragraph` for running text that may open a line (a paragraph or
  a continuation line, as the checklist places it): it is joined onto one line
  and what would start a heading, a list or a rule there is escaped.

:func:`code_span` shows text as code, for ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from journeycheck.printable import flat, one_line


class Md(str):
    """Text that is already Markdown: printed as it is."""

    __slots__ = ()


@dataclass(frozen=True)
class _Rules:
    """How one entry point escapes the characters of a run of text."""

    #: Characters escaped with a backslash wherever they stand.
    backslashed: str
    #: Characters written as HTML entities (a backslash would not hide ``<`` in every wiki).
    entities: str
    #: Whether web addresses become explicit links. GitHub makes a link of a bare address
    #: by itself and keeps the escaping backslashes in it, so where links are made, the
    #: rest of what looks like an address is defused too.
    links: bool
    table: dict[int, str] = field(init=False, repr=False, compare=False)
    #: Whether a run holds anything these rules change (most text holds nothing).
    special: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        table = {
            **{char: "\\" + char for char in self.backslashed},
            **{char: _ENTITY_OF[char] for char in self.entities},
        }
        object.__setattr__(self, "table", str.maketrans(table))
        special = "[" + re.escape(self.backslashed + self.entities + "&") + "]"
        if self.links:
            special += r"|www\.|://"
        object.__setattr__(self, "special", re.compile(special, re.IGNORECASE))

    def plain(self, text: str) -> str:
        """``text``, known to hold no link, with every character that means something escaped."""
        escaped = text.translate(self.table)
        if "&" not in self.entities:
            # ``&`` only matters where it would start an entity such as ``&amp;``.
            escaped = _ENTITY_START.sub(r"\\&", escaped)
        if self.links:
            escaped = _WWW.sub(_escape_dot, escaped).replace("://", r"\://")
        return escaped


_ENTITY_OF = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: What GitHub would turn into a link by itself (its "extended autolinks").
_URL = re.compile(r"(?<![A-Za-z0-9])(?:https?://|www\.)[^\s<>]+", re.IGNORECASE)
_WWW = re.compile(r"www\.", re.IGNORECASE)
_TRAILING = "?!.,:*_~'\";"
#: Characters a link target must not contain as they are.
_HREF_UNSAFE = re.compile(r"[\s<>|`\\\"']")
_NEWLINES = re.compile(r"\r\n|\r|\n")
#: What would start a heading, list, thematic break or setext underline at a line's start
#: (quotes and ``*`` lists are already escaped as inline characters).
_BLOCK_START = re.compile(r"^(?:#{1,6}|[+-]+|=+|\d{1,9}[.)])(?=\s|$)")

#: Inside a line's structure: code, emphasis, strikethrough, links, table cells,
#: headings, math and the backslash itself; ``&``, ``<`` and ``>`` as entities.
_INLINE = _Rules(backslashed="\\`*_~[]|#$", entities="&<>", links=True)
#: Running text: the same inline characters, ``<`` and ``>`` with a backslash; ``#``
#: only matters at the line's start, which :func:`escape_paragraph` handles.
_PARAGRAPH = _Rules(backslashed="\\`*_~[]|$<>", entities="", links=False)


def _escape_run(text: str, rules: _Rules) -> str:
    """The escaping core: one run of text (no line break in it) by ``rules``.

    A control character (in a file name, say) is shown as an escape; a tab stays,
    shown as the space it is in HTML.
    """
    text = one_line(text, keep="\t")
    if not rules.special.search(text):
        return text
    if not rules.links:
        return rules.plain(text)
    parts: list[str] = []
    position = 0
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if "." not in url.split("//", 1)[-1].strip("."):
            continue  # no domain after all ("http://" alone, "www." alone)
        parts.append(rules.plain(text[position : match.start()]))
        href = url if "://" in url else "http://" + url
        parts.append(f"[{rules.plain(url)}](<{_HREF_UNSAFE.sub(_percent, href)}>)")
        position = match.start() + len(url)
    parts.append(rules.plain(text[position:]))
    return "".join(parts)


def escape_inline(text: str) -> Md:
    """``text`` as Markdown that shows exactly that text, inside a line's structure.

    Safe in a table cell, a heading or a list item: ``|`` cannot end a cell,
    ``<`` and ``>`` become entities (no HTML from a plan reaches the page),
    backticks, ``*``, ``_``, ``[`` and friends are backslash-escaped, and line
    breaks become ``<br>``. Web addresses become explicit links, because
    GitHub's automatic links would keep the escaping backslashes in them.
    """
    text = text.strip()
    if "\n" not in text and "\r" not in text:
        return Md(_escape_run(text, _INLINE))
    return Md("<br>".join(_escape_run(line, _INLINE) for line in _NEWLINES.split(text)))


def escape_paragraph(text: str) -> Md:
    """``text`` on one line of running text, with every Markdown-significant character escaped.

    Safe where the text opens a line: what would start a heading, a list or a
    thematic break there is escaped too.
    """
    text = _escape_run(" ".join(text.split()), _PARAGRAPH)
    start = _BLOCK_START.match(text)
    if start is None:
        return Md(text)
    if text[0].isdigit():  # "1. " would start a numbered list: escape its dot
        return Md(text[: start.end() - 1] + "\\" + text[start.end() - 1 :])
    return Md("\\" + text)


def code_span(text: str, *, in_table: bool = False) -> Md:
    """``text`` as an inline code span, whatever backticks it contains.

    In a GFM table a ``|`` ends the cell even inside a code span, so there it is
    escaped; elsewhere the backslash would show, so it is not.
    """
    text = flat(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "
    if in_table:
        text = text.replace("|", "\\|")
    return Md(f"{fence}{text}{fence}")


def _escape_dot(match: re.Match[str]) -> str:
    return match.group()[:3] + r"\."


def _trim_url(url: str) -> str:
    """Leave out trailing punctuation, as GitHub does: "see https://x.org/a." ends at "a"."""
    while url:
        unbalanced = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] not in _TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))
