"""The cache between runs: the built-in playbook validated once, templates compiled once.

Whatever is wrong with the cache (missing, read-only, damaged, stale, someone
else's), a run gives the same answer as without it, and says nothing about it.
"""

from __future__ import annotations

import errno
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from journeycheck import cache, prepared
from journeycheck.models import Playbook
from journeycheck.playbooks import PlaybookCache
from journeycheck.render.templating import CompiledTemplates, environment
from tests.helpers import BUILTIN_PLAYBOOK, invoke, mini_playbook

EXAMPLE = Path(__file__).parents[1] / "examples" / "saas-halfway.yaml"
AS_OF = ["--as-of", "2027-01-15"]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's alone."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "journeycheck"


def entries(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.glob(f"{kind}-*")) if folder.exists() else []


def builtin() -> Playbook:
    """The built-in playbook as a run gets it, from the cache when there is an entry."""
    return PlaybookCache().get("customer-journey")


def validated() -> Playbook:
    """The built-in playbook validated from its file, as without the cache."""
    from journeycheck.checking.shape import validate_playbook
    from journeycheck.reading.compose import parse_text

    return validate_playbook(parse_text(BUILTIN_PLAYBOOK.read_text("utf-8"), "x"))


# -- the folder ---------------------------------------------------------------------------


def test_the_folder_follows_xdg_cache_home(folder: Path) -> None:
    assert cache.folder() == folder


def test_no_cache_turns_it_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNEYCHECK_NO_CACHE", "1")
    assert cache.folder() is None
    cache.write("x", b"data")
    assert cache.read("x") is None and not folder.exists()


def test_an_entry_is_written_whole_and_read_back(folder: Path) -> None:
    cache.write("entry", b"data")
    assert cache.read("entry") == b"data"
    assert [p.name for p in folder.iterdir()] == ["entry"]  # no temporary file left


def test_names_differ_with_any_part() -> None:
    assert cache.name("k", "a", "bc") != cache.name("k", "ab", "c")
    assert cache.name("k", "a") != cache.name("j", "a")
    assert cache.name("k", b"a") == cache.name("k", "a")


def test_a_read_only_folder_is_a_miss_not_an_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As on a read-only file system: no file can be created, whoever runs the test.
    folder.mkdir(parents=True)
    real_open = os.open

    def read_only(path: str, flags: int, *args: int, **kwargs: int) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    cache.write("entry", b"data")
    assert cache.read("entry") is None
    assert builtin() == validated()
    ran = invoke("audit", EXAMPLE, *AS_OF, "--format", "markdown")
    assert ran.code == 0 and ran.err == ""
    assert list(folder.iterdir()) == []


def test_a_folder_that_is_a_file_is_a_miss(folder: Path) -> None:
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder")
    cache.write("entry", b"data")
    assert cache.read("entry") is None
    assert builtin() == validated()


@POSIX
def test_an_entry_others_may_write_is_refused(folder: Path) -> None:
    cache.write("entry", b"data")
    (folder / "entry").chmod(0o666)
    assert cache.read("entry") is None


# -- the built-in playbook ----------------------------------------------------------------


def test_the_playbook_is_kept_once_and_then_read_from_the_cache(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = builtin()
    (entry,) = entries(folder, "playbook")
    assert first == validated()
    # The next run does not parse the file.
    monkeypatch.setattr("journeycheck.reading.compose.parse_text", pytest.fail)
    second = builtin()
    assert second == first and second.lineage == first.lineage
    assert entries(folder, "playbook") == [entry]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x80\x05not a pickle",
        pickle.dumps({"questions": []}),  # a pickle, but not of a playbook
        pickle.dumps(mini_playbook().model_copy())[:-10],  # cut short
    ],
    ids=["empty", "garbage", "another-object", "cut-short"],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(folder: Path, damage: bytes) -> None:
    builtin()
    (entry,) = entries(folder, "playbook")
    entry.write_bytes(damage)
    assert builtin() == validated()
    assert entries(folder, "playbook") == [entry]
    assert pickle.loads(entry.read_bytes()) == validated()  # rebuilt


def test_another_playbook_text_is_another_entry(folder: Path) -> None:
    text = BUILTIN_PLAYBOOK.read_text("utf-8")
    prepared.keep(text, validated())
    assert prepared.load(text) == validated()
    assert prepared.load(text.replace("title:", "title: ", 1)) is None


def test_the_models_source_names_the_entry(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A playbook kept by another version of the models (a changed field) is never loaded.
    text = BUILTIN_PLAYBOOK.read_text("utf-8")
    prepared.keep(text, validated())
    changed = folder.parent / "models.py"
    changed.write_text(Path(sys.modules["journeycheck.models"].__file__ or "").read_text() + "#\n")
    monkeypatch.setattr("journeycheck.models.__file__", str(changed))
    assert prepared.load(text) is None


# -- compiled templates -------------------------------------------------------------------


def markdown() -> tuple[int, str, str]:
    """The Markdown report of the example, by a new environment (as in a new process)."""
    from journeycheck.render import markdown

    markdown.environment.cache_clear()
    return invoke("audit", EXAMPLE, *AS_OF, "--format", "markdown")


def test_templates_compiled_once_render_alike(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = markdown()
    kept = entries(folder, "template")
    assert kept and first[0] == 0
    # The next environment loads the compiled code and does not compile.
    monkeypatch.setattr("jinja2.Environment.compile", pytest.fail)
    assert markdown() == first
    assert entries(folder, "template") == kept


def test_a_damaged_template_entry_is_compiled_again(folder: Path) -> None:
    expected = markdown()
    for entry in entries(folder, "template"):
        entry.write_bytes(entry.read_bytes()[:40])
    assert markdown() == expected
    for entry in entries(folder, "template"):
        entry.write_bytes(b"garbage")
    assert markdown() == expected


def test_settings_that_change_the_code_are_other_entries(folder: Path) -> None:
    # The same template compiled with and without autoescaping must not share an entry.
    markup = environment(html=True).from_string("{{ x }}")
    assert markup.render(x="<b>") == "&lt;b&gt;"
    for html in (True, False, True):
        env = environment(html=html)
        assert isinstance(env.bytecode_cache, CompiledTemplates)
        template = env.get_template("report.md.j2")
        assert template.environment.autoescape is html


# -- pydantic's plugins -------------------------------------------------------------------


def test_the_command_line_program_looks_for_no_pydantic_plugin() -> None:
    code = (
        "import sys; sys.argv = ['journeycheck', 'validate', sys.argv[1]]\n"
        "from journeycheck.cli import main, finish\n"
        "import journeycheck.cli as cli\n"
        "cli.finish = lambda code: print('importlib.metadata' in sys.modules)\n"
        "main()\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1] == "False"


def test_whatever_else_pydantic_asks_of_its_plugin_loader_is_the_real_one() -> None:
    code = (
        "import sys\n"
        "from journeycheck import cli\n"
        "cli._no_pydantic_plugins()\n"
        "loader = sys.modules[cli.PYDANTIC_PLUGIN_LOADER]\n"
        "assert tuple(loader.get_plugins()) == ()\n"
        "print(loader.PYDANTIC_ENTRY_POINT_GROUP)\n"
        "print(type(sys.modules[cli.PYDANTIC_PLUGIN_LOADER]).__name__)\n"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "pydantic\nmodule\n"
