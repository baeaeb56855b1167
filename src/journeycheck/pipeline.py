"""The steps in order: load → validate → score, for one plan file at a time.

The CLI calls these; they read files but print nothing. A :class:`PlaybookCache`
makes a portfolio of plans parse and validate each playbook once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeycheck import playbooks
from journeycheck.checking.references import check_flag_names, check_gate, check_plan
from journeycheck.checking.shape import validate_plan, validate_playbook
from journeycheck.checking.wording import listing, suggestion
from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.models import Plan, Playbook
from journeycheck.paths import NotAPlan, PlanFile, identity, read_plan
from journeycheck.reading import load_file
from journeycheck.reading.compose import parse_text
from journeycheck.reading.document import Document

if TYPE_CHECKING:
    from journeycheck.result import AuditResult


@dataclass(frozen=True)
class LoadedPlan:
    """A plan validated against its playbook, with the document for locating problems."""

    doc: Document
    plan: Plan
    playbook: Playbook
    #: The playbook's file, links resolved; ``None`` for a built-in playbook.
    playbook_file: Path | None = None


@dataclass
class PlaybookCache:
    """Playbooks loaded so far in this run, by where they came from."""

    _loaded: dict[str, Playbook | InputError] = field(default_factory=dict)

    def get(self, reference: str, base: Path, doc: Document | None = None) -> Playbook:
        """The playbook a plan (or a command-line flag) names.

        ``reference`` is a built-in id or a path relative to ``base``. When
        ``doc`` is given, a playbook that cannot be found is reported at the
        plan's ``playbook:`` line; problems inside the playbook are reported in
        the playbook file itself.
        """
        if playbooks.is_path(reference):
            path = playbooks.resolve_path(reference, base)
            key = str(identity(path))
            # Anything else that is not a file (a pipe, a link loop) is reported by the loader.
            missing = path.is_dir() or not os.path.lexists(path)
            if key not in self._loaded and missing:
                if path.is_dir():
                    raise _not_found(doc, ("JC308", "JC410"), reference=reference, path=path)
                builtin: str | None = Path(reference).stem
                if builtin not in playbooks.builtin_ids() or path.exists():
                    builtin = None
                raise _not_found(
                    doc, ("JC307", "JC409"), reference=reference, path=path, builtin=builtin
                )
            return self._remember(key, lambda: validate_playbook(load_file(path)))
        key = f"builtin:{reference}"
        if key in self._loaded:  # a portfolio names the same built-in in every plan
            return self._recall(key)
        resource = playbooks.builtin_file(reference)
        if resource is None:
            known = playbooks.builtin_ids()
            raise _not_found(
                doc,
                ("JC306", "JC408"),
                reference=reference,
                suggestion=suggestion(reference, known),
                builtins=listing(known),
            )
        return self._remember(
            key, lambda: validate_playbook(parse_text(resource.read_text("utf-8"), str(resource)))
        )

    def files(self) -> list[Path]:
        """The playbook files read so far (built-in playbooks are not files of the user's)."""
        return [Path(key) for key in self._loaded if not key.startswith("builtin:")]

    def _remember(self, key: str, load: Callable[[], Playbook]) -> Playbook:
        """Load ``key`` once (its problems too, so they are reported alike each time)."""
        if key not in self._loaded:
            try:
                self._loaded[key] = load()
            except InputError as exc:
                self._loaded[key] = exc
        return self._recall(key)

    def _recall(self, key: str) -> Playbook:
        found = self._loaded[key]
        if isinstance(found, InputError):
            raise found
        return found


def _not_found(doc: Document | None, codes: tuple[str, str], **params: Any) -> Exception:
    """A playbook reference that names nothing: in the plan ``doc`` (the first code), or
    given on the command line (the second)."""
    in_plan, on_command_line = codes
    if doc is None:
        return UsageError(on_command_line, **params)
    return InputError([doc.problem(("playbook",), in_plan, **params)])


def load_plan(path: Path, cache: PlaybookCache, *, shown_as: str | None = None) -> LoadedPlan:
    """Load, validate and cross-check one plan and the playbook it names."""
    return plan_from_document(load_file(path, shown_as=shown_as), path, cache)


def plan_from_document(doc: Document, path: Path, cache: PlaybookCache) -> LoadedPlan:
    """Validate a parsed plan read from ``path`` and cross-check it with its playbook."""
    plan = validate_plan(doc)
    playbook_file = None
    if playbooks.is_path(plan.playbook):
        playbook_file = identity(playbooks.resolve_path(plan.playbook, path.parent))
        if playbook_file == identity(path):
            raise InputError([doc.problem(("playbook",), "JC309", reference=plan.playbook)])
    playbook = cache.get(plan.playbook, path.parent, doc)
    check_plan(doc, plan, playbook)
    return LoadedPlan(doc, plan, playbook, playbook_file)


@dataclass(frozen=True)
class CheckedPlan:
    """What checking one plan file found, without scoring it."""

    file: PlanFile
    #: Every problem in the plan and its playbook; empty when the plan is valid.
    problems: list[Problem] = field(default_factory=list)
    #: Why a file found in a folder was not read as a plan; ``None`` when it was.
    skipped: str | None = None


def check_plan_file(file: PlanFile, cache: PlaybookCache) -> CheckedPlan:
    """Check one plan and the playbook it names; problems are returned, not raised."""
    try:
        doc = read_plan(file)
        if isinstance(doc, NotAPlan):
            return CheckedPlan(file, skipped=doc.why)
        plan_from_document(doc, file.path, cache)
    except InputError as exc:
        return CheckedPlan(file, exc.problems)
    return CheckedPlan(file)


def audit_loaded(
    loaded: LoadedPlan,
    as_of: dt.date,
    *,
    gate: str | None = None,
    threshold: float | None = None,
) -> AuditResult:
    """Score a loaded plan; ``gate``/``threshold`` are command-line overrides."""
    from journeycheck.score import audit

    check_gate(gate, loaded.playbook)
    result = audit(loaded.playbook, loaded.plan, as_of, gate=gate, threshold=threshold)
    return result.model_copy(update={"file": loaded.doc.file})


@dataclass(frozen=True)
class AuditSettings:
    """What the command line asks of every plan in a run."""

    as_of: dt.date
    #: Overrides of the plan's own gate and threshold.
    gate: str | None = None
    threshold: float | None = None
    #: List only these teams and phases (empty: all); scores and verdicts are unchanged.
    teams: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()


def audit_document(
    doc: Document, path: Path, cache: PlaybookCache, settings: AuditSettings
) -> AuditResult:
    """Audit an already parsed plan file, narrowed to the teams and phases asked for.

    Raises :class:`InputError` for problems in the plan or its playbook, and
    :class:`UsageError` when a flag names something the plan's playbook lacks.
    """
    return audit_with(plan_from_document(doc, path, cache), settings)


def audit_with(loaded: LoadedPlan, settings: AuditSettings) -> AuditResult:
    """Audit a loaded plan with the command line's overrides and narrowing."""
    result = audit_loaded(loaded, settings.as_of, gate=settings.gate, threshold=settings.threshold)
    check_flag_names("JC405", settings.teams, [team.id for team in loaded.playbook.teams])
    check_flag_names("JC406", settings.phases, loaded.playbook.phase_ids())
    return result.narrowed(teams=set(settings.teams), phases=set(settings.phases))


def audit_file(path: Path, cache: PlaybookCache, settings: AuditSettings) -> AuditResult:
    """Load and audit one plan file (see :func:`audit_document`)."""
    return audit_document(load_file(path), path, cache, settings)
