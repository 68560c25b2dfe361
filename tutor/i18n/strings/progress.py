"""Statistics, review and reset confirmations."""

from __future__ import annotations

PROGRESS_STRINGS: dict[str, dict[str, object]] = {
    "stats.title": {"fr": "Statistiques", "en": "Statistics"},
    "stats.sections": {"fr": "Sections lues", "en": "Sections read"},
    "stats.history": {"fr": "Historique des quiz (score en %)", "en": "Quiz history (score in %)"},
    "stats.mastery": {"fr": "Maîtrise par thème", "en": "Mastery by topic"},
    "stats.missed": {"fr": "Questions les plus souvent ratées", "en": "Most often missed questions"},
    "stats.missed_line": {"fr": "ratée {missed}/{total} :", "en": "missed {missed}/{total}:"},
    "stats.answers": {"fr": {"one": "{count} réponse", "other": "{count} réponses"},
                      "en": {"one": "{count} answer", "other": "{count} answers"}},
    "stats.none": {"fr": "(rien pour l'instant)", "en": "(nothing yet)"},
    "stats.attempt": {"fr": "tentative", "en": "attempt"},
    "stats.confirm_module": {
        "fr": "Effacer toute la progression du module « {title} » (lecture, quiz, révisions) ?",
        "en": "Erase all progress in the module \"{title}\" (reading, quizzes, reviews)?",
    },
    "stats.confirm_all": {
        "fr": "Effacer TOUTE votre progression, dans tous les modules ?",
        "en": "Erase ALL your progress, in every module?",
    },
    "confirm.keys": {"fr": "o : oui · n : non", "en": "y: yes · n: no"},
    "home.review": {"fr": {"one": "Révisions · {count} question à revoir",
                           "other": "Révisions · {count} questions à revoir"},
                    "en": {"one": "Review · {count} question due", "other": "Review · {count} questions due"}},
    "home.review_none": {
        "fr": "Révisions · rien à revoir pour l'instant ({total} en suivi)",
        "en": "Review · nothing due yet ({total} scheduled)",
    },
    "home.stats": {"fr": "Statistiques et historique", "en": "Statistics and history"},
    "key.reset_module": {"fr": "Effacer le module", "en": "Reset module"},
    "key.reset_all": {"fr": "Tout effacer", "en": "Reset all"},
}
