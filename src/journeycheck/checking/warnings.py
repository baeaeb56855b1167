"""What a valid plan says that its author probably did not mean: warnings, not errors.

A warning is shown like a problem, located, and prefixed ``warning:``; it does
not make a plan invalid (``validate`` exits 0) unless ``--strict`` asks for that.
The checks are cheap and only run where a run asks for them (``validate``), so
an audit pays nothing for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from journeycheck.errors import Problem
from journeycheck.models import Answer, Plan, Playbook
from journeycheck.reading.document import Document, Path_

#: A launch date this many days before today or more is probably a typo of the year.
LONG_PAST_DAYS = 365
#: After a plain value: one blank, then ``#``. YAML starts a comment there. Two blanks
#: or more read as a comment set apart on purpose, and are left alone.
_CUT = re.compile(r"[ \t]#(?P<comment>.*)")
#: The free-text fields of an answer, where a ``#`` is as likely text as a comment.
_ANSWER_TEXT = ("owner", "evidence", "note")
_WAIVER_TEXT = ("reason", "approver")


def plan_warnings(doc: Document, plan: Plan, playbook: Playbook, today: dt.date) -> list[Problem]:
    """Every warning about ``plan`` (valid, and checked against ``playbook``) as of ``today``."""
    problems = list(text_warnings(doc))
    if (today - plan.launch).days > LONG_PAST_DAYS:
        problems.append(
            doc.problem(
                ("launch",), "JC782", launch=plan.launch.isoformat(), today=today.isoformat()
            )
        )
    traits = playbook.trait_values(plan.traits)
    questions = {question.id: question for question in playbook.questions}
    for question_id, answer in plan.answers.items():
        question = questions.get(question_id)
        # A switched-off question is not scored, nor one a waiver covers today.
        if question is None or not playbook.applies(question, traits) or _waived(answer, today):
            continue
        status = ("answers", question_id, "status")
        if answer.status == "n/a" and not _filled(answer.note):
            problems.append(doc.problem(status, "JC780"))
        elif (
            answer.status == "done"
            and question.evidence == "required"
            and not _filled(answer.evidence)
        ):
            problems.append(doc.problem(status, "JC781", question=question_id))
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def text_warnings(doc: Document) -> Iterator[Problem]:
    """A free-text value cut short by ``#``: ``note: see ticket #123`` reads ``see ticket``.

    Needs only the parsed document, so it is said even when the plan has errors.
    """
    data = doc.data
    if not isinstance(data, dict):
        return
    paths: list[Path_] = [("product",)]
    answers = data.get("answers")
    if isinstance(answers, dict):
        for question_id, answer in answers.items():
            if not isinstance(answer, dict):
                continue
            paths += [("answers", question_id, key) for key in _ANSWER_TEXT]
            if isinstance(answer.get("waiver"), dict):
                paths += [("answers", question_id, "waiver", key) for key in _WAIVER_TEXT]
    # Most fields of most plans are empty: nothing to find there.
    written = [
        (path, text) for path in paths if isinstance(text := _value_at(data, path), str) and text
    ]
    if not written:
        return
    lines = doc.text.split("\n")
    for path, text in written:
        problem = _cut_by_comment(doc, path, text, lines)
        if problem is not None:
            yield problem


def _cut_by_comment(doc: Document, path: Path_, value: str, lines: list[str]) -> Problem | None:
    node = doc.exact(path)
    if node is None or node.line > len(lines):
        return None
    line = lines[node.line - 1].rstrip("\r")
    start = node.column - 1
    # A plain value on one line is written as it reads; a quoted or folded one is not.
    if line[start : start + len(value)] != value:
        return None
    cut = _CUT.match(line, start + len(value))
    if cut is None:
        return None
    field = str(path[-1])
    return Problem(
        doc.file,
        node.line,
        cut.start() + 2,
        "JC783",
        field=field,
        value=value,
        comment="#" + cut["comment"],
    )


def _value_at(data: object, path: Path_) -> object:
    for step in path:
        if not isinstance(data, dict) or step not in data:
            return None
        data = data[step]
    return data


def _waived(answer: Answer, today: dt.date) -> bool:
    return answer.waiver is not None and answer.waiver.expires >= today


def _filled(text: str | None) -> bool:
    return text is not None and text.strip() != ""
