"""Command-line values, checked once, before any plan is read.

Two kinds. Values that need nothing else (a date, ``--trait NAME=VALUE``) are
checked as a command starts. Names a playbook must have (``--gate``, ``--team``,
``--phase``, a trait) are checked against the playbook before anything is done
with it: at once when the playbook is itself a flag (``init``, ``playbook
show``), and once per playbook, before the first plan naming it is scored, when
plans name their playbooks (``audit``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from journeycheck.checking.dates import flag_date
from journeycheck.errors import BadParameter, UsageError

if TYPE_CHECKING:
    from journeycheck.models import Playbook

#: The words a plan uses for a trait's value.
PLAN_WORDS: Mapping[str, bool] = {"true": True, "false": False}
#: A looser set, for commands that only read (``playbook show``).
FRIENDLY_WORDS: Mapping[str, bool] = {
    **PLAN_WORDS,
    **dict.fromkeys(("yes", "on", "1"), True),
    **dict.fromkeys(("no", "off", "0"), False),
}


# -- values that need nothing else --------------------------------------------------


def date(value: str | None, flag: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` flag (``--as-of``, ``--launch``) as a date; ``None`` if not given."""
    if value is None:
        return None
    try:
        return flag_date(value, None)  # shown as Click shows it: Invalid value for '--as-of'
    except UsageError as exc:
        raise BadParameter(flag, exc.code, **exc.params) from None


def finite(value: float | None, flag: str) -> float | None:
    """A number flag's value (``--threshold``, ``--fail-under``), refusing NaN and infinity.

    NaN compares false with everything, so it passes any range check: a
    threshold of NaN would make every verdict go and the JSON report would
    carry ``null`` where its schema promises a number.
    """
    if value is not None and not math.isfinite(value):
        raise BadParameter(flag, "JC427", value=str(value))
    return value


def encoding(value: str | None, flag: str) -> str | None:
    """A text encoding's name as Python knows it (``windows-1251``, ``cp949``); ``None``
    if not given. Codecs that are not text encodings (``rot13``, ``zlib``) are refused."""
    if value is None:
        return None
    import codecs

    try:
        info = codecs.lookup(value)
    except LookupError:
        raise BadParameter(flag, "JC430", name=value) from None
    if not getattr(info, "_is_text_encoding", True):
        raise BadParameter(flag, "JC430", name=value)
    return value


def traits(flags: Iterable[str], words: Mapping[str, bool] = PLAN_WORDS) -> dict[str, bool]:
    """``--trait NAME=VALUE`` flags as trait values by name (a flag may be repeated).

    Which traits exist is checked against the playbook (:func:`check_traits`).
    """
    values: dict[str, bool] = {}
    for flag in flags:
        name, sign, raw = flag.partition("=")
        name, raw = name.strip(), raw.strip().lower()
        if not sign or not name:
            raise UsageError("JC411", written=flag)
        if raw not in words:
            raise UsageError("JC412", name=name, value=raw)
        value = words[raw]
        if values.get(name, value) != value:
            raise UsageError("JC413", name=name)
        values[name] = value
    return values


def owners(flags: Iterable[str]) -> dict[str, str]:
    """``--owner TEAM=NAME`` flags as owners by team id (teams are checked by check_owners)."""
    from journeycheck.scaffold import check_owner

    found: dict[str, str] = {}
    for flag in flags:
        team, sign, name = flag.partition("=")
        team, name = team.strip(), name.strip()
        if not sign or not team or not name:
            raise UsageError("JC628", written=flag)
        if found.get(team, name) != name:
            raise UsageError("JC629", team=team, first=found[team], second=name)
        found[team] = check_owner(name, f"--owner {team}")
    return found


# -- names a playbook must have ------------------------------------------------------
# The wording, with its "did you mean", is the cross-references' own
# (:mod:`journeycheck.checking.references`); which flag is checked when is decided here.


def check_gate(gate: str | None, playbook: Playbook) -> str | None:
    """``gate`` (a ``--gate`` flag) if it names a phase of ``playbook``."""
    from journeycheck.checking import references

    return references.check_gate(gate, playbook)


def check_teams(teams: Sequence[str], playbook: Playbook) -> None:
    """Refuse a ``--team`` the playbook does not have."""
    from journeycheck.checking.references import check_flag_names

    check_flag_names("JC405", teams, [team.id for team in playbook.teams])


def check_phases(phases: Sequence[str], playbook: Playbook) -> None:
    """Refuse a ``--phase`` the playbook does not have."""
    from journeycheck.checking.references import check_flag_names

    check_flag_names("JC406", phases, playbook.phase_ids())


def check_traits(values: Mapping[str, bool], playbook: Playbook) -> None:
    """Refuse a ``--trait`` the playbook does not have."""
    from journeycheck.checking.references import check_trait_flags

    check_trait_flags(values, playbook)


def check_owners(owners: Mapping[str, str], playbook: Playbook) -> None:
    """Refuse an ``--owner`` naming a team the playbook does not have."""
    from journeycheck.checking.wording import listing, suggestion

    teams = [team.id for team in playbook.teams]
    for team in owners:
        if team not in teams:
            raise UsageError(
                "JC632",
                name=team,
                suggestion=suggestion(team, teams),
                playbook=playbook.id,
                teams=listing(teams),
            )
