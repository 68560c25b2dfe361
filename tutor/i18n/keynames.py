"""Key names: which ones Textual can produce, how learners read them, and which keys each screen uses.

Pure (no Textual import) so the settings file can be checked before the interface starts. The
names follow Textual's (`textual.keys`): `n`, `G`, `ctrl+b`, `shift+tab`, `f5`, `question_mark`;
a test compares the tables below with Textual's own so they cannot drift apart.

`SCREEN_KEYS` is the one table of the keys on each screen (the screens' BINDINGS, the keys of the
widgets they hold, and the app's global keys): the settings check reads it to refuse a key that
would shadow another action. A test checks it against the screens' BINDINGS.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tutor.i18n.catalogue import STRINGS, t

# Textual sorts the modifiers of the keys it reports (`ctrl+shift+left`, `alt+ctrl+x`).
MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
_MODIFIER_WORDS = {"ctrl": "ctrl", "control": "ctrl", "ctl": "ctrl", "shift": "shift", "maj": "shift",
                   "alt": "alt", "meta": "meta", "super": "super", "hyper": "hyper"}
FUNCTION_KEYS = tuple(f"f{number}" for number in range(1, 25))
# Keys that are not characters, as Textual names them.
NAMED_KEYS = frozenset({"escape", "enter", "tab", "space", "backspace", "up", "down", "left", "right",
                        "home", "end", "insert", "delete", "pageup", "pagedown", *FUNCTION_KEYS})
# Other spellings a learner may type (Textual's, Rich's, the usual keyboard ones).
_KEY_WORDS = {"esc": "escape", "return": "enter", "pgdn": "pagedown", "pgup": "pageup", "del": "delete",
              "ins": "insert", "bksp": "backspace", "page_down": "pagedown", "page_up": "pageup"}
# Textual reports these control keys under another name (textual.keys.KEY_ALIASES).
_SAME_KEY = {"ctrl+i": "tab", "ctrl+m": "enter"}

# From textual.keys: the short names Textual gives some characters, and the Unicode names it uses
# to find a character from a key name.
KEY_NAME_REPLACEMENTS = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_REPLACED_KEYS = {value: key for key, value in KEY_NAME_REPLACEMENTS.items()}
KEY_TO_UNICODE_NAME = {
    "exclamation_mark": "EXCLAMATION MARK",
    "quotation_mark": "QUOTATION MARK",
    "number_sign": "NUMBER SIGN",
    "dollar_sign": "DOLLAR SIGN",
    "percent_sign": "PERCENT SIGN",
    "left_parenthesis": "LEFT PARENTHESIS",
    "right_parenthesis": "RIGHT PARENTHESIS",
    "plus_sign": "PLUS SIGN",
    "hyphen_minus": "HYPHEN-MINUS",
    "full_stop": "FULL STOP",
    "less_than_sign": "LESS-THAN SIGN",
    "equals_sign": "EQUALS SIGN",
    "greater_than_sign": "GREATER-THAN SIGN",
    "question_mark": "QUESTION MARK",
    "commercial_at": "COMMERCIAL AT",
    "left_square_bracket": "LEFT SQUARE BRACKET",
    "reverse_solidus": "REVERSE SOLIDUS",
    "right_square_bracket": "RIGHT SQUARE BRACKET",
    "circumflex_accent": "CIRCUMFLEX ACCENT",
    "low_line": "LOW LINE",
    "grave_accent": "GRAVE ACCENT",
    "left_curly_bracket": "LEFT CURLY BRACKET",
    "vertical_line": "VERTICAL LINE",
    "right_curly_bracket": "RIGHT CURLY BRACKET",
}

# How keys are shown to learners: catalogue keys of the names that are words (the others are
# shown as their character, `F5`, or an arrow).
_LABEL_KEYS = {name: f"keyname.{name}" for name in (
    "enter", "escape", "tab", "space", "backspace", "home", "end", "pagedown", "pageup", "delete", "insert",
    "comma",  # a comma would read as the separator of a list of keys
)}
_ARROWS = {"up": "↑", "down": "↓", "left": "←", "right": "→"}
_MODIFIER_LABEL_KEYS = {"ctrl": "keyname.ctrl", "shift": "keyname.shift", "alt": "keyname.alt"}


def character_of(name: str) -> str | None:
    """The character a key name stands for (`question_mark` → `?`, `a` → `a`), None for other keys.

    The same lookup as `textual.keys.key_to_character` for a key without modifiers.
    """
    if len(name) == 1:
        return name
    if name in NAMED_KEYS or not name:
        return None
    original = _REPLACED_KEYS.get(name, name)
    for unicode_name in (KEY_TO_UNICODE_NAME.get(original), original.replace("_", " ").upper()):
        if unicode_name is None:
            continue
        try:
            character = unicodedata.lookup(unicode_name)
        except KeyError:
            continue
        if len(character) == 1:
            return character
    return None


def key_of_character(character: str) -> str:
    """Textual's name for the key that types `character` (`?` → `question_mark`), as in `_character_to_key`."""
    if character.isalnum():
        return character
    try:
        key = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        key = "tab" if character == "\t" else character
    return KEY_NAME_REPLACEMENTS.get(key, key)


def _word_to_key() -> dict[str, str]:
    """Every word a learner may type for a named key, in either language, lower-cased."""
    words = {name: name for name in NAMED_KEYS} | dict(_KEY_WORDS)
    for name, catalogue_key in _LABEL_KEYS.items():
        for label in STRINGS[catalogue_key].values():
            words[str(label).casefold()] = name
    for name, arrow in _ARROWS.items():
        words[arrow] = name
    return words


_WORDS = _word_to_key()


def _split(text: str) -> tuple[list[str], str]:
    """Modifiers and base of `ctrl+shift+x`; a `+` base is written `+`, `ctrl++` or `plus`."""
    if text == "+":
        return [], "+"
    if text.endswith("++"):
        return text[:-2].split("+"), "+"
    *modifiers, base = text.split("+")
    return modifiers, base


def parse_key(text: str) -> str | None:
    """Textual's name for one key a learner wrote (`Ctrl+B`, `Entrée`, `?`, `F5`), None if no terminal
    key has that name.

    Modifiers are ctrl, shift (maj), alt, meta, super and hyper, in any order and case. Shift with a
    letter gives the capital letter (that is what Textual reports); shift with another character
    is refused, since the terminal reports the character shift makes instead.
    """
    text = text.strip()
    if not text:
        return None
    modifier_words, base = _split(text)
    modifiers: list[str] = []
    for word in modifier_words:
        modifier = _MODIFIER_WORDS.get(word.strip().casefold())
        if modifier is None or modifier in modifiers:
            return None
        modifiers.append(modifier)
    base = base.strip()
    if not base:
        return None  # `ctrl+`
    key: str | None
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            return None
        key = _WORDS.get(base) or key_of_character(base)
    else:
        key = _WORDS.get(base.casefold())
        if key is None:
            character = character_of(base) or character_of(base.lower())
            key = key_of_character(character) if character else None
    if key is None:
        return None
    character = character_of(key)
    if character is not None and modifiers:
        if modifiers == ["shift"]:
            if not character.isalpha():
                return None  # the terminal sends the shifted character, never shift+it
            return character.upper()
        if character.isalpha():
            key = character.lower()  # ctrl+B is ctrl+b; ctrl+shift+b says so
    combined = "+".join([*sorted(modifiers), key])
    return _SAME_KEY.get(combined, combined)


def split_keys(text: str) -> list[str]:
    """The keys of a comma-separated list, stripped (an empty one stays, to be reported)."""
    return [part.strip() for part in text.split(",")] if text.strip() else []


@dataclass(frozen=True)
class KeyListReading:
    """A list of keys read: their Textual names (no duplicates), or the parts that are not keys."""

    keys: tuple[str, ...]
    bad: tuple[str, ...]

    @property
    def text(self) -> str:
        """The keys as Textual's keymap wants them: `n,right,j`."""
        return ",".join(self.keys)


def read_keys(text: str) -> KeyListReading:
    """Read `n, →, Ctrl+B` (labels or Textual names); `bad` lists what is not a key ("" for `n,,p`)."""
    keys: list[str] = []
    bad: list[str] = []
    for part in split_keys(text):
        key = parse_key(part)
        if key is None:
            bad.append(part)
        elif key not in keys:
            keys.append(key)
    return KeyListReading(tuple(keys), tuple(bad))


def key_label(key: str, lang: str) -> str:
    """How a key is shown to a learner in `lang`: `Entrée`/`Enter`, `Ctrl+P`, `?`, `F5`, `←`, `Page↓`/`PgDn`.

    `key` is a Textual key name; an unknown name is shown as it is.
    """
    modifiers, base = _split(key)
    if any(modifier not in MODIFIERS for modifier in modifiers) or not base:
        return key
    if base in _LABEL_KEYS:
        shown = t(_LABEL_KEYS[base], lang)
    elif base in _ARROWS:
        shown = _ARROWS[base]
    elif base in FUNCTION_KEYS:
        shown = base.upper()
    else:
        character = character_of(base)
        if character is None:
            shown = base
        elif modifiers and character.isalpha():
            shown = character.upper()  # Ctrl+P, as printed on keyboards
        else:
            shown = character
    words = [t(_MODIFIER_LABEL_KEYS[m], lang) if m in _MODIFIER_LABEL_KEYS else m.capitalize() for m in modifiers]
    return "+".join([*words, shown])


def keys_label(keys: Iterable[str], lang: str, separator: str = ", ") -> str:
    """Several keys shown to a learner (`n, →, F3`)."""
    return separator.join(key_label(key, lang) for key in keys)


# --- Which keys each screen uses -------------------------------------------------------------------


@dataclass(frozen=True)
class KeyUse:
    """An action reachable by keys on a screen: `binding` is the Binding id a keymap can move (None: fixed)."""

    action: str
    keys: str
    binding: str | None = None

    @property
    def default_keys(self) -> tuple[str, ...]:
        """The keys as Textual names."""
        return tuple(self.keys.split(","))


def _bound(binding: str, keys: str) -> KeyUse:
    return KeyUse(binding, keys, binding)


def _fixed(action: str, keys: str) -> KeyUse:
    return KeyUse(action, keys, None)


# The app's keys and those every Textual screen has: they work on every screen.
GLOBAL_KEYS: tuple[KeyUse, ...] = (
    _bound("help", "f1"),
    _bound("quit", "ctrl+q"),
    _fixed("palette", "ctrl+p"),
    _fixed("copy", "ctrl+c"),
    _fixed("focus", "tab"),
    _fixed("focus_previous", "shift+tab"),
)
_DIGITS = ",".join(str(digit) for digit in range(1, 10))
_FORM: tuple[KeyUse, ...] = (  # screens with form fields: a choice list opens, a switch toggles
    _bound("menu_close", "escape"), _fixed("menu_choose", "enter"), _fixed("toggle", "space,enter"),
)
_PANELS: tuple[KeyUse, ...] = (  # the configurator, metrics and lab panels of lessons and simulators
    _bound("export", "ctrl+o"), _bound("reopen", "f7"),
    _bound("metrics_compute", "ctrl+r"), _bound("metrics_task", "ctrl+t"),
    _bound("metrics_sample", "ctrl+s"), _bound("metrics_load", "ctrl+l"),
    _bound("train", "f5,ctrl+r"), _bound("stop", "f6,ctrl+g"),
    *_FORM,
)
SCREEN_KEYS: dict[str, tuple[KeyUse, ...]] = {
    "home": (_bound("help", "question_mark"), _bound("lang", "l"), _bound("quit", "q"),
             _fixed("open", "enter,up,down")),
    "lesson": (
        _bound("next", "n,right"), _bound("previous", "p,left"), _bound("check", "c"), _bound("panel", "e"),
        _bound("toc", "t"), _bound("help", "question_mark"), _bound("back", "q,backspace"),
        _bound("next_always", "f3"), _bound("previous_always", "f2"), _bound("back_always", "ctrl+b"),
        _bound("lang", "l"), _bound("top", "g,home"), _bound("bottom", "G,end"),
        _bound("page_down", "space,pagedown"), _bound("page_up", "b,pageup"),
        _bound("focus", "tab"), _bound("focus_previous", "shift+tab"),
        # inside a simulator panel of the lesson
        _bound("panel_next", "f3"), _bound("panel_previous", "f2"), _bound("leave_panel", "escape,ctrl+b"),
        _fixed("next", "right"), _fixed("previous", "left"),  # LessonContent: arrows turn pages
        *_PANELS,
    ),
    "quiz": (
        _bound("submit", "enter"), _bound("hint", "h"), _bound("skip", "s"), _bound("read", "r"),
        _bound("help", "question_mark"), _bound("leave", "q"),
        _bound("hint_always", "f4"), _bound("skip_always", "f5"), _bound("read_always", "f6"),
        _bound("help_always", "f1"), _bound("leave_always", "ctrl+b"),
        _fixed("answer", f"{_DIGITS},a,b,c,d,e,f,g,up,down,space"),  # the answer widgets
    ),
    "results": (_bound("retry", "m"), _bound("read", "r"), _bound("help", "question_mark"),
                _bound("back", "q,ctrl+b")),
    "stats": (_bound("reset_module", "x"), _bound("reset_all", "X"), _bound("help", "question_mark"),
              _bound("back", "q,ctrl+b")),
    "settings": (_bound("save", "f5,ctrl+s"), _bound("help", "question_mark"), _bound("back", "ctrl+b"), *_FORM),
    "quiz_setup": (_bound("start", "f5,ctrl+s"), _bound("help", "question_mark"), _bound("back", "q,ctrl+b"),
                   *_FORM),
    "export": (_bound("copy", "c"), _fixed("yaml", "y"), _bound("save", "s"), _bound("back", "q,ctrl+b,escape")),
    "simulator": (_bound("help", "question_mark"), _bound("back", "q,ctrl+b"), _bound("lesson", "f8"), *_PANELS),
    "help": (_bound("close_help", "q,enter,question_mark,escape,f1"), _fixed("scroll_down", "down,j"),
             _fixed("scroll_up", "up,k")),
    "resume": (_bound("resume", "o,y,enter"), _bound("abandon", "n")),
    "confirm": (_fixed("yes", "o,y"), _fixed("no", "n,q,escape")),
}
# The actions a learner is most likely to move, offered by the settings screen (any binding id in
# the tables above works in the file's [keys] table).
REMAPPABLE = ("next", "previous", "toc", "back", "help", "check", "hint", "skip", "read")
BINDING_IDS = frozenset(use.binding for uses in (GLOBAL_KEYS, *SCREEN_KEYS.values()) for use in uses if use.binding)
# Every key each binding id has somewhere by default.
DEFAULT_KEYS: dict[str, frozenset[str]] = {
    binding: frozenset(key for uses in (GLOBAL_KEYS, *SCREEN_KEYS.values()) for use in uses
                       if use.binding == binding for key in use.default_keys)
    for binding in BINDING_IDS
}


def default_keys(binding: str) -> tuple[str, ...]:
    """Every key `binding` has by default somewhere, the app's first, then in screen order."""
    keys: list[str] = []
    for uses in (GLOBAL_KEYS, *SCREEN_KEYS.values()):
        for use in uses:
            if use.binding == binding:
                keys += [key for key in use.default_keys if key not in keys]
    return tuple(keys)


def action_label(action: str, lang: str) -> str:
    """An action's name for learners: `Section suivante` for `next` (its footer word when it has no longer one)."""
    action = action.removesuffix("_always")  # the F-key twin of a letter binding has its name
    for key in (f"settings.action.{action}", f"key.{action}"):
        if key in STRINGS:
            return t(key, lang)
    return action


def screen_label(screen: str, lang: str) -> str:
    """Where a key is used, for messages: `dans une leçon` / `in a lesson`."""
    return t(f"settings.screen.{screen}", lang)


@dataclass(frozen=True)
class KeyConflict:
    """`key`, given to `binding`, is already `other` (an action) on `screen` ("global": every screen)."""

    binding: str
    key: str
    other: str
    screen: str

    def message(self, lang: str) -> str:
        """The refusal, in words."""
        return t("settings.key_conflict", lang, name=key_label(self.key, lang),
                 action=action_label(self.other, lang), screen=screen_label(self.screen, lang))


# Bindings that run the same action under another id: no conflict between them.
_SAME_ACTION = {"panel_next": "next", "panel_previous": "previous", "leave_panel": "back"}


def _one_action(action: str) -> str:
    """`next`, `next_always` (its F-key twin) and `panel_next` (F3 inside a panel) are one action."""
    action = action.removesuffix("_always")
    return _SAME_ACTION.get(action, action)


def key_conflicts(keymap: Mapping[str, str]) -> list[KeyConflict]:
    """Keys of `keymap` (binding id → Textual key names, comma-separated) that another action on the
    same screen already uses, counting the app's global keys and the fixed keys of each screen.

    Textual moves every binding with that id, on every screen, so each screen where the id appears
    is checked. Clashes already in the defaults are not the learner's doing and are not reported;
    a conflict is reported for the binding that takes a key it did not have.
    """
    found: dict[tuple[str, str, str], KeyConflict] = {}

    def keys_of(use: KeyUse) -> tuple[str, ...]:
        if use.binding and use.binding in keymap:
            return tuple(keymap[use.binding].split(","))
        return use.default_keys

    for screen, uses in SCREEN_KEYS.items():
        everything = [(use, "global") for use in GLOBAL_KEYS] + [(use, screen) for use in uses]
        for use, where in everything:
            if use.binding is None or use.binding not in keymap:
                continue
            for key in keys_of(use):
                if key in DEFAULT_KEYS[use.binding]:
                    continue  # a key it already had: its clashes, if any, are the defaults' own
                for other, other_where in everything:
                    if _one_action(other.action) != _one_action(use.action) and key in keys_of(other):
                        place = "global" if where == other_where == "global" else screen
                        found.setdefault((use.binding, key, other.action),
                                         KeyConflict(use.binding, key, other.action, place))
    return list(found.values())
