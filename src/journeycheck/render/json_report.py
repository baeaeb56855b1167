"""The ``journeycheck.audit/1`` JSON report (documented in docs/report-format.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.render import RenderOptions
    from journeycheck.result import AuditResult


def render(result: AuditResult, options: RenderOptions) -> str:
    if options.top is not None:
        result = result.model_copy(update={"gaps": result.gaps[: options.top]})
    data = result.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
