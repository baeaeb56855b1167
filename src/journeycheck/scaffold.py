"""The text of a new product plan: a playbook and a few choices in, commented YAML out.

Pure: no files, no prompts, no clock. ``journeycheck init`` settles the choices
(:mod:`journeycheck.interview`) and writes the result (:mod:`journeycheck.workspace`).
The layout lives in ``templates/plan.yaml.j2`` (rendered through the one Jinja
factory, :mod:`journeycheck.render.templating`); this module prepares what the
template shows and makes every value safe to put in YAML.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from journeycheck.errors import UsageError
from journeycheck.i18n import N_, _, ngettext, pgettext
from journeycheck.models import AUTO_GATE, STATUSES, Plan, Playbook, Question

TEMPLATE = "plan.yaml.j2"
#: Comment lines are wrapped to fit this many columns, indentation included.
WIDTH = 88

STATUS_HELP = {
    "done": N_("finished; add evidence where the question says it is required"),
    "partial": N_("started, not finished"),
    "not-started": N_("nothing done yet"),
    "blocked": N_("waiting on something outside the team; say what in note"),
    "n/a": N_("does not apply to this product; say why in note"),
}


@dataclass(frozen=True)
class Choices:
    """What a new plan says besides the playbook's questions."""

    product: str
    launch: dt.date
    #: The plan's ``playbook:`` value: a built-in id, or a path relative to the plan.
    playbook: str
    #: Every trait of the playbook with its value.
    traits: dict[str, bool]
    #: ``auto`` (the default: the calendar chooses) or a fixed phase.
    gate: str = AUTO_GATE
    #: Where the modeline points, relative to the plan; ``None`` writes no modeline.
    schema: str | None = None
    #: How the header's audit command names the plan file; ``None`` when it is not known.
    plan_name: str | None = None
    #: Who owns each team's answers, by team id.
    owners: dict[str, str] = field(default_factory=dict)
    #: The plan's ``language:`` (bg, ko); ``None`` writes no key (English).
    language: str | None = None


@dataclass(frozen=True)
class Scaffold:
    """A rendered plan and what it contains."""

    text: str
    applicable: list[Question]
    switched_off: list[Question]


# -- checking choices --------------------------------------------------------------


def check_product(name: str, source: str = "--product") -> str:
    """``name`` if it can be a product name: some visible text on one line."""
    if not name.strip():
        raise UsageError("JC414", source=source)
    if any(0xD800 <= ord(char) <= 0xDFFF for char in name):
        raise UsageError("JC415", source=source)
    if any(unicodedata.category(char) == "Cc" for char in name):
        raise UsageError("JC416", source=source)
    return name


def check_launch(launch: dt.date, playbook: Playbook, source: str = "--launch") -> dt.date:
    """``launch`` if every due date the playbook counts from it is a real calendar day."""
    for question in playbook.questions:
        if question.due is not None and _due(launch, question.due) is None:
            raise UsageError(
                "JC417",
                source=source,
                launch=launch.isoformat(),
                question=question.id,
                days=question.due,
            )
    return launch


def check_owner(name: str, source: str) -> str:
    """``name`` if it can be an owner: some visible text on one line."""
    if any(unicodedata.category(char) in ("Cc", "Cs") for char in name):
        raise UsageError("JC633", source=source)
    return name.strip()


# -- rendering ---------------------------------------------------------------------


def render_plan(playbook: Playbook, choices: Choices) -> Scaffold:
    """The plan text for ``choices``: every applicable question, not started."""
    from journeycheck.render.templating import environment
    from journeycheck.result import PlaybookRef

    traits = playbook.trait_values(choices.traits)
    applicable = [q for q in playbook.questions if playbook.applies(q, traits)]
    switched_off = [q for q in playbook.questions if not playbook.applies(q, traits)]
    env = environment(
        filters={"yaml": yaml_scalar, "comment": comment},
        globals={"_": _, "ngettext": ngettext, "pgettext": pgettext},
    )
    template = env.get_template(TEMPLATE)
    phases = playbook.phase_ids()
    text = template.render(
        choices=choices,
        playbook=playbook,
        lineage=PlaybookRef.of(playbook).lineage,
        statuses=[(status, _(STATUS_HELP[status])) for status in STATUSES],
        audit_command=_audit_command(choices.plan_name),
        gate=choices.gate,
        phase_list=either(phases),
        phase_count=len(phases),
        threshold=f"{Plan.model_fields['threshold'].default:g}",
        traits=[(name, trait, traits[name]) for name, trait in playbook.traits.items()],
        owners=[
            (team, choices.owners[team])
            for team in owned_teams(playbook, applicable)
            if team in choices.owners
        ],
        owner_teams=", ".join(owned_teams(playbook, applicable)),
        sections=_sections(playbook, applicable, choices.launch),
        switched_off=_switched_off_groups(switched_off),
        switched_off_count=len(switched_off),
        kpis=", ".join(f"{kpi.id} ({kpi.phase})" for kpi in playbook.kpis),
        kpi_command=_kpi_command(choices.plan_name, playbook),
        account=_example_account(playbook, applicable, choices.launch),
    )
    return Scaffold(text, applicable, switched_off)


def _kpi_command(plan_name: str | None, playbook: Playbook) -> str:
    if not playbook.kpis:
        return ""
    kpi = playbook.kpis[0].id
    return _command("set", plan_name, f"--kpi {kpi} --actual 38 --target 30")


@dataclass(frozen=True)
class _Account:
    stage: str
    due: str
    blocked_by: str


def _example_account(
    playbook: Playbook, applicable: Sequence[Question], launch: dt.date
) -> _Account:
    """An account for the plan's comment, in the playbook's own terms: its second phase
    (where deals are made in the built-in one), a week before launch, held back by the
    first question that applies there."""
    phases = playbook.phase_ids()
    stage = phases[1] if len(phases) > 1 else phases[0]
    blocking = next((q.id for q in applicable if q.phase == stage), None)
    return _Account(stage, (launch - dt.timedelta(days=7)).isoformat(), blocking or "")


def summary(scaffold: Scaffold, plan: str, schema: str | None) -> str:
    """What init tells the user once the plan is written."""
    count, off = len(scaffold.applicable), len(scaffold.switched_off)
    if off:
        wrote = ngettext(
            "Wrote {plan}: {count} question applies, not started yet ({off} more are listed "
            "at the end, switched off by traits).",
            "Wrote {plan}: {count} questions apply, each not started yet ({off} more are "
            "listed at the end, switched off by traits).",
            count,
        )
    else:
        wrote = ngettext(
            "Wrote {plan}: {count} question applies, not started yet.",
            "Wrote {plan}: {count} questions apply, each not started yet.",
            count,
        )
    lines = [wrote.format(plan=plan, count=count, off=off)]
    if schema is not None:
        lines.append(
            _("Editors with the YAML language server check it against {schema}.").format(
                schema=schema
            )
        )
    lines.append(_("Next: give each answer an owner and a status, then run"))
    lines.append(f"  journeycheck audit {_shell_word(plan)}")
    return "\n".join(lines) + "\n"


@dataclass
class _Entry:
    question: Question
    due: dt.date | None
    notes: list[str]


@dataclass
class _Team:
    title: str
    entries: list[_Entry] = field(default_factory=list)


@dataclass
class _Section:
    number: int
    phase_id: str
    title: str
    summary: str
    teams: list[_Team]


def _sections(playbook: Playbook, questions: list[Question], launch: dt.date) -> list[_Section]:
    """Applicable questions by phase (in journey order), then by team.

    Within a phase, teams come in the order their first question appears in the
    playbook, and questions keep the playbook's order: the order its author chose.
    """
    titles = {team.id: team.title for team in playbook.teams}
    sections = []
    for number, phase in enumerate(playbook.phases, start=1):
        teams: dict[str, _Team] = {}
        for question in questions:
            if question.phase == phase.id:
                due = None if question.due is None else _due(launch, question.due)
                team = teams.setdefault(question.team, _Team(titles[question.team]))
                team.entries.append(_Entry(question, due, _notes(question)))
        if teams:
            sections.append(
                _Section(number, phase.id, phase.title, phase.summary, list(teams.values()))
            )
    return sections


def owned_teams(playbook: Playbook, questions: Iterable[Question]) -> list[str]:
    """The teams that answer ``questions``, in the playbook's order of teams."""
    answering = {question.team for question in questions}
    return [team.id for team in playbook.teams if team.id in answering]


def plan_order(playbook: Playbook) -> list[tuple[str, str]]:
    """Every question as (id, "phase/team"), in the order ``init`` writes answers.

    Phases in journey order; within a phase, teams in the order their first
    question appears; within a team, the playbook's order. Questions the traits
    switch off take the place they would have if they applied.
    """
    order = []
    for phase in playbook.phases:
        teams: dict[str, list[Question]] = {}
        for question in playbook.questions:
            if question.phase == phase.id:
                teams.setdefault(question.team, []).append(question)
        for team, questions in teams.items():
            order += [(question.id, f"{phase.id}/{team}") for question in questions]
    return order


def answer_comment(question: Question, indent: int) -> str:
    """The comment lines ``init`` writes above a question's answer (see plan.yaml.j2)."""
    lines = [comment(question.ask, indent)]
    if question.help:
        lines.append(comment(question.help, indent, 2))
    lines.append(comment("(" + "; ".join(_notes(question)) + ")", indent, 2))
    return "\n".join(lines)


def team_heading(playbook: Playbook, question: Question, indent: int) -> str:
    """The comment line ``init`` heads a team's answers with, within a phase."""
    titles = {team.id: team.title for team in playbook.teams}
    return comment(f"--- {question.phase} / {titles[question.team]} ---", indent)


def initial_due(question: Question, launch: dt.date) -> dt.date | None:
    """The due date ``init`` writes for ``question``: the launch date plus its offset."""
    return None if question.due is None else _due(launch, question.due)


def _notes(question: Question) -> list[str]:
    notes: list[str] = [question.severity]
    if question.evidence == "required":
        notes.append(_("evidence required"))
    return notes


def _switched_off_groups(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """Questions the traits switch off, grouped by the trait values they need."""
    groups: dict[str, list[Question]] = {}
    for question in questions:
        condition = ", ".join(
            f"{name}: {str(want).lower()}" for name, want in question.when.items()
        )
        groups.setdefault(condition, []).append(question)
    return list(groups.items())


def _due(launch: dt.date, offset: int) -> dt.date | None:
    try:
        return launch + dt.timedelta(days=offset)
    except OverflowError:
        return None


def either(items: list[str]) -> str:
    """``items`` as choices in a sentence: "discover, buy, use or grow"."""
    if len(items) <= 1:
        return "".join(items)
    # Translators: the last of several choices in a sentence ("discover, buy, use or grow").
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


def _shell_word(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _audit_command(plan_name: str | None) -> str:
    return _command("audit", plan_name)


def _command(name: str, plan_name: str | None, flags: str = "") -> str:
    """``journeycheck NAME PLAN FLAGS`` as a plan's comment shows it, for its own file."""
    shown = "<this file>" if plan_name is None else _shell_word(plan_name)
    return one_line(f"journeycheck {name} {shown} {flags}".rstrip())


# -- YAML text ---------------------------------------------------------------------

#: Plain scalars that YAML 1.1 reads as something other than text.
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``.

    Simple words and ids stay plain; anything else becomes a double-quoted
    string, with every character YAML would not keep as written escaped.
    """
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return double_quoted(text)


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, every character YAML would not keep escaped."""
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if _printable(char):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _printable(char: str) -> bool:
    """Whether YAML keeps ``char`` as written inside a double-quoted string.

    YAML's printable set, less the characters PyYAML reads as line breaks
    (NEL, LINE and PARAGRAPH SEPARATOR) and the byte order mark.
    """
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF):
        return False
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def comment(text: str, indent: int = 0, hang: int = 0) -> str:
    """``text`` as ``# ``-comment lines of at most :data:`WIDTH` columns.

    ``indent`` spaces go before the ``#`` and ``hang`` after it. Whitespace runs
    (line breaks included) become single spaces, and characters a YAML file
    cannot hold become U+FFFD, so no text can end a comment early or make the
    file unreadable.
    """
    prefix = " " * indent + "# " + " " * hang
    lines = wrap(one_line(text), max(WIDTH - len(prefix), 20))
    return "\n".join((prefix + line).rstrip() for line in lines or [""])


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken at spaces.

    Counted in columns, not characters, so Korean wraps at 80 columns as English
    does rather than at 146. A word wider than a line is broken between its wide
    characters (CJK text may break anywhere); one of narrow characters alone (a
    link) is left whole, as a link must be.
    """
    lines: list[str] = []
    line, used = "", 0
    for word in text.split():
        size = display_width(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            lines.append(line)
        line, used = word, size
        while used > width and any(display_width(char) == 2 for char in line):
            head, rest, taken = "", line, 0
            for index, char in enumerate(line):
                if taken + display_width(char) > width:
                    head, rest = line[:index], line[index:]
                    break
                taken += display_width(char)
            if not head:
                break
            lines.append(head)
            line, used = rest, display_width(rest)
    if line:
        lines.append(line)
    return lines


def one_line(text: str) -> str:
    """``text`` on one line of characters YAML keeps as written, for a comment."""
    return "".join(char if _printable(char) else "\ufffd" for char in " ".join(text.split()))
