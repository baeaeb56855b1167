"""A hostile run against journeycheck: `python bench/hostile.py` (about five minutes).

It generates attacks in five directions, runs each through the real commands and
judges the answer, then prints, per direction, how many attacks were tried, how
many got a correct answer and how many did not (with the first failures):

- bad input: plans broken at random, read with libyaml and with PyYAML's own parser;
- injection into outputs: markup, escape sequences, line breaks, Markdown, HTML and
  Mermaid syntax in every text field, key and file name, through every format;
- file system: links, sticky folders, unreadable and odd files, non-UTF-8 names,
  a full disk, races between two `init` runs, signals in the middle of a portfolio;
- load: files under the size limit built to take time or memory, and large portfolios;
- consistency: random plans scored by an independent reading of docs/scoring.md, and
  the same audit through every format and both YAML parsers.

It runs from the test environment (`make test` builds it): it uses journeycheck itself,
jsonschema and cmarkgfm, and, if npm is on the PATH, Mermaid's own parser, installed
into a temporary folder. `--seed N` repeats a run; `--quick` tries fewer of each.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUILTIN_PLAYBOOK = ROOT / "src" / "journeycheck" / "playbooks" / "customer-journey.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
PLAN = FIXTURES / "mini-plan.yaml"
PLAYBOOK = FIXTURES / "mini-playbook.yaml"
AS_OF = ["--as-of", "2027-01-15"]
DIRECTIONS = ("bad input", "injection into outputs", "file system", "load", "consistency")
#: What follows a file name on a line of stderr: ":LINE:COL: message" or ": message".
LOCATED = re.compile(r"(:[1-9][0-9]*:[1-9][0-9]*)?: \S")
#: Escape sequences a report may print when colour is on: SGR colours and emphasis only.
SGR = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Tally:
    attempts: int = 0
    correct: int = 0
    failures: list[str] = field(default_factory=list)


TALLIES = {direction: Tally() for direction in DIRECTIONS}


def judge(direction: str, name: str, problem: str | None) -> None:
    """Count one attack: ``problem`` is ``None`` when journeycheck answered correctly."""
    tally = TALLIES[direction]
    tally.attempts += 1
    if problem is None:
        tally.correct += 1
    else:
        tally.failures.append(f"{name}: {problem}")


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def invoke(args: Sequence[str | Path], *, pure: bool = False, **env: str) -> Outcome:
    """One command in this process, with libyaml or (``pure``) PyYAML's own parser."""
    import yaml
    from typer.testing import CliRunner

    from journeycheck.cli import app

    saved = getattr(yaml, "CSafeLoader", None)
    if pure and saved is not None:
        del yaml.CSafeLoader
    try:
        result = CliRunner().invoke(app, [str(arg) for arg in args], env=env or None)
    finally:
        if pure and saved is not None:
            yaml.CSafeLoader = saved  # type: ignore[misc]
    return Outcome(result.exit_code, result.stdout, result.stderr)


def process(args: Sequence[str | Path], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "journeycheck", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)


def located(err: str, names: Sequence[str]) -> str | None:
    """Why ``err`` is not all located one-line problems, or ``None`` if it is."""
    for line in err.splitlines():
        if line.startswith("journeycheck ") and ": error: " in line:
            continue
        if line.startswith(("Usage: ", "Try 'journeycheck", "Error: Invalid value")) or not line:
            continue
        name = next((n for n in sorted(names, key=len, reverse=True) if line.startswith(n)), None)
        if name is None or not LOCATED.match(line, len(name)):
            return f"not a located line: {line[:120]!r}"
    return None


def sane(outcome: Outcome, names: Sequence[str], codes: Sequence[int] = (0, 2)) -> str | None:
    """The answer every run must give: a known exit code, no traceback, located problems."""
    if outcome.code not in codes:
        return f"exit {outcome.code}: {outcome.err[-300:]!r}"
    if "Traceback" in outcome.err or "internal error" in outcome.err:
        return f"internal error: {outcome.err[-300:]!r}"
    return located(outcome.err, [*names, *(one_line_of(n) for n in names)])


def one_line_of(name: str) -> str:
    from journeycheck.printable import one_line

    return one_line(name)


# -- bad input ---------------------------------------------------------------------------------

SCALARS = [
    "yes", "no", "~", "", "1e3", "0x1F", "010", "1:30", ".nan", "-.inf", "2027-02-30",
    "2027-3-1", "[a, b]", "{a: 1}", "'unclosed", '"unclosed', "&a x", "*nowhere", "!!python/none",
    "!!binary aGk=", "|", ">-", "- x", "? x", "x: y: z", "\t", "a\tb", "é", "\u2028", "\ufeff",
    "x" * 5000, "1" * 400,
]  # fmt: skip
NOISE = list("\t\r\n\x00\x07\x1b\x85\u2028 :-?[]{},&*!|>'\"%@`#") + ["\ufeff", "\u00e9", "  "]


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(6)
        at = rng.randrange(len(lines))
        if kind == 0 and len(lines) > 1:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif kind == 2:
            lines[at] = " " * rng.choice([1, 2, 3, 5]) + lines[at]
        elif kind == 3 and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {rng.choice(SCALARS)}"
        elif kind == 4:
            line = lines[at]
            where = rng.randint(0, len(line))
            lines[at] = line[:where] + rng.choice(NOISE) + line[where:]
        else:
            lines = lines[: rng.randint(1, len(lines))]
    return "\n".join(lines)


def bad_input(work: Path, rng: random.Random, count: int) -> None:
    folder = work / "bad"
    folder.mkdir()
    shutil.copy(PLAYBOOK, folder / "mini-playbook.yaml")
    base = PLAN.read_text("utf-8")
    for number in range(count):
        plan = folder / f"plan-{number}.yaml"
        plan.write_text(mutate(base, rng), "utf-8", newline="")
        names = [str(plan), str(folder / "mini-playbook.yaml")]
        answers: dict[tuple[bool, str | Path], Outcome] = {}
        for pure in (False, True):
            commands: list[list[str | Path]] = [
                ["validate", plan],
                ["audit", plan, *AS_OF, "-f", "json"],
            ]
            for command in commands:
                outcome = invoke(command, pure=pure)
                answers[(pure, command[0])] = outcome
                problem = sane(outcome, names)
                if problem is None and command[0] == "audit" and outcome.code == 0:
                    problem = schema_problem(outcome.out, "report")
                judge("bad input", f"{plan.name} {command[0]} pure={pure}", problem)
        for verb in ("validate", "audit"):
            c, p = answers[(False, verb)], answers[(True, verb)]
            same = c.code == p.code
            judge(
                "bad input",
                f"{plan.name} {verb} libyaml vs PyYAML",
                None if same else f"libyaml exit {c.code}, PyYAML exit {p.code}: {p.err[:200]!r}",
            )


_SCHEMAS: dict[str, Any] = {}


def schema_problem(text: str, kind: str) -> str | None:
    import jsonschema

    from journeycheck.schemas import schema_of

    if kind not in _SCHEMAS:
        _SCHEMAS[kind] = jsonschema.Draft202012Validator(schema_of(kind))  # type: ignore[arg-type]
    try:
        _SCHEMAS[kind].validate(json.loads(text))
    except (ValueError, jsonschema.ValidationError) as exc:
        return f"JSON against the {kind} schema: {str(exc)[:200]}"
    return None


# -- injection into outputs --------------------------------------------------------------------

PAYLOADS = {
    "rich markup": "[bold]b[/bold] [/legal/memos/2027-01] [link=https://evil.example/x]l[/link]",
    "rich conceal": "[conceal]hidden[/conceal] jane [vp sales]",
    "ansi": "x\x1b[31mred\x1b[0m",
    "osc 8": "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "osc 52": "\x1b]52;c;aGVsbG8=\x07",
    "line breaks": "a\nREADME.md:1:1: forged\n::error file=x::pwned",
    "workflow command": "x\n::add-mask::y\u2028::stop-commands::z",
    "line separator": "a\u2028FORGED.yaml:1:1: forged",
    "markdown": "| a | b |\n# h\n- [ ] t **x** `y` ~~z~~ $m$ <b>i</b>",
    "html": "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "link": "[x](javascript:alert(1)) ![i](http://evil.example/p.png)",
    "mermaid keyword": "journey starts here",
    "mermaid comment": "%% comment %%{init: {'theme':'dark'}}%%",
    "mermaid percent": "%x 100%%",
    "mermaid syntax": "a: b; c # d, e",
    "mermaid title": "title Hijack",
    "mermaid section": "section Hijack",
    "bidi": "abc\u202edcba",
}
TEXT_FIELDS = ("product", "owner", "note", "evidence", "reason", "approver", "risk_accepted")
PLAYBOOK_FIELDS = ("title", "version", "phase", "team", "ask", "help", "risk")


def injected(plan_field: str | None, playbook_field: str | None, payload: str) -> tuple[str, str]:
    """A plan and a playbook with ``payload`` in one field of each (or ``None``)."""
    quoted = json.dumps(payload)  # a YAML double-quoted string
    fields = {name: json.dumps(name.title()) for name in TEXT_FIELDS}
    if plan_field is not None:
        fields[plan_field] = quoted
    book = {name: json.dumps(f"{name.title()} text") for name in PLAYBOOK_FIELDS}
    if playbook_field is not None:
        book[playbook_field] = quoted
    plan = (
        "journeycheck: 1\n"
        f"product: {fields['product']}\n"
        "playbook: playbook.yaml\nlaunch: 2027-03-01\nanswers:\n"
        f"  find.rnd.ask: {{status: partial, owner: {fields['owner']}, "
        f"note: {fields['note']}, evidence: {fields['evidence']}}}\n"
        f"  pay.rnd.price: {{status: not-started, waiver: {{reason: {fields['reason']}, "
        f"approver: {fields['approver']}, expires: 2027-12-31, "
        f"risk_accepted: {fields['risk_accepted']}}}}}\n"
    )
    playbook = (
        f"journeycheck: 1\nid: hostile\ntitle: {book['title']}\nversion: {book['version']}\n"
        f"phases:\n  - {{id: find, title: {book['phase']}}}\n  - {{id: pay, title: Pay}}\n"
        f"teams:\n  - {{id: rnd, title: {book['team']}}}\n"
        "questions:\n"
        f"  - {{id: find.rnd.ask, phase: find, team: rnd, ask: {book['ask']}, "
        f"help: {book['help']}, risk: {book['risk']}, severity: major}}\n"
        "  - {id: pay.rnd.price, phase: pay, team: rnd, ask: Priced?, severity: minor}\n"
    )
    return plan, playbook


def output_problem(text: str, *, colour: bool) -> str | None:
    """Why a report's text could act on a terminal or forge a line, or ``None``."""
    rest = SGR.sub("", text) if colour else text
    if "\x1b" in rest or "\x07" in rest or "\x9b" in rest:
        return f"an escape sequence from the data: {rest[rest.find(chr(27)) - 20 :][:60]!r}"
    for code in re.findall(r"\x1b\[([0-9;]*)m", text):
        if {"5", "6", "8"} & set(code.split(";")):
            return f"blink or conceal SGR {code!r}"
    for line in rest.splitlines():
        if line.startswith(("README.md", "::", "FORGED.yaml")):
            return f"a forged line: {line[:80]!r}"
    return None


def markdown_problem(page: str) -> str | None:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    rendered = cmarkgfm.github_flavored_markdown_to_html(page, options=Options.CMARK_OPT_UNSAFE)
    # Text is escaped (&lt;script&gt;, a visible "javascript:"): only markup is an attack.
    for tag in ("<script", "<img", "<iframe", "<b>", 'href="javascript:', 'src="'):
        if tag in rendered:
            return f"{tag} reached the HTML"
    for table in re.findall(r"<table>.*?</table>", rendered, re.DOTALL):
        widths = {
            len(re.findall(r"<t[hd][ >]", row))
            for row in re.findall(r"<tr>.*?</tr>", table, re.DOTALL)
        }
        if len(widths) > 1:
            return f"a table row with a cell too many or too few: {sorted(widths)}"
    return output_problem(page, colour=False)


class Mermaid:
    """Mermaid's own parser, through Node, if npm can install it; else ``None`` answers."""

    def __init__(self, work: Path) -> None:
        self.folder: Path | None = None
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            return
        folder = work / "mermaid"
        folder.mkdir()
        installed = subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "mermaid@11", "jsdom@26"],
            cwd=folder,
            capture_output=True,
            check=False,
            timeout=600,
        )
        if installed.returncode != 0:
            return
        (folder / "parse.mjs").write_text(MERMAID_SCRIPT, "utf-8")
        self.folder = folder

    def tasks(self, diagrams: list[str]) -> list[Any] | None:
        """For each diagram: its (section, task, score) list, or the parse error."""
        if self.folder is None:
            return None
        done = subprocess.run(
            ["node", "parse.mjs"],
            cwd=self.folder,
            input=json.dumps(diagrams),
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        found: list[Any] = json.loads(done.stdout)
        return found


MERMAID_SCRIPT = """
import { JSDOM } from 'jsdom';
const { window } = new JSDOM('');
globalThis.window = window; globalThis.document = window.document;
const { default: mermaid } = await import('mermaid');
let input = ''; for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const data = db.getXYChartData ? db.getXYChartData() : null;
    out.push(data ? data.xAxis.categories : (db.getTasks ? db.getTasks().map(t => t.task) : []));
  } catch (e) { out.push('error: ' + String(e.message).split('\\n')[0]); }
}
process.stdout.write(JSON.stringify(out));
"""


def mermaid_blocks(page: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", page, re.DOTALL)


def injection(work: Path, mermaid: Mermaid, count: int) -> None:
    diagrams: list[tuple[str, str, int]] = []
    cases = [(f, None) for f in TEXT_FIELDS] + [(None, f) for f in PLAYBOOK_FIELDS]
    attempts = [(payload, case) for payload in PAYLOADS for case in cases][:count]
    for number, (payload, (plan_field, book_field)) in enumerate(attempts):
        folder = work / f"inject-{number}"
        folder.mkdir()
        plan_text, book_text = injected(plan_field, book_field, PAYLOADS[payload])
        (folder / "plan.yaml").write_text(plan_text, "utf-8")
        (folder / "playbook.yaml").write_text(book_text, "utf-8")
        name = f"{payload} in {plan_field or book_field}"
        plan = folder / "plan.yaml"
        names = [str(plan), str(folder / "playbook.yaml")]
        for fmt in ("terminal", "markdown", "json"):
            env = {"FORCE_COLOR": "1", "COLUMNS": "120"} if fmt == "terminal" else {}
            runs: list[list[str | Path]] = [
                ["audit", plan],
                ["audit", plan, plan.with_name("plan.yaml")],
            ]
            for args in runs:
                outcome = invoke([*args, *AS_OF, "-f", fmt, "--all"], pure=False, **env)
                problem = sane(outcome, names)
                if problem is None and outcome.code == 0:
                    if fmt == "json":
                        kind = "report" if len(args) == 2 else "portfolio"
                        problem = schema_problem(outcome.out, kind)
                    elif fmt == "markdown":
                        problem = markdown_problem(outcome.out)
                        tasks = 1  # the one scored cell, find x rnd; pay x rnd too
                        diagrams.extend(
                            (name, block, tasks) for block in mermaid_blocks(outcome.out)
                        )
                    else:
                        problem = output_problem(outcome.out, colour=True)
                if problem is None:
                    problem = output_problem(outcome.err, colour=False)
                judge("injection into outputs", f"{name}, {fmt}, {len(args) - 1} plan(s)", problem)
        outcome = invoke(["playbook", "show", folder / "playbook.yaml"], FORCE_COLOR="1")
        problem = sane(outcome, names) or output_problem(outcome.out + outcome.err, colour=True)
        judge("injection into outputs", f"{name}, playbook show", problem)
    # The same payloads in file names and in keys.
    for number, payload in enumerate(PAYLOADS.values()):
        folder = work / f"named-{number}" / payload.replace("/", "_")[:60]
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True)
        if not folder.is_dir():
            continue
        shutil.copy(PLAN, folder / "plan.yaml")
        shutil.copy(PLAYBOOK, folder / "mini-playbook.yaml")
        named: list[list[str | Path]] = [
            ["validate", folder],
            ["audit", folder, *AS_OF],
            ["audit", folder, *AS_OF, "-f", "markdown"],
        ]
        for args in named:
            outcome = invoke(args, FORCE_COLOR="1")
            problem = sane(outcome, [str(folder / "plan.yaml"), str(folder / "mini-playbook.yaml")])
            problem = problem or output_problem(outcome.out, colour=True)
            problem = problem or output_problem(outcome.err, colour=False)
            judge("injection into outputs", f"file name {payload[:20]!r}, {args[0]}", problem)
        key = folder / "key.yaml"
        key.write_text(
            "journeycheck: 1\nproduct: x\nplaybook: mini-playbook.yaml\nlaunch: 2027-03-01\n"
            f"traits: {{{json.dumps(payload)}: true}}\n"
            f"answers: {{{json.dumps(payload)}: {{status: done}}}}\n",
            "utf-8",
        )
        outcome = invoke(["validate", key])
        problem = sane(outcome, [str(key)]) or output_problem(outcome.err, colour=False)
        judge("injection into outputs", f"key {payload[:20]!r}", problem)
    found = mermaid.tasks([block for _, block, _ in diagrams])
    for (name, _block, _), tasks in zip(diagrams, found or [], strict=False):
        problem = tasks if isinstance(tasks, str) else None
        if problem is None and not tasks:
            problem = "Mermaid read no label in the chart"
        judge("injection into outputs", f"{name}, Mermaid's parser", problem)


# -- file system -------------------------------------------------------------------------------


def file_system(work: Path) -> None:
    base = work / "fs"
    base.mkdir()

    def fresh(name: str) -> Path:
        folder = base / name
        folder.mkdir()
        shutil.copy(PLAN, folder / "plan.yaml")
        shutil.copy(PLAYBOOK, folder / "mini-playbook.yaml")
        return folder

    init = ["init", "--product", "Acme", "--launch", "2027-03-01", "--no-input"]
    schema = Path(".journeycheck", "customer-journey.plan.schema.json")
    for where in ("launch-plan.yaml", str(schema), ".journeycheck"):
        for dangling in (False, True):
            folder = base / f"init-link-{where.replace('/', '_')}-{dangling}"
            folder.mkdir()
            victim = folder / "victim"
            victim.mkdir()
            target = victim / ("gone" if dangling else "keep")
            if not dangling:
                target.write_text("precious\n", "utf-8")
            if where != "launch-plan.yaml":
                (folder / ".journeycheck").mkdir()
            if where == ".journeycheck":
                (folder / ".journeycheck").rmdir()
                (folder / where).symlink_to(victim)
            else:
                (folder / where).symlink_to(target)
            with _chdir(folder):
                outcome = invoke(init)
            touched = sorted(p.name for p in victim.iterdir()) != ([] if dangling else ["keep"])
            problem = sane(outcome, [], codes=(2,))
            if problem is None and touched:
                problem = "wrote through the link"
            judge("file system", f"init through a link at {where} (dangling={dangling})", problem)
    # Two init runs at once, many times.
    for round_ in range(20):
        folder = base / f"race-{round_}"
        folder.mkdir()
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "journeycheck", *init], cwd=folder,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]  # fmt: skip
        codes = sorted(r.wait(60) for r in runs)
        whole = (folder / "launch-plan.yaml").is_file() and (folder / schema).is_file()
        judge(
            "file system",
            f"two init runs at once, round {round_}",
            None if codes in ([0, 0], [0, 2]) and whole else f"exits {codes}, schema={whole}",
        )
    # A link another user planted in a sticky world-writable folder.
    if os.geteuid() == 0:
        shared = base / "tmp"
        shared.mkdir()
        shared.chmod(0o1777)
        victim = base / "victim.txt"
        victim.write_text("precious\n", "utf-8")
        planted = shared / "report.md"
        planted.symlink_to(victim)
        os.lchown(planted, 65534, 65534)
        outcome = invoke(["audit", PLAN, *AS_OF, "-o", planted])
        kept = victim.read_text("utf-8") == "precious\n"
        judge(
            "file system",
            "-o through another user's link in /tmp",
            None if kept and outcome.code == 2 else f"exit {outcome.code}, kept={kept}",
        )
    # Odd files named as plans, next to a good one.
    odd: dict[str, Callable[[Path], object]] = {
        "a folder": lambda p: p.mkdir(),
        "a fifo": lambda p: os.mkfifo(p),
        "a dangling link": lambda p: _link(p, "gone.yaml"),
        "a link loop": lambda p: (
            _link(p, p.name + ".2"),
            _link(p.with_name(p.name + ".2"), p.name),
        ),
        "an empty file": lambda p: p.write_bytes(b""),
        "a binary file": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00"),
        "UTF-16": lambda p: p.write_bytes("journeycheck: 1\n".encode("utf-16")),
        "a sparse 5 MB file": lambda p: p.open("wb").truncate(5 * 2**20),
    }
    for label, make in odd.items():
        folder = fresh(f"odd-{label.replace(' ', '-')}")
        target = folder / "odd.yaml"
        make(target)
        pairs: list[list[str | Path]] = [
            ["validate", folder / "plan.yaml", target],
            ["audit", folder / "plan.yaml", target, *AS_OF],
        ]
        for args in pairs:
            outcome = invoke(args)
            problem = sane(outcome, [str(target), str(folder / "plan.yaml")], codes=(2,))
            if problem is None and "Acme Ledger" not in outcome.out and "ok" not in outcome.out:
                problem = "the good plan beside it was not reported"
            judge("file system", f"{label} beside a good plan, {args[0]}", problem)
    # A plan nobody but root may read, as another user.
    runuser = shutil.which("setpriv")
    if os.geteuid() == 0 and runuser is not None:
        folder = fresh("unreadable")
        secret = folder / "secret.yaml"
        shutil.copy(PLAN, secret)
        secret.chmod(0)
        for path in (folder, *folder.parents):
            if path == Path("/"):
                break
            with contextlib.suppress(OSError):
                path.chmod(path.stat().st_mode | 0o005)
        done = subprocess.run(
            [runuser, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m",
             "journeycheck", "validate", str(folder / "plan.yaml"), str(secret)],
            capture_output=True, text=True, check=False, env={**os.environ, "HOME": "/tmp"},
        )  # fmt: skip
        good = "cannot be read: permission denied" in done.stderr and "plan.yaml: ok" in done.stdout
        judge(
            "file system",
            "an unreadable plan, as another user",
            None
            if good and done.returncode == 2
            else f"exit {done.returncode}: {done.stderr[-200:]!r}",
        )
    # Non-UTF-8 file names through every format.
    folder = fresh("latin1")
    name = os.fsdecode(b"caf\xe9.yaml")
    shutil.copy(PLAN, folder / name)
    latin: list[list[str | Path]] = [
        ["validate", folder / name],
        ["audit", folder / name, *AS_OF],
        ["audit", folder / name, *AS_OF, "-f", "json"],
        ["audit", folder, *AS_OF, "-f", "json"],
        ["audit", folder, *AS_OF, "-f", "markdown"],
        ["audit", folder, *AS_OF],
        ["audit", folder / name, *AS_OF, "-o", folder / os.fsdecode(b"r\xe9port.md")],
    ]
    for args in latin:
        done = process(args)
        problem = (
            None if done.returncode == 0 else f"exit {done.returncode}: {done.stderr[-200:]!r}"
        )
        if problem is None and "-f" in args and "json" in args:
            problem = schema_problem(done.stdout, "report" if args[1] != folder else "portfolio")
        judge(
            "file system",
            f"a non-UTF-8 file name: {' '.join(map(str, args[:1] + args[3:]))}",
            problem,
        )
    # A full disk and a read-only folder.
    if Path("/dev/full").exists():
        done = process(["audit", PLAN, *AS_OF, "-o", "/dev/full"])
        judge(
            "file system",
            "-o /dev/full",
            None if done.returncode == 2 else f"exit {done.returncode}",
        )
    # Signals in the middle of a pooled portfolio.
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        folder = fresh(f"signal-{sig.name}")
        text = PLAN.read_text("utf-8")
        for number in range(3000):
            (folder / f"p{number:04d}.yaml").write_text(text, "utf-8")
        judge("file system", f"{sig.name} during a pooled portfolio", _stopped(folder, sig))
    # A playbook path out of the plan's repository.
    repository = base / "repository"
    (repository / ".git").mkdir(parents=True)
    (base / "secret.yaml").write_text("token: SECRET-TOKEN\n", "utf-8")
    for reference in ("/etc/passwd", "../secret.yaml", str(base / "secret.yaml"), "~/.bashrc"):
        plan = repository / "plan.yaml"
        plan.write_text(
            f"journeycheck: 1\nproduct: x\nplaybook: {json.dumps(reference)}\nlaunch: 2027-03-01\n",
            "utf-8",
        )
        outcome = invoke(["validate", plan])
        problem = sane(outcome, [str(plan)], codes=(2,))
        if problem is None and ("SECRET" in outcome.err or "root:" in outcome.err):
            problem = "the file's content was printed"
        judge("file system", f"playbook {reference}", problem)


def _link(path: Path, target: str) -> bool:
    path.symlink_to(target)
    return True


@contextlib.contextmanager
def _chdir(folder: Path) -> Iterator[None]:  # contextlib.chdir is 3.11+
    here = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError):
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for its parent to reap it does not)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _stopped(folder: Path, sig: signal.Signals) -> str | None:
    output = folder.parent / f"{folder.name}.md"
    command = [
        sys.executable,
        "-m",
        "journeycheck",
        "audit",
        str(folder),
        *AS_OF,
        "-o",
        str(output),
        "-j",
        "2",
    ]
    # A shell's background job ignores SIGINT, and its children inherit that: undo it.
    running = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and running.poll() is None:
        workers = _children(running.pid)
        if len(workers) >= 2 and list(folder.parent.glob(f".{output.name}.*.tmp")):
            break
        time.sleep(0.02)
    if running.poll() is not None:
        return "the run ended before it could be stopped"
    running.send_signal(sig)
    try:
        running.wait(30)
    except subprocess.TimeoutExpired:
        running.kill()
        return "did not stop"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:  # these are this run's own workers
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    leftovers = list(folder.parent.glob(f".{output.name}.*.tmp"))
    if alive or leftovers or output.exists():
        return f"workers left {alive}, temporary files {leftovers}, output {output.exists()}"
    return None


# -- load --------------------------------------------------------------------------------------


def load(work: Path, quick: bool) -> None:
    base = work / "load"
    base.mkdir()
    builtin = (ROOT / "src" / "journeycheck" / "playbooks" / "customer-journey.yaml").read_text(
        "utf-8"
    )
    known = re.findall(r"^  - id: ([a-z0-9-]+\.[a-z0-9.-]+)$", builtin, re.MULTILINE)
    head = "journeycheck: 1\nproduct: x\nplaybook: customer-journey\nlaunch: 2027-03-01\n"
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        laughs.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    files = {
        "70,000 near-miss answer ids": head + "answers:\n" + "".join(
            f"  {known[i % len(known)][:-1]}{i}: {{status: done}}\n" for i in range(70_000)
        ),
        "an alias bomb": "\n".join(laughs) + "\n",
        "100,000-deep nesting": "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "40,000 unknown keys in one answer": head + "answers:\n  x:\n" + "".join(
            f"    k{i}: v\n" for i in range(40_000)
        ),
        "one key of 3 MB": head + "answers:\n  " + "k" * 3_000_000 + ": {status: done}\n",
        "20,000 unknown traits": head + "traits:\n"
        + "".join(f"  t{i}: true\n" for i in range(20_000)),
        "4 MB of one note": head + "answers:\n  " + known[0]
        + ":\n    status: done\n    note: " + "n" * 4_000_000 + "\n",
    }  # fmt: skip
    for label, text in files.items():
        path = base / f"{label.split()[0]}-{len(text)}.yaml"
        path.write_text(text, "utf-8")
        # CPU time, not wall time: this machine is shared, and busy neighbours slow the clock.
        before = _children_cpu()
        done = process(["validate", path], timeout=120)
        seconds = _children_cpu() - before
        problem = (
            None
            if done.returncode in (0, 2) and seconds < 10
            else f"exit {done.returncode} after {seconds:.1f} s of CPU"
        )
        judge("load", f"{label} ({seconds:.1f} s of CPU)", problem)
    count = 1000 if quick else 5000
    folder = base / "portfolio"
    folder.mkdir()
    shutil.copy(PLAYBOOK, folder / "mini-playbook.yaml")
    text = PLAN.read_text("utf-8")
    for number in range(count):
        (folder / f"p{number:05d}.yaml").write_text(text, "utf-8")
    for jobs in ("1", "400"):
        started = time.monotonic()
        done = process(["audit", folder, *AS_OF, "-f", "json", "-j", jobs], timeout=600)
        seconds = time.monotonic() - started
        problem = (
            None
            if done.returncode == 0 and seconds < 120
            else f"exit {done.returncode} in {seconds:.0f} s"
        )
        if problem is None:
            problem = schema_problem(done.stdout, "portfolio")
        judge("load", f"{count:,} plans, -j {jobs} ({seconds:.1f} s)", problem)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# -- consistency -------------------------------------------------------------------------------

CREDIT = {"done": 1.0, "partial": 0.5, "not-started": 0.0, "blocked": 0.0}


def expected_audit(
    playbook: Any,
    answers: dict[str, dict[str, Any]],
    traits: dict[str, bool],
    gate: str,
    threshold: float,
    as_of: dt.date,
    launch: dt.date,
) -> tuple[float | None, str]:
    """Score and verdict, read from docs/scoring.md alone."""
    weights = {"blocker": 3.0, "major": 2.0, "minor": 1.0}
    phases = [p["id"] for p in playbook["phases"]]
    scope = set(phases[: phases.index(gate) + 1])
    earned = total = 0.0
    blocker = late = False
    values = {name: trait["default"] for name, trait in playbook.get("traits", {}).items()}
    values.update(traits)
    for question in playbook["questions"]:
        applies = all(values.get(name) == want for name, want in question.get("when", {}).items())
        if not applies:
            continue
        if question["phase"] not in scope:
            # Overdue after the gate makes the plan at-risk all the same.
            late = late or _overdue_after_gate(question, answers, launch, as_of)
            continue
        answer = answers.get(question["id"])
        weight = question.get("weight") or weights[question["severity"]]
        due = launch + dt.timedelta(days=question["due"]) if "due" in question else None
        if answer is None:
            credit: float | None = 0.0
            done = waived = False
        else:
            if answer.get("due"):
                due = dt.date.fromisoformat(answer["due"])
            waiver = answer.get("waiver")
            waived = waiver is not None and dt.date.fromisoformat(waiver["expires"]) >= as_of
            if waiver is not None and not waived:
                late = True
            done = answer["status"] == "done"
            if waived:
                credit = 1.0
            elif answer["status"] == "n/a":
                credit = None if (answer.get("note") or "").strip() else 0.0
            else:
                credit = CREDIT[answer["status"]]
                if (
                    done
                    and question.get("evidence") == "required"
                    and not (answer.get("evidence") or "").strip()
                ):
                    credit = 0.5
        if credit is not None and not done and not waived and due is not None and due < as_of:
            late = True
        if credit is not None:
            earned += weight * credit
            total += weight
            if question["severity"] == "blocker" and credit < 1:
                blocker = True
    score = None if total == 0 else round(100 * earned / total, 1)
    if blocker:
        return score, "no-go"
    if (score is not None and score < threshold) or late:
        return score, "at-risk"
    return score, "go"


def _overdue_after_gate(
    question: dict[str, Any], answers: dict[str, dict[str, Any]], launch: dt.date, as_of: dt.date
) -> bool:
    """Whether a question after the gate is overdue (docs/scoring.md: late whatever the gate)."""
    answer = answers.get(question["id"])
    due = launch + dt.timedelta(days=question["due"]) if "due" in question else None
    if answer is not None and answer.get("due"):
        due = dt.date.fromisoformat(answer["due"])
    if answer is not None:
        waiver = answer.get("waiver")
        if waiver is not None and dt.date.fromisoformat(waiver["expires"]) >= as_of:
            return False
        if answer["status"] == "done":
            return False
        if answer["status"] == "n/a" and (answer.get("note") or "").strip():
            return False
    return due is not None and due < as_of


def consistency(work: Path, rng: random.Random, count: int) -> None:
    import yaml

    base = work / "consistency"
    base.mkdir()
    shutil.copy(PLAYBOOK, base / "mini-playbook.yaml")
    # libyaml reads the fixture; PyYAML's own parser refuses its "Hardware?," in a flow mapping.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    playbook = yaml.load(PLAYBOOK.read_text("utf-8"), Loader=loader)  # noqa: S506
    ids = [q["id"] for q in playbook["questions"]]
    dates = ["2026-12-01", "2027-01-10", "2027-01-15", "2027-01-16", "2027-03-01"]
    for number in range(count):
        # Half the plans against a copy of the playbook with weights from 0.001 to 1000.
        book = json.loads(json.dumps(playbook))
        book_name = "mini-playbook.yaml"
        if number % 2:
            for question in book["questions"]:
                question["weight"] = rng.choice([0.001, 1000, round(rng.uniform(0.001, 1000), 3)])
            book_name = f"weighted-{number}.yaml"
            (base / book_name).write_text(json.dumps(book), "utf-8")
        traits = {name: rng.random() < 0.5 for name in book.get("traits", {})}
        answers: dict[str, dict[str, Any]] = {}
        for question in rng.sample(ids, rng.randint(0, len(ids))):
            answer: dict[str, Any] = {
                "status": rng.choice(["done", "partial", "not-started", "blocked", "n/a"])
            }
            for key in ("owner", "evidence", "note"):
                if rng.random() < 0.5:
                    answer[key] = rng.choice(["x", " ", "Maria"])
            if rng.random() < 0.3:
                answer["due"] = rng.choice(dates)
            if rng.random() < 0.3:
                answer["waiver"] = {
                    "reason": "r",
                    "approver": "a",
                    "expires": rng.choice(dates),
                    "risk_accepted": "k",
                }
            answers[question] = answer
        gate = rng.choice([p["id"] for p in playbook["phases"]])
        threshold = rng.choice([0, 50, 80, 100])
        plan = base / f"plan-{number}.yaml"
        data = {
            "journeycheck": 1,
            "product": "P",
            "playbook": book_name,
            "launch": "2027-03-01",
            "gate": gate,
            "threshold": threshold,
            "traits": traits,
            "answers": answers,
        }
        plan.write_text(json.dumps(data), "utf-8")  # JSON is YAML
        outcomes = {
            fmt: invoke(["audit", plan, *AS_OF, "-f", fmt, "--all"])
            for fmt in ("json", "markdown", "terminal")
        }
        pure = invoke(["audit", plan, *AS_OF, "-f", "json", "--all"], pure=True)
        report = json.loads(outcomes["json"].out)
        score, verdict = expected_audit(
            book, answers, traits, gate, threshold, dt.date(2027, 1, 15), dt.date(2027, 3, 1)
        )
        problems = []
        if (report["score"], report["verdict"]) != (score, verdict):
            problems.append(
                f"score, verdict {report['score']}, {report['verdict']}; "
                f"docs say {score}, {verdict}"
            )
        listed = [g for g in report["gaps"] if g["in_gate"]]
        if report["score"] is not None and abs(
            report["score"] + sum(g["points"] for g in listed) - 100
        ) > 0.05 * (len(listed) + 1):
            problems.append("the gate score and its gaps' points do not add up to 100")
        if report["verdict"] != "go" and not (
            (report["score"] is not None and report["score"] < report["threshold"])
            or any(
                {"overdue", "expired-waiver"} & set(g["reasons"]) or g["severity"] == "blocker"
                for g in listed
            )
            or any("overdue" in g["reasons"] for g in report["gaps"])
        ):
            problems.append(f"{report['verdict']} with nothing listed to explain it")
        if pure.out != outcomes["json"].out:
            problems.append("libyaml and PyYAML give different reports")
        if (
            report["verdict"].upper() not in outcomes["terminal"].out
            or f"**{report['verdict'].upper()}**" not in outcomes["markdown"].out
        ):
            problems.append("the formats disagree on the verdict")
        if (
            invoke(["audit", plan, *AS_OF, "-f", "markdown", "--all"]).out
            != outcomes["markdown"].out
        ):
            problems.append("two runs gave different Markdown")
        judge("consistency", plan.name, "; ".join(problems) or None)


# -- the run -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--quick", action="store_true", help="fewer attacks of each kind")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    quick = args.quick
    with tempfile.TemporaryDirectory(prefix="journeycheck-hostile-") as temporary:
        work = Path(temporary)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("bad input", lambda: bad_input(work, rng, 60 if quick else 250)),
            (
                "injection into outputs",
                lambda: injection(work, Mermaid(work), 60 if quick else 500),
            ),
            ("file system", lambda: file_system(work)),
            ("load", lambda: load(work, quick)),
            ("consistency", lambda: consistency(work, rng, 100 if quick else 600)),
        ]
        for direction, step in steps:
            started = time.monotonic()
            try:
                step()
            except Exception as exc:  # the run itself broke: count it, and go on
                judge(direction, "the attacks themselves", f"{type(exc).__name__}: {exc}")
            print(f"{direction}: done in {time.monotonic() - started:.0f} s", file=sys.stderr)
    print(f"{'Direction':<24} {'attempts':>8} {'correct':>8} {'failed':>7}")
    for direction, tally in TALLIES.items():
        failed = tally.attempts - tally.correct
        print(f"{direction:<24} {tally.attempts:>8} {tally.correct:>8} {failed:>7}")
    total = sum(t.attempts for t in TALLIES.values())
    right = sum(t.correct for t in TALLIES.values())
    print(f"{'all':<24} {total:>8} {right:>8} {total - right:>7}")
    for direction, tally in TALLIES.items():
        for failure in tally.failures[:10]:
            print(f"  {direction}: {failure}")
    return 0 if total == right else 1


if __name__ == "__main__":
    sys.exit(main())
