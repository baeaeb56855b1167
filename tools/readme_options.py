"""Write the README's option tables from the commands' own ``--help``.

Each table stands between two markers, which GitHub does not show::

    <!-- options: journeycheck audit -->
    | Option | What it does |
    ...
    <!-- end of options -->

A row is a parameter of the command as its ``--help`` lists it (arguments first,
then options, without ``--help`` itself): the same names, metavars and help text,
escaped for Markdown so that the table shows them as written.

    python tools/readme_options.py            # rewrite README.md (what `make docs` runs)
    python tools/readme_options.py --check    # exit 1 if README.md is out of date

``tests/test_docs.py`` runs the same check, so a help text changed without
``make docs`` fails the tests.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
#: A generated table: its command, and everything up to the end marker.
TABLE = re.compile(
    r"^<!-- options: journeycheck (?P<command>[a-z ]+) -->\n.*?^<!-- end of options -->$",
    re.M | re.S,
)


def commands() -> Iterator[tuple[str, Any]]:
    """Every command and command group below the root, by its full name (Click objects)."""
    import typer

    from journeycheck.cli import app

    def walk(prefix: str, group: Any) -> Iterator[tuple[str, Any]]:
        for name, command in getattr(group, "commands", {}).items():
            full = f"{prefix} {name}".strip()
            yield full, command
            yield from walk(full, command)

    yield from walk("", typer.main.get_command(app))


def help_rows(command: Any) -> list[tuple[str, str]]:
    """What ``--help`` lists for ``command``: (names and metavar, help text) per parameter."""
    context = command.make_context(command.name, [], resilient_parsing=True)
    # --help lists the arguments first, then the options, each in declaration order.
    params = sorted(command.get_params(context), key=lambda p: p.param_type_name != "argument")
    rows = []
    for param in params:
        record = param.get_help_record(context)
        if record is not None and param.name != "help":
            rows.append(record)
    return rows


def table(command: Any) -> str:
    """The Markdown table of ``command``'s parameters, one row each."""
    from journeycheck.render.markdown_text import code_span, escape_inline

    lines = ["| Option | What it does |", "|---|---|"]
    for names, text in help_rows(command):
        lines.append(f"| {code_span(names, in_table=True)} | {escape_inline(text)} |")
    return "\n".join(lines) + "\n"


def documented() -> dict[str, Any]:
    """The commands that have a table: every command with an option besides ``--help``."""
    return {
        name: command
        for name, command in commands()
        if any(p.param_type_name == "option" and p.name != "help" for p in command.params)
    }


def regenerated(readme: str) -> str:
    """``readme`` with every generated table written afresh from the commands' help."""
    known = documented()

    def replace(match: re.Match[str]) -> str:
        name = match.group("command")
        if name not in known:
            raise SystemExit(f"README.md: a table for {name!r}, which has no options")
        start = f"<!-- options: journeycheck {name} -->\n"
        return start + table(known[name]) + "<!-- end of options -->"

    return TABLE.sub(replace, readme)


def missing(readme: str) -> list[str]:
    """Commands with options that have no table in ``readme``."""
    tabled = {match.group("command") for match in TABLE.finditer(readme)}
    return sorted(set(documented()) - tabled)


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print("usage: python tools/readme_options.py [--check]", file=sys.stderr)
        return 2
    readme = README.read_text("utf-8")
    absent = missing(readme)
    if absent:
        print(f"README.md: no option table for {', '.join(absent)}", file=sys.stderr)
        return 1
    fresh = regenerated(readme)
    if check:
        if fresh != readme:
            print("README.md: option tables differ from --help; run `make docs`", file=sys.stderr)
            return 1
        return 0
    if fresh != readme:
        README.write_text(fresh, "utf-8")
        print("README.md: option tables rewritten from --help")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
