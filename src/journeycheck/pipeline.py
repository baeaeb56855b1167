"""One plan file to its outcome: read → check → score. The only way a plan is read.

``audit`` and ``validate`` and the portfolio's workers all call :func:`process`,
which reads and checks one plan and the playbook it names, and, when the run
scores plans, scores it. Problems become a :class:`Failed` outcome rather than an
exception, so a portfolio can carry on with the next plan. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from journeycheck.checking import flags
from journeycheck.checking.references import check_plan, plan_references
from journeycheck.checking.shape import validate_plan
from journeycheck.errors import InputError, JourneycheckError, Problem, UsageError
from journeycheck.paths import NotAPlan, PlanFile, read_plan
from journeycheck.playbooks import PlaybookCache, Resolved

if TYPE_CHECKING:
    from journeycheck.models import Plan, Playbook
    from journeycheck.reading.document import Document
    from journeycheck.result import AuditResult
    from journeycheck.tickets import Located
    from journeycheck.upgrading import VersionGap


# Named tuples and plain classes rather than dataclasses: every run builds these
# classes, and a dataclass costs several times as much to build (docs/performance.md).


class AuditSettings(NamedTuple):
    """What the command line asks of every plan in a run."""

    as_of: dt.date
    #: Overrides of the plan's own gate and threshold.
    gate: str | None = None
    threshold: float | None = None
    #: List only these teams and phases (empty: all); scores and verdicts are unchanged.
    teams: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    #: Let plans name playbook files outside their repository (``--allow-outside``).
    allow_outside: bool = False

    def check(self, playbook: Playbook) -> None:
        """Refuse a flag naming what ``playbook`` lacks (``--gate``, ``--team``, ``--phase``)."""
        flags.check_gate(self.gate, playbook)
        flags.check_teams(self.teams, playbook)
        flags.check_phases(self.phases, playbook)


class Run:
    """What every plan of one run shares: the playbooks loaded so far, and the flags."""

    def __init__(
        self,
        settings: AuditSettings | None = None,
        playbooks: PlaybookCache | None = None,
        *,
        locate: bool = False,
        warnings_as_of: dt.date | None = None,
        allow_outside: bool = False,
    ) -> None:
        #: How to score each plan; ``None`` only checks them (``validate``).
        self.settings = settings
        #: Look for warnings (:mod:`journeycheck.checking.warnings`) as of this day;
        #: ``None`` does not look (``audit``).
        self.warnings_as_of = warnings_as_of
        #: ``allow_outside``: plans may name playbook files outside their repository.
        self.playbooks = (
            PlaybookCache(allow_outside=allow_outside) if playbooks is None else playbooks
        )
        #: Whether each audited plan comes with the places of its gaps' answers (tickets, SARIF).
        self.locate = locate
        #: The flags checked against each playbook, once: by playbook, what was wrong.
        self._refused: dict[str, UsageError | None] = {}

    def check_flags(self, resolved: Resolved) -> None:
        """Check the flags against the playbook the first time a plan names it."""
        if self.settings is None:
            return
        if resolved.key not in self._refused:
            try:
                self.settings.check(resolved.playbook)
                self._refused[resolved.key] = None
            except UsageError as exc:
                self._refused[resolved.key] = exc
        refused = self._refused[resolved.key]
        if refused is not None:
            raise refused


class Checked(NamedTuple):
    """A valid plan, not scored (``validate``)."""

    file: str
    #: The playbook file the plan named (``None`` for a built-in playbook).
    playbook_file: Path | None = None
    #: What the plan says that its author probably did not mean, when the run looks. A
    #: worker process sends each as the line it prints (``str(problem)``), all ``validate``
    #: does with it (:func:`journeycheck.portfolio.worded`).
    warnings: tuple[Problem | str, ...] = ()
    #: Set when the plan was written against another version of its playbook.
    version_gap: VersionGap | None = None


class Audited(NamedTuple):
    """A plan that was scored."""

    file: str
    result: AuditResult
    #: The playbook file the plan named (``None`` for a built-in playbook).
    playbook_file: Path | None = None
    #: Where each gap's answer is in the plan, and the playbook's words for it, when the
    #: run asked (``Run(locate=True)``).
    located: Located | None = None
    #: Set when the plan was written against another version of its playbook.
    version_gap: VersionGap | None = None


class Failed(NamedTuple):
    """A plan that could not be checked or scored, and every problem found in it."""

    file: str
    problems: tuple[Problem, ...]
    #: Whether a flag names something the plan's playbook lacks (``--gate``, ``--team``,
    #: ``--phase``); ``problems`` then holds that one message, against the plan.
    refused_flag: bool = False

    def error(self) -> JourneycheckError:
        """The exception a run of this one plan ends with."""
        if self.refused_flag:
            (refusal,) = self.problems
            return UsageError(refusal.code, **refusal.params)
        return InputError(list(self.problems))


class Skipped(NamedTuple):
    """A YAML file found in a folder that is not a plan."""

    file: str
    why: str


Outcome = Checked | Audited | Failed | Skipped


class Loaded(NamedTuple):
    """A plan read and checked against its playbook, not scored yet."""

    #: The plan as problems and reports name it.
    file: str
    plan: Plan
    resolved: Resolved
    #: The parsed plan, for locating what the result points at.
    doc: Document


def process(file: PlanFile, run: Run) -> Outcome:
    """Read and check ``file`` and the playbook it names, then score it if ``run`` scores.

    A plan's problems (and a flag its playbook cannot satisfy) become a
    :class:`Failed` outcome; anything else raised is a bug.
    """
    with kept_out_of_collections():
        return _processed(file, run)


#: Whether this process keeps older objects out of collections already: a portfolio
#: while its later plans run, a worker process for its whole life.
_frozen = False


@contextlib.contextmanager
def kept_out_of_collections() -> Iterator[None]:
    """Keep the garbage collector's full collections off what is alive now, while the block runs.

    A full collection scans every object alive: the imported modules' hundreds of
    thousands, and in a portfolio the loaded playbook and built validators, which
    live as long as the run. Reading and scoring a playbook of 2,000 questions made
    two, a fifth of its audit, where one of 250 made none, so the time per question
    grew with the playbook; a portfolio's collections scanned the same objects again
    every few plans, about a sixth of its CPU time (docs/performance.md). What the
    block makes is collected, in larger steps (:data:`YOUNG_COLLECTION`), and a
    program that uses journeycheck gets its objects and its collector's settings
    back when the block ends. Inside another such block (a portfolio's later plans)
    this one changes nothing.
    """
    global _frozen
    import gc

    if _frozen:
        yield
        return
    thresholds = kept_out_for_good()
    try:
        yield
    finally:
        _frozen = False
        gc.set_threshold(*thresholds)
        gc.unfreeze()


#: New objects between two collections of the youngest generation while older ones are
#: kept out (Python's default is 700). A plan's reading and scoring make tens of
#: thousands of objects that live until its section is written, and at 700 the
#: collector went over them again and again: 3.5 % of a plan's instructions, as JSON
#: or in the terminal; 5,000 and 100,000 save the same (docs/performance.md).
YOUNG_COLLECTION = 10_000


def kept_out_for_good() -> tuple[int, int, int]:
    """Keep what is alive out of collections, and collect the young in larger steps, for
    the rest of the process (a worker's) or until undone; the thresholds it replaced."""
    global _frozen
    import gc

    thresholds = gc.get_threshold()
    gc.freeze()
    _frozen = True
    gc.set_threshold(max(YOUNG_COLLECTION, thresholds[0]), *thresholds[1:])
    return thresholds


def _processed(file: PlanFile, run: Run) -> Outcome:
    loaded = load(file, run)
    if not isinstance(loaded, Loaded):
        return loaded
    playbook = loaded.resolved.playbook
    gap = _version_gap(loaded.plan, playbook)
    if run.settings is None:
        warnings = _warnings(loaded.doc, loaded.plan, playbook, run)
        return Checked(file.name, loaded.resolved.file, warnings, gap)
    result = score(loaded.file, loaded.plan, playbook, run.settings)
    located = _locate(result, playbook, loaded.doc) if run.locate else None
    return Audited(file.name, result, loaded.resolved.file, located, gap)


def load(file: PlanFile, run: Run) -> Loaded | Failed | Skipped:
    """Read and check ``file`` and its playbook, and the run's flags against that playbook."""
    doc: Document | None = None
    try:
        found = read_plan(file)
        if isinstance(found, NotAPlan):
            return Skipped(file.name, found.why)
        doc = found
        plan, resolved = check_document(doc, file.path, run.playbooks)
        if run.settings is not None:
            run.check_flags(resolved)
    except InputError as exc:
        return Failed(file.name, tuple(exc.problems) + _warnings(doc, None, None, run))
    except UsageError as exc:
        # Reported against this plan, so that the others of a portfolio are still audited.
        refusal = Problem(file.name, None, None, exc.code, **exc.params)
        return Failed(file.name, (refusal,), refused_flag=True)
    return Loaded(file.name, plan, resolved, doc)


def _warnings(
    doc: Document | None, plan: Plan | None, playbook: Playbook | None, run: Run
) -> tuple[Problem, ...]:
    """The warnings the run looks for: all of them for a valid plan, else those the text
    alone shows (a value cut by ``#`` may be why the plan is invalid)."""
    if run.warnings_as_of is None or doc is None:
        return ()
    from journeycheck.checking import warnings

    if plan is None or playbook is None:
        return tuple(warnings.text_warnings(doc))
    return tuple(warnings.plan_warnings(doc, plan, playbook, run.warnings_as_of))


def _version_gap(plan: Plan, playbook: Playbook) -> VersionGap | None:
    if plan.playbook_version in (None, playbook.version):  # most plans: nothing to import
        return None
    from journeycheck.upgrading import version_gap

    return version_gap(plan.playbook_version, playbook)


def check_document(doc: Document, path: Path, playbooks: PlaybookCache) -> tuple[Plan, Resolved]:
    """A parsed plan read from ``path``, validated and checked against the playbook it names.

    :func:`process` and the commands that edit a plan (:mod:`journeycheck.editing`)
    both read plans this way; problems are raised as :class:`InputError`, every one
    that does not depend on another in one go: a plan whose shape is wrong is still
    checked against its playbook where it can be.
    """

    def resolve(doc: Document, plan: Plan) -> Resolved:
        return playbooks.resolve(plan.playbook, path.parent, doc, plan=path)

    def beside(shape: InputError) -> list[Problem]:
        return _beside_the_shape(doc, path, playbooks, shape)

    loaded = checked(doc.file, doc, resolve, beside)
    return loaded.plan, loaded.resolved


def checked(
    name: str,
    doc: Document,
    resolve: Callable[[Document, Plan], Resolved],
    beside: Callable[[InputError], list[Problem]] | None = None,
) -> Loaded:
    """The plan in ``doc`` validated, and cross-checked with the playbook ``resolve`` finds.

    Every plan is checked here, whether it was read from a file
    (:func:`check_document`) or from git (:mod:`journeycheck.revisions`, whose
    playbooks come from the same revision). Raises :class:`InputError` with the
    problems found; ``beside`` adds those a plan of the wrong shape has besides.
    """
    try:
        plan = validate_plan(doc)
    except InputError as exc:
        if beside is None:
            raise
        raise InputError(exc.problems + beside(exc)) from None
    resolved = resolve(doc, plan)
    check_plan(doc, plan, resolved.playbook)
    return Loaded(name, plan, resolved, doc)


def _beside_the_shape(
    doc: Document, path: Path, playbooks: PlaybookCache, shape: InputError
) -> list[Problem]:
    """What a plan with shape problems has wrong besides: its playbook's problems, or the
    names it gives that the playbook lacks. Nothing for a plan of another format version."""
    data = doc.data
    reference = data.get("playbook") if isinstance(data, dict) else None
    if not isinstance(reference, str) or not reference.strip():
        return []
    if any(problem.code == "JC226" for problem in shape.problems):
        return []
    try:
        resolved = playbooks.resolve(reference, path.parent, doc, plan=path)
    except InputError as exc:
        return exc.problems
    return plan_references(doc, resolved.playbook)


def score(name: str, plan: Plan, playbook: Playbook, settings: AuditSettings) -> AuditResult:
    """Score a checked plan as ``settings`` ask, located as ``name`` and narrowed."""
    from journeycheck.printable import one_line
    from journeycheck.score import audit

    if playbook.renamed:
        from journeycheck.extending import follow_renames

        # Answers written under a question's old id count for it (check_plan allowed them).
        plan = follow_renames(plan, playbook)
    result = audit(playbook, plan, settings.as_of, gate=settings.gate, threshold=settings.threshold)
    # As every report prints it: a name whose bytes are not UTF-8 (caf\xe9.yaml) cannot
    # be held by JSON, or printed, as it is.
    located = result.model_copy(update={"file": one_line(name)})
    return located.narrowed(teams=set(settings.teams), phases=set(settings.phases))


def _locate(result: AuditResult, playbook: Playbook, doc: Document) -> Located:
    from journeycheck.tickets import locate

    return locate(result, playbook, doc)
