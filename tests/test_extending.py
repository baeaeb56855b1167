"""Playbooks that extend other playbooks: resolving a chain, and every refusal located.

The company fixture (tests/fixtures/company) is two levels deep:

  acme-emea 1.2  extends  acme-launch 3  extends  mini 0.1 (tests/fixtures/mini-playbook.yaml)

acme-launch adds a trait (regulated), a team (security) and two questions
(discover.security.review, buy.legal.export when regulated); removes
discover.marketing.webinar and team:manufacturing (with buy.manufacturing.forecast);
makes discover.legal.trademark a blocker due -60, weighs use.support.community 2.5,
defaults channels to false, and renames buy.legal.eula to buy.legal.customer-terms.
acme-emea adds team regional-legal with buy.regional-legal.gdpr, removes
buy.marketing.partner-kit, rewords buy.legal.customer-terms, makes use.support.sla a
major, retitles team security, and renames use.support.community to use.support.forum.

The corpus in tests/cases/extending has one file per refusal, each starting with
``# expect: [FILE:]LINE:COL: message`` lines; FILE, when given, is another file of
the chain (relative to the case), where the problem must be reported.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.checking.references import check_plan
from journeycheck.checking.shape import validate_plan
from journeycheck.errors import InputError
from journeycheck.extending import MAX_CHAIN, Resolver, Source, follow_renames, place
from journeycheck.models import Ancestor
from journeycheck.playbooks import PlaybookCache
from journeycheck.reading.compose import parse_text
from journeycheck.result import PlaybookRef
from journeycheck.score import audit
from tests.helpers import FIXTURES, Files, mini_playbook, resolve

CASES = Path(__file__).parent / "cases" / "extending"
COMPANY = FIXTURES / "company"


# -- the company fixture, resolved --------------------------------------------------


def test_two_levels_add_remove_override_and_rename() -> None:
    playbook = resolve(COMPANY / "acme-emea.yaml").playbook
    assert (playbook.id, playbook.version, playbook.title) == (
        "acme-emea",
        "1.2",
        "Acme EMEA launch playbook",
    )
    assert [
        (q.id, q.phase, q.team, q.severity, q.effective_weight, q.evidence, q.due, q.when)
        for q in playbook.questions
    ] == [
        ("discover.marketing.message", "discover", "marketing", "blocker", 3, "optional", -60, {}),
        ("discover.legal.trademark", "discover", "legal", "blocker", 3, "required", -60, {}),
        ("buy.legal.customer-terms", "buy", "legal", "blocker", 3, "required", -30, {}),
        ("use.support.sla", "use", "support", "major", 4, "optional", 0, {}),
        ("use.support.forum", "use", "support", "minor", 2.5, "optional", 30, {}),
        ("discover.security.review", "discover", "security", "blocker", 3, "required", -50, {}),
        ("buy.legal.export", "buy", "legal", "major", 2, "optional", -40, {"regulated": True}),
        ("buy.regional-legal.gdpr", "buy", "regional-legal", "blocker", 3, "required", -30, {}),
    ]
    terms = playbook.questions[2]
    assert terms.ask == "Are the customer terms published in every EMEA language?"
    assert terms.help == ""  # the base question had none; the override changed only ask
    assert [(t.id, t.title) for t in playbook.teams] == [
        ("marketing", "Marketing"),
        ("legal", "Legal"),
        ("support", "Support"),
        ("security", "Security and privacy review board"),
        ("regional-legal", "Regional legal"),
    ]
    assert {name: trait.default for name, trait in playbook.traits.items()} == {
        "physical": False,
        "channels": False,
        "regulated": False,
    }
    assert playbook.phase_ids() == ["discover", "buy", "use"]
    assert [k.id for k in playbook.kpis] == ["time-to-close"]
    assert playbook.renamed == {
        "buy.legal.eula": "buy.legal.customer-terms",
        "use.support.community": "use.support.forum",
    }
    assert playbook.description == "A small playbook for tests, with hand-checkable numbers."


def test_the_resolved_playbook_knows_its_lineage() -> None:
    playbook = resolve(COMPANY / "acme-emea.yaml").playbook
    assert playbook.lineage == (
        Ancestor(id="acme-launch", version="3", title="Acme launch playbook"),
        Ancestor(id="mini", version="0.1", title="Mini launch playbook"),
    )
    assert PlaybookRef.of(playbook).lineage == ("acme-emea 1.2 ← acme-launch 3 ← mini 0.1")
    assert resolve(FIXTURES / "mini-playbook.yaml").playbook.lineage == ()


def test_each_part_is_located_in_the_file_that_wrote_it() -> None:
    resolved = resolve(COMPANY / "acme-emea.yaml")
    doc = resolved.doc

    def where(*path: str | int) -> str:
        return place(doc, path).rsplit(":", 1)[0]  # file:line, without the column

    index = {q.id: i for i, q in enumerate(resolved.playbook.questions)}
    terms = index["buy.legal.customer-terms"]
    assert where("questions", terms, "ask") == "company/acme-emea.yaml:20"  # overridden there
    assert where("questions", terms, "id") == "company/acme-launch.yaml:34"  # renamed there
    assert where("questions", terms, "severity") == "mini-playbook.yaml:44"  # as in the base
    assert where("questions", index["use.support.forum"], "weight") == "company/acme-launch.yaml:31"
    assert (
        where("questions", index["buy.regional-legal.gdpr"], "team") == "company/acme-emea.yaml:12"
    )
    assert where("teams", 3, "title") == "company/acme-emea.yaml:22"
    assert where("traits", "channels", "default") == "company/acme-launch.yaml:32"
    assert where("phases", 1, "id") == "mini-playbook.yaml:11"
    assert where("renamed", "buy.legal.eula") == "company/acme-launch.yaml:34"


def test_a_base_shared_by_a_chain_is_read_and_resolved_once() -> None:
    files = Files(FIXTURES)
    resolver = Resolver(files.read)
    first = resolver.resolve(files.source(COMPANY / "acme-emea.yaml"))
    again = resolver.resolve(files.source(COMPANY / "acme-launch.yaml"))
    assert files.reads == [
        "acme-emea.yaml",
        "acme-launch.yaml",
        "mini-playbook.yaml",
        "acme-launch.yaml",
    ]
    assert again.playbook.id == "acme-launch"
    assert first.playbook.lineage[0].id == again.playbook.id


# -- a plan scored against the company playbook, by hand -----------------------------

EMEA_PLAN = """\
journeycheck: 1
product: Ledgerline EMEA
playbook: company/acme-emea.yaml
launch: 2027-03-01
gate: buy
answers:
  discover.marketing.message: {status: done, owner: Maria}
  discover.legal.trademark: {status: done, owner: Ivo, evidence: https://wiki.example.com/tm}
  discover.security.review: {status: partial, owner: Dana}
  buy.legal.eula: {status: done, owner: Ivo, evidence: https://wiki.example.com/terms}
  buy.regional-legal.gdpr: {status: not-started, owner: Lena}
  use.support.sla: {status: done, owner: Sam}
  use.support.community: {status: n/a, note: No forum in the first release.}
"""


def test_scores_and_verdict_against_the_company_playbook() -> None:
    playbook = resolve(COMPANY / "acme-emea.yaml").playbook
    doc = parse_text(EMEA_PLAN, "plan.yaml")
    plan = validate_plan(doc)
    check_plan(doc, plan, playbook)  # old ids (eula, community) are accepted
    result = audit(playbook, follow_renames(plan, playbook), dt.date(2027, 1, 15))
    # Applicable with default traits (regulated off): 7 questions; export is switched off.
    # Gate scope discover+buy: message 3, trademark 3 (a blocker now), review 3,
    # customer-terms 3, gdpr 3 = 15; earned 3 + 3 + 1.5 + 3 + 0 = 10.5.
    assert result.score == 70.0
    # Whole plan: + sla 4 of 4 (weight 4 kept, severity major); forum is n/a with a note.
    assert result.total_score == 76.3  # 14.5 / 19
    assert [(p.id, p.score, p.open_blockers) for p in result.phases] == [
        ("discover", 83.3, 1),  # 7.5 / 9; the review is a blocker at half credit
        ("buy", 50.0, 1),  # 3 / 6; gdpr
        ("use", 100.0, 0),  # the SLA is no longer a blocker
    ]
    assert [(t.id, t.score) for t in result.teams] == [
        ("marketing", 100.0),
        ("legal", 100.0),
        ("support", 100.0),
        ("security", 50.0),
        ("regional-legal", 0.0),
    ]
    assert result.verdict == "no-go"
    assert result.ready_through is None
    assert [(g.question, g.reasons, g.points) for g in result.gaps] == [
        ("buy.regional-legal.gdpr", ["not-started"], 20.0),  # 100 * 3 / 15, due 2027-01-30
        ("discover.security.review", ["partial", "overdue"], 10.0),  # due 2027-01-10
    ]
    assert result.counts.model_dump() == {
        "applicable": 7,
        "done": 4,
        "partial": 1,
        "open": 1,
        "na": 1,
        "waived": 0,
    }


def test_answers_under_old_ids_score_as_under_new_ones() -> None:
    playbook = resolve(COMPANY / "acme-emea.yaml").playbook
    old = validate_plan(parse_text(EMEA_PLAN, "plan.yaml"))
    renamed = EMEA_PLAN.replace("buy.legal.eula", "buy.legal.customer-terms").replace(
        "use.support.community", "use.support.forum"
    )
    new = validate_plan(parse_text(renamed, "plan.yaml"))
    as_of = dt.date(2027, 1, 15)
    assert audit(playbook, follow_renames(old, playbook), as_of) == audit(playbook, new, as_of)
    assert follow_renames(new, playbook) is new


def test_a_plan_answering_both_the_old_and_the_new_id_is_refused() -> None:
    playbook = resolve(COMPANY / "acme-emea.yaml").playbook
    text = EMEA_PLAN + "  buy.legal.customer-terms: {status: partial}\n"
    doc = parse_text(text, "plan.yaml")
    with pytest.raises(InputError) as caught:
        check_plan(doc, validate_plan(doc), playbook)
    assert [str(p) for p in caught.value.problems] == [
        "plan.yaml:10:3: 'buy.legal.eula' was renamed to 'buy.legal.customer-terms' in playbook "
        "'acme-emea', and this plan answers both; keep one of the two answers "
        "('journeycheck upgrade' moves old answers to their new ids)"
    ]


# -- refusals, each located where it was written ------------------------------------


def expected(case: Path) -> list[str]:
    lines = []
    for line in case.read_text("utf-8").splitlines():
        if not line.startswith("# expect:"):
            break
        expect = line.removeprefix("# expect:").strip()
        lines.append(f"{case.name}:{expect}" if expect[:1].isdigit() else expect)
    assert lines, f"{case} has no '# expect:' line"
    return lines


@pytest.mark.parametrize("case", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_refusal_is_located_in_the_file_that_wrote_it(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Through the playbook door, as every command reads a playbook, from the corpus folder
    # so that files are named as a user there would see them.
    monkeypatch.chdir(CASES)
    with pytest.raises(InputError) as caught:
        PlaybookCache().read(Path(case.name))
    assert [str(p) for p in caught.value.problems] == expected(case)


def test_every_problem_of_an_extension_is_reported_at_once(tmp_path: Path) -> None:
    # As for any playbook, a file whose shape is wrong (a key no override has) stops at
    # the shape; one whose shape is right gets every problem of its changes at once.
    (tmp_path / "base.yaml").write_text((FIXTURES / "mini-playbook.yaml").read_text("utf-8"))
    top = tmp_path / "top.yaml"
    top.write_text(
        "journeycheck: 1\nextends: base.yaml\nid: top\ntitle: Top\nversion: '1'\n"
        "remove: [buy, discover.legal.trademrk]\n"
        "override:\n  use.support.sla: {severity: major, phase: buy}\n"
        "  team:support: {title: Help desk}\n"
    )
    with pytest.raises(InputError) as caught:
        resolve(top, root=tmp_path)
    assert [(p.line, p.column) for p in caught.value.problems] == [(6, 10), (6, 15), (8, 38)]


def chain(folder: Path, files: int) -> Path:
    """``files`` playbooks, each extending the next; the last is the mini playbook."""
    (folder / "level-1.yaml").write_text((FIXTURES / "mini-playbook.yaml").read_text("utf-8"))
    for level in range(2, files + 1):
        (folder / f"level-{level}.yaml").write_text(
            f"journeycheck: 1\nextends: level-{level - 1}.yaml\nid: level-{level}\n"
            f"title: Level {level}\nversion: '{level}'\n"
        )
    return folder / f"level-{files}.yaml"


def test_a_chain_as_deep_as_the_limit_resolves(tmp_path: Path) -> None:
    playbook = resolve(chain(tmp_path, MAX_CHAIN), root=tmp_path).playbook
    assert len(playbook.lineage) == MAX_CHAIN - 1
    assert playbook.questions == mini_playbook().questions


def test_a_chain_deeper_than_the_limit_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        resolve(chain(tmp_path, MAX_CHAIN + 1), root=tmp_path)
    names = " → ".join(f"level-{level}.yaml" for level in range(MAX_CHAIN + 1, 0, -1))
    assert [str(p) for p in caught.value.problems] == [
        f"level-2.yaml:2:10: extends: 'level-1.yaml' makes a chain of more than {MAX_CHAIN} "
        f"playbooks ({names}); extend a playbook nearer the built-in one"
    ]


def test_renames_compose_along_the_chain(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text((FIXTURES / "mini-playbook.yaml").read_text("utf-8"))
    (tmp_path / "one.yaml").write_text(
        "journeycheck: 1\nextends: base.yaml\nid: one\ntitle: One\nversion: '1'\n"
        "renamed: {buy.legal.eula: buy.legal.terms}\n"
    )
    (tmp_path / "two.yaml").write_text(
        "journeycheck: 1\nextends: one.yaml\nid: two\ntitle: Two\nversion: '1'\n"
        "renamed: {buy.legal.terms: buy.legal.customer-terms}\n"
    )
    playbook = resolve(tmp_path / "two.yaml", root=tmp_path).playbook
    assert playbook.renamed == {
        "buy.legal.eula": "buy.legal.customer-terms",
        "buy.legal.terms": "buy.legal.customer-terms",
    }
    assert "buy.legal.customer-terms" in {q.id for q in playbook.questions}


def test_removing_a_question_drops_its_recorded_old_ids(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text((FIXTURES / "mini-playbook.yaml").read_text("utf-8"))
    (tmp_path / "one.yaml").write_text(
        "journeycheck: 1\nextends: base.yaml\nid: one\ntitle: One\nversion: '1'\n"
        "renamed: {buy.legal.eula: buy.legal.terms}\n"
    )
    (tmp_path / "two.yaml").write_text(
        "journeycheck: 1\nextends: one.yaml\nid: two\ntitle: Two\nversion: '1'\n"
        "remove: [team:legal]\n"
    )
    playbook = resolve(tmp_path / "two.yaml", root=tmp_path).playbook
    assert playbook.renamed == {}
    assert [t.id for t in playbook.teams] == ["marketing", "support", "manufacturing"]


def test_trait_and_kpi_overrides_apply(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text((FIXTURES / "mini-playbook.yaml").read_text("utf-8"))
    top = tmp_path / "top.yaml"
    top.write_text(
        "journeycheck: 1\nextends: base.yaml\nid: top\ntitle: Top\nversion: '1'\n"
        "description: Our own.\n"
        "override:\n"
        "  trait:physical: {ask: Does it ship a device?, default: true}\n"
        "  kpi:time-to-close: {unit: hours, phase: discover}\n"
        "  use.support.sla: {weight: null, due: null, when: {physical: true}}\n"
    )
    playbook = resolve(top, root=tmp_path).playbook
    assert playbook.traits["physical"].model_dump() == {
        "ask": "Does it ship a device?",
        "default": True,
    }
    kpi = playbook.kpis[0]
    assert (kpi.unit, kpi.phase, kpi.title) == ("hours", "discover", "Time to close")
    sla = next(q for q in playbook.questions if q.id == "use.support.sla")
    assert (sla.weight, sla.effective_weight, sla.due, sla.when) == (
        None,
        3.0,
        None,
        {"physical": True},
    )
    assert playbook.description == "Our own."


def test_a_built_in_playbook_can_be_extended() -> None:
    from journeycheck import playbooks

    builtin = playbooks.builtin_file("customer-journey")
    assert builtin is not None

    def read(reference: str, by: Source) -> Source:
        assert reference == "customer-journey"
        return Source(
            "builtin:customer-journey", parse_text(builtin.read_text("utf-8"), "customer-journey")
        )

    text = (
        "journeycheck: 1\nextends: customer-journey\nid: acme\ntitle: Acme\nversion: '3'\n"
        "override:\n  buy.legal.sla-support-terms: {severity: major}\n"
        "  buy.legal.warranty-liability: {risk: Acme customers carry their own insurance.}\n"
    )
    playbook = Resolver(read).resolve(Source("acme", parse_text(text, "acme.yaml"))).playbook
    assert len(playbook.questions) == 132
    assert playbook.lineage[0].id == "customer-journey"
    by_id = {q.id: q for q in playbook.questions}
    assert by_id["buy.legal.sla-support-terms"].severity == "major"
    # The base's risk stays unless overridden; an override replaces it.
    assert by_id["buy.legal.sla-support-terms"].risk.startswith("Customers buy without clear")
    assert by_id["buy.legal.warranty-liability"].risk == "Acme customers carry their own insurance."


# -- properties ------------------------------------------------------------------------

MINI_IDS = [q.id for q in mini_playbook().questions]


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(MINI_IDS)))
def test_removing_questions_keeps_the_others_in_order(removed: set[str]) -> None:
    base_text = (FIXTURES / "mini-playbook.yaml").read_text("utf-8")

    def read(reference: str, by: Source) -> Source:
        return Source("base", parse_text(base_text, "base.yaml"))

    listing = "".join(f"  - {question}\n" for question in sorted(removed))
    text = "journeycheck: 1\nextends: base.yaml\nid: top\ntitle: Top\nversion: '1'\n"
    text += f"remove:\n{listing}" if removed else ""
    playbook = Resolver(read).resolve(Source("top", parse_text(text, "top.yaml"))).playbook
    assert [q.id for q in playbook.questions] == [i for i in MINI_IDS if i not in removed]
    assert list(playbook.questions) == [q for q in mini_playbook().questions if q.id not in removed]
