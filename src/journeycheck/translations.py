"""A playbook's texts in other languages, kept in files beside the playbook.

A playbook ``X.yaml`` is written in English; ``X.bg.yaml`` and ``X.ko.yaml`` beside
it translate its texts, one entry per permanent id (``question.<id>``,
``team.<id>`` ...). Each entry records, in ``source``, a hash of the English it was
translated from (:func:`source_hash`), so that when the English changes, the entry
is known to be *stale*: it is then not used, and that text stays English until a
translator updates it. ``playbook check`` lists the stale entries, the ids with no
entry (*missing*) and the entries that name no id (*unknown*).

A playbook that extends another inherits the translations of every playbook in its
chain: an entry of the base's file is used wherever the extended playbook's English
is still the English that entry was translated from (the hashes say so), and the
extended playbook's own file only needs the texts it adds or changes.

The built-in playbook's translations ship in the package beside it
(``playbooks/customer-journey.bg.yaml``).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.errors import InputError, Problem

if TYPE_CHECKING:
    from pydantic import BaseModel

    from journeycheck.models import Playbook, TranslationEntry
    from journeycheck.reading.document import Document

#: The languages a playbook may be translated into (its own text is English).
LANGUAGES = ("bg", "ko")
#: The key, and the one version, that make a YAML file a translation file.
FORMAT_KEY = "journeycheck-translation"
FORMAT_VERSION = 1
#: How wide (in terminal columns, East Asian wide characters counting two) a team's
#: short title may be: the score table has that much room for it.
SHORT_COLUMNS = 12
HASH_DIGITS = 12
_SEPARATOR = "\x1f"

#: The fields each kind of entry translates, in the order :func:`source_hash` takes
#: them. ``short`` has no English: a team's short title exists only in translations.
FIELDS: Mapping[str, tuple[str, ...]] = {
    "playbook": ("title", "description"),
    "phase": ("title", "summary"),
    "team": ("title", "short"),
    "trait": ("ask",),
    "question": ("ask", "help", "risk"),
    "kpi": ("title", "unit"),
}
#: How messages name each kind.
_WHAT = {
    "playbook": "playbook",
    "phase": "phase",
    "team": "team",
    "trait": "trait",
    "question": "question",
    "kpi": "KPI",
}


def source_hash(*english: str | None) -> str:
    """The first 12 hex digits of SHA-256 of ``english``, the fields an entry translates.

    Each field has its runs of whitespace collapsed to one space and is stripped
    (folded YAML and a re-wrapped paragraph hash alike); absent fields count as
    empty. Empty fields at the end are left out, so that a field added to a kind
    later (``risk`` on questions) leaves the entries of playbooks without it current.
    The fields are joined by U+001F and encoded as UTF-8.
    """
    parts = [" ".join((text or "").split()) for text in english]
    while parts and not parts[-1]:
        parts.pop()
    digest = hashlib.sha256(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()
    return digest[:HASH_DIGITS]


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide and full-width characters count two,
    combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1
    return width


# -- the English a playbook has to translate -------------------------------------------


@dataclass(frozen=True)
class Item:
    """One translatable thing of a playbook: its kind and its English, in field order."""

    kind: str
    english: tuple[str, ...]

    @property
    def source(self) -> str:
        return source_hash(*self.english)


def items(playbook: Playbook) -> dict[str, Item]:
    """Every entry id ``playbook`` has, in playbook order, with its English."""

    def item(kind: str, thing: object) -> Item:
        return Item(kind, tuple(str(getattr(thing, name, "") or "") for name in FIELDS[kind]))

    found = {"playbook": item("playbook", playbook)}
    found.update((f"phase.{phase.id}", item("phase", phase)) for phase in playbook.phases)
    found.update((f"team.{team.id}", item("team", team)) for team in playbook.teams)
    found.update((f"trait.{name}", item("trait", trait)) for name, trait in playbook.traits.items())
    found.update((f"question.{q.id}", item("question", q)) for q in playbook.questions)
    found.update((f"kpi.{kpi.id}", item("kpi", kpi)) for kpi in playbook.kpis)
    return found


def kind_of(entry_id: str) -> str | None:
    """The kind an entry id names (``question`` for ``question.x``), or ``None``."""
    kind = entry_id.split(".", 1)[0]
    if kind not in FIELDS or (kind == "playbook") != (entry_id == "playbook"):
        return None
    return kind


# -- the file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Translation:
    """A valid translation file, and where each of its values was written."""

    file: str
    language: str
    playbook: str
    entries: Mapping[str, TranslationEntry]
    doc: Document

    def text(self, entry_id: str, item: Item) -> dict[str, str] | None:
        """The translated fields of ``entry_id`` if its entry is current for ``item``."""
        entry = self.entries.get(entry_id)
        if entry is None or entry.source != item.source:
            return None
        return {
            name: value for name in FIELDS[item.kind] if (value := getattr(entry, name)) is not None
        }


def file_for(playbook_file: Path, language: str) -> Path:
    """Where the ``language`` translation of the playbook in ``playbook_file`` lives."""
    return playbook_file.with_name(f"{playbook_file.stem}.{language}{playbook_file.suffix}")


def playbook_for(path: Path) -> tuple[Path, str] | None:
    """The playbook a translation file ``X.<lang>.yaml`` belongs to and its language, when
    ``path`` is named so and ``X.yaml`` is beside it; else ``None``."""
    stem = Path(path.stem)
    language = stem.suffix.removeprefix(".")
    if not re.fullmatch(r"[a-z]{2,3}", language):
        return None
    playbook = path.with_name(f"{stem.stem}{path.suffix}")
    return (playbook, language) if playbook.is_file() else None


def is_translation_name(name: str) -> bool:
    """Whether a file name in a playbook folder is a translation (``X.bg.yaml``)."""
    stem = name.rsplit(".", 1)[0]
    return any(stem.endswith(f".{language}") for language in LANGUAGES)


def read(path: Path, *, expected: str | None = None, shown_as: str | None = None) -> Translation:
    """The translation file at ``path``, its shape checked; every problem located.

    ``expected`` is the language its name says. Entries are checked against their kind
    (fields, the short title's width) but not against a playbook: see :func:`check`.
    """
    from journeycheck.reading import load_file

    return validate(load_file(path, shown_as=shown_as), expected=expected)


def validate(doc: Document, *, expected: str | None = None) -> Translation:
    """A :class:`Translation` from ``doc``, or an :class:`InputError` listing every problem."""
    from pydantic import ValidationError

    from journeycheck.checking.wording import Budget, kind_only, listing, translate_error
    from journeycheck.models import TranslationFile

    data = doc.data
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        got = kind_only(data) if not isinstance(data, dict) else None
        raise InputError([doc.problem((), "JC820", key=FORMAT_KEY, got=got)])
    problems: list[Problem] = []
    version = data[FORMAT_KEY]
    if not (type(version) is int and version == FORMAT_VERSION):
        problems.append(doc.problem((FORMAT_KEY,), "JC821", key=FORMAT_KEY, version=FORMAT_VERSION))
    rest = {key: value for key, value in data.items() if key != FORMAT_KEY}
    try:
        model = TranslationFile.model_validate(rest)
    except ValidationError as exc:
        budget = Budget()
        problems += [
            translate_error(doc, TranslationFile, error, budget)
            for error in exc.errors(include_url=False)
        ]
        raise InputError(problems) from None
    if model.language not in LANGUAGES:
        problems.append(
            doc.problem(
                ("language",),
                "JC822",
                written=model.language,
                languages=listing(LANGUAGES),
                named=None,
            )
        )
    elif expected is not None and model.language != expected:
        problems.append(
            doc.problem(
                ("language",), "JC822", written=model.language, languages=None, named=expected
            )
        )
    for entry_id, entry in model.entries.items():
        problems += _entry_problems(doc, entry_id, entry)
    if problems:
        raise InputError(problems)
    return Translation(doc.file, model.language, model.playbook, model.entries, doc)


def _entry_problems(doc: Document, entry_id: str, entry: TranslationEntry) -> list[Problem]:
    from journeycheck.checking.wording import listing

    path = ("entries", entry_id)
    kind = kind_of(entry_id)
    if kind is None:
        forms = ["playbook", *(f"{name}.<id>" for name in FIELDS if name != "playbook")]
        return [doc.problem(path, "JC824", at_key=True, entry=entry_id, forms=listing(forms))]
    problems = []
    allowed = FIELDS[kind]
    for name in sorted(entry.model_fields_set - {"source", *allowed}):
        problems.append(
            doc.problem(
                (*path, name),
                "JC825",
                at_key=True,
                entry=entry_id,
                field=name,
                kind=_WHAT[kind],
                fields=listing(allowed),
            )
        )
    if entry.short is not None and kind == "team":
        width = display_width(entry.short)
        if width > SHORT_COLUMNS:
            problems.append(
                doc.problem(
                    (*path, "short"),
                    "JC826",
                    entry=entry_id,
                    width=width,
                    limit=SHORT_COLUMNS,
                )
            )
    return problems


# -- finding a playbook's translations -----------------------------------------------------


def _builtin_translation(playbook_id: str, language: str) -> Translation | None:
    from journeycheck.playbooks import builtin_translation

    resource = builtin_translation(playbook_id, language)
    if resource is None:
        return None
    from journeycheck.reading.compose import parse_text

    return validate(parse_text(resource.read_text("utf-8"), str(resource)), expected=language)


def _from_file(playbook_file: Path, language: str) -> Translation | None:
    path = file_for(playbook_file, language)
    if not os.path.lexists(path):
        return None
    return read(path, expected=language)


def layers(playbook_file: Path | None, playbook_id: str, language: str) -> list[Translation]:
    """The ``language`` translations of a playbook and of every playbook it extends,
    nearest first.

    ``playbook_file`` is the playbook's file, or ``None`` for the built-in playbook
    ``playbook_id``. A broken translation file is an :class:`InputError`.
    """
    own, inherited = chain(playbook_file, playbook_id, language)
    return inherited if own is None else [own, *inherited]


def chain(
    playbook_file: Path | None, playbook_id: str, language: str
) -> tuple[Translation | None, list[Translation]]:
    """The playbook's own ``language`` translation (or ``None``), and those of the
    playbooks it extends, nearest first (see :func:`layers`)."""
    from journeycheck.playbooks import is_path, resolve_path

    own: Translation | None = None
    inherited: list[Translation] = []
    seen: set[str] = set()
    file, builtin = playbook_file, playbook_id
    while True:
        key = str(file) if file is not None else f"builtin:{builtin}"
        if key in seen:  # pragma: no cover - the resolver refuses cycles before this runs
            break
        if file is None:
            layer = _builtin_translation(builtin, language)
            reference = None  # a built-in playbook extends none
        else:
            layer = _from_file(file, language)
            reference = _extends(file)
        if not seen:
            own = layer
        elif layer is not None:
            inherited.append(layer)
        seen.add(key)
        if reference is None:
            break
        if is_path(reference) and file is not None:
            file = Path(os.path.normpath(resolve_path(reference, file.parent)))
        else:
            file, builtin = None, reference
    return own, inherited


def report(playbook: Playbook, file: Path | None, language: str) -> Report | None:
    """How complete the ``language`` translation of ``playbook`` (from ``file``, ``None``
    for a built-in playbook) is; ``None`` when it has no translation file in ``language``."""
    own, inherited = chain(file, playbook.id, language)
    return check(playbook, own, inherited)


def _extends(playbook_file: Path) -> str | None:
    """What the playbook in ``playbook_file`` extends (the file is valid already)."""
    from journeycheck.extending import extends_reference
    from journeycheck.reading import load_file

    try:
        return extends_reference(load_file(playbook_file))
    except InputError:  # pragma: no cover - the playbook was read and validated before
        return None


# -- using them --------------------------------------------------------------------------


def localise(
    playbook: Playbook,
    language: str,
    *,
    file: Path | None = None,
    found: Iterable[Translation] | None = None,
) -> Playbook:
    """``playbook`` with its texts in ``language`` wherever a current translation exists.

    Every text without a current entry (missing, or stale because the English changed)
    stays English, one entry at a time. ``file`` is the playbook's file, ``None`` for a
    built-in playbook; ``found`` the translations to use instead of looking for them.
    Ids, and everything that is not text, are unchanged. A team's short title, where
    translated, is :meth:`~journeycheck.models.Playbook.short_title`.
    """
    if language not in LANGUAGES:
        return playbook
    translations = list(found) if found is not None else layers(file, playbook.id, language)
    if not translations:
        return playbook

    def text(entry_id: str, item: Item) -> dict[str, str]:
        for layer in translations:
            fields = layer.text(entry_id, item)
            if fields is not None:
                return fields
        return {}

    english = items(playbook)
    shorts: dict[str, str] = {}

    def update(entry_id: str, thing: BaseModel) -> BaseModel:
        fields = text(entry_id, english[entry_id])
        if entry_id.startswith("team.") and "short" in fields:
            shorts[entry_id.removeprefix("team.")] = fields["short"]
        changes = {
            name: value
            for name, value in fields.items()
            if name in type(thing).model_fields and name != "short"
        }
        return thing.model_copy(update=changes) if changes else thing

    top = {
        name: value
        for name, value in text("playbook", english["playbook"]).items()
        if name in {"title", "description"}
    }
    changed = playbook.model_copy(
        update={
            **top,
            "phases": [update(f"phase.{phase.id}", phase) for phase in playbook.phases],
            "teams": [update(f"team.{team.id}", team) for team in playbook.teams],
            "traits": {
                name: update(f"trait.{name}", trait) for name, trait in playbook.traits.items()
            },
            "questions": [update(f"question.{q.id}", q) for q in playbook.questions],
            "kpis": [update(f"kpi.{kpi.id}", kpi) for kpi in playbook.kpis],
        }
    )
    return changed.with_short_titles(shorts)


# -- checking them -----------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """How complete one translation is: its problems (warnings), and its counts."""

    file: str
    language: str
    current: int
    total: int
    problems: tuple[Problem, ...]


def check(
    playbook: Playbook, own: Translation | None, inherited: Iterable[Translation] = ()
) -> Report | None:
    """The missing, stale and unknown entries of a playbook's translation ``own``, given
    the translations it ``inherited`` from the playbooks it extends (nearest first).

    ``None`` when there is nothing to check (no translation in that language at all).
    An entry of the wrong playbook is an :class:`InputError`.
    """
    from journeycheck.checking.wording import suggestion

    inherited = list(inherited)
    if own is None:
        return None
    if own.playbook != playbook.id:
        raise InputError(
            [own.doc.problem(("playbook",), "JC823", written=own.playbook, expected=playbook.id)]
        )
    english = items(playbook)
    problems: list[Problem] = []
    current = 0
    for entry_id, item in english.items():
        entry = own.entries.get(entry_id)
        if entry is not None and entry.source == item.source:
            current += 1
            continue
        if entry is None and any(layer.text(entry_id, item) is not None for layer in inherited):
            current += 1
            continue
        if entry is not None:
            problems.append(
                own.doc.problem(
                    ("entries", entry_id, "source"),
                    "JC828",
                    entry=entry_id,
                    written=entry.source,
                    current=item.source,
                )
            )
            continue
        problems.append(
            own.doc.problem(
                ("entries",),
                "JC827",
                at_key=True,
                entry=entry_id,
                language=own.language,
                source=item.source,
            )
        )
    unknown = [entry_id for entry_id in own.entries if entry_id not in english]
    for entry_id in unknown:
        kind = kind_of(entry_id) or ""
        same_kind = [known for known in english if known.startswith(f"{kind}.")]
        problems.append(
            own.doc.problem(
                ("entries", entry_id),
                "JC829",
                at_key=True,
                entry=entry_id,
                suggestion=suggestion(entry_id, same_kind),
            )
        )
    return Report(own.file, own.language, current, len(english), tuple(problems))
