"""The round-trip editor: only the touched answers' lines change, values read back as written."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeycheck.checking.shape import validate_plan
from journeycheck.errors import InputError
from journeycheck.models import Playbook
from journeycheck.reading.compose import parse_text
from journeycheck.roundtrip import (
    AnswerEdit,
    NewAnswer,
    apply_edits,
    is_plain_safe,
    merge3,
    unified_diff,
)
from journeycheck.scaffold import (
    Choices,
    answer_comment,
    initial_due,
    plan_order,
    render_plan,
    team_heading,
)
from tests.helpers import assert_golden, mini_playbook

LAUNCH = dt.date(2027, 3, 1)


def init_text(playbook: Playbook | None = None, **traits: bool) -> str:
    playbook = playbook or mini_playbook()
    choices = Choices(
        product="Acme Ledger",
        launch=LAUNCH,
        playbook="mini-playbook.yaml",
        traits=playbook.trait_values({"channels": False, **traits}),
        gate="buy",
        schema=".journeycheck/mini.plan.schema.json",
        plan_name="launch-plan.yaml",
    )
    return render_plan(playbook, choices).text


def edit(text: str, *edits: AnswerEdit, playbook: Playbook | None = None) -> str:
    playbook = playbook or mini_playbook()
    questions = {question.id: question for question in playbook.questions}

    def new_answer(question: str, column: int) -> NewAnswer:
        found = questions[question]
        return NewAnswer(
            answer_comment(found, column),
            initial_due(found, LAUNCH),
            team_heading(playbook, found, column),
        )

    return apply_edits(
        text, list(edits), name="plan.yaml", order=plan_order(playbook), new_answer=new_answer
    )


def answers_of(text: str) -> dict[str, Any]:
    plan = validate_plan(parse_text(text, "plan.yaml"))
    return {key: answer.model_dump(exclude_none=True) for key, answer in plan.answers.items()}


def changed_lines(before: str, after: str) -> list[int]:
    """0-based numbers of the lines of ``before`` that the edit replaced or removed."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), False)
    lines: list[int] = []
    for tag, a1, a2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            lines += range(a1, a2) if a2 > a1 else [a1]
    return lines


def answer_lines(text: str, question: str) -> range:
    """The lines of one answer in an init plan: its key and its five fields."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"{question}:")
    return range(start, start + 6)


# -- golden: a commented init plan, edited ------------------------------------------


def test_golden_edit_of_a_commented_init_plan() -> None:
    text = init_text()
    edited = edit(
        text,
        AnswerEdit(
            "discover.marketing.message",
            {"status": "done", "owner": "Amara Nwosu", "evidence": "https://wiki/x"},
        ),
        AnswerEdit("discover.legal.trademark", {"status": "n/a", "note": "waiting on legal #2"}),
        AnswerEdit(
            "buy.legal.eula",
            {
                "status": "blocked",
                "note": "counsel: back on Monday",
                "due": dt.date(2027, 2, 10),
                "waiver": {
                    "reason": "ship: then fix",
                    "approver": "VP",
                    "expires": LAUNCH,
                    "risk_accepted": "Customers wait",
                },
            },
        ),
        AnswerEdit("use.support.sla", {"owner": "yes"}, frozenset({"note", "evidence"})),
    )
    assert_golden("edited-mini.yaml", edited)
    touched = [
        *answer_lines(text, "discover.marketing.message"),
        *answer_lines(text, "discover.legal.trademark"),
        *answer_lines(text, "buy.legal.eula"),
        *answer_lines(text, "use.support.sla"),
    ]
    assert set(changed_lines(text, edited)) <= set(touched)
    assert answers_of(edited)["use.support.sla"] == {
        "status": "not-started",
        "owner": "yes",
        "due": dt.date(2027, 3, 1),
    }


def test_the_modeline_and_every_comment_are_kept() -> None:
    text = init_text()
    edited = edit(text, AnswerEdit("buy.legal.eula", {"status": "done", "evidence": "x"}))
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in edited.splitlines() if line.lstrip().startswith("#")] == comments
    assert edited.startswith(
        "# yaml-language-server: $schema=.journeycheck/mini.plan.schema.json\n"
    )


@pytest.mark.parametrize(
    "question",
    [q.id for q in mini_playbook().questions if not q.when],
)
def test_an_answer_added_back_goes_where_init_put_it(question: str) -> None:
    """Removing an answer (its comments too) and setting it again gives init's text back."""
    text = init_text()
    lines = text.splitlines(keepends=True)
    key = next(i for i, line in enumerate(lines) if line.strip() == f"{question}:")
    start = key
    while lines[start - 1].lstrip().startswith("#"):
        start -= 1
    # The block init wrote: a blank line, the comments, the key and five fields.
    removed = "".join(lines[: start - 1] + lines[key + 6 :])
    assert question not in answers_of(removed)
    assert edit(removed, AnswerEdit(question, {"status": "not-started"})) == text


def test_a_new_answer_of_a_switched_on_question_lands_in_its_phase() -> None:
    playbook = mini_playbook()
    text = init_text(playbook)
    edited = edit(text, AnswerEdit("buy.marketing.partner-kit", {"status": "partial"}))
    added = edited.splitlines()[answer_lines(text, "buy.legal.eula").stop :][:10]
    assert added == [
        "",
        "  # --- buy / Marketing ---",
        "",
        "  # Do channel partners have a sales kit?",
        "  #   (major)",
        "  buy.marketing.partner-kit:",
        "    status: partial",
        "    owner:",
        "    due: 2027-02-09",
        "    evidence:",
    ]
    assert edited.replace("\n".join(added[:-1]) + "\n    evidence:\n    note:\n", "") == text
    assert edited.index("buy.marketing.partner-kit:") > edited.index("buy.legal.eula:")
    assert edited.index("buy.marketing.partner-kit:") < edited.index("use.support.sla:")
    assert "  # Do channel partners have a sales kit?\n" in edited


# -- plans written by hand ------------------------------------------------------------

HAND_WRITTEN = """\
journeycheck: 1   # format
product: 'Acme'
playbook: mini-playbook.yaml
launch: 2027-03-01
answers:
    discover.marketing.message:
        status:   partial      # aligned by hand
        owner: "Maria"
        note: >
          folded
          over lines
    "discover.legal.trademark": {status: done, evidence: 'x'}
    buy.legal.eula:
        status: blocked
        note: plain text
          over two lines
"""


def test_a_hand_written_plan_keeps_its_own_style() -> None:
    edited = edit(HAND_WRITTEN, AnswerEdit("discover.marketing.message", {"owner": "Ana"}))
    assert edited == HAND_WRITTEN.replace('owner: "Maria"', 'owner: "Ana"')


def test_a_flow_answer_stays_a_flow_answer() -> None:
    edited = edit(
        HAND_WRITTEN, AnswerEdit("discover.legal.trademark", {"owner": "Legal, EU", "note": "a"})
    )
    assert (
        '    "discover.legal.trademark": '
        "{status: done, owner: \"Legal, EU\", evidence: 'x', note: a}\n"
    ) in edited
    assert changed_lines(HAND_WRITTEN, edited) == [11]


def test_an_untouched_multi_line_scalar_in_a_touched_answer_is_kept() -> None:
    edited = edit(HAND_WRITTEN, AnswerEdit("buy.legal.eula", {"owner": "Bo"}))
    assert edited == HAND_WRITTEN.replace(
        "        status: blocked\n", "        status: blocked\n        owner: Bo\n"
    )


def test_windows_line_endings_are_kept() -> None:
    text = init_text().replace("\n", "\r\n")
    edited = edit(text, AnswerEdit("use.support.sla", {"status": "done"}))
    assert edited == text.replace(
        "use.support.sla:\r\n    status: not-started", "use.support.sla:\r\n    status: done"
    )


def test_the_first_answers_of_a_plan_without_any() -> None:
    base = "journeycheck: 1\nproduct: Acme\nplaybook: mini-playbook.yaml\nlaunch: 2027-03-01\n"
    for text in (base, base + "answers: {}\n", base.rstrip("\n")):
        edited = edit(text, AnswerEdit("buy.legal.eula", {"status": "done", "evidence": "e"}))
        assert answers_of(edited) == {
            "buy.legal.eula": {"status": "done", "evidence": "e", "due": dt.date(2027, 1, 30)}
        }
        assert edited.startswith(base.rstrip("\n"))


def test_answers_that_share_an_anchor_are_refused() -> None:
    text = (
        "journeycheck: 1\nproduct: Acme\nplaybook: mini-playbook.yaml\nlaunch: 2027-03-01\n"
        "answers:\n"
        "  buy.legal.eula: &legal\n    status: partial\n    owner: Amara\n"
        "  discover.legal.trademark:\n    <<: *legal\n    status: done\n"
    )
    for question in ("buy.legal.eula", "discover.legal.trademark"):
        with pytest.raises(InputError) as caught:
            edit(text, AnswerEdit(question, {"status": "done"}))
        assert "shares values with other parts of the plan" in str(caught.value)
    # An answer that neither uses nor lends an anchor can still be edited.
    edited = edit(text, AnswerEdit("use.support.sla", {"status": "done"}))
    assert answers_of(edited)["discover.legal.trademark"]["owner"] == "Amara"


# -- values YAML would misread ----------------------------------------------------------

MISREAD = [
    "yes", "No", "ON", "off", "true", "False", "null", "Null", "~", "", "1", "1.5", "1e3",
    "0x1f", "0777", "1_000", "1:30", ".inf", "-.5", "2027-03-01", "2027-03-01 10:00:00",
    "a: b", "x #y", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", "- item",
    "? key", "[list]", "{map}", "#hash", "|pipe", ">gt", "'single", '"double', " lead",
    "trail ", "tab\there", "line\nbreak", "ends with:", "=", "<<", "\u2028", "bell\x07",
]  # fmt: skip


def test_a_colon_is_quoted_in_a_flow_answer() -> None:
    assert is_plain_safe("0:?") and not is_plain_safe("0:?", flow=True)
    text = "journeycheck: 1\nproduct: A\nplaybook: mini-playbook.yaml\nlaunch: 2027-03-01\n"
    text += "answers:\n  buy.legal.eula: {status: done, evidence: x}\n"
    edited = edit(text, AnswerEdit("buy.legal.eula", {"owner": "10:30 a:b"}))
    assert answers_of(edited)["buy.legal.eula"]["owner"] == "10:30 a:b"


@pytest.mark.parametrize("value", MISREAD)
def test_a_value_yaml_would_misread_is_quoted_and_reads_back(value: str) -> None:
    assert not is_plain_safe(value) or value in {"=", "<<"}
    for question in ("discover.marketing.message", "buy.marketing.partner-kit"):
        edited = edit(init_text(), AnswerEdit(question, {"status": "partial", "owner": value}))
        if "\x07" in value:  # a control character is refused by the loader, as typed by hand
            continue
        assert answers_of(edited)[question]["owner"] == value


@pytest.mark.parametrize("value", ["Amara Nwosu", "https://wiki/x?a=1#b", "n/a", "Ли Мин", "김민"])
def test_ordinary_text_stays_plain(value: str) -> None:
    assert is_plain_safe(value)
    edited = edit(init_text(), AnswerEdit("use.support.sla", {"owner": value}))
    assert f"    owner: {value}\n" in edited


_TEXT = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=30
).filter(lambda text: not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    question=st.sampled_from([q.id for q in mini_playbook().questions]),
    owner=_TEXT.filter(lambda t: t.strip() != "" or t == ""),
    note=_TEXT,
    due=st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)),
    style=st.sampled_from(["init", "hand"]),
)
def test_editing_then_reading_gives_exactly_the_values_written(
    question: str, owner: str, note: str, due: dt.date, style: str
) -> None:
    text = init_text(channels=True) if style == "init" else HAND_WRITTEN
    before = answers_of(text)
    edited = edit(text, AnswerEdit(question, {"owner": owner, "note": note, "due": due}))
    after = answers_of(edited)
    expected = {"status": "not-started", **before.get(question, {})}
    expected.update(owner=owner, note=note, due=due)
    if question not in before:
        expected.setdefault("due", due)
    assert after[question] == expected
    assert {k: v for k, v in after.items() if k != question} == {
        k: v for k, v in before.items() if k != question
    }


# -- the three-way merge ----------------------------------------------------------------

_LINES = st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=12)


@given(_LINES, _LINES)
def test_merge_without_normalisation_is_the_edit(original: list[str], edited: list[str]) -> None:
    assert merge3(original, original, edited) == edited


@given(_LINES, _LINES)
def test_merge_without_an_edit_keeps_the_original(original: list[str], baseline: list[str]) -> None:
    assert merge3(original, baseline, baseline) == original


def test_merge_keeps_normalised_lines_the_edit_did_not_touch() -> None:
    original = ["key:", "  status:   done", "  owner: Bo", "  note: x"]
    baseline = ["key:", "  status: done", "  owner: Bo", "  note: x"]
    edited = ["key:", "  status: done", "  owner: Ann", "  note: x"]
    assert merge3(original, baseline, edited) == [
        "key:",
        "  status:   done",
        "  owner: Ann",
        "  note: x",
    ]


# -- the diff a --dry-run prints ---------------------------------------------------------

#: Lines of a file; "c" has no line end, and a line may hold characters that
#: str.splitlines would end it at.
_FILE_LINES = st.lists(
    st.sampled_from(["a\n", "b\n", "owner:\n", "note:\n", "d\r\n", "e\u2028f\x0c\n", "c"]),
    max_size=40,
)


def _patched(old: str, diff: str) -> str:
    """``old`` with the hunks of ``diff`` applied, as patch would."""
    lines = [line + "\n" for line in old.split("\n")]
    lines[-1] = lines[-1][:-1]
    out: list[str] = []
    taken = 0
    for hunk in re.split(r"(?m)^@@ ", diff)[1:]:
        header, _, body = hunk.partition("@@\n")
        start, count = re.match(r"-(\d+)(?:,(\d+))? ", header).groups()  # type: ignore[union-attr]
        begin = int(start) - (count != "0")
        out += lines[taken:begin]
        taken = begin
        entries: list[tuple[str, str]] = []
        for line in body.split("\n")[:-1]:
            if line.startswith("\\"):  # the line before has no line end
                entries[-1] = (entries[-1][0], entries[-1][1].removesuffix("\n"))
            else:
                entries.append((line[0], line[1:] + "\n"))
        for mark, text in entries:
            if mark in " -":
                assert lines[taken] == text, (lines[taken], text)
                taken += 1
            if mark in " +":
                out.append(text)
    return "".join(out + lines[taken:])


@given(_FILE_LINES, _FILE_LINES)
def test_a_short_file_is_diffed_as_difflib_diffs_it(old: list[str], new: list[str]) -> None:
    # difflib's heuristic starts at 200 lines: below, the two must agree to the byte
    # (where every line ends: difflib runs a last line without an end into the next).
    old, new = [line for line in old if line != "c"], [line for line in new if line != "c"]
    expected = "".join(difflib.unified_diff(old, new, fromfile="p.yaml", tofile="p.yaml"))
    assert unified_diff("".join(old), "".join(new), "p.yaml") == expected


@settings(max_examples=200)
@given(_FILE_LINES, _FILE_LINES, st.integers(0, 6))
def test_the_diff_turns_the_old_text_into_the_new(
    old: list[str], new: list[str], repeat: int
) -> None:
    before, after = "".join(old * repeat), "".join(new * repeat)
    diff = unified_diff(before, after, "p.yaml")
    assert (diff == "") == (before == after)
    assert _patched(before, diff) == after


def test_a_line_common_in_a_long_plan_is_not_shown_as_changed() -> None:
    answers = [
        f"  q{n}:\n    status: not-started\n    owner:\n    due: 2027-01-30\n    note:\n"
        for n in range(120)
    ]
    text = "answers:\n" + "".join(answers)
    # Long enough for difflib's heuristic: "    owner:" is in more than 1 line in 100.
    assert len(text.splitlines()) >= 200
    edited = text.replace(
        "  q7:\n    status: not-started\n    owner:\n    due: 2027-01-30\n",
        "  q7:\n    status: partial\n    owner:\n    due: 2027-02-01\n",
    )
    diff = unified_diff(text, edited, "p.yaml")
    marked = [line for line in diff.splitlines() if line[:1] in "-+" and line[:3] != line[0] * 3]
    assert marked == [
        "-    status: not-started",
        "+    status: partial",
        "-    due: 2027-01-30",
        "+    due: 2027-02-01",
    ], diff
    assert _patched(text, diff) == edited
    shown = "".join(difflib.unified_diff(text.splitlines(True), edited.splitlines(True)))
    assert "-    owner:" in shown  # what difflib itself shows


# -- plans of every layout: only the touched answers' lines change ---------------------------

_VALUE = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\ufeff\x85\u2028\u2029")
    | st.sampled_from(list(":#'\",[]{}*&!|>-?%@` ")),
    min_size=1,
    max_size=12,
)
_IDS = [q.id for q in mini_playbook().questions if not q.when]


@st.composite
def _plans(draw: st.DrawFn) -> tuple[str, dict[str, dict[str, str]]]:
    """A plan written by hand in one of many layouts, and its answers as data."""
    from journeycheck.scaffold import double_quoted

    indent = draw(st.sampled_from([2, 3, 4]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = ["journeycheck: 1", "product: Acme", "playbook: mini-playbook.yaml"]
    lines += ["launch: 2027-03-01", "traits: {channels: false}", "answers:"]
    answers: dict[str, dict[str, str]] = {}
    for question in draw(st.permutations(_IDS))[: draw(st.integers(0, len(_IDS)))]:
        fields = {"status": draw(st.sampled_from(["done", "partial", "blocked"]))}
        for name in draw(st.lists(st.sampled_from(["owner", "evidence", "note"]), unique=True)):
            fields[name] = draw(_VALUE)
        answers[question] = fields
        if draw(st.booleans()):
            lines.append(
                " " * draw(st.integers(0, indent)) + "# " + draw(_VALUE).replace("\n", " ")
            )
        if draw(st.booleans()):
            lines.append("")
        key = question if draw(st.booleans()) else f'"{question}"'
        written = {
            name: (value if is_plain_safe(value) and draw(st.booleans()) else double_quoted(value))
            for name, value in fields.items()
        }
        if draw(st.booleans()):
            inner = ", ".join(
                f"{name}: {double_quoted(v) if not is_plain_safe(v, flow=True) else v}"
                for name, v in fields.items()
            )
            lines.append(" " * indent + f"{key}: {{{inner}}}")
        else:
            lines.append(" " * indent + f"{key}:")
            for name, value in written.items():
                comment = "   # " + draw(_VALUE).replace("\n", " ") if draw(st.booleans()) else ""
                lines.append(" " * (2 * indent) + f"{name}: {value}{comment}")
    if not answers:
        lines[-1] = "answers: {}"
    lines.append("# the end")
    return newline.join(lines) + newline, answers


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    written=_plans(),
    question=st.sampled_from(_IDS),
    values=st.dictionaries(st.sampled_from(["owner", "evidence", "note"]), _VALUE, max_size=3),
    clear=st.sets(st.sampled_from(["owner", "evidence", "note", "due"])),
    status=st.sampled_from(["done", "partial", "not-started", "blocked"]),
)
def test_any_layout_changes_only_the_touched_answer(
    written: tuple[str, dict[str, dict[str, str]]],
    question: str,
    values: dict[str, str],
    clear: set[str],
    status: str,
) -> None:
    text, answers = written
    clear -= set(values)
    change = AnswerEdit(question, {"status": status, **values}, frozenset(clear))
    edited = edit(text, change)
    after = answers_of(edited)
    expected: dict[str, Any] = {
        k: v for k, v in answers.get(question, {}).items() if k not in clear
    }
    if question not in answers and "due" not in clear:
        due = initial_due(next(q for q in mini_playbook().questions if q.id == question), LAUNCH)
        if due is not None:
            expected["due"] = due
    expected.update(status=status, **values)
    assert after[question] == expected
    assert {k: v for k, v in after.items() if k != question} == {
        k: v for k, v in answers_of(text).items() if k != question
    }
    # Every line outside the touched answer is kept, byte for byte and in order.
    original = text.splitlines(keepends=True)
    if question in answers:
        start = next(
            i
            for i, line in enumerate(original)
            if line.lstrip().startswith((f"{question}:", f'"{question}":'))
        )
        end = start + 1
        while end < len(original) and (
            len(original[end]) - len(original[end].lstrip(" "))
            > len(original[start]) - len(original[start].lstrip(" "))
        ):
            end += 1
        outside = original[:start] + original[end:]
    else:
        # The first answer opens answers: {} as answers:, on its own line.
        outside = [line for line in original if not line.startswith("answers: {}")]
    kept = iter(edited.splitlines(keepends=True))
    assert all(any(line == other for other in kept) for line in outside)
