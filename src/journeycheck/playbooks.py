"""Where playbooks come from, and the one door through which each becomes a model.

A playbook is named by a reference: a built-in id (shipped in the package) or a
path to a file. :class:`PlaybookCache` turns a reference into a validated
:class:`~journeycheck.models.Playbook` once per run, however many plans name it,
and remembers its problems too, so that every plan naming a broken playbook
reports the same ones. Whatever a playbook is for (a plan's ``playbook:``, a
``--playbook`` flag, ``playbook check``), it is read and validated in
:meth:`PlaybookCache._validated` alone.

A playbook may extend another (``extends:``, :mod:`journeycheck.extending`): the
door resolves the whole chain, reading each file of it once per run, with a base
named by a path read relative to the file that names it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeycheck.errors import InputError, UsageError

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

    from journeycheck.extending import Resolver, Source
    from journeycheck.models import Playbook
    from journeycheck.reading.document import Document

SUFFIX = ".yaml"
#: How the cache names a built-in playbook (a file is named by its resolved path).
_BUILTIN = "builtin:"


def _folder() -> Traversable:
    from journeycheck.shipped import folder

    return folder("playbooks")


def builtin_ids() -> list[str]:
    """Ids of the playbooks shipped with journeycheck, sorted (their translations beside
    them, ``customer-journey.bg.yaml``, are not playbooks)."""
    from journeycheck.translations import is_translation_name

    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in _folder().iterdir()
        if entry.name.endswith(SUFFIX) and entry.is_file() and not is_translation_name(entry.name)
    )


def builtin_translation(playbook_id: str, language: str) -> Traversable | None:
    """The shipped ``language`` translation of built-in ``playbook_id``, if there is one."""
    if playbook_id not in builtin_ids():
        return None
    resource = _folder() / f"{playbook_id}.{language}{SUFFIX}"
    return resource if resource.is_file() else None


def builtin_file(playbook_id: str) -> Traversable | None:
    """The shipped file of ``playbook_id``, or ``None`` if there is no such built-in."""
    if playbook_id not in builtin_ids():
        return None
    return _folder() / f"{playbook_id}{SUFFIX}"


def is_path(reference: str) -> bool:
    """Whether a plan's ``playbook:`` value names a file rather than a built-in id."""
    return "/" in reference or "\\" in reference or reference.endswith((".yaml", ".yml"))


def resolve_path(reference: str, base: Path) -> Path:
    """A playbook path as written in a plan, relative to the plan's folder."""
    return base / Path(reference).expanduser()


# Plain classes: every run builds them, and a dataclass costs far more to build.


class Resolved:
    """A playbook reference, resolved: the playbook, and the file it came from."""

    __slots__ = ("file", "key", "playbook")

    def __init__(self, playbook: Playbook, file: Path | None, key: str) -> None:
        self.playbook = playbook
        #: The playbook's file, links resolved; ``None`` for a built-in playbook.
        self.file = file
        #: The same for every reference to this playbook in a run (its cache entry).
        self.key = key


class PlaybookCache:
    """Playbooks loaded so far in this run, by where they came from."""

    def __init__(self, *, allow_outside: bool = False, language: str | None = None) -> None:
        self._loaded: dict[str, Playbook | InputError] = {}
        self._localised: dict[tuple[str, str], Playbook | InputError] = {}
        self._resolver: Resolver | None = None
        #: Let a plan name a playbook file outside its repository (``--allow-outside``).
        self.allow_outside = allow_outside
        #: The language playbooks are given in: their texts translated where a current
        #: translation exists beside them (journeycheck.translations), English elsewhere.
        #: ``None``: the language current when each playbook is asked for (a plan's own
        #: ``language:`` may choose it).
        self.language = language

    def resolve(
        self,
        reference: str,
        base: Path = Path(),
        doc: Document | None = None,
        *,
        plan: Path | None = None,
    ) -> Resolved:
        """The playbook a plan (or a command-line flag) names.

        ``reference`` is a built-in id or a path relative to ``base``. When
        ``doc`` is given (the plan naming it, read from ``plan``), a playbook
        that cannot be found, or that is the plan itself, is reported at the
        plan's ``playbook:`` line; problems inside the playbook are reported in
        the playbook file itself.
        """
        if is_path(reference):
            from journeycheck.paths import identity

            path = resolve_path(reference, base)
            file = identity(path)
            if plan is not None and doc is not None and file == identity(plan):
                raise InputError([doc.problem(("playbook",), "JC309", reference=reference)])
            if doc is not None and not self.allow_outside:
                _refuse_outside(doc, reference, file, base)
            key = str(file)
            # Anything else that is not a file (a pipe, a link loop) is reported by the loader.
            missing = path.is_dir() or not os.path.lexists(path)
            if key not in self._loaded and missing:
                if path.is_dir():
                    raise _not_found(doc, ("JC308", "JC410"), reference=reference, path=path)
                builtin: str | None = Path(reference).stem
                if builtin not in builtin_ids() or path.exists():
                    builtin = None
                raise _not_found(
                    doc, ("JC307", "JC409"), reference=reference, path=path, builtin=builtin
                )
            loaded = self._remember(key, lambda: self._from_file(path, key))
            return Resolved(self._localise(key, loaded, file), file, key)
        key = f"{_BUILTIN}{reference}"
        if key in self._loaded:  # a portfolio names the same built-in in every plan
            return Resolved(self._localise(key, self._recall(key), None), None, key)
        resource = builtin_file(reference)
        if resource is None:
            from journeycheck.checking.wording import listing, suggestion

            known = builtin_ids()
            raise _not_found(
                doc,
                ("JC306", "JC408"),
                reference=reference,
                suggestion=suggestion(reference, known),
                builtins=listing(known),
            )
        loaded = self._remember(key, lambda: self._builtin(resource, key))
        return Resolved(self._localise(key, loaded, None), None, key)

    def get(self, reference: str, base: Path = Path()) -> Playbook:
        """The playbook a command-line flag names (see :meth:`resolve`)."""
        return self.resolve(reference, base).playbook

    def files(self) -> list[Path]:
        """The playbook files read so far, the bases of chains included (built-in playbooks
        are not files of the user's)."""
        keys = dict.fromkeys(self._loaded)
        if self._resolver is not None:
            keys.update(dict.fromkeys(self._resolver.keys()))
        return [Path(key) for key in keys if not key.startswith(_BUILTIN)]

    def _remember(self, key: str, load: Callable[[], Playbook]) -> Playbook:
        """Load ``key`` once (its problems too, so they are reported alike each time)."""
        if key not in self._loaded:
            try:
                self._loaded[key] = load()
            except InputError as exc:
                self._loaded[key] = exc
        return self._recall(key)

    def _localise(self, key: str, playbook: Playbook, file: Path | None) -> Playbook:
        """``playbook`` in this cache's language, translated once per run."""
        language = _current_language() if self.language is None else self.language
        if language == "en":
            return playbook
        if (key, language) not in self._localised:
            from journeycheck.translations import localise

            try:
                found: Playbook | InputError = localise(playbook, language, file=file)
            except InputError as exc:  # a broken translation file is the user's to fix
                found = exc
            self._localised[key, language] = found
        found = self._localised[key, language]
        if isinstance(found, InputError):
            raise found
        return found

    def _recall(self, key: str) -> Playbook:
        found = self._loaded[key]
        if isinstance(found, InputError):
            raise found
        return found

    def read(self, path: Path) -> Playbook:
        """The playbook in ``path``, a file given as a playbook (``playbook check``).

        Unlike a reference, ``path`` is always a file, and a missing one is
        reported as a problem with that file.
        """
        from journeycheck.paths import identity

        key = str(identity(path))
        return self._remember(key, lambda: self._from_file(path, key))

    def _from_file(self, path: Path, key: str) -> Playbook:
        from journeycheck.reading import load_file

        return self._validated(key, load_file(path))

    def _builtin(self, resource: Traversable, key: str) -> Playbook:
        from journeycheck import prepared
        from journeycheck.reading.compose import parse_text

        text = resource.read_text("utf-8")
        # Validated by an earlier run of this version (a chain being resolved reads its own).
        kept = prepared.load(text) if self._resolver is None else None
        if kept is not None:
            return kept
        doc = parse_text(text, str(resource))
        playbook = self._validated(key, doc)
        if self._resolver is None and not playbook.lineage:
            prepared.keep(text, playbook)
        return playbook

    def _validated(self, key: str, doc: Document) -> Playbook:
        """The one place a parsed playbook file becomes a :class:`Playbook`."""
        data = doc.data
        if not (isinstance(data, dict) and "extends" in data) and self._resolver is None:
            # The usual playbook extends none: no chain to resolve, nothing more to import.
            from journeycheck.checking.shape import validate_playbook

            return validate_playbook(doc)
        from journeycheck.extending import Resolver, Source

        if self._resolver is None:
            self._resolver = Resolver(_read_base)
        return self._resolver.resolve(Source(key, doc)).playbook


def _current_language() -> str:
    """The language of this run (journeycheck.i18n), English where it cannot be told."""
    try:
        from journeycheck import i18n  # type: ignore[attr-defined,unused-ignore]
    except ImportError:  # the language choice is not part of this build
        return "en"
    language: str = i18n.current()
    return language


def boundary(plan_folder: Path) -> tuple[Path, bool]:
    """The folder a playbook named by a plan in ``plan_folder`` must be inside, and whether
    it is the top of the plan's repository.

    That is the nearest folder up from the plan with a ``.git`` in it. A plan in no
    repository may name a playbook inside the folder journeycheck runs in, if the plan
    is inside it too, and else inside the plan's own folder. Links are resolved.
    """
    from journeycheck.paths import identity

    folder = identity(plan_folder)
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate, True
    try:
        here = Path.cwd().resolve()
    except OSError:  # the working folder was deleted
        return folder, False
    return (here if folder == here or here in folder.parents else folder), False


def _refuse_outside(doc: Document, reference: str, playbook: Path, plan_folder: Path) -> None:
    """Refuse a playbook path in a plan that leads out of the plan's repository.

    A plan is often someone else's change (a pull request audited in CI), and its
    ``playbook:`` could name any file the job can read: ``/etc/passwd``, a token.
    The file is not opened, so nothing of it is said, not even whether it exists.
    """
    limit = outside(playbook, plan_folder)
    if limit is not None:
        repository, folder = limit
        problem = doc.problem(
            ("playbook",), "JC314", reference=reference, repository=repository, folder=folder
        )
        raise InputError([problem])


def outside(playbook: Path, plan_folder: Path) -> tuple[Path | None, Path | None] | None:
    """Whether a plan in ``plan_folder`` may name ``playbook`` (resolved) only with
    ``--allow-outside``: ``None`` when it is inside :func:`boundary`, else the boundary as
    ``(repository, None)`` or ``(None, folder)``, as JC314 and JC785 name it."""
    root, in_repository = boundary(plan_folder)
    if playbook == root or root in playbook.parents:
        return None
    return (root, None) if in_repository else (None, root)


def read(path: Path) -> Playbook:
    """The playbook in ``path``, a file given as a playbook (see :meth:`PlaybookCache.read`)."""
    return PlaybookCache().read(path)


def _builtin_document(resource: Traversable) -> Document:
    from journeycheck.reading.compose import parse_text

    return parse_text(resource.read_text("utf-8"), str(resource))


def _read_base(reference: str, by: Source) -> Source:
    """The playbook ``by`` extends: a built-in id, or a path relative to ``by``'s file.

    A base that names nothing is reported at ``by``'s ``extends:`` line. The
    file is read only if the resolver does not know it already.
    """
    from journeycheck.extending import Source

    if is_path(reference):
        from journeycheck.paths import identity
        from journeycheck.reading import load_file

        path = Path(os.path.normpath(resolve_path(reference, Path(by.doc.file).parent)))
        if path.is_dir():
            raise InputError(
                [by.doc.problem(("extends",), "JC767", reference=reference, path=path)]
            )
        if not os.path.lexists(path):
            raise InputError(
                [by.doc.problem(("extends",), "JC766", reference=reference, path=path)]
            )
        return Source(str(identity(path)), lambda: load_file(path))
    resource = builtin_file(reference)
    if resource is None:
        from journeycheck.checking.wording import listing, suggestion

        known = builtin_ids()
        problem = by.doc.problem(
            ("extends",),
            "JC768",
            reference=reference,
            suggestion=suggestion(reference, known),
            builtins=listing(known),
        )
        raise InputError([problem])
    return Source(f"{_BUILTIN}{reference}", lambda: _builtin_document(resource))


def _not_found(doc: Document | None, codes: tuple[str, str], **params: Any) -> Exception:
    """A playbook reference that names nothing: in the plan ``doc`` (the first code), or
    given on the command line (the second)."""
    in_plan, on_command_line = codes
    if doc is None:
        return UsageError(on_command_line, **params)
    return InputError([doc.problem(("playbook",), in_plan, **params)])
