"""The review's documents rendered: goldens per format, escaping, the chart."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from journeycheck import __version__
from journeycheck.changes import Agenda, Diff, History, HistoryPoint
from journeycheck.compare import Snapshot, agenda, compare
from journeycheck.playbooks import PlaybookCache
from journeycheck.render import RenderOptions
from journeycheck.render.agenda_markdown import render as markdown_agenda
from journeycheck.render.agenda_terminal import render as terminal_agenda
from journeycheck.render.diff_markdown import render as markdown_diff
from journeycheck.render.diff_terminal import render as terminal_diff
from journeycheck.render.document_json import render as render_json
from journeycheck.render.history_markdown import chart
from journeycheck.render.history_markdown import render as markdown_history
from journeycheck.render.history_terminal import render as terminal_history
from journeycheck.result import Counts
from journeycheck.revisions import BlobsFor, FileSide
from journeycheck.weekly import snapshot_of
from tests.helpers import assert_golden

REVIEW = Path(__file__).parents[1] / "fixtures" / "review"
TERMINAL = RenderOptions(width=80)
MARKDOWN = RenderOptions()


def snap(name: str, as_of: dt.date) -> Snapshot:
    with BlobsFor() as blobs_for:
        found = snapshot_of(FileSide(REVIEW / name), as_of, blobs_for, PlaybookCache())
    return replace(found, ref=f"review/{name}")


@pytest.fixture
def diff() -> Diff:
    return compare(
        snap("old-plan.yaml", dt.date(2027, 1, 8)), snap("new-plan.yaml", dt.date(2027, 1, 15))
    )


@pytest.fixture
def plan_agenda() -> Agenda:
    old = snap("old-plan.yaml", dt.date(2027, 1, 8))
    return agenda(
        snap("new-plan.yaml", dt.date(2027, 1, 15)), 14, since=old, file="review/new-plan.yaml"
    )


def history_point(number: int, score: float | None, **extra: object) -> HistoryPoint:
    counts = Counts(applicable=7, done=number, partial=0, open=7 - number, na=0, waived=0)
    fields: dict[str, object] = {
        "commit": f"{number:x}" * 40,
        "uncommitted": False,
        "path": "plans/launch-plan.yaml",
        "date": dt.date(2027, 1, 4) + dt.timedelta(days=7 * number),
        "author": "Maria Petrova",
        "subject": f"Week {number}: *progress* | <b>bold</b>",
        "error": None,
        "verdict": "no-go" if score is None or score < 80 else "go",
        "gate": "buy",
        "threshold": 80.0,
        "score": score,
        "total_score": score,
        "ready_through": "discover",
        "phases": {"discover": score, "buy": score},
        "counts": counts,
    }
    fields.update(extra)
    return HistoryPoint.model_validate(fields)


@pytest.fixture
def history() -> History:
    points = [
        history_point(1, 20.0),
        history_point(2, 45.5),
        history_point(
            3,
            None,
            error="3333333:plans/launch-plan.yaml:4:9: status: 'finished' is not one of done",
            verdict=None,
            gate=None,
            threshold=None,
            ready_through=None,
            phases={},
            counts=None,
        ),
        history_point(4, 85.0),
        history_point(5, 92.0, commit=None, uncommitted=True, author=None, subject=None),
    ]
    return History(
        plan="plans/launch-plan.yaml",
        repository="/repo",
        shallow=False,
        since=None,
        until=None,
        points=points,
    )


def test_diff_golden(diff: Diff) -> None:
    assert_golden("diff-review-80.txt", terminal_diff(diff, TERMINAL))
    assert_golden("diff-review.md", markdown_diff(diff, MARKDOWN))
    assert_golden("diff-review.json", render_json(diff, MARKDOWN))


def test_agenda_golden(plan_agenda: Agenda) -> None:
    assert_golden("agenda-review-80.txt", terminal_agenda(plan_agenda, TERMINAL))
    assert_golden("agenda-review.md", markdown_agenda(plan_agenda, MARKDOWN))


def test_history_golden(history: History) -> None:
    assert_golden("history-80.txt", terminal_history(history, TERMINAL))
    assert_golden("history.md", markdown_history(history, MARKDOWN))


def test_json_is_the_model_and_reads_back(diff: Diff, history: History) -> None:
    assert Diff.model_validate_json(render_json(diff, MARKDOWN)) == diff
    assert History.model_validate_json(render_json(history, MARKDOWN)) == history
    assert json.loads(render_json(diff, MARKDOWN))["schema"] == "journeycheck.diff/1"


def to_html(markdown: str) -> str:
    return str(
        cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    )


def test_git_text_cannot_inject_markdown_or_html(history: History) -> None:
    page = to_html(markdown_history(history, MARKDOWN))
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "<em>" not in page
    # Each table row keeps its cells: the subject's "|" did not open a new one.
    rows = [
        line for line in markdown_history(history, MARKDOWN).splitlines() if line.startswith("| 20")
    ]
    assert len(rows) == 5
    assert {row.replace("\\|", "").count("|") for row in rows} == {9}


def test_markdown_agenda_is_a_task_list(plan_agenda: Agenda) -> None:
    page = to_html(markdown_agenda(plan_agenda, MARKDOWN))
    assert page.count('type="checkbox"') == sum(
        len(getattr(owner, kind))
        for owner in plan_agenda.owners
        for kind in (
            "overdue",
            "due_soon",
            "blocked",
            "waivers_expiring",
            "gate_blockers",
            "closed",
        )
    )
    assert page.count('checked=""') == 1  # the message, closed since the last review


def test_the_mermaid_chart_leaves_out_invalid_points_and_numbers_repeated_days(
    history: History,
) -> None:
    same_day = history.points[1].model_copy(update={"date": history.points[0].date})
    found = chart([history.points[0], same_day, *history.points[2:]])
    assert found is not None
    assert found.labels == '"2027-01-11", "2027-01-11 (2)", "2027-02-01", "2027-02-08"'
    assert found.scores == "20.0, 45.5, 85.0, 92.0"
    assert found.thresholds == "80, 80, 80, 80"
    assert chart([history.points[2]]) is None


def test_the_terminal_chart_samples_a_long_history_to_the_width(history: History) -> None:
    many = [history_point(1 + n % 5, float(n % 101)) for n in range(300)]
    long = history.model_copy(update={"points": many})
    text = terminal_history(long, RenderOptions(width=60))
    chart_lines = [line for line in text.splitlines() if "┤" in line]
    assert len(chart_lines) == 11
    assert max(len(line) for line in chart_lines) <= 60


def test_audit_since_golden() -> None:
    from journeycheck.compare import since
    from journeycheck.render.markdown import render as markdown_report
    from journeycheck.render.terminal import render as terminal_report

    old, new = (
        snap("old-plan.yaml", dt.date(2027, 1, 8)),
        snap("new-plan.yaml", dt.date(2027, 1, 15)),
    )
    result = new.result.model_copy(
        update={"since": since(old, new), "file": "review/new-plan.yaml"}
    )
    assert_golden("audit-since-80.txt", terminal_report(result, RenderOptions(width=80, top=5)))
    page = markdown_report(result, RenderOptions())
    assert_golden(
        "audit-since.md", page.replace(f"journeycheck {__version__} ·", "journeycheck VERSION ·")
    )
    # Without --since the same report has none of it.
    plain = markdown_report(new.result, RenderOptions())
    assert "Since the last review" not in plain and "(−41.6)" not in plain
    assert "(−41.6)" in page and "**Credit fell (3):**" in page


def _four_phases(point: HistoryPoint, author: str) -> HistoryPoint:
    phases = {"discover": 50.0, "buy": 40.0, "use": 30.0, "grow": 20.0}
    return point.model_copy(update={"author": author, "phases": phases})


@pytest.mark.parametrize("width", [40, 50, 60, 75, 76, 80, 100, 140])
def test_the_history_table_keeps_one_line_per_revision_within_the_width(width: int) -> None:
    from rich.cells import cell_len

    authors = ["Seed e2afbb67 maintainers of a long-named team", "Zoë Ĳssel", "Bo"]
    points = [_four_phases(history_point(n + 1, 40.0), a) for n, a in enumerate(authors)]
    history = History(
        plan="p.yaml", repository="/r", shallow=False, since=None, until=None, points=points
    )
    lines = terminal_history(history, RenderOptions(width=width)).splitlines()
    table = lines[2 : 2 + 2 + len(points)]
    assert max(cell_len(line) for line in lines) <= width
    # A header, its rule and a line per revision: nothing folded onto a line of its own.
    assert [line.split()[0] for line in table[2:]] == [view_date(point.date) for point in points]
    assert table[2].split()[1] == points[0].commit[:7]  # type: ignore[index]
    with_phases = "grow" in table[0]
    note = any("Phase scores need a terminal" in line for line in lines)
    assert with_phases != note
    # The phases give way only where the author would be narrower than ten columns:
    # 1 + 10 + 2 + 7 + 2 + 10 + 2 + 7 + 2 + 4 + 2 + 8 + 3 * (2 + 4) + 1 = 76.
    assert with_phases == (width >= 76)
    if width >= 100:  # an author's name is cut at 24 columns, whatever the room
        assert "  Zoë Ĳssel  " in table[3] and "  Seed e2afbb67 maintaine…  " in table[2]


def view_date(day: dt.date) -> str:
    from journeycheck.render.view import date_text

    return date_text(day)
