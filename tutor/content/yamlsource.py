"""Read YAML into plain Python data while remembering where every value came from.

Only plain YAML is accepted (mappings, sequences, strings, numbers, booleans, null): any other
tag, such as `!!python/object`, is refused with its position, so loading content can never run code.
Every problem becomes a `Problem` with file, line and column instead of an exception.

Content is read with the YAML 1.2 core schema (`CoreLoader`): `no`, `on`, `1:20`, `0777` and `1_000`
are what they look like (text, or the decimal 777), not YAML 1.1's booleans and base-60 or octal numbers.

Content comes from instructors, not from us, so reading it is bounded: at most `MAX_FILE_BYTES` per
file, `MAX_VALUES` values (an alias counts as every value it stands for: a 500-byte "billion laughs"
stops at once) and `MAX_DEPTH` nested lists or mappings. The data is built from libyaml's events in one
loop (no recursion, no node graph). Every string, keys included, is passed through `clean_text`, and
each terminal control character in it is a located problem.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import yaml

from tutor.content.problems import Problem
from tutor.safety import CONTROL_PATTERN, InputRefused, clean_text, read_input

try:  # libyaml's parser is several times faster; the pure-Python one gives the same events.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # same interface, pure Python

#: Largest content file read, in bytes (the shipped files are below 64 KB).
MAX_FILE_BYTES = 5_000_000
#: Most values (scalars, lists, mappings) in one file, counting each use of an alias in full.
MAX_VALUES = 200_000
#: Deepest nesting of lists and mappings (shipped content nests 7 deep).
MAX_DEPTH = 64
#: Control characters listed per file (each escaped code point once per scalar); then one line says more.
MAX_CONTROL_PROBLEMS = 1_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

# The YAML 1.2 core schema (spec 10.3.2); `\Z`, not `$`, which would also match before a newline.
_CORE_FORMS: dict[str, re.Pattern[str]] = {
    _NULL: re.compile(r"(?:null|Null|NULL|~|)\Z"),
    _BOOL: re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"),
    _INT: re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z"),
    _FLOAT: re.compile(
        r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
    ),
}


class CoreLoader(_Loader):
    """A safe loader that resolves plain scalars by the YAML 1.2 core schema, not YAML 1.1.

    Only the implicit resolvers (Python-side even with libyaml) and the constructors of the
    core types are replaced, so `CSafeLoader`'s speed is kept. `<<` is still recognised, to be refused.
    """

    # A class attribute (add_implicit_resolver fills it per class), declared per instance by the stubs.
    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}


# First characters each form can start with; int before float, which also matches "12".
for _tag, _first in (
    (_NULL, ["~", "n", "N", ""]), (_BOOL, list("tTfF")),
    (_INT, list("-+0123456789")), (_FLOAT, list("-+.0123456789")),
):
    CoreLoader.add_implicit_resolver(_tag, _CORE_FORMS[_tag], _first)
CoreLoader.add_implicit_resolver(_MERGE, re.compile(r"<<\Z"), ["<"])


class _YamlMark(Protocol):
    """A 0-based position as PyYAML gives it (`yaml.Mark`, or libyaml's own class of the same shape)."""

    index: int
    line: int
    column: int


class _Refused(Exception):
    """Something plain, bounded YAML does not allow (custom tag, complex key, alias bomb...)."""

    def __init__(self, mark: _YamlMark, message: str) -> None:
        super().__init__(message)
        self.mark = mark


def _scalar(tag: str, text: str, mark: _YamlMark) -> Any:
    """The Python value of a plain-tagged scalar, by the core schema (`_Refused` if malformed)."""
    if tag == _STR:
        return text
    form = _CORE_FORMS[tag]
    if not form.match(text):  # only an explicit tag gets here: `!!int abc`
        raise _Refused(mark, f"{text!r} is not a valid {tag.rsplit(':', 1)[-1]}")
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return text[0] in "tT"
    if tag == _INT:
        if text[:2] in ("0o", "0x"):
            return int(text[2:], 8 if text[1] == "o" else 16)
        try:
            return int(text)
        except ValueError:  # Python refuses decimal strings of more than 4,300 digits
            raise _Refused(mark, f"number too long ({len(text):,} digits)") from None
    lowered = text.lower()
    if lowered.endswith(".nan"):
        return math.nan
    if lowered.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    return float(text)


def _construct_core(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> Any:
    return _scalar(node.tag, node.value, node.start_mark)


for _tag in (_NULL, _BOOL, _INT, _FLOAT):
    CoreLoader.add_constructor(_tag, _construct_core)


class Mark(NamedTuple):
    """A 1-based position in a file (a tuple: one is made for every value read)."""

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
    text: str = ""  # the file's text, for checks that locate a character inside a value (tutor.content.style)
    file: Path | None = None  # the file read (`path` is its name as shown), when read from disk

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


def _mark(mark: _YamlMark) -> Mark:
    return Mark(mark.line + 1, mark.column + 1)


# Names of the C0 and C1 controls (unicodedata has none for them).
_C0_NAMES = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
]
_C1_NAMES = [
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
    "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
]
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def control_name(char: str) -> str:
    """`U+001B (ESC)`: a control character as shown in problems."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DEL"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80]
    else:
        name = unicodedata.name(char, "control")
    return f"U+{code:04X} ({name})"


@dataclass
class _Anchor:
    """What an anchor (`&name`) stands for, to be repeated by its aliases."""

    value: Any
    size: int  # values, aliases inside counted in full
    height: int  # nested lists and mappings inside (0 for a scalar)


@dataclass
class _Frame:
    """A list or mapping being read."""

    container: Any
    path: tuple[Any, ...]
    anchor: str | None
    key: Any = None  # the mapping key waiting for its value (`_NO_KEY` when a key is expected)
    size: int = 1
    height: int = 1


_NO_KEY = object()


class _Builder:
    """Plain data and marks from the events of one YAML document, within the limits above."""

    def __init__(self, loader: CoreLoader, text: str, located: Located, problems: list[Problem]) -> None:
        self.loader = loader
        self.text = text
        self.located = located
        self.problems = problems
        self.count = 0
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: list[str] = []  # anchored lists and mappings being read, innermost last
        self.stack: list[_Frame] = []
        self.resolved: dict[str, str] = {}  # tag of each plain scalar text met ("id", "title"... recur)
        self.controls = 0  # control characters reported

    def grow(self, size: int, mark: _YamlMark, alias: str | None = None) -> None:
        """Count `size` more values, refusing the file past `MAX_VALUES`."""
        self.count += size
        if self.count > MAX_VALUES:
            if alias is not None:
                raise _Refused(mark, f"alias '*{alias}' stands for {size:,} values: with it the file "
                                     f"has more than the limit of {MAX_VALUES:,} values")
            raise _Refused(mark, f"more than the limit of {MAX_VALUES:,} values in one file")

    def text_of(self, value: str, start: _YamlMark, end: _YamlMark) -> str:
        """`value` with terminal controls replaced, each one reported where it is in the file."""
        if value.isprintable() or not CONTROL_PATTERN.search(value):
            return value
        source = self.text[start.index:end.index]
        cursor = 0
        reported: set[tuple[int, int, str]] = set()
        for match in CONTROL_PATTERN.finditer(value):
            char = match.group()
            # Written as is in the file (a bidi override), it is found there; escaped in a
            # double-quoted scalar ("\e", "\x1b"), the scalar's start is the place to show.
            found = source.find(char, cursor) if char not in "\r\x85" else -1
            if found < 0:
                line, column = start.line + 1, start.column + 1
            else:
                cursor = found + 1
                breaks = list(_BREAKS.finditer(source, 0, found))
                line = start.line + 1 + len(breaks)
                column = (found - breaks[-1].end() + 1) if breaks else start.column + 1 + found
            if (line, column, char) in reported:  # "\e[1m\e[0m": one problem at the scalar is enough
                continue
            reported.add((line, column, char))
            self.controls += 1
            if self.controls > MAX_CONTROL_PROBLEMS:
                if self.controls == MAX_CONTROL_PROBLEMS + 1:
                    self.problems.append(Problem(self.located.path, line, column, (
                        f"more control characters from here on (only the first {MAX_CONTROL_PROBLEMS:,} are listed)"
                    )))
                continue
            self.problems.append(Problem(
                self.located.path, line, column, f"control character {control_name(char)} is not allowed in text"
            ))
        return clean_text(value)

    def child_path(self) -> tuple[Any, ...]:
        if not self.stack:
            return ()
        top = self.stack[-1]
        return top.path + ((top.key,) if isinstance(top.container, dict) else (len(top.container),))

    def place(self, value: Any, size: int, height: int) -> Any:
        """Put a value read (or started) at the current place; return it."""
        if not self.stack:
            return value
        top = self.stack[-1]
        if isinstance(top.container, dict):
            top.container[top.key] = value
            top.key = _NO_KEY
        else:
            top.container.append(value)
        top.size += size
        top.height = max(top.height, height + 1)
        return value

    def resolve(self, event: yaml.ScalarEvent) -> str:
        """The tag of a scalar: its own, or the core schema's for its text."""
        tag = event.tag
        if tag is not None and tag != "!":
            return tag
        if tag == "!" or not event.implicit[0]:  # `! 12` (the spec says: text) and quoted scalars
            return _STR
        resolved = self.resolved.get(event.value)
        if resolved is None:
            resolved = str(self.loader.resolve(  # type: ignore[no-untyped-call]  # unannotated in the stubs
                yaml.ScalarNode, event.value, event.implicit))
            self.resolved[event.value] = resolved
        return resolved

    def key(self, event: yaml.Event) -> None:
        """A mapping key: a plain scalar, cleaned; a duplicate is reported."""
        start, end = event.start_mark, event.end_mark
        assert start is not None and end is not None  # both parsers mark every event
        if not isinstance(event, yaml.ScalarEvent):
            raise _Refused(start, "mapping keys must be plain strings")
        tag = self.resolve(event)
        if tag == _MERGE:
            raise _Refused(start, "merge keys ('<<') are not supported")
        if tag not in _PLAIN_TAGS:
            raise _Refused(start, "mapping keys must be plain strings")
        self.grow(1, start)
        top = self.stack[-1]
        key = self.text_of(event.value, start, end)
        mark = _mark(start)
        if key in top.container:
            self.problems.append(Problem(self.located.path, mark.line, mark.column, f"duplicate key {key!r}"))
        top.key = key
        self.located.key_marks[top.path + (key,)] = mark
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(key, 1, 0)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        start, end = event.start_mark, event.end_mark
        assert start is not None and end is not None  # both parsers mark every event
        tag = self.resolve(event)
        if tag == _MERGE and event.tag is None:
            tag = _STR  # `<<` is only special as a key
        if tag not in _PLAIN_TAGS:
            raise _Refused(start, f"tag {tag!r} is not allowed (plain YAML only)")
        self.grow(1, start)
        value = _scalar(tag, event.value, start)
        if tag == _STR:
            value = self.text_of(value, start, end)
        path = self.child_path()
        mark = _mark(start)
        self.located.marks[path] = mark
        if event.style in ("|", ">"):
            self.located.block_scalars.add(path)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 1, 0)
        return self.place(value, 1, 0)

    def alias(self, event: yaml.AliasEvent) -> Any:
        name, start = event.anchor, event.start_mark
        assert name is not None and start is not None  # an alias names its anchor; every event is marked
        anchor = self.anchors.get(name)
        if anchor is None:
            why = "is inside the value it names" if name in self.open_anchors else "has no '&' anchor before it"
            raise _Refused(start, f"alias '*{name}' {why}")
        if len(self.stack) + anchor.height > MAX_DEPTH:
            raise _Refused(start, f"alias '*{name}' nests lists and mappings deeper than "
                                  f"the limit of {MAX_DEPTH} levels")
        self.grow(anchor.size, start, name)
        # Only the alias itself is located: what lies inside it is found at the alias (`Located.mark` takes
        # the nearest located parent), so an alias costs the same whatever it stands for.
        self.located.marks[self.child_path()] = _mark(start)
        return self.place(anchor.value, anchor.size, anchor.height)

    def start(self, event: yaml.CollectionStartEvent) -> None:
        start = event.start_mark
        assert start is not None  # both parsers mark every event
        mapping = isinstance(event, yaml.MappingStartEvent)
        if event.tag not in (None, "!", _MAP_TAG if mapping else _SEQ_TAG):
            raise _Refused(start, f"tag {event.tag!r} is not allowed (plain YAML only)")
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(start, f"lists and mappings nested deeper than the limit of {MAX_DEPTH} levels")
        self.grow(1, start)
        path = self.child_path()
        container: Any = {} if mapping else []
        if event.anchor is not None:
            self.open_anchors.append(event.anchor)
        frame = _Frame(container, path, event.anchor)
        self.located.marks[path] = _mark(start)
        self.place(container, 0, 0)  # counted when it ends, with its contents
        if mapping:
            frame.key = _NO_KEY
        self.stack.append(frame)

    def end(self) -> Any:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = _Anchor(frame.container, frame.size, frame.height)
            self.open_anchors.pop()  # anchored values nest: the innermost ends first
        if self.stack:  # the container is in place already: only its size and height count now
            top = self.stack[-1]
            top.size += frame.size
            top.height = max(top.height, frame.height + 1)
        return frame.container

    def document(self) -> Any:
        """The data of the one document that follows."""
        get = self.loader.get_event
        while True:
            event = get()
            assert event is not None  # None only after the end of the stream, outside any document
            top = self.stack[-1] if self.stack else None
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                value = self.end()
            elif top is not None and top.key is _NO_KEY:
                self.key(event)
                continue
            elif isinstance(event, yaml.ScalarEvent):
                value = self.scalar(event)
            elif isinstance(event, yaml.AliasEvent):
                value = self.alias(event)
            elif isinstance(event, yaml.CollectionStartEvent):
                self.start(event)
                continue
            else:  # pragma: no cover - libyaml gives no other event inside a document
                assert event.start_mark is not None
                raise _Refused(event.start_mark, f"unexpected {type(event).__name__}")
            if not self.stack:
                return value


def load_yaml(path: Path, display: str | None = None) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file; return its located data (None when unusable) and the problems found.

    Only a regular file of at most `MAX_FILE_BYTES` is read (a FIFO or `/dev/zero` is refused at once).
    """
    shown = display or str(path)
    try:
        raw = read_input(path, MAX_FILE_BYTES)
    except InputRefused as refused:
        return None, [Problem(shown, 1, 1, f"cannot read file: {refused.reason('en')}")]
    except OSError as error:
        return None, [Problem(shown, 1, 1, f"cannot read file: {error.strerror or error}")]
    located, problems = parse_yaml(raw, shown)
    if located is not None:
        located.file = path
    return located, problems


def parse_yaml(raw: bytes, shown: str) -> tuple[Located | None, list[Problem]]:
    """Parse YAML bytes named `shown` in messages; see `load_yaml`."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(shown, 1, 1,
                              f"cannot read file: {InputRefused(Path(shown), 'input.too_large', MAX_FILE_BYTES)}")]
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
    located = Located(shown, None, text=text)
    problems: list[Problem] = []
    loader = CoreLoader(text)
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None, [Problem(shown, 1, 1, "the file is empty")]
        loader.get_event()  # document start
        located.data = _Builder(loader, text, located, problems).document()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            second = loader.peek_event()
            assert second is not None and second.start_mark is not None  # not the end: checked above
            mark = _mark(second.start_mark)
            return None, [Problem(shown, mark.line, mark.column,
                                  "invalid YAML: a second document: one document per file")]
    except _Refused as refused:
        mark = _mark(refused.mark)
        return None, [Problem(shown, mark.line, mark.column, str(refused))]
    except yaml.MarkedYAMLError as error:
        where = error.problem_mark or error.context_mark
        line, column = (where.line + 1, where.column + 1) if where else (1, 1)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(shown, line, column, f"invalid YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(shown, 1, 1, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    return located, problems
