"""Every command in the pseudo-language: no English the catalogues do not know.

``qps`` writes every string of the catalogues as ``⟦…⟧`` around the English. The
commands run here on a playbook whose every text is Greek, and a plan written by
``init`` from it, so any run of Latin letters left once the brackets are taken out
is either one of the things never translated (ids, statuses, reason codes, YAML
and JSON keys, file paths, command and option names, message codes) or English
that never went through a catalogue, and fails the test with its line.

The reports (what ``audit``, ``diff``, ``playbook show`` … write on standard
output) are the reports domain, translated on the i18n-reports branch; here
their standard error is checked, and their standard output where the command
is not a report (``init``, ``set``, ``upgrade``, ``validate``, ``playbook check``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeycheck import i18n
from tests.gitrepo import Repo, isolate, needs_git
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[1]
BUILTIN = ROOT / "src" / "journeycheck" / "playbooks" / "customer-journey.yaml"
SCHEMAS = ROOT / "schemas"
#: The keys of a playbook whose values are text for people, made Greek here.
TEXT_KEYS = {"title", "description", "summary", "ask", "help", "short", "unit", "risk"}
BRACKETED = re.compile(f"{i18n.OPEN}[^{i18n.OPEN}{i18n.CLOSE}]*{i18n.CLOSE}")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.\-/][A-Za-z0-9_]+)*")
#: Words that are never translated and are not keys or values of a schema.
NEVER_TRANSLATED = {
    "journeycheck",
    "yaml",
    "language-server",
    "schema",
    "auto",
    "true",
    "false",
    "null",
    "go",
    "at-risk",
    "no-go",
    "ok",
    "owners",
    "waiver",
    "reason",
    "approver",
    "expires",
    "YYYY-MM-DD",
    "yaml-language-server",
}
#: A Mermaid diagram in a Markdown report, and the words of its syntax.
MERMAID = re.compile(r"^```mermaid\n.*?^```$", re.MULTILINE | re.DOTALL)
MERMAID_WORDS = re.compile(
    r"%%\{.*?\}%%|\b(?:mermaid|xychart-beta|x-axis|y-axis|bar|line|title|journey|section|"
    r"flowchart|graph|pie|gantt|dateFormat|axisFormat|classDef|class|style|fill|stroke)\b"
)
#: Click's own framing of a usage error, which stays English like --help (README).
CLICK_LINE = re.compile(r"^(Usage: |Try ')")
CLICK = re.compile(r"^Error: (Invalid value for [^:]+: )?")


def _greek(text: str, number: int) -> str:
    return f"Κείμενο {number} για δοκιμή"


def _greek_playbook(node: Any, counter: Iterator[int]) -> Any:
    if isinstance(node, dict):
        return {
            key: _greek(value, next(counter))
            if key in TEXT_KEYS and isinstance(value, str)
            else _greek_playbook(value, counter)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_greek_playbook(item, counter) for item in node]
    return node


def _schema_words() -> set[str]:
    """Every key, enum value and constant in the JSON Schemas: what is never translated."""
    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    words.update(value)
                if key in ("enum", "const"):
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, str):
                            words.add(item)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in SCHEMAS.glob("*.json"):
        walk(json.loads(path.read_text("utf-8")))
    return words


def _ids(playbook: dict[str, Any]) -> set[str]:
    found = {str(playbook["id"])}
    for kind in ("phases", "teams", "questions", "kpis"):
        for item in playbook.get(kind, []):
            found.add(str(item["id"]))
            found.update(str(item["id"]).split("."))
    found.update(playbook.get("traits", {}))
    return found


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(i18n.ENV, i18n.PSEUDO)
    builtin = yaml.safe_load(BUILTIN.read_text("utf-8"))
    greek = _greek_playbook(builtin, iter(range(1, 100000)))
    greek["id"] = "greek-journey"
    (tmp_path / "greek.yaml").write_text(yaml.safe_dump(greek, allow_unicode=True), "utf-8")
    # A second version of it, for playbook diff: every text changed, one question gone.
    changed = _greek_playbook(builtin, iter(range(100000, 200000)))
    changed["id"], changed["version"] = "greek-journey", "1.1.0"
    changed["questions"] = changed["questions"][1:]
    (tmp_path / "greek-1.1.yaml").write_text(yaml.safe_dump(changed, allow_unicode=True), "utf-8")
    from journeycheck.cli import COMMAND_ORDER

    commands = {*COMMAND_ORDER, "list", "show", "check", "diff"}
    allowed = _schema_words() | _ids(greek) | NEVER_TRANSLATED | commands
    return {"root": tmp_path, "allowed": allowed, "playbook": greek}


def english_left(text: str, allowed: set[str], root: Path) -> list[str]:
    """The lines of ``text`` that still hold a word no catalogue translated."""
    found = []
    # Brackets first, over the whole text: init wraps a comment over several lines.
    rest_of_text = text.replace(str(root), "")
    # Markup, not words: Mermaid diagrams' syntax, HTML tags and entities in Markdown.
    rest_of_text = MERMAID.sub(lambda block: MERMAID_WORDS.sub(" ", block.group()), rest_of_text)
    rest_of_text = re.sub(r"</?[a-z][^<>]*>|&[a-z]+;|&#\d+;", " ", rest_of_text)
    while BRACKETED.search(rest_of_text):
        rest_of_text = BRACKETED.sub(" ", rest_of_text)
    for line in rest_of_text.splitlines():
        if CLICK_LINE.match(line):
            continue
        rest = CLICK.sub("", line)
        rest = re.sub(r"(?<![\w-])--?[a-z][a-z-]*", " ", rest)  # option names
        rest = re.sub(r"\bJC\d{3}\b|\bU\+[0-9A-F]{4}\b|\b0x[0-9A-F]+\b", " ", rest)
        rest = re.sub(r"[\w.-]+\.(?:yaml|yml|csv|json|md|html|sarif)\b", " ", rest)  # files
        words = [word for word in WORD.findall(rest) if word not in allowed]
        words = [
            word for word in words if not all(part in allowed for part in re.split(r"[./]", word))
        ]
        if words:
            found.append(f"{line!r}: {words}")
    return found


#: A question of the built-in playbook, and so of the Greek one.
QUESTION = "discover.product-management.launch-commitment"


def _commands(root: Path) -> list[tuple[str, list[str], bool, int]]:
    """(name, arguments, whether standard output is checked too, the exit code)."""
    plan, day = "plan.yaml", ["--as-of", "2027-01-15"]
    init = ["init", plan, "--playbook", "greek.yaml", "--product", "Προϊόν"]
    done = [QUESTION, "--status", "done", "--evidence", "Τεκμήριο"]
    return [
        ("init", [*init, "--launch", "2027-03-01", "--no-input"], True, 0),
        ("init-again", [*init, "--launch", "2027-03-01", "--no-input"], True, 2),
        ("init-no-launch", ["init", "other.yaml", "--product", "Προϊόν", "--no-input"], True, 2),
        ("validate", ["validate", plan], True, 0),
        ("validate-bad", ["validate", "bad.yaml"], True, 2),
        ("validate-missing", ["validate", "missing.yaml"], True, 2),
        ("playbook-check", ["playbook", "check", "greek.yaml"], True, 0),
        ("set-dry-run", ["set", plan, *done, *day, "--dry-run"], True, 0),
        ("set", ["set", plan, *done, *day], True, 0),
        ("set-again", ["set", plan, *done, *day], True, 0),
        ("set-unknown", ["set", plan, "nowhere.nothing", "--status", "done"], True, 2),
        ("set-bad-date", ["set", plan, QUESTION, "--due", "2027-02-30"], True, 2),
        ("upgrade", ["upgrade", plan, "--dry-run"], True, 0),
        ("bad-lang", ["--lang", "xx", "validate", plan], True, 2),
        ("export", ["export", plan, "-o", "answers.csv"], True, 0),
        ("import", ["import", plan, "answers.csv", "--dry-run", *day], True, 0),
        ("audit-gate", ["audit", plan, *day, "--fail-under", "99", "-o", "r.md"], True, 1),
        ("audit-terminal", ["audit", plan, *day], False, 0),
        ("audit-markdown", ["audit", plan, *day, "-f", "markdown"], False, 0),
        ("audit-json", ["audit", plan, *day, "-f", "json"], False, 0),
        ("audit-portfolio", ["audit", ".", *day, "--summary"], False, 2),
        ("tickets", ["tickets", plan, "--to", "jira", *day], False, 0),
        ("playbook-list", ["playbook", "list"], False, 0),
        ("playbook-show", ["playbook", "show", "greek.yaml"], False, 0),
        ("playbook-diff", ["playbook", "diff", "greek.yaml", "greek-1.1.yaml"], False, 0),
        ("diff", ["diff", plan, plan, *day], False, 0),
    ]


def test_every_command_speaks_only_through_the_catalogues(workspace: dict[str, Any]) -> None:
    root: Path = workspace["root"]
    allowed: set[str] = workspace["allowed"]
    (root / "bad.yaml").write_text(
        "journeycheck: 1\nproduct: Προϊόν\nplaybook: greek.yaml\nlaunch: 2027-02-30\n"
        "gate: nowhere\nstatus: done\n",
        "utf-8",
    )
    problems = []
    for name, arguments, whole, code in _commands(root):
        ran = invoke(*arguments)
        assert ran.code == code, f"{name}: exit {ran.code}, not {code}\n{ran.err}"
        streams = {"stderr": ran.err, "stdout": ran.out if whole else ""}
        if name == "init":
            streams["plan.yaml"] = (root / "plan.yaml").read_text("utf-8")
        for stream, text in streams.items():
            problems += [f"{name} {stream}: {line}" for line in english_left(text, allowed, root)]
    assert not problems, "\n".join(problems)


def test_the_harness_finds_english(workspace: dict[str, Any]) -> None:
    """The check itself: a sentence that never went through a catalogue is found."""
    root: Path = workspace["root"]
    allowed: set[str] = workspace["allowed"]
    assert english_left("⟦{file}: ok⟧ and then some words", allowed, root)
    assert not english_left("plan.yaml:3:1: ⟦unknown key 'status'⟧ done discover", allowed, root)


@needs_git
def test_the_history_commands_speak_only_through_the_catalogues(
    workspace: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    root: Path = workspace["root"]
    allowed: set[str] = workspace["allowed"]
    isolate(monkeypatch, root.parent)
    repo = Repo(root)
    init = ["init", "plan.yaml", "--playbook", "greek.yaml", "--product", "Προϊόν"]
    assert invoke(*init, "--launch", "2027-03-01", "--no-input").code == 0
    repo.commit("Πρώτο", "2027-01-04T10:00:00+02:00")
    done = [QUESTION, "--status", "done", "--evidence", "Τεκμήριο", "--as-of", "2027-01-11"]
    assert invoke("set", "plan.yaml", *done).code == 0
    repo.commit("Δεύτερο", "2027-01-11T10:00:00+02:00")
    day = ["--as-of", "2027-01-15"]
    problems = []
    for name, arguments, code in [
        ("history", ["history", "plan.yaml", *day], 0),
        ("agenda", ["agenda", "plan.yaml", *day], 0),
        ("diff-since", ["diff", "plan.yaml", "--since", "HEAD~1", *day], 0),
        ("audit-since", ["audit", "plan.yaml", "--since", "HEAD~1", *day, "-o", "r.md"], 0),
        ("diff-no-revision", ["diff", "plan.yaml", "--since", "nowhere", *day], 2),
        ("history-outside", ["history", "/nonexistent/plan.yaml", *day], 2),
    ]:
        ran = invoke(*arguments)
        assert ran.code == code, f"{name}: exit {ran.code}, not {code}\n{ran.err}"
        problems += [f"{name} stderr: {line}" for line in english_left(ran.err, allowed, root)]
    assert not problems, "\n".join(problems)
