"""Write or refresh a playbook's translation file, for the translator to fill in.

    python tools/translation_stub.py PLAYBOOK LANGUAGE
    python tools/translation_stub.py PLAYBOOK LANGUAGE --accept ID [--accept ID ...]
    python tools/translation_stub.py PLAYBOOK LANGUAGE --accept-stale

PLAYBOOK is a built-in playbook id (its translation is written into the source
tree, beside it) or a playbook file; the translation is ``X.LANGUAGE.yaml`` beside
``X.yaml``. The file is rewritten with one entry per id of the playbook, in the
playbook's order, each under comments quoting the English it translates:

- an entry already translated keeps its text and its ``source``, so a stale one
  stays stale (``journeycheck playbook check`` says so) until it is accepted;
- an id without an entry gets one with ``source: todo`` and no text: the translator
  writes the fields under it, and accepts it;
- an entry that names no id of the playbook is kept, at the end, under a comment.

``--accept ID`` says the translator has brought entry ID up to date with the
English: its ``source`` becomes the hash of the English as it is now. It is refused
for an entry with no translated text. ``--accept-stale`` accepts every entry that
has text and is not current: use it only after reading each one.

Comments written by hand are not kept: the file's comments are the English.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.models import Playbook, TranslationEntry
    from journeycheck.translations import Item

#: How wide the file's lines are, in terminal columns.
WIDTH = 92
PLACEHOLDER = "todo"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("playbook", help="a built-in playbook id or a playbook file")
    parser.add_argument("language", help="the language to translate into (bg, ko)")
    parser.add_argument("--accept", action="append", default=[], metavar="ID")
    parser.add_argument("--accept-stale", action="store_true")
    args = parser.parse_args(argv)

    from journeycheck.errors import InputError
    from journeycheck.playbooks import PlaybookCache, builtin_file, is_path
    from journeycheck.translations import LANGUAGES, file_for, read

    if args.language not in LANGUAGES:
        parser.error(f"the language must be one of {', '.join(LANGUAGES)}")
    if is_path(args.playbook):
        playbook_file = Path(args.playbook)
    else:
        resource = builtin_file(args.playbook)
        if resource is None:
            parser.error(f"{args.playbook!r} is no built-in playbook and no file")
        playbook_file = Path(str(resource))
    target = file_for(playbook_file, args.language)
    try:
        playbook = PlaybookCache(language="en").read(playbook_file)
        existing = read(target, expected=args.language).entries if target.exists() else {}
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    try:
        text = stub(playbook, args.language, existing, set(args.accept), args.accept_stale)
    except ValueError as exc:
        print(f"translation_stub: {exc}", file=sys.stderr)
        return 2
    from journeycheck.output import write_atomic
    from journeycheck.reading.compose import parse_text
    from journeycheck.translations import validate

    validate(parse_text(text, str(target)), expected=args.language)  # never write a bad file
    write_atomic(target, text)
    print(f"wrote {target}")
    return 0


def stub(
    playbook: Playbook,
    language: str,
    existing: Mapping[str, TranslationEntry],
    accept: set[str],
    accept_stale: bool,
) -> str:
    """The translation file's text (see the module's docstring)."""
    from journeycheck.translations import FIELDS, items

    english = items(playbook)
    unknown = sorted(accept - set(english))
    if unknown:
        raise ValueError(f"the playbook has no {', '.join(unknown)}")
    lines = [
        f"# The {language} translation of playbook {playbook.id} {playbook.version}.",
        "# Each entry translates the English quoted above it; 'source' is the hash of that",
        "# English (journeycheck playbook check says which entries are missing or stale).",
        "# Written by tools/translation_stub.py; comments are regenerated from the English.",
        "",
        "journeycheck-translation: 1",
        f"playbook: {playbook.id}",
        f"language: {language}",
        "entries:",
    ]
    for entry_id, item in english.items():
        entry = existing.get(entry_id)
        fields = _fields(entry, FIELDS[item.kind])
        source = entry.source if entry is not None else PLACEHOLDER
        if entry_id in accept or (accept_stale and fields and source != item.source):
            if not fields:
                raise ValueError(f"{entry_id} has no translated text to accept")
            source = item.source
        lines.append("")
        lines += _english(item)
        if source != item.source:
            lines.append("  # not current: translate the English above, then --accept it")
        lines.append(f"  {entry_id}:")
        lines.append(f"    source: {_scalar(source, 12)}")
        lines += [_field(name, value) for name, value in fields.items()]
    left = [entry_id for entry_id in existing if entry_id not in english]
    for entry_id in left:
        entry = existing[entry_id]
        lines += ["", "  # the playbook has no such id: kept for a translator to move or remove"]
        lines.append(f"  {_scalar(entry_id, 2)}:")
        lines.append(f"    source: {_scalar(entry.source, 12)}")
        lines += [_field(name, value) for name, value in _fields(entry, FIELDS_ALL).items()]
    return "\n".join(lines) + "\n"


FIELDS_ALL = ("title", "description", "summary", "short", "ask", "help", "risk", "unit")


def _fields(entry: TranslationEntry | None, names: tuple[str, ...]) -> dict[str, str]:
    if entry is None:
        return {}
    return {name: value for name in names if (value := getattr(entry, name)) is not None}


def _english(item: Item) -> list[str]:
    from journeycheck.translations import FIELDS

    lines = []
    for name, text in zip(FIELDS[item.kind], item.english, strict=True):
        if text:
            lines += _wrap(" ".join(text.split()), f"  # en {name}: ", "  #   ")
    return lines


def _field(name: str, value: str) -> str:
    key = f"    {name}: "
    flat = " ".join(value.split())
    quoted = _scalar(flat, len(key))
    from journeycheck.translations import display_width

    if "\n" not in quoted and display_width(key + quoted) <= WIDTH:
        return key + quoted
    return "\n".join([f"    {name}: >-", *_wrap(flat, "      ", "      ")])


def _scalar(text: str, indent: int) -> str:
    """``text`` as one YAML scalar on one line, quoted only where YAML needs it."""
    import yaml

    dumped: str = yaml.safe_dump(text, allow_unicode=True, width=10**6, default_style=None)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def _wrap(text: str, first: str, rest: str) -> list[str]:
    """``text`` in lines of at most :data:`WIDTH` columns, after the prefixes given."""
    from journeycheck.translations import display_width

    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        prefix = rest if lines else first
        candidate = f"{line} {word}" if line else word
        if line and display_width(prefix + candidate) > WIDTH:
            lines.append(prefix + line)
            line = word
        else:
            line = candidate
    lines.append((rest if lines else first) + line)
    return lines


if __name__ == "__main__":
    sys.exit(main())
