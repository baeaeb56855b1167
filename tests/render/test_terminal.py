"""The Rich terminal report: golden output, width, colour conventions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.render import Format, RenderOptions, portfolio_renderer_for, view
from journeycheck.render.terminal import render
from journeycheck.result import AuditResult
from journeycheck.score import audit
from tests.helpers import assert_golden, audit_plan, drawn_by_rich, make_plan, mini_playbook

render_portfolio = portfolio_renderer_for(Format.TERMINAL)


@pytest.fixture
def result() -> AuditResult:
    answers = {
        "discover.marketing.message": {"status": "done", "owner": "Maria Petrova"},
        "discover.legal.trademark": {"status": "done", "owner": "Ivo Legal"},
        "buy.legal.eula": {"status": "partial", "owner": "Ivo Legal", "due": "2027-01-10"},
        "buy.marketing.partner-kit": {"status": "blocked"},
        "use.support.sla": {
            "status": "done",
            "waiver": {
                "reason": "Pending",
                "approver": "VP",
                "expires": "2027-01-01",
                "risk_accepted": "Customers wait",
            },
        },
        "use.support.community": {"status": "n/a", "note": "No community by design."},
    }
    plan = make_plan(answers, gate="buy", product="Acme [bold]Ledger[/bold]")
    return audit(mini_playbook(), plan, dt.date(2027, 1, 15))


def test_golden_plain_80_columns(result: AuditResult) -> None:
    text = render(result, RenderOptions(top=10, width=80))
    assert_golden("terminal-mini-80.txt", text)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_no_line_is_wider_than_the_terminal(result: AuditResult, width: int) -> None:
    text = render(result, RenderOptions(width=width))
    assert max(len(line) for line in text.splitlines()) <= width


def test_plain_output_has_no_escape_codes_and_no_trailing_spaces(result: AuditResult) -> None:
    text = render(result, RenderOptions(width=80))
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_colour_and_no_color(result: AuditResult) -> None:
    coloured = render(result, RenderOptions(color_system="truecolor", width=80))
    assert "\x1b[" in coloured
    assert "\x1b[1;31mNO-GO" in coloured  # bold red verdict
    no_color = render(result, RenderOptions(color_system="truecolor", no_color=True, width=80))
    assert "\x1b[1mNO-GO" in no_color  # emphasis stays, colour goes
    assert "31m" not in no_color


def test_user_text_is_not_rich_markup(result: AuditResult) -> None:
    assert "Acme [bold]Ledger[/bold] — launch readiness" in render(result, RenderOptions())


def test_top_limits_the_gap_list(result: AuditResult) -> None:
    text = render(result, RenderOptions(top=2, width=100))
    assert "Top 2 of 5 gaps (--all lists every one)" in text


def portfolio_results(result: AuditResult) -> list[AuditResult]:
    other = audit(mini_playbook(), make_plan({}, product="Beta Books"), dt.date(2027, 1, 15))
    return [
        result.model_copy(update={"file": "plans/acme.yaml"}),
        other.model_copy(update={"file": "plans/beta.yaml"}),
    ]


def test_golden_portfolio_summary_80_columns(result: AuditResult) -> None:
    text = "".join(render_portfolio(portfolio_results(result), RenderOptions(summary=True)))
    assert_golden("terminal-portfolio-80.txt", text)


def test_portfolio_table_then_each_report_under_a_rule(result: AuditResult) -> None:
    text = "".join(render_portfolio(portfolio_results(result), RenderOptions(width=100)))
    assert text.startswith("Portfolio — 2 plans, as of 2027-01-15\n")
    table_end = text.index("0 go · 0 at-risk · 2 no-go")
    first = text.index("─ plans/acme.yaml ─")
    second = text.index("─ plans/beta.yaml ─")
    assert table_end < first < text.index("Acme [bold]Ledger[/bold] — launch readiness") < second
    assert text.index("Beta Books — launch readiness") > second


@pytest.mark.parametrize("width", [60, 80, 120])
def test_portfolio_lines_fit_the_terminal(result: AuditResult, width: int) -> None:
    text = "".join(render_portfolio(portfolio_results(result), RenderOptions(width=width)))
    assert max(len(line) for line in text.splitlines()) <= width


def test_empty_portfolio_says_so() -> None:
    assert "".join(render_portfolio([], RenderOptions())) == "No plan could be audited.\n"


def test_a_team_owner_is_shown_as_inherited() -> None:
    plan = make_plan({"buy.legal.eula": {"status": "partial"}}, owners={"legal": "Amara Nwosu"})
    text = render(audit(mini_playbook(), plan, dt.date(2027, 1, 15)), RenderOptions(width=80))
    assert "partial · Amara Nwosu (team) · due 2027-01-30" in text


def test_golden_long_80_columns(result: AuditResult) -> None:
    assert_golden("terminal-mini-long-80.txt", render(result, RenderOptions(width=80, long=True)))


def _gap_rows(text: str) -> list[list[str]]:
    """The gap list's rows, each as its lines (a row starts with its number)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "why · owner · due" in line) + 2
    rows: list[list[str]] = []
    for line in lines[start:]:
        if not line.strip():
            break
        if line[:4].strip().isdigit():
            rows.append([])
        rows[-1].append(line)
    return rows


EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_every_gap_fits_two_lines_at_80_columns_with_its_id_whole(example: Path) -> None:
    result = audit_plan(example, dt.date(2027, 1, 15))
    rows = _gap_rows(render(result, RenderOptions(width=80)))
    assert len(rows) == len(result.gaps) > 0
    for row, gap in zip(rows, result.gaps, strict=True):
        # A gap that blocks lighthouse accounts names them on a third line.
        if gap.blocks:
            assert row[2:] == [f"      blocks {', '.join(gap.blocks)}"], row
            row = row[:2]
        assert len(row) == 2, row
        assert gap.question in row[0]
        assert row[0].split()[1:3] == [gap.severity, gap.question]
        reasons = [reason for reason in gap.reasons if reason != "no-owner"]
        assert row[1].split(" · ")[0].strip() == view.reasons_phrase(reasons)


def test_a_gap_shows_its_note_cut_to_the_line_and_long_shows_it_whole() -> None:
    note = "Waiting for the availability target from network and cloud operations, then legal"
    answers = {"buy.legal.eula": {"status": "blocked", "owner": "Ivo", "note": note}}
    result = audit(mini_playbook(), make_plan(answers, gate="buy"), dt.date(2027, 1, 15))
    short = render(result, RenderOptions(width=80))
    (row,) = [r for r in _gap_rows(short) if "buy.legal.eula" in r[0]]
    assert row[1].strip().startswith("blocked · Ivo · due 2027-01-30 · Waiting for the")
    assert row[1].endswith("…") and len(row[1]) <= 80
    long = render(result, RenderOptions(width=80, long=True))
    assert "Is the EULA published?" in long
    assert " ".join(long.split()).count(f"Note: {note}") == 1


def test_the_legend_says_what_points_are(result: AuditResult) -> None:
    text = " ".join(render(result, RenderOptions(width=80)).split())
    assert "Pts: points the gate score gains when the gap is done" in text
    assert "later: after the gate" in text
    assert "--long shows each question" in text
    assert "--long" not in " ".join(render(result, RenderOptions(long=True)).split())


LONG_PRODUCT = "Ledgerline Cloud for Enterprise Customers in Europe"
LONG_FILE = "plans/enterprise/ledgerline-cloud-europe-2027.journey.yaml"


def test_portfolio_keeps_product_and_file_names_whole_at_80_columns(result: AuditResult) -> None:
    rows = [
        result.model_copy(update={"file": LONG_FILE, "product": LONG_PRODUCT}),
        result.model_copy(update={"file": "b.yaml", "product": "Beta"}),
    ]
    text = "".join(render_portfolio(rows, RenderOptions(summary=True, width=80)))
    lines = text.splitlines()
    assert any(LONG_PRODUCT in line for line in lines)
    assert any(LONG_FILE in line for line in lines)
    assert max(len(line) for line in lines) <= 80


def test_portfolio_separates_blockers_in_the_gate_from_later_ones() -> None:
    answers = {
        "discover.marketing.message": {"status": "done"},
        "discover.legal.trademark": {"status": "done", "evidence": "https://x.example"},
        "discover.marketing.webinar": {"status": "done"},
    }
    plan = make_plan(answers, gate="discover", product="Early")
    early = audit(mini_playbook(), plan, dt.date(2027, 1, 15))
    assert early.verdict == "go"
    text = "".join(render_portfolio([early], RenderOptions(summary=True, width=80)))
    facts = next(line for line in text.splitlines() if line.lstrip().startswith("GO"))
    # No blocker in the gate; buy's EULA and use's SLA are after it.
    assert facts.split()[-3:] == ["0", "2", "45"]
    assert "Blockers: open blockers in the gate; Later: open blockers after it." in " ".join(
        text.split()
    )


def test_portfolio_table_sorts_worst_first_unless_asked(result: AuditResult) -> None:
    fine = result.model_copy(update={"verdict": "go", "product": "Able", "file": "a.yaml"})
    rows = [fine, result.model_copy(update={"file": "z.yaml"})]
    assert _named_in_order(rows, "verdict") == ["z.yaml", "a.yaml"]  # no-go first
    assert _named_in_order(rows, "name") == ["a.yaml", "z.yaml"]


def _named_in_order(rows: list[AuditResult], sort: str) -> list[str]:
    text = "".join(render_portfolio(rows, RenderOptions(summary=True, width=80, sort=sort)))
    return [word for word in text.split() if word.endswith(".yaml")]


@settings(max_examples=150, deadline=None)
@given(
    product=st.text(min_size=1, max_size=60),
    owner=st.text(max_size=40),
    note=st.text(max_size=200),
    width=st.integers(40, 160),
    lang=st.sampled_from(["en", "bg", "ko"]),
    color=st.sampled_from([None, "truecolor"]),
)
def test_every_line_fits_without_rich_cutting_it(
    product: str, owner: str, note: str, width: int, lang: str, color: str | None
) -> None:
    """draw() prints without Rich's cropping (a tenth of drawing): every line must already
    fit, whatever a user wrote (wide characters, long words, marks of any width)."""
    from journeycheck import i18n
    from journeycheck.render import terminal

    answers = {
        "buy.legal.eula": {"status": "partial", "owner": owner, "note": note},
        "use.support.sla": {"status": "blocked", "owner": product, "note": product * 3},
    }
    result = audit(mini_playbook(), make_plan(answers, product=product), dt.date(2027, 1, 15))
    options = RenderOptions(width=width, color_system=color, top=None)
    with i18n.language(lang):
        report = terminal.report(result, options)
        # Cropped, as Rich prints by default, and as draw() prints it.
        cropped = drawn_by_rich(report, width, color)
        assert drawn_by_rich(report, width, color, crop=False) == cropped


BG_NARROWEST = 55


def _matrix_at(lang: str, width: int) -> tuple[AuditResult, list[list[str]], list[str]]:
    """The example's audit, each row's scores as the matrix shows them with room to spare,
    and the matrix's lines at ``width`` (none of them wider)."""
    from rich.cells import cell_len

    from journeycheck import i18n
    from journeycheck.render import terminal

    example = Path(__file__).parents[2] / "examples" / "saas-halfway.yaml"
    with i18n.language(lang):
        result = audit_plan(example)
        wide = drawn_by_rich(terminal.matrix(result), 200, None).splitlines()
        narrow = drawn_by_rich(terminal.matrix(result), width, None).splitlines()
    assert max(cell_len(line) for line in narrow) <= width
    start = next(n for n, line in enumerate(wide) if line.startswith(" ─"))
    rows = [line.split()[-5:] for line in wide[start + 1 :] if line.strip()][:14]
    return result, rows, narrow


@pytest.mark.parametrize(
    ("lang", "width"),
    # Down to the width of the scores, the longest words of the phase headers and six
    # columns of team name: 49 in English, more for Bulgarian's "(по-късно)".
    [("en", w) for w in (49, 50, 56, 60, 64, 70, 74, 80)]
    + [("bg", w) for w in (BG_NARROWEST, 56, 60, 70, 80)],
)
def test_a_narrow_matrix_cuts_team_names_never_scores(width: int, lang: str) -> None:
    _, rows, narrow = _matrix_at(lang, width)
    first = next(n for n, line in enumerate(narrow) if line.startswith(" ─"))
    shown = [line.split()[-5:] for line in narrow[first + 1 :] if line.strip()][:14]
    assert shown == rows
    assert not any("…" in score for row in shown for score in row)


@pytest.mark.parametrize(
    ("lang", "width"),
    [("en", w) for w in (24, 30, 40, 44, 48)]
    + [("bg", w) for w in (30, 40, 54)]
    + [("ko", w) for w in (30, 40, 48)],
)
def test_a_matrix_too_narrow_for_columns_lists_each_row_and_every_score(
    width: int, lang: str
) -> None:
    from journeycheck import i18n
    from journeycheck.render import terminal

    result, rows, narrow = _matrix_at(lang, width)
    # Each row's name on a line of its own, then its scores in order, each after its header.
    with i18n.language(lang):
        names = [terminal.team_label(team) for team in result.teams]
    listed: list[list[str]] = []
    for line in narrow[1:]:
        if line and not line.startswith(" "):
            listed.append([])
        elif line.startswith("  ") and listed:
            words = line.split()
            listed[-1] += [w for n, w in enumerate(words) if n + 1 == len(words) or _score(w)]
    assert [row[-5:] for row in listed[:14]] == rows
    assert [line for line in narrow if line and not line.startswith(" ")][1:13] == names
    assert "…" not in "".join(narrow[1:-2])


def _score(word: str) -> bool:
    """A score, a count or the mark of no question, as the matrix shows them."""
    return word == "·" or word.replace(".", "").replace(",", "").isdigit()
