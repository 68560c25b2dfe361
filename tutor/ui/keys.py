"""Bindings in the learner's language.

Textual keeps one description per binding class-wide; ours depend on the language chosen at run
time, so each screen relabels its own copy of its bindings when it is created. A binding's id
names its label: id `next` is labelled with the interface string `key.next`.

Keys are shown in the learner's language too (`Entrée`, `Échap`, `Ctrl+B`): `key_display` gives
the footer's and the help's key names, from `tutor.i18n.keynames.key_label`.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from tutor.i18n.catalogue import STRINGS, t
from tutor.i18n.keynames import key_label
from tutor.ui.textual_private import relabel_bindings

ALWAYS = "_always"
"""Suffix of the id of a binding that keeps an action on a key a text field cannot swallow (F4,
Ctrl+B) beside its remappable letter: a learner's keymap replaces the letter binding (Textual
drops every key of a remapped id), never the F-key, so the key the footer shows keeps working."""


def label_key(binding_id: str) -> str:
    """The catalogue key of a binding's label: `hint` and `hint_always` both read `key.hint`."""
    return "key." + binding_id.removesuffix(ALWAYS)


def localize_bindings(node: DOMNode, lang: str) -> None:
    """Relabel `node`'s bindings in `lang` (each node owns a copy, so others are untouched)."""
    relabel_bindings(node, lambda binding: replace(binding, description=t(label_key(binding.id), lang))
                     if binding.id and label_key(binding.id) in STRINGS else binding)


def key_display(binding: Binding, lang: str, key: str | None = None) -> str:
    """How `binding`'s key (or `key`, one of its keys) is shown in `lang`: a display the binding sets
    itself wins, else `key_label` (`Entrée`, `Ctrl+B`, `?`).

    The app uses it for the footer and the command palette by overriding `App.get_key_display`.
    """
    if binding.key_display:
        return binding.key_display
    return key_label(key if key is not None else binding.key, lang)
