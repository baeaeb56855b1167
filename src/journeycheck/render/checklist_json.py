"""A playbook's checklist as ``journeycheck.checklist/1`` JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.checklist import Checklist
    from journeycheck.render import RenderOptions


def render(checklist: Checklist, options: RenderOptions) -> str:
    data = checklist.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
