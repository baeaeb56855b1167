"""What ``diff``, ``history`` and ``agenda`` share: the output format, and writing it.

The document is rendered in full before anything is written, and written
through :func:`journeycheck.output.open_output`, so a failed run leaves no file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeycheck.commands.reporter import Reporter
    from journeycheck.render import Document, Format


def write(
    reporter: Reporter,
    document: Document,
    content: Any,
    fmt: Format,
    output: Path | None,
) -> None:
    """Render ``content`` (a diff, a history or an agenda) in ``fmt`` to ``output`` or stdout."""
    from dataclasses import replace

    from journeycheck.output import open_output
    from journeycheck.render import Format, RenderOptions, language_for, review_renderer_for

    if fmt is Format.TERMINAL:
        options = reporter.terminal_options(None, to_file=output is not None)
    else:
        options = RenderOptions()
    # A diff or an agenda speaks its plan's language: unless --lang or JOURNEYCHECK_LANG
    # says otherwise (a history, of many revisions, does not).
    plan = getattr(content, "plan_language", None)
    options = replace(options, lang=language_for(fmt, plan=plan))
    text = review_renderer_for(document, fmt)(content, options)
    if fmt is Format.TERMINAL:
        text = reporter.plain(text)
    with open_output(output) as stream:
        stream.write(text)


def refuse_overwriting(output: Path | None, inputs: list[Path]) -> None:
    """Refuse an ``--output`` that names one of the plan files read (JC509)."""
    from journeycheck.commands.audit import refuse_overwriting_inputs

    refuse_overwriting_inputs(output, inputs, "JC509")
