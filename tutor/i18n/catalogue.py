"""Interface language: how it is chosen, and the interface's own words in French and English.

Lesson text comes from the YAML files; this module only holds the words of the interface.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from typing import Any

from tutor.i18n.numbers import fmt, french_spacing
from tutor.i18n.strings import AREAS

DEFAULT_LANG = "fr"


def lang_from_locale(environ: Mapping[str, str]) -> str | None:
    """The language the locale variables ask for (fr* → fr, en* → en), as gettext reads them."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(variable, "").strip()
        if not value:
            continue
        first = value.split(":")[0].lower()
        if first.startswith("fr"):
            return "fr"
        if first.startswith("en"):
            return "en"
        return None
    return None


def resolve_lang(
    cli_value: str | None, environ: Mapping[str, str] | None = None, configured: str | None = None
) -> str:
    """`--lang`, else `TUTOR_LANG`, else the settings file (`configured`), else the locale, else French."""
    env = os.environ if environ is None else environ
    if cli_value in ("fr", "en"):
        return cli_value
    from_env = env.get("TUTOR_LANG", "").strip().lower()
    if from_env in ("fr", "en"):
        return from_env
    if configured in ("fr", "en"):
        return configured
    return lang_from_locale(env) or DEFAULT_LANG


STRINGS: dict[str, Mapping[str, Any]] = {
    "app.title": {"fr": "tutor — cours de NLP", "en": "tutor — NLP course"},
    "app.too_small": {
        "fr": "Agrandissez le terminal à au moins {width}×{height} caractères.",
        "en": "Enlarge the terminal to at least {width}×{height} characters.",
    },
    "home.heading": {"fr": "Modules du cours", "en": "Course modules"},
    "home.hint": {
        "fr": "Flèches pour choisir, Entrée pour ouvrir, ? pour l'aide.",
        "en": "Arrows to choose, Enter to open, ? for help.",
    },
    "home.module": {"fr": "Module {number}", "en": "Module {number}"},
    "home.progress": {"fr": "{read}/{total} sections lues", "en": "{read}/{total} sections read"},
    "home.resume": {"fr": "Reprendre : {section}", "en": "Resume: {section}"},
    "lesson.read": {"fr": "lue", "en": "read"},
    "lesson.unread": {"fr": "non lue", "en": "not read"},
    "lesson.end": {
        "fr": "Fin de la section — n ou → pour la suivante.",
        "en": "End of section — n or → for the next one.",
    },
    "lesson.last": {
        "fr": "Dernière section du module. Module suivant : {title}.",
        "en": "Last section of the module. Next module: {title}.",
    },
    "lesson.not_available": {
        "fr": "(ce module ne fait pas partie de cette installation)",
        "en": "(this module is not part of this installation)",
    },
    "callout.tip": {"fr": "Astuce", "en": "Tip"},
    "callout.warning": {"fr": "Attention", "en": "Warning"},
    "callout.analogy": {"fr": "Analogie", "en": "Analogy"},
    "callout.info": {"fr": "À savoir", "en": "Good to know"},
    "keypoints.title": {"fr": "À retenir", "en": "Key points"},
    "simulator.slot": {
        "fr": "Panneau interactif : {title}",
        "en": "Interactive panel: {title}",
    },
    "step": {"fr": "Étape {number}", "en": "Step {number}"},
    "key.next": {"fr": "Suivante", "en": "Next"},
    "key.previous": {"fr": "Précédente", "en": "Previous"},
    "key.toc": {"fr": "Sommaire", "en": "Contents"},
    "key.help": {"fr": "Aide", "en": "Help"},
    "key.back": {"fr": "Retour", "en": "Back"},
    "key.quit": {"fr": "Quitter", "en": "Quit"},
    "key.open": {"fr": "Ouvrir", "en": "Open"},
    "key.lang": {"fr": "English", "en": "Français"},
    "key.palette": {"fr": "Commandes", "en": "Commands"},
    "key.top": {"fr": "Début", "en": "Top"},
    "key.bottom": {"fr": "Fin", "en": "End"},
    "key.scroll_up": {"fr": "Monter", "en": "Scroll up"},
    "key.scroll_down": {"fr": "Descendre", "en": "Scroll down"},
    "key.page_down": {"fr": "Page suivante", "en": "Page down"},
    "key.page_up": {"fr": "Page précédente", "en": "Page up"},
    "key.focus": {"fr": "Zone suivante", "en": "Next area"},
    "help.title": {"fr": "Aide — touches de cet écran", "en": "Help — keys on this screen"},
    "help.close": {
        "fr": "q, Entrée ou ? pour fermer.",
        "en": "q, Enter or ? to close.",
    },
    "help.key": {"fr": "Touche", "en": "Key"},
    "help.action": {"fr": "Action", "en": "Action"},
    "help.everywhere": {
        "fr": "Partout : Ctrl+P palette de commandes, Ctrl+Q quitter, F1 aide.",
        "en": "Everywhere: Ctrl+P command palette, Ctrl+Q quit, F1 help.",
    },
    "palette.section": {"fr": "Aller à la section", "en": "Go to section"},
    "palette.module": {"fr": "Ouvrir le module", "en": "Open module"},
    "palette.simulator": {"fr": "Ouvrir le simulateur", "en": "Open simulator"},
    "home.simulator": {"fr": "Simulateur · {title}", "en": "Simulator · {title}"},
    "crash.what": {
        "fr": "tutor s'est arrêté sur une erreur inattendue. Vos réponses sont enregistrées.",
        "en": "tutor stopped on an unexpected error. Your answers are saved.",
    },
    "crash.where": {
        "fr": "Détails pour le support : {path} · relancez tutor pour reprendre où vous en étiez.",
        "en": "Details for support: {path} · run tutor again to resume where you were.",
    },
    "crash.no_log": {
        "fr": "(le journal n'a pas pu être écrit : {reason})",
        "en": "(the log could not be written: {reason})",
    },
    "content.invalid": {
        "fr": "Le contenu du cours est invalide ; tutor ne démarre pas :",
        "en": "The course content is invalid; tutor will not start:",
    },
    "content.none": {
        "fr": "Aucun module trouvé dans le contenu.",
        "en": "No module found in the content.",
    },
}


def duplicate_keys() -> list[str]:
    """Keys defined twice across the catalogue's areas (a later area would silently win)."""
    seen = set(_BASE_KEYS)
    twice: list[str] = []
    for area in AREAS:
        twice.extend(key for key in area if key in seen)
        seen.update(area)
    return twice


_BASE_KEYS = set(STRINGS)
for _area in AREAS:
    STRINGS.update(_area)


def plural_form(lang: str, count: float) -> str:
    """"one" or "other" for `count` in `lang`: French treats 0 and 1 as singular, English only 1."""
    if lang == "fr":
        return "one" if abs(count) < 2 else "other"
    return "one" if count == 1 else "other"


def _fields_with_spec(template: str) -> set[str]:
    """Names written `{name:spec}` in `template`: their caller chose the format, keep the number."""
    try:
        return {name for _, name, spec, _ in string.Formatter().parse(template) if name and spec}
    except ValueError:
        return set()


def _shown(value: object, lang: str) -> object:
    """A number substituted into a text is written in `lang` (`1 875`, `0,75`); the rest as is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt(value, lang)
    return value


def translate(table: Mapping[str, Mapping[str, Any]], key: str, lang: str, **values: object) -> str:
    """`key` from a table of {lang: text} in `lang` (else English), with `values` substituted.

    Every catalogue of the project (interface, simulators, metrics, lab, plain mode) looks its
    words up here. A text may be {"one": ..., "other": ...}: the form is chosen by `count`
    (`plural_form`). Numbers among `values` are written by `fmt` in `lang`, so a caller passes
    numbers, not strings it formatted itself. French results get their no-break spaces
    (`french_spacing`), so no `?`, `:` or `%` starts a line. An unknown key gives the key itself and a
    template that does not fit its values is shown as written: a missing word must never crash a
    screen.
    """
    entry = table.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry.get("en") or key
    if isinstance(template, Mapping):
        count = values.get("count", 0)
        number = count if isinstance(count, (int, float)) else 0
        template = template.get(plural_form(lang, number)) or template.get("other") or key
    text = template
    if values:
        specified = _fields_with_spec(template)
        shown = {name: value if name in specified else _shown(value, lang)
                 for name, value in values.items()}
        try:
            text = template.format(**shown)
        except (KeyError, ValueError, TypeError, IndexError):
            text = template
    return french_spacing(text) if lang == "fr" else text


def t(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang`, with `values` substituted."""
    return translate(STRINGS, key, lang, **values)
