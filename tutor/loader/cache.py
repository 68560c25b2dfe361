"""The content cache file: validated content as JSON, through a closed codec that cannot run code.

The cache lives in a directory another user may be able to write (a shared `TUTOR_HOME`, a
`~/.cache` left world-writable), so reading it must never do more than build content:
- the format is JSON (`json.loads` only makes dicts, lists, strings, numbers, booleans and null);
- a dataclass is written as `[class name, field values...]` and read back only if its name is in
  `SCHEMA` (the content classes) and fits the declared type of the slot it is in; every field is
  checked against its type in `SCHEMA` (str, int, float, bool, None, tuple, frozenset, dict, Literal,
  Enum, nested dataclass), so wrong shapes, wrong types, infinities and huge integers are refused,
  never half-built; nothing is imported, looked up by name outside `SCHEMA`, or evaluated;
- the file is read only if it is a regular file of at most `SIZE_LIMIT` bytes, owned by the current
  user and writable by nobody else, in a directory of the same kind (defence in depth);
- anything unexpected (damage, truncation, a FIFO or a directory in its place, deep nesting) makes
  `read_cache` return None, and the caller loads the YAML again.
The old pickled cache (`content.pickle`) is never read; `write_cache` deletes it when it is ours.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import math
import os
import stat
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tutor.content.model import (
    Block,
    CalloutBlock,
    Card,
    CardsBlock,
    Course,
    FlowBlock,
    KeyPointsBlock,
    Lang,
    MarkdownBlock,
    Module,
    NavHint,
    Section,
    SimulatorBlock,
    Step,
    TableBlock,
)
from tutor.quiz.model import (
    Bank,
    GeneratorRequest,
    Hint,
    Item,
    Option,
    Pair,
    Question,
    QuizLibrary,
    Topic,
)
from tutor.safety import read_input

#: Bumped whenever the file layout changes (1 was the pickle).
FORMAT = 3  # 3: banks declare their own topics (Bank.topics)
CACHE_NAME = "content.json"
OLD_CACHE_NAMES = ("content.pickle",)
#: The shipped content is about 0.2 MB of JSON; a course a hundred times larger still fits.
SIZE_LIMIT = 32 * 1024 * 1024
#: Bounds an integer field; the content's integers are module numbers and generator counts.
_INT_LIMIT = 2**53

_TEXTS = tuple[str, ...]
_KEY = tuple[str, str]

#: The only classes a cache may build, each with its fields in order and their declared types.
#: Written out rather than read from the annotations at run time (that would compile every
#: annotation string at each start); a test checks it against the classes' own annotations.
SCHEMA: dict[type, dict[str, Any]] = {
    Course: {"modules": dict[_KEY, Module]},
    Module: {
        "id": str, "lang": Lang, "number": int, "title": str, "subtitle": str, "sections": tuple[Section, ...],
        "previous": NavHint | None, "next": NavHint | None, "source": str,
    },
    NavHint: {"title": str, "module": str | None},
    Section: {"id": str, "title": str, "blocks": tuple[Block, ...]},
    MarkdownBlock: {"id": str, "title": str | None, "text": str},
    CalloutBlock: {"id": str, "title": str | None, "style": str, "text": str},
    TableBlock: {"id": str, "title": str | None, "header": _TEXTS, "rows": tuple[_TEXTS, ...], "caption": str | None},
    Step: {"title": str, "text": str},
    FlowBlock: {"id": str, "title": str | None, "steps": tuple[Step, ...]},
    Card: {"id": str, "icon": str | None, "title": str, "text": str},
    CardsBlock: {"id": str, "title": str | None, "cards": tuple[Card, ...]},
    KeyPointsBlock: {"id": str, "title": str | None, "points": _TEXTS},
    SimulatorBlock: {"id": str, "title": str | None, "simulator": str},
    QuizLibrary: {"banks": dict[_KEY, Bank]},
    Bank: {
        "id": str, "lang": str, "module": str, "title": str, "questions": tuple[Question, ...], "pass_mark": float,
        "generators": tuple[GeneratorRequest, ...], "source": str, "exam_clock": str, "topics": tuple[Topic, ...],
    },
    Question: {
        "id": str, "type": str, "topic": str, "difficulty": str, "prompt": str, "explanation": str, "section": str,
        "module": str, "points": float, "hints": tuple[Hint, ...], "options": tuple[Option, ...], "answer": Any,
        "tolerance": float | None, "relative_tolerance": float | None, "unit": str | None,
        "items": tuple[Item, ...], "pairs": tuple[Pair, ...], "distractors": _TEXTS, "answers": _TEXTS,
        "generator": str | None,
    },
    Option: {"id": str, "text": str, "correct": bool, "feedback": str | None, "credit": float | None},
    Item: {"id": str, "text": str},
    Pair: {"id": str, "left": str, "right": str},
    Hint: {"text": str, "cost": float},
    GeneratorRequest: {"name": str, "count": int},
    Topic: {"id": str, "title": str},
}
ALLOWED: dict[str, type] = {cls.__name__: cls for cls in SCHEMA}


class CacheRejected(ValueError):
    """The cache's data does not have the shape the content classes declare."""


Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]


# --- Codec, compiled once per process from the classes' own annotations ---------------------------

_fields: dict[type, list[tuple[str, Any]]] = {}


def _class_fields(cls: type) -> list[tuple[str, Any]]:
    """(name, declared type) of every field of an allowed class, in order."""
    found = _fields.get(cls)
    if found is None:
        found = list(SCHEMA[cls].items())
        if [name for name, _ in found] != [f.name for f in dataclasses.fields(cls)]:
            # A field was added without updating SCHEMA: cache nothing rather than something partial.
            raise TypeError(f"SCHEMA of {cls.__name__} does not match its fields")
        if hasattr(cls, "__post_init__") or "__slots__" in vars(cls):
            raise TypeError(f"{cls.__name__} must be built by __init__, not by filling __dict__")
        _fields[cls] = found
    return found


def _candidates(slot: type) -> dict[str, type]:
    """The allowed classes a slot declared as `slot` may hold (itself or its subclasses)."""
    return {name: cls for name, cls in ALLOWED.items() if issubclass(cls, slot)}


def _reject(expected: str, value: Any) -> CacheRejected:
    return CacheRejected(f"expected {expected}, found {type(value).__name__}")


@functools.cache
def decoder(hint: Any) -> Decoder:
    """The function that checks and builds a value declared as `hint` from its JSON form (built once per hint)."""
    return _make_decoder(hint)


def _make_decoder(hint: Any) -> Decoder:  # one branch per kind of declared type
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str or hint is bool:
        def exact(value: Any, kind: type = hint) -> Any:
            if type(value) is not kind:
                raise _reject(kind.__name__, value)
            return value
        return exact
    if hint is int:
        def integer(value: Any) -> int:
            if type(value) is not int or not -_INT_LIMIT <= value <= _INT_LIMIT:
                raise _reject("int", value)
            return value
        return integer
    if hint is float:
        def number(value: Any) -> float:
            # Kept as written (1 stays int, 1.0 float) so a hit equals a fresh load exactly; an
            # infinity or NaN (JSON's `1e999`, `Infinity`, `NaN`) is refused, so never cached either.
            if (type(value) is float and math.isfinite(value)) or (
                type(value) is int and -_INT_LIMIT <= value <= _INT_LIMIT
            ):
                return value
            raise _reject("a finite number", value)
        return number
    if hint is type(None):
        def none(value: Any) -> None:
            if value is not None:
                raise _reject("null", value)
        return none
    if hint is Any:
        def scalar(value: Any) -> Any:
            # `Question.answer`: a boolean, a number or a text; never a container.
            if value is None or type(value) in (bool, str) or (type(value) is float and math.isfinite(value)) or (
                type(value) is int and -_INT_LIMIT <= value <= _INT_LIMIT
            ):
                return value
            raise _reject("a scalar", value)
        return scalar
    if origin is typing.Literal:
        allowed = set(args)

        def literal(value: Any) -> Any:
            if type(value) not in (str, int, bool) or value not in allowed:
                raise _reject(f"one of {sorted(map(str, allowed))}", value)
            return value
        return literal
    if origin in (typing.Union, types.UnionType):
        options = [decoder(arg) for arg in args]
        if len(args) == 2 and type(None) in args:  # the common `X | None`, without trying both
            other = options[0] if args[1] is type(None) else options[1]
            return lambda value: None if value is None else other(value)

        def union(value: Any) -> Any:
            for option in options:
                try:
                    return option(value)
                except CacheRejected:
                    continue
            raise _reject(str(hint), value)
        return union
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = decoder(args[0])

            def sequence(value: Any) -> tuple[Any, ...]:
                if type(value) is not list:
                    raise _reject("list", value)
                return tuple([item(element) for element in value])
            return sequence
        items = [decoder(arg) for arg in args]

        def fixed(value: Any) -> tuple[Any, ...]:
            if type(value) is not list or len(value) != len(items):
                raise _reject(f"list of {len(items)}", value)
            return tuple([check(element) for check, element in zip(items, value, strict=True)])
        return fixed
    if origin in (list, frozenset, set):
        item = decoder(args[0])
        build: Callable[[Any], Any] = origin

        def collection(value: Any) -> Any:
            if type(value) is not list:
                raise _reject("list", value)
            return build([item(element) for element in value])
        return collection
    if origin is dict:
        key, val = decoder(args[0]), decoder(args[1])

        def mapping(value: Any) -> dict[Any, Any]:
            # Written as a list of [key, value] pairs: JSON keys can only be strings.
            if type(value) is not list:
                raise _reject("list of pairs", value)
            result: dict[Any, Any] = {}
            for pair in value:
                if type(pair) is not list or len(pair) != 2:
                    raise _reject("[key, value]", pair)
                result[key(pair[0])] = val(pair[1])
            return result
        return mapping
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        def member(value: Any, kind: type[enum.Enum] = hint) -> enum.Enum:
            if type(value) not in (str, int):
                raise _reject(kind.__name__, value)
            return kind(value)  # ValueError for an unknown value
        return member
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_decoder(hint)
    raise TypeError(f"the content cache cannot hold {hint!r}")  # a programming error, found by the tests


def _dataclass_decoder(slot: type) -> Decoder:
    candidates = _candidates(slot)
    if not candidates:
        raise TypeError(f"{slot.__name__} is not in the content cache's allow-list")
    # Field decoders are looked up on first use: classes may refer to each other.
    plans: dict[str, tuple[type, tuple[str, ...], list[Decoder]]] = {}

    def plan(name: str) -> tuple[type, tuple[str, ...], list[Decoder]]:
        found = plans.get(name)
        if found is None:
            cls = candidates[name]
            fields = _class_fields(cls)
            found = (cls, tuple(field for field, _ in fields), [decoder(hint) for _, hint in fields])
            plans[name] = found
        return found

    def build(value: Any) -> Any:
        if type(value) is not list or not value or type(value[0]) is not str or value[0] not in candidates:
            raise _reject(f"one of {sorted(candidates)}", value)
        cls, names, checks = plan(value[0])
        if len(value) != len(checks) + 1:
            raise CacheRejected(f"{value[0]}: expected {len(checks)} fields, found {len(value) - 1}")
        # Every field is checked above; filling __dict__ directly (as pickle did) skips the frozen
        # dataclass's __init__, which sets each field through object.__setattr__ and costs twice as
        # much. The classes have no __post_init__ and no __slots__ (checked in _class_fields).
        built: Any = object.__new__(cls)
        checked = [check(element) for check, element in zip(checks, value[1:], strict=True)]
        built.__dict__.update(zip(names, checked, strict=True))
        return built
    return build


@functools.cache
def encoder(hint: Any) -> Encoder:
    """The function that turns a value declared as `hint` into its JSON form, checking it fits (built once per hint)."""
    return _make_encoder(hint)


def _make_encoder(hint: Any) -> Encoder:
    # Encoding mirrors decoding exactly: whatever `decoder(hint)` would refuse is refused here, so
    # content that could not come back equal is never cached.
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    check = decoder(hint) if hint in (str, bool, int, float, type(None), Any) or origin is typing.Literal else None
    if check is not None:
        return check
    if origin in (typing.Union, types.UnionType):
        options = [(arg, encoder(arg)) for arg in args]

        def union(value: Any) -> Any:
            for arg, option in options:
                if _instance_of(value, arg):
                    return option(value)
            raise _reject(str(hint), value)
        return union
    if origin is tuple or origin in (list, frozenset, set):
        kinds = {tuple: tuple, list: list, frozenset: frozenset, set: set}
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            items = [encoder(arg) for arg in args]

            def fixed(value: Any) -> list[Any]:
                if type(value) is not tuple or len(value) != len(items):
                    raise _reject(str(hint), value)
                return [encode(element) for encode, element in zip(items, value, strict=True)]
            return fixed
        item = encoder(args[0])
        kind = kinds[origin]

        def collection(value: Any) -> list[Any]:
            if type(value) is not kind:
                raise _reject(kind.__name__, value)
            return [item(element) for element in value]
        return collection
    if origin is dict:
        key, val = encoder(args[0]), encoder(args[1])

        def mapping(value: Any) -> list[list[Any]]:
            if type(value) is not dict:
                raise _reject("dict", value)
            return [[key(k), val(v)] for k, v in value.items()]
        return mapping
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        def member(value: Any, kind: type[enum.Enum] = hint) -> Any:
            if type(value) is not kind:
                raise _reject(kind.__name__, value)
            return value.value
        return member
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        candidates = _candidates(hint)
        plans: dict[type, list[tuple[str, Encoder]]] = {}

        def build(value: Any) -> list[Any]:
            cls = type(value)
            if candidates.get(cls.__name__) is not cls:
                raise _reject(f"one of {sorted(candidates)}", value)
            fields = plans.get(cls)
            if fields is None:
                fields = plans[cls] = [(name, encoder(field_hint)) for name, field_hint in _class_fields(cls)]
            return [cls.__name__, *[encode(getattr(value, name)) for name, encode in fields]]
        return build
    raise TypeError(f"the content cache cannot hold {hint!r}")


def _instance_of(value: Any, hint: Any) -> bool:
    """Whether `value` belongs to the alternative `hint` of a union (enough to pick its encoder)."""
    if hint is Any:
        return True
    if hint is type(None):
        return value is None
    origin = typing.get_origin(hint) or hint
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    return isinstance(value, origin) and not (origin is int and isinstance(value, bool))


# --- The file -------------------------------------------------------------------------------------

_CONTENT_HINT = tuple[Course, QuizLibrary]


def encode(course: Course, quizzes: QuizLibrary, stamp: str) -> bytes:
    """The cache file's bytes for this content (TypeError/ValueError if it cannot be cached exactly)."""
    document = {"format": FORMAT, "stamp": stamp, "content": encoder(_CONTENT_HINT)((course, quizzes))}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode(raw: bytes, stamp: str | None = None) -> tuple[Course, QuizLibrary]:
    """The content in a cache file's bytes; `CacheRejected` (a ValueError) if they are not a valid
    cache of format `FORMAT`, or, when `stamp` is given, if they were written for other files."""
    document = json.loads(raw)  # ValueError when damaged, RecursionError when nested too deep
    if type(document) is not dict or set(document) != {"format", "stamp", "content"}:
        raise CacheRejected("not a content cache")
    if document["format"] != FORMAT or type(document["format"]) is not int:
        raise CacheRejected("another cache format")
    if stamp is not None and document["stamp"] != stamp:
        raise CacheRejected("written for other files")
    course, quizzes = decoder(_CONTENT_HINT)(document["content"])
    return course, quizzes


def _private(info: os.stat_result) -> bool:
    """Owned by the current user and writable by nobody else."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # pragma: no cover - no owners to compare (Windows)
        return True
    return info.st_uid == getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_cache(directory: Path, stamp: str) -> tuple[Course, QuizLibrary] | None:
    """The content cached in `directory` for `stamp`, or None when there is no usable cache."""
    path = directory / CACHE_NAME
    try:
        folder = os.lstat(directory)
        if not stat.S_ISDIR(folder.st_mode) or not _private(folder):
            return None  # someone else could have put a file there
        before = os.lstat(path)
        if not stat.S_ISREG(before.st_mode) or not _private(before):
            return None  # a symlink, a FIFO, a directory, or another user's file
        raw = read_input(path, SIZE_LIMIT)  # refuses a FIFO or a device swapped in meanwhile
        after = os.lstat(path)
        if (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino):
            return None  # replaced while being read
        return decode(raw, stamp)
    except (OSError, ValueError, TypeError, RecursionError, OverflowError, MemoryError):
        # Missing, refused, damaged, nested too deep, or of another shape: the YAML is read again.
        return None


def write_cache(directory: Path, stamp: str, course: Course, quizzes: QuizLibrary) -> None:
    """Cache valid content in `directory` (0700), as a 0600 file replaced atomically; failures cost only speed."""
    try:
        data = encode(course, quizzes, stamp)
    except (TypeError, ValueError, RecursionError):
        return  # a value the codec cannot give back equal: better no cache than a different one
    store(directory, data)


def store(directory: Path, data: bytes) -> None:
    """Write the bytes of a cache file (from `encode`) in `directory`; see `write_cache`."""
    if len(data) > SIZE_LIMIT:
        return
    try:
        _make_private_dir(directory)
        folder = os.lstat(directory)
        if not stat.S_ISDIR(folder.st_mode) or not _private(folder):
            return  # not ours (we never write where another user can swap the file)
        for old in OLD_CACHE_NAMES:
            _remove_own_file(directory / old)
    except OSError:
        return  # a read-only cache directory only costs speed
    temporary = directory / f"{CACHE_NAME}.{os.getpid()}.tmp"
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(temporary, flags, 0o600)
        try:
            os.fchmod(descriptor, 0o600)  # also when a stale temporary file was there
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)
        os.replace(temporary, directory / CACHE_NAME)  # atomic: a second tutor never reads half a file
    except OSError:
        try:  # e.g. a directory in the cache file's place, or a full disk
            temporary.unlink()
        except OSError:
            pass


def _make_private_dir(directory: Path) -> None:
    """Create `directory` and its missing parents 0700 (`locations.make_private_dir`: probe 3.22); an
    existing cache directory of ours that others could write is tightened to 0700."""
    from tutor.locations import make_private_dir

    make_private_dir(directory)
    info = os.lstat(directory)
    if stat.S_ISDIR(info.st_mode) and hasattr(os, "getuid") and info.st_uid == os.getuid() and info.st_mode & 0o077:
        os.chmod(directory, 0o700)


def _remove_own_file(path: Path) -> None:
    """Delete `path` if it is a regular file of ours (the old pickle cache: never read, just removed)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == os.getuid()):
        path.unlink()
