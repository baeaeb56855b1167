"""journeycheck's speed and memory benchmark: `make bench` (or `python bench/run.py`).

It generates its inputs (a plan made by `journeycheck init`, portfolios of such plans
with varied answers, playbooks of growing size), times whole commands the way a
user runs them, and prints each figure beside its target (issue "Speed", and
docs/performance.md):

- `journeycheck --version` within 1.3x of `python -c "import typer"`;
- `journeycheck audit PLAN` within 1.3x of importing typer, pydantic, yaml and Rich;
- `journeycheck set PLAN QUESTION --status S` (one answer of a full plan) within 1.3x
  of `journeycheck audit PLAN`;
- 1,000 plans as JSON in at most 3 s, 10,000 in at most 30 s under 200 MB;
- one audit's cost growing linearly with the playbook's questions (1,000 well under 1 s);
- an alias bomb and deep nesting refused within a second, in bounded memory;
- `journeycheck history` of 500 revisions of a full plan in at most 5 s, linear;
- a plan of 70,000 answer ids one letter off the built-in playbook's checked in seconds.

Two commands compared are run alternately and their medians compared, so a
slow moment of the machine hurts both. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILTIN_PLAYBOOK = ROOT / "src" / "journeycheck" / "playbooks" / "customer-journey.yaml"
PYTHON = sys.executable
JOURNEYCHECK = str(Path(PYTHON).with_name("journeycheck"))
AS_OF = ("--as-of", "2027-01-15")
STATUSES = ("done", "done", "partial", "not-started", "blocked")


@dataclass
class Figure:
    name: str
    value: str
    target: str
    met: bool | None  # None: a figure shown for information


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per timed command (>= 9)")
    parser.add_argument(
        "--quick", action="store_true", help="skip the 10,000-plan run (about a minute)"
    )
    args = parser.parse_args(argv)
    if not Path(JOURNEYCHECK).exists():
        parser.error(f"{JOURNEYCHECK} not found: run this with the venv's python (make bench)")
    # Installed wheels are byte-compiled by pip; an editable checkout may not be yet.
    compileall.compile_dir(str(ROOT / "src" / "journeycheck"), quiet=1)
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    os.environ.clear()
    os.environ.update(environment)

    with tempfile.TemporaryDirectory(prefix="journeycheck-bench-") as scratch:
        work = Path(scratch)
        plan = make_plan(work)
        figures = [
            *startup(args.runs),
            *single_audit(plan, args.runs),
            *single_set(work, plan, args.runs),
            *portfolios(work, plan, quick=args.quick),
            *scaling(work),
            *attacks(work),
            *history(work, plan),
        ]
    report(figures)
    return 0 if all(f.met is not False for f in figures) else 1


# -- inputs --------------------------------------------------------------------------


def make_plan(work: Path) -> Path:
    plan = work / "launch-plan.yaml"
    run(
        [
            JOURNEYCHECK,
            "init",
            str(plan),
            "--product",
            "Bench",
            "--launch",
            "2027-03-01",
            "--no-input",
        ]
    )
    return plan


def make_portfolio(folder: Path, plan: Path, count: int) -> Path:
    """``count`` copies of ``plan`` with seeded, varied statuses and owners."""
    folder.mkdir()
    text = plan.read_text("utf-8")
    chooser = random.Random(count)
    pieces = text.split("status: not-started")
    for number in range(count):
        body = pieces[0]
        for piece in pieces[1:]:
            body += f"status: {chooser.choice(STATUSES)}" + piece
        body = body.replace('product: "Bench"', f'product: "Product {number:05}"', 1)
        body = body.replace("product: Bench", f"product: Product {number:05}", 1)
        (folder / f"plan-{number:05}.yaml").write_text(body, "utf-8")
    return folder


def make_playbook(path: Path, questions: int) -> Path:
    """A playbook of ``questions`` questions over 4 phases and 10 teams."""
    phases = ["discover", "buy", "use", "grow"]
    teams = [f"team-{n}" for n in range(10)]
    lines = [
        "journeycheck: 1",
        "id: generated",
        "title: Generated",
        'version: "1"',
        "traits:",
        "  physical: {ask: Hardware?, default: false}",
        "phases:",
        *[f"  - {{id: {p}, title: {p.title()}}}" for p in phases],
        "teams:",
        *[f"  - {{id: {t}, title: {t}}}" for t in teams],
        "questions:",
    ]
    severities = ["blocker", "major", "major", "minor"]
    for n in range(questions):
        phase, team = phases[n * len(phases) // questions], teams[n % len(teams)]
        lines += [
            f"  - id: {phase}.{team}.q{n}",
            f"    phase: {phase}",
            f"    team: {team}",
            f"    ask: Is item {n} ready for customers, with its owner named?",
            "    help: Done means it is in place and linked as evidence.",
            f"    severity: {severities[n % 4]}",
            f"    due: {-60 + n % 90}",
        ]
        if n % 7 == 0:
            lines.append("    evidence: required")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def make_history(folder: Path, plan: Path, commits: int) -> Path:
    """A repository in which ``plan`` (every answer with an owner and evidence) has
    ``commits`` commits, a day apart, each changing a few statuses (seeded).

    Written with one ``git fast-import``, which takes a fraction of a second for
    what 500 ``git commit`` runs would take half a minute to make.
    """
    text = plan.read_text("utf-8")
    text = text.replace("    owner:\n", "    owner: Team Lead\n")
    text = text.replace("    evidence:\n", "    evidence: https://wiki.example.com/proof\n")
    pieces = text.split("status: not-started")
    chooser = random.Random(commits)
    statuses = ["not-started"] * (len(pieces) - 1)
    stream = bytearray()
    start = 1_790_000_000  # 2026-09-21
    for number in range(commits):
        for _ in range(3):
            statuses[chooser.randrange(len(statuses))] = chooser.choice(STATUSES)
        body = pieces[0] + "".join(
            f"status: {status}" + piece for status, piece in zip(statuses, pieces[1:], strict=True)
        )
        body = body.replace("product: Bench", f"product: Bench (week {number})", 1)
        data, message = body.encode(), f"Week {number}".encode()
        when = start + number * 86_400
        stream += b"commit refs/heads/main\n"
        stream += b"author Bench <bench@example.com> %d +0000\n" % when
        stream += b"committer Bench <bench@example.com> %d +0000\n" % when
        stream += b"data %d\n%s\n" % (len(message), message)
        stream += b"M 100644 inline launch-plan.yaml\ndata %d\n%s\n" % (len(data), data)
    git = ["git", "-c", "init.defaultBranch=main", "-C", str(folder)]
    folder.mkdir()
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "fast-import", "--quiet"], input=bytes(stream), check=True)
    subprocess.run([*git, "checkout", "-q", "main"], check=True)
    return folder / "launch-plan.yaml"


# -- measurements ----------------------------------------------------------------------


def run(command: Sequence[str], *, cwd: Path | None = None) -> float:
    """Run ``command`` (output discarded); its wall time in seconds."""
    start = time.perf_counter()
    completed = subprocess.run(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()}")
    return elapsed


def alternate(first: Sequence[str], second: Sequence[str], runs: int) -> tuple[float, float]:
    """Medians of ``first`` and ``second``, run one after the other ``runs`` times."""
    run(first)  # warm the file cache, not the figures
    run(second)
    a, b = [], []
    for _ in range(runs):
        a.append(run(first))
        b.append(run(second))
    return statistics.median(a), statistics.median(b)


def ratio_figure(name: str, mine: float, floor: float, limit: float) -> Figure:
    ratio = mine / floor
    return Figure(
        name,
        f"{mine * 1000:.0f} ms vs {floor * 1000:.0f} ms = {ratio:.2f}x",
        f"<= {limit}x",
        ratio <= limit,
    )


def startup(runs: int) -> list[Figure]:
    mine, floor = alternate([JOURNEYCHECK, "--version"], [PYTHON, "-c", "import typer"], runs)
    return [ratio_figure("journeycheck --version / import typer", mine, floor, 1.3)]


def single_audit(plan: Path, runs: int) -> list[Figure]:
    floor_code = "import typer, pydantic, yaml, rich.console, rich.table"
    mine, floor = alternate(
        [JOURNEYCHECK, "audit", str(plan), *AS_OF], [PYTHON, "-c", floor_code], runs
    )
    return [ratio_figure("journeycheck audit PLAN / import floor", mine, floor, 1.3)]


#: A question of the built-in playbook that every plan made by init answers.
SET_QUESTION = "buy.legal.sla-support-terms"


def single_set(work: Path, plan: Path, runs: int) -> list[Figure]:
    """One answer set in a full init plan, against one audit of it, run alternately.

    The status alternates between two values, so every run really edits and writes.
    """
    edited = work / "set-plan.yaml"
    shutil.copy(plan, edited)
    audit = [JOURNEYCHECK, "audit", str(edited), *AS_OF]

    def set_to(status: str) -> list[str]:
        return [JOURNEYCHECK, "set", str(edited), SET_QUESTION, "--status", status, *AS_OF]

    run(set_to("partial"))
    run(audit)
    setting, auditing = [], []
    for index in range(runs):
        setting.append(run(set_to("blocked" if index % 2 else "partial")))
        auditing.append(run(audit))
    mine, floor = statistics.median(setting), statistics.median(auditing)
    return [ratio_figure("journeycheck set (one answer) / audit PLAN", mine, floor, 1.3)]


def portfolios(work: Path, plan: Path, *, quick: bool) -> list[Figure]:
    figures = []
    sizes = [(1000, 3.0, 3)] + ([] if quick else [(10_000, 30.0, 1)])
    for count, limit, repeats in sizes:
        folder = make_portfolio(work / f"plans-{count}", plan, count)
        command = [JOURNEYCHECK, "audit", str(folder), "--format", "json", *AS_OF]
        times, peaks = [], []
        for _ in range(repeats):
            seconds, peak = with_peak_memory(command)
            times.append(seconds)
            peaks.append(peak)
        seconds = statistics.median(times)
        figures.append(
            Figure(
                f"{count:,} plans, JSON (wall)",
                f"{seconds:.2f} s",
                f"<= {limit:g} s",
                seconds <= limit,
            )
        )
        memory_target = count == 10_000
        figures.append(
            Figure(
                f"{count:,} plans, peak memory (all processes)",
                f"{max(peaks) / 2**20:.0f} MB",
                "< 200 MB" if memory_target else "-",
                max(peaks) < 200 * 2**20 if memory_target else None,
            )
        )
        shutil.rmtree(folder)
    return figures


def with_peak_memory(command: Sequence[str], *, refused: bool = False) -> tuple[float, int]:
    """Wall time, and the largest resident memory of the process and its children together.

    Sampled from /proc every 20 ms, so the figure is the total a machine has to
    provide for the whole run, worker processes included.
    """
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in ((2,) if refused else (0, 1)):
        raise SystemExit(f"{' '.join(command)} ended with {process.returncode}:\n{errors.decode()}")
    return elapsed, peak


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants (0 where /proc is missing)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
        pending += [int(child) for child in children]
    return total


def scaling(work: Path) -> list[Figure]:
    """Time one in-process audit (load, validate, score) against playbooks of growing size."""
    figures = []
    per_question = []
    for questions in (250, 500, 1000, 2000):
        playbook = make_playbook(work / f"playbook-{questions}.yaml", questions)
        plan = work / f"plan-{questions}.yaml"
        run(
            [
                JOURNEYCHECK,
                "init",
                str(plan),
                "--playbook",
                str(playbook),
                "--launch",
                "2027-03-01",
                "--no-input",
                "--force",
            ]
        )
        seconds = in_process_audit(plan)
        per_question.append(seconds / questions)
        limit = questions == 1000
        figures.append(
            Figure(
                f"one audit, {questions:,} questions",
                f"{seconds * 1000:.0f} ms",
                "< 1 s" if limit else "-",
                seconds < 1 if limit else None,
            )
        )
    growth = per_question[-1] / per_question[0]
    figures.append(
        Figure(
            "time per question, 2,000 vs 250 questions",
            f"{growth:.2f}x",
            "<= 1.5x (linear)",
            growth <= 1.5,
        )
    )
    return figures


def in_process_audit(plan: Path) -> float:
    """Median seconds for load + validate + score of ``plan``, fresh playbook each time."""
    code = f"""
import datetime, statistics, time
from pathlib import Path
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Run, process
settings = AuditSettings(as_of=datetime.date(2027, 1, 15))
times = []
for _ in range(5):
    start = time.perf_counter()
    outcome = process(PlanFile(Path({str(plan)!r})), Run(settings=settings))
    times.append(time.perf_counter() - start)
    assert isinstance(outcome, Audited), outcome
print(statistics.median(times))
"""
    output = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return float(output.stdout)


def attacks(work: Path) -> list[Figure]:
    """Hostile plans: how long `journeycheck validate` takes to refuse them, and its memory."""
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        laughs.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    files = {
        "alias bomb": ("\n".join(laughs) + "\n", 1.0),
        "deep nesting": ("a: " + "[" * 100_000 + "]" * 100_000 + "\n", 1.0),
        # Under the size limit, and once 316 s of "did you mean" searching.
        "70,000 near-miss answer ids": (near_miss_ids(70_000), 10.0),
    }
    figures = []
    for name, (text, limit) in files.items():
        path = work / f"{name.replace(' ', '-').replace(',', '')}.yaml"
        path.write_text(text, "utf-8")
        seconds, peak = with_peak_memory([JOURNEYCHECK, "validate", str(path)], refused=True)
        figures.append(
            Figure(
                f"{name} refused (time, peak memory)",
                f"{seconds * 1000:.0f} ms, {peak / 2**20:.0f} MB",
                f"< {limit:g} s",
                seconds < limit,
            )
        )
    return figures


def history(work: Path, plan: Path) -> list[Figure]:
    """`journeycheck history` over 250 and 500 revisions of a full plan, whole command.

    Wall time is the target; the CPU time of the command and its git processes is
    shown beside it, and decides linearity, because on a shared machine the wall
    time of a run grows with whatever else is running.
    """
    import resource

    if shutil.which("git") is None:
        return [Figure("history of 500 revisions", "git not on PATH", "<= 5 s", None)]
    per_revision, figures = [], []
    for commits in (250, 500):
        history_plan = make_history(work / f"history-{commits}", plan, commits)
        command = [JOURNEYCHECK, "history", str(history_plan), "--format", "json"]
        run(command)  # warm the file cache
        walls, cpus = [], []
        for _ in range(3):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            walls.append(run(command))
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        seconds, cpu = statistics.median(walls), statistics.median(cpus)
        per_revision.append(cpu / commits)
        limit = commits == 500
        figures.append(
            Figure(
                f"history of {commits} revisions, JSON (wall; CPU)",
                f"{seconds:.2f} s; {cpu:.2f} s",
                "<= 5 s" if limit else "-",
                seconds <= 5 if limit else None,
            )
        )
    growth = per_revision[1] / per_revision[0]
    figures.append(
        Figure("CPU per revision, 500 vs 250", f"{growth:.2f}x", "<= 1.5x (linear)", growth <= 1.5)
    )
    return figures


def near_miss_ids(count: int) -> str:
    """A plan answering ``count`` ids that each differ from a real one in their last letter."""
    builtin = (ROOT / "src" / "journeycheck" / "playbooks" / "customer-journey.yaml").read_text(
        "utf-8"
    )
    # Question ids are the ids with dots in them (phases, teams and KPIs have none).
    known = re.findall(r"^  - id: ([a-z0-9-]+\.[a-z0-9.-]+)$", builtin, re.MULTILINE)
    lines = [f"  {known[i % len(known)][:-1]}{i}: {{status: done}}" for i in range(count)]
    head = "journeycheck: 1\nproduct: x\nplaybook: customer-journey\nlaunch: 2027-03-01\n"
    return head + "answers:\n" + "\n".join(lines) + "\n"


def report(figures: list[Figure], out: Callable[[str], None] = print) -> None:
    width = max(len(f.name) for f in figures)
    value_width = max(len(f.value) for f in figures)
    out(f"journeycheck benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    out("")
    for f in figures:
        verdict = {True: "met", False: "MISSED", None: ""}[f.met]
        out(f"{f.name:<{width}}  {f.value:>{value_width}}  {f.target:<18} {verdict}")


if __name__ == "__main__":
    sys.exit(main())
