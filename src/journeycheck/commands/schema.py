"""``journeycheck schema``: the JSON Schema of a plan, a playbook or the JSON report."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_OK

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter


class SchemaKind(str, enum.Enum):
    """The documents ``journeycheck schema`` prints (see journeycheck.schemas.KINDS)."""

    PLAN = "plan"
    PLAYBOOK = "playbook"
    TRANSLATION = "translation"
    REPORT = "report"
    PORTFOLIO = "portfolio"
    DIFF = "diff"
    HISTORY = "history"
    AGENDA = "agenda"


def run(reporter: Reporter, *, kind: SchemaKind, playbook: str | None) -> int:
    """Print the schema of ``kind``; with ``playbook``, the plan schema narrowed to it."""
    from journeycheck.errors import BadParameter

    if playbook is not None and kind is not SchemaKind.PLAN:
        raise BadParameter("--playbook", "JC422")

    from journeycheck.playbooks import PlaybookCache
    from journeycheck.schemas import dumps, plan_schema_for, schema_of

    if playbook is not None:
        document = plan_schema_for(PlaybookCache().get(playbook))
    else:
        document = schema_of(kind.value)
    reporter.out(dumps(document))
    return EXIT_OK
