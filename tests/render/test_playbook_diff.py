"""The ``playbook diff`` renderers against golden files (``make golden`` regenerates)."""

from __future__ import annotations

import json

import pytest

from journeycheck.playbook_diff import diff
from journeycheck.render import Document, Format, RenderOptions, formats
from journeycheck.render import playbook_diff_renderer_for as diff_renderer_for
from tests.helpers import FIXTURES, assert_golden, mini_playbook, resolve

COMPANY = FIXTURES / "company"
SUFFIX = {Format.TERMINAL: "txt", Format.MARKDOWN: "md", Format.JSON: "json"}


@pytest.mark.parametrize("fmt", formats(Document.PLAYBOOK_DIFF))
def test_golden_company_playbook_against_its_root(fmt: Format) -> None:
    result = diff(mini_playbook(), resolve(COMPANY / "acme-emea.yaml").playbook)
    text = diff_renderer_for(fmt)(result, RenderOptions())
    assert_golden(f"diff-mini-acme-emea.{SUFFIX[fmt]}", text)


def test_golden_one_level_of_the_chain() -> None:
    old = resolve(COMPANY / "acme-launch.yaml").playbook
    new = resolve(COMPANY / "acme-emea.yaml").playbook
    text = diff_renderer_for(Format.TERMINAL)(diff(old, new), RenderOptions())
    assert_golden("diff-acme-launch-acme-emea.txt", text)


@pytest.mark.parametrize("fmt", formats(Document.PLAYBOOK_DIFF))
def test_no_differences_says_so(fmt: Format) -> None:
    text = diff_renderer_for(fmt)(diff(mini_playbook(), mini_playbook()), RenderOptions())
    if fmt is Format.JSON:
        data = json.loads(text)
        assert data["added"] == data["removed"] == data["renamed"] == data["changed"] == []
    else:
        assert "No differences" in text


def test_markdown_escapes_playbook_text() -> None:
    root = mini_playbook()
    questions = [
        q.model_copy(update={"ask": "Is the *EULA* | <b>published</b>?"})
        if q.id == "buy.legal.eula"
        else q
        for q in root.questions
    ]
    result = diff(root, root.model_copy(update={"questions": questions}))
    text = diff_renderer_for(Format.MARKDOWN)(result, RenderOptions())
    assert r'"Is the \*EULA\* \| &lt;b&gt;published&lt;/b&gt;?"' in text
    assert "<b>" not in text
