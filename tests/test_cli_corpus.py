"""Every bad input through the real commands: exit 2, never 3, and every line of stderr located.

The corpus (tests/cases) says which message each file must produce; here the
same files go through ``audit``, ``validate`` and the playbook commands, as a
user would run them. Files that cannot say what they expect in a comment (empty,
binary, not UTF-8, too large, unreadable, a folder, a pipe...) are in the
tables further down.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journeycheck.reading import source
from tests.helpers import invoke

CASES = Path(__file__).parent / "cases"
FIXTURES = Path(__file__).parent / "fixtures"
PLAN_CASES = sorted((CASES / "plans").glob("*.yaml"))
PLAYBOOK_CASES = sorted((CASES / "playbooks").glob("*.yaml"))

#: What follows ``FILE`` on a located line: ``:LINE:COL: message`` or ``: message``.
_PLACE = re.compile(r"(:[1-9][0-9]*:[1-9][0-9]*)?: \S")


def assert_located(stderr: str, *files: str | Path) -> None:
    """Every line of ``stderr`` is ``FILE:LINE:COL: message`` or ``FILE: message``."""
    lines = stderr.splitlines()
    assert lines, "no problem was reported"
    names = sorted({str(file) for file in files}, key=len, reverse=True)
    for line in lines:
        name = next((name for name in names if line.startswith(name)), None)
        assert name is not None, f"names none of {names}: {line!r}"
        assert _PLACE.match(line, len(name)), f"not located: {line!r}"


def expected(path: Path) -> list[str]:
    """The corpus file's ``# expect:`` lines, as they appear after its name."""
    found = []
    for line in path.read_text("utf-8").splitlines():
        if not line.startswith("# expect:"):
            break
        expect = line.removeprefix("# expect:").strip()
        found.append((":" if expect[:1].isdigit() else ": ") + expect)
    return found


# -- the corpus, through every command that reads it ------------------------------------


@pytest.mark.parametrize("command", ["audit", "validate"])
@pytest.mark.parametrize("path", PLAN_CASES, ids=lambda p: p.stem)
def test_bad_plan_exits_2_with_located_problems(path: Path, command: str) -> None:
    code, out, err = invoke(command, path)
    assert code == 2, err
    if command == "audit":
        assert out == ""
    assert_located(err, path)
    for expect in expected(path):
        assert any(line.startswith(f"{path}{expect}") for line in err.splitlines()), err


def _plan_naming(folder: Path, playbook: Path) -> Path:
    plan = folder / "plan.yaml"
    plan.write_text(
        f"journeycheck: 1\nproduct: Acme Ledger\nplaybook: {playbook}\nlaunch: 2027-03-01\n",
        "utf-8",
    )
    return plan


PLAYBOOK_COMMANDS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "playbook check": lambda playbook, _: ["playbook", "check", playbook],
    "playbook show": lambda playbook, _: ["playbook", "show", playbook],
    "schema plan": lambda playbook, _: ["schema", "plan", "--playbook", playbook],
    "init": lambda playbook, folder: [
        "init",
        folder / "new-plan.yaml",
        "--playbook",
        playbook,
        "--launch",
        "2027-03-01",
        "--no-input",
    ],
    # The plan is in a temporary folder and its playbook in the corpus: outside it.
    "audit": lambda playbook, folder: ["audit", _plan_naming(folder, playbook), "--allow-outside"],
    "validate": lambda playbook, folder: [
        "validate",
        _plan_naming(folder, playbook),
        "--allow-outside",
    ],
}


@pytest.mark.parametrize("command", list(PLAYBOOK_COMMANDS))
@pytest.mark.parametrize("path", PLAYBOOK_CASES, ids=lambda p: p.stem)
def test_bad_playbook_exits_2_with_problems_located_in_the_playbook(
    path: Path, command: str, tmp_path: Path
) -> None:
    args = PLAYBOOK_COMMANDS[command](path, tmp_path)
    code, out, err = invoke(*args)
    assert (code, out) == (2, ""), err
    # validate also says which plan the broken playbook made invalid.
    assert_located(err, path, *([tmp_path / "plan.yaml"] if command == "validate" else []))
    for expect in expected(path):
        assert any(line.startswith(f"{path}{expect}") for line in err.splitlines()), err
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["plan.yaml"] if command in ("audit", "validate") else []
    )


def test_the_corpus_covers_plans_and_playbooks() -> None:
    assert len(PLAN_CASES) >= 60
    assert len(PLAYBOOK_CASES) >= 35


# -- files that cannot carry an "# expect:" line ------------------------------------------


def _latin1(path: Path) -> None:
    path.write_bytes(b"journeycheck: 1\nproduct: Caf\xe9 Ledger\n")


def _utf16(path: Path) -> None:
    path.write_bytes("journeycheck: 1\nproduct: Acme\n".encode("utf-16"))


def _utf16_without_bom(path: Path) -> None:
    path.write_bytes("journeycheck: 1\nproduct: Acme\n".encode("utf-16-le"))


def _too_large(path: Path) -> None:
    with path.open("wb") as stream:  # sparse: no disk space is used
        stream.truncate(source.MAX_BYTES + 1)


def _folder(path: Path) -> None:
    path.mkdir()


def _link_loop(path: Path) -> None:
    other = path.with_name("other.yaml")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _dangling_link(path: Path) -> None:
    path.symlink_to("gone.yaml")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


UNIX = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and pipes")


def _awkward(case: str, make: Callable[[Path], object], message: str, *unix: bool) -> Any:
    return pytest.param(case, make, message, id=case, marks=[UNIX] if unix else [])


#: (case, how to make the file, the message after "FILE: " or "FILE:")
AWKWARD_FILES = [
    _awkward("missing", lambda path: None, "no such file"),
    _awkward("empty", lambda path: path.write_bytes(b""), "is empty; expected a YAML mapping"),
    _awkward(
        "blank", lambda path: path.write_bytes(b" \n\t\n"), "is empty; expected a YAML mapping"
    ),
    _awkward(
        "binary",
        lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "looks like a binary file, not YAML text",
    ),
    _awkward(
        "latin-1",
        _latin1,
        "2:13: is not valid UTF-8 (byte 0xE9); it looks like Windows-1252 or Latin-1",
    ),
    _awkward("utf-16", _utf16, "is encoded as UTF-16; save it as UTF-8"),
    _awkward(
        "utf-16-without-bom",
        _utf16_without_bom,
        "is encoded as UTF-16 (little-endian, without a byte order mark); save it as UTF-8",
    ),
    _awkward(
        "too-large",
        _too_large,
        f"is {source.MAX_BYTES + 1:,} bytes; journeycheck refuses files over "
        f"{source.MAX_BYTES:,} bytes (4 MiB) before reading them",
    ),
    _awkward("link-loop", _link_loop, "cannot be read: ", True),
    _awkward("dangling-link", _dangling_link, "no such file", True),
    _awkward("named-pipe", _fifo, "is a named pipe and nothing was written to it", True),
]


def _message_after(line: str, name: str) -> str:
    assert line.startswith(name), line
    rest = line[len(name) :]
    return rest[2:] if rest.startswith(": ") else rest[1:]


@pytest.mark.parametrize("command", ["audit", "validate"])
@pytest.mark.parametrize(("case", "make", "message"), AWKWARD_FILES)
def test_a_plan_that_is_no_readable_yaml_file(
    tmp_path: Path, command: str, case: str, make: Callable[[Path], object], message: str
) -> None:
    plan = tmp_path / "plan.yaml"
    make(plan)
    code, out, err = invoke(command, plan)
    assert (code, out) == (2, ""), err
    assert_located(err, plan)
    assert _message_after(err.splitlines()[0], str(plan)).startswith(message), err


@pytest.mark.parametrize("command", ["audit", "validate"])
@pytest.mark.parametrize(("case", "make", "message"), AWKWARD_FILES)
def test_a_playbook_that_is_no_readable_yaml_file_named_by_a_plan(
    tmp_path: Path, command: str, case: str, make: Callable[[Path], object], message: str
) -> None:
    playbook = tmp_path / "playbook.yaml"
    make(playbook)
    plan = _plan_naming(tmp_path, Path("playbook.yaml"))
    code, out, err = invoke(command, plan)
    assert code == 2, err
    assert_located(err, plan, playbook)
    first = err.splitlines()[0]
    if case == "missing":
        # Nothing to point into: the plan's playbook line is the place.
        assert first.startswith(f"{plan}:3:11: playbook: playbook file 'playbook.yaml' does not")
    else:
        assert _message_after(first, str(playbook)).startswith(message), err


@pytest.mark.parametrize("command", ["playbook check", "playbook show", "schema plan", "init"])
@pytest.mark.parametrize(("case", "make", "message"), AWKWARD_FILES)
def test_a_playbook_that_is_no_readable_yaml_file_on_the_command_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    case: str,
    make: Callable[[Path], object],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    playbook = Path("playbook.yaml")
    make(playbook)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, out, err = invoke(*PLAYBOOK_COMMANDS[command](playbook, Path()))
    assert (code, out) == (2, ""), err
    if case == "missing" and command != "playbook check":
        # A built-in id or a path, as a command-line value: a usage error naming it.
        assert err == (
            f"journeycheck {command.removesuffix(' plan')}: "
            "error: playbook file 'playbook.yaml' does not exist "
            "(looked for playbook.yaml)\n"
        )
    else:
        assert_located(err, playbook)
        assert _message_after(err.splitlines()[0], str(playbook)).startswith(message), err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", ["audit", "validate", "playbook check"])
def test_a_folder_named_as_a_file(tmp_path: Path, command: str) -> None:
    folder = tmp_path / "plans.yaml"
    folder.mkdir()
    code, out, err = invoke(*command.split(), folder)
    assert (code, out) == (2, "")
    assert_located(err, folder)
    # audit and validate read a folder as the plans inside it.
    assert err.endswith(
        "is a folder, not a YAML file\n"
        if command == "playbook check"
        else "folder has no *.yaml or *.yml file directly in it\n"
    )


@pytest.mark.parametrize("command", ["playbook show", "schema plan", "init"])
def test_a_folder_named_as_a_playbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("book.yaml").mkdir()
    code, out, err = invoke(*PLAYBOOK_COMMANDS[command](Path("book.yaml"), Path()))
    assert (code, out) == (2, "")
    assert err == (
        f"journeycheck {command.removesuffix(' plan')}: error: playbook file 'book.yaml' is a "
        "folder "
        "(looked for book.yaml)\n"
    )


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
@pytest.mark.parametrize("command", ["audit", "validate", "playbook check", "playbook show"])
def test_a_device_is_refused_without_reading_it(command: str) -> None:
    # /dev/zero would never end; a device is refused before it is opened.
    for device in ("/dev/null", "/dev/zero"):
        if not Path(device).exists():
            continue
        code, out, err = invoke(*command.split(), device)
        assert (code, out) == (2, "")
        assert err == f"{device}: is a device or another special file, not a YAML file\n"


class _Refused:
    """``os.open`` that refuses one file, as the system does for a file without read access."""

    def __init__(self, real: Callable[..., int], refused: Path) -> None:
        self.real = real
        self.refused = refused

    def __call__(self, path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)).name == self.refused.name:
            raise PermissionError(13, "Permission denied", str(path))
        return self.real(path, *args, **kwargs)


@pytest.mark.parametrize("what", ["plan", "playbook"])
@pytest.mark.parametrize("command", ["audit", "validate"])
def test_a_file_that_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, command: str
) -> None:
    # Root reads a chmod 000 file anyway, so the refusal is simulated where the file is opened.
    playbook = tmp_path / "playbook.yaml"
    playbook.write_bytes((FIXTURES / "mini-playbook.yaml").read_bytes())
    plan = _plan_naming(tmp_path, Path("playbook.yaml"))
    refused = plan if what == "plan" else playbook
    monkeypatch.setattr("journeycheck.reading.source.os.open", _Refused(os.open, refused))
    code, out, err = invoke(command, plan)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == f"{refused}: cannot be read: permission denied"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="root, and Windows, read a file whatever its mode (see the simulated test above)",
)
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes((FIXTURES / "mini-plan.yaml").read_bytes())
    plan.chmod(0)
    try:
        code, out, err = invoke("audit", plan)
    finally:
        plan.chmod(0o644)
    assert (code, out, err) == (2, "", f"{plan}: cannot be read: permission denied\n")


def test_a_plan_named_as_its_own_playbook_points_at_the_line(tmp_path: Path) -> None:
    plan = _plan_naming(tmp_path, Path("plan.yaml"))
    code, out, err = invoke("audit", plan)
    assert (code, out) == (2, "")
    assert err == (
        f"{plan}:3:11: playbook: 'plan.yaml' is this plan itself; name a playbook file or a "
        "built-in playbook id\n"
    )


@pytest.mark.parametrize("command", ["audit", "validate", "playbook check"])
def test_a_plan_named_as_a_playbook_is_called_a_plan(tmp_path: Path, command: str) -> None:
    other = tmp_path / "other-plan.yaml"
    other.write_bytes((FIXTURES / "mini-plan.yaml").read_bytes())
    target = other if command == "playbook check" else _plan_naming(tmp_path, other)
    code, out, err = invoke(*command.split(), target)
    assert code == 2
    assert err.splitlines()[0] == (
        f"{other}:1:1: this is a product plan (it has product, playbook, launch, answers), "
        "not a playbook; a playbook has phases, teams and questions"
    )


# -- inputs at the edges that must simply work ----------------------------------------------


def _audit_json(plan: Path, *extra: str) -> dict[str, Any]:
    code, out, err = invoke("audit", plan, "--as-of", "2027-01-15", "-f", "json", *extra)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    data.pop("file")
    return data


def test_a_byte_order_mark_and_windows_line_endings_change_nothing(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    plain = tmp_path / "plain.yaml"
    plain.write_bytes((FIXTURES / "mini-plan.yaml").read_bytes())
    windows = tmp_path / "windows.yaml"
    windows.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes().replace(b"\n", b"\r\n"))
    assert _audit_json(windows) == _audit_json(plain)
    # Problems are still placed on the right line and column.
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(windows.read_bytes().replace(b"status: partial", b"status: halfway"))
    code, _, err = invoke("validate", broken)
    assert (code, err) == (
        2,
        f"{broken}:14:13: status: 'halfway' is not one of done, partial, not-started, "
        "blocked, n/a\n",
    )


def test_a_very_long_line_is_read_and_located(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    name = "Acme " + "x" * 1_000_000
    plan = tmp_path / "plan.yaml"
    head = f"journeycheck: 1\nproduct: {name}\nplaybook: mini-playbook.yaml\nlaunch: 2027-03-01\n"
    plan.write_text(head, "utf-8")
    assert _audit_json(plan)["product"] == name
    answers = "answers: {buy.legal.eula: {note: " + "y" * 1_000_000 + ", status: finished}}\n"
    plan.write_text(head + answers, "utf-8")
    code, _, err = invoke("validate", plan)
    column = len(answers) - len("finished}}\n") + 1
    assert (code, err.split(": status: ")[0]) == (2, f"{plan}:5:{column}")


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_an_as_of_date_at_either_end_of_the_calendar(as_of: str, fmt: str) -> None:
    plan = FIXTURES / "mini-plan.yaml"
    for plans in ([plan], [plan, FIXTURES / "hostile" / "plan.yaml"]):
        code, out, err = invoke("audit", *plans, "--as-of", as_of, "-f", fmt, "--all")
        assert (code, err) == (0, "")
        assert out


def test_top_zero_is_a_usage_error() -> None:
    code, out, err = invoke("audit", FIXTURES / "mini-plan.yaml", "--top", "0")
    assert (code, out) == (2, "")
    assert "--top" in err


def test_a_playbook_with_no_questions_works_everywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("empty.yaml").write_text(
        'journeycheck: 1\nid: empty\ntitle: Nothing yet\nversion: "0"\n'
        "phases: [{id: p, title: P}]\nteams: [{id: t, title: T}]\nquestions: []\n",
        "utf-8",
    )
    assert invoke("playbook", "check", "empty.yaml") == (
        0,
        "empty.yaml: ok (empty 0, 0 questions)\n",
        "",
    )
    for fmt in ("terminal", "markdown", "json"):
        code, out, err = invoke("playbook", "show", "empty.yaml", "-f", fmt)
        assert (code, err) == (0, "") and out
    code, _, err = invoke("schema", "plan", "--playbook", "empty.yaml")
    assert (code, err) == (0, "")
    code, _, err = invoke("init", "plan.yaml", "--playbook", "empty.yaml", "--launch", "2027-03-01")
    assert (code, err) == (0, "")
    for fmt in ("terminal", "markdown", "json"):
        code, out, err = invoke("audit", "plan.yaml", "--as-of", "2027-01-15", "-f", fmt)
        assert (code, err) == (0, "") and out
    assert _audit_json(Path("plan.yaml"))["verdict"] == "go"
