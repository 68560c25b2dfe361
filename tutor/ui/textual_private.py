"""Every use of Textual's (and Rich's) private API, in one place.

Textual offers no public way to relabel a node's bindings, read the app's keymap, add an output
filter, hear of a terminal resize at the app level, or change where lines may break; tutor needs
all five (bindings in the learner's language, a help screen with remapped keys, ASCII mode, the
"terminal too small" notice, French no-break spaces). Nothing else in tutor touches an attribute
starting with "_" of a Textual or Rich object. tests/unit/test_textual_private.py checks each of
these attributes on the installed versions and fails with the name of the one that moved, so an
upgrade of Textual (pinned below 9) breaks one test here, not a screen at run time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding, BindingsMap
    from textual.dom import DOMNode

# (owner, attribute) of every private name used below: what the test checks.
PRIVATE_NAMES: tuple[tuple[str, str], ...] = (
    ("textual.dom.DOMNode", "_bindings"),
    ("textual.binding.BindingsMap", "key_to_bindings"),
    ("textual.app.App", "_filters"),
    ("textual.app.App", "_keymap"),
    ("textual.app.App", "_check_resize"),
    ("textual._wrap", "re_chunk"),
    ("rich._wrap", "re_word"),
)


def node_bindings(node: DOMNode) -> BindingsMap:
    """The node's own bindings map (each node owns a copy of its class's BINDINGS)."""
    return node._bindings  # noqa: SLF001 - no public accessor


def relabel_bindings(node: DOMNode, relabel: Callable[[Binding], Binding]) -> None:
    """Replace each of `node`'s bindings with `relabel(binding)`, in place."""
    key_to_bindings = node_bindings(node).key_to_bindings
    for key, bindings in key_to_bindings.items():
        key_to_bindings[key] = [relabel(binding) for binding in bindings]


def app_keymap(app: App[Any]) -> Mapping[str, str]:
    """The keymap the app was given with `set_keymap` (binding id → keys); empty when none."""
    keymap = getattr(app, "_keymap", None)  # no public getter
    return keymap if isinstance(keymap, Mapping) else {}


def add_output_filter(app: App[Any], line_filter: object) -> None:
    """Append `line_filter` (a textual.filter.LineFilter) to the filters the app applies to every frame."""
    app._filters.append(line_filter)  # type: ignore[arg-type]  # noqa: SLF001 - Textual's own hook, private


class ResizeHookMixin:
    """Mixed into the App: `terminal_resized()` runs each time Textual checks the terminal's size.

    Textual calls `App._check_resize` (after debouncing) when the terminal changes size, before the
    screens hear of it; there is no public hook at the app level.
    """

    def _check_resize(self) -> None:
        super()._check_resize()  # type: ignore[misc]  # private Textual method, checked by test_textual_private
        self.terminal_resized()

    def terminal_resized(self) -> None:
        """Called after each size check; the app overrides it."""


def set_wrap_patterns(textual_chunk: re.Pattern[str], rich_word: re.Pattern[str]) -> None:
    """Make Textual and Rich find words (where lines may break) with these patterns."""
    import rich._wrap
    import textual._wrap

    textual._wrap.re_chunk = textual_chunk  # noqa: SLF001 - no public hook for word boundaries
    rich._wrap.re_word = rich_word  # noqa: SLF001


def wrap_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns Textual and Rich wrap lines with now."""
    import rich._wrap
    import textual._wrap

    return textual._wrap.re_chunk, rich._wrap.re_word  # noqa: SLF001
