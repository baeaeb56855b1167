"""The ``journeycheck.audit/1`` and ``journeycheck.portfolio/1`` JSON reports.

Both are documented in docs/report-format.md. Only the standard library is
used: no Rich, no Jinja.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.render import RenderOptions
    from journeycheck.result import AuditResult


def render(result: AuditResult, options: RenderOptions) -> str:
    return _dump(result, options) + "\n"


def render_portfolio(results: Iterable[AuditResult], options: RenderOptions) -> Iterator[str]:
    """The portfolio document, one plan at a time.

    Each plan is written as soon as it arrives and then dropped, so memory does
    not grow with the number of plans. The text is exactly what ``json.dumps``
    with ``indent=2`` gives for the whole document.
    """
    from journeycheck.result import PORTFOLIO_SCHEMA

    yield "{\n" + f'  "schema": {json.dumps(PORTFOLIO_SCHEMA)},\n' + '  "plans": ['
    separator = "\n"
    for result in results:
        yield separator + "    " + _dump(result, options).replace("\n", "\n    ")
        separator = ",\n"
    yield "]\n}\n" if separator == "\n" else "\n  ]\n}\n"


def _dump(result: AuditResult, options: RenderOptions) -> str:
    if options.top is not None:
        result = result.model_copy(update={"gaps": result.gaps[: options.top]})
    data = result.model_dump(mode="json", by_alias=True)
    return json.dumps(data, indent=2, ensure_ascii=False)
