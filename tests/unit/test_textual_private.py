"""The private names of Textual and Rich that tutor uses (all in tutor/ui/textual_private.py) still
exist with the shape we rely on: an upgrade that moves one fails here, naming it."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.widget import Widget

from tutor.ui import textual_private
from tutor.ui.textual_private import PRIVATE_NAMES

ROOT = Path(__file__).resolve().parents[2]


def owner(path: str) -> object:
    module_name, _, attribute = path.rpartition(".")
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError:
        return getattr(importlib.import_module(module_name), attribute)


@pytest.mark.parametrize(("where", "name"), PRIVATE_NAMES, ids=[f"{w}.{n}" for w, n in PRIVATE_NAMES])
def test_each_private_name_still_exists(where: str, name: str) -> None:
    target = owner(where)
    if isinstance(target, type) and name in ("_bindings", "key_to_bindings", "_filters", "_keymap"):
        return  # instance attributes: checked on live objects below
    assert hasattr(target, name), f"Textual/Rich changed: {where}.{name} is gone; update tutor/ui/textual_private.py"


def test_the_instance_attributes_have_the_shape_we_use() -> None:
    class Probe(Widget):
        BINDINGS = [Binding("x", "noop", "X", id="probe")]

    widget = Probe()
    bindings = textual_private.node_bindings(widget)
    assert isinstance(bindings, BindingsMap) and isinstance(bindings.key_to_bindings, dict)
    textual_private.relabel_bindings(widget, lambda b: Binding(b.key, b.action, "Y", id=b.id))
    assert [b.description for b in bindings.key_to_bindings["x"]] == ["Y"]
    app: App[None] = App()
    assert isinstance(app._filters, list)  # noqa: SLF001 - what add_output_filter appends to
    app.set_keymap({"probe": "y"})
    assert dict(textual_private.app_keymap(app)) == {"probe": "y"}
    assert callable(App._check_resize)  # noqa: SLF001 - what ResizeHookMixin extends


def test_the_wrap_patterns_are_compiled_patterns() -> None:
    textual_chunk, rich_word = textual_private.wrap_patterns()
    assert isinstance(textual_chunk, re.Pattern) and isinstance(rich_word, re.Pattern)


def test_no_other_module_touches_a_private_name_of_textual_or_rich() -> None:
    """`x._name` on a Textual/Rich object only in textual_private.py (our own `self._x` is ours)."""
    names = {name for _, name in PRIVATE_NAMES if name.startswith("_")} | {"_wrap"}
    found = []
    for path in sorted((ROOT / "tutor").rglob("*.py")):
        if path.name == "textual_private.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in names:
                if isinstance(node.value, ast.Name) and node.value.id == "self" and node.attr != "_bindings":
                    continue
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert found == []
