"""``journeycheck playbook list|show|check|diff``: the playbooks themselves, without a plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_INPUT, EXIT_OK
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter

    # The type checker sees a Format; at run time --format offers exactly the formats
    # the registry has for the checklist (converted to Format where it is used).
    ChecklistFormat = Format
    PlaybookDiffFormat = Format
else:
    ChecklistFormat = format_choice(Document.CHECKLIST)
    PlaybookDiffFormat = format_choice(Document.PLAYBOOK_DIFF)

__all__ = ["ChecklistFormat", "PlaybookDiffFormat", "check", "diff", "list_builtin", "show"]


def list_builtin(reporter: Reporter) -> int:
    """The built-in playbooks: id, version, number of questions and title."""
    from journeycheck.playbooks import PlaybookCache, builtin_ids
    from journeycheck.render.playbooks import playbook_table

    cache = PlaybookCache()
    reporter.human(playbook_table([cache.get(playbook_id) for playbook_id in builtin_ids()]))
    return EXIT_OK


def show(
    reporter: Reporter,
    *,
    playbook: str,
    output_format: Format | None,
    phases: list[str],
    teams: list[str],
    traits: list[str],
    resolved: bool = False,
) -> int:
    """A playbook as a checklist, narrowed to ``phases``, ``teams`` and ``traits``.

    With ``resolved``, the whole playbook instead, every playbook it extends applied,
    as one playbook file.
    """
    from journeycheck.checking import flags

    if resolved:
        if output_format is not None or phases or teams or traits:
            from journeycheck.errors import BadParameter

            raise BadParameter("--resolved", "JC769")
        from journeycheck.playbooks import PlaybookCache
        from journeycheck.render import playbook_yaml

        reporter.out(playbook_yaml.render(PlaybookCache().get(playbook)))
        return EXIT_OK

    values = flags.traits(traits, flags.FRIENDLY_WORDS) if traits else None

    from dataclasses import replace

    from journeycheck.checklist import build
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.render import RenderOptions, checklist_renderer_for, language_for

    loaded = PlaybookCache().get(playbook)
    flags.check_phases(phases, loaded)
    flags.check_teams(teams, loaded)
    if values is not None:
        flags.check_traits(values, loaded)
    checklist = build(loaded, phases=phases, teams=teams, traits=values)
    fmt = Format.TERMINAL if output_format is None else Format(output_format)
    options = reporter.terminal_options(None) if fmt is Format.TERMINAL else RenderOptions()
    options = replace(options, lang=language_for(fmt))
    text = checklist_renderer_for(fmt)(checklist, options)
    if fmt is Format.TERMINAL:
        reporter.human(text)
    else:
        reporter.out(text)
    return EXIT_OK


def check(reporter: Reporter, *, paths: list[Path]) -> int:
    """Each playbook file checked: ``FILE: ok (...)``, or its problems; 0 when all are valid."""
    from journeycheck.errors import InputError
    from journeycheck.playbooks import PlaybookCache

    # One cache: files that extend the same playbook have it read once.
    cache = PlaybookCache()
    failed = False
    for path in paths:
        try:
            checked = cache.read(path)
        except InputError as exc:
            failed = True
            reporter.problems(exc.problems, once=False)
            continue
        reporter.playbook_ok(str(path), checked.id, checked.version, len(checked.questions))
    return EXIT_INPUT if failed else EXIT_OK


def diff(reporter: Reporter, *, old: str, new: str, output_format: Format) -> int:
    """What changed from playbook ``old`` to ``new``: questions added, removed, renamed, changed."""
    from journeycheck.playbook_diff import diff as compare
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.render import RenderOptions, playbook_diff_renderer_for

    cache = PlaybookCache()
    first, second = cache.get(old), cache.get(new)
    fmt = Format(output_format)
    options = reporter.terminal_options(None) if fmt is Format.TERMINAL else RenderOptions()
    text = playbook_diff_renderer_for(fmt)(compare(first, second), options)
    if fmt is Format.TERMINAL:
        reporter.human(text)
    else:
        reporter.out(text)
    return EXIT_OK
