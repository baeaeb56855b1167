"""The YAML loader: positions, YAML 1.1 readings, and the limits PyYAML lacks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeycheck.errors import InputError
from journeycheck.reading.compose import MAX_DEPTH, parse_text
from journeycheck.reading.document import Node

FIXTURES = Path(__file__).parent / "fixtures"


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_text(text, "plan.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_positions_of_values_and_keys_are_one_based() -> None:
    doc = parse_text("a: 1\nanswers:\n  x.y:\n    status: done\n", "plan.yaml")
    assert doc.data == {"a": 1, "answers": {"x.y": {"status": "done"}}}
    assert doc.exact(("answers", "x.y", "status")) == Node(4, 13)
    assert doc.key(("answers", "x.y", "status")) == Node(4, 5)
    assert doc.key(("answers", "x.y")) == Node(3, 3)
    # A path that was never written falls back to its closest written ancestor.
    assert doc.node(("answers", "x.y", "owner")) == Node(4, 5)


def test_plain_scalars_remember_what_yaml_made_of_them() -> None:
    doc = parse_text("a: yes\nb: 010\nc: 1.10\nd: 2027-03-01\ne: '010'\n", "p.yaml")
    assert doc.data == {"a": True, "b": 8, "c": 1.1, "d": "2027-03-01", "e": "010"}
    assert doc.exact(("a",)) == Node(1, 4, "yes", "bool")
    assert doc.exact(("b",)) == Node(2, 4, "010", "int")
    assert doc.exact(("d",)) == Node(4, 4, "2027-03-01", "timestamp")
    assert doc.exact(("e",)) == Node(5, 4)


def test_duplicate_keys_are_refused() -> None:
    assert problems("a: 1\nb: 2\na: 3\n") == [
        "plan.yaml:3:1: duplicate key 'a' (first defined at line 1); "
        "YAML would silently keep only the last one"
    ]


def test_anchors_and_merge_keys_keep_working() -> None:
    text = (
        "owners:\n"
        "  legal: &legal {owner: Ivo, due: 2027-01-10}\n"
        "answers:\n"
        "  a: {<<: *legal, status: done}\n"
        "  b:\n"
        "    <<: *legal\n"
        "    status: partial\n"
        "    owner: Maria\n"
        "  c: *legal\n"
    )
    doc = parse_text(text, "plan.yaml")
    answers = doc.data["answers"]
    assert answers["a"] == {"owner": "Ivo", "due": "2027-01-10", "status": "done"}
    assert answers["b"] == {"owner": "Maria", "due": "2027-01-10", "status": "partial"}
    assert answers["c"] == {"owner": "Ivo", "due": "2027-01-10"}
    # A merged value is located at its merge key, so errors still point somewhere useful.
    assert doc.node(("answers", "b", "due")) == Node(6, 5)


def test_merge_of_a_list_of_mappings_prefers_the_first() -> None:
    text = "x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz:\n  <<: [*x, *y]\n"
    assert parse_text(text, "p.yaml").data["z"] == {"a": 1, "b": 1, "c": 2}


def test_merge_of_a_scalar_is_refused() -> None:
    assert problems("x: &x 1\ny:\n  <<: *x\n") == [
        "plan.yaml:3:7: a << merge key needs a mapping or a list of mappings"
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = chr(ord("a") + level - 1)
        name = chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    start = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5  # generous: the point is "not minutes"
    assert len(found) == 1
    assert "expands to more than 250,000 values" in found[0]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # Deeper than libyaml's own limit of 1,000 levels, which its scanner meets first.
        ("a: " + "[" * 10_000 + "]" * 10_000 + "\n", f"1:{4 + MAX_DEPTH - 1}"),
        ("a: " + "{b: " * 5_000 + "1" + "}" * 5_000 + "\n", f"1:{4 + 4 * (MAX_DEPTH - 1)}"),
        ("".join(f"x{n}: é한\n" for n in range(3)) + "a: " + "[" * 1_500, f"4:{4 + MAX_DEPTH - 1}"),
        ("".join(" " * i + "a:\n" for i in range(2_000)), f"{MAX_DEPTH + 1}:{MAX_DEPTH + 1}"),
        # Shallower than libyaml's limit: only our own check sees it.
        ("a: " + "[" * 100 + "]" * 100 + "\n", f"1:{4 + MAX_DEPTH - 1}"),
    ],
    ids=["flow-lists", "flow-mappings", "after-wide-characters", "block", "under-libyaml-limit"],
)
def test_deep_nesting_is_refused_with_our_own_message_whatever_the_loader(
    yaml_loader: str, text: str, where: str
) -> None:
    assert problems(text) == [
        f"plan.yaml:{where}: nested deeper than {MAX_DEPTH} levels; refusing it"
    ]


def test_nesting_at_the_limit_is_read(yaml_loader: str) -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "1" + "]" * (MAX_DEPTH - 1) + "\n"
    value = parse_text(text, "plan.yaml").data["a"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == [1]


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system {}\n",
        "a: !!python/name:os.system ''\n",
        "a: !custom thing\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x}\n",
    ],
)
def test_custom_and_unsafe_tags_are_refused(text: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("plan.yaml:1:4: the YAML tag ")
    assert found[0].endswith("is not allowed; journeycheck reads plain data only")


def test_standard_tags_are_fine() -> None:
    assert parse_text("a: !!str 010\nb: !!int '7'\n", "p.yaml").data == {"a": "010", "b": 7}


def test_several_documents_are_refused() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [
        "plan.yaml:2:1: a second YAML document starts here; put one plan or playbook per file"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("yes: 1\n", "the key 'yes' is read by YAML as the boolean true"),
        ("1: a\n", "the key '1' is read by YAML as the number 1"),
        ("~: a\n", "the key '~' is read by YAML as an empty value (null)"),
        ("? [a, b]\n: c\n", "a key must be plain text, not a mapping or a list"),
    ],
)
def test_keys_must_be_text(text: str, message: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert message in found[0]


def test_tabs_get_a_hint() -> None:
    assert problems("a:\n\tb: 1\n") == [f"plan.yaml:2:1: {TAB_INDENTATION}"]


def test_alias_to_an_unknown_anchor() -> None:
    assert problems("a: *nowhere\n") == [
        "plan.yaml:1:4: the alias *nowhere names no anchor defined before it"
    ]


def test_without_libyaml_the_pure_loader_gives_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (FIXTURES / "mini-plan.yaml").read_text("utf-8") + "extra: &x {a: yes}\nmore: *x\n"
    fast = parse_text(text, "plan.yaml")
    monkeypatch.delattr("yaml.CSafeLoader")
    pure = parse_text(text, "plan.yaml")
    assert pure.data == fast.data
    for path in [("answers", "buy.legal.eula", "due"), ("extra", "a"), ("more",), ("launch",)]:
        assert pure.exact(path) == fast.exact(path), path
    assert problems("a: 1\na: 2\n") == [
        "plan.yaml:2:1: duplicate key 'a' (first defined at line 1); "
        "YAML would silently keep only the last one"
    ]


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize("character", ["\x1b", "\x07", "\x7f", "\x9b"])
def test_a_raw_control_character_is_a_located_syntax_error(
    monkeypatch: pytest.MonkeyPatch, libyaml: bool, character: str
) -> None:
    if not libyaml:
        monkeypatch.delattr("yaml.CSafeLoader")
    assert problems(f"a: 1\nb: x{character}y\n") == [
        f"plan.yaml:2:5: YAML syntax: the character U+{ord(character):04X} is not allowed in YAML"
    ]


def test_without_escapes_no_control_character_can_reach_the_data() -> None:
    # Validation skips its search for control characters when the text has no backslash.
    assert parse_text("a: b\n", "p.yaml").has_escapes is False
    escaped = parse_text('a: "x\\ey"\n', "p.yaml")
    assert escaped.has_escapes is True
    assert escaped.data == {"a": "x\x1by"}


TAB_OUTSIDE_QUOTES = (
    "YAML syntax: a tab outside quotes, which YAML parsers read differently; use spaces, "
    "or put the text in quotes"
)
TAB_INDENTATION = (
    "YAML syntax: a tab in the indentation; YAML indents with spaces only, so use spaces"
)


def answer(text: str) -> list[str]:
    """The problems with ``text``, or none."""
    try:
        parse_text(text, "plan.yaml")
    except InputError as exc:
        return [str(problem) for problem in exc.problems]
    return []


#: Tabs where libyaml and PyYAML's own parser used to disagree, and where they agree.
TABS = {
    "between words": ("owner: Jane\tDoe\n", "1:12: " + TAB_OUTSIDE_QUOTES),
    "after a colon": ("owner:\tJane\n", "1:7: " + TAB_OUTSIDE_QUOTES),
    "after the value": ("owner: Jane\t\n", "1:12: " + TAB_OUTSIDE_QUOTES),
    "before a comment": ("owner: Jane\t# lead\n", "1:12: " + TAB_OUTSIDE_QUOTES),
    "in a key": ("own\ter: Jane\n", "1:4: " + TAB_OUTSIDE_QUOTES),
    "before a colon": ("owner\t: Jane\n", "1:6: " + TAB_OUTSIDE_QUOTES),
    "in a flow list": ("owners: [Jane,\tIvo]\n", "1:15: " + TAB_OUTSIDE_QUOTES),
    "on a continuation line": ("note: one\n  two\tthree\n", "2:6: " + TAB_OUTSIDE_QUOTES),
    "after a dash": ("-\tJane\n", "1:2: " + TAB_OUTSIDE_QUOTES),
    "as indentation": ("a:\n\tb: c\n", "2:1: " + TAB_INDENTATION),
    "indenting a continuation": ("a: x\n\ty\n", "2:1: " + TAB_INDENTATION),
    "in double quotes": ('owner: "Jane\tDoe"\n', None),
    "in single quotes": ("owner: 'Jane\tDoe'\n", None),
    "in a block": ("note: |\n  one\ttwo\n", None),
    "in a comment": ("owner: Jane # lead\tof it\n", None),
    "in a comment line": ("# a\tcomment\nowner: Jane\n", None),
}


@pytest.mark.parametrize(("text", "expected"), TABS.values(), ids=list(TABS))
def test_a_tab_gets_the_same_answer_whichever_the_loader(
    yaml_loader: str, text: str, expected: str | None
) -> None:
    assert answer(text) == ([] if expected is None else [f"plan.yaml:{expected}"])


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("physical: {ask: Does it ship hardware?, default: false}\n",
         {"physical": {"ask": "Does it ship hardware?", "default": False}}),
        ("asks: [Ready?, Sure?]\n", {"asks": ["Ready?", "Sure?"]}),
        ("a: {b?c: d}\n", {"a": {"b?c": "d"}}),
        ("a: {? k : v}\n", {"a": {"k": "v"}}),  # a ? that starts a key is still a key
    ],
)  # fmt: skip
def test_a_question_mark_in_a_flow_collection_reads_alike_whichever_the_loader(
    yaml_loader: str, text: str, data: object
) -> None:
    # PyYAML's own parser ended a plain scalar at a '?' inside {...} and [...]: the test
    # playbook itself was a syntax error to it and fine to libyaml.
    assert parse_text(text, "plan.yaml").data == data


def test_the_test_playbook_reads_alike_whichever_the_loader(yaml_loader: str) -> None:
    path = Path(__file__).parent / "fixtures" / "mini-playbook.yaml"
    assert parse_text(path.read_text("utf-8"), str(path)).data["traits"]["physical"] == {
        "ask": "Does it ship hardware?",
        "default": False,
    }


@pytest.mark.parametrize("text", ["a: b", "a: [b, c]", "a: b:", "k: v\nx", "a: [b", "a"])
def test_a_file_without_a_last_line_break_reads_as_with_one_whichever_the_loader(
    yaml_loader: str, text: str
) -> None:
    # The scanner looks one character past a plain scalar's end for a ':'; at the very
    # end of the text there is none to look at.
    assert (answer(text) == []) == (answer(text + "\n") == [])


_SCALARS = st.one_of(
    st.sampled_from(
        ["yes", "No", "~", "null", "", "12", "0x1F", "1_000", "3.5", ".inf", "-.NaN", "1e3"]
        + ["2027-01-15", "2027-01-15T10:00:00", "true", "off", "<<", "=", "done", "n/a"]
    ),
    st.text(
        st.characters(categories=["L", "N", "P"], exclude_characters="#:,[]{}&*!|>'\"%@`"),
        min_size=1,
        max_size=12,
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_SCALARS, _SCALARS), min_size=1, max_size=8))
def test_a_plain_scalar_reads_alike_the_first_time_and_when_remembered(
    pairs: list[tuple[str, str]],
) -> None:
    # Plain scalars' resolution is remembered across documents (compose._RESOLVED).
    from journeycheck.reading import compose

    text = "".join(f"k{n}-{key}: {value}\n" for n, (key, value) in enumerate(pairs))

    def read(name: str) -> tuple[object, list[object]] | str:
        try:
            doc = parse_text(text, name)
        except InputError as exc:
            return "; ".join(problem.message for problem in exc.problems)
        assert isinstance(doc.data, dict)
        return doc.data, [doc.node((key,)) for key in doc.data]

    compose._RESOLVED.clear()
    length = compose._REMEMBERED_LENGTH
    compose._REMEMBERED_LENGTH = -1  # nothing remembered: every scalar matched afresh
    try:
        unremembered = read("plan.yaml")
    finally:
        compose._REMEMBERED_LENGTH = length
    assert not compose._RESOLVED
    first = read("plan.yaml")
    second = read("plan.yaml")
    assert first == second == unremembered


def test_a_file_that_grew_after_its_size_was_taken_is_read_to_its_end_or_the_bound(
    tmp_path: Path,
) -> None:
    from journeycheck.reading import source

    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"x" * 100)
    for expected in (0, 10, 99, 100, 5000):
        assert source._read_bounded(plan, expected) == b"x" * 100
    big = tmp_path / "big.yaml"
    big.write_bytes(b"y" * (source.MAX_BYTES + 50))
    assert len(source._read_bounded(big, 10)) == source.MAX_BYTES + 1
