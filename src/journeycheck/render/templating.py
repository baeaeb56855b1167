"""The one place a Jinja environment is made, over the templates shipped in the package.

Every template journeycheck renders (the Markdown report and portfolio, the
checklist page, the plan ``init`` writes) is read from ``templates/`` in the
package with ``importlib.resources``, so an installed wheel finds them as a
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
from importlib import resources
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


def template_source(name: str) -> str:
    """The text of the template ``name`` shipped in the package."""
    return (resources.files("journeycheck") / FOLDER / name).read_text("utf-8")
