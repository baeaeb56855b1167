"""The HTML report: one self-contained page to send to whoever decides on the launch.

Built with Jinja from ``templates/report.html.j2`` (one plan),
``templates/plan.html.j2`` (one plan's part, also a portfolio's section) and
``templates/portfolio.html.j2`` (a portfolio's table), with the styles of
``templates/report.css`` inlined. The page loads nothing: its
Content-Security-Policy allows no source at all except that one style sheet,
by its hash, and there is no script, so it reads the same offline, from an
email attachment and with JavaScript off.

Escaping: the Jinja environment autoescapes everything it prints, and its
``finalize`` refuses values that need a chosen form (floats, ``None``), so a
template cannot print plan text unescaped or a score with stray decimals by
forgetting a filter. The SVG drawings come from :mod:`journeycheck.render.svg`,
which escapes with its own rules and hands back markup.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from journeycheck import __version__
from journeycheck.i18n import current, r_, rngettext, rpgettext
from journeycheck.render import svg, view
from journeycheck.render.kpi_html import kpi_context, kpi_sentence
from journeycheck.render.templating import environment as make_environment
from journeycheck.render.templating import template_source

if TYPE_CHECKING:
    import jinja2

    from journeycheck.render import RenderOptions
    from journeycheck.render import Section as PlanSection
    from journeycheck.result import AuditResult, Done, Gap, PhaseResult, PlanSummary

#: Link schemes evidence may use to become a link; anything else is shown as text.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def verdict_headline(verdict: str) -> str:
    """A verdict as the page's headline writes it: "GO", "AT RISK", "NO-GO"."""
    words = {
        "go": rpgettext("verdict headline", "GO"),
        "at-risk": rpgettext("verdict headline", "AT RISK"),
        "no-go": rpgettext("verdict headline", "NO-GO"),
    }
    return words.get(verdict, verdict.upper())


def say(template: str, **values: object) -> Markup:
    """A translated sentence as markup: its words escaped, each ``{name}`` filled with its
    value, escaped unless it is markup already (a date or a number in its printed form)."""
    printed = {name: finalize(value) for name, value in values.items()}
    return Markup(Markup.escape(template)).format(**printed)


# -- links -----------------------------------------------------------------------------------


def safe_href(value: str | None) -> str | None:
    """``value`` if it is a link a reader may follow: http, https or mailto, and nothing else.

    A ``javascript:`` or ``data:`` address, a relative path, a file path or text
    with spaces in it is not a link; the report shows it as text.
    """
    if value is None:
        return None
    candidate = value.strip()
    if not candidate or any(char.isspace() or ord(char) < 32 for char in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return None
    if scheme == "mailto":
        return candidate if parts.path else None
    return candidate if parts.netloc else None


def evidence(value: str | None) -> Markup:
    """Evidence as a link when :func:`safe_href` allows it, else as escaped text."""
    if value is None:
        return Markup('<span class="none">{}</span>').format(r_("none given"))
    href = safe_href(value)
    if href is None:
        return Markup('<span class="evidence-text">{}</span>').format(value)
    return Markup('<a href="{href}" rel="noreferrer">{text}</a>').format(href=href, text=value)


# -- sentences ---------------------------------------------------------------------------------


def _counted(template: str, count: int, **values: object) -> Markup:
    """A sentence for ``count`` things (``template`` from ``rngettext``) with markup in it:
    the translated words are escaped, then the values, with ``<bdi>`` round each ``{bdi_*}``
    value, a plan's own text whose direction the page must not guess."""
    words = str(Markup.escape(template))
    for name in [name for name in values if name.startswith("bdi_")]:
        words = words.replace("{" + name + "}", "<bdi>{" + name + "}</bdi>")
    return Markup(words).format(n=count, **values)


def verdict_reasons(result: AuditResult) -> list[Markup]:
    """Why the verdict is what it is, in sentences a reader can repeat in a meeting.

    The facts are the result's own (:class:`journeycheck.result.Why`), so the page
    says what the terminal and Markdown reports say, in its own words.
    """
    why = result.why
    if result.gate is None:
        return [Markup.escape(sentence) for sentence in view.why_sentences(result)]
    number = view.number_text
    reasons: list[Markup] = []
    gate_phases = [p for p in result.phases if p.in_gate]
    for phase in gate_phases:
        if phase.open_blockers:
            count = phase.open_blockers
            reasons.append(
                _counted(
                    rngettext(
                        "In {bdi_phase}, {n} blocker is still open.",
                        "In {bdi_phase}, {n} blockers are still open.",
                        count,
                    ),
                    count,
                    bdi_phase=phase.id,
                )
            )
    if not why.open_blockers:
        reasons.append(Markup.escape(r_("Every blocker in the gate scope is done.")))
    threshold = number(result.threshold)
    if result.score is None:
        reasons.append(Markup.escape(r_("Nothing in the gate scope is scored yet.")))
    else:
        score = Markup("<strong>{}</strong>").format(view.score_text(result.score))
        if why.below_threshold:
            sentence = r_("The gate score is {score}, below the threshold of {threshold}.")
        else:
            sentence = r_("The gate score is {score}, at or above the threshold of {threshold}.")
        reasons.append(say(sentence, score=score, threshold=threshold))
    overdue = [item for item in why.overdue if item.in_gate]
    if overdue:
        oldest = view.date_text(min(item.due for item in overdue))
        count = len(overdue)
        reasons.append(
            _counted(
                rngettext(
                    "{n} item in the gate scope is overdue, due {oldest}.",
                    "{n} items in the gate scope are overdue; the oldest was due {oldest}.",
                    count,
                ),
                count,
                oldest=oldest,
            )
        )
    late_blockers = [o.question for o in why.overdue if not o.in_gate and o.severity == "blocker"]
    if late_blockers:
        count = len(late_blockers)
        reasons.append(
            _counted(
                rngettext(
                    "After the gate, {n} blocker is overdue: {bdi_ids}.",
                    "After the gate, {n} blockers are overdue: {bdi_ids}.",
                    count,
                ),
                count,
                bdi_ids=", ".join(late_blockers),
            )
        )
    late_others = [o for o in why.overdue if not o.in_gate and o.severity != "blocker"]
    if late_others:
        count = len(late_others)
        reasons.append(
            _counted(
                rngettext(
                    "After the gate, {n} more item is overdue.",
                    "After the gate, {n} more items are overdue.",
                    count,
                ),
                count,
            )
        )
    if why.expired_waivers:
        count = len(why.expired_waivers)
        reasons.append(
            _counted(
                rngettext(
                    "{n} waiver in the gate scope has expired.",
                    "{n} waivers in the gate scope have expired.",
                    count,
                ),
                count,
            )
        )
    later = sum(p.open_blockers for p in result.phases if not p.in_gate) - len(late_blockers)
    if later > 0:
        reasons.append(
            _counted(
                rngettext(
                    "After the gate, {n} blocker is open and not yet overdue; it does not "
                    "change today's verdict.",
                    "After the gate, {n} blockers are open and not yet overdue; they do not "
                    "change today's verdict.",
                    later,
                ),
                later,
            )
        )
    kpis = kpi_sentence(result)
    return reasons if kpis is None else [*reasons, kpis]


def ready_phrase(result: AuditResult) -> Markup:
    if result.ready_through is None:
        return Markup.escape(
            r_("Not ready through any phase: a blocker of the first phase is open.")
        )
    phase = Markup("<strong><bdi>{}</bdi></strong>").format(result.ready_through)
    return say(r_("Ready through {phase}: every blocker up to it is done."), phase=phase)


# -- the page's parts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    rank: int
    gap: Gap
    team: str
    reasons: str
    overdue: bool


@dataclass(frozen=True)
class PhaseGaps:
    phase: PhaseResult
    rows: list[GapRow]


@dataclass(frozen=True)
class DoneGroup:
    phase: PhaseResult
    items: list[tuple[Done, str]]


def _plan_context(result: AuditResult, options: RenderOptions, ident: str) -> dict[str, object]:
    team_titles = {team.id: team.title for team in result.teams}
    shown = result.gaps if options.top is None else result.gaps[: options.top]

    def row(rank: int, gap: Gap) -> GapRow:
        return GapRow(
            rank=rank,
            gap=gap,
            team=team_titles.get(gap.team, gap.team),
            reasons=view.reasons_phrase(gap.reasons),
            overdue="overdue" in gap.reasons,
        )

    every = [row(rank, gap) for rank, gap in enumerate(result.gaps, start=1)]
    rows = every[: len(shown)]
    by_phase = [
        PhaseGaps(phase, [r for r in rows if r.gap.phase == phase.id]) for phase in result.phases
    ]
    done = [
        DoneGroup(
            phase,
            [(d, team_titles.get(d.team, d.team)) for d in result.done if d.phase == phase.id],
        )
        for phase in result.phases
    ]
    return {
        "r": result,
        "ident": ident,
        "verdict_word": verdict_headline(result.verdict),
        "reasons": verdict_reasons(result),
        "ready": ready_phrase(result),
        "days": view.days_phrase(result.days_to_launch),
        "gate": view.gate_name(result.gate, result.gate_rule),
        "score": svg.score_text,
        "number": view.number_text,
        "journey_map": Markup(svg.journey_map(result, ident=ident)),
        "phase_bars": Markup(svg.phase_bars(result, ident=ident)),
        # Every open blocker, whatever --top leaves out of the list of gaps.
        "blockers": [r for r in every if r.gap.severity == "blocker"],
        "gaps_by_phase": [group for group in by_phase if group.rows],
        "total": len(result.gaps),
        "shown": len(shown),
        "shortened": _counted(
            rngettext(
                "Only the most urgent of {total} gaps is listed; the others are left out.",
                "The {n} most urgent of {total} gaps are listed; the others are left out.",
                len(shown),
            ),
            len(shown),
            total=len(result.gaps),
        ),
        "done_groups": [group for group in done if group.items],
        "done_count": len(result.done),
        "evidence": evidence,
        "team": lambda team_id: team_titles.get(team_id, team_id),
        "open_blockers": sum(p.open_blockers for p in result.phases),
        "matrix": _matrix(result),
        "version": __version__,
        "expiry": lambda expires: view.days_phrase((expires - result.as_of).days),
        "risk": view.risk_phrase,
        **kpi_context(result),
    }


def _matrix(result: AuditResult) -> list[tuple[str, list[str]]]:
    """The map as rows of text, for screen readers (the drawing is one image to them)."""
    cells = {(cell.team, cell.phase): cell for cell in result.cells}
    rows = []
    for team in result.teams:
        values = []
        for phase in result.phases:
            cell = cells.get((team.id, phase.id))
            if cell is None:
                values.append(r_("no questions"))
            else:
                b = svg.band(cell.score, result.threshold)
                words = {"score": svg.score_text(cell.score), "band": b.word}
                if cell.open_blockers:
                    words["blockers"] = svg.blockers_text(cell.open_blockers)
                    values.append(r_("{score} {band}, {blockers}").format(**words))
                else:
                    values.append("{score} {band}".format(**words))
        rows.append((team.title, values))
    return rows


def plan_ident(row_file: str | None, product: str) -> str:
    """An id for a plan's section, the same wherever it is computed (a worker process too)."""
    digest = hashlib.sha256(f"{row_file}\0{product}".encode()).hexdigest()[:12]
    return f"plan-{digest}"


# -- rendering -------------------------------------------------------------------------------------


def finalize(value: object) -> object:
    """What ``{{ value }}`` prints: text and markup as they are, numbers and dates plainly.

    Text is escaped after this by autoescape; floats and ``None`` are refused,
    because each needs a chosen form (one decimal, a word).
    """
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return view.date_text(value)
    raise TypeError(f"the HTML templates print no {type(value).__name__} ({value!r}) as is")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment of the HTML templates, autoescaping (built once per process)."""
    words = {"say": say, "view": view, "bdi": _wrap("bdi"), "strong": _wrap("strong")}
    words["code"] = _wrap("code")
    return make_environment(html=True, finalize=finalize, globals=words)


def _wrap(tag: str) -> Any:
    """A template helper that puts ``value``, escaped, in ``<tag>``."""

    def wrapped(value: object) -> Markup:
        return Markup(f"<{tag}>{{}}</{tag}>").format(finalize(value))

    return wrapped


@functools.lru_cache(maxsize=1)
def stylesheet() -> tuple[Markup, str]:
    """The page's CSS and the Content-Security-Policy that allows exactly it."""
    css = template_source("report.css")
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    policy = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    return Markup(css), policy


def _page_context(title: str) -> dict[str, object]:
    css, policy = stylesheet()
    return {
        "page_title": title,
        "css": css,
        "policy": policy,
        "version": __version__,
        "lang": current(),
    }


def render(result: AuditResult, options: RenderOptions) -> str:
    template = environment().get_template("report.html.j2")
    context = _page_context(r_("{product} — launch readiness").format(product=result.product))
    context["plan"] = _render_plan(result, options, ident="plan", level=1)
    return template.render(context)


def _render_plan(result: AuditResult, options: RenderOptions, *, ident: str, level: int) -> Markup:
    template = environment().get_template("plan.html.j2")
    context = _plan_context(result, options, ident)
    context["level"] = level
    return Markup(template.render(context))


def render_section(result: AuditResult, options: RenderOptions) -> str:
    """One plan's part of a portfolio page."""
    ident = plan_ident(result.file, result.product)
    return str(_render_plan(result, options, ident=ident, level=2))


def assemble(sections: Iterable[PlanSection], options: RenderOptions) -> Iterator[str]:
    """The page's head and the table of plans, then one section per plan, then the end."""
    from journeycheck.render import table_then_sections

    def table(rows: list[PlanSummary]) -> str:
        template = environment().get_template("portfolio.html.j2")
        context = _page_context(r_("Launch readiness portfolio"))
        context.update(
            rows=rows,
            sorted_rows=view.sorted_rows(rows, options.sort),
            tally=view.verdict_tally(rows),
            verdict_word=lambda row: verdict_headline(row.verdict),
            gate=lambda row: view.gate_name(row.gate, row.gate_rule),
            anchor=lambda row: plan_ident(row.file, row.product),
            linked=not options.summary,
            score=svg.score_text,
            number=view.number_text,
            as_of=rows[0].as_of if rows else None,
        )
        return template.render(context)

    yield from table_then_sections(sections, table=table)
    yield "</main>\n</body>\n</html>\n"
