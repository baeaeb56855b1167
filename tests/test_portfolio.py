"""Many plans: which files are plans, and auditing them one at a time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import pytest

from journeycheck.checking import shape
from journeycheck.errors import Problem
from journeycheck.paths import PlanFile, expand
from journeycheck.pipeline import AuditSettings, Checked, Failed, Run, Skipped
from journeycheck.portfolio import Rendered, Sections, audit_each, worded
from journeycheck.render import Format, RenderOptions

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parents[1] / "examples"
SETTINGS = AuditSettings(as_of=dt.date(2027, 1, 15))
SECTIONS = Sections(Format.JSON, RenderOptions())


def plan_text(product: str, playbook: str = "mini-playbook.yaml") -> str:
    return f"journeycheck: 1\nproduct: {product}\nplaybook: {playbook}\nlaunch: 2027-03-01\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of plans with the kinds of other YAML files found next to them."""
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path / "mini-playbook.yaml")
    (tmp_path / "b.yaml").write_text(plan_text("Beta"), "utf-8")
    (tmp_path / "a.yml").write_text(plan_text("Alpha"), "utf-8")
    (tmp_path / "C.YAML").write_text(plan_text("Gamma"), "utf-8")
    (tmp_path / "workflow.yml").write_text("name: ci\non: push\njobs: {}\n", "utf-8")
    (tmp_path / "list.yaml").write_text("- just\n- a list\n", "utf-8")
    (tmp_path / ".hidden.yaml").write_text(plan_text("Hidden"), "utf-8")
    (tmp_path / "notes.txt").write_text(plan_text("Text"), "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deeper.yaml").write_text(plan_text("Deeper"), "utf-8")
    return tmp_path


def find_plans(arguments: list[Path]) -> list[PlanFile]:
    found = expand(arguments)
    assert all(isinstance(item, PlanFile) for item in found), found
    return [item for item in found if isinstance(item, PlanFile)]


def names(targets: list[PlanFile]) -> list[str]:
    return [target.path.name for target in targets]


def test_a_folder_contributes_its_yaml_files_sorted_by_name(folder: Path) -> None:
    targets = find_plans([folder])
    assert names(targets) == [
        "C.YAML",
        "a.yml",
        "b.yaml",
        "list.yaml",
        "mini-playbook.yaml",
        "workflow.yml",
    ]
    assert all(target.in_folder for target in targets)


def test_arguments_keep_their_order_and_each_file_is_audited_once(folder: Path) -> None:
    b, a = folder / "b.yaml", folder / "a.yml"
    targets = find_plans([b, a, folder, Path(str(folder) + "/./b.yaml")])
    assert names(targets)[:3] == ["b.yaml", "a.yml", "C.YAML"]
    assert names(targets).count("b.yaml") == 1
    assert [t.in_folder for t in targets[:3]] == [False, False, True]


def test_a_named_file_is_a_target_whatever_its_name(tmp_path: Path) -> None:
    assert find_plans([tmp_path / "plan.txt"]) == [PlanFile(tmp_path / "plan.txt")]


def test_a_folder_without_yaml_files_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("# hi\n", "utf-8")
    assert expand([tmp_path]) == [Problem(str(tmp_path), None, None, "JC017")]


def test_files_found_in_a_folder_that_are_not_plans_are_skipped(folder: Path) -> None:
    outcomes = list(audit_each(find_plans([folder]), Run(settings=SETTINGS), SECTIONS))
    by_name = {Path(o.file).name: o for o in outcomes}
    assert [type(by_name[n]) for n in ("C.YAML", "a.yml", "b.yaml")] == [Rendered] * 3
    assert by_name["workflow.yml"] == Skipped(
        str(folder / "workflow.yml"),
        "it cannot be read as a plan and has none of the keys a plan has",
    )
    assert isinstance(by_name["list.yaml"], Skipped)
    assert by_name["mini-playbook.yaml"] == Skipped(
        str(folder / "mini-playbook.yaml"), "it is a playbook"
    )


def test_what_the_first_plan_leaves_is_kept_out_of_collections_only_while_the_rest_run(
    folder: Path,
) -> None:
    import gc
    import types

    before = gc.get_freeze_count()
    outcomes = audit_each(find_plans([folder]), Run(settings=SETTINGS), SECTIONS)
    next(outcomes)
    next(outcomes)
    assert gc.get_freeze_count() > before
    rest = list(outcomes)
    assert rest and gc.get_freeze_count() == before
    stopped = audit_each(find_plans([folder]), Run(settings=SETTINGS), SECTIONS)
    assert isinstance(stopped, types.GeneratorType)
    next(stopped)
    next(stopped)
    stopped.close()  # a run stopped part way too
    assert gc.get_freeze_count() == before


def test_a_broken_plan_in_a_folder_is_reported_not_skipped(folder: Path) -> None:
    (folder / "broken.yaml").write_text(
        "journeycheck: 1\nproduct: [unclosed\nplaybook: mini-playbook.yaml\n", "utf-8"
    )
    (folder / "typo.yaml").write_text(plan_text("Typo") + "prodcut: x\n", "utf-8")
    (folder / "no-product.yaml").write_text(
        "journeycheck: 1\nplaybook: mini-playbook.yaml\nlaunch: 2027-03-01\n", "utf-8"
    )
    outcomes = {
        Path(o.file).name: o
        for o in audit_each(find_plans([folder]), Run(settings=SETTINGS), SECTIONS)
    }
    for name in ("broken.yaml", "typo.yaml", "no-product.yaml"):
        outcome = outcomes[name]
        assert isinstance(outcome, Failed), name
        assert all(problem.file == str(folder / name) for problem in outcome.problems)
    typo = outcomes["typo.yaml"]
    assert isinstance(typo, Failed)
    assert typo.problems[0].line == 5


def test_a_named_file_that_is_not_a_plan_is_reported(folder: Path) -> None:
    [outcome] = audit_each([PlanFile(folder / "workflow.yml")], Run(settings=SETTINGS), SECTIONS)
    assert isinstance(outcome, Failed)


def test_a_flag_the_playbook_cannot_satisfy_fails_that_plan_only(folder: Path) -> None:
    settings = AuditSettings(as_of=dt.date(2027, 1, 15), gate="byu")
    [outcome] = audit_each([PlanFile(folder / "a.yml")], Run(settings=settings), SECTIONS)
    assert isinstance(outcome, Failed)
    [problem] = outcome.problems
    assert (problem.file, problem.line) == (str(folder / "a.yml"), None)
    assert "--gate: unknown phase 'byu' (did you mean 'buy'?)" in problem.message


def test_outcomes_come_one_at_a_time_in_order(folder: Path) -> None:
    outcomes = audit_each(
        find_plans([folder / "b.yaml", folder / "a.yml"]), Run(settings=SETTINGS), SECTIONS
    )
    first = next(outcomes)
    assert isinstance(first, Rendered)
    assert (first.section.row.product, first.section.row.file) == ("Beta", str(folder / "b.yaml"))
    second = next(outcomes)
    assert isinstance(second, Rendered)
    assert second.section.row.product == "Alpha"


def test_the_playbook_is_parsed_and_validated_once_per_run(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = shape.validate_playbook

    def counting(doc: object) -> object:
        calls.append(str(getattr(doc, "file", "")))
        return original(doc)  # type: ignore[arg-type]

    monkeypatch.setattr("journeycheck.checking.shape.validate_playbook", counting)
    for n in range(20):
        (folder / f"extra-{n:02}.yaml").write_text(plan_text(f"Extra {n}"), "utf-8")
    outcomes = list(audit_each(find_plans([folder]), Run(settings=SETTINGS), SECTIONS))
    assert sum(isinstance(o, Rendered) for o in outcomes) == 23
    assert calls == [str(folder / "mini-playbook.yaml")]


def test_problems_in_a_shared_playbook_are_reported_against_the_playbook(tmp_path: Path) -> None:
    (tmp_path / "bad-playbook.yaml").write_text("journeycheck: 1\nid: Bad Id\n", "utf-8")
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text(plan_text("P", "bad-playbook.yaml"), "utf-8")
    targets = [PlanFile(tmp_path / "one.yaml"), PlanFile(tmp_path / "two.yaml")]
    outcomes = list(audit_each(targets, Run(settings=SETTINGS), SECTIONS))
    assert all(isinstance(o, Failed) for o in outcomes)
    files = {p.file for o in outcomes if isinstance(o, Failed) for p in o.problems}
    assert files == {str(tmp_path / "bad-playbook.yaml")}


def test_worker_processes_give_the_same_outcomes_in_the_same_order(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(12):
        (folder / f"extra-{n:02}.yaml").write_text(plan_text(f"Extra {n}"), "utf-8")
    (folder / "broken.yaml").write_text("journeycheck: 1\nproduct: [\n", "utf-8")
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    files = find_plans([folder])
    alone = list(audit_each(files, Run(settings=SETTINGS), SECTIONS, jobs=1))
    pooled = list(audit_each(files, Run(settings=SETTINGS), SECTIONS, jobs=2))
    assert [as_text(o) for o in pooled] == alone
    assert [type(o) for o in pooled].count(Rendered) == 15
    assert any(isinstance(o, Failed) for o in pooled)
    # JSON came from the workers as UTF-8, to be written out as it came; the first plan,
    # audited in this process, and every plan of a run without workers, as text.
    texts = [type(o.section.text) for o in pooled if isinstance(o, Rendered)]
    assert texts[0] is str and set(texts[1:]) == {bytes}
    assert {type(o.section.text) for o in alone if isinstance(o, Rendered)} == {str}


def test_only_json_travels_as_bytes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(4):
        (folder / f"extra-{n:02}.yaml").write_text(plan_text(f"Extra {n}"), "utf-8")
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    files = find_plans([folder])
    markdown = Sections(Format.MARKDOWN, RenderOptions())
    pooled = list(audit_each(files, Run(settings=SETTINGS), markdown, jobs=2))
    assert {type(o.section.text) for o in pooled if isinstance(o, Rendered)} == {str}


def as_text(outcome: object) -> object:
    """An outcome with its section as text, however it travelled."""
    from journeycheck.render import Section

    if not isinstance(outcome, Rendered):
        return outcome
    return outcome._replace(section=Section(outcome.section.row, outcome.section.as_text()))


def test_checking_in_worker_processes_gives_the_same_outcomes(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(12):
        (folder / f"extra-{n:02}.yaml").write_text(plan_text(f"Extra {n}"), "utf-8")
    (folder / "broken.yaml").write_text("journeycheck: 1\nproduct: [\n", "utf-8")
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    files = find_plans([folder])
    today = dt.date(2027, 1, 15)
    alone = list(audit_each(files, Run(warnings_as_of=today), None, jobs=1))
    pooled = list(audit_each(files, Run(warnings_as_of=today), None, jobs=2))
    assert pooled == alone
    assert [type(o) for o in pooled].count(Checked) == 15
    assert any(isinstance(o, Failed) for o in pooled)
    assert any(isinstance(o, Skipped) for o in pooled)


def test_a_worker_sends_a_checked_plans_warnings_as_the_lines_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(4):
        shutil.copy(EXAMPLES / "saas-halfway.yaml", tmp_path / f"plan-{n}.yaml")
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    files = find_plans([tmp_path])
    today = dt.date(2027, 1, 15)
    alone = list(audit_each(files, Run(warnings_as_of=today), None, jobs=1))
    pooled = list(audit_each(files, Run(warnings_as_of=today), None, jobs=2))
    assert all(isinstance(o, Checked) and o.warnings for o in alone + pooled)
    assert [worded(o) for o in pooled] == [worded(o) for o in alone]
    # The first plan is checked in this process, before the workers start.
    kinds = [{type(w) for w in cast(Checked, o).warnings} for o in pooled]
    assert kinds == [{Problem}] + [{str}] * 3


@pytest.mark.parametrize(
    ("count", "size", "window"), [(1, 1, 1), (7, 3, 2), (40, 8, 8), (5, 8, 4), (100, 2, 3)]
)
def test_batches_come_back_in_order_with_few_given_out_ahead(
    count: int, size: int, window: int
) -> None:
    """A reader slower than the workers holds a few batches in memory, never every plan."""
    from concurrent.futures import Future

    from journeycheck import portfolio

    names = [f"plan-{n}" for n in range(count)]
    read: list[str] = []
    submitted = [0]

    class InlinePool:
        def submit(self, audit: object, batch: list[str]) -> Future[list[str]]:
            # Batches given out, less those read to the end: the one being read, and ahead.
            assert submitted[0] - len(read) // size <= window
            submitted[0] += 1
            done: Future[list[str]] = Future()
            done.set_result([f"audited {name}" for name in batch])
            return done

    files: Any = names  # names stand for the files: the pool here only echoes them
    told: list[int] = []
    for outcome in portfolio.in_order(
        InlinePool(), files, size, window, last=lambda: told.append(len(read))
    ):
        read.append(cast(str, outcome))
    assert read == [f"audited {name}" for name in names]
    assert submitted[0] == -(-count // size)
    # Told once, when the last batch came back and before any of it was read.
    assert told == [(-(-count // size) - 1) * size]


def test_workers_are_let_go_once_the_last_outcome_is_in(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """validate takes exactly one outcome a file and never asks for more: the workers
    must not wait, alive, until the generator is collected (and then be killed)."""
    import multiprocessing

    for n in range(12):
        (folder / f"extra-{n:02}.yaml").write_text(plan_text(f"Extra {n}"), "utf-8")
    monkeypatch.setattr("journeycheck.portfolio.POOL_FROM", 2)
    files = find_plans([folder])
    outcomes = audit_each(files, Run(warnings_as_of=dt.date(2027, 1, 15)), None, jobs=2)
    taken = [next(outcomes) for _ in files]
    assert len(taken) == len(files)
    assert multiprocessing.active_children() == []
    assert next(outcomes, None) is None


def test_the_pipe_the_workers_answer_through_takes_a_batch_at_once() -> None:
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    from journeycheck import portfolio

    portfolio.widen_results_pipe(object())  # nothing to widen: left as it is
    if (
        not sys.platform.startswith("linux")
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        pytest.skip("pipe capacities are set this way on Linux only")
    import fcntl

    limit = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    if limit < portfolio.RESULTS_PIPE_BYTES:
        pytest.skip(f"this machine allows pipes of {limit} bytes at most")
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        portfolio.widen_results_pipe(pool)
        reader = pool._result_queue._reader  # type: ignore[attr-defined]
        size = fcntl.fcntl(reader.fileno(), portfolio.F_GETPIPE_SZ)
        assert size >= portfolio.RESULTS_PIPE_BYTES
    finally:
        pool.shutdown()


_BATCHES = """
import pickle, resource, sys
from journeycheck import portfolio
if sys.argv[1] == "steady":
    portfolio.steady_heap()
sections = [bytes([65 + n]) * 120_000 for n in range(8)]  # a batch of JSON sections
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(100):
    data = pickle.dumps(sections)
    back = pickle.loads(data)
    del data, back
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not hasattr(os, "confstr"),
    reason="mallopt is glibc's; elsewhere steady_heap does nothing",
)
def test_a_pools_processes_keep_a_batchs_pages_from_one_batch_to_the_next() -> None:
    # Page faults, not time: each batch's pickle (~1 MB) faulted its pages in afresh.
    try:
        os.confstr("CS_GNU_LIBC_VERSION")
    except ValueError:
        pytest.skip("not glibc: steady_heap does nothing here")

    def faults(mode: str) -> int:
        done = subprocess.run(
            [sys.executable, "-c", _BATCHES, mode], capture_output=True, text=True, check=True
        )
        return int(done.stdout)

    plain, steady = faults("plain"), faults("steady")
    assert plain > 10_000  # 256 pages a pickle, and as many again to read it
    assert steady < plain / 10
