"""JSON Schemas: generated from the models, committed under schemas/, and accurate."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from journeycheck.playbooks import PlaybookCache
from journeycheck.reading.compose import parse_text
from journeycheck.render import RenderOptions
from journeycheck.render.json_report import render
from journeycheck.schemas import DRAFT, KINDS, Kind, dumps, plan_schema_for, schema_of
from journeycheck.score import audit
from tests.helpers import BUILTIN_PLAYBOOK, FIXTURES, make_plan, mini_playbook, resolve

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
BUILTIN = PlaybookCache().get("customer-journey", FIXTURES)


def yaml_data(path: Path) -> Any:
    """A YAML file's data as an editor's language server sees it (dates stay text)."""
    return parse_text(path.read_text("utf-8"), str(path)).data


def objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every JSON Schema object inside ``node`` that lists properties."""
    if isinstance(node, dict):
        if "properties" in node:
            yield where, node
        for key, value in node.items():
            yield from objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from objects(value, f"{where}/{index}")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_match_the_models(kind: Kind) -> None:
    committed = SCHEMAS / f"{kind}.schema.json"
    assert committed.read_text("utf-8") == dumps(schema_of(kind)), (
        f"{committed} is out of date with the models; run `make schemas` and commit the result"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_schema_is_draft_2020_12_and_itself_valid(kind: Kind) -> None:
    schema = schema_of(kind)
    assert next(iter(schema)) == "$schema"
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_described_and_every_object_closed(kind: Kind) -> None:
    for where, node in objects(schema_of(kind)):
        assert node.get("additionalProperties") is False, f"{where} is open"
        for name, field in node["properties"].items():
            assert field.get("description"), f"{where}/properties/{name} has no description"


#: Keywords editors' language servers (mostly draft-07 validators) understand; `$defs` is
#: only reached through `$ref` JSON pointers, which work the same in every draft.
DRAFT_07_KEYWORDS = {
    "$schema", "$defs", "$ref", "title", "description", "type", "properties", "required",
    "additionalProperties", "patternProperties", "items", "enum", "const", "anyOf",
    "default", "format", "pattern", "minLength", "minimum", "maximum", "exclusiveMinimum",
    "minItems", "if", "then", "else",
}  # fmt: skip


def keywords(node: Any, inside_properties: bool = False) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if not inside_properties:
                found.add(key)
            nested = key in ("properties", "patternProperties", "$defs") and not inside_properties
            found |= keywords(value, nested)
    elif isinstance(node, list):
        for value in node:
            found |= keywords(value)
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_use_only_keywords_editors_understand(kind: Kind) -> None:
    assert keywords(schema_of(kind)) <= DRAFT_07_KEYWORDS
    assert keywords(plan_schema_for(BUILTIN)) <= DRAFT_07_KEYWORDS


def test_keyed_maps_refuse_keys_that_are_not_ids() -> None:
    traits = schema_of("plan")["properties"]["traits"]
    assert traits["additionalProperties"] is False
    assert list(traits["patternProperties"]) == ["^[a-z0-9]+([._-][a-z0-9]+)*$"]


def test_output_is_deterministic_with_a_trailing_newline() -> None:
    first = dumps(schema_of("report"))
    assert first == dumps(schema_of("report"))
    assert first.endswith("}\n") and not first.endswith("\n\n")


@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=str)
def test_example_plans_validate(example: Path) -> None:
    data = yaml_data(example)
    jsonschema.Draft202012Validator(schema_of("plan")).validate(data)
    jsonschema.Draft202012Validator(plan_schema_for(BUILTIN)).validate(data)


def test_builtin_playbook_validates() -> None:
    data = yaml_data(BUILTIN_PLAYBOOK)
    jsonschema.Draft202012Validator(schema_of("playbook")).validate(data)


def test_json_report_validates_with_every_key_required() -> None:
    playbook = mini_playbook()
    plan = make_plan(
        {
            "discover.marketing.message": {"status": "done", "owner": "M"},
            "use.support.sla": {
                "status": "partial",
                "waiver": {
                    "reason": "r",
                    "approver": "a",
                    "expires": "2027-06-01",
                    "risk_accepted": "Customers wait",
                },
            },
        }
    )
    report = json.loads(render(audit(playbook, plan, dt.date(2027, 1, 15)), RenderOptions()))
    schema = schema_of("report")
    jsonschema.Draft202012Validator(schema).validate(report)
    assert schema["properties"]["schema"]["const"] == "journeycheck.audit/1"
    assert set(schema["required"]) == set(report)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"product": 3}, "is not of type 'string'"),
        ({"extra": 1}, "Additional properties are not allowed"),
        ({"traits": {"Bad Trait": True}}, "does not match any of the regexes"),
        ({"answers": {"a": {"status": "finished"}}}, "is not one of"),
        ({"answers": {"a": {"status": "done", "owner": "x", "color": "red"}}}, "Additional"),
        ({"threshold": 120}, "is greater than the maximum"),
    ],
)
def test_plan_schema_refuses_what_the_models_refuse(change: dict[str, Any], complaint: str) -> None:
    data = {"journeycheck": 1, "product": "P", "playbook": "x", "launch": "2027-03-01"}
    data.update(change)
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.Draft202012Validator(schema_of("plan")).validate(data)


def test_playbook_specific_schema_names_its_questions_traits_and_phases() -> None:
    playbook = mini_playbook()
    schema = plan_schema_for(playbook)
    answers = schema["properties"]["answers"]
    assert list(answers["properties"]) == [q.id for q in playbook.questions]
    assert answers["additionalProperties"] is False
    message = answers["properties"]["discover.marketing.message"]
    assert message == {
        "$ref": "#/$defs/Answer",
        "description": "Is the value message written and approved?",
    }
    traits = schema["properties"]["traits"]
    assert traits["properties"]["channels"] == {
        "type": "boolean",
        "description": "Do partners resell it? (default true)",
        "default": True,
    }
    assert traits["additionalProperties"] is False
    assert schema["properties"]["gate"]["enum"] == ["auto", "discover", "buy", "use"]
    assert "mini 0.1" in schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)
    # The generic schema is untouched.
    assert "properties" not in schema_of("plan")["properties"]["answers"]


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"answers": {"discover.marketing.mesage": {"status": "done"}}}, "Additional"),
        ({"traits": {"hardware": True}}, "Additional"),
        ({"gate": "grow"}, r"'grow' is not one of \['auto', 'discover', 'buy', 'use'\]"),
    ],
)
def test_playbook_specific_schema_flags_typos(change: dict[str, Any], complaint: str) -> None:
    data = {"journeycheck": 1, "product": "P", "playbook": "mini", "launch": "2027-03-01"}
    data.update(change)
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.Draft202012Validator(plan_schema_for(mini_playbook())).validate(data)


@pytest.mark.parametrize("name", ["acme-launch.yaml", "acme-emea.yaml"])
def test_extending_playbooks_validate(name: str) -> None:
    data = yaml_data(FIXTURES / "company" / name)
    jsonschema.Draft202012Validator(schema_of("playbook")).validate(data)


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"phases": []}, "Additional properties are not allowed"),
        ({"override": {"buy.legal.eula": {"severity": "critical"}}}, "not valid under any"),
        ({"override": {"buy.legal.eula": {"team": "legal"}}}, "Additional properties"),
        ({"remove": "buy.legal.eula"}, "is not of type 'array'"),
    ],
)
def test_playbook_schema_checks_an_extension_as_one(change: dict[str, Any], complaint: str) -> None:
    data = {"journeycheck": 1, "extends": "customer-journey", "id": "a", "title": "A"}
    data["version"] = "1"
    data.update(change)
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.Draft202012Validator(schema_of("playbook")).validate(data)


def test_playbook_schema_still_wants_phases_without_extends() -> None:
    data = {"journeycheck": 1, "id": "a", "title": "A", "version": "1", "questions": []}
    data["teams"] = [{"id": "legal", "title": "Legal"}]
    with pytest.raises(jsonschema.ValidationError, match="'phases' is a required property"):
        jsonschema.Draft202012Validator(schema_of("playbook")).validate(data)


def test_plan_schema_for_a_playbook_with_renames_takes_old_ids() -> None:
    playbook = resolve(FIXTURES / "company" / "acme-emea.yaml").playbook
    answers = plan_schema_for(playbook)["properties"]["answers"]["properties"]
    assert answers["buy.legal.eula"]["description"] == (
        "Renamed to buy.legal.customer-terms; 'journeycheck upgrade' moves this answer there."
    )


@pytest.mark.parametrize(
    "args",
    [
        ["{folder}"],  # a folder always gives the portfolio form, even of one plan
        ["{plan}", "{hostile}", "--jobs", "1"],
        ["{plan}", "{plan}", "--top", "1", "--team", "legal", "--phase", "buy"],
        ["{folder}", "{plan}", "--threshold", "0", "--gate", "discover"],
    ],
    ids=" ".join,
)
def test_real_portfolio_output_validates_against_the_portfolio_schema(
    args: list[str], tmp_path: Path
) -> None:
    import shutil

    from typer.testing import CliRunner

    from journeycheck.cli import app

    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(FIXTURES / "mini-plan.yaml", folder / "plan.yaml")
    shutil.copy(FIXTURES / "mini-playbook.yaml", folder / "mini-playbook.yaml")
    values = {
        "folder": folder,
        "plan": folder / "plan.yaml",
        "hostile": FIXTURES / "hostile" / "plan.yaml",
    }
    command = ["audit", *(arg.format(**values) for arg in args), "--as-of", "2027-01-15"]
    result = CliRunner().invoke(app, [*command, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    printed = CliRunner().invoke(app, ["schema", "portfolio"])
    assert printed.exit_code == 0, printed.stderr
    committed = json.loads((SCHEMAS / "portfolio.schema.json").read_text("utf-8"))
    assert json.loads(printed.stdout) == committed
    jsonschema.Draft202012Validator(committed).validate(document)
    assert document["schema"] == committed["properties"]["schema"]["const"]
    assert set(committed["required"]) == set(document)


def test_the_shipped_translations_are_valid_by_the_translation_schema() -> None:
    import yaml

    from journeycheck.playbooks import builtin_translation
    from journeycheck.translations import LANGUAGES

    validator = jsonschema.Draft202012Validator(schema_of("translation"))
    shipped = [builtin_translation("customer-journey", lang) for lang in LANGUAGES]
    files = [resource for resource in shipped if resource is not None]
    assert files
    for resource in files:
        data = yaml.safe_load(resource.read_text("utf-8"))
        assert list(validator.iter_errors(data)) == []
        del data["journeycheck-translation"]
        assert list(validator.iter_errors(data)) != []


def test_the_plan_schema_of_a_playbook_knows_its_kpis_and_stages() -> None:
    schema = jsonschema.Draft202012Validator(plan_schema_for(mini_playbook()))
    base = {"journeycheck": 1, "product": "P", "playbook": "mini", "launch": "2027-03-01"}
    assert schema.is_valid({**base, "kpis": {"time-to-close": {"target": 30}}})
    assert not schema.is_valid({**base, "kpis": {"time-to-clos": {"target": 30}}})
    assert not schema.is_valid({**base, "kpis": {"time-to-close": {"target": "30"}}})
    assert schema.is_valid({**base, "accounts": [{"name": "G", "stage": "buy"}]})
    assert not schema.is_valid({**base, "accounts": [{"name": "G", "stage": "grow"}]})
