"""The one Jinja environment factory: its settings, and that nothing else builds one."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import jinja2
import pytest

from journeycheck.render.templating import FOLDER, environment, template_source

SOURCE = Path(__file__).resolve().parents[2] / "src" / "journeycheck"


def test_a_missing_variable_is_an_error_not_empty_text() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ missing }}").render()


def test_the_last_newline_is_kept_and_block_tags_leave_no_lines() -> None:
    template = environment().from_string(
        "{% if true %}\n  {% if true %}\nx\n{% endif %}\n{% endif %}\n"
    )
    assert template.render() == "x\n"


@pytest.mark.parametrize(
    ("html", "shown"), [(False, "<b>&</b>"), (True, "&lt;b&gt;&amp;&lt;/b&gt;")]
)
def test_autoescaping_is_for_html_only(html: bool, shown: str) -> None:
    assert environment(html=html).from_string("{{ text }}").render(text="<b>&</b>") == shown


def test_finalize_filters_and_globals_reach_the_templates() -> None:
    env = environment(finalize=str.upper, filters={"twice": lambda s: s * 2}, globals={"x": "a"})
    assert env.from_string("{{ x | twice }}").render() == "AA"


def test_every_shipped_template_parses_from_the_package() -> None:
    names = sorted(
        entry.name
        for entry in (resources.files("journeycheck") / FOLDER).iterdir()
        if entry.name.endswith(".j2")
    )
    assert {"report.md.j2", "portfolio.md.j2", "checklist.md.j2", "plan.yaml.j2"} <= set(names)
    env = environment()
    for name in names:
        assert template_source(name) == (SOURCE / FOLDER / name).read_text("utf-8")
        env.parse(template_source(name), name)  # the filters are the renderers' business


def test_no_other_module_builds_a_jinja_environment() -> None:
    builders = sorted(
        str(path.relative_to(SOURCE))
        for path in SOURCE.rglob("*.py")
        if re.search(r"\bEnvironment\(|\bfrom_string\(", path.read_text("utf-8"))
    )
    assert builders == ["render/templating.py"]
