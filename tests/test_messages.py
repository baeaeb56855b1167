"""The message catalogue: stable codes, whole-sentence templates, documented, and used as
declared."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from journeycheck import messages
from journeycheck.errors import InputError, Problem, UsageError
from journeycheck.messages import CATALOGUE, PHRASES, Message, placeholders, render

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "journeycheck"
DOCS = ROOT / "docs" / "errors.md"
CODE = re.compile(r"JC\d{3}")
#: Keywords of the calls that create problems which are not parameters of the message.
NOT_PARAMETERS = {"at_key"}
#: The first digit of each family, and what it covers (the module docstring says the same).
FAMILIES = {
    "0": "reading a file",
    "1": "YAML syntax and composition",
    "2": "the shape of a plan or playbook",
    "3": "references",
    "4": "command-line values",
    "5": "output and writes",
    "6": "changing answers, and a plan's history in git",
    "7": "later features, each in its reserved range",
    "8": "languages (JC800-JC814, and JC820-JC829 translations) and playbook 1.1 features, "
    "each in its reserved range (JC840-JC849 customer risk)",
}
#: Warnings: JC78x-JC79x, and the missing, stale and unknown entries of a translation.
WARNINGS = {f"JC78{n}" for n in range(6)} | {"JC827", "JC828", "JC829"}
#: What creates a problem or an error from a code and its parameters (``fail`` is the
#: loaders' local shorthand for ``InputError([Problem(...)])``).
CREATORS = {
    "Problem",
    "UsageError",
    "BadParameter",
    "OutputError",
    "IncompleteRun",
    "problem",
    "fail",
    "render",
}


def _documented() -> dict[str, tuple[str, str]]:
    """Each code in docs/errors.md: (slug, message cell)."""
    rows: dict[str, tuple[str, str]] = {}
    for line in DOCS.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if len(cells) >= 3 and CODE.fullmatch(cells[0].strip("`")):
            code = cells[0].strip("`")
            assert code not in rows, f"{code} is listed twice in docs/errors.md"
            rows[code] = (cells[1].strip("`"), cells[2])
    return rows


def test_codes_are_stable_in_form_unique_and_in_their_family() -> None:
    every = messages._MESSAGES
    assert len({m.code for m in every}) == len(every)
    assert len({m.slug for m in every}) == len(every)
    for message in every:
        assert CODE.fullmatch(message.code), message.code
        if message.warning:
            assert message.code in WARNINGS, f"{message.code}: warnings are JC78x-JC79x"
            continue
        assert message.code[2] in FAMILIES, f"{message.code}: JC700-JC799 are reserved by range"
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", message.slug), message.slug


@pytest.mark.parametrize("message", CATALOGUE.values(), ids=lambda m: f"{m.code}-{m.slug}")
def test_each_form_is_chosen_by_its_own_parameters_and_renders(message: Message) -> None:
    forms = [placeholders(form) for form in message.forms]
    assert len(set(forms)) == len(forms), "two forms would be chosen by the same parameters"
    for form, names in zip(message.forms, forms, strict=True):
        values = {name: (_sample(name) if name in names else None) for name in message.parameters}
        text = message.render(values)
        assert text == form.format_map(values)
        assert "{" not in text.replace("{status", "") and "None" not in text


def test_a_message_refuses_parameters_it_does_not_have_or_misses() -> None:
    with pytest.raises(TypeError, match="JC001 takes"):
        render("JC001", path="x")
    with pytest.raises(TypeError, match="JC005 takes"):
        render("JC005")
    either = Message("JC000", "either", ("{left} only", "{right} only"))
    assert either.render({"left": "a", "right": None}) == "a only"
    with pytest.raises(TypeError, match="no form"):
        either.render({"left": None, "right": None})


def test_problems_and_errors_carry_their_code_and_parameters() -> None:
    problem = Problem("plan.yaml", 3, 7, "JC108", key="status", first_line=2)
    assert problem.code == "JC108"
    assert problem.params == {"key": "status", "first_line": 2}
    assert str(problem) == (
        "plan.yaml:3:7: duplicate key 'status' (first defined at line 2); "
        "YAML would silently keep only the last one"
    )
    error = UsageError("JC413", name="physical")
    assert (error.code, dict(error.params), str(error)) == (
        "JC413",
        {"name": "physical"},
        "--trait physical: given as both true and false",
    )


def test_a_warning_says_so_and_only_warnings_do() -> None:
    warning = Problem("plan.yaml", 4, 9, "JC782", launch="2020-01-01", today="2027-01-15")
    assert warning.is_warning
    assert str(warning).startswith("plan.yaml:4:9: warning: launch: 2020-01-01 is more than")
    assert not Problem("plan.yaml", 3, 7, "JC009").is_warning
    assert {m.code for m in CATALOGUE.values() if m.warning} == WARNINGS


def test_errors_cross_to_worker_processes_whole() -> None:
    import pickle

    error = UsageError("JC405", name="ops", suggestion=None, choices="legal, support")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.code, str(again)) == (UsageError, "JC405", str(error))
    problems = InputError([Problem("a.yaml", 1, 1, "JC009")])
    assert pickle.loads(pickle.dumps(problems)).problems == problems.problems


def test_docs_list_exactly_the_codes_of_the_catalogue_with_their_slugs_and_messages() -> None:
    documented = _documented()
    assert sorted(documented) == sorted(CATALOGUE)
    for code, (slug, cell) in documented.items():
        message = CATALOGUE[code]
        assert slug == message.slug, code
        shown = re.findall(r"`([^`]+)`", cell)
        wanted = [form.replace("{{", "{").replace("}}", "}") for form in message.forms]
        assert shown == wanted, code


def test_phrases_are_whole_and_render() -> None:
    for slug, template in PHRASES.items():
        names = placeholders(template)
        assert messages.phrase(slug, **{name: _sample(name) for name in names})


def _calls_with_codes() -> list[tuple[str, int, str, set[str] | None]]:
    """(file, line, code, keyword names or None when passed on with **) of each call
    in the package that names a code as a literal argument."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in CREATORS:
                continue  # a code handed on, to be rendered elsewhere
            for arg in node.args:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and CODE.fullmatch(arg.value)
                ):
                    names = {k.arg for k in node.keywords if k.arg is not None}
                    spread = any(k.arg is None for k in node.keywords)
                    where = str(path.relative_to(ROOT))
                    found.append((where, node.lineno, arg.value, None if spread else names))
    return found


def _codes_in_the_package() -> set[str]:
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "messages.py":
            codes.update(CODE.findall(path.read_text("utf-8")))
    return codes


def test_every_place_that_raises_a_code_fills_its_placeholders() -> None:
    calls = _calls_with_codes()
    assert len(calls) > 80  # the scan finds the package's problems
    for where, line, code, names in calls:
        assert code in CATALOGUE, f"{where}:{line}: {code} is not in the catalogue"
        if names is not None:
            given = names - NOT_PARAMETERS
            wanted = CATALOGUE[code].parameters
            assert given == wanted, f"{where}:{line}: {code} takes {sorted(wanted)}"


def test_every_code_is_used_and_every_code_used_exists() -> None:
    assert _codes_in_the_package() == set(CATALOGUE)


def _sample(name: str) -> object:
    """A value for a placeholder, of the type its format needs."""
    numeric = {"size", "limit", "codepoint", "byte", "days", "first_line", "version"}
    numeric |= {"failed", "total", "skipped", "base"}
    return 7 if name in numeric else f"<{name}>"


def test_sample_values_fit_every_format_spec() -> None:
    for message in CATALOGUE.values():
        for form in message.forms:
            for _, name, spec, _ in string.Formatter().parse(form):
                if name is not None and spec:
                    assert isinstance(_sample(name), int), (message.code, name)


def test_a_users_empty_value_is_shown_not_taken_for_a_missing_parameter() -> None:
    assert render("JC226", version=1, written=None) == (
        "journeycheck: unsupported format version None; this journeycheck reads version 1"
    )
