"""GitHub issues: JSON Lines and the gh script, run against a fake gh."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from journeycheck.render.github_issues import (
    body,
    github_handle,
    issue,
    marker,
    quiet,
    render_jsonl,
    render_script,
)
from journeycheck.render.jira_csv import summary
from journeycheck.tickets import Tickets
from tests.helpers import assert_golden
from tests.render.tickets_cases import HOSTILE, MINI, tickets

SH = shutil.which("sh")


def test_golden_github_mini_jsonl() -> None:
    assert_golden("tickets-mini.github.jsonl", render_jsonl(tickets(MINI)))


def test_golden_github_hostile_jsonl() -> None:
    assert_golden("tickets-hostile.github.jsonl", render_jsonl(tickets(HOSTILE)))


def test_golden_github_mini_script() -> None:
    assert_golden("tickets-mini.github.sh", render_script(tickets(MINI)))


def test_golden_github_hostile_script() -> None:
    assert_golden("tickets-hostile.github.sh", render_script(tickets(HOSTILE)))


def test_one_json_object_per_line() -> None:
    exported = tickets(MINI)
    lines = render_jsonl(exported).splitlines()
    assert len(lines) == len(exported.tickets)
    first = json.loads(lines[0])
    assert list(first) == ["key", "title", "body", "labels", "assignees"]
    assert first["key"] == "journeycheck:acme-ledger:buy.legal.eula"
    assert first["title"] == "[Acme Ledger] Is the EULA published?"
    assert first["labels"] == ["journeycheck", "buy", "legal"]
    assert first["assignees"] == []  # "Ivo Legal" is a name, not a GitHub login
    assert first["body"].endswith("\n\n<!-- journeycheck:acme-ledger:buy.legal.eula -->\n")


@pytest.mark.parametrize(
    ("owner", "handle"),
    [
        ("@alice", "alice"),
        (" @alice-smith ", "alice-smith"),
        ("@A1", "A1"),
        ("alice", None),
        ("Maria Petrova", None),
        ("@alice smith", None),
        ("@-alice", None),
        ("@alice-", None),
        ("@al--ice", None),
        ("@" + "a" * 39, "a" * 39),
        ("@" + "a" * 40, None),
        ("alice@example.com", None),
        (None, None),
    ],
)
def test_only_an_at_login_is_a_github_handle(owner: str | None, handle: str | None) -> None:
    assert github_handle(owner) == handle


def rendered(markdown: str) -> str:
    """GitHub's rendering, raw HTML let through so that any leak from a plan would show."""
    return str(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    )


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.comments: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name == "href"]

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_bodies_render_as_text_with_one_hidden_marker() -> None:
    exported = tickets(HOSTILE)
    for ticket in exported.tickets:
        written = " ".join(
            text or ""
            for text in (ticket.ask, ticket.help, ticket.note, ticket.evidence, ticket.assignee)
        )
        parsed = Elements()
        parsed.feed(rendered(body(ticket)))
        assert set(parsed.tags) <= {"p", "strong", "ul", "li", "code", "a", "br"}, parsed.tags
        # The only links are web addresses written in the plan, which GitHub links by itself.
        for link in parsed.links:
            assert link.startswith(("http://", "https://")), link
            assert urllib.parse.unquote(link) in written, link
        assert parsed.comments == [f" {ticket.key} "]
        shown = "".join(parsed.text)
        assert " ".join(ticket.ask.split()) in shown.replace("\u2060", "")


def test_no_mentions_or_cross_references_in_bodies() -> None:
    text = "".join(body(t) for t in tickets(HOSTILE).tickets)
    for mention in ("@here", "@everyone", "@bob", "#12", "#34", "#5", "@R"):
        assert mention not in text
    assert quiet("mail a@b.example.com, ask @x and see o/r#1") == (
        "mail a@b.example.com, ask @\u2060x and see o/r#\u20601"
    )
    # A link's destination stays a working address.
    link = "[https\\://a.example/@u\\#1](<https://a.example/@u#1>)"
    assert quiet(link) == "[https\\://a.example/@\u2060u\\#\u20601](<https://a.example/@u#1>)"


def test_the_marker_is_the_last_thing_in_the_body() -> None:
    for ticket in tickets(HOSTILE).tickets:
        assert body(ticket).endswith(f"\n{marker(ticket)}\n")
        assert marker(ticket).count("-->") == 1


# -- the script, run against a fake gh ---------------------------------------------

FAKE_GH = textwrap.dedent(
    """\
    #!{python}
    # A stand-in for gh: it records its arguments and answers 'issue list'
    # with the issue that holds the marker, from $GH_FAKE_ISSUES.
    import json, os, re, sys
    args = sys.argv[1:]
    with open(os.environ["GH_FAKE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(args) + "\\n")
    if args[:2] == ["issue", "list"]:
        program = args[args.index("--jq") + 1]
        wanted = re.search(r'contains\\("(.*?)"\\)', program).group(1)
        issues = json.load(open(os.environ["GH_FAKE_ISSUES"], encoding="utf-8"))
        for number, text in issues.items():
            if wanted in text:
                print(number)
                break
    elif args[:2] == ["issue", "create"]:
        print("https://github.com/acme/plan/issues/1")
    elif args[:2] == ["label", "list"]:
        print(os.environ.get("GH_FAKE_LABELS", ""))
    """
)


@pytest.fixture
def fake_gh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    gh = folder / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable), "utf-8")
    gh.chmod(gh.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("GH_FAKE_LOG", str(tmp_path / "calls.jsonl"))
    monkeypatch.setenv("GH_FAKE_ISSUES", str(tmp_path / "issues.json"))
    (tmp_path / "issues.json").write_text("{}", "utf-8")
    return tmp_path


def run_script(exported: Tickets, folder: Path) -> list[list[str]]:
    script = folder / "issues.sh"
    script.write_text(render_script(exported), "utf-8")
    log = folder / "calls.jsonl"
    log.write_text("", "utf-8")
    assert SH is not None
    done = subprocess.run([SH, str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"journeycheck: {len(exported.tickets)} issues are up to date.\n")
    return [json.loads(line) for line in log.read_text("utf-8").splitlines()]


@pytest.mark.skipif(SH is None, reason="needs a POSIX shell")
def test_the_script_parses_as_posix_shell() -> None:
    assert SH is not None
    for plan in (MINI, HOSTILE):
        done = subprocess.run(
            [SH, "-n"], input=render_script(tickets(plan)), text=True, check=False
        )
        assert done.returncode == 0


@pytest.mark.skipif(SH is None, reason="needs a POSIX shell")
def test_a_first_run_creates_every_issue_with_the_exact_text(fake_gh: Path) -> None:
    exported = tickets(HOSTILE)
    calls = run_script(exported, fake_gh)
    creates = [call for call in calls if call[:2] == ["issue", "create"]]
    assert len(creates) == len(exported.tickets)
    for ticket, call in zip(exported.tickets, creates, strict=True):
        expected = issue(exported, ticket)
        assert call[call.index("--title") + 1] == expected["title"]
        assert call[call.index("--body") + 1] == expected["body"]
        assert call[call.index("--label") + 1] == ",".join(expected["labels"])  # type: ignore[arg-type]
        handles = expected["assignees"]
        assert (call[call.index("--assignee") + 1] if "--assignee" in call else None) == (
            handles[0] if handles else None  # type: ignore[index]
        )
    assert not any(call[:2] == ["issue", "edit"] for call in calls)
    labels = {call[2] for call in calls if call[:2] == ["label", "create"]}
    assert labels == {"journeycheck", "find", "pay", "rnd", "sales"}


@pytest.mark.skipif(SH is None, reason="needs a POSIX shell")
def test_labels_the_repository_has_are_left_as_they_are(
    fake_gh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GH_FAKE_LABELS", "bug\njourneycheck\nrnd\nfind-more")
    calls = run_script(tickets(HOSTILE), fake_gh)
    created = {call[2] for call in calls if call[:2] == ["label", "create"]}
    assert created == {"find", "pay", "sales"}
    assert not any("--force" in call for call in calls)


@pytest.mark.skipif(SH is None, reason="needs a POSIX shell")
def test_a_rerun_edits_the_issues_that_hold_the_marker(fake_gh: Path) -> None:
    exported = tickets(HOSTILE)
    first, second = exported.tickets[0], exported.tickets[1]
    (fake_gh / "issues.json").write_text(
        json.dumps({"41": body(first), "42": "an issue of someone else", "43": body(second)}),
        "utf-8",
    )
    calls = run_script(exported, fake_gh)
    edits = [call for call in calls if call[:2] == ["issue", "edit"]]
    creates = [call for call in calls if call[:2] == ["issue", "create"]]
    assert [call[2] for call in edits] == ["41", "43"]
    assert edits[0][edits[0].index("--body") + 1] == body(first)
    assert edits[0][edits[0].index("--title") + 1] == summary(exported.product, first)
    assert len(creates) == len(exported.tickets) - 2
    looked_up = [call for call in calls if call[:2] == ["issue", "list"]]
    assert len(looked_up) == len(exported.tickets)
    assert all("--state" in call and call[call.index("--state") + 1] == "all" for call in looked_up)


def test_changing_one_answer_changes_exactly_its_issue_line(tmp_path: Path) -> None:
    from journeycheck.pipeline import AuditSettings
    from tests.helpers import FIXTURES
    from tests.render.tickets_cases import AS_OF, tickets_of

    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    plan = tmp_path / "plan.yaml"
    plan.write_text((FIXTURES / "mini-plan.yaml").read_text("utf-8"), "utf-8")
    settings = AuditSettings(as_of=AS_OF)
    before = render_jsonl(tickets_of(plan, settings, None)).splitlines()
    text = plan.read_text("utf-8").replace("    status: blocked\n", "    status: partial\n")
    plan.write_text(text, "utf-8")
    after = render_jsonl(tickets_of(plan, settings, None)).splitlines()
    # The issues are listed most urgent first, so a changed answer may move its line;
    # trackers match by key, and by key exactly one issue changed.
    old = {json.loads(line)["key"]: line for line in before}
    new = {json.loads(line)["key"]: line for line in after}
    assert old.keys() == new.keys()
    changed = [key for key in old if old[key] != new[key]]
    assert changed == ["journeycheck:acme-ledger:buy.marketing.partner-kit"]
