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
from journeycheck.errors import OutputError, UsageError
from journeycheck.interview import Given, Prompter, settle
from journeycheck.output import write_atomic
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
        _check_writable(target, force=request.force)
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
    )
    scaffold = render_plan(playbook, choices)
    if target is not None and schema_path is not None:
        schema = dumps(plan_schema_for(playbook))
        write_plan(target, scaffold.text, schema_path, schema, force=request.force)
    return Created(scaffold, target, schema_path, settled.warnings)


def schema_path_for(plan: Path, playbook_id: str) -> Path:
    """Where the schema for a plan against ``playbook_id`` goes: beside the plan."""
    return plan.parent / SCHEMA_FOLDER / f"{playbook_id}.plan.schema.json"


def write_plan(plan: Path, text: str, schema_path: Path, schema: str, *, force: bool) -> None:
    """Write the schema, then the plan; if the plan fails, leave no new file behind."""
    folder = schema_path.parent
    made_folder = not folder.exists()
    made_schema = not schema_path.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError("JC506", folder=folder, reason=exc.strerror or str(exc)) from None
    try:
        write_atomic(schema_path, schema)
        write_atomic(plan, text, overwrite=force)
    except BaseException:
        if made_schema:
            with contextlib.suppress(OSError):
                schema_path.unlink()
        if made_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _check_writable(plan: Path, *, force: bool) -> None:
    """Refuse, before any question is asked, a plan that could not be written."""
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
