"""Bindings in the learner's language.

Textual keeps one description per binding class-wide; ours depend on the language chosen at run
time, so each screen relabels its own copy of its bindings when it is created. A binding's id
names its label: id `next` is labelled with the interface string `key.next`.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from tutor.core.i18n import STRINGS, t


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Relabel `node`'s bindings in `lang` (each node owns a copy, so others are untouched)."""
    key_to_bindings = node._bindings.key_to_bindings  # noqa: SLF001 - no public API for this
    for key, bindings in key_to_bindings.items():
        key_to_bindings[key] = [
            replace(binding, description=t(f"key.{binding.id}", lang))
            if binding.id and f"key.{binding.id}" in STRINGS
            else binding
            for binding in bindings
        ]
