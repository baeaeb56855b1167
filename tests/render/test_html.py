"""The HTML report: goldens, a page that loads nothing, and text that never becomes markup."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck import __version__
from journeycheck.models import Plan
from journeycheck.render import RenderOptions, Section, svg
from journeycheck.render import html as html_report
from journeycheck.render.html import assemble, plan_ident, render, render_section, safe_href
from journeycheck.render.svg import attr, band, journey_map, text, wrap
from journeycheck.result import AuditResult, PlanSummary
from journeycheck.score import audit
from tests.helpers import assert_golden, audit_plan, make_plan, mini_playbook
from tests.test_properties import plans

EXAMPLES = Path(__file__).parents[2] / "examples"
HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile" / "plan.yaml"
AS_OF = dt.date(2027, 1, 15)

#: Text that tries every way into HTML and SVG markup: tags, attributes, the end of
#: the drawing, script addresses and a right-to-left override that is never closed.
NASTY = (
    "<script>alert(1)</script> \" onmouseover=\"alert(2)\" ' onfocus='x' </svg></text>"
    " <img src=x onerror=alert(3)> &amp; &#60;b&#62; \u202eevil\u2066"
)


def pinned(text: str) -> str:
    """The page with the version replaced, so a release does not change the goldens."""
    return text.replace(f"journeycheck {__version__}", "journeycheck VERSION")


@pytest.fixture
def result() -> AuditResult:
    answers = {
        "discover.marketing.message": {
            "status": "done",
            "owner": "Maria Petrova",
            "evidence": "https://wiki.example.com/message",
        },
        "discover.legal.trademark": {
            "status": "done",
            "owner": "Ivo Legal",
            "note": "Cleared in the EU; US filing pending.",
        },
        "buy.legal.eula": {"status": "partial", "owner": "Ivo Legal", "due": "2027-01-10"},
        "buy.marketing.partner-kit": {
            "status": "blocked",
            "evidence": "https://wiki.example.com/partner_kit",
        },
        "use.support.sla": {
            "status": "blocked",
            "waiver": {
                "reason": "Pilot only",
                "approver": "VP Support",
                "expires": "2027-06-30",
                "risk_accepted": "Customers wait",
            },
        },
        "use.support.community": {"status": "partial", "note": "Forum vendor chosen."},
    }
    plan = make_plan(answers, gate="buy", product="Acme Ledger")
    found = audit(mini_playbook(), plan, AS_OF)
    return found.model_copy(update={"file": "plans/acme.yaml"})


def portfolio(results: list[AuditResult], options: RenderOptions) -> str:
    sections = [
        Section(PlanSummary.of(r), "" if options.summary else render_section(r, options))
        for r in results
    ]
    return "".join(assemble(sections, options))


class Elements(HTMLParser):
    """Every element of a page, in order, with its attributes; and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []
        self.texts: list[tuple[tuple[str, ...], str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.texts.append((tuple(self.open), data))


VOID = {"meta", "br", "col", "rect", "line", "path", "img", "input", "link"}


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    assert parser.open == [], parser.open
    return parser


def shape(page: str) -> list[tuple[str, tuple[str, ...]]]:
    """The page's elements and their attribute names: what markup there is, not what it says."""
    return [(tag, tuple(sorted(attrs))) for tag, attrs in parse(page).elements]


# -- goldens --------------------------------------------------------------------------------


def test_golden_html(result: AuditResult) -> None:
    assert_golden("html-mini.html", pinned(render(result, RenderOptions())))


def test_golden_html_portfolio(result: AuditResult) -> None:
    second = audit(mini_playbook(), make_plan({}, product="Beta"), AS_OF)
    second = second.model_copy(update={"file": "plans/beta.yaml"})
    text = portfolio([result, second], RenderOptions(top=3))
    assert_golden("html-portfolio.html", pinned(text))


def test_same_inputs_give_byte_identical_output(result: AuditResult) -> None:
    assert render(result, RenderOptions()) == render(result.model_copy(deep=True), RenderOptions())


# -- a page that loads nothing ----------------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_pages_reference_nothing_outside(example: Path) -> None:
    page = render(audit_plan(example, AS_OF), RenderOptions())
    elements = parse(page).elements
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "image", "use"}
    for _tag, attrs in elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), name
            assert name not in {"src", "srcset", "style", "xlink:href"}, name
            if name == "href":
                assert value is not None
                assert value.startswith(("#", "http://", "https://", "mailto:")), value
    css = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_content_security_policy_allows_only_the_inline_style(result: AuditResult) -> None:
    import base64
    import hashlib

    page = render(result, RenderOptions())
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    css = page[page.index("<style>") + len("<style>") : page.index("</style>")]
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    text = html.unescape(policy.group(1))
    directives = dict(part.strip().split(" ", 1) for part in text.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == f"'sha256-{digest}'"
    # The policy comes before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>")


# -- what the page says ----------------------------------------------------------------------------


def test_sections_in_order(result: AuditResult) -> None:
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", render(result, RenderOptions()))
    assert headings == [
        "Journey map",
        "Phase scores against the threshold",
        "Open blockers (1)",
        "All gaps by phase (5)",
        "Done, with evidence (2)",
        "Waivers (1)",
        "KPIs (1)",
        "How the questions stand",
    ]


def test_verdict_banner_gives_its_reasons_in_words(result: AuditResult) -> None:
    page = render(result, RenderOptions())
    banner = page[page.index('<section class="verdict') : page.index('<section class="journey"')]
    assert "NO-GO" in banner
    assert "In <bdi>buy</bdi>, 1 blocker is still open." in banner
    assert "below the threshold of 80." in banner
    assert "1 item in the gate scope is overdue, due 2027-01-10." in banner
    assert "Ready through <strong><bdi>discover</bdi></strong>" in banner


def test_an_overdue_blocker_after_the_gate_is_named_and_a_calendar_gate_is_said() -> None:
    late = {"status": "not-started", "owner": "S", "due": "2027-01-10"}
    page = render(
        audit(mini_playbook(), make_plan({"use.support.sla": late}, gate="buy"), AS_OF),
        RenderOptions(),
    )
    assert "After the gate, 1 blocker is overdue: <bdi>use.support.sla</bdi>." in page
    assert "not yet overdue" not in page  # the only blocker after the gate is overdue
    early = render(audit(mini_playbook(), make_plan({}), dt.date(2026, 12, 1)), RenderOptions())
    assert "gate <strong><bdi>auto → none yet</bdi></strong>" in early
    assert "Nothing is due yet: the first question is due on 2026-12-31" in early


def test_go_verdict_says_every_blocker_is_done() -> None:
    answers = {
        question.id: {"status": "done", "evidence": "https://x.example.com/"}
        for question in mini_playbook().questions
    }
    page = render(audit(mini_playbook(), make_plan(answers, gate="buy"), AS_OF), RenderOptions())
    assert '<p class="verdict-word"' in page and ">GO</p>" in page
    assert "Every blocker in the gate scope is done." in page
    assert "at or above the threshold of 80." in page


def test_the_map_has_one_cell_per_applicable_pair(result: AuditResult) -> None:
    drawing = journey_map(result, ident="t")
    root = ET.fromstring(drawing)  # the drawing is well-formed XML on its own
    ns = "{http://www.w3.org/2000/svg}"
    cells = [g for g in root.iter(f"{ns}g") if "cell" in g.get("class", "").split()]
    assert sorted((g.get("data-phase"), g.get("data-team")) for g in cells) == sorted(
        (c.phase, c.team) for c in result.cells
    )
    empty = [r for r in root.iter(f"{ns}rect") if r.get("class") == "no-questions"]
    pairs = len(result.phases) * len(result.teams)
    assert len(empty) == pairs - len(result.cells) + 1  # and one in the legend
    for g in cells:
        cell = next(
            c
            for c in result.cells
            if (c.phase, c.team) == (g.get("data-phase"), g.get("data-team"))
        )
        shown = " ".join("".join(t.itertext()) for t in g.iter(f"{ns}text"))
        assert band(cell.score, result.threshold).word in shown  # the band in words
        if cell.open_blockers:
            assert f"{cell.open_blockers} open blocker" in shown
    gate = [g for g in root.iter(f"{ns}g") if g.get("class") == "gate"]
    assert [g.get("data-gate") for g in gate] == ["buy"]
    assert root.find(f"{ns}title") is not None and root.find(f"{ns}desc") is not None


def test_done_items_show_their_evidence_and_only_web_and_mail_links(result: AuditResult) -> None:
    page = render(result, RenderOptions())
    done = page[page.index('<section class="done"') : page.index('<section class="waivers"')]
    assert '<a href="https://wiki.example.com/message" rel="noreferrer">' in done
    assert "none given" in done  # the trademark answer has no evidence


@pytest.mark.parametrize(
    ("value", "href"),
    [
        ("https://wiki.example.com/a?b=1&c=2", "https://wiki.example.com/a?b=1&c=2"),
        ("  http://x.example.org/  ", "http://x.example.org/"),
        ("HTTPS://X.EXAMPLE.ORG", "HTTPS://X.EXAMPLE.ORG"),
        ("mailto:legal@example.com", "mailto:legal@example.com"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("file:///etc/passwd", None),
        ("//evil.example.com/x", None),
        ("wiki/page", None),
        ("http://", None),
        ("mailto:", None),
        ("https://x.example.com/a b", None),
        ("java\tscript:alert(1)", None),
        ("see https://x.example.com", None),
        ("JIRA-123", None),
        ("http://[::1", None),
    ],
)
def test_safe_href(value: str, href: str | None) -> None:
    assert safe_href(value) == href


# -- hostile text ----------------------------------------------------------------


def nasty_result(base: AuditResult, value: str) -> AuditResult:
    """``base`` with ``value`` in every piece of text a plan or playbook could supply."""
    return base.model_copy(
        update={
            "product": value,
            "file": value,
            "gate": base.gate,
            "playbook": base.playbook.model_copy(update={"title": value, "version": value}),
            "phases": [p.model_copy(update={"title": value}) for p in base.phases],
            "teams": [t.model_copy(update={"title": value}) for t in base.teams],
            "gaps": [
                g.model_copy(update={"ask": value, "owner": value, "note": value})
                for g in base.gaps
            ],
            "done": [
                d.model_copy(update={"ask": value, "owner": value, "note": value})
                for d in base.done
            ],
            "waived": [
                w.model_copy(update={"reason": value, "approver": value}) for w in base.waived
            ],
        }
    )


def test_hostile_text_never_becomes_markup(result: AuditResult) -> None:
    page = render(nasty_result(result, NASTY), RenderOptions())
    plain = render(nasty_result(result, re.sub(r"\S", "x", NASTY)), RenderOptions())
    assert shape(page) == shape(plain)
    elements = parse(page).elements
    assert "script" not in {tag for tag, _ in elements}
    assert not [name for _, attrs in elements for name in attrs if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34; onmouseover=&#34;alert(2)&#34;" in page  # in attributes and HTML text
    # Each drawing is still whole: </svg> in a name did not end it.
    assert page.count("<svg ") == page.count("</svg>") == 2


def test_hostile_evidence_is_text_unless_it_is_a_web_or_mail_link(result: AuditResult) -> None:
    values = [
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        '" onmouseover="alert(1)',
        'https://ok.example.com/" onclick="x',
    ]
    items = result.done * 2
    done = [item.model_copy(update={"evidence": v}) for item, v in zip(items, values, strict=True)]
    page = render(result.model_copy(update={"done": done}), RenderOptions())
    section = page[page.index('<section class="done"') : page.index('<section class="waivers"')]
    links = [attrs["href"] for tag, attrs in parse(section).elements if tag == "a"]
    assert links == []  # the last has a quote in it, so it is no link either
    assert "javascript:alert(1)" in page and "data:text/html;base64,PHNjcmlwdD4=" in page


def test_bidi_overrides_stay_inside_their_own_element(result: AuditResult) -> None:
    page = render(nasty_result(result, "abc\u202edef"), RenderOptions())
    isolating = {"bdi", "td", "th", "li", "text", "tspan", "title", "desc", "caption"}
    for where, data in parse(page).texts:
        if "\u202e" in data:
            assert isolating & set(where), (where, data)


def test_hostile_plan_file(result: AuditResult) -> None:
    hostile = audit_plan(HOSTILE, AS_OF)
    page = render(hostile, RenderOptions())
    assert "<script" not in page and "<img" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    parse(page)


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=60))
def test_any_text_leaves_the_markup_as_it_was(value: str) -> None:
    base = audit(
        mini_playbook(), make_plan({"discover.marketing.message": {"status": "done"}}), AS_OF
    )
    page = render(nasty_result(base, value), RenderOptions())
    # Labels in the drawings wrap by width, so each character stands in for one as wide.
    same = {1.0: "x", 2.0: "가", svg.columns("ж"): "ж"}
    plain = render(
        nasty_result(base, re.sub(r"\S", lambda m: same[svg.columns(m.group())], value)),
        RenderOptions(),
    )
    assert shape(page) == shape(plain)


@given(st.text(max_size=40))
def test_svg_escapers_leave_no_markup(value: str) -> None:
    element = ET.fromstring(f"<t a=\"{attr(value)}\" b='{attr(value)}'>{text(value)}</t>")
    shown = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", value)
    assert list(element) == []
    assert (element.text or "") == shown
    assert element.get("a") == element.get("b") == shown


# -- layout helpers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Legal", ["Legal"]),
        ("Engineering and quality assurance", ["Engineering and quality", "assurance"]),
        ("A" * 60, ["A" * 22 + "…"]),
    ],
)
def test_wrap(label: str, lines: list[str]) -> None:
    assert wrap(label, 14, 200, bold=True) == lines


def test_plan_ident_is_stable_and_distinct() -> None:
    assert plan_ident("a.yaml", "A") == plan_ident("a.yaml", "A")
    assert plan_ident("a.yaml", "A") != plan_ident("b.yaml", "A")
    assert re.fullmatch(r"plan-[0-9a-f]{12}", plan_ident(None, "<x>"))


def test_portfolio_links_each_row_to_its_section(result: AuditResult) -> None:
    page = portfolio([result], RenderOptions())
    ident = plan_ident(result.file, result.product)
    assert f'<a href="#{ident}">Acme Ledger</a>' in page
    assert f'<article class="plan" id="{ident}">' in page
    assert page.endswith("</html>\n")
    summary = portfolio([result], RenderOptions(summary=True))
    assert "<article" not in summary and 'href="#' not in summary


def test_floats_and_none_need_a_chosen_form() -> None:
    template = html_report.environment().from_string("{{ value }}")
    with pytest.raises(TypeError, match="float"):
        template.render(value=1.5)
    with pytest.raises(TypeError, match="NoneType"):
        template.render(value=None)
    assert template.render(value="<b>") == html.escape("<b>")


# -- colours ---------------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def css_colours() -> dict[str, str]:
    css = html_report.stylesheet()[0]
    return dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6});", css))


def test_text_meets_wcag_aa_and_marks_stand_out() -> None:
    from journeycheck.render.svg import BEHIND, LAGGING, ON_TRACK, UNSCORED

    colours = css_colours()
    ink, muted, white = colours["ink"], colours["muted"], colours["paper"]
    for b in (ON_TRACK, LAGGING, BEHIND, UNSCORED):
        assert contrast(ink, b.fill) >= 4.5, b  # the score and the band word
        assert contrast(colours["flag"], b.fill) >= 4.5, b  # "2 open blockers"
        assert contrast(b.stroke, white) >= 3, b  # a bar or a cell's edge
    for foreground, background in [
        (ink, white),
        (muted, white),
        (muted, colours["tint"]),
        (colours["link"], white),
        (colours["flag"], white),
        (colours["hazard"], white),  # a gap's customer risk
        ("#ffffff", colours["nogo"]),
        ("#ffffff", colours["go"]),
        (ink, colours["risk"]),
    ]:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


def test_top_shortens_the_gaps_but_never_hides_an_open_blocker(result: AuditResult) -> None:
    page = render(result, RenderOptions(top=1))
    assert "Only the most urgent of 5 gaps is listed; the others are left out." in page
    assert "The 3 most urgent of 5 gaps are listed" in render(result, RenderOptions(top=3))
    blockers = page[
        page.index('<section class="blockers"') : page.index('<section class="all-gaps"')
    ]
    listed = re.findall(r"<code>([a-z.-]+)</code>", blockers)
    assert listed == [g.question for g in result.gaps if g.severity == "blocker"]


@settings(max_examples=40, deadline=None)
@given(plans())
def test_any_plan_gives_a_whole_page_and_a_cell_per_applicable_pair(plan: Plan) -> None:
    result = audit(mini_playbook(), plan, AS_OF)
    page = render(result, RenderOptions())
    parse(page)  # every element closed where it was opened
    drawing = page[page.index('<svg class="map"') : page.index("</svg>") + len("</svg>")]
    root = ET.fromstring(drawing)
    cells = [
        g
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class", "").startswith("cell")
    ]
    assert len(cells) == len(result.cells)
    assert page.count("<svg ") == 2
