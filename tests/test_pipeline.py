"""One plan file to its outcome: the one path audit, validate and the portfolio share."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from journeycheck.errors import InputError, UsageError
from journeycheck.paths import PlanFile
from journeycheck.pipeline import Audited, AuditSettings, Checked, Failed, Run, Skipped, process
from journeycheck.playbooks import PlaybookCache

FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = dt.date(2027, 1, 15)


def plan_text(product: str, playbook: str = "mini-playbook.yaml", extra: str = "") -> str:
    return f"journeycheck: 1\nproduct: {product}\nplaybook: {playbook}\nlaunch: 2027-03-01\n{extra}"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """Three plans naming the mini playbook, and one naming the built-in playbook."""
    shutil.copy(FIXTURES / "mini-playbook.yaml", tmp_path)
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(plan_text(name.upper()), "utf-8")
    (tmp_path / "builtin.yaml").write_text(plan_text("Built", "customer-journey"), "utf-8")
    return tmp_path


def test_without_settings_a_plan_is_checked_not_scored(plans: Path) -> None:
    outcome = process(PlanFile(plans / "a.yaml"), Run())
    assert outcome == Checked(str(plans / "a.yaml"), (plans / "mini-playbook.yaml").resolve())


def test_with_settings_a_plan_is_scored_narrowed_and_named(plans: Path) -> None:
    run = Run(settings=AuditSettings(as_of=AS_OF, teams=("legal",), phases=("buy",)))
    outcome = process(PlanFile(plans / "a.yaml"), run)
    assert isinstance(outcome, Audited)
    assert outcome.result.file == str(plans / "a.yaml")
    assert {gap.team for gap in outcome.result.gaps} == {"legal"}
    assert {phase.id for phase in outcome.result.phases} == {"buy"}
    assert outcome.playbook_file == (plans / "mini-playbook.yaml").resolve()


def test_a_file_found_in_a_folder_that_is_not_a_plan_is_skipped(plans: Path) -> None:
    outcome = process(PlanFile(plans / "mini-playbook.yaml", in_folder=True), Run())
    assert outcome == Skipped(str(plans / "mini-playbook.yaml"), "it is a playbook")


def test_problems_are_an_outcome_and_become_the_error_a_single_run_ends_with(
    plans: Path,
) -> None:
    (plans / "bad.yaml").write_text(plan_text("Bad", extra="gate: bye\n"), "utf-8")
    outcome = process(PlanFile(plans / "bad.yaml"), Run(settings=AuditSettings(as_of=AS_OF)))
    assert isinstance(outcome, Failed) and not outcome.refused_flag
    [problem] = outcome.problems
    assert (problem.code, problem.line) == ("JC302", 5)
    error = outcome.error()
    assert isinstance(error, InputError) and error.problems == [problem]


def test_a_flag_the_playbook_lacks_fails_the_plan_and_ends_a_single_run_as_usage(
    plans: Path,
) -> None:
    run = Run(settings=AuditSettings(as_of=AS_OF, teams=("legl",)))
    outcome = process(PlanFile(plans / "a.yaml"), run)
    assert isinstance(outcome, Failed) and outcome.refused_flag
    [problem] = outcome.problems
    assert (problem.file, problem.line, problem.code) == (str(plans / "a.yaml"), None, "JC405")
    error = outcome.error()
    assert type(error) is UsageError
    assert (error.code, str(error)) == ("JC405", problem.message)


def test_the_flags_are_checked_once_per_playbook(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = AuditSettings.check

    def counting(self: AuditSettings, playbook: object) -> None:
        checked.append(getattr(playbook, "id", ""))
        real(self, playbook)  # type: ignore[arg-type]

    monkeypatch.setattr(AuditSettings, "check", counting)
    run = Run(settings=AuditSettings(as_of=AS_OF, gate="buy"))
    outcomes = [process(PlanFile(plans / f"{n}.yaml"), run) for n in ("a", "builtin", "b", "c")]
    assert all(isinstance(outcome, Audited) for outcome in outcomes)
    assert checked == ["mini", "customer-journey"]


def test_a_refused_flag_is_remembered_for_every_plan_naming_that_playbook(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = AuditSettings.check

    def counting(self: AuditSettings, playbook: object) -> None:
        calls.append(getattr(playbook, "id", ""))
        real(self, playbook)  # type: ignore[arg-type]

    monkeypatch.setattr(AuditSettings, "check", counting)
    # "channels" is a phase of neither playbook; "use" is a phase of both.
    run = Run(settings=AuditSettings(as_of=AS_OF, phases=("use", "channels")))
    outcomes = [process(PlanFile(plans / f"{n}.yaml"), run) for n in ("a", "b", "builtin")]
    assert [o.refused_flag for o in outcomes if isinstance(o, Failed)] == [True, True, True]
    assert calls == ["mini", "customer-journey"]


def test_a_plans_playbook_reference_is_resolved_once(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolved: list[str] = []
    real = PlaybookCache.resolve

    def counting(self: PlaybookCache, reference: str, *args: object, **kwargs: object) -> object:
        resolved.append(reference)
        return real(self, reference, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(PlaybookCache, "resolve", counting)
    run = Run(settings=AuditSettings(as_of=AS_OF))
    for name in ("a", "b"):
        assert isinstance(process(PlanFile(plans / f"{name}.yaml"), run), Audited)
    assert resolved == ["mini-playbook.yaml", "mini-playbook.yaml"]


def test_what_was_alive_before_a_plan_is_kept_out_of_collections_while_it_is_audited(
    plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from journeycheck import pipeline

    before = gc.get_freeze_count()
    seen: list[int] = []
    load = pipeline.load

    def counted(*args: object) -> object:
        seen.append(gc.get_freeze_count())
        return load(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "load", counted)
    (plans / "broken.yaml").write_text("journeycheck: 1\nproduct: [\n", "utf-8")
    settings = AuditSettings(as_of=AS_OF)
    assert isinstance(process(PlanFile(plans / "a.yaml"), Run(settings=settings)), Audited)
    assert isinstance(process(PlanFile(plans / "broken.yaml"), Run()), Failed)
    assert len(seen) == 2 and min(seen) > before
    # Given back once the plan is done, even when reading it failed.
    assert gc.get_freeze_count() == before
    with pipeline.kept_out_of_collections():
        frozen = gc.get_freeze_count()
        process(PlanFile(plans / "b.yaml"), Run())
        # Inside a portfolio's freeze a plan neither freezes more nor gives it back.
        assert len(seen) == 3 and seen[-1] == frozen == gc.get_freeze_count()
    assert gc.get_freeze_count() == before


def test_the_young_objects_are_collected_in_larger_steps_only_inside_the_block() -> None:
    import gc

    from journeycheck import pipeline

    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 7, 9)
        with pipeline.kept_out_of_collections():
            assert gc.get_threshold() == (pipeline.YOUNG_COLLECTION, 7, 9)
            assert gc.isenabled()
            # Cycles made inside are still collected.
            cycle: list[object] = []
            cycle.append(cycle)
            del cycle
            assert gc.collect() >= 1
            with pipeline.kept_out_of_collections():
                assert gc.get_threshold() == (pipeline.YOUNG_COLLECTION, 7, 9)
            assert gc.get_threshold() == (pipeline.YOUNG_COLLECTION, 7, 9)
        assert gc.get_threshold() == (500, 7, 9)
        # A program that asked for larger steps keeps them.
        gc.set_threshold(50_000, 7, 9)
        with pipeline.kept_out_of_collections():
            assert gc.get_threshold() == (50_000, 7, 9)
        assert gc.get_threshold() == (50_000, 7, 9)
    finally:
        gc.set_threshold(*before)


def test_a_worker_keeps_its_older_objects_out_and_collects_in_larger_steps() -> None:
    import subprocess
    import sys

    code = (
        "import gc; from journeycheck import pipeline; before = gc.get_freeze_count(); "
        "pipeline.kept_out_for_good(); "
        "print(gc.get_freeze_count() > before, gc.get_threshold()[0] == pipeline.YOUNG_COLLECTION)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.split() == ["True", "True"]
