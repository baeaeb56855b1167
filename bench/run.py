"""journeycheck's speed and memory benchmark: `make bench` (or `python bench/run.py`).

It generates its inputs (a plan made by `journeycheck init`, portfolios of such plans
with varied answers, playbooks of growing size, a git history), times whole commands
the way a user runs them, and prints each figure beside its target (docs/performance.md).
Every figure of a single command is a ratio to a floor run alternately with it in the
same run, because this machine's speed drifts from one minute to the next:

- `journeycheck --version` / `python -c "import typer"`;
- one `audit PLAN` (terminal, JSON, Markdown) / the honest floor: one process that
  imports typer, yaml, rich.console, rich.table and jinja2, builds and uses one pydantic
  model of five fields, and parses the same plan with PyYAML's C loader (:data:`FLOOR`);
- 1,000 plans with `--jobs 1`: CPU time / the CPU time of a process that merely parses
  the same files with PyYAML's C loader; the default jobs' wall time / `--jobs 1`'s,
  beside, for reference, two independent `--jobs 1` runs of 500 plans each at once (what
  two CPUs give that run, whatever a pool does);
- 10,000 plans: the peak memory of all processes, and CPU per plan against 1,000;
- the terminal report of 1,000 plans; `validate` of 1,000 plans / the same in one process;
- `set` of one answer of a full plan / one `audit` of it;
- `history` of 500 revisions, and its CPU per revision against 250;
- one audit against playbooks of 250 to 2,000 questions; hostile files refused.

The 1-minute load average (/proc/loadavg) is shown beside each figure, as it was at the
start and the end of that figure's runs.

`--before REV` measures the code of git revision REV beside the working tree's, each
figure's runs of both alternating, and prints both: a change is judged by its pair
from one run, never by figures from two. Only the standard library is used.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILTIN_PLAYBOOK = ROOT / "src" / "journeycheck" / "playbooks" / "customer-journey.yaml"
PYTHON = sys.executable
JOURNEYCHECK = str(Path(PYTHON).with_name("journeycheck"))
AS_OF = ("--as-of", "2027-01-15")
STATUSES = ("done", "done", "partial", "not-started", "blocked")

#: The honest floor of one audit: the work any audit of a plan must do, in one process.
#: ``{plan}`` is the plan's path.
FLOOR = """\
import typer, yaml, rich.console, rich.table, jinja2
from pydantic import BaseModel
class Floor(BaseModel):
    name: str
    count: int
    ratio: float
    ready: bool
    tags: list[str]
Floor.model_validate({{"name": "x", "count": 1, "ratio": 0.5, "ready": True, "tags": ["a"]}})
with open({plan!r}, encoding="utf-8") as stream:
    yaml.load(stream.read(), Loader=yaml.CSafeLoader)
"""

#: Merely parsing every YAML file of a folder with PyYAML's C loader, in one process.
PARSE_ONLY = """\
import os, sys, yaml
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), encoding="utf-8") as stream:
        yaml.load(stream.read(), Loader=yaml.CSafeLoader)
"""

#: How a side other than the installed one runs journeycheck: from its own source tree.
LAUNCH = "import sys; sys.argv[0] = 'journeycheck'; from journeycheck.cli import main; main()"


@dataclass
class Side:
    """One version of journeycheck under test: how to run it."""

    label: str
    command: list[str]
    env: dict[str, str] | None = None

    def __call__(self, *arguments: str) -> list[str]:
        return [*self.command, *arguments]


@dataclass
class Figure:
    name: str
    value: str
    target: str
    met: bool | None  # None: a figure shown for information
    load: str = ""


@dataclass
class Load:
    """The 1-minute load average at the start and the end of a figure's runs."""

    first: float = field(default_factory=lambda: load_average())

    def __str__(self) -> str:
        return f"load {self.first:.1f}-{load_average():.1f}"


def load_average() -> float:
    try:
        return float(Path("/proc/loadavg").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return float("nan")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per timed command (>= 9)")
    parser.add_argument(
        "--quick", action="store_true", help="skip the 10,000-plan run (about a minute)"
    )
    parser.add_argument(
        "--before",
        metavar="REV",
        help="also measure git revision REV, alternating with the working tree's code",
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
        sides = [Side("", [JOURNEYCHECK])]
        if args.before is not None:
            sides = [source_side("before", work, args.before), source_side("after", work, None)]
        plan = make_plan(work)
        figures = [
            *startup(sides, args.runs),
            *single_audit(sides, plan, args.runs),
            *portfolios(sides, work, plan, quick=args.quick),
            *single_set(sides, work, plan, args.runs),
            *history(sides, work, plan),
            *scaling(work),
            *attacks(work),
        ]
    report(figures)
    return 0 if all(f.met is not False for f in figures) else 1


def source_side(label: str, work: Path, revision: str | None) -> Side:
    """journeycheck run from the source of ``revision`` (``None``: the working tree)."""
    if revision is None:
        source = ROOT / "src"
    else:
        tree = work / f"source-{label}"
        tree.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        source = tree / "src"
        compileall.compile_dir(str(source / "journeycheck"), quiet=1)
    env = {**os.environ, "PYTHONPATH": str(source)}
    return Side(label, [PYTHON, "-c", LAUNCH], env)


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


class Timed:
    """One run of a command: its wall time and the CPU time of it and all its children."""

    __slots__ = ("cpu", "wall")

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall = wall
        self.cpu = cpu


def run(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    codes: tuple[int, ...] = (0, 1),
) -> Timed:
    """Run ``command`` (output discarded); its wall and CPU time in seconds.

    The CPU time counts the command's worker processes (and git's) too: each is
    waited for by its parent, so its time reaches this process's children's usage.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    completed = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode not in codes:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr.decode()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Timed(elapsed, cpu)


Job = tuple[Sequence[str], "dict[str, str] | None"]


def alternate(jobs: Sequence[Job], runs: int) -> list[list[Timed]]:
    """Every run of each of ``jobs``, the jobs run one after the other ``runs`` times,
    so that a slow moment of the machine hurts them all alike."""
    for command, env in jobs:
        run(command, env=env)  # warm the file cache, not the figures
    timings: list[list[Timed]] = [[] for _ in jobs]
    for _ in range(runs):
        for index, (command, env) in enumerate(jobs):
            timings[index].append(run(command, env=env))
    return timings


def wall(timings: list[Timed]) -> float:
    return statistics.median(t.wall for t in timings)


def cpu(timings: list[Timed]) -> float:
    return statistics.median(t.cpu for t in timings)


def named(base: str, side: Side) -> str:
    return f"{base} [{side.label}]" if side.label else base


def ratio_figures(
    name: str,
    sides: Sequence[Side],
    floor: Job,
    mine: Callable[[Side], list[str]],
    limit: float,
    runs: int,
) -> list[Figure]:
    """``mine`` of each side against ``floor``: medians of wall time, all run alternately."""
    load = Load()
    timings = alternate([floor, *[(mine(side), side.env) for side in sides]], runs)
    base = wall(timings[0])
    figures = []
    for side, timed in zip(sides, timings[1:], strict=True):
        seconds = wall(timed)
        ratio = seconds / base
        figures.append(
            Figure(
                named(name, side),
                f"{seconds * 1000:.0f} ms vs {base * 1000:.0f} ms = {ratio:.2f}x",
                f"<= {limit}x",
                ratio <= limit,
                str(load),
            )
        )
    return figures


def startup(sides: Sequence[Side], runs: int) -> list[Figure]:
    return ratio_figures(
        "journeycheck --version / import typer",
        sides,
        ([PYTHON, "-c", "import typer"], None),
        lambda side: side("--version"),
        1.2,
        runs,
    )


def single_audit(sides: Sequence[Side], plan: Path, runs: int) -> list[Figure]:
    floor: Job = ([PYTHON, "-c", FLOOR.format(plan=str(plan))], None)
    figures = []
    for fmt, limit in (("terminal", 1.1), ("json", 1.0), ("markdown", 1.15)):
        figures += ratio_figures(
            f"audit PLAN --format {fmt} / honest floor",
            sides,
            floor,
            lambda side: side("audit", str(plan), "--format", fmt, *AS_OF),  # noqa: B023
            limit,
            runs,
        )
    return figures


#: A question of the built-in playbook that every plan made by init answers.
SET_QUESTION = "buy.legal.sla-support-terms"


def single_set(sides: Sequence[Side], work: Path, plan: Path, runs: int) -> list[Figure]:
    """One answer set in a full init plan, against one audit of it, run alternately.

    The status alternates between two values, so every run really edits and writes.
    """
    figures = []
    for side in sides:
        load = Load()
        edited = work / f"set-plan{side.label}.yaml"
        shutil.copy(plan, edited)
        audit = side("audit", str(edited), *AS_OF)

        def set_to(status: str, side: Side = side, edited: Path = edited) -> list[str]:
            return side("set", str(edited), SET_QUESTION, "--status", status, *AS_OF)

        run(set_to("partial"), env=side.env)
        run(audit, env=side.env)
        setting, auditing = [], []
        for index in range(runs):
            setting.append(run(set_to("blocked" if index % 2 else "partial"), env=side.env))
            auditing.append(run(audit, env=side.env))
        mine, floor = wall(setting), wall(auditing)
        figures.append(
            Figure(
                named("set (one answer) / audit PLAN", side),
                f"{mine * 1000:.0f} ms vs {floor * 1000:.0f} ms = {mine / floor:.2f}x",
                "<= 1.3x",
                mine / floor <= 1.3,
                str(load),
            )
        )
    return figures


def has_option(side: Side, command: str, option: str) -> bool:
    completed = subprocess.run(
        side(command, "--help"), env=side.env, capture_output=True, text=True, check=False
    )
    return option in completed.stdout


#: Rounds of the 1,000-plan commands. With three, one slow minute on a shared machine
#: decided a median often enough that no run met every target; five take ~40 s more.
PORTFOLIO_ROUNDS = 5


def portfolios(sides: Sequence[Side], work: Path, plan: Path, *, quick: bool) -> list[Figure]:
    """1,000 plans: CPU against merely parsing them, the pool against one process, the
    terminal report and ``validate``; then 10,000 plans' memory and cost per plan.

    Each repetition runs every command of every side once, so each ratio compares
    runs taken moments apart.
    """
    figures = []
    folder = make_portfolio(work / "plans-1000", plan, 1000)
    parse: Job = ([PYTHON, "-c", PARSE_ONLY, str(folder)], None)
    jobs: list[Job] = [parse]
    for side in sides:
        audit = side("audit", str(folder), "--format", "json", *AS_OF)
        validate = side("validate", str(folder), *AS_OF)
        jobs += [
            (audit, side.env),
            ([*audit, "--jobs", "1"], side.env),
            (side("audit", str(folder), *AS_OF), side.env),
            (validate, side.env),
            (
                [*validate, "--jobs", "1"] if has_option(side, "validate", "--jobs") else validate,
                side.env,
            ),
        ]
    # What two CPUs give this run, whatever journeycheck does: the same plans audited by
    # two independent one-process runs at once, half each (the current side's code).
    plans = sorted(str(path) for path in folder.iterdir())
    halves = [
        shlex.join(sides[-1]("audit", *part, "--format", "json", *AS_OF, "--jobs", "1"))
        for part in (plans[:500], plans[500:])
    ]
    jobs.append(
        (["sh", "-c", f"{halves[0]} >/dev/null & {halves[1]} >/dev/null & wait"], sides[-1].env)
    )
    load = Load()
    timings = alternate(jobs, PORTFOLIO_ROUNDS)
    parsed = cpu(timings[0])
    per_side = [timings[1 + 5 * n : 6 + 5 * n] for n in range(len(sides))]
    side_by_side = timings[-1]
    for side, (pooled, alone, terminal, checked, checked_alone) in zip(
        sides, per_side, strict=True
    ):
        ratio = cpu(alone) / parsed
        figures.append(
            Figure(
                named("1,000 plans --jobs 1: CPU / CPU of parsing them (C loader)", side),
                f"{cpu(alone):.2f} s vs {parsed:.2f} s = {ratio:.2f}x "
                f"({cpu(alone):.1f} ms per plan)",
                "<= 0.8x",
                ratio <= 0.8,
                str(load),
            )
        )
        ratio = wall(pooled) / wall(alone)
        figures.append(
            Figure(
                named("1,000 plans, default jobs / --jobs 1 (wall)", side),
                f"{wall(pooled):.2f} s vs {wall(alone):.2f} s = {ratio:.2f}x "
                f"(CPU {cpu(pooled):.2f} s vs {cpu(alone):.2f} s)",
                "<= 0.6x",
                ratio <= 0.6,
                str(load),
            )
        )
        if side is sides[-1]:
            ratio = wall(side_by_side) / wall(alone)
            figures.append(
                Figure(
                    named(
                        "1,000 plans as two --jobs 1 runs of 500 at once / --jobs 1 (wall)", side
                    ),
                    f"{wall(side_by_side):.2f} s = {ratio:.2f}x "
                    f"(CPU {cpu(side_by_side):.2f} s): what two CPUs gave this run",
                    "reference",
                    None,
                    str(load),
                )
            )
        figures.append(
            Figure(
                named("1,000 plans, terminal report (wall; CPU)", side),
                f"{wall(terminal):.2f} s; {cpu(terminal):.2f} s",
                "<= 6 s",
                wall(terminal) <= 6,
                str(load),
            )
        )
        ratio = wall(checked) / wall(checked_alone)
        figures.append(
            Figure(
                named("validate 1,000 plans / in one process (wall)", side),
                f"{wall(checked):.2f} s vs {wall(checked_alone):.2f} s = {ratio:.2f}x",
                "<= 0.6x",
                ratio <= 0.6,
                str(load),
            )
        )
    if not quick:
        big = make_portfolio(work / "plans-10000", plan, 10_000)
        load = Load()
        # 1,000 plans again just before each run of 10,000, so that the runs compared are
        # adjacent; three rounds, the sides taking turns, as one pair was at the mercy of
        # a slow minute. The peak memory is the highest of the three.
        measured: list[list[tuple[float, float, int]]] = [[] for _ in sides]
        for _ in range(3):
            for side, rounds in zip(sides, measured, strict=True):
                small = run(side("audit", str(folder), "--format", "json", *AS_OF), env=side.env)
                command = side("audit", str(big), "--format", "json", *AS_OF)
                seconds, used, peak = with_peak_memory(command, env=side.env)
                rounds.append(((used / 10_000) / (small.cpu / 1000), seconds, peak))
        for side, rounds in zip(sides, measured, strict=True):
            growth = statistics.median(growth for growth, _, _ in rounds)
            seconds = statistics.median(seconds for _, seconds, _ in rounds)
            peak = max(peak for _, _, peak in rounds)
            figures += [
                Figure(
                    named("10,000 plans, peak memory (all processes)", side),
                    f"{peak / 2**20:.0f} MB",
                    "<= 150 MB",
                    peak <= 150 * 2**20,
                    str(load),
                ),
                Figure(
                    named("10,000 plans: CPU per plan / 1,000 plans' (10,000 wall)", side),
                    f"{growth:.2f}x ({seconds:.1f} s)",
                    "<= 1.2x (linear)",
                    growth <= 1.2,
                    str(load),
                ),
            ]
        shutil.rmtree(big)
    shutil.rmtree(folder)
    return figures


def with_peak_memory(
    command: Sequence[str], *, refused: bool = False, env: dict[str, str] | None = None
) -> tuple[float, float, int]:
    """Wall time, CPU time, and the largest resident memory of the process and its
    children together.

    Sampled from /proc every 20 ms, so the figure is the total a machine has to
    provide for the whole run, worker processes included.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
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
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    if process.returncode not in ((2,) if refused else (0, 1)):
        raise SystemExit(f"{' '.join(command)} ended with {process.returncode}:\n{errors.decode()}")
    used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, used, peak


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
    """Time one in-process audit (load, validate, score) against playbooks of growing size.

    The sizes take turns, round after round, in one process: measured one after the
    other, a drift of the machine's speed between the smallest and the largest was
    read as a change of the time per question.
    """
    sizes = (250, 500, 1000, 2000)
    plans = []
    for questions in sizes:
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
        plans.append(plan)
    load = Load()
    medians = in_process_audits(plans)
    figures = []
    for questions, seconds in zip(sizes, medians, strict=True):
        limit = questions == 1000
        figures.append(
            Figure(
                f"one audit, {questions:,} questions",
                f"{seconds * 1000:.0f} ms",
                "< 1 s" if limit else "-",
                seconds < 1 if limit else None,
                str(load),
            )
        )
    growth = (medians[-1] / sizes[-1]) / (medians[0] / sizes[0])
    figures.append(
        Figure(
            "time per question, 2,000 vs 250 questions",
            f"{growth:.2f}x",
            "<= 1.5x (linear)",
            growth <= 1.5,
            str(load),
        )
    )
    return figures


def in_process_audits(plans: Sequence[Path], rounds: int = 7) -> list[float]:
    """Median seconds for load + validate + score of each of ``plans``, a fresh playbook
    each time, the plans taking turns ``rounds`` times."""
    code = f"""
import datetime, statistics, time
from pathlib import Path
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Run, process
settings = AuditSettings(as_of=datetime.date(2027, 1, 15))
plans = [PlanFile(Path(name)) for name in {[str(plan) for plan in plans]!r}]
times = [[] for _ in plans]
for _ in range({rounds}):
    for plan, taken in zip(plans, times):
        start = time.perf_counter()
        outcome = process(plan, Run(settings=settings))
        taken.append(time.perf_counter() - start)
        assert isinstance(outcome, Audited), outcome
print(" ".join(str(statistics.median(taken)) for taken in times))
"""
    output = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=True)
    return [float(value) for value in output.stdout.split()]


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
        load = Load()
        seconds, _, peak = with_peak_memory([JOURNEYCHECK, "validate", str(path)], refused=True)
        figures.append(
            Figure(
                f"{name} refused (time, peak memory)",
                f"{seconds * 1000:.0f} ms, {peak / 2**20:.0f} MB",
                f"< {limit:g} s",
                seconds < limit,
                str(load),
            )
        )
    return figures


def history(sides: Sequence[Side], work: Path, plan: Path) -> list[Figure]:
    """`journeycheck history` over 250 and 500 revisions of a full plan, whole command.

    Wall time is the target; the CPU time of the command and its git processes is
    shown beside it, and decides linearity, because on a shared machine the wall
    time of a run grows with whatever else is running.
    """
    if shutil.which("git") is None:
        return [Figure("history of 500 revisions", "git not on PATH", "<= 5 s", None)]
    figures = []
    per_revision: list[list[float]] = [[] for _ in sides]
    for commits in (250, 500):
        history_plan = make_history(work / f"history-{commits}", plan, commits)
        load = Load()
        jobs: list[Job] = [
            (side("history", str(history_plan), "--format", "json"), side.env) for side in sides
        ]
        for index, (side, timed) in enumerate(zip(sides, alternate(jobs, 3), strict=True)):
            per_revision[index].append(cpu(timed) / commits)
            limit = commits == 500
            figures.append(
                Figure(
                    named(f"history of {commits} revisions, JSON (wall; CPU)", side),
                    f"{wall(timed):.2f} s; {cpu(timed):.2f} s",
                    "<= 5 s" if limit else "-",
                    wall(timed) <= 5 if limit else None,
                    str(load),
                )
            )
    for side, (small, large) in zip(sides, per_revision, strict=True):
        growth = large / small
        figures.append(
            Figure(
                named("history: CPU per revision, 500 vs 250", side),
                f"{growth:.2f}x",
                "<= 1.5x (linear)",
                growth <= 1.5,
            )
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
        line = f"{f.name:<{width}}  {f.value:>{value_width}}  {f.target:<18} {verdict:<6} {f.load}"
        out(line.rstrip())


if __name__ == "__main__":
    sys.exit(main())
