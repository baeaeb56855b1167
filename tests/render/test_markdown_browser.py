"""The Markdown report as GitHub shows it: cmark-gfm's HTML and Mermaid in headless Chromium.

Each example's report is turned into HTML by GitHub's own engine (cmark-gfm),
placed in a column as wide as GitHub's (1,012 pixels with 32 of padding) with
GitHub's table rules, and its Mermaid blocks are drawn by a local copy of
Mermaid's 10.x line, the one GitHub uses. The tests then read what the browser
made of it: every diagram drawn without an error and not shrunk to fit, no table
wider than the column, the done items folded away. ``make screenshots`` keeps a
picture of each in docs/screenshots/.

Skipped without Chromium, or without Mermaid (``$JOURNEYCHECK_MERMAID``, which
``.ci/run`` sets after installing the npm package into a temporary folder).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeycheck.changes import History
from journeycheck.render import Format, RenderOptions, portfolio_renderer_for
from journeycheck.render.markdown import render
from tests.browser import Browser, Session, chromium, find_chromium, find_mermaid
from tests.helpers import audit_plan
from tests.render.github import to_html

BINARY = find_chromium()
MERMAID = find_mermaid()
pytestmark = [
    pytest.mark.skipif(
        BINARY is None,
        reason="the browser test of the Markdown report needs Chromium, and none is on PATH "
        "(apt-get install chromium, or set CHROMIUM to a Chromium or Chrome binary)",
    ),
    pytest.mark.skipif(
        MERMAID is None,
        reason="the browser test of the Markdown report needs Mermaid's mermaid.min.js: "
        "npm install mermaid@10 into a folder and set JOURNEYCHECK_MERMAID to "
        "node_modules/mermaid/dist/mermaid.min.js (.ci/run does)",
    ),
]

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
AS_OF = dt.date(2027, 1, 15)
#: GitHub's column for a README or a wiki page, and its padding.
PAGE_WIDTH = 1012
#: Below this many pixels, a diagram's text is too small to read.
SMALLEST_TEXT = 11.0

#: What GitHub's style sheet does to the parts of a report (tables scroll rather than
#: overflow; text in GitHub's system fonts at 16 pixels).
GITHUB_CSS = """
body { margin: 0; background: #ffffff; }
.markdown-body { box-sizing: border-box; max-width: 1012px; margin: 0 auto; padding: 32px;
  font-family: -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  font-size: 16px; line-height: 1.5; color: #1f2328; overflow-wrap: break-word; }
.markdown-body table { display: block; width: max-content; max-width: 100%; overflow: auto;
  border-spacing: 0; border-collapse: collapse; margin: 0 0 16px; }
.markdown-body td, .markdown-body th { padding: 6px 13px; border: 1px solid #d1d9e0; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body h1, .markdown-body h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
.markdown-body code { font-size: 85%; background: rgba(129,139,152,.12); padding: .2em .4em;
  border-radius: 6px; }
.markdown-body img, .markdown-body svg { max-width: 100%; }
"""


def github_page(markdown: str) -> str:
    """``markdown`` as GitHub would show it, Mermaid blocks drawn by the local Mermaid."""
    assert MERMAID is not None
    body = to_html(markdown)

    def diagram(match: re.Match[str]) -> str:
        return f'<pre class="mermaid">{match.group(1)}</pre>'

    body = re.sub(r'<pre lang="mermaid"><code>(.*?)</code></pre>', diagram, body, flags=re.S)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<style>{GITHUB_CSS}</style>"
        f'<script src="{html.escape(MERMAID.resolve().as_uri())}"></script></head>'
        f'<body><article class="markdown-body">{body}</article><script>'
        "mermaid.initialize({startOnLoad: false});"
        "mermaid.run().then(() => { document.body.dataset.drawn = 'yes'; },"
        " (error) => { document.body.dataset.drawn = 'error: ' + error; });"
        "</script></body></html>"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert BINARY is not None
    with chromium(BINARY) as running:
        yield running


def keep(picture: Path) -> None:
    """Copy ``picture`` to ``$JOURNEYCHECK_SCREENSHOTS`` (``make screenshots``), if set."""
    folder = os.environ.get("JOURNEYCHECK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(picture, Path(folder) / f"markdown-{picture.name}")


#: For each diagram: its scale on the page, its smallest text in pixels and any error;
#: for each table: how much wider it is than the column.
PROBE = """
(() => {
  const diagrams = [...document.querySelectorAll('pre.mermaid')].map(pre => {
    const svg = pre.querySelector('svg');
    if (!svg) return {error: 'not drawn: ' + pre.textContent.slice(0, 80)};
    const shown = svg.getBoundingClientRect().width;
    const scale = shown / svg.viewBox.baseVal.width;
    const sizes = [...svg.querySelectorAll('text')]
      .filter(t => t.textContent.trim())
      .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
    return {
      error: /syntax error/i.test(svg.textContent) ? svg.textContent.slice(0, 200) : null,
      scale, smallest: Math.min(...sizes), width: shown,
    };
  });
  const tables = [...document.querySelectorAll('table')].map(
    t => t.scrollWidth - t.clientWidth);
  const details = [...document.querySelectorAll('details')].map(
    d => [d.querySelector('summary').textContent, d.open]);
  return JSON.stringify({diagrams, tables, details, height: document.body.scrollHeight});
})()
"""


def look(browser: Browser, page: Path, markdown: str) -> tuple[Session, dict[str, object]]:
    page.write_text(github_page(markdown), "utf-8")
    session = browser.open()
    session.load(page.resolve().as_uri(), width=PAGE_WIDTH, javascript=True)
    drawn = session.wait_until("document.body.dataset.drawn")
    assert drawn == "yes", drawn
    found: dict[str, object] = json.loads(session.evaluate(PROBE))
    assert session.log.console_errors == [] and session.log.exceptions == []
    return session, found


def assert_legible(found: dict[str, object]) -> None:
    diagrams = found["diagrams"]
    assert isinstance(diagrams, list) and diagrams, "no diagram was drawn"
    for diagram in diagrams:
        assert diagram["error"] is None, diagram["error"]
        assert diagram["scale"] >= 0.75, f"the diagram is shrunk to {diagram['scale']:.0%}"
        assert diagram["smallest"] >= SMALLEST_TEXT, diagram
    assert found["tables"] == [0] * len(found["tables"]), "a table scrolls sideways"  # type: ignore[arg-type]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_example_report_on_github(browser: Browser, tmp_path: Path, example: Path) -> None:
    result = audit_plan(example, AS_OF)
    markdown = render(result, RenderOptions())
    session, found = look(browser, tmp_path / f"{example.stem}.html", markdown)
    assert_legible(found)
    details = found["details"]
    assert isinstance(details, list)
    if result.done:
        assert [open_ for _, open_ in details] == [False], "done items are not folded away"
    picture = tmp_path / f"{example.stem}.png"
    session.screenshot(picture, width=PAGE_WIDTH, until="pre.mermaid")
    keep(picture)
    print(f"{example.stem}: {found['height']} px tall; {picture}")


def test_portfolio_report_on_github(browser: Browser, tmp_path: Path) -> None:
    results = [audit_plan(path, AS_OF) for path in EXAMPLES]
    markdown = "".join(portfolio_renderer_for(Format.MARKDOWN)(results, RenderOptions()))
    _, found = look(browser, tmp_path / "portfolio.html", markdown)
    assert_legible(found)
    assert len(found["diagrams"]) == len(results)  # type: ignore[arg-type]


def test_history_chart_on_github(browser: Browser, tmp_path: Path) -> None:
    """The history's xychart is drawn by GitHub's Mermaid, legibly, for a long history."""
    from journeycheck.render.history_markdown import render as render_history
    from tests.render.test_weekly import history_point

    points = [history_point(1 + n % 5, float(20 + n % 70)) for n in range(60)]
    history = History(
        plan="plans/launch-plan.yaml",
        repository="/repo",
        shallow=False,
        since=None,
        until=None,
        points=[
            p.model_copy(update={"date": AS_OF + dt.timedelta(days=n)})
            for n, p in enumerate(points)
        ],
    )
    _, found = look(browser, tmp_path / "history.html", render_history(history, RenderOptions()))
    diagrams = found["diagrams"]
    assert isinstance(diagrams, list) and len(diagrams) == 1
    (diagram,) = diagrams
    assert diagram["error"] is None, diagram["error"]
    assert diagram["scale"] >= 0.75, diagram
    assert diagram["smallest"] >= SMALLEST_TEXT, diagram
