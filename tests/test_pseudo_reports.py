"""Every report in the pseudo-language: no English the reports catalogue does not know.

The harness of ``tests/test_pseudo_locale.py`` (a playbook whose every text is
Greek, a plan ``init`` wrote from it, ``qps`` bracketing every catalogued string)
run over what the reports write on standard output, in every format meant for
people. What is left once the brackets are gone must be ids, statuses, keys,
file paths or option names. For HTML, the text a reader sees (the elements' text,
not their markup or style sheet); for Markdown, everything but the Mermaid source,
which is a program for the chart and not text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import invoke
from tests.test_pseudo_locale import QUESTION, english_left, workspace

__all__ = ["workspace"]  # the fixture, shared with the messages' test

MERMAID = re.compile(r"```mermaid\n.*?```", re.DOTALL)
HIDDEN = re.compile(r"<(style|script)\b.*?</\1>", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
#: Words of Markdown and HTML the page shows as marks, not as English.
ENTITIES = re.compile(r"&(?:#\d+|[a-z]+);")


def seen(text: str, fmt: str) -> str:
    """What a reader reads of ``text`` in ``fmt``."""
    if fmt == "markdown":
        text = MERMAID.sub(" ", text)
    if fmt in ("markdown", "html"):
        text = TAG.sub(" ", HIDDEN.sub(" ", text))
        text = ENTITIES.sub(" ", text)
    return text


def test_every_report_speaks_only_through_the_catalogues(workspace: dict[str, Any]) -> None:
    root: Path = workspace["root"]
    allowed: set[str] = workspace["allowed"] | {"mermaid", "details", "summary"}
    plan, day = "plan.yaml", ["--as-of", "2027-01-15"]
    made = invoke("init", plan, "--playbook", "greek.yaml", "--product", "Προϊόν",
                  "--launch", "2027-03-01", "--no-input")  # fmt: skip
    assert made.code == 0, made.err
    answered = invoke("set", plan, QUESTION, "--status", "partial", "--note", "Σημείωση", *day)
    assert answered.code == 0, answered.err
    runs = {
        "audit terminal": (["audit", plan, *day, "--all"], "terminal"),
        "audit terminal --long": (["audit", plan, *day, "--long", "--top", "3"], "terminal"),
        "audit markdown": (["audit", plan, *day, "-f", "markdown"], "markdown"),
        "audit html": (["audit", plan, *day, "-f", "html"], "html"),
        "portfolio terminal": (["audit", plan, plan, *day], "terminal"),
        "portfolio markdown": (["audit", plan, plan, *day, "-f", "markdown"], "markdown"),
        "portfolio html": (["audit", plan, plan, *day, "-f", "html", "--summary"], "html"),
        "diff terminal": (["diff", plan, plan, *day], "terminal"),
        "diff markdown": (["diff", plan, plan, *day, "-f", "markdown"], "markdown"),
        "playbook show": (["playbook", "show", "greek.yaml"], "terminal"),
        "playbook show markdown": (
            ["playbook", "show", "greek.yaml", "-f", "markdown"],
            "markdown",
        ),
        "playbook diff": (["playbook", "diff", "greek.yaml", "changed.yaml"], "terminal"),
        "playbook diff markdown": (
            ["playbook", "diff", "greek.yaml", "changed.yaml", "-f", "markdown"],
            "markdown",
        ),
        "playbook diff, none": (["playbook", "diff", "greek.yaml", "greek.yaml"], "terminal"),
    }
    # The Greek playbook with a question fewer, one more severe and one renamed.
    changed = yaml.safe_load((root / "greek.yaml").read_text("utf-8"))
    changed["version"] = "2.0.0"
    removed, harder, renamed = changed["questions"][:3]
    changed["questions"].remove(removed)
    harder["severity"] = "blocker" if harder["severity"] != "blocker" else "minor"
    changed["renamed"] = {renamed["id"]: renamed["id"] + "-new"}
    renamed["id"] += "-new"
    allowed |= {renamed["id"], *renamed["id"].split(".")}
    (root / "changed.yaml").write_text(yaml.safe_dump(changed, allow_unicode=True), "utf-8")
    problems = []
    for name, (arguments, fmt) in runs.items():
        ran = invoke(*arguments)
        assert ran.code in (0, 1), f"{name}: exit {ran.code}\n{ran.err}"
        assert ran.out.strip(), name
        problems += [f"{name}: {line}" for line in english_left(seen(ran.out, fmt), allowed, root)]
    assert not problems, "\n".join(problems)
