"""The settings screen."""

from __future__ import annotations

SETTINGS_STRINGS: dict[str, dict[str, str]] = {
    "settings.title": {"fr": "Réglages", "en": "Settings"},
    "settings.lang": {"fr": "Langue", "en": "Language"},
    "settings.theme": {"fr": "Thème", "en": "Theme"},
    "settings.ascii": {"fr": "Mode ASCII", "en": "ASCII mode"},
    "settings.keys": {
        "fr": "Touches (vide = par défaut ; plusieurs séparées par des virgules)",
        "en": "Keys (empty = default; several separated by commas)",
    },
    "settings.default": {"fr": "(défaut)", "en": "(default)"},
    "settings.bad_keys": {"fr": "« {value} » : des noms de touches séparés par des virgules",
                          "en": "'{value}': key names separated by commas"},
    "settings.saved": {"fr": "Réglages enregistrés : {path}", "en": "Settings saved: {path}"},
    "settings.where": {
        "fr": "F5 ou Ctrl+S : enregistrer dans {path} · Ctrl+B : retour",
        "en": "F5 or Ctrl+S: save to {path} · Ctrl+B: back",
    },
    "home.settings": {"fr": "Réglages (langue, thème, ASCII, touches)", "en": "Settings (language, theme, ASCII, keys)"},
}
