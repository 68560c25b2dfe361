"""Read YAML into plain Python data while remembering where every value came from.

Only plain YAML is accepted (mappings, sequences, strings, numbers, booleans, null): any other
tag, such as `!!python/object`, is refused with its position, so loading content can never run code.
Every problem becomes a `Problem` with file, line and column instead of an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tutor.core.problems import Problem

try:  # libyaml's parser is several times faster; the pure-Python one gives the same nodes.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    column: int


@dataclass
class Located:
    """Plain data read from one YAML file, with the position of every mapping, list and value.

    `marks` maps a path of keys and indexes, e.g. `("sections", 2, "title")`, to the position of the
    value at that path; `key_marks` maps the same path to the position of its key.
    """

    path: str
    data: Any
    marks: dict[tuple[Any, ...], Mark] = field(default_factory=dict)
    key_marks: dict[tuple[Any, ...], Mark] = field(default_factory=dict)
    block_scalars: set[tuple[Any, ...]] = field(default_factory=set)

    def mark(self, where: tuple[Any, ...], key: bool = False) -> Mark:
        """Position of the value (or of its key) at `where`, else of its nearest located parent."""
        table = self.key_marks if key else self.marks
        probe = where
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), Mark(1, 1))

    def problem(self, where: tuple[Any, ...], message: str, key: bool = False) -> Problem:
        """A `Problem` located at `where` in this file."""
        mark = self.mark(where, key)
        return Problem(self.path, mark.line, mark.column, message)


class _Refused(Exception):
    """A node that plain YAML does not allow (custom tag, complex key, ...)."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node


def _mark_of(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(
    node: yaml.Node,
    where: tuple[Any, ...],
    located: Located,
    constructor: yaml.constructor.SafeConstructor,
    problems: list[Problem],
) -> Any:
    located.marks[where] = _mark_of(node)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP_TAG:
            raise _Refused(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node, "merge keys ('<<') are not supported")
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _Refused(key_node, "mapping keys must be plain strings")
            key = str(constructor.construct_object(key_node))
            if key in result:
                mark = _mark_of(key_node)
                problems.append(
                    Problem(located.path, mark.line, mark.column, f"duplicate key {key!r}")
                )
            located.key_marks[where + (key,)] = _mark_of(key_node)
            result[key] = _convert(value_node, where + (key,), located, constructor, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            raise _Refused(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
        return [
            _convert(item, where + (index,), located, constructor, problems)
            for index, item in enumerate(node.value)
        ]
    if node.tag == _TIMESTAMP_TAG and not node.style:
        return node.value  # an unquoted date is text to us, not a datetime
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(node, f"tag {node.tag!r} is not allowed (plain YAML only)")
    if node.style in ("|", ">"):
        located.block_scalars.add(where)
    return constructor.construct_object(node)


def load_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file; return its located data (None when unusable) and the problems found."""
    shown = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, f"cannot read file: {error.strerror or error}")]
    return parse_yaml(raw, shown)


def parse_yaml(raw: bytes, shown: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML bytes named `shown` in messages; see `load_yaml`."""
    if b"\x00" in raw:
        return None, [Problem(shown, 1, 1, "not a text file (it contains NUL bytes)")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem(shown, line, column, "not valid UTF-8 text")]
    if not text.strip():
        return None, [Problem(shown, 1, 1, "the file is empty")]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(shown, line, column, f"invalid YAML: {reason}")]
    except yaml.YAMLError as error:  # e.g. more than one document
        return None, [Problem(shown, 1, 1, f"invalid YAML: {error}")]
    if node is None:
        return None, [Problem(shown, 1, 1, "the file is empty")]
    located = Located(shown, None)
    problems: list[Problem] = []
    try:
        located.data = _convert(node, (), located, yaml.SafeLoader(""), problems)
    except _Refused as refused:
        mark = _mark_of(refused.node)
        return None, [Problem(shown, mark.line, mark.column, str(refused))]
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        return None, [Problem(shown, 1, 1, f"invalid value: {error}")]
    return located, problems
