"""Open gaps as work items for the trackers teams already use.

A :class:`Ticket` is one gap of an :class:`~journeycheck.result.AuditResult`
with what a tracker needs beside it: the question's help (and risk, when the
playbook gives one) from the playbook, the assignee (the answer's owner, or its
team's owner when the plan names team owners), and the place of the answer in
the plan file, so that an issue, a CSV row or a code-scanning alert can point
at the line to edit.

Each ticket has a stable key, ``journeycheck:<product-slug>:<question-id>``: the
external id a Jira re-import matches, the hidden marker of a GitHub issue and
the fingerprint of a SARIF result. It depends on the product and the question
only, so re-exporting after an answer changed finds the same item again.

Pure: the result, the playbook and the parsed plan document in,
tickets out; no files, no clock, no output. The formats are in
``journeycheck.render.jira_csv``, ``journeycheck.render.github_issues`` and
``journeycheck.render.sarif``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.models import Playbook, Question, Severity
    from journeycheck.reading.document import Document
    from journeycheck.result import AuditResult, Gap, Reason

#: Where every ticket key starts; also the label every exported item carries.
KEY_PREFIX = "journeycheck"
#: A product name with no letter or digit at all still gets a usable slug.
FALLBACK_SLUG = "product"
_WORDS = re.compile(r"[^\W_]+")


def product_slug(product: str) -> str:
    """The product name as a key part: lowercase words joined by ``-``.

    Letters of every script are kept (``Леджър Облак`` stays readable), so the
    slug of a Bulgarian or Korean product name is not empty; punctuation and
    spaces become single hyphens, so the slug never holds ``--`` or ``>`` and
    is safe inside an HTML comment.
    """
    text = unicodedata.normalize("NFKC", product).casefold()
    return "-".join(_WORDS.findall(text)) or FALLBACK_SLUG


def ticket_key(slug: str, question: str) -> str:
    """The stable external id of one question of one product."""
    return f"{KEY_PREFIX}:{slug}:{question}"


@dataclass(frozen=True)
class Selection:
    """Which open gaps to export.

    With no team and no severity asked for, the gaps of the gate scope are
    exported (the phases that must be ready now). Naming teams or severities
    chooses among the gaps of every phase, unless ``gate_only`` keeps the
    choice to the gate scope.
    """

    gate_only: bool = False
    teams: tuple[str, ...] = ()
    severities: tuple[Severity, ...] = ()

    def keeps(self, gap: Gap) -> bool:
        narrowed = bool(self.teams or self.severities)
        if (self.gate_only or not narrowed) and not gap.in_gate:
            return False
        if self.teams and gap.team not in self.teams:
            return False
        return not self.severities or gap.severity in self.severities


@dataclass(frozen=True)
class Ticket:
    """One open gap, with everything a tracker shows about it."""

    key: str
    question: str
    phase: str
    phase_title: str
    team: str
    team_title: str
    severity: Severity
    ask: str
    help: str
    #: What the customer suffers if it is not done; ``None`` when the playbook says nothing.
    risk: str | None
    status: str | None
    reasons: tuple[Reason, ...]
    #: The answer's owner, else the team's owner when the plan names one, else ``None``.
    assignee: str | None
    #: Whether ``assignee`` comes from the team's owner rather than the answer.
    assignee_is_team_owner: bool
    due: dt.date | None
    in_gate: bool
    note: str | None
    evidence: str | None
    #: The plan file as named on the command line, and the 1-based place of the
    #: answer in it (of the ``answers:`` key when the question is unanswered).
    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Tickets:
    """The exported gaps of one plan, in the audit's order (most urgent first)."""

    product: str
    slug: str
    file: str
    as_of: dt.date
    tickets: tuple[Ticket, ...]


@dataclass(frozen=True)
class Located:
    """What a ticket needs beside the audit result: the playbook's words and the answers' places.

    Small and made of plain values, so that a worker process that audited a
    plan can send it back with the result.
    """

    #: By question id: where its answer starts (or ``answers:``), its help and its risk.
    places: dict[str, tuple[int, int]]
    help: dict[str, str]
    risks: dict[str, str]
    phase_titles: dict[str, str]
    team_titles: dict[str, str]


def locate(result: AuditResult, playbook: Playbook, doc: Document) -> Located:
    """The places and words of the questions ``result`` has gaps for."""
    questions = {question.id: question for question in playbook.questions}
    asked = [questions[gap.question] for gap in result.gaps]
    risks = {q.id: risk for q in asked if (risk := question_risk(q)) is not None}
    return Located(
        places={q.id: answer_place(doc, q.id) for q in asked},
        help={q.id: q.help.strip() for q in asked if q.help.strip()},
        risks=risks,
        phase_titles={phase.id: phase.title for phase in playbook.phases},
        team_titles={team.id: team.title for team in playbook.teams},
    )


def build(
    result: AuditResult,
    playbook: Playbook,
    doc: Document,
    selection: Selection | None = None,
) -> Tickets:
    """The gaps of ``result`` that ``selection`` keeps (all of them when it is ``None``)."""
    file = result.file if result.file is not None else doc.file
    return tickets_from(result, locate(result, playbook, doc), selection, file=file)


def tickets_from(
    result: AuditResult,
    located: Located,
    selection: Selection | None = None,
    *,
    file: str | None = None,
) -> Tickets:
    """The tickets of ``result``'s gaps, with what :func:`locate` found for them."""
    slug = product_slug(result.product)
    name = file if file is not None else (result.file or "")
    gaps: Iterable[Gap] = result.gaps
    if selection is not None:
        gaps = [gap for gap in result.gaps if selection.keeps(gap)]
    tickets = []
    for gap in gaps:
        line, column = located.places.get(gap.question, (1, 1))
        # The audit gives the answer's owner, or the team's owner from the plan's owners.
        assignee = _or_none(gap.owner)
        tickets.append(
            Ticket(
                key=ticket_key(slug, gap.question),
                question=gap.question,
                phase=gap.phase,
                phase_title=located.phase_titles.get(gap.phase, gap.phase),
                team=gap.team,
                team_title=located.team_titles.get(gap.team, gap.team),
                severity=gap.severity,
                ask=gap.ask,
                help=located.help.get(gap.question, ""),
                risk=located.risks.get(gap.question),
                status=gap.status,
                reasons=tuple(gap.reasons),
                assignee=assignee,
                assignee_is_team_owner=assignee is not None and gap.owner_from_team,
                due=gap.due,
                in_gate=gap.in_gate,
                note=gap.note,
                evidence=gap.evidence,
                file=name,
                line=line,
                column=column,
            )
        )
    return Tickets(result.product, slug, name, result.as_of, tuple(tickets))


def answer_place(doc: Document, question: str) -> tuple[int, int]:
    """Where the answer to ``question`` starts in the plan; else where ``answers:`` is.

    A plan with no ``answers:`` key at all points at its first key.
    """
    path: tuple[str, ...] = ("answers", question)
    if doc.exact(path) is None:
        path = ("answers",)
    node = doc.key(path)
    if node is None:
        return 1, 1
    return node.line, node.column


def question_risk(question: Question) -> str | None:
    """The question's one-line risk, once playbooks have one (``risk:``); else ``None``."""
    risk = getattr(question, "risk", None)
    return risk.strip() if isinstance(risk, str) and risk.strip() else None


def _or_none(text: str | None) -> str | None:
    return text.strip() if text is not None and text.strip() else None
