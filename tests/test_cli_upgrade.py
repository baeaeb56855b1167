"""``journeycheck upgrade``: a plan written against acme-launch 2, brought up to version 3.

Version 2 (tests/fixtures/company/history/acme-launch-2.yaml) is the mini playbook
without manufacturing, plus discover.legal.nda. Version 3
(tests/fixtures/company/acme-launch.yaml) drops the NDA question and the webinar,
renames buy.legal.eula to buy.legal.customer-terms, and adds the security review
(and an export question that only regulated products get).

The plan is made as a user makes one: init against version 2, answers set with
``journeycheck set``; then the playbook file changes under it.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, assert_golden, invoke

HISTORY = FIXTURES / "company" / "history"


def playbook_text(source: Path) -> str:
    """A fixture playbook as it would sit beside the mini playbook in playbooks/."""
    text = source.read_text("utf-8")
    return text.replace("extends: ../../mini-playbook.yaml", "extends: mini-playbook.yaml").replace(
        "extends: ../mini-playbook.yaml", "extends: mini-playbook.yaml"
    )


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan answered against acme-launch 2, whose playbook file is now version 3."""
    playbooks = tmp_path / "playbooks"
    playbooks.mkdir()
    (playbooks / "mini-playbook.yaml").write_text(
        (FIXTURES / "mini-playbook.yaml").read_text("utf-8"), "utf-8"
    )
    launch = playbooks / "acme-launch.yaml"
    launch.write_text(playbook_text(HISTORY / "acme-launch-2.yaml"), "utf-8")
    monkeypatch.chdir(tmp_path)
    made = invoke(
        "init", "--playbook", "playbooks/acme-launch.yaml", "--product", "Ledgerline",
        "--launch", "2027-03-01", "--trait", "channels=true", "--no-input",
    )  # fmt: skip
    assert made.code == 0, made
    for args in (
        ["discover.marketing.message", "--status", "done", "--owner", "Maria"],
        ["discover.marketing.webinar", "--status", "partial", "--owner", "Maria"],
        ["discover.legal.nda", "--status", "done", "--note", "Signed with both partners."],
        ["buy.legal.eula", "--status", "done", "--evidence", "https://wiki.example.com/terms"],
        ["use.support.community", "--status", "n/a", "--note", "No forum at first."],
    ):
        assert invoke("set", "launch-plan.yaml", *args).code == 0, args
    launch.write_text(playbook_text(FIXTURES / "company" / "acme-launch.yaml"), "utf-8")
    return tmp_path


def test_a_plan_behind_its_playbook_is_refused_until_upgraded(workspace: Path) -> None:
    code, _, err = invoke("validate", "launch-plan.yaml")
    assert code == 2
    assert "unknown question id 'discover.marketing.webinar'" in err


def test_dry_run_shows_the_change_and_writes_nothing(workspace: Path) -> None:
    plan = workspace / "launch-plan.yaml"
    before = plan.read_bytes()
    code, out, err = invoke("upgrade", "launch-plan.yaml", "--dry-run")
    assert (code, err) == (0, "")
    assert plan.read_bytes() == before
    assert_golden("upgrade-acme-launch-2-to-3.diff", out)


def test_upgrade_golden_and_what_it_says(workspace: Path) -> None:
    plan = workspace / "launch-plan.yaml"
    plan.chmod(0o640)
    code, out, err = invoke("upgrade", "launch-plan.yaml")
    assert (code, err) == (0, "")
    assert out == (
        "Upgraded launch-plan.yaml to playbook acme-launch 3:\n"
        "Added 1 stub, not started, for a question the plan did not answer: "
        "discover.security.review.\n"
        "Moved 1 answer to its question's new id: buy.legal.eula → buy.legal.customer-terms.\n"
        "Commented out 2 answers whose questions are gone, with a note: "
        "discover.marketing.webinar, discover.legal.nda.\n"
        "playbook_version: 2 → 3 (acme-launch).\n"
    )
    assert_golden("upgraded-acme-launch-3.yaml", plan.read_text("utf-8"))
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert invoke("validate", "launch-plan.yaml") == (0, "launch-plan.yaml: ok\n", "")
    again = invoke("upgrade", "launch-plan.yaml")
    assert again == (
        0,
        "Nothing to change: the plan is up to date with playbook acme-launch 3.\n",
        "",
    )


def test_upgrade_changes_only_the_lines_it_must(workspace: Path) -> None:
    plan = workspace / "launch-plan.yaml"
    old = plan.read_text("utf-8").splitlines()
    assert invoke("upgrade", "launch-plan.yaml").code == 0
    new = plan.read_text("utf-8").splitlines()
    import difflib

    removed = [line[2:] for line in difflib.ndiff(old, new) if line.startswith("- ")]
    # The version's value, the renamed key, and the retired answers' lines, which stay
    # in the file as comments (``# `` where their answer's key starts).
    assert removed[:1] == ['playbook_version: "2"']
    retired = [
        line for line in removed if line not in ('playbook_version: "2"', "  buy.legal.eula:")
    ]
    assert len(removed) == len(retired) + 2
    assert [line for line in retired if line[:2] + "# " + line[2:] not in new] == []
    assert len(retired) == 12  # webinar and nda: key and five fields each


def test_a_plan_without_a_version_gets_one(workspace: Path) -> None:
    plan = workspace / "launch-plan.yaml"
    text = plan.read_text("utf-8")
    lines = [line for line in text.splitlines(keepends=True) if "playbook_version" not in line]
    lines = [line for line in lines if "journeycheck upgrade updates it" not in line]
    plan.write_text("".join(lines), "utf-8")
    code, out, _ = invoke("upgrade", "launch-plan.yaml")
    assert code == 0
    assert "playbook_version: (none) → 3 (acme-launch)." in out
    written = plan.read_text("utf-8")
    assert (
        "playbook: playbooks/acme-launch.yaml\n"
        "# The playbook's version this plan follows; journeycheck upgrade updates it.\n"
        'playbook_version: "3"\n'
    ) in written


def test_a_refused_upgrade_writes_nothing(workspace: Path) -> None:
    plan = workspace / "launch-plan.yaml"
    # An answer the new playbook refuses for another reason: a trait it does not know.
    plan.write_text(
        plan.read_text("utf-8").replace("  channels: true", "  channels: true\n  hosted: true"),
        "utf-8",
    )
    before = plan.read_bytes()
    code, out, err = invoke("upgrade", "launch-plan.yaml")
    assert (code, out) == (2, "")
    assert err.startswith(
        "launch-plan.yaml: the upgraded plan would not be valid, so nothing was written: "
    )
    assert "unknown trait 'hosted'" in err
    assert plan.read_bytes() == before


def test_a_built_in_1_0_0_plan_follows_the_moved_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Playbook 1.1.0 moved brand positioning from sales enablement to marketing and
    # recorded it under renamed:, so an answer written against 1.0.0 keeps counting and
    # upgrade moves it to its new id.
    import json

    monkeypatch.chdir(tmp_path)
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "journeycheck: 1\nproduct: Old Plan\nplaybook: customer-journey\n"
        'playbook_version: "1.0.0"\nlaunch: 2027-03-01\nanswers:\n'
        "  discover.sales-enablement.positioning:\n    status: done\n    owner: Ines\n",
        "utf-8",
    )
    as_of = ["--as-of", "2027-01-15"]

    def positioning() -> list[str]:
        """The ids the audit counts positioning as done under; none may be a gap."""
        code, out, err = invoke("audit", plan, *as_of, "--format", "json")
        assert code == 0, err
        report = json.loads(out)
        assert not [g for g in report["gaps"] if "positioning" in g["question"]]
        return [d["question"] for d in report["done"] if d["question"].endswith(".positioning")]

    assert positioning() == ["discover.marketing.positioning"]  # before the upgrade
    code, out, err = invoke("upgrade", plan)
    assert code == 0, err
    assert "discover.sales-enablement.positioning → discover.marketing.positioning" in out
    text = plan.read_text("utf-8")
    assert "discover.sales-enablement.positioning" not in text
    assert "  discover.marketing.positioning:\n    status: done\n    owner: Ines\n" in text
    assert 'playbook_version: "1.1.0"' in text
    assert positioning() == ["discover.marketing.positioning"]


ACCOUNTS = """accounts:
  - name: "Northwind Traders"
    stage: buy
    blocked_by: [buy.legal.eula, discover.legal.nda, "discover.marketing.message"]
  - name: "Contoso"
    stage: buy
    blocked_by:
      - discover.legal.nda  # the partners' NDA
  - name: Fabrikam
    stage: discover
    blocked_by:
      - 'buy.legal.eula'
      # the security review comes first
      - discover.legal.nda
      - discover.marketing.message
  - name: Tailspin
    stage: buy
    blocked_by: [
        discover.legal.nda,
        buy.legal.eula,
      ]
  - name: Litware
    stage: use
    blocked_by: [discover.marketing.message]
"""

UPGRADED_ACCOUNTS = """accounts:
  - name: "Northwind Traders"
    stage: buy
    blocked_by: [buy.legal.customer-terms, "discover.marketing.message"]
  - name: "Contoso"
    stage: buy
    blocked_by: []
  - name: Fabrikam
    stage: discover
    blocked_by:
      - buy.legal.customer-terms
      # the security review comes first
      - discover.marketing.message
  - name: Tailspin
    stage: buy
    blocked_by: [buy.legal.customer-terms]
  - name: Litware
    stage: use
    blocked_by: [discover.marketing.message]
"""


def test_accounts_blocked_by_renamed_or_retired_questions_are_rewritten(
    workspace: Path,
) -> None:
    # Written while the playbook was version 2, as a user writes them: each form of list.
    plan = workspace / "launch-plan.yaml"
    text = plan.read_text("utf-8")
    launch = workspace / "playbooks" / "acme-launch.yaml"
    now = launch.read_text("utf-8")
    launch.write_text(playbook_text(HISTORY / "acme-launch-2.yaml"), "utf-8")
    plan.write_text(text + ACCOUNTS, "utf-8")
    assert invoke("validate", "launch-plan.yaml")[0] == 0
    launch.write_text(now, "utf-8")
    code, out, err = invoke("upgrade", "launch-plan.yaml")
    assert code == 0, err
    upgraded = plan.read_text("utf-8")
    assert upgraded.endswith(UPGRADED_ACCOUNTS)
    assert (
        "Followed 3 renamed questions in the accounts' blocked_by: Northwind Traders: "
        "buy.legal.eula → buy.legal.customer-terms; Fabrikam: buy.legal.eula → "
        "buy.legal.customer-terms; Tailspin: buy.legal.eula → buy.legal.customer-terms.\n"
    ) in out
    assert (
        "Removed 4 questions that are gone from the accounts' blocked_by: Northwind Traders: "
        "discover.legal.nda; Contoso: discover.legal.nda; Fabrikam: discover.legal.nda; "
        "Tailspin: discover.legal.nda.\n"
    ) in out
    # The rest of the file is what the upgrade of the plan without accounts writes.
    plan.write_text(text, "utf-8")
    assert invoke("upgrade", "launch-plan.yaml")[0] == 0
    assert upgraded == plan.read_text("utf-8") + UPGRADED_ACCOUNTS
    assert invoke("validate", "launch-plan.yaml")[0] == 0


@pytest.mark.parametrize(
    "listed",
    [
        # A folded scalar and an alias: lists upgrade does not rewrite.
        "blocked_by:\n      - >-\n        discover.legal.nda\n",
        "blocked_by: &held [discover.legal.nda]\n  - name: Other\n    stage: buy\n"
        "    blocked_by: *held\n",
        # A comment inside a flow list over several lines, which one line would lose.
        "blocked_by: [\n        discover.legal.nda,  # the partners'\n"
        "        discover.marketing.message,\n      ]\n",
    ],
)
def test_a_blocked_by_upgrade_cannot_rewrite_is_refused_whole(workspace: Path, listed: str) -> None:
    plan = workspace / "launch-plan.yaml"
    launch = workspace / "playbooks" / "acme-launch.yaml"
    now = launch.read_text("utf-8")
    launch.write_text(playbook_text(HISTORY / "acme-launch-2.yaml"), "utf-8")
    plan.write_text(
        plan.read_text("utf-8") + "accounts:\n  - name: Contoso\n    stage: buy\n    " + listed,
        "utf-8",
    )
    launch.write_text(now, "utf-8")
    before = plan.read_bytes()
    code, out, err = invoke("upgrade", "launch-plan.yaml")
    assert (code, out) == (2, "")
    assert err.startswith("launch-plan.yaml: accounts: the blocked_by of '"), err
    assert "' names discover.legal.nda, which the playbook renamed or retired" in err
    assert "nothing was written" in err
    assert plan.read_bytes() == before


def test_accounts_written_before_the_answers_are_rewritten_too(workspace: Path) -> None:
    plan = workspace / "launch-plan.yaml"
    text = plan.read_text("utf-8")
    launch = workspace / "playbooks" / "acme-launch.yaml"
    now = launch.read_text("utf-8")
    launch.write_text(playbook_text(HISTORY / "acme-launch-2.yaml"), "utf-8")
    head, answers = text.split("\nanswers:\n", 1)
    plan.write_text(head + "\n" + ACCOUNTS + "answers:\n" + answers, "utf-8")
    launch.write_text(now, "utf-8")
    code, _, err = invoke("upgrade", "launch-plan.yaml")
    assert code == 0, err
    plan_text = plan.read_text("utf-8")
    assert "\n" + UPGRADED_ACCOUNTS + "answers:\n" in plan_text
    assert "  buy.legal.customer-terms:\n" in plan_text
