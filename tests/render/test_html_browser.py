"""The HTML report in a real browser: headless Chromium loads each example page.

Each page is loaded with JavaScript off, at 1,024 CSS pixels, then captured as a
PNG and printed to A4 and Letter PDFs. The tests read what the browser made of
the page: the map's cells, what text overflows its box, every request the page
caused and every error it logged. ``make screenshots`` keeps the pictures in
docs/screenshots/ (``JOURNEYCHECK_SCREENSHOTS``); otherwise they stay in
pytest's temporary folder, named in the output of ``pytest -s``.

Without Chromium on PATH (or in ``$CHROMIUM``) the tests are skipped, and say so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeycheck.render import RenderOptions, Section
from journeycheck.render.html import assemble, render, render_section
from journeycheck.result import AuditResult, PlanSummary
from tests.browser import Browser, Session, chromium, find_chromium, pdf_destinations, pdf_pages
from tests.helpers import audit_plan

BINARY = find_chromium()
pytestmark = pytest.mark.skipif(
    BINARY is None,
    reason="the browser test of the HTML report needs Chromium, and none is on PATH "
    "(apt-get install chromium, or set CHROMIUM to a Chromium or Chrome binary)",
)

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "plan.yaml"
AS_OF = dt.date(2027, 1, 15)
WIDTH = 1024
#: The paper sizes to print on, in inches.
PAPERS = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert BINARY is not None
    with chromium(BINARY) as running:
        yield running


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


def keep(picture: Path) -> None:
    """Copy ``picture`` to ``$JOURNEYCHECK_SCREENSHOTS`` (``make screenshots``), if set."""
    folder = os.environ.get("JOURNEYCHECK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(picture, Path(folder) / f"html-{picture.name}")


def audited(path: Path) -> AuditResult:
    return audit_plan(path, AS_OF)


def load(browser: Browser, page: Path) -> Session:
    session = browser.open()
    session.load(page.resolve().as_uri(), width=WIDTH, javascript=False)
    return session


def assert_loaded_nothing_and_logged_no_error(session: Session, page: Path) -> None:
    log = session.log
    assert log.requests == [page.resolve().as_uri()], "the page fetched something"
    assert log.console_errors == []
    assert log.exceptions == []
    assert log.log_errors == []  # a load the policy blocked would be logged here
    assert session.evaluate("document.scripts.length") == 0


#: The map's cells, and whether any text in the drawing spills out of its box.
MAP_PROBE = """
(() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.map')) {
    const cells = [...svg.querySelectorAll('g.cell')].map(g => [g.dataset.phase, g.dataset.team]);
    const spills = [];
    for (const g of svg.querySelectorAll('g.cell')) {
      const box = g.querySelector('rect').getBBox();
      for (const t of g.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.x < box.x || b.x + b.width > box.x + box.width + 0.5) spills.push(t.textContent);
      }
    }
    const lanes = svg.querySelector('g.cell rect, rect.no-questions');
    const left = lanes ? lanes.getBBox().x : Infinity;
    for (const t of svg.querySelectorAll('text.team')) {
      const b = t.getBBox();
      if (b.x + b.width > left) spills.push(t.textContent);
    }
    const starts = [...svg.querySelectorAll('text.phase')].map(t => t.getBBox().x);
    const titles = [...svg.querySelectorAll('text.phase-title')];
    titles.forEach((t, i) => {
      const b = t.getBBox();
      const end = i + 1 < starts.length ? starts[i + 1] - 8 : svg.viewBox.baseVal.width;
      if (b.x + b.width > end) spills.push(t.textContent);
    });
    out.push({cells, empty: svg.querySelectorAll('rect.no-questions').length - 1, spills});
  }
  return JSON.stringify(out);
})()
"""


def map_probe(session: Session) -> list[dict[str, object]]:
    found: list[dict[str, object]] = json.loads(session.evaluate(MAP_PROBE))
    return found


def assert_maps_match(session: Session, results: list[AuditResult]) -> None:
    maps = map_probe(session)
    assert len(maps) == len(results)
    for drawn, result in zip(maps, results, strict=True):
        expected = sorted([cell.phase, cell.team] for cell in result.cells)
        assert sorted(drawn["cells"]) == expected  # type: ignore[call-overload]
        assert drawn["empty"] == len(result.phases) * len(result.teams) - len(result.cells)
        assert drawn["spills"] == [], "text spills out of its box in the map"


def save_pictures(session: Session, out: Path, name: str, until: str) -> dict[str, bytes]:
    """A PNG of the page's top, down to ``until``, and the whole page printed on each paper."""
    session.screenshot(out / f"{name}.png", width=WIDTH, until=until)
    keep(out / f"{name}.png")
    pdfs = {
        paper: session.pdf(out / f"{name}-{paper}.pdf", paper=size)
        for paper, size in PAPERS.items()
    }
    for paper, content in pdfs.items():
        assert content.startswith(b"%PDF-"), paper
        assert len(pdf_pages(content)) >= 1
    print(f"{name}: {out / name}.png and .pdf")
    return pdfs


def first_page_holds_verdict_and_map(pdf: bytes, ident: str = "plan") -> bool:
    """Whether the plan's first printed page has its verdict and its whole map.

    The page's contents line links to each section, so Chromium writes a named
    destination for each: the map must be on the plan's first page (page one of
    a single plan's report), the next section on the page after. The map cannot
    be split (``break-inside: avoid``), so had it not fitted it would have moved
    to the next page and pushed the next section one page further.
    """
    found = pdf_destinations(pdf)
    first = found.get(ident, 0)
    return found[f"{ident}-map"] == first and found[f"{ident}-phases"] == first + 1


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_example_page_in_chromium(browser: Browser, out: Path, example: Path) -> None:
    result = audited(example)
    page = out / f"{example.stem}.html"
    page.write_text(render(result, RenderOptions()), "utf-8")
    session = load(browser, page)
    assert_loaded_nothing_and_logged_no_error(session, page)
    assert_maps_match(session, [result])
    pdfs = save_pictures(session, out, example.stem, until="section.phase-scores")
    for paper, pdf in pdfs.items():
        assert first_page_holds_verdict_and_map(pdf), paper
    # The verdict, the gate score and the reasons are text on the page, not only colour.
    shown = session.evaluate("document.querySelector('section.verdict').innerText")
    assert {"go": "GO", "at-risk": "AT RISK", "no-go": "NO-GO"}[result.verdict] in shown
    assert f"{result.score:.1f}" in shown
    assert len(pdfs) == 2


def test_portfolio_page_in_chromium(browser: Browser, out: Path) -> None:
    results = [audited(path) for path in EXAMPLES]
    sections = [Section(PlanSummary.of(r), render_section(r, RenderOptions())) for r in results]
    page = out / "portfolio.html"
    page.write_text("".join(assemble(sections, RenderOptions())), "utf-8")
    session = load(browser, page)
    assert_loaded_nothing_and_logged_no_error(session, page)
    assert_maps_match(session, results)
    links = session.evaluate("[...document.querySelectorAll('table.plans a')].map(a => a.hash)")
    targets = session.evaluate(
        "[...document.querySelectorAll('article.plan')].map(a => '#' + a.id)"
    )
    # The table is sorted worst first; the plans follow in the order they were given.
    assert sorted(links) == sorted(targets) and len(links) == len(results)
    pdfs = save_pictures(session, out, "portfolio", until="article.plan section.journey")
    for paper, pdf in pdfs.items():
        idents = [target.lstrip("#") for target in targets]
        for ident in idents:
            assert first_page_holds_verdict_and_map(pdf, ident), (paper, ident)
        # Each plan starts a page of its own.
        assert len({pdf_destinations(pdf)[ident] for ident in idents}) == len(idents)


HOSTILE_PROBE = """
(() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap(
    e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => a.name));
  const hrefs = [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'));
  return JSON.stringify({
    tags: [...new Set(all.map(e => e.localName))].sort(),
    handlers,
    hrefs,
    svgs: document.querySelectorAll('svg').length,
    cellsInMap: document.querySelectorAll('svg.map g.cell').length,
  });
})()
"""


def test_hostile_plan_in_chromium(browser: Browser, out: Path) -> None:
    result = audited(HOSTILE)
    page = out / "hostile.html"
    page.write_text(render(result, RenderOptions()), "utf-8")
    session = load(browser, page)
    assert_loaded_nothing_and_logged_no_error(session, page)
    found = json.loads(session.evaluate(HOSTILE_PROBE))
    assert not set(found["tags"]) & {"script", "img", "iframe", "em", "b", "team", "object"}
    assert found["handlers"] == []
    assert all(href.startswith(("http://", "https://", "mailto:", "#")) for href in found["hrefs"])
    assert found["svgs"] == 2
    assert found["cellsInMap"] == len(result.cells)
    text = session.evaluate("document.body.innerText")
    assert '<script>alert("x")</script>' in text  # shown as written
    assert "javascript:alert(1)" in text
    # The DOM as the browser serialises it (what --dump-dom prints) has no markup from the plan.
    dom = session.dom()
    assert "<script" not in dom and "onerror=" not in dom.replace("onerror=alert(1)&gt;", "")


def test_bidi_override_does_not_leak_in_chromium(browser: Browser, out: Path) -> None:
    result = audited(EXAMPLES[0])
    evil = "\u202eevil"
    twisted = result.model_copy(
        update={
            "product": result.product + evil,
            "gaps": [g.model_copy(update={"owner": evil}) for g in result.gaps],
        }
    )
    page = out / "bidi.html"
    page.write_text(render(twisted, RenderOptions()), "utf-8")
    session = load(browser, page)
    # Every text node with an override sits in an element that isolates it.
    leaks = session.evaluate(
        """(() => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const leaks = [];
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!n.data.includes('\\u202e')) continue;
            let e = n.parentElement, ok = false;
            for (; e && e !== document.body; e = e.parentElement) {
              const bidi = getComputedStyle(e).unicodeBidi;
              if (bidi === 'isolate' || bidi === 'isolate-override' || e.localName === 'bdi') {
                ok = true;
                break;
              }
            }
            if (!ok) leaks.push(n.parentElement.outerHTML.slice(0, 120));
          }
          return leaks;
        })()"""
    )
    assert leaks == []


@pytest.mark.parametrize("lang", ["bg", "ko"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_translated_page_in_chromium(browser: Browser, out: Path, example: Path, lang: str) -> None:
    """The page in Bulgarian and Korean: it loads nothing, no label spills out of the map's
    boxes (a Hangul syllable is about twice as wide as a Latin letter), the verdict is in
    the page's language, and a picture of the top of the page is kept to look at."""
    from journeycheck import i18n
    from journeycheck.render import Format, renderer_for
    from journeycheck.render.html import verdict_headline

    with i18n.language(lang):  # the playbook in the page's language, as --lang gives it
        result = audited(example)
    page = out / f"{example.stem}-{lang}.html"
    page.write_text(renderer_for(Format.HTML)(result, RenderOptions(lang=lang)), "utf-8")
    session = load(browser, page)
    assert_loaded_nothing_and_logged_no_error(session, page)
    assert_maps_match(session, [result])
    assert session.evaluate("document.documentElement.lang") == lang
    shown = session.evaluate("document.querySelector('section.verdict').innerText")
    with i18n.language(lang):
        assert verdict_headline(result.verdict) in shown
    session.screenshot(
        out / f"{example.stem}-{lang}.png", width=WIDTH, until="section.phase-scores"
    )
    keep(out / f"{example.stem}-{lang}.png")
    print(f"{example.stem} ({lang}): {out / example.stem}-{lang}.png")
