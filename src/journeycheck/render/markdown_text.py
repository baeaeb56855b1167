"""Text from a playbook or plan, made safe to place in Markdown.

Used as Jinja filters by the Markdown templates: ``md`` for running text and
``code`` for ids shown as code. Escaped text renders as the characters its
author typed, in GitHub and GitLab (CommonMark with GFM extensions) and in
wikis that follow CommonMark: no emphasis, links, HTML, tables or math appear
that the author did not write as such.
"""

from __future__ import annotations

import re

#: Characters with a meaning anywhere in a line: emphasis, code, links, HTML,
#: table cells, strikethrough and GitHub's math.
_INLINE = re.compile(r"[\\`*_\[\]<>|~$]")
#: ``&`` only matters where it would start an entity such as ``&amp;``.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
#: What would start a heading, list, thematic break or setext underline at a line's start
#: (quotes and ``*`` lists are already escaped as inline characters).
_BLOCK_START = re.compile(r"^(?:#{1,6}|[+-]+|=+|\d{1,9}[.)])(?=\s|$)")


def escape(text: str) -> str:
    """``text`` on one line, with every Markdown-significant character escaped."""
    text = " ".join(text.split())
    text = _INLINE.sub(lambda match: "\\" + match.group(0), text)
    text = _ENTITY.sub(r"\\&", text)
    start = _BLOCK_START.match(text)
    if start is None:
        return text
    if text[0].isdigit():  # "1. " would start a numbered list: escape its dot
        return text[: start.end() - 1] + "\\" + text[start.end() - 1 :]
    return "\\" + text


def code(text: str, *, in_table: bool = False) -> str:
    """``text`` as an inline code span, whatever backticks it contains.

    In a GFM table a ``|`` ends the cell even inside a code span, so there it is
    escaped; elsewhere the backslash would show, so it is not.
    """
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "
    if in_table:
        text = text.replace("|", "\\|")
    return f"{fence}{text}{fence}"
