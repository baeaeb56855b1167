"""Changing the answers of a plan file: the part ``set``, ``review`` and ``import`` share.

The steps, in order, each able to refuse before anything is written:

1. :func:`read_for_edit` reads the file (its bytes kept, to notice a change on
   disk later) and validates it with the located loader, as ``audit`` does.
2. :func:`check_edits` refuses what the plan cannot take: an unknown question
   (did-you-mean), one the traits switch off, an ``n/a`` without a note, a
   ``done`` without the evidence its question requires.
3. :func:`prepare` applies the edits to the text (:mod:`journeycheck.roundtrip`),
   validates the whole edited plan, and scores it before and after.
4. :func:`write_edit` writes it atomically, keeping the file's mode, its byte
   order mark and its line ends, unless the file changed since it was read.

Nothing here prints; the commands say what changed from the :class:`Prepared`.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeycheck import i18n
from journeycheck.errors import InputError, OutputError, Problem, UsageError, os_reason
from journeycheck.i18n import _, format_decimal, ngettext, pgettext
from journeycheck.roundtrip import AnswerEdit, NewAnswer, unified_diff

if TYPE_CHECKING:
    from journeycheck.models import Answer, Plan, Playbook
    from journeycheck.reading.document import Document
    from journeycheck.result import AuditResult

#: Fields ``--clear`` may remove (status cannot be: every answer has one).
CLEARABLE = ("owner", "due", "evidence", "note", "waiver")


@dataclass(frozen=True)
class ReadPlan:
    """A plan file as read for editing, checked against its playbook."""

    path: Path
    #: The file's bytes, to notice a change on disk before writing.
    digest: str
    text: str
    bom: bool
    doc: Document
    plan: Plan
    playbook: Playbook
    #: ``--allow-outside``: the plan may name a playbook file outside its repository;
    #: kept for checking the edited text the same way.
    allow_outside: bool = False

    def audit(self, as_of: dt.date) -> AuditResult:
        """The plan's audit as of ``as_of``, as ``audit`` scores it."""
        from journeycheck.pipeline import AuditSettings, score

        return score(str(self.path), self.plan, self.playbook, AuditSettings(as_of))


def read_for_edit(path: Path, *, allow_outside: bool = False) -> ReadPlan:
    """Read and check the plan at ``path``, as ``audit`` does; problems are located.

    ``allow_outside``: the plan may name a playbook file outside its repository.
    """
    from journeycheck.reading.source import read_text

    name = str(path)
    text = read_text(path, name)
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    if raw.decode("utf-8", "replace").removeprefix("\ufeff") != text:
        raise OutputError("JC644", path=path)
    return _checked(path, text, hashlib.sha256(raw).hexdigest(), bom, allow_outside)


def _checked(path: Path, text: str, digest: str, bom: bool, allow_outside: bool) -> ReadPlan:
    from journeycheck.pipeline import check_document
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.reading.compose import parse_text

    doc = parse_text(text, str(path))
    cache = PlaybookCache(allow_outside=allow_outside)
    # From here on in the plan's language, unless --lang or JOURNEYCHECK_LANG says otherwise.
    plan, resolved = i18n.in_plans_language(
        lambda: check_document(doc, path, cache), lambda made: made[0].language, for_files=False
    )
    return ReadPlan(path, digest, text, bom, doc, plan, resolved.playbook, allow_outside)


# -- checking what is asked ------------------------------------------------------------------


def check_question(question_id: str, read: ReadPlan) -> None:
    """Refuse an id the playbook lacks, or a question the plan's traits switch off."""
    from journeycheck.checking.wording import suggestion

    playbook = read.playbook
    found = {question.id: question for question in playbook.questions}
    question = found.get(question_id)
    if question is None:
        raise UsageError(
            "JC642",
            question=question_id,
            suggestion=suggestion(question_id, found),
            playbook=playbook.id,
        )
    traits = playbook.trait_values(read.plan.traits)
    if not playbook.applies(question, traits):
        needs = ", ".join(f"{k}: {str(v).lower()}" for k, v in question.when.items())
        has = ", ".join(f"{k}: {str(traits.get(k)).lower()}" for k in question.when)
        raise UsageError("JC643", question=question_id, needs=needs, has=has)


def select(read: ReadPlan, teams: Iterable[str], phases: Iterable[str]) -> list[str]:
    """The applicable questions of these teams and phases, in the plan's order."""
    from journeycheck.checking.references import check_flag_names
    from journeycheck.scaffold import plan_order

    playbook = read.playbook
    teams, phases = list(teams), list(phases)
    check_flag_names("JC405", teams, [team.id for team in playbook.teams])
    check_flag_names("JC406", phases, playbook.phase_ids())
    traits = playbook.trait_values(read.plan.traits)
    questions = {question.id: question for question in playbook.questions}
    chosen = []
    for question_id, _phase in plan_order(playbook):
        question = questions[question_id]
        if not playbook.applies(question, traits):
            continue
        if (not teams or question.team in teams) and (not phases or question.phase in phases):
            chosen.append(question_id)
    return chosen


def answer_after(answer: Answer | None, edit: AnswerEdit) -> dict[str, Any]:
    """The fields an answer has once ``edit`` is applied (as plain data)."""
    fields: dict[str, Any] = {} if answer is None else answer.model_dump(exclude_none=True)
    if answer is None:
        fields["status"] = "not-started"
    for name in edit.clear:
        fields.pop(name, None)
    for name, value in edit.values.items():
        fields[name] = dict(value) if isinstance(value, Mapping) else value
    return fields


def check_edits(read: ReadPlan, edits: Sequence[AnswerEdit]) -> None:
    """Refuse edits whose result the plan should not hold, every problem at once."""
    questions = {question.id: question for question in read.playbook.questions}
    problems = []
    for edit in edits:
        check_question(edit.question, read)
        after = answer_after(read.plan.answers.get(edit.question), edit)
        code = None
        if after["status"] == "n/a" and not str(after.get("note") or "").strip():
            code = "JC640"
        elif (
            after["status"] == "done"
            and questions[edit.question].evidence == "required"
            and not str(after.get("evidence") or "").strip()
        ):
            code = "JC641"
        if code is not None:
            problems.append(
                read.doc.problem(
                    ("answers", edit.question), code, at_key=True, question=edit.question
                )
            )
    if problems:
        raise InputError(problems)


@dataclass(frozen=True)
class Asked:
    """The fields a ``set`` command line (or a review answer) gives, before checking."""

    status: str | None = None
    owner: str | None = None
    due: dt.date | None = None
    evidence: str | None = None
    note: str | None = None
    waive: str | None = None
    approver: str | None = None
    expires: dt.date | None = None
    risk_accepted: str | None = None
    unwaive: bool = False
    clear: tuple[str, ...] = ()


def edits_for(questions: Sequence[str], asked: Asked) -> list[AnswerEdit]:
    """The same change for each of ``questions``; a :class:`UsageError` if it is not one."""
    from journeycheck.checking.wording import listing, suggestion
    from journeycheck.models import STATUSES

    if asked.status is not None and asked.status not in STATUSES:
        raise UsageError(
            "JC636",
            value=asked.status,
            suggestion=suggestion(asked.status, STATUSES),
            statuses=listing(STATUSES),
        )
    values: dict[str, Any] = {}
    for name in ("status", "owner", "due", "evidence", "note"):
        value = getattr(asked, name)
        if isinstance(value, str) and not value.strip():
            raise UsageError("JC606", flag=f"--{name}", field=name)
        if isinstance(value, str):
            _no_control(f"--{name}", value)
        if value is not None:
            values[name] = value
    waiver = (asked.waive, asked.approver, asked.expires, asked.risk_accepted)
    if any(part is not None for part in waiver):
        if asked.unwaive:
            raise UsageError("JC605")
        missing = [flag for flag, part in zip(_WAIVER_FLAGS, waiver, strict=True) if part is None]
        if missing:
            raise UsageError("JC604", missing=listing(missing))
        for flag, part in zip(_WAIVER_FLAGS, waiver, strict=True):
            if isinstance(part, str) and not part.strip():
                raise UsageError("JC606", flag=flag, field=None)
            if isinstance(part, str):
                _no_control(flag, part)
        values["waiver"] = {
            "reason": asked.waive,
            "approver": asked.approver,
            "expires": asked.expires,
            "risk_accepted": asked.risk_accepted,
        }
    clear = set(asked.clear)
    for name in clear:
        if name not in CLEARABLE:
            raise UsageError(
                "JC607",
                name=name,
                suggestion=suggestion(name, CLEARABLE),
                fields=listing(CLEARABLE),
            )
        if name in values:
            raise UsageError("JC608", name=name)
    if asked.unwaive:
        clear.add("waiver")
    if not values and not clear:
        raise UsageError("JC609")
    return [AnswerEdit(question, dict(values), frozenset(clear)) for question in questions]


_WAIVER_FLAGS = ("--waive", "--approver", "--expires", "--risk-accepted")
#: What the loader refuses in text (validate._CONTROL): C0 and C1 controls but tab and line feed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_control(flag: str, text: str) -> None:
    found = _CONTROL.search(text)
    if found is not None:
        raise UsageError("JC646", flag=flag, codepoint=ord(found[0]))


# -- the edited plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of one answer, before and after."""

    question: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class Prepared:
    """An edit ready to write: the new text, what changed, and the audit before and after."""

    read: ReadPlan
    text: str
    changes: list[Change]
    before: AuditResult
    after: AuditResult

    def diff(self) -> str:
        """The change as a unified diff of the file."""
        return unified_diff(self.read.text, self.text, str(self.read.path))


def prepare(read: ReadPlan, edits: Sequence[AnswerEdit], as_of: dt.date) -> Prepared:
    """Apply ``edits`` to the plan's text and check the result as a whole."""
    from journeycheck.roundtrip import apply_edits
    from journeycheck.scaffold import answer_comment, initial_due, plan_order, team_heading

    check_edits(read, edits)
    playbook = read.playbook
    questions = {question.id: question for question in playbook.questions}

    def new_answer(question_id: str, column: int) -> NewAnswer:
        question = questions[question_id]
        return NewAnswer(
            answer_comment(question, column),
            initial_due(question, read.plan.launch),
            team_heading(playbook, question, column),
        )

    text = apply_edits(
        read.text,
        edits,
        name=str(read.path),
        order=plan_order(playbook),
        new_answer=new_answer,
    )
    try:
        edited = _checked(read.path, text, read.digest, read.bom, read.allow_outside)
    except InputError as exc:
        listed = "; ".join(str(problem) for problem in exc.problems)
        problem = Problem(str(read.path), None, None, "JC645", problems=listed)
        raise InputError([problem]) from None
    _same_elsewhere(read, edited, {edit.question for edit in edits})
    changes = _changes(read.plan, edited.plan, [edit.question for edit in edits])
    before = read.audit(as_of)
    after = edited.audit(as_of)
    return Prepared(read, text, changes, before, after)


def _same_elsewhere(read: ReadPlan, edited: ReadPlan, touched: set[str]) -> None:
    """A safety net: everything but the touched answers reads back as it was."""
    old, new = read.plan, edited.plan
    untouched_old = {k: v for k, v in old.answers.items() if k not in touched}
    untouched_new = {k: v for k, v in new.answers.items() if k not in touched}
    if untouched_old != untouched_new or old.model_copy(update={"answers": {}}) != new.model_copy(
        update={"answers": {}}
    ):
        raise InputError(
            [
                Problem(
                    str(read.path),
                    None,
                    None,
                    "JC645",
                    problems="answers that were not asked for changed",
                )
            ]
        )


def _changes(old: Plan, new: Plan, touched: Sequence[str]) -> list[Change]:
    found = []
    for question in dict.fromkeys(touched):
        before = old.answers.get(question)
        after = new.answers.get(question)
        for name in ("status", "owner", "due", "evidence", "note", "waiver"):
            was = _shown(getattr(before, name) if before is not None else None)
            now = _shown(getattr(after, name) if after is not None else None)
            if was != now:
                found.append(Change(question, name, was, now))
    return found


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "reason"):
        return (
            f"{value.reason}, approved by {value.approver}, until "
            f"{value.expires.isoformat()}, accepting: {value.risk_accepted}"
        )
    return str(value)


# -- a KPI (set --kpi) -------------------------------------------------------------------------


@dataclass(frozen=True)
class KpiAsked:
    """The values a ``set --kpi`` command line gives, checked as numbers and dates."""

    kpi: str
    values: Mapping[str, float | int | str | dt.date]


def kpi_asked(
    kpi: str,
    *,
    actual: str | None,
    target: str | None,
    baseline: str | None,
    measured: dt.date | None,
    note: str | None,
    as_of: dt.date,
) -> KpiAsked:
    """The KPI fields to record; a :class:`UsageError` for a value that is not one.

    An ``actual`` without ``measured`` is recorded as measured on ``as_of``: a new
    actual is today's (or the ``--as-of`` day's) measurement.
    """
    values: dict[str, float | int | str | dt.date] = {}
    for flag, text in (("--baseline", baseline), ("--target", target), ("--actual", actual)):
        if text is not None:
            values[flag.removeprefix("--")] = kpi_number(flag, text)
    if measured is not None and measured > as_of:
        raise UsageError("JC860", measured=measured.isoformat(), as_of=as_of.isoformat())
    if measured is not None or "actual" in values:
        values["measured"] = measured or as_of
    if note is not None:
        if not note.strip():
            raise UsageError("JC606", flag="--note", field=None)
        _no_control("--note", note)
        values["note"] = note
    if not values:
        raise UsageError("JC858", name=kpi)
    return KpiAsked(kpi, values)


def kpi_number(flag: str, text: str) -> float | int:
    """``text`` as a KPI value: a finite number, an int when it is a whole one."""
    import math

    try:
        # float() would read "1_000" as a thousand; a KPI value is written without them.
        value = float(text.strip().replace("_", "x"))
    except ValueError:
        raise UsageError("JC859", flag=flag, value=text) from None
    if not math.isfinite(value):
        raise UsageError("JC859", flag=flag, value=text)
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def prepare_kpi(read: ReadPlan, asked: KpiAsked, as_of: dt.date) -> Prepared:
    """Record ``asked`` in the plan's ``kpis`` and check the result as a whole."""
    from journeycheck.checking.wording import listing, suggestion
    from journeycheck.roundtrip import apply_kpi_edit

    playbook = read.playbook
    known = [kpi.id for kpi in playbook.kpis]
    if asked.kpi not in known:
        raise UsageError(
            "JC855",
            name=asked.kpi,
            suggestion=suggestion(asked.kpi, known),
            playbook=playbook.id,
            kpis=listing(known) or None,
        )
    edit = AnswerEdit(asked.kpi, dict(asked.values))
    text = apply_kpi_edit(read.text, edit, name=str(read.path), order=known)
    try:
        edited = _checked(read.path, text, read.digest, read.bom, read.allow_outside)
    except InputError as exc:
        listed = "; ".join(str(problem) for problem in exc.problems)
        problem = Problem(str(read.path), None, None, "JC645", problems=listed)
        raise InputError([problem]) from None
    old, new = read.plan, edited.plan
    others_old = {k: v for k, v in old.kpis.items() if k != asked.kpi}
    others_new = {k: v for k, v in new.kpis.items() if k != asked.kpi}
    if others_old != others_new or old.model_copy(update={"kpis": {}}) != new.model_copy(
        update={"kpis": {}}
    ):
        problem = Problem(str(read.path), None, None, "JC645", problems="other values changed")
        raise InputError([problem])
    changes = []
    before, after = old.kpis.get(asked.kpi), new.kpis.get(asked.kpi)
    for name in ("baseline", "target", "actual", "measured", "note"):
        was = _kpi_shown(getattr(before, name) if before is not None else None)
        now = _kpi_shown(getattr(after, name) if after is not None else None)
        if was != now:
            changes.append(Change(f"kpis.{asked.kpi}", name, was, now))
    return Prepared(read, text, changes, read.audit(as_of), edited.audit(as_of))


def _kpi_shown(value: Any) -> str | None:
    if isinstance(value, float):
        from journeycheck.render.kpi_view import number_text

        return number_text(value)
    return _shown(value)


# -- writing ---------------------------------------------------------------------------------


def write_edit(prepared: Prepared) -> None:
    """Write the edited plan atomically, unless the file changed since it was read."""
    from journeycheck.output import write_atomic

    read = prepared.read
    try:
        now = hashlib.sha256(read.path.read_bytes()).hexdigest()
    except OSError as exc:
        raise OutputError("JC637", path=read.path, reason=os_reason(exc)) from None
    if now != read.digest:
        raise OutputError("JC644", path=read.path)
    write_atomic(read.path, ("\ufeff" if read.bom else "") + prepared.text)


# -- what the commands print --------------------------------------------------------------------

_FIELD = "  {question}: {field}: {old} → {new}"


def report(prepared: Prepared, *, dry_run: bool = False) -> str:
    """What changed and what it did to the audit, one line per field, then the effect."""
    file = str(prepared.read.path)
    if not prepared.changes:
        return _("{file}: nothing to change; the plan already says that.").format(file=file) + "\n"
    if dry_run:
        head = _("Would change {file} (dry run: nothing was written):")
    else:
        head = _("Changed {file}:")
    lines = [head.format(file=file)]
    for change in prepared.changes:
        lines.append(
            _FIELD.format(
                question=change.question,
                field=change.field,
                old=shown_value(change.old),
                new=shown_value(change.new),
            )
        )
    from journeycheck.render.view import gate_name

    before, after = prepared.before, prepared.after
    template = ngettext(
        "Gate {gate}: score {before} → {after}; verdict {verdict_before} → {verdict_after}; "
        "{gaps} gap remains (were {gaps_before}).",
        "Gate {gate}: score {before} → {after}; verdict {verdict_before} → {verdict_after}; "
        "{gaps} gaps remain (were {gaps_before}).",
        len(after.gaps),
    )
    lines.append(
        template.format(
            # "buy", or "auto → buy": the calendar's gate, or "auto → none yet".
            gate=gate_name(after.gate, after.gate_rule),
            before=_score_text(before.score),
            after=_score_text(after.score),
            verdict_before=before.verdict,
            verdict_after=after.verdict,
            gaps=len(after.gaps),
            gaps_before=len(before.gaps),
        )
    )
    return "\n".join(lines) + "\n"


def shown_value(text: str | None) -> str:
    """A field's value on one line, as the change lines show it; ``(none)`` when unset."""
    if text is None:
        return _("(none)")
    shown = " ".join(text.split())
    return repr(shown) if _CONTROL.search(shown) or not shown else shown


def _score_text(score: float | None) -> str:
    return pgettext("score", "none") if score is None else format_decimal(score)
