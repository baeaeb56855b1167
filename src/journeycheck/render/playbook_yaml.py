"""A resolved playbook as a YAML playbook file: ``journeycheck playbook show --resolved``.

The output is a whole playbook, with no ``extends``: ``journeycheck playbook
check`` accepts it, and reading it back gives the same playbook. Fields left at
their defaults are left out, as an author would write them; the chain it was
resolved from is named in a comment at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeycheck.result import PlaybookRef
from journeycheck.scaffold import comment

if TYPE_CHECKING:
    from journeycheck.models import Playbook

#: Long text is folded to fit this many columns, as the built-in playbook is.
WIDTH = 88


def render(playbook: Playbook) -> str:
    import yaml

    data: dict[str, Any] = playbook.model_dump(mode="json", exclude_defaults=True)
    # The format version is a default of no field, but a playbook file must say it.
    data = {"journeycheck": playbook.journeycheck, **data}
    body = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=WIDTH, default_flow_style=False
    )
    lineage = PlaybookRef.of(playbook).lineage
    if playbook.lineage:
        header = (
            f"{lineage}: the playbook and every one it extends, resolved into one playbook "
            "file by journeycheck playbook show --resolved."
        )
    else:
        header = f"{lineage}, written by journeycheck playbook show --resolved."
    return comment(header) + "\n" + body
