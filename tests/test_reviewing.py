"""The review walk, driven by a scripted prompter (the terminal is tested in test_cli_review)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from journeycheck.errors import UsageError
from journeycheck.reviewing import Card, review
from tests.helpers import FIXTURES, GOLDEN, assert_golden

AS_OF = dt.date(2027, 1, 15)


class Script:
    """Answers prompts from a list; records what was shown and asked."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.cards: list[str] = []
        self.prompts: list[str] = []
        self.said: list[str] = []

    def show(self, card: Card) -> None:
        self.cards.append(card.question.id)

    def key(self, prompt: str, keys: Sequence[tuple[str, str]]) -> str:
        self.prompts.append(prompt)
        answer = self.answers.pop(0)
        assert answer in {key for key, _ in keys} | {""}, (answer, prompt)
        return answer

    def text(self, prompt: str, default: str | None, check: Callable[[str], str]) -> str:
        self.prompts.append(prompt)
        while True:
            typed = self.answers.pop(0)
            try:
                return check(typed if typed else (default or ""))
            except UsageError as exc:
                self.said.append(str(exc))

    def say(self, text: str) -> None:
        self.said.append(text)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    path = tmp_path / "launch-plan.yaml"
    path.write_bytes((GOLDEN / "init-mini.yaml").read_bytes())
    return path


def test_golden_walk_in_gap_order_saving_each_answer(plan: Path) -> None:
    script = Script(
        # discover.marketing.message (blocker, overdue): done, owner Maria, keep the due date
        "d", "Maria", "",
        # buy.legal.eula: n/a with a note, asked twice because the first is empty
        "a", "", "", "", "Not sold in this market",
        # discover.legal.trademark: skipped; discover.marketing.webinar: back
        "s", "b",
        # discover.legal.trademark again: skipped; the webinar again: quit
        "s", "q",
    )  # fmt: skip
    outcome = review(plan, script, as_of=AS_OF)
    assert script.cards == [
        "discover.marketing.message",
        "buy.legal.eula",
        "discover.legal.trademark",
        "discover.marketing.webinar",
        "discover.legal.trademark",
        "discover.marketing.webinar",
    ]
    assert "this one is required; type it, or press Ctrl-C to stop" in script.said
    assert [(c.question, c.field, c.new) for c in outcome.changes] == [
        ("discover.marketing.message", "status", "done"),
        ("discover.marketing.message", "owner", "Maria"),
        ("buy.legal.eula", "status", "n/a"),
        ("buy.legal.eula", "note", "Not sold in this market"),
    ]
    assert outcome.before is not None and outcome.after is not None
    assert (outcome.before.score, outcome.after.score) == (0.0, 50.0)
    assert_golden("reviewed-mini.yaml", plan.read_text("utf-8"))


def test_enter_everywhere_changes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    script = Script(*["", "", ""] * 6)
    outcome = review(plan, script, as_of=AS_OF)
    assert outcome.changes == [] and plan.read_bytes() == before
    assert len(script.cards) == 6


def test_a_team_and_phase_narrow_the_walk(plan: Path) -> None:
    script = Script("q")
    review(plan, script, as_of=AS_OF, teams=["legal"], phases=["buy"])
    assert script.cards == ["buy.legal.eula"]


def test_done_asks_for_required_evidence(plan: Path) -> None:
    script = Script("d", "", "", "https://wiki/eula", "q")
    review(plan, script, as_of=AS_OF, teams=["legal"], phases=["buy"])
    assert script.prompts[3] == "Evidence (a link; required for done)"
    assert (
        "    status: done\n    owner:\n    due: 2027-01-30\n    evidence: https://wiki/eula\n"
        in (plan.read_text("utf-8"))
    )


def test_a_bad_date_is_asked_again(plan: Path) -> None:
    script = Script("p", "", "2027-02-30", "2027-02-01", "q")
    review(plan, script, as_of=AS_OF, teams=["legal"], phases=["buy"])
    assert script.said[0].startswith("'2027-02-30' is not a real date")
    assert "    due: 2027-02-01\n" in plan.read_text("utf-8")


def test_a_playbook_outside_the_folder_is_read_only_when_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeycheck.errors import InputError

    (tmp_path / "shared").mkdir()
    (tmp_path / "plans").mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "shared" / "mini.yaml")
    text = (GOLDEN / "init-mini.yaml").read_text("utf-8")
    assert "\nplaybook: mini-playbook.yaml\n" in text
    path = tmp_path / "plans" / "launch-plan.yaml"
    path.write_text(
        text.replace("\nplaybook: mini-playbook.yaml\n", "\nplaybook: ../shared/mini.yaml\n")
    )
    monkeypatch.chdir(tmp_path / "plans")  # in no repository: the plan's folder is the boundary
    with pytest.raises(InputError, match="--allow-outside lifts this"):
        review(path, Script("q"), as_of=AS_OF)
    script = Script("p", "", "", "q")
    outcome = review(path, script, as_of=AS_OF, teams=["legal"], phases=["buy"], allow_outside=True)
    assert [(c.question, c.new) for c in outcome.changes] == [("buy.legal.eula", "partial")]
    assert "buy.legal.eula:\n    status: partial\n" in path.read_text("utf-8")
