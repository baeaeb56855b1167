"""``journeycheck init`` end to end: a new plan file, and the schema editors check it with.

The steps: load the playbook, check the flags against it, make sure the plan may
be written, settle what the flags left open (:mod:`journeycheck.interview`),
render (:mod:`journeycheck.scaffold`) and write. Everything that can be refused
is refused before the first prompt, and nothing is written until the end.

The plan's first line points editors at ``.journeycheck/<playbook>.plan.schema.json``
beside it: the plan schema narrowed to the playbook (its question ids, traits
and phases). Each run refreshes that file; both files are written atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from journeycheck import playbooks
from journeycheck.checking import flags
from journeycheck.errors import OutputError, UsageError, os_reason
from journeycheck.interview import Given, Prompter, settle
from journeycheck.messages import render
from journeycheck.output import check_links, write_atomic
from journeycheck.paths import identity
from journeycheck.scaffold import (
    Choices,
    Scaffold,
    check_launch,
    check_product,
    render_plan,
    summary,
)

#: The folder, beside a plan, that holds what journeycheck generates for editors.
SCHEMA_FOLDER = ".journeycheck"


@dataclass(frozen=True)
class InitRequest:
    """What ``journeycheck init`` was asked for on the command line."""

    #: Where to write the plan; ``None`` means standard output.
    path: Path | None
    playbook: str = "customer-journey"
    product: str | None = None
    launch: dt.date | None = None
    traits: tuple[str, ...] = ()
    #: ``--owner TEAM=NAME`` flags; ``None`` when none was given (then owners may be asked).
    owners: tuple[str, ...] | None = None
    gate: str | None = None
    force: bool = False


@dataclass(frozen=True)
class Created:
    """The outcome: the plan's text, and where it and its schema went (if anywhere)."""

    scaffold: Scaffold
    path: Path | None
    schema_path: Path | None
    #: Warnings about what the flags chose (a launch date long past), for standard error.
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.scaffold.text

    def summary(self) -> str:
        assert self.path is not None
        schema = None if self.schema_path is None else str(self.schema_path)
        return summary(self.scaffold, str(self.path), schema)


def create_plan(
    request: InitRequest, prompter: Prompter | None, today: dt.date | None = None
) -> Created:
    """Build the plan ``request`` describes and write it (unless it goes to standard output).

    ``prompter`` asks for what the flags left open; ``None`` takes defaults.
    ``today`` (default: the clock's) is what a launch date long past is judged from.
    """
    from journeycheck.schemas import dumps, plan_schema_for

    try:
        Path.cwd()
    except FileNotFoundError:
        raise UsageError("JC425") from None
    # Relative to where the user is, so problems name the file as they typed it.
    playbook = playbooks.PlaybookCache().get(request.playbook)
    traits = flags.traits(request.traits)
    flags.check_traits(traits, playbook)
    gate = flags.check_gate(request.gate, playbook)
    owners = None if request.owners is None else flags.owners(request.owners)
    if owners:
        flags.check_owners(owners, playbook)
    if request.product is not None:
        check_product(request.product)
    if request.launch is not None:
        check_launch(request.launch, playbook)
    target = request.path
    if target is not None:
        if request.force and target.is_symlink():
            # Asked to write through the link: the plan goes where it points, and its
            # schema beside it there, so the plan's first line still finds it.
            target = Path(os.path.realpath(target))
        _check_writable(target, playbook.id, force=request.force)
    folder = Path.cwd() if target is None else identity(target).parent
    settled = settle(
        playbook,
        Given(request.product, request.launch, traits, owners, gate),
        prompter,
        default_product=folder.name or None,
        today=dt.date.today() if today is None else today,
    )
    schema_path = None if target is None else schema_path_for(target, playbook.id)
    choices = Choices(
        product=settled.product,
        launch=settled.launch,
        playbook=_playbook_reference(request.playbook, folder),
        traits=settled.traits,
        owners=settled.owners,
        gate=settled.gate,
        schema=None if schema_path is None else f"{SCHEMA_FOLDER}/{schema_path.name}",
        plan_name=None if target is None else str(target),
        language=_plan_language(),
    )
    scaffold = render_plan(playbook, choices)
    if target is not None and schema_path is not None:
        schema = dumps(plan_schema_for(playbook))
        write_plan(target, scaffold.text, schema_path, schema, force=request.force)
    warnings = settled.warnings
    if target is not None:
        warnings += _outside_warnings(request.playbook, folder)
    return Created(scaffold, target, schema_path, warnings)


def _outside_warnings(reference: str, plan_folder: Path) -> tuple[str, ...]:
    """JC785 when the playbook given is a file the new plan may name only with --allow-outside.

    init writes the plan as asked (the path is the user's own), but audit, set and the
    rest would then refuse the plan (JC314) with no word from init of why.
    """
    if not playbooks.is_path(reference):
        return ()
    limit = playbooks.outside(identity(Path(reference).expanduser()), plan_folder)
    if limit is None:
        return ()
    repository, folder = limit
    return (render("JC785", reference=reference, repository=repository, folder=folder),)


def _plan_language() -> str | None:
    """The ``language:`` a new plan records: the language init speaks, unless English.

    So the plan's reports and messages stay in the language its author chose,
    whoever runs journeycheck on it later; English, the default, needs no key.
    """
    from journeycheck import i18n

    lang = i18n.current()
    return lang if lang in i18n.SUPPORTED and lang != "en" else None


def schema_path_for(plan: Path, playbook_id: str) -> Path:
    """Where the schema for a plan against ``playbook_id`` goes: beside the plan."""
    return plan.parent / SCHEMA_FOLDER / f"{playbook_id}.plan.schema.json"


def write_plan(plan: Path, text: str, schema_path: Path, schema: str, *, force: bool) -> None:
    """Write the plan and its schema, or, if either fails, take back what this run made.

    Without ``--force`` the plan comes first: writing it claims its name
    atomically, so of two ``init`` runs on one path the one that loses stops
    there, before it has touched the schema the other one wrote; and nothing is
    written through a symbolic link (see :func:`output.check_links`). With
    ``--force`` the schema comes first, so a failure leaves the old plan as it was.
    """
    folder = schema_path.parent
    made = _Made()
    try:
        if not force:
            made.write(plan, text, overwrite=False, follow_links=False)
        check_links(folder, follow=force)
        try:
            folder.mkdir()
            made.add(folder)
        except FileExistsError:
            pass
        except OSError as exc:
            raise OutputError("JC506", folder=folder, reason=os_reason(exc)) from None
        made.write(schema_path, schema, overwrite=True, follow_links=force)
        if force:
            made.write(plan, text, overwrite=True, follow_links=True)
    except BaseException:
        made.take_back()
        raise


class _Made:
    """What one ``init`` run created, to take it back if the run fails.

    A path counts only if nothing was there before this run wrote it, and it is
    taken back only while it is still the file this run wrote (its inode), so a
    failing run never removes what a concurrent one made.
    """

    def __init__(self) -> None:
        self._paths: list[tuple[Path, tuple[int, int] | None]] = []

    def write(self, path: Path, text: str, *, overwrite: bool, follow_links: bool) -> None:
        existed = os.path.lexists(path)
        write_atomic(path, text, overwrite=overwrite, follow_links=follow_links)
        if not existed:
            self.add(path)

    def add(self, path: Path) -> None:
        self._paths.append((path, _identity_of(path)))

    def take_back(self) -> None:
        for path, identity_then in reversed(self._paths):
            if identity_then is None or _identity_of(path) != identity_then:
                continue
            with contextlib.suppress(OSError):
                if path.is_dir():
                    path.rmdir()  # only if nothing else was put in it
                else:
                    path.unlink()


def _identity_of(path: Path) -> tuple[int, int] | None:
    """The device and inode of what is at ``path`` (a link itself, not what it names)."""
    try:
        info = path.lstat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _check_writable(plan: Path, playbook_id: str, *, force: bool) -> None:
    """Refuse, before any question is asked, a plan that could not be written."""
    # A link at the plan, at its schema or at the schema's folder: a checkout can ship
    # one (git stores links), and writing through it would replace what it points to.
    schema = schema_path_for(plan, playbook_id)
    for path in (plan, schema.parent, schema):
        check_links(path, follow=force)
    if plan.is_dir():
        raise OutputError("JC507", path=plan)
    if not plan.parent.is_dir():
        raise OutputError("JC502", path=plan, folder=plan.parent)
    if plan.exists() and not plan.is_file():
        raise OutputError("JC508", path=plan)
    if plan.exists() and not force:
        raise OutputError("JC501", path=plan)


def _playbook_reference(reference: str, plan_folder: Path) -> str:
    """The plan's ``playbook:`` value: an id as given, a path made relative to the plan."""
    if not playbooks.is_path(reference):
        return reference
    target = identity(Path(reference).expanduser())
    try:
        relative = Path(os.path.relpath(target, plan_folder)).as_posix()
    except ValueError:  # another drive on Windows
        return target.as_posix()
    if not playbooks.is_path(relative):
        relative = f"./{relative}"
    return relative
