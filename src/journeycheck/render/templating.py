"""The one place a Jinja environment is made, over the templates shipped in the package.

Every template journeycheck renders (the Markdown report and portfolio, the
checklist page, the plan ``init`` writes) is read from ``templates/`` in the
package (:mod:`journeycheck.shipped`), so an installed wheel finds them as a
checkout does. The house settings are the same for all: a missing variable is an
error (``StrictUndefined``) rather than empty text, the template's last newline is
kept, and block tags leave no blank lines of their own.

Every template may call the ``reports`` catalogue's lookups, ``r_``,
``rpgettext`` and ``rngettext``, and ``counted`` (a whole sentence for a number of
things, :func:`journeycheck.render.view.counted`): each looks the words up in the
language current when the template renders.

Autoescaping is for HTML only: an HTML template escapes every value it prints
(``html=True``). Markdown escapes plan text with
:mod:`journeycheck.render.markdown_text` instead, through ``finalize`` or filters,
and YAML through its own filters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import jinja2

#: The package folder the templates are read from.
FOLDER = "templates"


def environment(
    *,
    html: bool = False,
    finalize: Callable[[Any], Any] | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    globals: Mapping[str, Any] | None = None,
) -> jinja2.Environment:
    """A Jinja environment with the house settings; ``html`` turns autoescaping on.

    ``finalize`` is applied to every ``{{ value }}`` a template prints; ``filters``
    and ``globals`` are added to Jinja's own. Build it once per process and keep
    it: it caches the templates it has compiled.
    """
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(template_source),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=html,
        finalize=finalize,
        # The code compiled from a template depends on these two settings.
        bytecode_cache=CompiledTemplates(f"html={html} finalize={finalize is not None}"),
    )
    env.filters.update(filters or {})
    env.globals.update(_words())
    env.globals.update(globals or {})
    return env


def _words() -> dict[str, Any]:
    from journeycheck import i18n
    from journeycheck.render.view import counted

    return {
        "r_": i18n.r_,
        "rpgettext": i18n.rpgettext,
        "rngettext": i18n.rngettext,
        "counted": counted,
    }


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled by an earlier run, kept in the user's cache (:mod:`journeycheck.cache`).

    Compiling the Markdown report's templates took about 20 ms of every
    ``audit --format markdown`` (docs/performance.md). Jinja names each entry by the
    template's name and checks it against the template's source; the entry's name
    here adds the environment's ``flavour`` (settings that change the code) and the
    Jinja compiler that made it (its file's size and time: another Jinja installed is
    another entry), and an entry Jinja cannot read is compiled again.
    """

    def __init__(self, flavour: str) -> None:
        self.flavour = flavour

    def _entry(self, bucket: jinja2.bccache.Bucket) -> str:
        from pathlib import Path

        import jinja2.compiler

        from journeycheck import cache

        try:
            made = Path(jinja2.compiler.__file__).stat()
            compiler = f"{jinja2.compiler.__file__} {made.st_size} {made.st_mtime_ns}"
        except (OSError, TypeError):
            compiler = "unknown"
        return cache.name("template", compiler, self.flavour, bucket.key)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from journeycheck import cache

        data = cache.read(self._entry(bucket))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # anything a damaged entry raises: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from journeycheck import cache

        cache.write(self._entry(bucket), bucket.bytecode_to_string())


def template_source(name: str) -> str:
    """The text of the template ``name`` shipped in the package."""
    from journeycheck.shipped import folder

    return (folder(FOLDER) / name).read_text("utf-8")
