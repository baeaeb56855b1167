"""Every file journeycheck writes appears whole, by one rename, and only when the run succeeds.

Reports (``audit --output``, one plan or a portfolio, each format) and what
``init`` writes (the plan and its schema) are checked here through the CLI;
tests/test_output.py checks the writer itself.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journeycheck.render import REGISTRY, Document, Format, Section
from journeycheck.result import AuditResult
from tests.helpers import HalfWrite, invoke

FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = ["--as-of", "2027-01-15"]
OLD = "last week's report\n"
SUFFIX = {
    Format.TERMINAL: ".txt",
    Format.MARKDOWN: ".md",
    Format.HTML: ".html",
    Format.JSON: ".json",
    Format.SARIF: ".sarif",
}


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture(autouse=True)
def _users_files_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests count how a command writes the user's files: without the cache between
    runs (journeycheck.cache), which writes entries of its own the same way."""
    monkeypatch.setenv("JOURNEYCHECK_NO_CACHE", "1")


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """Two valid plans and their playbook, in a folder of their own."""
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder)
    shutil.copy(FIXTURES / "mini-plan.yaml", folder / "alpha.yaml")
    text = (FIXTURES / "mini-plan.yaml").read_text("utf-8")
    (folder / "beta.yaml").write_text(text.replace("Acme Ledger", "Beta"), "utf-8")
    return folder


def _arguments(plans: Path, portfolio: bool) -> list[Path]:
    return [plans] if portfolio else [plans / "alpha.yaml"]


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    return folder


class _Renames:
    """Records each rename into place, checking what a reader could see at that moment."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[tuple[Path, Path, str | None]] = []
        real_replace, real_link = os.replace, os.link

        def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            self._record(source, target)
            real_replace(source, target, *args, **kwargs)

        def link(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
            self._record(source, target)
            real_link(source, target, *args, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "link", link)

    def _record(self, source: Any, target: Any) -> None:
        source, target = Path(source), Path(target)
        before = target.read_text("utf-8") if target.exists() else None
        self.seen.append((source, target, before))


@pytest.mark.parametrize("portfolio", [False, True], ids=["one-plan", "portfolio"])
@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_a_report_reaches_its_name_by_one_rename_from_its_folder(
    plans: Path, reports: Path, monkeypatch: pytest.MonkeyPatch, fmt: Format, portfolio: bool
) -> None:
    target = reports / f"report{SUFFIX[fmt]}"
    target.write_text(OLD, "utf-8")
    renames = _Renames(monkeypatch)
    code, out, err = invoke("audit", *_arguments(plans, portfolio), *AS_OF, "-o", target)
    assert (code, out) == (0, ""), err
    [(source, renamed, before)] = renames.seen
    assert renamed == target
    assert source.parent == target.parent  # same file system: the rename is atomic
    assert before == OLD  # until the rename, readers saw the old report whole
    written = target.read_text("utf-8")
    assert written != OLD
    assert written.rstrip().endswith("}" if fmt in (Format.JSON, Format.SARIF) else "")
    assert listing(reports) == [target.name]  # no temporary file left behind


def _breaking_renderer(real: Any) -> Any:
    # (result, options), and the places of the gaps for a located format such as SARIF.
    def render(result: AuditResult, *rest: Any) -> str:
        real(result, *rest)  # the work is done, then it fails
        raise RuntimeError("renderer broke")

    return render


def _breaking_assembler(real: Any) -> Any:
    def assemble(sections: Iterable[Section], options: Any) -> Iterator[str]:
        pieces = real(sections, options)
        yield next(pieces)
        raise RuntimeError("renderer broke")

    return assemble


@pytest.mark.parametrize("existing", [None, OLD], ids=["new", "existing"])
@pytest.mark.parametrize("portfolio", [False, True], ids=["one-plan", "portfolio"])
@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_a_renderer_failing_midway_writes_nothing(
    plans: Path,
    reports: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: Format,
    portfolio: bool,
    existing: str | None,
) -> None:
    import importlib

    module = importlib.import_module(REGISTRY[(Document.REPORT, fmt)].module)
    if portfolio:
        monkeypatch.setattr(module, "assemble", _breaking_assembler(module.assemble))
    else:
        monkeypatch.setattr(module, "render", _breaking_renderer(module.render))
    target = reports / f"report{SUFFIX[fmt]}"
    if existing is not None:
        target.write_text(existing, "utf-8")
    code, out, err = invoke("audit", *_arguments(plans, portfolio), *AS_OF, "-o", target)
    assert (code, out) == (3, ""), err
    assert "internal error: RuntimeError: renderer broke" in err
    assert (target.read_text("utf-8") if target.exists() else None) == existing
    assert listing(reports) == ([] if existing is None else [target.name])


@pytest.mark.parametrize("existing", [None, OLD], ids=["new", "existing"])
@pytest.mark.parametrize("fmt", list(Format), ids=lambda f: f.value)
def test_one_invalid_plan_in_a_portfolio_means_no_report(
    plans: Path, reports: Path, fmt: Format, existing: str | None
) -> None:
    (plans / "broken.yaml").write_text(
        "journeycheck: 1\nproduct: Broken\nplaybook: mini-playbook.yaml\nlaunch: 2027-02-30\n",
        "utf-8",
    )
    target = reports / f"portfolio{SUFFIX[fmt]}"
    if existing is not None:
        target.write_text(existing, "utf-8")
    code, out, err = invoke("audit", plans, *AS_OF, "-o", target)
    assert (code, out) == (2, "")
    assert err.startswith(f"{plans / 'broken.yaml'}:4:9: launch: '2027-02-30' is not a real date")
    assert err.endswith(f"; {target} was not written\n")
    assert (target.read_text("utf-8") if target.exists() else None) == existing
    assert listing(reports) == ([] if existing is None else [target.name])


@pytest.mark.parametrize("portfolio", [False, True], ids=["one-plan", "portfolio"])
def test_a_full_disk_while_writing_keeps_the_old_report(
    plans: Path, reports: Path, monkeypatch: pytest.MonkeyPatch, portfolio: bool
) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        "journeycheck.output.os.fdopen",
        lambda *a, **k: HalfWrite(real_fdopen(*a, **k), OSError(28, "No space left on device")),
    )
    target = reports / "report.md"
    target.write_text(OLD, "utf-8")
    code, out, err = invoke("audit", *_arguments(plans, portfolio), *AS_OF, "-o", target)
    assert (code, out) == (2, "")
    assert err.endswith(f"error: {target}: cannot write: No space left on device\n")
    assert target.read_text("utf-8") == OLD
    assert listing(reports) == [target.name]


def test_init_writes_the_plan_and_its_schema_by_renames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    renames = _Renames(monkeypatch)
    code, _, err = invoke("init", "--product", "Acme", "--launch", "2027-03-01", "--no-input")
    assert code == 0, err
    schema = Path(".journeycheck", "customer-journey.plan.schema.json")
    # The plan first: linking it into place claims its name, so a concurrent init that
    # loses the race stops before touching the schema.
    assert [target for _, target, _ in renames.seen] == [
        tmp_path.resolve() / "launch-plan.yaml",
        tmp_path.resolve() / schema,
    ]
    for source, target, before in renames.seen:
        assert source.parent.resolve() == target.parent.resolve()
        assert before is None
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        ".journeycheck",
        str(schema),
        "launch-plan.yaml",
    ]


# -- destinations that are not plain files -----------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_a_report_through_a_symbolic_link_replaces_the_file_it_points_to(
    plans: Path, reports: Path
) -> None:
    shared = reports / "shared.md"
    shared.write_text(OLD, "utf-8")
    link = reports / "report.md"
    link.symlink_to(shared.name)
    code, _, err = invoke("audit", plans / "alpha.yaml", *AS_OF, "-o", link)
    assert code == 0, err
    assert link.is_symlink()
    assert shared.read_text("utf-8").startswith("# Acme Ledger — launch readiness")
    assert listing(reports) == ["report.md", "shared.md"]


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes")
@pytest.mark.parametrize("succeeds", [True, False], ids=["audited", "invalid"])
def test_a_report_into_a_named_pipe_is_written_into_it_and_only_on_success(
    plans: Path, reports: Path, succeeds: bool
) -> None:
    pipe = reports / "report.json"
    os.mkfifo(pipe)
    if not succeeds:
        (plans / "alpha.yaml").write_text("journeycheck: 1\nproduct: [\n", "utf-8")
    # A reader is waiting, so writing cannot block; with no writer it reads as empty.
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        code, _, err = invoke("audit", plans / "alpha.yaml", *AS_OF, "-o", pipe)
        received = b""
        while chunk := os.read(reader, 1 << 16):
            received += chunk
    finally:
        os.close(reader)
    assert pipe.is_fifo()  # still the pipe, not a file put in its place
    assert listing(reports) == ["report.json"]
    if succeeds:
        assert code == 0, err
        assert received.startswith(b'{\n  "schema": "journeycheck.audit/1"')
    else:
        assert (code, received) == (2, b"")


def test_an_output_that_is_a_folder_is_refused(plans: Path, reports: Path) -> None:
    code, out, err = invoke("audit", plans / "alpha.yaml", *AS_OF, "-o", reports)
    assert (code, out) == (2, "")
    assert "is a directory" in err
    assert listing(reports) == []


@pytest.mark.parametrize("portfolio", [False, True], ids=["one-plan", "portfolio"])
def test_a_report_may_not_overwrite_the_playbook_it_was_scored_with(
    plans: Path, portfolio: bool
) -> None:
    playbook = plans / "mini-playbook.yaml"
    before = playbook.read_bytes()
    named = [plans / "alpha.yaml", plans / "beta.yaml"] if portfolio else [plans / "alpha.yaml"]
    code, out, err = invoke("audit", *named, *AS_OF, "-f", "json", "-o", playbook)
    assert (code, out) == (2, "")
    what = "a playbook of these plans" if portfolio else "the playbook of the plan"
    assert err.endswith(f"error: --output {playbook}: that is {what}; choose another file\n")
    assert playbook.read_bytes() == before
    assert listing(plans) == ["alpha.yaml", "beta.yaml", "mini-playbook.yaml"]


def test_the_playbook_is_protected_when_only_a_worker_process_read_it(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first plan is audited in this process with the built-in playbook; only the
    # worker processes ever load the custom one, so their outcomes must name it.
    text = (plans / "alpha.yaml").read_text("utf-8")
    (plans / "alpha.yaml").write_text(
        text.replace("playbook: mini-playbook.yaml", "playbook: customer-journey").split(
            "answers:"
        )[0],
        "utf-8",
    )
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    playbook = plans / "mini-playbook.yaml"
    before = playbook.read_bytes()
    named = [plans / "alpha.yaml", plans / "beta.yaml"]
    code, out, err = invoke("audit", *named, *AS_OF, "-j", "2", "-f", "json", "-o", playbook)
    assert (code, out) == (2, ""), err
    assert "that is a playbook of these plans" in err
    assert playbook.read_bytes() == before


@pytest.mark.parametrize(
    "failing", ["journeycheck.workspace.render_plan", "journeycheck.schemas.plan_schema_for"]
)
@pytest.mark.parametrize("existing", [None, "my plan\n"], ids=["new", "forced-over-existing"])
def test_init_failing_midway_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, existing: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    if existing is not None:
        Path("launch-plan.yaml").write_text(existing, "utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("broken midway")

    monkeypatch.setattr(failing, broken)
    args = ["init", "--product", "Acme", "--launch", "2027-03-01", "--no-input", "--force"]
    code, out, err = invoke(*args)
    assert (code, out) == (3, "")
    assert "internal error: RuntimeError: broken midway" in err
    assert listing(tmp_path) == ([] if existing is None else ["launch-plan.yaml"])
    if existing is not None:
        assert Path("launch-plan.yaml").read_text("utf-8") == existing
