"""Extract, update and compile journeycheck's gettext catalogues (``make catalogues``).

``python tools/catalogues.py`` extracts every string of both domains into the
templates ``src/journeycheck/locale/{messages,reports}.pot``, merges them into each
language's ``.po`` (new strings empty, changed ones marked fuzzy, gone ones
dropped) and compiles the ``.mo`` files. ``python tools/catalogues.py compile``
only compiles, each ``.mo`` older than its ``.po`` (what ``make`` runs for the
development environment; the wheel's are compiled by ``hatch_build.py``).

The messages domain is what :func:`journeycheck.i18n._`, ``ngettext`` and
``pgettext`` are called on in the package and in ``templates/plan.yaml.j2``, plus
every sentence form of :mod:`journeycheck.messages` (by code) and its phrases;
the reports domain is what ``r_``, ``rngettext``, ``rpgettext`` and ``counted`` are called on in
the package and in every other template. This is ``pybabel extract`` with those
keywords, through Babel's own functions, so that the message catalogue's forms,
which are data rather than calls, come along with their codes as comments.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "journeycheck"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("bg", "ko")
NAMES = {"bg": "Bulgarian", "ko": "Korean"}
#: Babel's keyword specifications: argument positions of the message, plural and context.
KEYWORDS: dict[str, dict[str, Any]] = {
    "messages": {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)},
    # counted(n, one, other, ...) in journeycheck.render.view: a sentence for n things.
    "reports": {"r_": None, "rngettext": (1, 2), "rpgettext": ((1, "c"), 2), "counted": (2, 3)},
}
#: The templates of the messages domain; every other template belongs to the reports.
MESSAGE_TEMPLATES = ("plan.yaml.j2",)
COMMENT_TAGS = ["Translators:"]
HEADER = "Translations of journeycheck"
DATED = re.compile(rb'^"(?:POT-Creation-Date|PO-Revision-Date): [^"]*"\n', re.MULTILINE)
BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")


def _catalog(locale: str | None = None) -> Any:
    from babel.messages.catalog import Catalog

    return Catalog(
        locale=locale,
        domain=None,
        project="journeycheck",
        version=None,
        copyright_holder="journeycheck maintainers",
        msgid_bugs_address="",
        header_comment=f"# {HEADER}.\n",
        charset="utf-8",
    )


def _python_files() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _templates(domain: str) -> list[Path]:
    templates = sorted((PACKAGE / "templates").glob("*.j2"))
    if domain == "messages":
        return [path for path in templates if path.name in MESSAGE_TEMPLATES]
    return [path for path in templates if path.name not in MESSAGE_TEMPLATES]


def _extract(catalog: Any, path: Path, method: str, keywords: dict[str, Any]) -> None:
    from babel.messages.extract import extract_from_file

    options = {"trim_blocks": "true", "lstrip_blocks": "true"} if method != "python" else {}
    relative = path.relative_to(ROOT).as_posix()
    for lineno, message, comments, context in extract_from_file(
        method,
        str(path),
        keywords=keywords,
        comment_tags=COMMENT_TAGS,
        options=options,
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)


def template(domain: str) -> Any:
    """The template catalogue of ``domain``: every string the code would translate."""
    catalog = _catalog()
    keywords = KEYWORDS[domain]
    for path in _python_files():
        _extract(catalog, path, "python", keywords)
    for path in _templates(domain):
        _extract(catalog, path, "jinja2.ext:babel_extract", keywords)
    if domain == "messages":
        _add_message_forms(catalog)
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if message.id and any(BRACE.search(text) for text in ids):
            message.flags.add("python-brace-format")
    return catalog


def _add_message_forms(catalog: Any) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from journeycheck.messages import CATALOGUE, PHRASES

    location = [("src/journeycheck/messages.py", None)]
    for message in CATALOGUE.values():
        kind = "warning" if message.warning else "error"
        for form in message.forms:
            comments = [f"{message.code} {message.slug} ({kind}; docs/errors.md)"]
            existing = catalog.get(form)
            if existing is not None:
                existing.auto_comments.extend(comments)
                continue
            catalog.add(form, None, location, auto_comments=comments)
    for slug, text in PHRASES.items():
        comments = [f"phrase {slug}: a noun phrase placed inside messages"]
        existing = catalog.get(text)
        if existing is not None:
            existing.auto_comments.extend(comments)
            continue
        catalog.add(text, None, location, auto_comments=comments)


def _write_po(path: Path, catalog: Any) -> None:
    import io

    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=0,
        omit_header=False,
        include_lineno=False,
        ignore_obsolete=True,
        sort_output=False,
    )
    # No dates in the header: a catalogue changes only when its strings do.
    text = DATED.sub(b"", buffer.getvalue())
    if not path.exists() or path.read_bytes() != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
        print(path.relative_to(ROOT))


def extract() -> None:
    """Write the ``.pot`` templates and merge them into every language's ``.po``."""
    from babel.messages.pofile import read_po

    for domain in KEYWORDS:
        pot = template(domain)
        _write_po(LOCALE / f"{domain}.pot", pot)
        for lang in LANGUAGES:
            po_path = LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"
            if po_path.exists():
                with po_path.open("rb") as stream:
                    catalog = read_po(stream, locale=lang)
            else:
                catalog = _catalog(lang)
            catalog.update(pot, update_header_comment=False)
            catalog.fuzzy = False
            catalog.last_translator = "journeycheck maintainers"
            catalog.language_team = NAMES[lang]
            catalog.obsolete.clear()
            _write_po(po_path, catalog)


def compile_all(paths: Iterable[Path] | None = None, *, force: bool = False) -> None:
    """Compile each ``.po`` into the ``.mo`` beside it, when the ``.mo`` is older."""
    from hatch_build import compile_po

    for po_path in sorted(paths or LOCALE.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            compile_po(po_path, mo_path)
            print(mo_path.relative_to(ROOT))


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    if argv[:1] == ["compile"]:
        compile_all()
        return 0
    if argv:
        print("usage: python tools/catalogues.py [compile]", file=sys.stderr)
        return 2
    extract()
    compile_all()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
