"""``journeycheck playbook diff`` as ``journeycheck.playbook-diff/1`` JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.playbook_diff import PlaybookDiff
    from journeycheck.render import RenderOptions


def render(result: PlaybookDiff, options: RenderOptions) -> str:
    data = result.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
