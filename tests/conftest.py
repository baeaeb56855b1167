"""Shared fixtures: a pinned terminal environment and the small test playbook.

Also a line at the end of every run that says how long the slow tests took (they
install journeycheck into fresh environments: a built wheel, pre-commit's hooks),
so that anyone who waits for ``make test`` knows where the time goes and that
``pytest -m "not slow"`` leaves them out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
AS_OF = dt.date(2027, 1, 15)

#: Variables that change how Rich draws; tests set them explicitly when they matter.
TERMINAL_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "CLICOLOR_FORCE")
#: Variables that choose journeycheck's language (journeycheck.i18n.choose).
LANGUAGE_VARIABLES = ("JOURNEYCHECK_LANG", "JOURNEYCHECK_ASCII", "LC_ALL", "LC_MESSAGES")


@pytest.fixture(autouse=True)
def _pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in TERMINAL_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("JOURNEYCHECK_DEBUG", raising=False)
    # English whatever the machine's locale, unless a test chooses a language itself.
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """journeycheck's cache (journeycheck.cache) empty for each test, and never the user's.

    Outside the test's own tmp_path, so a test listing its files does not see it.
    """
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("JOURNEYCHECK_NO_CACHE", raising=False)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with libyaml's loader and once with PyYAML's pure-Python one.

    journeycheck must answer alike whichever one the user's PyYAML has.
    """
    import yaml

    if request.param == "pure-python":
        monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    loader: str = request.param
    return loader


_slow_seconds: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if "slow" in report.keywords:
        _slow_seconds[report.nodeid] = _slow_seconds.get(report.nodeid, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _slow_seconds:
        return
    total = sum(_slow_seconds.values())
    each = ", ".join(
        f"{nodeid.rsplit('::', 1)[-1]} {seconds:.1f} s" for nodeid, seconds in _slow_seconds.items()
    )
    terminalreporter.write_line(
        f"slow tests: {total:.1f} s of this run ({each}); pytest -m 'not slow' leaves them out"
    )
