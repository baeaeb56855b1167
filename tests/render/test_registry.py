"""The format registry: every format is reachable, and the commands offer what it has."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import Any

import pytest
import typer

from journeycheck import render
from journeycheck.cli import app
from journeycheck.render import (
    INTERFACE,
    REGISTRY,
    Document,
    Format,
    format_choice,
    format_for_path,
    formats,
    module_for,
)
from tests.helpers import imported_by

FIXTURES = Path(__file__).parents[1] / "fixtures"

#: The command whose ``--format`` renders each document.
COMMANDS = {
    Document.REPORT: ("audit",),
    Document.CHECKLIST: ("playbook", "show"),
    Document.DIFF: ("diff",),
    Document.HISTORY: ("history",),
    Document.AGENDA: ("agenda",),
    Document.PLAYBOOK_DIFF: ("playbook", "diff"),
}

#: What a format's module must never load (docs/performance.md): JSON no Rich and no
#: Jinja, the terminal no Jinja, Markdown and HTML no Rich. A new format says what it
#: leaves out.
NOT_LOADED = {
    Format.TERMINAL: {"jinja2"},
    Format.MARKDOWN: {"rich"},
    Format.HTML: {"rich"},
    Format.JSON: {"rich", "jinja2"},
    Format.SARIF: {"rich", "jinja2"},
}


def test_every_format_is_rendered_for_some_document() -> None:
    unreachable = [fmt for fmt in Format if not any(fmt in formats(doc) for doc in Document)]
    assert unreachable == []


def test_every_document_has_formats_and_a_command() -> None:
    assert set(INTERFACE) == set(Document) == set(COMMANDS)
    for document in Document:
        assert Format.TERMINAL in formats(document)


@pytest.mark.parametrize("key", list(REGISTRY), ids=lambda key: f"{key[0].value}-{key[1].value}")
def test_every_entry_is_a_module_with_its_documents_interface(key: tuple[Document, Format]) -> None:
    document, fmt = key
    module = module_for(document, fmt)
    assert module.__name__ == REGISTRY[key].module
    for name in INTERFACE[document]:
        assert callable(getattr(module, name, None)), f"{module.__name__} has no {name}()"
    if document is Document.REPORT:
        assert callable(render.renderer_for(fmt))
        assert callable(render.assembler_for(fmt))
        assert callable(render.portfolio_renderer_for(fmt))
    elif document is Document.CHECKLIST:
        assert callable(render.checklist_renderer_for(fmt))
    elif document is Document.PLAYBOOK_DIFF:
        assert callable(render.playbook_diff_renderer_for(fmt))
    else:
        assert callable(render.review_renderer_for(document, fmt))


def _choices(document: Document) -> list[str]:
    command: Any = typer.main.get_command(app)
    for name in COMMANDS[document]:
        command = command.commands[name]
    (option,) = [param for param in command.params if "--format" in param.opts]
    return list(option.type.choices)


@pytest.mark.parametrize("document", list(Document), ids=lambda d: d.value)
def test_each_command_offers_exactly_the_formats_of_its_document(document: Document) -> None:
    assert _choices(document) == [fmt.value for fmt in formats(document)]


def test_one_entry_more_or_less_is_one_format_more_or_less(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delitem(REGISTRY, (Document.CHECKLIST, Format.JSON))
    assert formats(Document.CHECKLIST) == [Format.TERMINAL, Format.MARKDOWN]
    assert [member.value for member in format_choice(Document.CHECKLIST)] == [
        "terminal",
        "markdown",
    ]
    with pytest.raises(LookupError, match="renders no checklist in json"):
        module_for(Document.CHECKLIST, Format.JSON)


def test_a_choice_converts_to_its_format() -> None:
    for document in Document:
        for member in format_choice(document):
            assert Format(member) is Format[member.name]


def test_output_endings_imply_report_formats_each_at_most_once() -> None:
    endings = [
        suffix
        for (document, _), entry in REGISTRY.items()
        if document is Document.REPORT
        for suffix in entry.suffixes
    ]
    assert len(endings) == len(set(endings))
    assert all(suffix == suffix.lower() for suffix in endings)
    for (document, fmt), entry in REGISTRY.items():
        for suffix in entry.suffixes:
            assert document is Document.REPORT
            assert format_for_path(PurePath(f"report{suffix}")) is fmt
            assert format_for_path(PurePath(f"REPORT{suffix.upper()}")) is fmt
    assert format_for_path(PurePath("report.pdf")) is None


def test_every_format_says_what_it_must_not_load() -> None:
    assert set(NOT_LOADED) == set(Format)


def _run(document: Document, fmt: Format) -> tuple[str, ...]:
    plan = str(FIXTURES / "mini-plan.yaml")
    if document is Document.REPORT:
        return ("audit", plan, "--as-of", "2027-01-15", "-f", fmt.value)
    if document is Document.DIFF:
        return ("diff", plan, plan, "--as-of", "2027-01-15", "-f", fmt.value)
    if document is Document.HISTORY:
        # The project's own history of a file it has always had.
        return ("history", plan, "--until", "2027-01-15", "-f", fmt.value)
    if document is Document.AGENDA:
        return ("agenda", plan, "--as-of", "2027-01-15", "-f", fmt.value)
    if document is Document.PLAYBOOK_DIFF:
        mini = str(FIXTURES / "mini-playbook.yaml")
        return ("playbook", "diff", mini, mini, "-f", fmt.value)
    return ("playbook", "show", str(FIXTURES / "mini-playbook.yaml"), "-f", fmt.value)


@pytest.mark.parametrize("key", list(REGISTRY), ids=lambda key: f"{key[0].value}-{key[1].value}")
def test_each_format_imports_only_what_it_uses(key: tuple[Document, Format]) -> None:
    document, fmt = key
    modules = imported_by(*_run(document, fmt))
    assert "journeycheck" in modules
    assert not modules & NOT_LOADED[fmt], sorted(modules & NOT_LOADED[fmt])
