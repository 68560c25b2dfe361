"""The lesson format, declared once: the validator checks YAML against it and the JSON Schema
shipped for editors (`docs/lesson.schema.json`, `tutor schema lesson`) is generated from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tutor.core.content import BLOCK_CLASSES, CALLOUT_STYLES, LANGS
from tutor.core.yamlsource import Located, Problem

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Field:
    """One key of an object: its name, its type, whether it must be present."""

    name: str
    type: Any  # "str", "text", "int", "id", ("enum", values), ("list", T), ("object", name)
    required: bool = True
    description: str = ""


def _f(name: str, kind: Any, required: bool = True, description: str = "") -> Field:
    return Field(name, kind, required, description)


_TITLE = _f("title", "str", False, "Optional title shown above the block.")
_BLOCK_HEAD = [_f("id", "id", description="Stable id, unique in the module."), _f("kind", "str")]

OBJECTS: dict[str, list[Field]] = {
    "module": [
        _f("id", "id", description="Module id, shared by every language."),
        _f("lang", ("enum", LANGS)),
        _f("number", "int", description="Position of the module in the course."),
        _f("title", "str"),
        _f("subtitle", "str", False),
        _f("previous", ("object", "nav"), False),
        _f("next", ("object", "nav"), False),
        _f("sections", ("list", ("object", "section"))),
    ],
    "nav": [_f("title", "str"), _f("module", "id", False)],
    "section": [_f("id", "id"), _f("title", "str"), _f("blocks", ("list", ("object", "block")))],
    "step": [_f("title", "str"), _f("text", "str")],
    "card": [_f("id", "id"), _f("icon", "str", False), _f("title", "str"), _f("text", "str")],
}

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


def _type_name(kind: Any) -> str:
    if kind in ("str", "text", "id"):
        return "a string"
    if kind == "int":
        return "a whole number"
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
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def check_value(located: Located, where: tuple[Any, ...], value: Any, kind: Any) -> list[Problem]:
    """Problems of `value` at `where` against the declared type `kind` (recursively)."""
    if kind == "str" or kind == "id":
        if not isinstance(value, str) or (kind == "str" and not value.strip()):
            if isinstance(value, str):
                return [located.problem(where, "must not be empty")]
            return [located.problem(where, f"expected a string, found {_describe(value)}")]
        if kind == "id" and not ID_PATTERN.match(value):
            return [located.problem(where, f"invalid id {value!r}: use a-z, 0-9 and '-'")]
        return []
    if kind == "text":
        ok = isinstance(value, (str, int, float)) and not isinstance(value, bool)
        return [] if ok else [located.problem(where, f"expected text, found {_describe(value)}")]
    if kind == "int":
        if isinstance(value, int) and not isinstance(value, bool):
            return []
        return [located.problem(where, f"expected a whole number, found {_describe(value)}")]
    if kind[0] == "enum":
        if value in kind[1]:
            return []
        return [located.problem(where, f"{value!r} is not {_type_name(kind)}")]
    if kind[0] == "list":
        if not isinstance(value, list):
            return [located.problem(where, f"expected a list, found {_describe(value)}")]
        if not value:
            return [located.problem(where, "the list is empty")]
        problems: list[Problem] = []
        for index, item in enumerate(value):
            problems += check_value(located, where + (index,), item, kind[1])
        return problems
    return check_object(located, where, value, kind[1])


def check_object(located: Located, where: tuple[Any, ...], value: Any, name: str) -> list[Problem]:
    """Problems of a mapping against object `name` (`block` dispatches on its `kind`)."""
    if not isinstance(value, dict):
        return [located.problem(where, f"expected a mapping ({name}), found {_describe(value)}")]
    if name == "block":
        kind = value.get("kind")
        if kind not in BLOCKS:
            if "kind" not in value:
                return [located.problem(where, "block without 'kind'")]
            known = ", ".join(BLOCKS)
            return [located.problem(where + ("kind",), f"unknown block kind {kind!r} ({known})")]
        fields = _BLOCK_HEAD + BLOCKS[kind]
    else:
        fields = OBJECTS[name]
    by_name = {field.name: field for field in fields}
    problems: list[Problem] = []
    for key in value:
        if key not in by_name:
            allowed = ", ".join(by_name)
            problems.append(
                located.problem(where + (key,), f"unknown key {key!r} (allowed: {allowed})", key=True)
            )
    label = f"{value.get('kind')} block" if name == "block" else name
    for field in fields:
        if field.name not in value:
            if field.required:
                problems.append(located.problem(where, f"{label}: missing '{field.name}'"))
            continue
        problems += check_value(located, where + (field.name,), value[field.name], field.type)
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


def lesson_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a lesson file, generated from the declarations above."""
    defs: dict[str, Any] = {name: _json_object(fields) for name, fields in OBJECTS.items()}
    variants = []
    for kind, fields in BLOCKS.items():
        head = [f for f in _BLOCK_HEAD if f.name != "kind"]
        variants.append(_json_object(head + fields, {"kind": {"const": kind}}))
    defs["block"] = {"oneOf": variants}
    root = defs.pop("module")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tutor lesson module",
        "description": "One module of a tutor course, in one language (see docs/authoring.md).",
        **root,
        "$defs": defs,
    }
