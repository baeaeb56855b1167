"""Resource attacks through the real commands, and the YAML features people rely on.

An alias bomb and deep nesting are refused quickly and with little memory
(measured in a child process, with generous bounds: the point is "not
gigabytes, not minutes"); a file over the size limit is refused before a byte
of it is parsed; anchors and ``<<`` merge keys that share owner blocks work
end to end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journeycheck.reading import compose, source
from tests.helpers import invoke

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]

#: Runs the CLI in-process in a child and records its exit code, time and peak memory.
_MEASURED = """
import json, os, resource, sys, time
if os.environ.get("PURE_PYTHON_YAML"):
    import yaml
    del yaml.CSafeLoader
from journeycheck.cli import app
start = time.perf_counter()
try:
    app(sys.argv[1:], prog_name="journeycheck")
    code = 0
except SystemExit as exc:
    code = exc.code
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
with open(os.environ["MEASURED"], "w") as out:
    json.dump({"code": code, "seconds": time.perf_counter() - start, "peak": peak * scale}, out)
"""
MiB = 1024 * 1024


def measured(tmp_path: Path, *args: str | Path, loader: str = "libyaml") -> dict[str, Any]:
    """Run the CLI in a child process, with libyaml's loader or the pure-Python one."""
    record = tmp_path / "measured.json"
    env = {**os.environ, "MEASURED": str(record)}
    if loader == "pure-python":
        env["PURE_PYTHON_YAML"] = "1"
    completed = subprocess.run(
        [sys.executable, "-c", _MEASURED, *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(record.read_text("utf-8"))
    result["stderr"] = completed.stderr
    return result


def _laughs(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs": each level repeats the one before ``width`` times."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels + 1):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


BOMBS = {
    "alias-bomb": "journeycheck: 1\nproduct: Bomb\n" + _laughs(),
    "alias-bomb-of-mappings": (
        "journeycheck: 1\nanswers: &a0 {q0: {status: done}, q1: {status: done}}\n"
        + "".join(
            f"x{n}: &a{n} {{p: *a{n - 1}, q: *a{n - 1}, r: *a{n - 1}, s: *a{n - 1}}}\n"
            for n in range(1, 14)
        )
    ),
    "deep-flow-nesting": "journeycheck: 1\nproduct: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "deep-mapping-nesting": "journeycheck: 1\nproduct: " + "{a: " * 50_000 + "1" + "}" * 50_000,
    # Just under the size limit, far past libyaml's own nesting limit.
    "deep-nesting-filling-the-limit": "journeycheck: 1\nproduct: " + "[" * (source.MAX_BYTES - 64),
}
#: What each attack must be told, whichever loader PyYAML has.
REFUSALS = {
    "alias-bomb": "expands to more than 250,000 values",
    "alias-bomb-of-mappings": "expands to more than 250,000 values",
    "deep-flow-nesting": (
        f"2:{10 + compose.MAX_DEPTH - 1}: nested deeper than 64 levels; refusing it"
    ),
    "deep-mapping-nesting": (
        f"2:{10 + 4 * (compose.MAX_DEPTH - 1)}: nested deeper than 64 levels; refusing it"
    ),
    "deep-nesting-filling-the-limit": (
        f"2:{10 + compose.MAX_DEPTH - 1}: nested deeper than 64 levels; refusing it"
    ),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What auditing a small valid plan costs, for comparison."""
    folder = tmp_path_factory.mktemp("baseline")
    found = measured(folder, "audit", FIXTURES / "mini-plan.yaml", "--as-of", "2027-01-15")
    assert found["code"] == 0, found["stderr"]
    return found


@pytest.mark.skipif(sys.platform == "win32", reason="the resource module is POSIX")
@pytest.mark.parametrize("loader", ["libyaml", "pure-python"])
@pytest.mark.parametrize("command", ["audit", "playbook check"])
@pytest.mark.parametrize("bomb", list(BOMBS))
def test_a_resource_attack_is_refused_quickly_with_little_memory(
    tmp_path: Path, baseline: dict[str, Any], command: str, bomb: str, loader: str
) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(BOMBS[bomb], "utf-8")
    found = measured(tmp_path, *command.split(), hostile, loader=loader)
    assert found["code"] == 2, found["stderr"]
    [line] = found["stderr"].splitlines()
    assert line.startswith(f"{hostile}:")
    assert REFUSALS[bomb] in line, line
    assert found["seconds"] < 5, found  # generous: the point is "not minutes"
    assert found["peak"] - baseline["peak"] < 64 * MiB, (found, baseline)


def _refuse_to_read(*args: object, **kwargs: object) -> object:
    raise AssertionError("a file over the size limit was read or parsed")


class _RefusingLoader:
    def __init__(self, *args: object, **kwargs: object) -> None:
        _refuse_to_read()


@pytest.mark.parametrize("command", ["audit", "validate", "playbook check"])
def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    import yaml

    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:  # sparse: takes no disk space
        stream.truncate(source.MAX_BYTES + 1)
    # Every way the loader could read or parse the file fails the test.
    monkeypatch.setattr(source, "_read_bounded", _refuse_to_read)
    monkeypatch.setattr(compose, "_build", _refuse_to_read)
    monkeypatch.setattr(yaml, "CSafeLoader", _RefusingLoader, raising=False)
    monkeypatch.setattr(yaml, "SafeLoader", _RefusingLoader)
    code, out, err = invoke(*command.split(), big)
    assert (code, out) == (2, "")
    assert err == (
        f"{big}: is {source.MAX_BYTES + 1:,} bytes; journeycheck refuses files over "
        f"{source.MAX_BYTES:,} bytes (4 MiB) before reading them\n"
    )


def test_a_plan_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    plan = (FIXTURES / "mini-plan.yaml").read_bytes()
    filler = b"# " + b"x" * 78 + b"\n"
    padding = (source.MAX_BYTES - len(plan)) // len(filler)
    text = filler * padding + plan
    text = b"#" * (source.MAX_BYTES - len(text) - 1) + b"\n" + text
    assert len(text) == source.MAX_BYTES
    (tmp_path / "plan.yaml").write_bytes(text)
    (tmp_path / "mini-playbook.yaml").write_bytes((FIXTURES / "mini-playbook.yaml").read_bytes())
    code, _, err = invoke("validate", tmp_path / "plan.yaml")
    assert code == 0, err


def test_the_documented_limits_are_the_enforced_ones() -> None:
    errors = (ROOT / "docs" / "errors.md").read_text("utf-8")
    for limit in (f"{source.MAX_BYTES:,}", f"{compose.MAX_NODES:,}", f"{compose.MAX_DEPTH}"):
        assert limit in errors


# -- what people do with YAML on purpose ----------------------------------------------------

SHARED_OWNERS = """\
journeycheck: 1
product: Acme Ledger
playbook: mini-playbook.yaml
launch: 2027-03-01
gate: buy
answers:
  discover.marketing.message: &marketing
    status: done
    owner: Maria Petrova
  discover.legal.trademark: &legal
    status: partial
    owner: Ivo Legal
    due: 2027-01-10
  buy.legal.eula:
    <<: *legal
    status: not-started
  buy.marketing.partner-kit:
    <<: [*marketing, *legal]
    status: blocked
  use.support.sla: *marketing
"""


@pytest.mark.parametrize("command", ["audit", "validate"])
def test_anchors_and_merge_keys_sharing_owner_blocks_work_end_to_end(
    tmp_path: Path, command: str
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHARED_OWNERS, "utf-8")
    (tmp_path / "mini-playbook.yaml").write_bytes((FIXTURES / "mini-playbook.yaml").read_bytes())
    args = [command, str(plan)]
    if command == "audit":
        args += ["--as-of", "2027-01-15", "-f", "json", "--all"]
    code, out, err = invoke(*args)
    assert (code, err) == (0, "")
    if command == "validate":
        assert out == f"{plan}: ok\n"
        return
    gaps = {gap["question"]: gap for gap in json.loads(out)["gaps"]}
    # Merged keys fill in what the answer leaves out; its own keys win; the first merge wins.
    assert (gaps["buy.legal.eula"]["owner"], gaps["buy.legal.eula"]["status"]) == (
        "Ivo Legal",
        "not-started",
    )
    assert gaps["buy.legal.eula"]["due"] == "2027-01-10"
    kit = gaps["buy.marketing.partner-kit"]
    assert (kit["owner"], kit["status"], kit["due"]) == ("Maria Petrova", "blocked", "2027-01-10")
    assert "use.support.sla" not in gaps  # a plain alias: done, like the answer it repeats


def test_a_mistake_in_a_shared_block_is_reported_where_it_is_written(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SHARED_OWNERS.replace("status: partial", "status: finished"), "utf-8")
    (tmp_path / "mini-playbook.yaml").write_bytes((FIXTURES / "mini-playbook.yaml").read_bytes())
    code, _, err = invoke("validate", plan)
    assert code == 2
    # Once, at the anchor: the answers merging the block set a status of their own.
    assert err == (
        f"{plan}:11:13: status: 'finished' is not one of done, partial, not-started, blocked, n/a\n"
    )
