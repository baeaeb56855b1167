"""The direct reader of plain block YAML against libyaml's events, which it stands in for.

Whatever :func:`read_block` accepts must read exactly as the event loop reads it,
marks included; whatever libyaml refuses, or reads another way, it must leave
alone (return ``None``), so that the full reader reports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.errors import InputError
from journeycheck.reading import compose
from journeycheck.reading.block import read_block
from journeycheck.reading.document import Document, spot
from tests.helpers import invoke

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="the direct reader stands in for libyaml only"
)


def by_events(text: str) -> Document | None:
    """The document libyaml's events give, or ``None`` where they give a problem."""
    try:
        return compose._parse_with(yaml.CSafeLoader, text, "plan.yaml")
    except (InputError, yaml.YAMLError):
        return None


def assert_same(direct: Document, full: Document) -> None:
    assert spot(direct.root) == spot(full.root)
    assert direct.root_reading == full.root_reading
    assert direct.has_escapes == ("\\" in full.text)
    _same_value(direct.data, full.data, direct, full, "root")


def _same_value(a: Any, b: Any, direct: Document, full: Document, where: str) -> None:
    assert type(a) is type(b), f"{where}: {a!r} against {b!r}"
    assert not isinstance(a, float) or (a == b or (a != a and b != b)), where
    if isinstance(a, dict | list):
        mine, theirs = direct.places[id(a)], full.places[id(b)]
        assert {k: spot(m) for k, m in mine.values.items()} == {
            k: spot(m) for k, m in theirs.values.items()
        }, where
        assert {k: spot(m) for k, m in mine.keys.items()} == {
            k: spot(m) for k, m in theirs.keys.items()
        }, where
        assert mine.readings == theirs.readings, where
        assert len(a) == len(b), where
        if isinstance(a, dict):
            assert list(a) == list(b), where
            for key in a:
                _same_value(a[key], b[key], direct, full, f"{where}.{key}")
        else:
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                _same_value(x, y, direct, full, f"{where}[{index}]")
    elif not isinstance(a, float):
        assert a == b, where


def check(text: str) -> Document | None:
    """Read ``text`` both ways and hold the direct reading to the full one."""
    direct = read_block(text, "plan.yaml", compose.MAX_DEPTH)
    if direct is None:
        return None
    full = by_events(text)
    assert full is not None, f"read directly, refused by libyaml:\n{text}"
    full.text = text
    assert_same(direct, full)
    return direct


def yaml_files() -> list[Path]:
    found = []
    for folder in ("examples", "src", "tests", "docs"):
        found += sorted((ROOT / folder).rglob("*.yaml")) + sorted((ROOT / folder).rglob("*.yml"))
    return found


def test_every_yaml_file_of_the_project_reads_alike() -> None:
    read = 0
    for path in yaml_files():
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if check(text) is not None:
            read += 1
    # The examples, the playbooks and the plans of the tests are mostly plain block YAML.
    assert read > 50


@pytest.mark.parametrize("lang", ["en", "bg", "ko"])
def test_a_plan_made_by_init_is_read_directly(tmp_path: Path, lang: str) -> None:
    plan = tmp_path / "plan.yaml"
    code, _, err = invoke(
        "--lang", lang, "init", plan, "--product", "Bench", "--launch", "2027-03-01",
        "--no-input", "--trait", "physical=true",
    )  # fmt: skip
    assert code == 0, err
    assert check(plan.read_text("utf-8")) is not None


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  b:\n  # c\n\n  c: x\nd:\n",
        "a:\n  b:\n# top\nd: 1\n",
        "a:\n  b:",
        "a:\n  b:   # hi\n  c: 2\n",
        "- a\n-   b: 1\n    c:\n",
        "k: {}\nj: []  # x\n",
        "  a: 1\n  b: 'it''s'\n",
        'a: "x # y"  # z\nb: x#y\nc: a:b\nd: a, b [c] {d}\n',
        "yes_key: yes\nn: ~\nf: 1.5\ni: 0x1F\nd: 2026-01-01\ne: =\n",
        "a: Ж\nб: 한국어 # 설명\n",
        "list:\n  - one\n  -  two\n  - k: v\n    l:\n",
        "a: b\r\nc:\r\n  d: 'e'  # f\r\n",
    ],
)
def test_shapes_read_directly(text: str) -> None:
    assert check(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "a: 1\na: 2\n",  # a duplicate: the full reader says where
        "a: b: c\n",
        "a:\n  b\n",
        "a: one\n  two\n",  # a value over two lines
        "k:\n- a\n",  # a list as deep as its key
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: [1, 2]\n",
        "a: {b: 1}\n",
        "a: |\n  text\n",
        "a: >\n  text\n",
        'a: "line\\nbreak"\n',
        "a:\tb\n",
        "a: b\rc: d\n",
        "a: b\r\nc: d\r",
        "\ufeffa: b\n",
        "---\na: b\n",
        "%YAML 1.1\n---\na: b\n",
        "<<: {a: 1}\n",
        "on: 1\n",
        "1: one\n",
        "null: x\n",
        "? a\n: b\n",
        "a: 'open\n  quote'\n",
        "a: -5\n",
        "- - a\n",
        "-\n  a: 1\n",
        "a:\n    b: 1\n  c: 2\n",
        "a: 1\n b: 2\n",
        "a: x\u2028b: y\n",
        "a: x\x85y\n",
        'a: "x"y\n',
        "a: {}x\n",
        "a: 1 #\x07\n",
        "a: 1\x7f\n",
        "a: é\x7f\n",
        "a: é\tb\n",
        "plain scalar\n",
    ],
)
def test_left_to_the_full_reader(text: str) -> None:
    assert read_block(text, "plan.yaml", compose.MAX_DEPTH) is None


def test_depth_beyond_the_limit_is_left_to_the_full_reader() -> None:
    deep = "".join(f"{' ' * 2 * n}k{n}:\n" for n in range(70)) + " " * 140 + "v: 1\n"
    assert read_block(deep, "plan.yaml", compose.MAX_DEPTH) is None
    with pytest.raises(InputError) as caught:
        compose.parse_text(deep, "plan.yaml")
    assert caught.value.problems[0].code == "JC115"


# Pieces a person may write: those the direct reader takes, and awkward ones it leaves.
KEYS = [
    "status", "owner", "due", "note", "a b", "a:b", "a#b", "é", "키", "=", "a::", "ask?", "x.y-z",
    "🚀",
]  # fmt: skip
AWKWARD_KEYS = [
    "a #b", "on", "yes", "1", "1.5", "null", "~", "<<", "-a", "?a", ":a", "'q'", '"q"', "a ",
    "x" * 300, "due:",
]  # fmt: skip
VALUES = [
    "", "x", "done", "x # c", "x #", "x#y", "a:b", "true", "True", "yes", "No", "on", "1", "0x1F",
    "0o7", "1_000", "1.5", ".inf", ".NaN", "1e3", "2026-01-01", "2026-1-1", "2026-01-01 10:00:00",
    "~", "null", "Null", "'q'", "'it''s'", "''", '"q"', '""', '"a # b"', "'a # b'", "{}", "[]",
    "é", "Жълт", "한국어", "x  ", "# c", "a, b", "[x] y", "=", "<<", "'q' # c", "{} # c",
    "a 'b' \"c\"", "x\\y", "🚀 launch", "'🚀'",
]  # fmt: skip
AWKWARD_VALUES = [
    "a: b", "a:", "-1", "- x", "? x", '"a\\nb"', "'open", '"open', "{ }", "{a: 1}", "[1]",
    "&a x", "*a", "!!str x", "!x y", "|", ">", "%x", "@x", "`x", "x: ", '"q"x', "x\ty",
]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    step = draw(st.integers(1, 4))
    awkward = draw(st.integers(0, 3)) == 0
    keys = st.sampled_from(KEYS + AWKWARD_KEYS if awkward else KEYS)
    values = st.sampled_from(VALUES + AWKWARD_VALUES if awkward else VALUES)

    def block(indent: int, depth: int) -> None:
        as_list = draw(st.booleans()) and depth > 0
        for _ in range(draw(st.integers(1, 4))):
            if draw(st.integers(0, 9)) == 0:
                lines.append(
                    " " * draw(st.integers(0, 8)) + draw(st.sampled_from(["# c", "", " "]))
                )
            lead = " " * indent
            if as_list:
                gap = " " * draw(st.integers(1, 3))
                if draw(st.booleans()):
                    lines.append(f"{lead}-{gap}{draw(values)}")
                    continue
                lead = f"{lead}-{gap}"
                inner = indent + 1 + len(gap)
            else:
                inner = indent
            key = draw(keys)
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                lines.append(f"{lead}{key}:{draw(st.sampled_from(['', ' ', '  # c']))}")
                block(inner + (draw(st.integers(0, 1)) if awkward else 1) * step, depth + 1)
            else:
                space = " " * draw(st.integers(1, 2))
                lines.append(f"{lead}{key}:{space}{draw(values)}")
            if awkward and draw(st.integers(0, 9)) == 0:  # something out of place
                lines.append(" " * draw(st.integers(0, 10)) + draw(values))

    block(draw(st.integers(0, 2)), 0)
    end = draw(st.sampled_from(["\n", "", "\n\n", "\n# end\n"]))
    text = "\n".join(lines) + end
    return text.replace("\n", "\r\n") if draw(st.integers(0, 3)) == 0 else text


@settings(max_examples=3000, deadline=None)
@given(documents())
def test_generated_documents_read_alike(text: str) -> None:
    check(text)


def read_fully(text: str) -> Document | list[Any]:
    """What parse_text gives without the direct reader: the document, or its problems."""
    from unittest import mock

    with mock.patch("journeycheck.reading.block.read_block", return_value=None):
        try:
            return compose.parse_text(text, "plan.yaml")
        except InputError as exc:
            return exc.problems


@settings(max_examples=500, deadline=None)
@given(documents())
def test_parse_text_answers_as_it_did_without_the_direct_reader(text: str) -> None:
    before = read_fully(text)
    try:
        now: Document | list[Any] = compose.parse_text(text, "plan.yaml")
    except InputError as exc:
        now = exc.problems
    if isinstance(before, list):
        assert now == before
        return
    assert isinstance(now, Document)
    assert_same(now, before)
    assert now.text == before.text
