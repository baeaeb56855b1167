"""The JSON report formats: real output against their JSON Schema, and their documentation."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import BaseModel

from journeycheck.changes import Agenda, Diff, History
from journeycheck.result import AuditResult, Portfolio
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DOC = ROOT / "docs" / "report-format.md"


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    schema: dict[str, Any] = model.model_json_schema(by_alias=True, mode="serialization")
    return schema


def validator(model: type[BaseModel]) -> jsonschema.Draft202012Validator:
    schema = schema_of(model)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def audit_json(*args: str) -> Any:
    code, out, err = invoke("audit", *args, "--as-of", "2027-01-15", "-f", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.stem)
def test_single_plan_report_matches_its_schema(example: Path) -> None:
    data = audit_json(str(example))
    validator(AuditResult).validate(data)
    assert data["schema"] == "journeycheck.audit/1"
    assert data["file"] == str(example)


def test_portfolio_report_matches_its_schema() -> None:
    data = audit_json(str(ROOT / "examples"))
    validator(Portfolio).validate(data)
    assert data["schema"] == "journeycheck.portfolio/1"
    assert [plan["file"] for plan in data["plans"]] == [str(path) for path in EXAMPLES]


def test_the_schema_rejects_what_the_format_does_not_allow() -> None:
    data = audit_json(str(EXAMPLES[0]))
    check = validator(AuditResult)
    for broken in (
        {**data, "verdict": "maybe"},
        {**data, "as_of": "15/01/2027"},
        {**data, "unknown": 1},
        {**data, "gaps": [{**data["gaps"][0], "reasons": ["bad-luck"]}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            check.validate(broken)


def _fields(schema: dict[str, Any]) -> set[str]:
    names = set(schema.get("properties", {}))
    for definition in schema.get("$defs", {}).values():
        names |= set(definition.get("properties", {}))
    return names


@pytest.mark.parametrize("model", [AuditResult, Portfolio, Diff, History, Agenda])
def test_every_field_is_documented(model: type[BaseModel]) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text("utf-8"), re.MULTILINE))
    missing = _fields(schema_of(model)) - documented
    assert not missing, f"docs/report-format.md does not describe {sorted(missing)}"
