"""A stop asked for by SIGTERM or SIGHUP, remembered in case its exception is lost.

The signal handler raises :class:`~journeycheck.errors.Terminated` wherever the
main thread happens to be. Python drops an exception raised in a few places
(an at-fork callback while the pool starts a worker, a ``__del__``), and the run
would then finish as if nothing had happened, exit 0 and all. So the handler
also records the stop here, and the places that must not go on after one (the
loop over a portfolio's results, replacing an output file, the end of a
command) look again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeycheck.errors import Terminated

_asked: list[Terminated] = []


def ask(stop: Terminated) -> None:
    """Remember ``stop`` until :func:`reset`."""
    _asked.append(stop)


def check() -> None:
    """Raise the stop a signal asked for, if one did."""
    if _asked:
        raise _asked[0]


def reset() -> None:
    """Forget any stop (a new command begins, or one has ended)."""
    _asked.clear()
