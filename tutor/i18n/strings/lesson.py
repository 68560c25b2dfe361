"""The lesson screen: paging, its table of contents, entering and leaving simulators."""

from __future__ import annotations

LESSON_STRINGS: dict[str, dict[str, object]] = {
    # Footer and help labels (a binding's id names its label: id `panel` → `key.panel`).
    "key.panel": {"fr": "Panneau", "en": "Panel"},
    "key.leave_panel": {"fr": "Sortir", "en": "Leave panel"},
    "key.panel_next": {"fr": "Suivante", "en": "Next"},
    "key.panel_previous": {"fr": "Précédente", "en": "Previous"},
    "key.focus_previous": {"fr": "Zone précédente", "en": "Previous area"},
    # A simulator's place in a section before its panel is mounted (it mounts when it comes into view).
    "lesson.panel_hint": {
        "fr": "e : entrer dans le panneau · Échap : revenir au texte",
        "en": "e: enter the panel · Esc: back to the text",
    },
    "lesson.panel_loading": {"fr": "Chargement du panneau…", "en": "Loading the panel…"},
    # Over the panel's border while the focus is inside it: where the keys go, and the way out.
    "lesson.panel_inside": {
        "fr": "Dans le panneau · Échap : revenir au texte",
        "en": "In the panel · Esc: back to the text",
    },
}
