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


def test_no_model_field_takes_its_default_from_a_built_in_class() -> None:
    """pydantic reads a default factory's signature as it builds a model; a built-in's is
    parsed from text with ``tokenize`` (journeycheck.models.empty_list says what it cost)."""
    import pkgutil
    from importlib import import_module

    from pydantic import BaseModel

    import journeycheck

    for info in pkgutil.walk_packages(journeycheck.__path__, "journeycheck."):
        if not info.name.endswith(".__main__"):  # which would run the program
            import_module(info.name)
    models: list[type[BaseModel]] = []
    waiting = [BaseModel]
    while waiting:
        for model in waiting.pop().__subclasses__():
            waiting.append(model)
            if model.__module__.startswith("journeycheck."):
                models.append(model)
    assert len(models) > 30
    built_in = [
        f"{model.__module__}.{model.__qualname__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if field.default_factory in (list, dict, set, frozenset, tuple)
    ]
    assert built_in == []
