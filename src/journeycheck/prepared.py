"""The built-in playbook validated once, not on every run.

Every run that audits a plan of the built-in playbook read, parsed and validated
the same file, and built the pydantic validators of every playbook model to do
it (docs/performance.md). The validated :class:`~journeycheck.models.Playbook` is
kept in the user's cache (:mod:`journeycheck.cache`), named by a hash of the
file's text, of the source of the models it is an instance of, and of the
versions of journeycheck, pydantic and Python: any change to one of them is a
different entry. An entry that cannot be read or unpickled, or that holds
something else than a playbook, is a miss, and the playbook is validated as it
always was.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck import cache

if TYPE_CHECKING:
    from journeycheck.models import Playbook

_KIND = "playbook"


def _entry(text: str) -> str | None:
    """The cache entry of the playbook in ``text``, or ``None`` when it cannot be named."""
    import pydantic

    from journeycheck import __version__, models

    try:
        source = Path(models.__file__).read_bytes()
    except (OSError, TypeError):
        return None
    versions = f"{__version__} {pydantic.VERSION} {sys.version}"
    return cache.name(_KIND, versions, source, text)


def load(text: str) -> Playbook | None:
    """The playbook in ``text`` as validated by an earlier run, if one was kept."""
    entry = _entry(text)
    data = None if entry is None else cache.read(entry)
    if data is None:
        return None
    from journeycheck.models import Playbook

    try:
        playbook = pickle.loads(data)
    except Exception:  # anything a damaged entry raises: a miss
        return None
    return playbook if type(playbook) is Playbook else None


def keep(text: str, playbook: Playbook) -> None:
    """Keep ``playbook``, validated from ``text``, for the next run."""
    entry = _entry(text)
    if entry is not None:
        cache.write(entry, pickle.dumps(playbook, protocol=pickle.HIGHEST_PROTOCOL))
