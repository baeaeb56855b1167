"""Any journeycheck document as JSON: the review's diff, history and agenda.

The models' own serializer writes them, as it writes the audit report
(docs/report-format.md): two-space indents, keys in model order, one final
newline. No Rich, no Jinja.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

    from journeycheck.render import RenderOptions


def render(document: BaseModel, options: RenderOptions) -> str:
    return document.model_dump_json(indent=2, by_alias=True) + "\n"
