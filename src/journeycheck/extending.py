"""Playbooks that extend other playbooks, resolved into one playbook.

A company playbook starts from another one (``extends: customer-journey``, or a
path relative to the file) and lists only its differences: questions, teams,
traits and KPIs it adds, what it removes, the fields it overrides, and the
question ids it renames. A business unit's playbook may extend the company's in
turn, up to :data:`MAX_CHAIN` files in all.

Resolving a chain keeps every file's :class:`~journeycheck.reading.document.Document`: the
resolved playbook's data comes with a :class:`Merged` document that maps each
part back to the file and line that wrote it, so a problem found while
resolving (or later, while checking what the playbook names) is reported where
its author can fix it.

This module reads no file itself: :class:`Resolver` is given a ``read``
function that turns an ``extends:`` reference into a :class:`Source`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from journeycheck.checking import shape
from journeycheck.checking.references import playbook_references
from journeycheck.checking.wording import kind_name, suggestion
from journeycheck.errors import InputError, Problem
from journeycheck.models import (
    Ancestor,
    Extension,
    Kpi,
    Override,
    Plan,
    Playbook,
    Question,
    Team,
    Trait,
)
from journeycheck.reading.document import Document, Node

#: The most playbook files one chain may hold: a playbook and seven it extends, directly
#: or not. Deeper chains are refused (documented in docs/playbook.md).
MAX_CHAIN = 8

#: The fields ``override:`` may change, by what its key names.
OVERRIDABLE: dict[str, tuple[str, ...]] = {
    "question": ("ask", "help", "risk", "severity", "weight", "evidence", "when", "due"),
    "team": ("title",),
    "trait": ("ask", "default"),
    "kpi": ("title", "unit", "better", "phase"),
}
#: Fields an override may set to null (empty): the item's own default applies then.
_NULLABLE = {("question", "weight"), ("question", "due")}
#: How ``remove:`` and ``override:`` keys name what is not a question: ``team:legal``.

Path_ = tuple[str | int, ...]
#: How messages name each kind of item, one and several.


# -- a resolved playbook and where each part of it was written ----------------------


@dataclass
class Merged(Document):
    """The data of a resolved playbook, each part located in the file that wrote it.

    ``origins`` maps a path in the resolved data to the document and path it
    came from; a path not listed takes the origin of its nearest listed
    ancestor, extended by the rest of the path. The root is always listed.
    A problem is reported in the source document, which may itself be
    :class:`Merged` one level down the chain.
    """

    origins: dict[Path_, tuple[Document, Path_]] = field(default_factory=dict)

    def origin(self, path: Path_) -> tuple[Document, Path_]:
        for length in range(len(path), -1, -1):
            found = self.origins.get(path[:length])
            if found is not None:
                source, prefix = found
                return source, (*prefix, *path[length:])
        raise AssertionError("the root of a merged document always has an origin")

    def exact(self, path: Path_) -> Node | None:
        source, where = self.origin(path)
        return source.exact(where)

    def node(self, path: Path_) -> Node | None:
        source, where = self.origin(path)
        return source.node(where)

    def key(self, path: Path_) -> Node | None:
        source, where = self.origin(path)
        return source.key(where)

    def problem(
        self, path: Path_, code: str, /, *, at_key: bool = False, **params: object
    ) -> Problem:
        source, where = self.origin(path)
        return source.problem(where, code, at_key=at_key, **params)


def place(doc: Document, path: Path_, *, at_key: bool = False) -> str:
    """Where ``path`` of ``doc`` was written, as ``file:line:column``, for a message."""
    while isinstance(doc, Merged):
        doc, path = doc.origin(path)
    found = doc.key(path) if at_key else doc.node(path)
    return doc.file if found is None else f"{doc.file}:{found.line}:{found.column}"


@dataclass(frozen=True)
class Resolution:
    """A playbook resolved from its chain, and the document that locates its parts."""

    playbook: Playbook
    doc: Document


class Source:
    """One playbook file, before it is resolved.

    ``key`` names the file for the cache and for finding cycles (a built-in id
    or a resolved path). Its document is given, or read on first use, so that a
    base the resolver already knows is never read again.
    """

    __slots__ = ("_doc", "_open", "key")

    def __init__(self, key: str, doc: Document | Callable[[], Document]) -> None:
        self.key = key
        self._doc = doc if isinstance(doc, Document) else None
        self._open = None if isinstance(doc, Document) else doc

    @property
    def doc(self) -> Document:
        if self._doc is None:
            assert self._open is not None
            self._doc = self._open()
        return self._doc


#: Turns the ``extends:`` value written in ``by`` into the source it names, or raises an
#: :class:`InputError` located at ``by``'s ``extends:`` line.
Read = Callable[[str, Source], Source]


def extends_reference(doc: Document) -> str | None:
    """The ``extends:`` value of ``doc`` if it is a playbook that extends another."""
    data = doc.data
    if isinstance(data, dict) and "extends" in data:
        value = data["extends"]
        return value if isinstance(value, str) else ""
    return None


class Resolver:
    """Resolves playbook files, each chain once per run, remembering failures too."""

    def __init__(self, read: Read) -> None:
        self._read = read
        self._done: dict[str, Resolution | InputError] = {}

    def resolve(self, source: Source) -> Resolution:
        """``source`` as one playbook, every file it extends applied."""
        return self._resolve(source, ())

    def keys(self) -> list[str]:
        """The keys of every file resolved so far, the bases of chains included."""
        return list(self._done)

    def _resolve(self, source: Source, chain: tuple[Source, ...]) -> Resolution:
        found = self._done.get(source.key)
        if found is None:
            try:
                found = self._build(source, chain)
            except InputError as exc:
                found = exc
            self._done[source.key] = found
        if isinstance(found, InputError):
            raise found
        return found

    def _build(self, source: Source, chain: tuple[Source, ...]) -> Resolution:
        if extends_reference(source.doc) is None:
            return Resolution(shape.validate_playbook(source.doc), source.doc)
        extension, early, refused = read_extension(source.doc)
        chain = (*chain, source)
        base_source = self._read(extension.extends, source)
        again = [item for item in chain if item.key == base_source.key]
        if again:
            names = [item.doc.file for item in (*chain, again[0])]
            problem = source.doc.problem(
                ("extends",), "JC740", reference=extension.extends, chain=" → ".join(names)
            )
            raise InputError([problem])
        if len(chain) >= MAX_CHAIN:
            names = [item.doc.file for item in (*chain, base_source)]
            problem = source.doc.problem(
                ("extends",),
                "JC741",
                reference=extension.extends,
                limit=MAX_CHAIN,
                chain=" → ".join(names),
            )
            raise InputError([problem])
        try:
            base = self._resolve(base_source, chain)
        except InputError as exc:
            raise InputError(exc.problems + early) from None
        return extend(base, source.doc, extension, early=early, refused=refused)


# -- applying one file's changes to its resolved base -------------------------------


def extend(
    base: Resolution,
    doc: Document,
    extension: Extension,
    *,
    early: Iterable[Problem] = (),
    refused: Iterable[str] = (),
) -> Resolution:
    """``base`` with the changes ``extension`` (read from ``doc``) makes to it.

    ``early`` are problems :func:`read_extension` found, reported with the
    rest; the ``override:`` entries keyed ``refused`` are not applied. Raises
    :class:`InputError` listing every problem, each located in the file that
    wrote it.
    """
    return _Extending(base, doc, extension, list(early), set(refused)).run()


def read_extension(doc: Document) -> tuple[Extension, list[Problem], set[str]]:
    """The shape of an extending playbook, with its own problems named in its author's terms.

    Returns the extension, the problems with ``phases:`` and with fields
    ``override:`` cannot change (to report with what resolving finds), and the
    ``override:`` keys that have such fields. Where the shape itself is wrong,
    raises: our messages replace pydantic's generic "unknown key" at the same place.
    """
    mine, refused = _override_fields(doc)
    mine += _phases_problem(doc)
    try:
        extension = shape.validate_extension(doc)
    except InputError as exc:
        places = {(problem.line, problem.column) for problem in mine}
        rest = [p for p in exc.problems if (p.line, p.column) not in places]
        raise InputError(mine + rest) from None
    return extension, mine, refused


def _phases_problem(doc: Document) -> list[Problem]:
    if isinstance(doc.data, dict) and "phases" in doc.data:
        base = extends_reference(doc) or None
        return [doc.problem(("phases",), "JC742", at_key=True, base=base)]
    return []


def _override_fields(doc: Document) -> tuple[list[Problem], set[str]]:
    """Fields ``override:`` entries name that their kind of item cannot change.

    Read from the raw data, before its shape is checked, so that each gets a
    message saying what can be changed. Returns the problems and the keys of
    the entries that have them.
    """
    data = doc.data
    overrides = data.get("override") if isinstance(data, dict) else None
    if not isinstance(overrides, dict):
        return [], set()
    problems: list[Problem] = []
    refused: set[str] = set()
    for key, change in overrides.items():
        kind, _ = _split(str(key))
        if kind not in OVERRIDABLE or not isinstance(change, dict):
            continue
        allowed = OVERRIDABLE[kind]
        for name in change:
            path: Path_ = ("override", key, name)
            if name == "id" and kind == "question":
                problems.append(doc.problem(path, "JC756", at_key=True))
            elif name in allowed:
                continue
            elif kind == "question":
                fields = _listing(allowed)
                problems.append(doc.problem(path, "JC755", at_key=True, field=name, fields=fields))
            else:
                problems.append(
                    doc.problem(
                        path,
                        "JC754",
                        at_key=True,
                        field=name,
                        kind=kind_name(kind),
                        fields=_listing(allowed),
                    )
                )
            refused.add(str(key))
    return problems, refused


def _split(entry: str) -> tuple[str, str]:
    """``team:legal`` → ("team", "legal"); a plain id → ("question", id)."""
    kind, colon, name = entry.partition(":")
    return (kind, name) if colon else ("question", entry)


def _listing(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class _Extending:
    """The state of applying one extension: what is kept, changed and added, and where."""

    def __init__(
        self,
        base: Resolution,
        doc: Document,
        extension: Extension,
        problems: list[Problem],
        refused: set[str],
    ) -> None:
        self.base = base.playbook
        self.base_doc = base.doc
        self.doc = doc
        self.ext = extension
        self.problems = problems
        self.refused = refused
        self.base_name = f"{self.base.id} {self.base.version}"
        # What the base has, by id, with its index.
        self.base_questions = {q.id: i for i, q in enumerate(self.base.questions)}
        self.base_teams = {t.id: i for i, t in enumerate(self.base.teams)}
        self.base_kpis = {k.id: i for i, k in enumerate(self.base.kpis)}
        # What this file does to the base: removals (id -> index in remove:) and renames.
        self.removed: dict[tuple[str, str], int] = {}
        self.renames: dict[str, str] = {}
        # Questions this file adds, by id, with their index in its questions:.
        self.added = {q.id: i for i, q in reversed(list(enumerate(extension.questions)))}

    # -- helpers --

    def fail(self, path: Path_, code: str, /, *, at_key: bool = False, **params: object) -> None:
        self.problems.append(self.doc.problem(path, code, at_key=at_key, **params))

    def line(self, path: Path_) -> int | None:
        found = self.doc.node(path)
        return found.line if found is not None else None

    def unknown(self, key: str, path: Path_, what: str, item: str, known: Iterable[str]) -> None:
        """``item`` is not in the base: say so, with its new id if the base renamed it."""
        known = list(known)
        at_key = key == "override"
        if what == "question" and item in self.base.renamed:
            new = self.base.renamed[item]
            self.fail(
                path, "JC749", at_key=at_key, key=key, name=item, new=new, base=self.base_name
            )
        elif what == "question":
            self.fail(
                path,
                "JC747",
                at_key=at_key,
                key=key,
                base=self.base_name,
                base_id=self.base.id,
                name=item,
                suggestion=suggestion(item, known),
            )
        else:
            self.fail(
                path,
                "JC748",
                at_key=at_key,
                key=key,
                base=self.base_name,
                kind=kind_name(what),
                kinds=kind_name(what, plural=True),
                name=item,
                suggestion=suggestion(item, known),
                known=_listing(known) or None,
            )

    # -- the steps --

    def run(self) -> Resolution:
        self.read_removals()
        self.read_renames()
        origins: dict[Path_, tuple[Document, Path_]] = {(): (self.doc, ())}
        changes = self.read_overrides()
        questions = self.questions(changes.get("question", {}), origins)
        teams = self.listed(
            "team", self.base.teams, self.ext.teams, changes.get("team", {}), origins
        )
        kpis = self.listed("kpi", self.base.kpis, self.ext.kpis, changes.get("kpi", {}), origins)
        traits = self.traits(changes.get("trait", {}), origins)
        origins[("phases",)] = (self.base_doc, ("phases",))
        renamed = self.renamed(origins, {q.id for q in questions})
        playbook = Playbook(
            journeycheck=self.ext.journeycheck,
            id=self.ext.id,
            title=self.ext.title,
            version=self.ext.version,
            description=(
                self.ext.description if self.ext.description is not None else self.base.description
            ),
            traits=traits,
            phases=self.base.phases,
            teams=teams,
            questions=questions,
            kpis=kpis,
            renamed=renamed,
        )
        merged = Merged(
            file=self.doc.file,
            data=playbook.model_dump(),
            has_escapes=self.doc.has_escapes or self.base_doc.has_escapes,
            origins=origins,
        )
        self.problems.extend(playbook_references(merged, playbook))
        if self.problems:
            raise InputError(self.problems)
        lineage = (
            Ancestor(id=self.base.id, version=self.base.version, title=self.base.title),
            *self.base.lineage,
        )
        return Resolution(playbook.with_lineage(lineage), merged)

    def read_removals(self) -> None:
        forms = "team:<id>, kpi:<id>"
        for index, entry in enumerate(self.ext.remove):
            path: Path_ = ("remove", index)
            kind, name = _split(entry)
            if kind == "question":
                if name in self.base_questions:
                    self.removed.setdefault(("question", name), index)
                elif name in self.base.phase_ids():
                    self.fail(path, "JC744", name=name, base=self.base_name)
                elif name in self.base_teams:
                    self.fail(path, "JC746", name=name)
                else:
                    self.unknown("remove", path, "question", name, self.base_questions)
            elif kind == "phase":
                self.fail(path, "JC744", name=name, base=self.base_name)
            elif kind == "trait":
                self.fail(path, "JC745", name=name)
            elif kind == "team":
                if name in self.base_teams:
                    self.removed.setdefault(("team", name), index)
                else:
                    self.unknown("remove", path, "team", name, self.base_teams)
            elif kind == "kpi":
                if name in self.base_kpis:
                    self.removed.setdefault(("kpi", name), index)
                else:
                    self.unknown("remove", path, "kpi", name, self.base_kpis)
            else:
                hint = suggestion(kind, ["team", "kpi"])
                self.fail(path, "JC750", key="remove", entry=entry, forms=forms, suggestion=hint)

    def is_removed(self, question: Question) -> bool:
        return ("question", question.id) in self.removed or ("team", question.team) in self.removed

    def read_renames(self) -> None:
        targets: dict[str, str] = {}
        for old, new in self.ext.renamed.items():
            if old not in self.base_questions:
                continue  # a recorded old id: checked with the resolved playbook
            index = self.base_questions[old]
            if self.is_removed(self.base.questions[index]):
                removal = self.removed.get(("question", old))
                path: Path_ = ("remove", removal) if removal is not None else ("renamed", old)
                self.fail(("renamed", old), "JC760", name=old, line=self.line(path))
            elif new in self.base_questions and new != old:
                where = place(self.base_doc, ("questions", self.base_questions[new], "id"))
                self.fail(("renamed", old), "JC759", name=old, new=new, place=where)
            elif new in targets:
                self.fail(("renamed", old), "JC761", new=new, first=targets[new], second=old)
            else:
                targets[new] = old
                self.renames[old] = new

    def read_overrides(self) -> dict[str, dict[str, tuple[str, Override]]]:
        """Overrides by kind, then by target id: (the key as written, the new values)."""
        found: dict[str, dict[str, tuple[str, Override]]] = {}
        forms = "team:<id>, trait:<id>, kpi:<id>"
        for key, change in self.ext.override.items():
            path: Path_ = ("override", key)
            kind, name = _split(key)
            if kind not in OVERRIDABLE:
                if kind == "phase":
                    self.fail(path, "JC758", at_key=True, name=key, base=self.base_name)
                else:
                    self.fail(
                        path,
                        "JC750",
                        at_key=True,
                        key="override",
                        entry=key,
                        forms=forms,
                        suggestion=suggestion(kind, ["team", "trait", "kpi"]),
                    )
                continue
            if key in self.refused or not self.override_target_known(kind, name, path):
                continue
            if self.fields_allowed(kind, change, path):
                found.setdefault(kind, {})[name] = (key, change)
        return found

    def override_target_known(self, kind: str, name: str, path: Path_) -> bool:
        if kind == "question":
            new_ids = {new: old for old, new in self.renames.items()}
            if name in self.renames:
                self.fail(path, "JC752", at_key=True, name=name, new=self.renames[name])
                return False
            if name in new_ids:
                return True
            if name in self.base_questions:
                question = self.base.questions[self.base_questions[name]]
                if self.is_removed(question):
                    removal = self.removed.get(
                        ("question", name), self.removed.get(("team", question.team))
                    )
                    line = self.line(("remove", removal if removal is not None else 0))
                    self.fail(path, "JC751", at_key=True, name=name, line=line)
                    return False
                return True
            if name in self.added:
                line = self.line(("questions", self.added[name]))
                self.fail(path, "JC753", at_key=True, name=name, line=line)
                return False
            self.unknown("override", path, "question", name, self.base_questions)
            return False
        ids: dict[str, list[str]] = {
            "team": list(self.base_teams),
            "trait": list(self.base.traits),
            "kpi": list(self.base_kpis),
        }
        known = ids[kind]
        if name not in known:
            self.unknown("override", path, kind, name, known)
            return False
        if (kind, name) in self.removed:
            line = self.line(("remove", self.removed[(kind, name)]))
            self.fail(path, "JC751", at_key=True, name=f"{kind}:{name}", line=line)
            return False
        return True

    def fields_allowed(self, kind: str, change: Override, path: Path_) -> bool:
        """Whether ``change`` can be applied: no field emptied that cannot be empty.

        Fields ``kind`` cannot change at all were refused by :func:`read_extension`.
        """
        ok = True
        for name in sorted(change.model_fields_set):
            if getattr(change, name) is None and (kind, name) not in _NULLABLE:
                self.fail((*path, name), "JC757", field=name)
                ok = False
        return ok

    def questions(
        self,
        changes: Mapping[str, tuple[str, Override]],
        origins: dict[Path_, tuple[Document, Path_]],
    ) -> list[Question]:
        kept: list[Question] = []
        taken: dict[str, Path_] = {}
        for base_index, question in enumerate(self.base.questions):
            if self.is_removed(question):
                continue
            index = len(kept)
            origins[("questions", index)] = (self.base_doc, ("questions", base_index))
            new_id = self.renames.get(question.id, question.id)
            values = question.model_dump()
            if new_id != question.id:
                values["id"] = new_id
                origins[("questions", index, "id")] = (self.doc, ("renamed", question.id))
            change = changes.get(new_id)
            if change is not None:
                key, override = change
                for name in override.model_fields_set:
                    values[name] = getattr(override, name)
                    origins[("questions", index, name)] = (self.doc, ("override", key, name))
            kept.append(Question.model_validate(values))
            taken[new_id] = ("questions", index, "id")
        # A duplicate within this file is reported with the other duplicates of a playbook.
        own: set[str] = set()
        for added_index, question in enumerate(self.ext.questions):
            path: Path_ = ("questions", added_index, "id")
            if question.id in taken and question.id not in own:
                where = self.place_in_merged(origins, taken[question.id])
                self.fail(path, "JC743", kind=kind_name("question"), name=question.id, place=where)
                continue
            own.add(question.id)
            index = len(kept)
            origins[("questions", index)] = (self.doc, ("questions", added_index))
            kept.append(question)
        return kept

    def place_in_merged(self, origins: Mapping[Path_, tuple[Document, Path_]], path: Path_) -> str:
        return place(Merged(file=self.doc.file, data=None, origins=dict(origins)), path)

    def listed(
        self,
        kind: str,
        base_items: list[Any],
        new_items: list[Any],
        changes: Mapping[str, tuple[str, Override]],
        origins: dict[Path_, tuple[Document, Path_]],
    ) -> list[Any]:
        """Teams or KPIs: the base's, less removals, with overrides, then the new ones."""
        plural = f"{kind}s"
        model: type[Team] | type[Kpi] = Team if kind == "team" else Kpi
        kept: list[Any] = []
        taken: dict[str, Path_] = {}
        for base_index, item in enumerate(base_items):
            if (kind, item.id) in self.removed:
                continue
            index = len(kept)
            origins[(plural, index)] = (self.base_doc, (plural, base_index))
            change = changes.get(item.id)
            if change is not None:
                key, override = change
                values = item.model_dump()
                for name in override.model_fields_set:
                    values[name] = getattr(override, name)
                    origins[(plural, index, name)] = (self.doc, ("override", key, name))
                item = model.model_validate(values)
            kept.append(item)
            taken[item.id] = (plural, index, "id")
        own: set[str] = set()
        for added_index, item in enumerate(new_items):
            path: Path_ = (plural, added_index, "id")
            if item.id in taken and item.id not in own:
                where = self.place_in_merged(origins, taken[item.id])
                self.fail(path, "JC743", kind=kind_name(kind), name=item.id, place=where)
                continue
            own.add(item.id)
            index = len(kept)
            origins[(plural, index)] = (self.doc, (plural, added_index))
            kept.append(item)
        return kept

    def traits(
        self,
        changes: Mapping[str, tuple[str, Override]],
        origins: dict[Path_, tuple[Document, Path_]],
    ) -> dict[str, Trait]:
        traits: dict[str, Trait] = {}
        for name, trait in self.base.traits.items():
            origins[("traits", name)] = (self.base_doc, ("traits", name))
            change = changes.get(name)
            if change is not None:
                key, override = change
                values = trait.model_dump()
                for field_name in override.model_fields_set:
                    values[field_name] = getattr(override, field_name)
                    origins[("traits", name, field_name)] = (
                        self.doc,
                        ("override", key, field_name),
                    )
                trait = Trait.model_validate(values)
            traits[name] = trait
        for name, trait in self.ext.traits.items():
            if name in traits:
                where = place(self.base_doc, ("traits", name), at_key=True)
                self.fail(
                    ("traits", name),
                    "JC743",
                    at_key=True,
                    kind=kind_name("trait"),
                    name=name,
                    place=where,
                )
                continue
            origins[("traits", name)] = (self.doc, ("traits", name))
            traits[name] = trait
        return traits

    def renamed(
        self, origins: dict[Path_, tuple[Document, Path_]], current: set[str]
    ) -> dict[str, str]:
        """Every old id the chain recorded, pointing at today's id."""
        renamed: dict[str, str] = {}
        for old, new in self.base.renamed.items():
            new = self.renames.get(new, new)
            if new in current:
                renamed[old] = new
                origins[("renamed", old)] = (self.base_doc, ("renamed", old))
        for old, new in self.ext.renamed.items():
            if old in self.base_questions and old not in self.renames:
                continue  # refused above
            renamed[old] = new
            origins[("renamed", old)] = (self.doc, ("renamed", old))
        return renamed


# -- plans written before a question was renamed -----------------------------------


def follow_renames(plan: Plan, playbook: Playbook) -> Plan:
    """``plan`` with each answer under an old id moved to the question's current id, and
    each account's ``blocked_by`` naming current ids.

    Answers keep their order. :func:`journeycheck.checking.references.check_plan` has
    refused a plan that answers a question under two of its ids, so nothing is
    lost here.
    """
    renamed = playbook.renamed
    listed = [key for account in plan.accounts for key in account.blocked_by]
    if not renamed or not any(key in renamed for key in [*plan.answers, *listed]):
        return plan
    current = {question.id for question in playbook.questions}

    def now(key: str) -> str:
        return key if key in current else renamed.get(key, key)

    answers = {now(key): answer for key, answer in plan.answers.items()}
    # A lighthouse account blocked by a question under its old id follows it too.
    accounts = [
        account.model_copy(update={"blocked_by": [now(key) for key in account.blocked_by]})
        for account in plan.accounts
    ]
    return plan.model_copy(update={"answers": answers, "accounts": accounts})
