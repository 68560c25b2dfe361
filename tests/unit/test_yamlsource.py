"""The located YAML reader: positions, refusals, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.content.yamlsource import load_yaml, parse_yaml


def test_marks_point_at_values_and_keys() -> None:
    located, problems = parse_yaml(b"a: 1\nlist:\n  - x\n  - {k: v}\n", "f.yaml")
    assert problems == [] and located is not None
    assert located.data == {"a": 1, "list": ["x", {"k": "v"}]}
    assert located.mark(("list", 1, "k")) == located.marks[("list", 1, "k")]
    assert located.mark(("list", 1, "k")).line == 4
    assert located.mark(("list",), key=True).line == 2
    # An unknown path falls back to its nearest located parent.
    assert located.mark(("list", 1, "missing")).line == 4


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "1:1: the file is empty"),
        (b"   \n\n", "1:1: the file is empty"),
        (b"a: 1\n\x00\x01", "not a text file"),
        (b"a: \xff\xfe\n", "1:4: not valid UTF-8 text"),
        (b"a: [1, 2\n", "invalid YAML"),
        (b"a:\n\t- b\n", "2:1: invalid YAML"),
        (b"!!python/object:os.system {}\n", "1:1: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed"),
        (b"a: !!python/name:os.system\n", "1:4: tag"),
        (b"a: !custom x\n", "1:4: tag '!custom' is not allowed"),
        (b"? [1, 2]\n: x\n", "mapping keys must be plain strings"),
        (b"a: 1\n---\nb: 2\n", "invalid YAML"),
        (b"base: &b {x: 1}\nc:\n  <<: *b\n", "merge keys"),
    ],
)
def test_bad_input_is_a_located_problem(raw: bytes, expected: str) -> None:
    located, problems = parse_yaml(raw, "bad.yaml")
    assert located is None
    assert len(problems) == 1
    assert expected in str(problems[0])
    assert str(problems[0]).startswith("bad.yaml:")


def test_duplicate_keys_are_reported_with_their_line() -> None:
    located, problems = parse_yaml(b"a: 1\nb: 2\na: 3\n", "d.yaml")
    assert located is not None
    assert [str(p) for p in problems] == ["d.yaml:3:1: duplicate key 'a'"]


def test_unquoted_dates_stay_text() -> None:
    located, _ = parse_yaml(b"when: 2024-01-31\n", "d.yaml")
    assert located is not None and located.data == {"when": "2024-01-31"}


def test_block_scalars_are_remembered() -> None:
    located, _ = parse_yaml(b"a: |\n  text\nb: plain\n", "d.yaml")
    assert located is not None
    assert ("a",) in located.block_scalars and ("b",) not in located.block_scalars


def test_unreadable_file(tmp_path: Path) -> None:
    located, problems = load_yaml(tmp_path / "missing.yaml", "missing.yaml")
    assert located is None and "cannot read file" in str(problems[0])
    located, problems = load_yaml(tmp_path, "dir.yaml")
    assert located is None and "cannot read file" in str(problems[0])
