"""The words of plain-mode quizzes, in French and English (merged into `words.WORDS`)."""

from __future__ import annotations

QUIZ_WORDS: dict[str, dict[str, str]] = {
    "quiz.intro_practice": {
        "fr": "Quiz d'entraînement : {count} question(s). Correction après chaque réponse. ? pour l'aide.",
        "en": "Practice quiz: {count} question(s). Feedback after each answer. ? for help.",
    },
    "quiz.intro_exam": {
        "fr": "Examen : {count} question(s). Aucune correction avant la fin. ? pour l'aide.",
        "en": "Exam: {count} question(s). No feedback until the end. ? for help.",
    },
    "quiz.intro_review": {
        "fr": "Révisions : {count} question(s) à revoir. Correction après chaque réponse. ? pour l'aide.",
        "en": "Review: {count} question(s) due. Feedback after each answer. ? for help.",
    },
    "quiz.intro_check": {
        "fr": "Vérification : {count} question(s) sur cette section. ? pour l'aide.",
        "en": "Check: {count} question(s) on this section. ? for help.",
    },
    "quiz.intro_resumed": {
        "fr": "Reprise du quiz : {answered} réponse(s) déjà données sur {total}.",
        "en": "Quiz resumed: {answered} of {total} already answered.",
    },
    "quiz.limit": {
        "fr": "Limite de temps : {time}. Le mode texte ne peut pas interrompre la saisie : le temps est vérifié "
              "à chaque validation, et une réponse donnée après la fin du temps ne compte pas.",
        "en": "Time limit: {time}. Plain mode cannot interrupt your typing: the time is checked each time you "
              "press Enter, and an answer given after the time is up does not count.",
    },
    "quiz.header": {
        "fr": "Question {index}/{total} — {topic} — {difficulty} — {points}",
        "en": "Question {index}/{total} — {topic} — {difficulty} — {points}",
    },
    "quiz.points_word": {"fr": "{points} point(s)", "en": "{points} point(s)"},
    "quiz.left": {"fr": "Temps restant : {time}.", "en": "Time left: {time}."},
    "quiz.hint_available": {
        "fr": "Indice disponible : h (coûte {cost} point(s)).",
        "en": "Hint available: h (costs {cost} point(s)).",
    },
    "quiz.prompt": {"fr": "Réponse :", "en": "Answer:"},
    "ask.single": {"fr": "Tapez le numéro de votre réponse.", "en": "Type the number of your answer."},
    "ask.multiple": {
        "fr": "Plusieurs réponses possibles : tapez leurs numéros, par exemple 1 3.",
        "en": "Several answers may be right: type their numbers, for example 1 3.",
    },
    "ask.ordering": {
        "fr": "Tapez les numéros des éléments dans le bon ordre, par exemple {example}.",
        "en": "Type the item numbers in the right order, for example {example}.",
    },
    "ask.matching": {
        "fr": "Pour chaque texte numéroté, dans l'ordre, tapez la lettre du choix qui va avec, par exemple {example}.",
        "en": "For each numbered text, in order, type the letter of the choice that matches it, for example {example}.",
    },
    "ask.numeric": {"fr": "Tapez un nombre{unit}.", "en": "Type a number{unit}."},
    "ask.unit": {"fr": " (unité : {unit})", "en": " (unit: {unit})"},
    "ask.short": {"fr": "Tapez votre réponse en quelques mots.", "en": "Type your answer in a few words."},
    "label.items": {"fr": "Éléments :", "en": "Items:"},
    "label.lefts": {"fr": "Textes :", "en": "Texts:"},
    "label.rights": {"fr": "Choix :", "en": "Choices:"},
    "quiz.help": {
        "fr": "Commandes : h ou indice, un indice (il coûte des points) ; s ou passer, revenir à cette question "
              "plus tard ; r ou répéter, réafficher la question ; q ou quitter, quitter le quiz (il peut être "
              "repris plus tard) ; ? ou aide, cette aide.",
        "en": "Commands: h or hint, a hint (it costs points); s or skip, come back to this question later; "
              "r or repeat, show the question again; q or quit, leave the quiz (it can be resumed later); "
              "? or help, this help.",
    },
    "err.empty": {"fr": "Tapez votre réponse, ou ? pour l'aide.", "en": "Type your answer, or ? for help."},
    "err.not_number": {
        "fr": "« {text} » n'est pas un numéro de 1 à {count}.",
        "en": "'{text}' is not a number from 1 to {count}.",
    },
    "err.range": {"fr": "Il n'y a pas de numéro {number} : de 1 à {count}.", "en": "There is no number {number}: 1 to {count}."},
    "err.one": {"fr": "Une seule réponse ici : tapez un seul numéro, de 1 à {count}.",
                "en": "Only one answer here: type a single number, 1 to {count}."},
    "err.order_count": {
        "fr": "Tapez les {count} numéros, chacun une fois, dans le bon ordre.",
        "en": "Type all {count} numbers, each once, in the right order.",
    },
    "err.twice": {"fr": "Le numéro {number} est donné deux fois.", "en": "Number {number} is given twice."},
    "err.letters_count": {
        "fr": "Tapez {count} lettres, une par texte, dans l'ordre (vous en avez tapé {given}).",
        "en": "Type {count} letters, one per text, in order (you typed {given}).",
    },
    "err.letter": {
        "fr": "« {text} » n'est pas un choix : les lettres vont de a à {last}.",
        "en": "'{text}' is not a choice: the letters go from a to {last}.",
    },
    "err.numeric": {
        "fr": "« {text} » n'est pas un nombre. Exemples : 0,75 ou 0.75 ou 1875 ou 1e-5.",
        "en": "'{text}' is not a number. Examples: 0.75 or 1875 or 1e-5.",
    },
    "quiz.no_more_hint": {"fr": "Pas d'autre indice pour cette question.", "en": "No more hints for this question."},
    "quiz.last_left": {
        "fr": "C'est la dernière question restante : répondez-y, ou q pour quitter le quiz.",
        "en": "This is the last question left: answer it, or q to leave the quiz.",
    },
    "quiz.skipped": {"fr": "Question passée : elle reviendra à la fin.", "en": "Question skipped: it comes back at the end."},
    "quiz.recorded": {"fr": "Réponse enregistrée.", "en": "Answer recorded."},
    "quiz.too_late": {
        "fr": "Temps écoulé : cette réponse arrive trop tard et ne compte pas.",
        "en": "Time is up: this answer came too late and does not count.",
    },
    "quiz.left_open": {
        "fr": "Quiz quitté. Il reste ouvert : tutor --plain proposera de le reprendre.",
        "en": "Quiz left. It stays open: tutor --plain will offer to resume it.",
    },
    "quiz.feedback_heading": {"fr": "Remarque : {text}", "en": "Note: {text}"},
    "results.topic": {
        "fr": "- {topic} : {percent} %, {earned}/{max} point(s), {correct} sur {questions} juste(s)",
        "en": "- {topic}: {percent} %, {earned}/{max} point(s), {correct} of {questions} right",
    },
    "results.answered": {"fr": "Réponses : {answered} sur {total}.", "en": "Answered: {answered} of {total}."},
    "results.item": {"fr": "{number}. {verdict} — {topic}", "en": "{number}. {verdict} — {topic}"},
}
