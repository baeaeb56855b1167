"""The built wheel, installed in a fresh virtual environment, runs an audit.

Playbooks and templates are package data in ``src/journeycheck/``, read with
``importlib.resources`` whether journeycheck is installed editable (from the
checkout) or from a wheel. An editable install hides data files missing from the
wheel; this test is what catches that. It builds the sdist, builds the wheel from
the sdist (so the sdist is proven to hold everything), installs the wheel in a
fresh virtual environment and runs every command that reads package data.

Slow: about 11 seconds on two idle cores (``pytest -m "not slow"`` leaves it out; the
run's last line says what it took).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str | Path, cwd: Path | None = None) -> str:
    completed = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


PIP_WHEEL = (
    sys.executable,
    "-m",
    "pip",
    "wheel",
    "--quiet",
    "--no-deps",
    "--no-build-isolation",
)


def package_data() -> list[str]:
    """The playbooks and templates in the checkout, relative to the package."""
    package = ROOT / "src" / "journeycheck"
    return sorted(
        path.relative_to(package).as_posix()
        for folder in ("playbooks", "templates")
        for path in (package / folder).iterdir()
        if path.is_file()
    )


def test_package_data_are_files_in_the_package_found_by_importlib_resources() -> None:
    """What the wheel test relies on, checked fast: real files where the code reads them."""
    from importlib import resources

    package = ROOT / "src" / "journeycheck"
    names = package_data()
    assert "playbooks/customer-journey.yaml" in names
    assert {"templates/report.md.j2", "templates/plan.yaml.j2"} <= set(names)
    for folder in ("playbooks", "templates"):
        assert not (package / folder).is_symlink(), folder
        assert not (ROOT / folder).exists(), f"{folder}/ is package data now"
    for name in names:
        found = resources.files("journeycheck").joinpath(*name.split("/"))
        assert found.read_bytes() == (package / name).read_bytes(), name


@pytest.mark.slow
def test_wheel_installs_and_audits(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build_sdist = "import sys; from hatchling.build import build_sdist; build_sdist(sys.argv[1])"
    run(sys.executable, "-c", build_sdist, dist, cwd=ROOT)
    sdist = next(dist.glob("journeycheck-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        in_sdist = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"src/journeycheck/{name}" for name in package_data()} <= in_sdist
    run(*PIP_WHEEL, "-w", dist, sdist)
    wheel = next(dist.glob("journeycheck-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"journeycheck/{name}" for name in package_data()} <= set(names)
    assert "journeycheck/playbooks/customer-journey.yaml" in names
    assert "journeycheck/templates/report.md.j2" in names
    assert not [n for n in names if n.startswith("tests/")]
    # The catalogues, compiled by the build hook from the .po files the sdist carries.
    catalogues = sorted((ROOT / "src" / "journeycheck" / "locale").glob("*/LC_MESSAGES/*.po"))
    assert catalogues
    for po in catalogues:
        relative = po.relative_to(ROOT / "src").with_suffix(".mo").as_posix()
        assert relative in names, relative

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    quiet = ("--quiet", "--disable-pip-version-check")
    # The locked versions first, so the test does not depend on today's releases; then
    # the wheel, and pip's word that its declared dependencies are all satisfied.
    lock = ROOT / "requirements" / "runtime.txt"
    run(python, "-m", "pip", "install", *quiet, "--require-hashes", "--no-deps", "-r", lock)
    run(python, "-m", "pip", "install", *quiet, "--no-deps", wheel)
    run(python, "-m", "pip", "check")

    # Run from an empty folder, so nothing from the checkout can be imported by accident.
    work = tmp_path / "elsewhere"
    work.mkdir()
    plan = work / "plan.yaml"
    plan.write_text((ROOT / "examples" / "ready-for-gate.yaml").read_text("utf-8"), "utf-8")
    out = run(
        env_dir / "bin" / "journeycheck",
        "audit",
        plan,
        "--as-of",
        "2027-01-15",
        "--format",
        "json",
        cwd=work,
    )
    assert json.loads(out)["playbook"]["id"] == "customer-journey"
    run(
        env_dir / "bin" / "journeycheck",
        "init",
        "new-plan.yaml",
        "--launch",
        "2027-03-01",
        "--no-input",
        cwd=work,
    )
    assert (work / ".journeycheck" / "customer-journey.plan.schema.json").is_file()
    fresh = run(env_dir / "bin" / "journeycheck", "audit", "new-plan.yaml", "-f", "json", cwd=work)
    korean = run(
        env_dir / "bin" / "journeycheck", "--lang", "ko", "upgrade", "new-plan.yaml", cwd=work
    )
    assert korean.startswith("바꿀 내용이 없습니다."), korean
    assert json.loads(fresh)["product"] == "elsewhere"
    checklist = run(
        env_dir / "bin" / "journeycheck",
        "playbook",
        "show",
        "customer-journey",
        "--format",
        "markdown",
        cwd=work,
    )
    assert checklist.startswith("# Customer journey launch readiness\n")
    assert "- [ ] " in checklist
    # The Markdown report reads its templates from the installed package.
    run(
        env_dir / "bin" / "journeycheck",
        "audit",
        plan,
        "--as-of",
        "2027-01-15",
        "-o",
        "r.md",
        cwd=work,
    )
    assert (work / "r.md").read_text("utf-8").startswith("# Fieldnote Forms — launch readiness")
    # So does the HTML report, and its style sheet.
    run(
        env_dir / "bin" / "journeycheck",
        "audit",
        plan,
        "--as-of",
        "2027-01-15",
        "-o",
        "r.html",
        cwd=work,
    )
    page = (work / "r.html").read_text("utf-8")
    assert "<title>Fieldnote Forms — launch readiness</title>" in page
    assert ".map .score {" in page and '<svg class="map"' in page
    version = run(python, "-m", "journeycheck", "--version", cwd=work)
    assert version.startswith("journeycheck ")
    location = run(python, "-c", "import journeycheck; print(journeycheck.__file__)", cwd=work)
    assert str(env_dir) in location
