"""Content formats, declared once: the validator checks YAML against a `Spec` and the JSON Schema
shipped for editors (`docs/lesson.schema.json`, `tutor schema lesson`) is generated from the same.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from tutor.content.model import BLOCK_CLASSES, CALLOUT_STYLES, LANGS
from tutor.content.problems import Problem
from tutor.content.yamlsource import Located

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """One key of an object: its name, its type, whether it must be present (and a list's longest length)."""

    name: str
    type: Any  # "str", "text", "int", "number", "bool", "id", ("enum", values), ("list", T), ("object", name)
    required: bool = True
    description: str = ""
    max_items: int | None = None


def _f(name: str, kind: Any, required: bool = True, description: str = "", max_items: int | None = None) -> Field:
    return Field(name, kind, required, description, max_items)


# Far above any real course (the shipped module has 7 sections of at most 9 blocks), low enough that
# checking a module stays quick; the reader's own limits (tutor.content.yamlsource) bound the rest.
MAX_SECTIONS = 500
MAX_BLOCKS = 200


_TITLE = _f("title", "str", False, "Optional title shown above the block.")
_BLOCK_HEAD = [_f("id", "id", description="Stable id, unique in the module.")]

OBJECTS: dict[str, list[Field]] = {
    "module": [
        _f("id", "id", description="Module id, shared by every language."),
        _f("lang", ("enum", LANGS)),
        _f("number", "int", description="Position of the module in the course."),
        _f("title", "str"),
        _f("subtitle", "str", False),
        _f("previous", ("object", "nav"), False),
        _f("next", ("object", "nav"), False),
        _f("sections", ("list", ("object", "section")), max_items=MAX_SECTIONS),
    ],
    "nav": [_f("title", "str"), _f("module", "id", False)],
    "section": [
        _f("id", "id"), _f("title", "str"), _f("blocks", ("list", ("object", "block")), max_items=MAX_BLOCKS),
    ],
    "step": [_f("title", "str"), _f("text", "str")],
    "card": [_f("id", "id"), _f("icon", "str", False), _f("title", "str"), _f("text", "str")],
}

@dataclass(frozen=True)
class Variants:
    """An object whose fields depend on one key (a block's `kind`, a question's `type`)."""

    key: str
    head: list[Field]
    by_value: dict[str, list[Field]]


@dataclass(frozen=True)
class Spec:
    """A whole format: its root object, named objects and objects with variants."""

    root: str
    objects: dict[str, list[Field]]
    variants: dict[str, Variants]


BLOCKS: dict[str, list[Field]] = {
    "markdown": [_TITLE, _f("text", "str", description="Markdown text.")],
    "callout": [_f("style", ("enum", CALLOUT_STYLES)), _TITLE, _f("text", "str")],
    "table": [
        _TITLE,
        _f("header", ("list", "text")),
        _f("rows", ("list", ("list", "text"))),
        _f("caption", "str", False),
    ],
    "flow": [_TITLE, _f("steps", ("list", ("object", "step")))],
    "cards": [_TITLE, _f("cards", ("list", ("object", "card")))],
    "keypoints": [_TITLE, _f("points", ("list", "str"))],
    "simulator": [_f("simulator", "str"), _TITLE],
}
assert set(BLOCKS) == set(BLOCK_CLASSES)

LESSON_SPEC = Spec(
    root="module",
    objects=OBJECTS,
    variants={"block": Variants("kind", _BLOCK_HEAD, BLOCKS)},
)


def _type_name(kind: Any) -> str:
    if kind in ("str", "text", "id"):
        return "a string"
    if kind == "int":
        return "a whole number"
    if kind == "number":
        return "a number"
    if kind == "bool":
        return "true or false"
    if kind[0] == "enum":
        return "one of " + ", ".join(kind[1])
    if kind[0] == "list":
        return "a list"
    return "a mapping"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float) and math.isnan(value):
        return "NaN (not a number)"
    if isinstance(value, float) and math.isinf(value):
        return "an infinite number"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def check_value(
    located: Located, where: tuple[Any, ...], value: Any, kind: Any, spec: Spec | None = None
) -> list[Problem]:
    """Problems of `value` at `where` against the declared type `kind` (recursively)."""
    spec = spec or LESSON_SPEC
    if kind == "str" or kind == "id":
        if not isinstance(value, str) or (kind == "str" and not value.strip()):
            if isinstance(value, str):
                return [located.problem(where, "must not be empty")]
            return [located.problem(where, f"expected a string, found {_describe(value)}")]
        if kind == "id" and not ID_PATTERN.match(value):
            return [located.problem(where, f"invalid id {value!r}: use a-z, 0-9 and '-'")]
        return []
    if kind == "text":
        if isinstance(value, float) and not math.isfinite(value):
            return [located.problem(where, "must be a finite number")]
        ok = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        return [] if ok else [located.problem(where, f"expected text, found {_describe(value)}")]
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return []
        return [located.problem(where, f"expected a whole number, found {_describe(value)}")]
    if kind == "number":
        if isinstance(value, float) and not math.isfinite(value):  # .inf, .nan, 1e400
            return [located.problem(where, "must be a finite number")]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return []
        return [located.problem(where, f"expected a number, found {_describe(value)}")]
    if kind == "bool":
        if isinstance(value, bool):
            return []
        return [located.problem(where, f"expected true or false, found {_describe(value)}")]
    if kind[0] == "enum":
        if isinstance(value, str) and value in kind[1]:
            return []
        if not isinstance(value, (str, int, float, bool)) and value is not None:  # no list echoed whole
            return [located.problem(where, f"expected {_type_name(kind)}, found {_describe(value)}")]
        return [located.problem(where, f"{value!r} is not {_type_name(kind)}")]
    if kind[0] == "list":
        if not isinstance(value, list):
            return [located.problem(where, f"expected a list, found {_describe(value)}")]
        if not value:
            return [located.problem(where, "the list is empty")]
        problems: list[Problem] = []
        for index, item in enumerate(value):
            problems += check_value(located, where + (index,), item, kind[1], spec)
        return problems
    return check_object(located, where, value, kind[1], spec)


def check_object(
    located: Located, where: tuple[Any, ...], value: Any, name: str, spec: Spec | None = None
) -> list[Problem]:
    """Problems of a mapping against object `name` of `spec` (variants dispatch on their key)."""
    spec = spec or LESSON_SPEC
    if not isinstance(value, dict):
        return [located.problem(where, f"expected a mapping ({name}), found {_describe(value)}")]
    variants = spec.variants.get(name)
    if variants is not None:
        chosen = value.get(variants.key)
        # A list or mapping is no dict key (TypeError): only a string can name a variant.
        if not isinstance(chosen, str) or chosen not in variants.by_value:
            if variants.key not in value:
                return [located.problem(where, f"{name} without '{variants.key}'")]
            known = ", ".join(variants.by_value)
            if not isinstance(chosen, str):
                return [located.problem(
                    where + (variants.key,),
                    f"{name} {variants.key} must be one of {known}, found {_describe(chosen)}",
                )]
            return [located.problem(where + (variants.key,), f"unknown {name} {variants.key} {chosen!r} ({known})")]
        fields = variants.head + [Field(variants.key, "str")] + variants.by_value[chosen]
    else:
        fields = spec.objects[name]
    by_name = {field.name: field for field in fields}
    problems: list[Problem] = []
    for key in value:
        if key not in by_name:
            allowed = ", ".join(by_name)
            problems.append(
                located.problem(where + (key,), f"unknown key {key!r} (allowed: {allowed})", key=True)
            )
    label = f"{value.get(variants.key)} {name}" if variants is not None else name
    for field in fields:
        if field.name not in value:
            if field.required:
                problems.append(located.problem(where, f"{label}: missing '{field.name}'"))
            continue
        items = value[field.name]
        if field.max_items is not None and isinstance(items, list) and len(items) > field.max_items:
            problems.append(located.problem(
                where + (field.name,), f"too many {field.name}: {len(items):,} (at most {field.max_items:,})"
            ))
            continue  # not worth checking each of them
        problems += check_value(located, where + (field.name,), items, field.type, spec)
    return problems


def _json_type(kind: Any) -> dict[str, Any]:
    if kind == "str":
        return {"type": "string", "minLength": 1}
    if kind == "id":
        return {"type": "string", "pattern": ID_PATTERN.pattern}
    if kind == "text":
        return {"type": ["string", "number"]}
    if kind == "int":
        return {"type": "integer"}
    if kind == "number":
        return {"type": "number"}
    if kind == "bool":
        return {"type": "boolean"}
    if kind[0] == "enum":
        return {"enum": list(kind[1])}
    if kind[0] == "list":
        return {"type": "array", "minItems": 1, "items": _json_type(kind[1])}
    return {"$ref": f"#/$defs/{kind[1]}"}


def _json_object(fields: list[Field], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {}
    for field in fields:
        schema = _json_type(field.type)
        if field.description:
            schema = {**schema, "description": field.description}
        properties[field.name] = schema
    properties.update(extra or {})
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required] + [k for k in (extra or {})],
        "properties": properties,
    }


def json_schema(spec: Spec, title: str, description: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a format, generated from its declaration."""
    defs: dict[str, Any] = {name: _json_object(fields) for name, fields in spec.objects.items()}
    for name, variants in spec.variants.items():
        defs[name] = {
            "oneOf": [
                _json_object(variants.head + fields, {variants.key: {"const": value}})
                for value, fields in variants.by_value.items()
            ]
        }
    root = defs.pop(spec.root)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description,
        **root,
        "$defs": defs,
    }


def lesson_json_schema() -> dict[str, Any]:
    """The JSON Schema of a lesson file."""
    return json_schema(
        LESSON_SPEC,
        "tutor lesson module",
        "One module of a tutor course, in one language (see docs/authoring.md).",
    )
