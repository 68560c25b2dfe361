"""The words of plain mode, in French and English (the shared interface words stay in `tutor.core.i18n`)."""

from __future__ import annotations

from tutor.core.i18n import translate

from tutor.plain.words_quiz import QUIZ_WORDS

WORDS: dict[str, dict[str, str]] = {
    # -- start, menu ---------------------------------------------------------------------------
    "welcome": {
        "fr": "tutor, mode texte. Tapez ? à tout moment pour l'aide.",
        "en": "tutor, plain mode. Type ? at any prompt for help.",
    },
    "stopped_at": {
        "fr": "Vous en étiez à la section {index} sur {total} : {title}.",
        "en": "You stopped at section {index} of {total}: {title}.",
    },
    "not_started": {"fr": "Vous n'avez pas encore commencé ce module.", "en": "You have not started this module yet."},
    "read_count": {"fr": "Sections lues : {read} sur {total}.", "en": "Sections read: {read} of {total}."},
    "menu": {"fr": "Menu :", "en": "Menu:"},
    "menu.read": {"fr": "Lire (r) : section {index} sur {total}, {title}", "en": "Read (r): section {index} of {total}, {title}"},
    "menu.sections": {"fr": "Sections (s) : la liste, pour en choisir une", "en": "Sections (s): the list, to pick one"},
    "menu.modules": {"fr": "Modules (m) : changer de module", "en": "Modules (m): change module"},
    "menu.quiz": {"fr": "Quiz (z) : des questions sur le module", "en": "Quiz (z): questions on the module"},
    "menu.review": {"fr": "Révisions (v) : {due} question(s) à revoir", "en": "Review (v): {due} question(s) due"},
    "menu.quit": {"fr": "Quitter (q)", "en": "Quit (q)"},
    "choice": {"fr": "Votre choix (1 à {count}) :", "en": "Your choice (1 to {count}):"},
    "menu.help": {
        "fr": "Tapez le numéro d'une ligne du menu, ou la lettre entre parenthèses. "
              "Partout : ? pour l'aide ; Ctrl+D ou la fin de l'entrée quitte en gardant tout.",
        "en": "Type the number of a menu line, or the letter in brackets. "
              "Anywhere: ? for help; Ctrl+D or the end of the input quits, keeping everything.",
    },
    "bad_choice": {
        "fr": "« {text} » n'est pas un choix : tapez un nombre de 1 à {count}, ou ? pour l'aide.",
        "en": "'{text}' is not a choice: type a number from 1 to {count}, or ? for help.",
    },
    "empty_choice": {
        "fr": "Tapez un nombre de 1 à {count}, ou ? pour l'aide.",
        "en": "Type a number from 1 to {count}, or ? for help.",
    },
    "goodbye": {"fr": "Au revoir. Votre progression est enregistrée.", "en": "Goodbye. Your progress is saved."},
    "interrupted": {"fr": "Interrompu. Votre progression est enregistrée.", "en": "Interrupted. Your progress is saved."},
    "no_module": {"fr": "Aucun module trouvé dans le contenu.", "en": "No module found in the content."},
    "no_bank": {"fr": "Aucune banque de questions n'est installée.", "en": "No question bank is installed."},
    "review_none": {
        "fr": "Rien à revoir pour l'instant ({total} question(s) en suivi).",
        "en": "Nothing to review yet ({total} question(s) scheduled).",
    },
    # -- sections and reading ------------------------------------------------------------------
    "sections.title": {"fr": "Sections de {title} :", "en": "Sections of {title}:"},
    "modules.title": {"fr": "Modules :", "en": "Modules:"},
    "section.line": {"fr": "{number}. {title} ({state})", "en": "{number}. {title} ({state})"},
    "section.pick": {"fr": "Numéro de section (1 à {count}, Entrée : retour) :",
                     "en": "Section number (1 to {count}, Enter: back):"},
    "module.pick": {"fr": "Numéro de module (1 à {count}, Entrée : retour) :",
                    "en": "Module number (1 to {count}, Enter: back):"},
    "pick.help": {
        "fr": "Tapez un numéro de 1 à {count} et Entrée ; Entrée seule ou q revient en arrière.",
        "en": "Type a number from 1 to {count} and Enter; Enter alone or q goes back.",
    },
    "module.heading": {"fr": "Module {number} : {title}", "en": "Module {number}: {title}"},
    "section.heading": {"fr": "Section {index} sur {total} : {title}", "en": "Section {index} of {total}: {title}"},
    "section.end": {"fr": "Fin de la section {index} sur {total}.", "en": "End of section {index} of {total}."},
    # "\x01" is a space where a line may not break (see console.wrap): "q: menu" stays together.
    "reader.keys": {
        "fr": "n :\x01suivante, p :\x01précédente, s :\x01sections, {check}q :\x01menu. Choix :",
        "en": "n:\x01next, p:\x01previous, s:\x01sections, {check}q:\x01menu. Choice:",
    },
    "reader.check": {
        "fr": "c :\x01vérifier\x01ma\x01compréhension\x01({count}\x01questions), ",
        "en": "c:\x01check\x01your\x01understanding\x01({count}\x01questions), ",
    },
    "reader.help": {
        "fr": "En lecture : n ou Entrée, section suivante ; p, précédente ; r, relire cette section ; "
              "s, liste des sections ; c, questions sur cette section ; q, retour au menu.",
        "en": "While reading: n or Enter, next section; p, previous; r, read this section again; "
              "s, list of sections; c, questions on this section; q, back to the menu.",
    },
    "reader.bad": {
        "fr": "« {text} » n'est pas une commande. Tapez n, p, r, s, c, q ou ? pour l'aide.",
        "en": "'{text}' is not a command. Type n, p, r, s, c, q, or ? for help.",
    },
    "reader.first": {"fr": "C'est la première section.", "en": "This is the first section."},
    "reader.last": {"fr": "C'est la dernière section du module.", "en": "This is the last section of the module."},
    "reader.no_check": {"fr": "Aucune question ne porte sur cette section.", "en": "No question checks this section."},
    "simulator.cli": {
        "fr": "Ce panneau interactif n'existe que dans l'application plein écran. En ligne de commande, "
              "essayez : {commands} (chacune avec --help).",
        "en": "This interactive panel exists only in the full-screen app. On the command line, try: "
              "{commands} (each with --help).",
    },
    "simulator.app_only": {
        "fr": "Ce panneau interactif n'existe que dans l'application plein écran (tutor, sans --plain).",
        "en": "This interactive panel exists only in the full-screen app (tutor, without --plain).",
    },
    # -- quiz setup and resume -----------------------------------------------------------------
    "setup.title": {"fr": "Nouveau quiz : {title}.", "en": "New quiz: {title}."},
    "setup.count": {"fr": "Nombre de questions (Entrée : {default}) :", "en": "Number of questions (Enter: {default}):"},
    "setup.mode": {
        "fr": "Mode : 1, entraînement (correction après chaque réponse) ; 2, examen (résultats à la fin). "
              "Choix (Entrée : 1) :",
        "en": "Mode: 1, practice (feedback after each answer); 2, exam (results at the end). Choice (Enter: 1):",
    },
    "setup.time": {"fr": "Limite de temps en minutes (Entrée : aucune) :", "en": "Time limit in minutes (Enter: none):"},
    "setup.topics": {"fr": "Thèmes :", "en": "Topics:"},
    "setup.topics_ask": {
        "fr": "Numéros des thèmes, séparés par des espaces (Entrée : tous) :",
        "en": "Topic numbers, separated by spaces (Enter: all):",
    },
    "setup.bad_count": {"fr": "« {text} » : tapez un nombre entier positif.", "en": "'{text}': type a positive whole number."},
    "setup.bad_time": {"fr": "« {text} » : tapez un nombre de minutes positif.", "en": "'{text}': type a positive number of minutes."},
    "setup.bad_mode": {"fr": "Tapez 1 (entraînement) ou 2 (examen).", "en": "Type 1 (practice) or 2 (exam)."},
    "setup.bad_topic": {
        "fr": "« {text} » n'est pas un numéro de thème (1 à {count}).",
        "en": "'{text}' is not a topic number (1 to {count}).",
    },
    "setup.help": {
        "fr": "Entrée garde la valeur indiquée ; q revient au menu.",
        "en": "Enter keeps the value shown; q goes back to the menu.",
    },
    "resume.resume": {"fr": "Le reprendre (o ou Entrée)", "en": "Resume it (y or Enter)"},
    "resume.abandon": {
        "fr": "L'abandonner (n) : ses réponses restent dans l'historique",
        "en": "Abandon it (n): its answers stay in the history",
    },
    "resume.later": {"fr": "Plus tard (p)", "en": "Later (l)"},
    "resume.bad": {"fr": "Tapez 1, 2 ou 3 (ou o, n, p).", "en": "Type 1, 2 or 3 (or y, n, l)."},
    "resume.abandoned": {"fr": "Quiz abandonné.", "en": "Quiz abandoned."},
    "resume.gone": {
        "fr": "Les questions de ce quiz n'existent plus : il est abandonné.",
        "en": "The questions of this quiz no longer exist: it is abandoned.",
    },
}

WORDS.update(QUIZ_WORDS)


def w(key: str, lang: str, **values: object) -> str:
    """The plain-mode string `key` in `lang`, with `values` substituted."""
    return translate(WORDS, key, lang, **values)


def colon(lang: str) -> str:
    """A colon as each language writes it before a value ("Tip: x", "Astuce : x")."""
    return " : " if lang == "fr" else ": "
