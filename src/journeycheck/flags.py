"""Command-line values that more than one command reads: ``--trait NAME=VALUE``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from journeycheck.errors import UsageError

#: The words a plan uses for a trait's value.
PLAN_WORDS: Mapping[str, bool] = {"true": True, "false": False}
#: A looser set, for commands that only read (``playbook show``).
FRIENDLY_WORDS: Mapping[str, bool] = {
    **PLAN_WORDS,
    **dict.fromkeys(("yes", "on", "1"), True),
    **dict.fromkeys(("no", "off", "0"), False),
}


def trait_flags(flags: Iterable[str], words: Mapping[str, bool] = PLAN_WORDS) -> dict[str, bool]:
    """``--trait NAME=VALUE`` flags as trait values by name (a flag may be repeated).

    Which traits exist is for the caller to check, against its playbook.
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
