"""JSON Schemas of a plan, a playbook and the JSON report, generated from the models.

Editors use them (through the YAML language server) to complete keys and allowed
values and to flag mistakes as a product manager types. The generic schemas are
committed under ``schemas/`` and printed by ``journeycheck schema``; a test fails
when they drift from the models. :func:`plan_schema_for` narrows the plan schema to
one playbook's question ids, traits and phases; ``journeycheck init`` writes that
one beside the plan it creates.
"""

from __future__ import annotations

import copy
import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue, models_json_schema

from journeycheck.changes import Agenda, Diff, History
from journeycheck.models import AUTO_GATE, Extension, Plan, Playbook, TranslationFile
from journeycheck.result import AUDIT_REVISION, AuditResult, Portfolio

if TYPE_CHECKING:
    from pydantic_core import core_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"


#: The documents journeycheck has a schema for, as ``journeycheck schema`` names them.
Kind = Literal[
    "plan", "playbook", "translation", "report", "portfolio", "diff", "history", "agenda"
]
KINDS: tuple[Kind, ...] = (
    "plan",
    "playbook",
    "translation",
    "report",
    "portfolio",
    "diff",
    "history",
    "agenda",
)

_TITLES: dict[Kind, str] = {
    "plan": "journeycheck product plan",
    "playbook": "journeycheck playbook",
    "translation": "journeycheck playbook translation",
    "report": f"journeycheck audit report (journeycheck.audit/1, revision {AUDIT_REVISION})",
    "portfolio": "journeycheck portfolio report (journeycheck.portfolio/1, of audits of "
    f"revision {AUDIT_REVISION})",
    "diff": "journeycheck comparison of two audits (journeycheck.diff/1)",
    "history": "journeycheck readiness history (journeycheck.history/1)",
    "agenda": "journeycheck review agenda (journeycheck.agenda/1)",
}


#: The JSON documents journeycheck writes, by kind.
_REPORTS: dict[Kind, type[BaseModel]] = {
    "report": AuditResult,
    "portfolio": Portfolio,
    "diff": Diff,
    "history": History,
    "agenda": Agenda,
}


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, adjusted to say what journeycheck actually accepts and writes."""

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        # Keys that must match a pattern (trait ids, say) are closed: the models refuse
        # any other key, so the schema should too.
        result = super().dict_schema(schema)
        if "patternProperties" in result and "additionalProperties" not in result:
            result["additionalProperties"] = False
        return result

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        # The JSON report always writes every field, defaults included.
        if self.mode == "serialization":
            return field.get("serialization_exclude_if") is None
        return super().field_is_required(field, total)


def schema_of(kind: Kind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a ``kind`` document."""
    if kind == "plan":
        body = Plan.model_json_schema(schema_generator=_Generator)
    elif kind == "playbook":
        body = _playbook_schema()
    elif kind == "translation":
        body = _translation_schema()
    else:
        document = _REPORTS[kind]
        body = document.model_json_schema(
            by_alias=True, mode="serialization", schema_generator=_Generator
        )
    return _with_header(body, _TITLES[kind])


def _playbook_schema() -> dict[str, Any]:
    """A whole playbook, or, when it has ``extends``, one written as changes to another."""
    _, defs = models_json_schema(
        [(Playbook, "validation"), (Extension, "validation")],
        ref_template="#/$defs/{model}",
        schema_generator=_Generator,
    )
    return {
        "description": "A launch-readiness playbook: phases, teams and the questions each team "
        "answers; or, with `extends`, a playbook written as changes to another one.",
        "if": {"required": ["extends"]},
        "then": {"$ref": "#/$defs/Extension"},
        "else": {"$ref": "#/$defs/Playbook"},
        **defs,
    }


def _translation_schema() -> dict[str, Any]:
    """A translation file: the model, and the format key the model leaves to the reader."""
    from journeycheck.translations import FORMAT_KEY, FORMAT_VERSION

    body = TranslationFile.model_json_schema(schema_generator=_Generator)
    body["properties"] = {
        FORMAT_KEY: {
            "const": FORMAT_VERSION,
            "description": "Format version of this file; journeycheck reads version 1.",
        },
        **body["properties"],
    }
    body["required"] = [FORMAT_KEY, *body.get("required", [])]
    return body


def plan_schema_for(playbook: Playbook) -> dict[str, Any]:
    """The plan schema narrowed to ``playbook``.

    ``answers`` lists the playbook's question ids (each described by its
    question, so an editor shows it on hover) and refuses any other;
    ``traits`` lists its traits; ``gate`` its phases.
    """
    schema = copy.deepcopy(schema_of("plan"))
    schema["title"] = f"journeycheck product plan for playbook {playbook.id} {playbook.version}"
    properties = schema["properties"]
    answers = properties["answers"]
    answers.pop("additionalProperties", None)
    answers["properties"] = {
        question.id: {"$ref": "#/$defs/Answer", "description": _described(question.ask)}
        for question in playbook.questions
    }
    # An answer under an old id still counts; the description says where it belongs now.
    for old, new in playbook.renamed.items():
        answers["properties"][old] = {
            "$ref": "#/$defs/Answer",
            "description": f"Renamed to {new}; 'journeycheck upgrade' moves this answer there.",
        }
    answers["additionalProperties"] = False
    traits = properties["traits"]
    traits.pop("patternProperties", None)
    traits["properties"] = {
        name: {
            "type": "boolean",
            "description": f"{trait.ask} (default {str(trait.default).lower()})",
            "default": trait.default,
        }
        for name, trait in playbook.traits.items()
    }
    traits["additionalProperties"] = False
    owners = properties["owners"]
    owners.pop("patternProperties", None)
    owners["properties"] = {
        team.id: {
            "type": "string",
            "minLength": 1,
            "description": f"Owner of {team.title}'s answers.",
        }
        for team in playbook.teams
    }
    owners["additionalProperties"] = False
    gate = properties["gate"]
    gate.pop("pattern", None)
    gate["enum"] = [AUTO_GATE, *playbook.phase_ids()]
    _narrow_kpis_and_accounts(schema, playbook)
    return schema


def _narrow_kpis_and_accounts(schema: dict[str, Any], playbook: Playbook) -> None:
    """``kpis`` keyed by the playbook's KPI ids, and an account's stage one of its phases."""
    kpis = schema["properties"]["kpis"]
    kpis.pop("patternProperties", None)
    kpis["properties"] = {
        kpi.id: {
            "$ref": "#/$defs/KpiValue",
            "description": f"{kpi.title} ({kpi.unit}; {kpi.better} is better; {kpi.phase}).",
        }
        for kpi in playbook.kpis
    }
    kpis["additionalProperties"] = False
    stage = schema["$defs"]["Account"]["properties"]["stage"]
    stage.pop("pattern", None)
    stage["enum"] = playbook.phase_ids()


def dumps(schema: dict[str, Any]) -> str:
    """``schema`` as text: two-space indents, non-ASCII kept, one trailing newline.

    Key order is the generator's, which is deterministic, so the same models
    always give the same bytes.
    """
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _with_header(body: dict[str, Any], title: str) -> dict[str, Any]:
    body = dict(body)
    body["title"] = title
    return {"$schema": DRAFT, **body}


def _described(text: str) -> str:
    return " ".join(text.split())
