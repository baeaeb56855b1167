"""Start-up stays light: the commands that answer at once import no heavy library.

Read from ``python -X importtime`` in a subprocess, so nothing a test imported
before can hide an import. ruff's banned-module-level-imports keeps new code from
importing these libraries at the top of a module (pyproject.toml).
"""

from __future__ import annotations

import pytest

from tests.helpers import imported_by

HEAVY = {"pydantic", "yaml", "rich", "jinja2", "babel"}


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["audit", "--help"],
        ["init", "--help"],
        ["playbook", "show", "--help"],
        ["audit"],  # a missing argument
        ["audit", "plan.yaml", "--format", "pdf"],  # a bad choice
        ["audit", "plan.yaml", "--as-of", "someday"],  # a bad date
        ["frobnicate"],  # no such command
    ],
    ids=lambda args: " ".join(args),
)
def test_quick_answers_import_no_heavy_library(args: list[str]) -> None:
    modules = imported_by(*args, codes=(0, 2))
    assert "journeycheck" in modules
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_the_cli_imports_only_the_commands_and_the_error_types() -> None:
    """cli.py declares and dispatches; everything else is reached through a command."""
    import ast
    from pathlib import Path

    import journeycheck.cli

    tree = ast.parse(Path(journeycheck.cli.__file__).read_text("utf-8"))
    imported = {
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("journeycheck")
    }
    imported |= {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith("journeycheck")
    }
    allowed = {"journeycheck", "journeycheck.errors"}
    assert {
        m for m in imported if m not in allowed and not m.startswith("journeycheck.commands")
    } == set()
