"""``journeycheck playbook list|show|check|diff``: the playbooks themselves, without a plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeycheck.commands import EXIT_INPUT, EXIT_OK
from journeycheck.render import Document, Format, format_choice

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter
    from journeycheck.models import Playbook

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
    reporter.out(playbook_table([cache.get(playbook_id) for playbook_id in builtin_ids()]))
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

        # A playbook file is written in English; its translations live beside it.
        reporter.out(playbook_yaml.render(PlaybookCache(language="en").get(playbook)))
        return EXIT_OK

    values = flags.traits(traits, flags.FRIENDLY_WORDS) if traits else None

    from journeycheck.checklist import build
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.render import RenderOptions, checklist_renderer_for

    loaded = PlaybookCache().get(playbook)
    flags.check_phases(phases, loaded)
    flags.check_teams(teams, loaded)
    if values is not None:
        flags.check_traits(values, loaded)
    checklist = build(loaded, phases=phases, teams=teams, traits=values)
    fmt = Format.TERMINAL if output_format is None else Format(output_format)
    options = reporter.terminal_options(None) if fmt is Format.TERMINAL else RenderOptions()
    reporter.out(checklist_renderer_for(fmt)(checklist, options))
    return EXIT_OK


def check(reporter: Reporter, *, paths: list[Path], strict: bool = False) -> int:
    """Each playbook file checked: ``FILE: ok (...)``, or its problems; 0 when all are valid.

    Each valid playbook's translations beside it (``X.bg.yaml``, ``X.ko.yaml``) are
    checked too, and a translation file given as a path checks that translation: its
    missing, stale and unknown entries are warnings (errors with ``strict``).
    """
    from journeycheck.errors import InputError
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.translations import LANGUAGES, playbook_for

    # One cache: files that extend the same playbook have it read once.
    cache = PlaybookCache(language="en")
    failed = warned = False
    for path in paths:
        translated = playbook_for(path)
        languages: tuple[str, ...]
        if translated is not None and translated[1] in LANGUAGES:
            playbook_file, languages = translated[0], (translated[1],)
        else:
            playbook_file, languages = path, LANGUAGES
        try:
            checked = cache.read(playbook_file)
        except InputError as exc:
            failed = True
            reporter.problems(exc.problems, once=False)
            if playbook_file != path:
                reporter.invalid_playbook(str(path))
            continue
        if playbook_file == path:
            reporter.playbook_ok(str(path), checked.id, checked.version, len(checked.questions))
        for language in languages:
            outcome = _check_translation(reporter, checked, playbook_file, language)
            failed = failed or outcome is None
            warned = warned or bool(outcome)
    return EXIT_INPUT if failed or (strict and warned) else EXIT_OK


def _check_translation(
    reporter: Reporter, playbook: Playbook, file: Path, language: str
) -> bool | None:
    """Check one translation of ``playbook``: ``None`` if it is broken, else whether it
    has warnings (nothing is said of a translation that does not exist)."""
    from journeycheck.errors import InputError
    from journeycheck.translations import report

    try:
        found = report(playbook, file, language)
    except InputError as exc:
        reporter.problems(exc.problems, once=False)
        return None
    if found is None:
        return False
    reporter.problems(found.problems, once=False)
    reporter.translation_ok(found.file, found.language, found.current, found.total)
    return bool(found.problems)


def diff(reporter: Reporter, *, old: str, new: str, output_format: Format) -> int:
    """What changed from playbook ``old`` to ``new``: questions added, removed, renamed, changed."""
    from journeycheck.playbook_diff import diff as compare
    from journeycheck.playbooks import PlaybookCache
    from journeycheck.render import RenderOptions, playbook_diff_renderer_for

    # The English is what changes; a translation would hide a change not yet translated.
    cache = PlaybookCache(language="en")
    first, second = cache.get(old), cache.get(new)
    fmt = Format(output_format)
    options = reporter.terminal_options(None) if fmt is Format.TERMINAL else RenderOptions()
    reporter.out(playbook_diff_renderer_for(fmt)(compare(first, second), options))
    return EXIT_OK
