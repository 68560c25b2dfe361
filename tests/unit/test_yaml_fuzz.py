"""Fuzzing the YAML reader: whatever the bytes, `parse_yaml` returns problems, never raises or hangs.

No timing assertion: the reader's own limits bound the work, and a generous `timeout` catches a hang.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.content.problems import Problem
from tutor.content.yamlsource import parse_yaml
from tutor.safety import CONTROL_PATTERN

FUZZ = settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])

# Plain scalars that YAML 1.1 and 1.2 read differently, tags we refuse, and other oddities.
WORDS = [
    "1:20", "no", "on", "yes", "0777", "1_000", "2026-11-30", "~", ".inf", "-.inf", ".nan", "1e400", "0x1F",
    "0o17", "true", "null", "<<", "=", "!!int 12", "!!int x", "!!float 1", "!!bool yes", "!!str 3", "! 4",
    "!!python/object/apply:os.system ['true']", "!custom x", "!!binary aGk=", "!!timestamp 2024-01-01",
    "'quoted'", '"\\e[2J"', '"\\x9b\\u202e"', "\u202e", "|\n  block\n", "'", '"', "&", "*", "? x", "-", "#",
    "9" * 5000, "", "a b", "key: value",
]
ANCHORS = ["a", "b", "c"]



def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar, every character outside printable ASCII escaped."""
    return '"' + "".join(
        char if " " <= char <= "~" and char not in '"\\' else
        f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
        for char in text
    ) + '"'


scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12).map(quoted),  # controls included
    st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12),  # raw: often invalid YAML, fine too
)  # (any bytes at all: `test_arbitrary_bytes`)
aliases = st.sampled_from(ANCHORS).map(lambda name: "*" + name)
PREFIXES = ["", "", "", "", "&a ", "&b ", "&c "]
ODD_PREFIXES = ["!x ", "!!set ", "!!omap ", "!!python/tuple "]
keys = st.one_of(scalars, scalars, scalars, aliases)  # an alias as a key is refused: now and then


def _containers(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    sequences = st.tuples(
        st.sampled_from([*PREFIXES, "!!seq ", *ODD_PREFIXES]),
        st.lists(children, max_size=6).map(lambda items: "[" + ", ".join(items) + "]"),
    )
    mappings = st.tuples(
        st.sampled_from([*PREFIXES, "!!map ", *ODD_PREFIXES]),
        st.lists(st.tuples(keys, children), max_size=6).map(
            lambda pairs: "{" + ", ".join(f"{key}: {value}" for key, value in pairs) + "}"
        ),
    )
    return st.one_of(sequences, mappings).map("".join)


trees = st.recursive(st.one_of(scalars, scalars, aliases), _containers, max_leaves=40)


@st.composite
def documents(draw: st.DrawFn) -> str:
    """A YAML document: nested flow collections with anchors, aliases and tags, maybe deeply wrapped."""
    depth = draw(st.one_of(st.integers(0, 4), st.integers(0, 120)))
    body = "[" * depth + draw(trees) + "]" * depth
    head = draw(st.lists(st.tuples(st.sampled_from(ANCHORS), trees), max_size=3))
    lines = [f"k{index}: &{name} {tree}" for index, (name, tree) in enumerate(head)]
    return "\n".join([*lines, f"root: {body}", draw(st.sampled_from(["", "---", "...", "x: *a", "x: 1"]))]) + "\n"


@st.composite
def bombs(draw: st.DrawFn) -> str:
    """Alias bombs of every shape: `levels` anchors, each made of `width` aliases to the previous one."""
    levels, width = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nsections: *l{levels - 1}\n"


def check(raw: bytes) -> None:
    """The reader's contract: problems located in the file, clean data, and never an exception."""
    located, problems = parse_yaml(raw, "fuzz.yaml")
    assert isinstance(problems, list)
    assert all(isinstance(p, Problem) and p.path == "fuzz.yaml" and p.line >= 1 and p.column >= 1 for p in problems)
    if located is None:
        assert problems, "an unusable file must say why"
        return
    assert all(not CONTROL_PATTERN.search(p.message) for p in problems)
    _assert_clean(located.data)


def _assert_clean(data: Any) -> None:
    """No terminal control in any string, keys included (shared alias values walked once)."""
    seen: set[int] = set()
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            assert not CONTROL_PATTERN.search(item), repr(item)
        elif isinstance(item, (list, dict)) and id(item) not in seen:
            seen.add(id(item))
            pending += [*item.keys(), *item.values()] if isinstance(item, dict) else item


@pytest.mark.timeout(400)
@FUZZ
@given(st.binary(max_size=4000))
def test_arbitrary_bytes(raw: bytes) -> None:
    check(raw)


@pytest.mark.timeout(400)
@FUZZ
@given(documents())
def test_structured_yaml(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))


@pytest.mark.timeout(400)
@FUZZ
@given(bombs())
def test_alias_bombs(text: str) -> None:
    check(text.encode())
