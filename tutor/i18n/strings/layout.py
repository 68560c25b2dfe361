"""Screen layout words: dialogs, the too-small notice, home and results, the command palette,
select lists and the export screen's status line."""

from __future__ import annotations

LAYOUT_STRINGS: dict[str, dict[str, object]] = {
    # The command palette (Ctrl+P): Textual's own words, in the interface language.
    "palette.placeholder": {"fr": "Rechercher une commande…", "en": "Search for commands…"},
    "palette.no_matches": {"fr": "Aucune commande trouvée", "en": "No matches found"},
    "palette.themes_placeholder": {"fr": "Rechercher un thème…", "en": "Search for themes…"},
    "palette.theme": {"fr": "Thème", "en": "Theme"},
    "palette.theme_help": {"fr": "Changer les couleurs de l'interface (pour cette session)",
                           "en": "Change the interface colours (for this session)"},
    "palette.quit": {"fr": "Quitter", "en": "Quit"},
    "palette.quit_help": {"fr": "Quitter tutor (votre progression est enregistrée)",
                          "en": "Quit tutor (your progress is saved)"},
    "palette.help": {"fr": "Aide", "en": "Help"},
    "palette.help_help": {"fr": "Les touches de l'écran courant (F1)", "en": "The keys of the current screen (F1)"},
    "palette.screenshot": {"fr": "Capture d'écran", "en": "Screenshot"},
    "palette.screenshot_help": {"fr": "Enregistrer l'écran courant en SVG dans vos données tutor",
                                "en": "Save the current screen as SVG in your tutor data"},
    "palette.screenshot_saved": {"fr": "Capture enregistrée : {path}", "en": "Screenshot saved: {path}"},
    "palette.screenshot_failed": {"fr": "Capture impossible : {error}", "en": "Could not save the screenshot: {error}"},
    # The keys shown in the footer while a select list is open.
    "key.menu_close": {"fr": "Fermer", "en": "Close"},
    # Results: which question `r` opens.
    "results.read_hint": {
        "fr": "↑/↓ : choisir une question · r : relire sa section dans la leçon",
        "en": "↑/↓: pick a question · r: read its section in the lesson",
    },
    # Export screen: what happened, in a line above the code (a toast would cover the code).
    "export.status": {
        "fr": "c : copier le script · y : copier le YAML · s : enregistrer les deux fichiers",
        "en": "c: copy the script · y: copy the YAML · s: save both files",
    },
    "export.copied_python": {"fr": "✓ Script Python copié dans le presse-papiers (OSC 52).",
                             "en": "✓ Python script copied to the clipboard (OSC 52)."},
    "export.copied_yaml": {"fr": "✓ YAML copié dans le presse-papiers (OSC 52).",
                           "en": "✓ YAML copied to the clipboard (OSC 52)."},
    "export.saved": {"fr": "✓ Enregistré : {path} (.py et .yaml)", "en": "✓ Saved: {path} (.py and .yaml)"},
    "export.save_failed": {"fr": "✗ Enregistrement impossible : {error}", "en": "✗ Could not save: {error}"},
}
