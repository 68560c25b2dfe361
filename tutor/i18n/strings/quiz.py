"""The quiz screens' words (questions, feedback, results, setup, topics)."""

from __future__ import annotations

QUIZ_STRINGS: dict[str, dict[str, object]] = {
    "quiz.practice": {"fr": "Entraînement", "en": "Practice"},
    "quiz.exam": {"fr": "Examen", "en": "Exam"},
    "quiz.check": {"fr": "Vérification", "en": "Check"},
    "quiz.position": {"fr": "Question {index}/{total}", "en": "Question {index}/{total}"},
    "quiz.score_so_far": {"fr": "score {earned}/{max}", "en": "score {earned}/{max}"},
    "quiz.review_mode": {"fr": "Révision", "en": "Review"},
    "quiz.time_left": {"fr": "temps restant {time}", "en": "time left {time}"},
    "quiz.clock_deadline": {
        "fr": "Examen chronométré ({minutes} min) : le temps court depuis le début, "
              "même si vous quittez tutor.",
        "en": "Timed exam ({minutes} min): the time runs from the start, even if you leave tutor.",
    },
    "quiz.clock_while_open": {
        "fr": "Examen chronométré ({minutes} min) : le temps ne court que lorsque l'examen est ouvert.",
        "en": "Timed exam ({minutes} min): the time runs only while the exam is open.",
    },
    "number.empty": {"fr": "Tapez un nombre.", "en": "Type a number."},
    "number.not_a_number": {
        "fr": "« {text} » n'est pas un nombre. Exemples : 0,75 ou 0.75 ou 1875 ou 1e-5.",
        "en": "'{text}' is not a number. Examples: 0.75 or 0,75 or 1875 or 1e-5.",
    },
    "number.ambiguous": {
        "fr": "« {text} » est ambigu : lequel, de la virgule ou du point, marque les décimales ? "
              "Écrivez par exemple 1875,5 ou 1875.5.",
        "en": "'{text}' is ambiguous: is the comma or the point the decimal mark? "
              "Write for instance 1875.5 or 1875,5.",
    },
    "quiz.meta": {"fr": "{topic} · {difficulty} · {points} pt", "en": "{topic} · {difficulty} · {points} pt"},
    "quiz.hint": {"fr": "Indice {number} (−{cost} pt) : {text}", "en": "Hint {number} (−{cost} pt): {text}"},
    "quiz.no_hint": {"fr": "Pas d'autre indice.", "en": "No more hints."},
    "quiz.need_answer": {"fr": "Choisissez ou tapez une réponse d'abord.", "en": "Choose or type an answer first."},
    "quiz.correct": {"fr": "Correct", "en": "Correct"},
    "quiz.partial": {"fr": "Partiellement correct", "en": "Partly correct"},
    "quiz.wrong": {"fr": "Incorrect", "en": "Wrong"},
    "quiz.points": {
        "fr": {"one": "{earned} / {max} point", "other": "{earned} / {max} points"},
        "en": {"one": "{earned} / {max} point", "other": "{earned} / {max} points"},
    },
    "quiz.hint_cost": {"fr": " (indices : −{cost})", "en": " (hints: −{cost})"},
    "quiz.your_answer": {"fr": "Votre réponse : {text}", "en": "Your answer: {text}"},
    "quiz.expected": {"fr": "Bonne réponse : {text}", "en": "Right answer: {text}"},
    "quiz.explanation": {"fr": "Explication : {text}", "en": "Explanation: {text}"},
    "quiz.continue": {
        "fr": "Entrée : question suivante · F6 : relire la section",
        "en": "Enter: next question · F6: read the section",
    },
    "quiz.continue_exam": {"fr": "Entrée : question suivante", "en": "Enter: next question"},
    "answer.ordering_keys": {
        "fr": "↑/↓ : se déplacer · Espace : prendre/poser l'élément · Entrée : valider",
        "en": "↑/↓: move · Space: grab/drop the item · Enter: submit",
    },
    "answer.matching_keys": {
        "fr": "↑/↓ : choisir à gauche · lettre : associer · Entrée : valider",
        "en": "↑/↓: choose on the left · letter: match · Enter: submit",
    },
    "answer.placeholder": {"fr": "Votre réponse", "en": "Your answer"},
    "quiz.keys_submit": {"fr": "Entrée : valider", "en": "Enter: submit"},
    "quiz.keys_hint": {"fr": "F4 : indice", "en": "F4: hint"},
    "quiz.keys_skip": {"fr": "F5 : passer", "en": "F5: skip"},
    "quiz.results": {"fr": "Résultats", "en": "Results"},
    "quiz.total": {"fr": "Score : {earned} / {max} ({percent} %)", "en": "Score: {earned} / {max} ({percent}%)"},
    "quiz.passed": {"fr": "RÉUSSI (seuil {mark} %)", "en": "PASSED (pass mark {mark}%)"},
    "quiz.failed": {"fr": "NON RÉUSSI (seuil {mark} %)", "en": "NOT PASSED (pass mark {mark}%)"},
    "quiz.time": {"fr": "Temps : {time}", "en": "Time: {time}"},
    "quiz.by_topic": {"fr": "Par thème", "en": "By topic"},
    "quiz.review": {"fr": "Revue des questions", "en": "Question review"},
    "quiz.time_up": {"fr": "Temps écoulé : l'examen est rendu.", "en": "Time is up: the exam is handed in."},
    "quiz.setup": {"fr": "Nouveau quiz", "en": "New quiz"},
    "quiz.topics": {"fr": "Thèmes (aucun coché = tous)", "en": "Topics (none ticked = all)"},
    "quiz.count": {"fr": "Nombre de questions", "en": "Number of questions"},
    "quiz.difficulty": {"fr": "Difficulté", "en": "Difficulty"},
    "quiz.any": {"fr": "toutes", "en": "any"},
    "quiz.mode": {"fr": "Mode", "en": "Mode"},
    "quiz.time_limit": {"fr": "Limite (minutes, examen)", "en": "Time limit (minutes, exam)"},
    "quiz.seed": {"fr": "Graine (facultative)", "en": "Seed (optional)"},
    "quiz.start_hint": {
        "fr": "F5 ou Ctrl+S : commencer (ou Entrée dans un champ) · Espace : cocher un thème",
        "en": "F5 or Ctrl+S: start (or Enter in a field) · Space: tick a topic",
    },
    "home.quiz": {"fr": "Quiz · questions sur le module", "en": "Quiz · questions on the module"},
    "quiz.bad_number": {"fr": "« {value} » : un nombre entier positif", "en": "'{value}': a positive whole number"},
    "quiz.no_questions": {"fr": "Aucune question ne correspond.", "en": "No question matches."},
    "quiz.check_section": {
        "fr": {"one": "Vérifier ma compréhension : c ({count} question)",
               "other": "Vérifier ma compréhension : c ({count} questions)"},
        "en": {"one": "Check your understanding: c ({count} question)",
               "other": "Check your understanding: c ({count} questions)"},
    },
    "quiz.resume": {
        "fr": "Un quiz n'a pas été terminé ({answered}/{total} réponses). Le reprendre ?",
        "en": "A quiz was left unfinished ({answered}/{total} answered). Resume it?",
    },
    "quiz.resume_keys": {
        "fr": "o ou Entrée : reprendre · n : l'abandonner (les réponses restent dans l'historique)",
        "en": "y or Enter: resume · n: abandon it (its answers stay in the history)",
    },
    "quiz.resume_clock": {
        "fr": "Le chronomètre reprend où il s'était arrêté : il ne tourne que lorsque le quiz est ouvert.",
        "en": "The clock resumes where it stopped: it only runs while the quiz is open.",
    },
    "quiz.resume_deadline": {
        "fr": "Le temps de l'examen a couru pendant votre absence : il reste {time}.",
        "en": "The exam's time kept running while you were away: {time} left.",
    },
    "key.resume": {"fr": "Reprendre", "en": "Resume"},
    "key.abandon": {"fr": "Abandonner", "en": "Abandon"},
    "topic.transfer-learning": {"fr": "Transfer learning", "en": "Transfer learning"},
    "topic.strategies": {"fr": "Stratégies", "en": "Strategies"},
    "topic.hyperparameters": {"fr": "Hyperparamètres", "en": "Hyperparameters"},
    "topic.bert": {"fr": "BERT", "en": "BERT"},
    "topic.gpt": {"fr": "GPT", "en": "GPT"},
    "topic.best-practices": {"fr": "Bonnes pratiques", "en": "Best practices"},
    "topic.metrics": {"fr": "Métriques", "en": "Metrics"},
    "topic.sft": {"fr": "Instruction tuning (SFT)", "en": "Instruction tuning (SFT)"},
    "topic.preference": {"fr": "Alignement par préférences", "en": "Preference tuning"},
    "topic.quantisation": {"fr": "QLoRA et quantification", "en": "QLoRA and quantisation"},
    "topic.approach": {"fr": "Prompt, RAG ou fine-tuning", "en": "Prompt, RAG or fine-tune"},
    "topic.forgetting": {"fr": "Oubli catastrophique", "en": "Catastrophic forgetting"},
    "topic.llm-evaluation": {"fr": "Évaluer un LLM", "en": "Evaluating LLMs"},
    "topic.encoders": {"fr": "Encodeurs modernes et français", "en": "Modern and French encoders"},
    "topic.responsible": {"fr": "Fine-tuning responsable", "en": "Responsible fine-tuning"},
    "difficulty.easy": {"fr": "facile", "en": "easy"},
    "difficulty.medium": {"fr": "moyen", "en": "medium"},
    "difficulty.hard": {"fr": "difficile", "en": "hard"},
    "key.submit": {"fr": "Valider", "en": "Submit"},
    "key.hint": {"fr": "Indice", "en": "Hint"},
    "key.skip": {"fr": "Passer", "en": "Skip"},
    "key.read": {"fr": "Relire", "en": "Read"},
    "key.retry": {"fr": "Refaire les ratées", "en": "Retry missed"},
    "key.start": {"fr": "Commencer", "en": "Start"},
    "key.quiz": {"fr": "Quiz", "en": "Quiz"},
    "key.check": {"fr": "Vérifier", "en": "Check"},
    "key.leave": {"fr": "Quitter", "en": "Leave"},  # 80 columns: F4 … F1 and this must fit
    # -- writes the store refused (read-only database, full disk): tutor.quiz.pending ----------------
    "quiz.unsaved_answer": {
        "fr": "Votre réponse n'a pas pu être enregistrée : {reason}. Elle est gardée et sera enregistrée "
              "dès que possible.",
        "en": "Your answer could not be saved: {reason}. It is kept and will be saved as soon as possible.",
    },
    "quiz.unsaved_progress": {
        "fr": "Votre progression n'a pas pu être enregistrée : {reason}. Elle est gardée et sera enregistrée "
              "dès que possible.",
        "en": "Your progress could not be saved: {reason}. It is kept and will be saved as soon as possible.",
    },
    "quiz.unsaved_reason.full": {"fr": "le disque est plein", "en": "the disk is full"},
    "quiz.unsaved_reason.readonly": {
        "fr": "la base de progression est en lecture seule",
        "en": "the progress database is read-only",
    },
    "quiz.unsaved_reason.locked": {
        "fr": "la base de progression est bloquée par un autre programme",
        "en": "the progress database is locked by another program",
    },
    "quiz.unsaved_reason.other": {
        "fr": "la base de progression a refusé l'écriture ({error})",
        "en": "the progress database refused the write ({error})",
    },
    "quiz.saved_late": {
        "fr": "Tout ce qui attendait est maintenant enregistré.",
        "en": "Everything that was waiting has now been saved.",
    },
    "quiz.results_unsaved": {
        "fr": "Attention : ce quiz n'est pas encore enregistré ({reason}). Il est gardé et sera enregistré "
              "dès que possible.",
        "en": "Warning: this quiz is not saved yet ({reason}). It is kept and will be saved as soon as "
              "possible.",
    },
    "quiz.unsaved_exit_answers": {
        "fr": {"one": "{count} réponse n'a pas pu être enregistrée ({reason}) : elle est perdue.",
               "other": "{count} réponses n'ont pas pu être enregistrées ({reason}) : elles sont perdues."},
        "en": {"one": "{count} answer could not be saved ({reason}): it is lost.",
               "other": "{count} answers could not be saved ({reason}): they are lost."},
    },
    "quiz.unsaved_exit_other": {
        "fr": {"one": "{count} autre changement (chronomètre, lecture, révisions) n'a pas pu être enregistré "
                      "({reason}) : il est perdu.",
               "other": "{count} autres changements (chronomètre, lecture, révisions) n'ont pas pu être "
                        "enregistrés ({reason}) : ils sont perdus."},
        "en": {"one": "{count} other change (clock, reading, reviews) could not be saved ({reason}): it is lost.",
               "other": "{count} other changes (clock, reading, reviews) could not be saved ({reason}): "
                        "they are lost."},
    },
    "quiz.unsaved_exit_where": {"fr": "Base de progression : {path}", "en": "Progress database: {path}"},
}
