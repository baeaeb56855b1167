"""The ``journeycheck.audit/1`` and ``journeycheck.portfolio/1`` JSON reports.

Both are documented in docs/report-format.md. They are written by the result
models' own serializer: no Rich, no Jinja.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.render import RenderOptions, Section
    from journeycheck.result import AuditResult


def render(result: AuditResult, options: RenderOptions) -> str:
    return _dump(result, options) + "\n"


def render_section(result: AuditResult, options: RenderOptions) -> str:
    """One plan as it stands in the portfolio document's ``plans`` list."""
    return "    " + _dump(result, options).replace("\n", "\n    ")


def assemble(sections: Iterable[Section], options: RenderOptions) -> Iterator[str | bytes]:
    """The portfolio document, one plan at a time.

    Each plan is written as soon as it arrives and then dropped, so memory does
    not grow with the number of plans. The layout is what ``json.dumps`` with
    ``indent=2`` gives for the whole document. A plan that came from a worker
    process as UTF-8 is passed on as it came.
    """
    from journeycheck.result import PORTFOLIO_SCHEMA

    yield "{\n" + f'  "schema": {json.dumps(PORTFOLIO_SCHEMA)},\n' + '  "plans": ['
    separator = "\n"
    for section in sections:
        yield separator
        yield section.text
        separator = ",\n"
    yield "]\n}\n" if separator == "\n" else "\n  ]\n}\n"


def _dump(result: AuditResult, options: RenderOptions) -> str:
    from journeycheck import i18n

    update: dict[str, object] = {"lang": i18n.current()}
    if options.top is not None:
        update["gaps"] = result.gaps[: options.top]
    result = result.model_copy(update=update)
    # pydantic's serializer writes the layout json.dumps(indent=2, ensure_ascii=False)
    # would, several times faster; only a tiny number may be spelled 0.00001, not 1e-05.
    return result.model_dump_json(indent=2, by_alias=True)
