"""SARIF 2.1.0: valid against the OASIS schema, located on the plan's lines, stable fingerprints."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journeycheck import __version__
from journeycheck.pipeline import AuditSettings
from journeycheck.render.sarif import FINGERPRINT, LEVELS, artifact_location
from journeycheck.render.sarif import log as render
from tests.helpers import FIXTURES, assert_golden
from tests.render.tickets_cases import AS_OF, HOSTILE, MINI, tickets, tickets_of

SCHEMA = Path(__file__).parents[1] / "sarif" / "sarif-schema-2.1.0.json"


@functools.cache
def validator() -> Any:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif_of(*plans: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render([tickets(plan) for plan in plans]))
    return log


def test_golden_sarif_mini() -> None:
    assert_golden("audit-mini.sarif", render([tickets(MINI)]))


def test_golden_sarif_hostile() -> None:
    assert_golden("audit-hostile.sarif", render([tickets(HOSTILE)]))


def test_the_committed_schema_is_the_oasis_one() -> None:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


@pytest.mark.parametrize("plans", [(MINI,), (HOSTILE,), (MINI, HOSTILE)])
def test_valid_against_the_sarif_schema(plans: tuple[str, ...]) -> None:
    validator().validate(sarif_of(*plans))


def test_the_schema_check_can_fail() -> None:
    log = sarif_of(MINI)
    log["runs"][0]["results"][0]["level"] = "blocker"
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(log)


def test_tool_rules_and_results() -> None:
    exported = tickets(MINI)
    run = sarif_of(MINI)["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("journeycheck", __version__)
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert set(rule_ids) == {t.question for t in exported.tickets}
    results = run["results"]
    assert len(results) == len(exported.tickets)
    for ticket, result in zip(exported.tickets, results, strict=True):
        assert result["ruleId"] == ticket.question
        assert driver["rules"][result["ruleIndex"]]["id"] == ticket.question
        assert result["level"] == LEVELS[ticket.severity]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (ticket.line, ticket.column)
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": MINI, "uriBaseId": "%SRCROOT%"}
    assert {r["level"] for r in results} == {"error", "warning", "note"}


def test_rule_descriptions_come_from_the_playbook() -> None:
    rules = {rule["id"]: rule for rule in sarif_of(HOSTILE)["runs"][0]["tool"]["driver"]["rules"]}
    formula = rules["find.rnd.formula"]
    assert formula["shortDescription"]["text"] == "=1+2, \"a\"; 'b' `c` $(d) ${e} \\f"
    assert formula["fullDescription"]["text"].startswith(formula["shortDescription"]["text"])
    assert "+SUM(A1:A9) on the first line," in formula["fullDescription"]["text"]
    newlines = rules["find.sales.newlines"]
    assert "\n" not in newlines["shortDescription"]["text"]


def test_levels_follow_severity() -> None:
    assert LEVELS == {"blocker": "error", "major": "warning", "minor": "note"}


def moved_copy(folder: Path, *, blank_lines: int, edit: bool) -> Path:
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder / "mini-playbook.yaml")
    text = (FIXTURES / "mini-plan.yaml").read_text("utf-8")
    if edit:
        text = text.replace(
            "    status: partial\n    owner: Ivo Legal", "    status: blocked\n    owner: Ivo Legal"
        )
    plan = folder / "plan.yaml"
    plan.write_text("# notes\n" * blank_lines + text, "utf-8")
    return plan


def results_of(plan: Path) -> dict[str, dict[str, Any]]:
    log = json.loads(render([tickets_of(plan, AuditSettings(as_of=AS_OF), None)]))
    return {result["ruleId"]: result for result in log["runs"][0]["results"]}


def test_fingerprints_survive_moved_lines_and_changed_answers(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    before = results_of(moved_copy(tmp_path / "a", blank_lines=0, edit=False))
    after = results_of(moved_copy(tmp_path / "b", blank_lines=3, edit=True))
    assert before.keys() == after.keys()
    for rule, result in before.items():
        assert result["partialFingerprints"] == after[rule]["partialFingerprints"]
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        moved = after[rule]["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert moved == line + 3
    assert before["buy.legal.eula"]["message"] != after["buy.legal.eula"]["message"]
    prints = [r["partialFingerprints"][FINGERPRINT] for r in before.values()]
    assert len(set(prints)) == len(prints)


def test_another_product_has_other_fingerprints(tmp_path: Path) -> None:
    plan = moved_copy(tmp_path, blank_lines=0, edit=False)
    before = results_of(plan)
    plan.write_text(plan.read_text("utf-8").replace("Acme Ledger", "Acme Books"), "utf-8")
    after = results_of(plan)
    for rule, result in before.items():
        assert result["partialFingerprints"] != after[rule]["partialFingerprints"]


@pytest.mark.parametrize(
    ("file", "location"),
    [
        ("launch-plan.yaml", {"uri": "launch-plan.yaml", "uriBaseId": "%SRCROOT%"}),
        ("./plans/a plan.yaml", {"uri": "plans/a%20plan.yaml", "uriBaseId": "%SRCROOT%"}),
        ("plans\\win.yaml", {"uri": "plans/win.yaml", "uriBaseId": "%SRCROOT%"}),
        (
            "plans/план#1.yaml",
            {"uri": "plans/%D0%BF%D0%BB%D0%B0%D0%BD%231.yaml", "uriBaseId": "%SRCROOT%"},
        ),
        ("/srv/repo/plan.yaml", {"uri": "file:///srv/repo/plan.yaml"}),
        ("C:\\repo\\plan.yaml", {"uri": "file:///C:/repo/plan.yaml"}),
    ],
)
def test_artifact_locations(file: str, location: dict[str, str]) -> None:
    assert artifact_location(file) == location


def test_an_empty_log_and_a_log_of_several_plans_are_valid() -> None:
    empty = json.loads(render([]))
    validator().validate(empty)
    assert empty["runs"][0]["results"] == [] and empty["runs"][0]["tool"]["driver"]["rules"] == []
    both = json.loads(render([tickets(MINI), tickets(MINI)]))
    rules = both["runs"][0]["tool"]["driver"]["rules"]
    results = both["runs"][0]["results"]
    assert len(results) == 2 * len(rules)  # the same questions: their rules are listed once
    assert [r["ruleIndex"] for r in results[: len(rules)]] == list(range(len(rules)))


def test_one_result_per_line_so_one_changed_gap_changes_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    before = render(
        [
            tickets_of(
                moved_copy(tmp_path / "a", blank_lines=0, edit=False),
                AuditSettings(as_of=AS_OF),
                None,
            )
        ]
    ).splitlines()
    after = render(
        [
            tickets_of(
                moved_copy(tmp_path / "a", blank_lines=0, edit=True),
                AuditSettings(as_of=AS_OF),
                None,
            )
        ]
    ).splitlines()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(changed) == 1
    assert '"ruleId": "buy.legal.eula"' in changed[0][1]
