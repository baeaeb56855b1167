"""Attacks on journeycheck through its inputs, one test per way it was once broken.

The file names, keys and values here are an attacker's: they try to split a
message into forged lines, act on the terminal, or make a report say what the
plan does not. tests/fixtures/hostile and tests/cases hold the files; the
corpus tests run every case through every command.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from journeycheck.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = FIXTURES / "mini-plan.yaml"
PLAYBOOK = FIXTURES / "mini-playbook.yaml"
AS_OF = ["--as-of", "2027-01-15"]
AS_OF_DATE = dt.date(2027, 1, 15)
UNIX = pytest.mark.skipif(sys.platform == "win32", reason="control characters in file names")
runner = CliRunner()

#: A folder name that would copy text to the clipboard (OSC 52) and then ring the bell.
CLIPBOARD = "plans\x1b]52;c;aGVsbG8=\x07\nREADME.md:1:1: forged"
ESCAPED = "plans\\x1b]52;c;aGVsbG8=\\x07\\nREADME.md:1:1: forged"
ESCAPED_IN_MARKDOWN = "plans\\\\x1b\\]52;c;aGVsbG8=\\\\x07\\\\nREADME.md:1:1: forged"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(arg) for arg in args])
    return result.exit_code, result.stdout, result.stderr


def _plans_in_hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / CLIPBOARD
    folder.mkdir()
    shutil.copy(PLAN, folder / "plan.yaml")
    shutil.copy(PLAYBOOK, folder / "mini-playbook.yaml")
    return folder


# -- every message is one line, file names included ------------------------------------------


@UNIX
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{plan}"],
        ["validate", "{folder}"],
        ["audit", "{plan}", *AS_OF],
        ["audit", "{plan}", *AS_OF, "-f", "markdown"],
        ["audit", "{folder}", "{plan}", *AS_OF],
        ["audit", "{folder}", *AS_OF, "-f", "markdown"],
        ["audit", "{plan}", *AS_OF, "--fail-on", "at-risk"],
        ["audit", "{folder}", *AS_OF, "--fail-under", "100"],
        ["playbook", "check", "{playbook}"],
    ],
    ids=" ".join,
)
def test_a_file_name_with_controls_and_line_breaks_is_printed_escaped(
    args: list[str], tmp_path: Path
) -> None:
    folder = _plans_in_hostile_folder(tmp_path)
    values = {
        "plan": folder / "plan.yaml",
        "folder": folder,
        "playbook": folder / "mini-playbook.yaml",
    }
    _, out, err = run(*(arg.format(**values) for arg in args))
    for stream in (out, err):
        assert "\x1b" not in stream and "\x07" not in stream
        assert not any(line.startswith("README.md") for line in stream.splitlines())
    # Wherever a message names the file, it names it escaped (a report may fold it).
    assert err.count(ESCAPED) == err.count("forged")


@UNIX
def test_the_markdown_file_shows_a_hostile_plan_file_name_escaped(tmp_path: Path) -> None:
    folder = _plans_in_hostile_folder(tmp_path)
    output = tmp_path / "readiness.md"
    run("audit", folder, *AS_OF, "-o", output)
    page = output.read_text("utf-8")
    assert "\x1b" not in page and "\x07" not in page
    assert page.count(ESCAPED_IN_MARKDOWN) == page.count("forged") == 2  # table and footer


@UNIX
def test_a_problem_in_a_hostile_file_name_stays_one_located_line(tmp_path: Path) -> None:
    folder = _plans_in_hostile_folder(tmp_path)
    broken = folder / "broken.yaml"
    broken.write_text("journeycheck: 1\nproduct: [x]\n", "utf-8")
    code, _, err = run("validate", broken)
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 3, err  # product is not text; playbook and launch are missing
    assert all(line.startswith(str(tmp_path)) for line in lines)


# -- numbers: NaN and infinity are refused wherever a number is read ----------------------------


@pytest.mark.parametrize(
    ("command", "flag"),
    [("audit", "--threshold"), ("audit", "--fail-under"), ("tickets", "--threshold")],
)
@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "-inf", "1e400"])
def test_a_number_flag_refuses_nan_and_infinity(
    command: str, flag: str, value: str, tmp_path: Path
) -> None:
    output = tmp_path / "out.json"
    to = ["--to", "github"] if command == "tickets" else []
    code, out, err = run(command, PLAN, *to, *AS_OF, flag, value, "-o", output)
    assert (code, out) == (2, "")
    assert "Invalid value for" in err and flag in err
    assert not output.exists()


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_the_engine_refuses_a_threshold_that_is_not_a_number(value: float) -> None:
    import pydantic

    from journeycheck.score import audit
    from tests.helpers import make_plan, mini_playbook

    with pytest.raises(pydantic.ValidationError, match="finite number"):
        audit(mini_playbook(), make_plan(), AS_OF_DATE, threshold=value)


# -- a plan's playbook may point only inside its repository ----------------------------------

SECRET = "SECRET"


def _repository(tmp_path: Path) -> Path:
    repository = tmp_path / "checkout"
    (repository / ".git").mkdir(parents=True)
    (repository / "plans").mkdir()
    shutil.copy(PLAYBOOK, repository / "mini-playbook.yaml")
    return repository


def _plan(folder: Path, playbook: str) -> Path:
    plan = folder / "plan.yaml"
    plan.write_text(
        f"journeycheck: 1\nproduct: Acme\nplaybook: {playbook!r}\nlaunch: 2027-03-01\n", "utf-8"
    )
    return plan


#: Every command that reads the playbook a plan file names, as run on ``{plan}``
#: (``{sheet}``: a spreadsheet to import); each refuses one outside the repository
#: unless given --allow-outside, which the refusal names. ``history`` needs a real
#: repository: tests/test_cli_weekly.py; ``review`` a terminal: tests/test_reviewing.py.
READERS = {
    "validate": ["validate", "{plan}"],
    "audit": ["audit", "{plan}", *AS_OF],
    "tickets": ["tickets", "{plan}", "--to", "github"],
    "set": ["set", "{plan}", "discover.marketing.message", "--status", "partial", *AS_OF],
    "upgrade": ["upgrade", "{plan}", "--dry-run"],
    "export": ["export", "{plan}"],
    "import": ["import", "{plan}", "{sheet}", "--dry-run", *AS_OF],
    "diff": ["diff", "{plan}", "{plan}", *AS_OF],
    "agenda": ["agenda", "{plan}", *AS_OF],
}


def _command(name: str, plan: Path, sheet: Path) -> list[str]:
    return [part.format(plan=plan, sheet=sheet) for part in READERS[name]]


@pytest.mark.parametrize("command", READERS)
@pytest.mark.parametrize(
    "reference",
    ["{outside}", "../../outside.yaml", "../plans/../../outside.yaml", "link.yaml"],
)
def test_a_plan_cannot_name_a_playbook_outside_its_repository(
    command: str, reference: str, tmp_path: Path
) -> None:
    repository = _repository(tmp_path)
    outside = tmp_path / "outside.yaml"
    outside.write_text(f"token: {SECRET}\n", "utf-8")
    (repository / "plans" / "link.yaml").symlink_to(outside)
    plan = _plan(repository / "plans", reference.format(outside=outside))
    sheet = tmp_path / "answers.csv"
    sheet.write_text("id,status\n", "utf-8")
    before = plan.read_bytes()
    code, out, err = run(*_command(command, plan, sheet))
    assert code == 2
    assert SECRET not in out + err
    assert err.startswith(f"{plan}:3:11: playbook: ")
    assert f"is outside {repository}, the repository of this plan" in err
    assert plan.read_bytes() == before


@pytest.mark.parametrize("command", READERS)
def test_allow_outside_lets_every_reader_use_the_playbook(command: str, tmp_path: Path) -> None:
    repository = _repository(tmp_path)
    shutil.copy(PLAYBOOK, tmp_path / "shared-playbook.yaml")
    plan = _plan(repository / "plans", "../../shared-playbook.yaml")
    sheet = tmp_path / "answers.csv"
    code, csv, err = run("export", plan, "--allow-outside")
    assert code == 0, err
    sheet.write_text(csv, "utf-8")
    code, out, err = run(*_command(command, plan, sheet), "--allow-outside")
    assert code == 0, err
    assert "outside" not in err
    if command == "set":
        assert "discover.marketing.message:\n    status: partial" in plan.read_text("utf-8")


def test_inside_the_repository_a_playbook_may_be_anywhere(tmp_path: Path) -> None:
    repository = _repository(tmp_path)
    (repository / "plans" / "q3").mkdir()
    plan = _plan(repository / "plans" / "q3", "../../mini-playbook.yaml")
    assert run("validate", plan) == (0, f"{plan}: ok\n", "")


def test_outside_any_repository_the_working_folder_is_the_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "books").mkdir()
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAYBOOK, tmp_path / "books" / "mini.yaml")
    plan = _plan(tmp_path / "plans", "../books/mini.yaml")
    monkeypatch.chdir(tmp_path)
    assert run("validate", "plans/plan.yaml")[0] == 0
    monkeypatch.chdir(tmp_path / "plans")
    code, _, err = run("validate", "plan.yaml")
    assert code == 2
    assert f"is outside {tmp_path / 'plans'}; a plan in no repository" in err
    assert run("validate", plan, "--allow-outside")[0] == 0


@pytest.mark.parametrize(
    ("playbook", "said"),
    [
        ("/etc/passwd", "the top level of a playbook must be a mapping of keys"),
        (str(FIXTURES / "hostile" / "dotenv.yaml"), "(journeycheck: 1, ...), not text"),
        (str(FIXTURES / "hostile" / "secrets.yaml"), "this is not a playbook: it is a mapping"),
    ],
    ids=["passwd", "dotenv", "secrets"],
)
def test_a_file_that_is_not_a_playbook_is_never_quoted(
    playbook: str, said: str, tmp_path: Path
) -> None:
    if not Path(playbook).is_file():
        pytest.skip(f"{playbook} is not on this system")
    content = Path(playbook).read_text("utf-8", errors="replace")
    plan = _plan(tmp_path, playbook)
    for args in (
        ["validate", plan, "--allow-outside"],
        ["audit", plan, "--allow-outside", *AS_OF],
        ["playbook", "check", playbook],
        ["playbook", "show", playbook],
    ):
        code, out, err = run(*args)
        assert code == 2
        assert said in err
        words = {word for line in content.splitlines() for word in line.split(":")}
        leaked = [w for w in words if len(w) > 5 and w in out + err and w not in playbook]
        assert not leaked, err
        assert SECRET not in out + err


# -- files journeycheck makes are never written through a link it did not make -------------------

SCHEMA = Path(".journeycheck", "customer-journey.plan.schema.json")
INIT = ["init", "--product", "Acme", "--launch", "2027-03-01", "--no-input"]


@UNIX
@pytest.mark.parametrize("link", ["launch-plan.yaml", str(SCHEMA), ".journeycheck"])
def test_init_refuses_to_write_through_a_link_a_checkout_shipped(
    link: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    victim = tmp_path / "elsewhere"
    victim.mkdir()
    (victim / "keep.txt").write_text("precious\n", "utf-8")
    (tmp_path / ".journeycheck").mkdir()
    if link == ".journeycheck":
        (tmp_path / ".journeycheck").rmdir()
        (tmp_path / link).symlink_to(victim)
        target = victim / SCHEMA.name
    else:
        (tmp_path / link).symlink_to(victim / "keep.txt")
        target = victim / "keep.txt"
    code, out, err = run(*INIT)
    assert (code, out) == (2, "")
    assert "is a symbolic link to" in err and "--force" in err
    assert (victim / "keep.txt").read_text("utf-8") == "precious\n"
    assert not (tmp_path / "launch-plan.yaml").exists() or link == "launch-plan.yaml"
    assert sorted(p.name for p in victim.iterdir()) == ["keep.txt"]
    assert not target.exists() or target == victim / "keep.txt"


@UNIX
def test_init_through_a_dangling_link_is_refused_and_with_force_keeps_plan_and_schema_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    Path("launch-plan.yaml").symlink_to(Path("real", "plan.yaml"))
    code, _, err = run(*INIT)
    assert code == 2 and "launch-plan.yaml: is a symbolic link to real/plan.yaml" in err
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == []
    code, _, err = run(*INIT, "--force")
    assert code == 0, err
    plan = tmp_path / "real" / "plan.yaml"
    modeline = plan.read_text("utf-8").splitlines()[0]
    schema = modeline.removeprefix("# yaml-language-server: $schema=")
    assert (plan.parent / schema).is_file()
    assert not (tmp_path / ".journeycheck").exists()


def test_the_init_that_loses_a_race_leaves_the_winners_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.chdir(tmp_path)
    real_link = os.link

    def winner_first(source: object, target: object, *args: object, **kwargs: object) -> None:
        # Another init finishes its plan and its schema just before this one links its plan.
        if Path(str(target)).name == "launch-plan.yaml" and not Path(str(target)).exists():
            (tmp_path / ".journeycheck").mkdir(exist_ok=True)
            (tmp_path / SCHEMA).write_text("{}\n", "utf-8")
            (tmp_path / "launch-plan.yaml").write_text("winner\n", "utf-8")
        real_link(source, target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "link", winner_first)
    code, _, err = run(*INIT)
    assert code == 2 and "already exists" in err
    assert (tmp_path / "launch-plan.yaml").read_text("utf-8") == "winner\n"
    assert (tmp_path / SCHEMA).read_text("utf-8") == "{}\n"


@UNIX
@pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(__import__("os"), "lchown"), reason="POSIX owners"
)
def test_output_refuses_another_users_link_in_a_sticky_world_writable_folder(
    tmp_path: Path,
) -> None:
    import os

    if os.geteuid() != 0:
        pytest.skip("only root can give a link to another user (the attack needs two users)")
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", "utf-8")
    planted = shared / "report.md"
    planted.symlink_to(victim)
    os.lchown(planted, 65534, 65534)  # "nobody" planted it
    code, _, err = run("audit", PLAN, *AS_OF, "-o", planted)
    assert code == 2
    assert "is a symbolic link owned by another user (uid 65534)" in err
    assert victim.read_text("utf-8") == "precious\n"
    # The same link made by the folder's owner, or by us, is followed as before.
    os.lchown(planted, 0, 0)
    assert run("audit", PLAN, *AS_OF, "-o", planted)[0] == 0
    assert victim.read_text("utf-8").startswith("# Acme Ledger")


# -- signals and processes ------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_ends_the_workers_and_leaves_no_temporary_file(name: str, tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAYBOOK, plans / "mini-playbook.yaml")
    text = PLAN.read_text("utf-8")
    for number in range(3000):
        (plans / f"plan-{number:04d}.yaml").write_text(text, "utf-8")
    output = tmp_path / "out.md"
    command: list[str | Path] = [sys.executable, "-m", "journeycheck", "audit", plans, *AS_OF]
    command += ["-o", output]
    # The context closes the pipe whatever happens, so no test leaves a file open.
    with subprocess.Popen(
        [*command, "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as process:
        try:
            deadline = time.monotonic() + 60
            workers: set[int] = set()
            while time.monotonic() < deadline and process.poll() is None:
                workers = _children(process.pid)
                if len(workers) >= 2 and list(tmp_path.glob(".out.md.*.tmp")):
                    break
                time.sleep(0.02)
            assert process.poll() is None and workers, "the run ended before it could be stopped"
            process.send_signal(getattr(signal, name))
            _, err = process.communicate(timeout=30)
        finally:
            process.kill()
    number = getattr(signal, name).value
    assert process.returncode == 128 + number, err
    assert f"stopped by {name}" in err
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans"]


def test_jobs_are_capped_by_the_cpus_and_the_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeycheck import portfolio

    monkeypatch.setattr(portfolio, "default_jobs", lambda: 2)
    assert portfolio.worker_count(400, 5000) == 2 * portfolio.JOBS_PER_CPU
    assert portfolio.worker_count(400, 41) == 2 * portfolio.JOBS_PER_CPU
    assert portfolio.worker_count(6, 3) == 3
    assert portfolio.worker_count(3, 5000) == 3


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_jobs_400_starts_a_handful_of_workers(tmp_path: Path) -> None:
    import subprocess
    import time

    from journeycheck.portfolio import JOBS_PER_CPU, default_jobs

    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(PLAYBOOK, plans / "mini-playbook.yaml")
    for number in range(300):
        shutil.copy(PLAN, plans / f"plan-{number:03d}.yaml")
    command = [sys.executable, "-m", "journeycheck", "audit", str(plans), *AS_OF, "-j", "400"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    most = 0
    while process.poll() is None:
        most = max(most, len(_children(process.pid)))
        time.sleep(0.01)
    assert process.returncode == 0
    assert 0 < most <= JOBS_PER_CPU * default_jobs()


# -- a plan that cannot be read is one broken plan, not a broken command line ------------------


@pytest.mark.parametrize("command", [["audit", *AS_OF], ["validate"]], ids=" ".join)
def test_an_unreadable_plan_is_reported_and_the_others_still_checked(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    # Root reads a chmod 000 file anyway: refuse it as the system would refuse anyone else,
    # both to the access check and to the open.
    readable = tmp_path / "plan.yaml"
    unreadable = tmp_path / "secret.yaml"
    for path in (readable, unreadable):
        shutil.copy(PLAN, path)
    shutil.copy(PLAYBOOK, tmp_path / "mini-playbook.yaml")
    real_open, real_access = os.open, os.access

    def refusing_open(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)).name == unreadable.name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    def refusing_access(path: object, *args: object, **kwargs: object) -> bool:
        if Path(str(path)).name == unreadable.name:
            return False
        return real_access(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(os, "access", refusing_access)
    code, out, err = run(*command, readable, unreadable)
    assert code == 2
    assert "Usage:" not in err
    assert f"{unreadable}: cannot be read: permission denied" in err.splitlines()
    assert "Acme Ledger" in out or f"{readable}: ok" in out


# -- every plan a run drops is named ----------------------------------------------------------


@pytest.mark.parametrize("command", [["audit", *AS_OF], ["validate"]], ids=" ".join)
def test_plans_dropped_for_a_shared_broken_playbook_are_each_named(
    command: list[str], tmp_path: Path
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "mini-playbook.yaml").write_text("journeycheck: 1\nid: broken\n", "utf-8")
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(PLAN, plans / name)
    code, out, err = run(*command, plans)
    assert code == 2
    lines = err.splitlines()
    # The playbook's problems once, then each plan they stopped, by name.
    assert sum("missing required key 'phases'" in line for line in lines) == 1
    for name in ("a.yaml", "b.yaml"):
        assert any(line.startswith(f"{plans / name}: ") for line in lines), err


# -- text from files reaches Rich as text, never as markup ---------------------------------------

MARKUP_PLAN = FIXTURES / "hostile" / "markup-plan.yaml"
MARKUP_PLAYBOOK = FIXTURES / "hostile" / "markup-playbook.yaml"


#: Fields of the markup fixtures that no terminal view prints.
NOT_IN_THE_TERMINAL = [
    "[link=https://evil.example/e]proof-link[/link]",
    "KPI [dim]one[/dim]",
    "[b]kpi-days[/b]",
]


def _texts(path: Path) -> list[str]:
    """Every text value of a plan or playbook, ids and dates aside."""
    from journeycheck.reading import load_file

    found: list[str] = []
    pending: list[object] = [load_file(path).data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(v for k, v in value.items() if k not in {"id", "playbook", "phase"})
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str) and "[" in value:
            found.append(value)
    return found


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_every_text_field_with_markup_is_printed_as_written(colour: bool, tmp_path: Path) -> None:
    folder = tmp_path / "[bold]plans [conceal]x"
    folder.mkdir()
    plan = folder / "plan.yaml"
    shutil.copy(MARKUP_PLAN, plan)
    shutil.copy(MARKUP_PLAYBOOK, folder / "markup-playbook.yaml")
    env = {"COLUMNS": "400", **({"FORCE_COLOR": "1"} if colour else {})}
    shown = ""
    for args in (
        ["audit", plan, *AS_OF, "--all"],
        ["audit", folder, plan, *AS_OF, "--all"],
        ["playbook", "show", folder / "markup-playbook.yaml"],
        ["playbook", "check", folder / "markup-playbook.yaml"],
        ["validate", plan],
        ["init", "-", "--playbook", folder / "markup-playbook.yaml", "--launch", "2027-03-01"],
    ):
        result = runner.invoke(app, [str(arg) for arg in args], env=env)
        assert result.exit_code == 0, (args, result.stderr)
        assert "\x1b]8;" not in result.stdout  # no hyperlink
        assert "\x1b[8m" not in result.stdout and "\x1b[5m" not in result.stdout  # no conceal
        shown += re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    from rich.errors import MarkupError
    from rich.text import Text

    shown = " ".join(shown.split())
    missing = []
    for text in [*_texts(plan), *_texts(folder / "markup-playbook.yaml"), folder.name]:
        if " ".join(text.split()) in shown:
            continue
        try:
            skeleton = " ".join(Text.from_markup(text).plain.split())
        except MarkupError:
            skeleton = ""
        # Shown with its markup taken as styles, or its tags dropped as unknown styles.
        assert not skeleton or skeleton not in shown, f"read as markup: {text!r}"
        missing.append(text)
    # What no terminal view shows at all (the Markdown report has them).
    assert sorted(missing) == sorted(NOT_IN_THE_TERMINAL), missing


# -- a file name that is not UTF-8 ------------------------------------------------------------


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names are bytes on Linux only")
@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{plan}"],
        ["audit", "{plan}", "-f", "json"],
        ["audit", "{plan}", "-f", "markdown"],
        ["audit", "{folder}", "-f", "json"],
        ["audit", "{folder}", "-f", "markdown"],
        ["audit", "{folder}"],
        ["audit", "{plan}", "-o", "{report}"],
        ["audit", "{folder}", "-o", "{report}"],
    ],
    ids=" ".join,
)
def test_a_file_name_that_is_not_utf_8_is_audited_and_shown_escaped(
    args: list[str], tmp_path: Path
) -> None:
    import json
    import os
    import subprocess

    name = os.fsdecode(b"caf\xe9.yaml")
    shutil.copy(PLAN, tmp_path / name)
    shutil.copy(PLAYBOOK, tmp_path / "mini-playbook.yaml")
    values = {
        "plan": str(tmp_path / name),
        "folder": str(tmp_path),
        "report": str(tmp_path / os.fsdecode(b"r\xe9port.md")),
    }
    command = [arg.format(**values) for arg in args]
    # A real process: its arguments and standard output are bytes, as a shell's are.
    done = subprocess.run(
        [sys.executable, "-m", "journeycheck", *command, *([] if "validate" in args else AS_OF)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    if "json" in args:
        files = [plan["file"] for plan in json.loads(out).get("plans", [json.loads(out)])]
        assert f"{tmp_path}/caf\\xe9.yaml" in files
    elif "-o" in args:
        page = Path(values["report"]).read_text("utf-8")
        assert "caf\\\\xe9.yaml" in page or "caf\\xe9.yaml" in page
    elif args[0] == "validate" or "markdown" in args or args[1] == "{folder}":
        assert "caf\\xe9.yaml" in out or "caf\\\\xe9.yaml" in out


# -- a line break in a one-line text prints no line of its own in the terminal ----------------

WORKFLOW_COMMAND = "x\n::error file=README.md::pwned\u2028::add-mask::y"


@pytest.mark.parametrize(
    ("where", "field"),
    [
        ("plan", "product"),
        ("plan", "owner"),
        ("plan", "reason"),
        ("plan", "approver"),
        ("plan", "risk_accepted"),
        ("playbook", "title"),
        ("playbook", "version"),
        ("playbook", "phase"),
        ("playbook", "team"),
        ("playbook", "ask"),
        ("playbook", "help"),
        ("playbook", "risk"),
    ],
)
def test_no_line_of_the_terminal_report_starts_with_what_a_file_wrote(
    where: str, field: str, tmp_path: Path
) -> None:
    import json

    text = json.dumps(WORKFLOW_COMMAND)
    fields = {"product": '"P"', "owner": '"O"', "reason": '"R"', "approver": '"A"'}
    fields["risk_accepted"] = '"K"'
    book = {"title": '"T"', "version": '"1"', "phase": '"Find"', "team": '"R&D"'}
    book.update(ask='"Ask?"', help='"Help."', risk='"Risk."')
    (fields if where == "plan" else book)[field] = text
    (tmp_path / "plan.yaml").write_text(
        f"journeycheck: 1\nproduct: {fields['product']}\nplaybook: playbook.yaml\n"
        "launch: 2027-03-01\nanswers:\n"
        f"  find.rnd.ask: {{status: partial, owner: {fields['owner']}}}\n"
        f"  find.rnd.terms: {{status: done, waiver: {{reason: {fields['reason']}, "
        f"approver: {fields['approver']}, expires: 2027-12-31, "
        f"risk_accepted: {fields['risk_accepted']}}}}}\n",
        "utf-8",
    )
    (tmp_path / "playbook.yaml").write_text(
        f"journeycheck: 1\nid: p\ntitle: {book['title']}\nversion: {book['version']}\n"
        f"phases:\n  - {{id: find, title: {book['phase']}}}\n"
        f"teams:\n  - {{id: rnd, title: {book['team']}}}\n"
        f"questions:\n  - {{id: find.rnd.ask, phase: find, team: rnd, ask: {book['ask']}, "
        f"help: {book['help']}, risk: {book['risk']}, severity: major}}\n"
        "  - {id: find.rnd.terms, phase: find, team: rnd, ask: Terms?, severity: minor}\n",
        "utf-8",
    )
    shown = ""
    runs: list[list[str | Path]] = [
        ["audit", tmp_path / "plan.yaml", *AS_OF, "--all"],
        ["audit", tmp_path / "plan.yaml", *AS_OF, "--all", "--long"],
        ["audit", tmp_path / "plan.yaml", tmp_path / "plan.yaml", *AS_OF],
        ["playbook", "show", tmp_path / "playbook.yaml"],
    ]
    for args in runs:
        code, out, err = run(*args)
        assert code == 0, err
        shown += out
    assert not [line for line in shown.splitlines() if line.startswith("::")], shown
    shown_always = {"product", "title", "ask", "reason", "risk", "risk_accepted"}
    assert "::error" in shown or field not in shown_always


def test_text_folded_at_the_width_never_starts_a_line_with_a_workflow_command() -> None:
    from rich.text import Text

    from journeycheck.render import RenderOptions
    from journeycheck.render.terminal import draw

    # A long name with no space is folded at the width, wherever that falls.
    for colour in (None, "truecolor"):
        for width in range(40, 60):
            folded = "x" * width + "::error file=README.md::pwned"
            options = RenderOptions(width=width, color_system=colour)
            text = re.sub(r"\x1b\[[0-9;]*m", "", draw(Text(folded, style="dim"), options))
            assert not [line for line in text.splitlines() if line.startswith("::")], text
