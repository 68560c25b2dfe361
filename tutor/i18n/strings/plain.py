"""The plain (line-by-line) mode, typed numbers and generated questions, in French and English.

Plain-mode keys start with "plain." (`tutor.plain.words.w` adds the prefix); generated questions'
words start with "gen.". The messages about a typed number that is not one ("number.*", the
problems `tutor.i18n.numbers.read_number` reports) are the quiz area's (`tutor.i18n.strings.quiz`):
plain mode and the full-screen quiz show the same words, through `tutor.quiz.grading.numeric_problem`.
"""

from __future__ import annotations

PLAIN_STRINGS: dict[str, dict[str, object]] = {
    # -- start, menu ---------------------------------------------------------------------------
    "plain.welcome": {
        "fr": "tutor, mode texte. Tapez ? à tout moment pour l'aide.",
        "en": "tutor, plain mode. Type ? at any prompt for help.",
    },
    "plain.stopped_at": {
        "fr": "Vous en étiez à la section {index} sur {total} : {title}.",
        "en": "You stopped at section {index} of {total}: {title}.",
    },
    "plain.not_started": {"fr": "Vous n'avez pas encore commencé ce module.",
                          "en": "You have not started this module yet."},
    "plain.read_count": {"fr": "Sections lues : {read} sur {total}.", "en": "Sections read: {read} of {total}."},
    "plain.menu": {"fr": "Menu :", "en": "Menu:"},
    "plain.menu.read": {"fr": "Lire (r) : section {index} sur {total}, {title}",
                        "en": "Read (r): section {index} of {total}, {title}"},
    "plain.menu.sections": {"fr": "Sections (s) : la liste, pour en choisir une",
                            "en": "Sections (s): the list, to pick one"},
    "plain.menu.modules": {"fr": "Modules (m) : changer de module", "en": "Modules (m): change module"},
    "plain.menu.quiz": {"fr": "Quiz (z) : des questions sur le module", "en": "Quiz (z): questions on the module"},
    "plain.menu.review": {
        "fr": {"one": "Révisions (v) : {count} question à revoir",
               "other": "Révisions (v) : {count} questions à revoir"},
        "en": {"one": "Review (v): {count} question due", "other": "Review (v): {count} questions due"},
    },
    "plain.menu.quit": {"fr": "Quitter (q)", "en": "Quit (q)"},
    "plain.choice": {"fr": "Votre choix (1 à {count}) :", "en": "Your choice (1 to {count}):"},
    "plain.menu.help": {
        "fr": "Tapez le numéro d'une ligne du menu, ou la lettre entre parenthèses. "
              "Partout : ? pour l'aide ; Ctrl+D ou la fin de l'entrée quitte en gardant tout.",
        "en": "Type the number of a menu line, or the letter in brackets. "
              "Anywhere: ? for help; Ctrl+D or the end of the input quits, keeping everything.",
    },
    "plain.bad_choice": {
        "fr": "« {text} » n'est pas un choix : tapez un nombre de 1 à {count}, ou ? pour l'aide.",
        "en": "'{text}' is not a choice: type a number from 1 to {count}, or ? for help.",
    },
    "plain.empty_choice": {
        "fr": "Tapez un nombre de 1 à {count}, ou ? pour l'aide.",
        "en": "Type a number from 1 to {count}, or ? for help.",
    },
    "plain.goodbye": {"fr": "Au revoir. Votre progression est enregistrée.", "en": "Goodbye. Your progress is saved."},
    "plain.interrupted": {"fr": "Interrompu. Votre progression est enregistrée.",
                          "en": "Interrupted. Your progress is saved."},
    "plain.no_module": {"fr": "Aucun module trouvé dans le contenu.", "en": "No module found in the content."},
    "plain.no_bank": {"fr": "Aucune banque de questions n'est installée.", "en": "No question bank is installed."},
    "plain.review_none": {
        "fr": {"one": "Rien à revoir pour l'instant ({count} question en suivi).",
               "other": "Rien à revoir pour l'instant ({count} questions en suivi)."},
        "en": {"one": "Nothing to review yet ({count} question scheduled).",
               "other": "Nothing to review yet ({count} questions scheduled)."},
    },
    # -- sections and reading ------------------------------------------------------------------
    "plain.sections.title": {"fr": "Sections de {title} :", "en": "Sections of {title}:"},
    "plain.modules.title": {"fr": "Modules :", "en": "Modules:"},
    "plain.section.line": {"fr": "{number}. {title} ({state})", "en": "{number}. {title} ({state})"},
    "plain.section.pick": {"fr": "Numéro de section (1 à {count}, Entrée : retour) :",
                     "en": "Section number (1 to {count}, Enter: back):"},
    "plain.module.pick": {"fr": "Numéro de module (1 à {count}, Entrée : retour) :",
                    "en": "Module number (1 to {count}, Enter: back):"},
    "plain.pick.help": {
        "fr": "Tapez un numéro de 1 à {count} et Entrée ; Entrée seule ou q revient en arrière.",
        "en": "Type a number from 1 to {count} and Enter; Enter alone or q goes back.",
    },
    "plain.module.heading": {"fr": "Module {number} : {title}", "en": "Module {number}: {title}"},
    "plain.section.heading": {"fr": "Section {index} sur {total} : {title}",
                              "en": "Section {index} of {total}: {title}"},
    "plain.section.end": {"fr": "Fin de la section {index} sur {total}.", "en": "End of section {index} of {total}."},
    # "\x01" is a space where a line may not break (see console.wrap): "q: menu" stays together.
    "plain.reader.keys": {
        "fr": "n :\x01suivante, p :\x01précédente, s :\x01sections, {check}q :\x01menu. Choix :",
        "en": "n:\x01next, p:\x01previous, s:\x01sections, {check}q:\x01menu. Choice:",
    },
    "plain.reader.check": {
        "fr": {"one": "c :\x01vérifier\x01ma\x01compréhension\x01({count}\x01question), ",
               "other": "c :\x01vérifier\x01ma\x01compréhension\x01({count}\x01questions), "},
        "en": {"one": "c:\x01check\x01your\x01understanding\x01({count}\x01question), ",
               "other": "c:\x01check\x01your\x01understanding\x01({count}\x01questions), "},
    },
    "plain.reader.help": {
        "fr": "En lecture : n ou Entrée, section suivante ; p, précédente ; r, relire cette section ; "
              "s, liste des sections ; c, questions sur cette section ; q, retour au menu.",
        "en": "While reading: n or Enter, next section; p, previous; r, read this section again; "
              "s, list of sections; c, questions on this section; q, back to the menu.",
    },
    "plain.reader.bad": {
        "fr": "« {text} » n'est pas une commande. Tapez n, p, r, s, c, q ou ? pour l'aide.",
        "en": "'{text}' is not a command. Type n, p, r, s, c, q, or ? for help.",
    },
    "plain.reader.first": {"fr": "C'est la première section.", "en": "This is the first section."},
    "plain.reader.last": {"fr": "C'est la dernière section du module.",
                          "en": "This is the last section of the module."},
    "plain.reader.no_check": {"fr": "Aucune question ne porte sur cette section.",
                              "en": "No question checks this section."},
    "plain.simulator.cli": {
        "fr": "Ce panneau interactif n'existe que dans l'application plein écran. En ligne de commande, "
              "essayez : {commands} (chacune avec --help).",
        "en": "This interactive panel exists only in the full-screen app. On the command line, try: "
              "{commands} (each with --help).",
    },
    "plain.simulator.app_only": {
        "fr": "Ce panneau interactif n'existe que dans l'application plein écran (tutor, sans --plain).",
        "en": "This interactive panel exists only in the full-screen app (tutor, without --plain).",
    },
    # -- quiz setup and resume -----------------------------------------------------------------
    "plain.setup.title": {"fr": "Nouveau quiz : {title}.", "en": "New quiz: {title}."},
    "plain.setup.count": {"fr": "Nombre de questions (Entrée : {default}) :",
                          "en": "Number of questions (Enter: {default}):"},
    "plain.setup.mode": {
        "fr": "Mode : 1, entraînement (correction après chaque réponse) ; 2, examen (résultats à la fin). "
              "Choix (Entrée : 1) :",
        "en": "Mode: 1, practice (feedback after each answer); 2, exam (results at the end). Choice (Enter: 1):",
    },
    "plain.setup.time": {"fr": "Limite de temps en minutes (Entrée : aucune) :",
                         "en": "Time limit in minutes (Enter: none):"},
    "plain.setup.topics": {"fr": "Thèmes :", "en": "Topics:"},
    "plain.setup.topics_ask": {
        "fr": "Numéros des thèmes, séparés par des espaces (Entrée : tous) :",
        "en": "Topic numbers, separated by spaces (Enter: all):",
    },
    "plain.setup.bad_count": {"fr": "« {text} » : tapez un nombre entier positif.",
                              "en": "'{text}': type a positive whole number."},
    "plain.setup.bad_time": {"fr": "« {text} » : tapez un nombre de minutes positif.",
                             "en": "'{text}': type a positive number of minutes."},
    "plain.setup.bad_mode": {"fr": "Tapez 1 (entraînement) ou 2 (examen).", "en": "Type 1 (practice) or 2 (exam)."},
    "plain.setup.bad_topic": {
        "fr": "« {text} » n'est pas un numéro de thème (1 à {count}).",
        "en": "'{text}' is not a topic number (1 to {count}).",
    },
    "plain.setup.help": {
        "fr": "Entrée garde la valeur indiquée ; q revient au menu.",
        "en": "Enter keeps the value shown; q goes back to the menu.",
    },
    "plain.resume.resume": {"fr": "Le reprendre (o ou Entrée)", "en": "Resume it (y or Enter)"},
    "plain.resume.abandon": {
        "fr": "L'abandonner (n) : ses réponses restent dans l'historique",
        "en": "Abandon it (n): its answers stay in the history",
    },
    "plain.resume.later": {"fr": "Plus tard (p)", "en": "Later (l)"},
    "plain.resume.bad": {"fr": "Tapez 1, 2 ou 3 (ou o, n, p).", "en": "Type 1, 2 or 3 (or y, n, l)."},
    "plain.resume.abandoned": {"fr": "Quiz abandonné.", "en": "Quiz abandoned."},
    "plain.resume.gone": {
        "fr": "Les questions de ce quiz n'existent plus : il est abandonné.",
        "en": "The questions of this quiz no longer exist: it is abandoned.",
    },
    "plain.quiz.intro_practice": {
        "fr": {"one": "Quiz d'entraînement : {count} question. Correction après chaque réponse. ? pour l'aide.",
               "other": "Quiz d'entraînement : {count} questions. Correction après chaque réponse. ? pour l'aide."},
        "en": {"one": "Practice quiz: {count} question. Feedback after each answer. ? for help.",
               "other": "Practice quiz: {count} questions. Feedback after each answer. ? for help."},
    },
    "plain.quiz.intro_exam": {
        "fr": {"one": "Examen : {count} question. Aucune correction avant la fin. ? pour l'aide.",
               "other": "Examen : {count} questions. Aucune correction avant la fin. ? pour l'aide."},
        "en": {"one": "Exam: {count} question. No feedback until the end. ? for help.",
               "other": "Exam: {count} questions. No feedback until the end. ? for help."},
    },
    "plain.quiz.intro_review": {
        "fr": {"one": "Révisions : {count} question à revoir. Correction après chaque réponse. ? pour l'aide.",
               "other": "Révisions : {count} questions à revoir. Correction après chaque réponse. ? pour l'aide."},
        "en": {"one": "Review: {count} question due. Feedback after each answer. ? for help.",
               "other": "Review: {count} questions due. Feedback after each answer. ? for help."},
    },
    "plain.quiz.intro_check": {
        "fr": {"one": "Vérification : {count} question sur cette section. ? pour l'aide.",
               "other": "Vérification : {count} questions sur cette section. ? pour l'aide."},
        "en": {"one": "Check: {count} question on this section. ? for help.",
               "other": "Check: {count} questions on this section. ? for help."},
    },
    "plain.quiz.intro_resumed": {
        "fr": {"one": "Reprise du quiz : {count} réponse déjà donnée sur {total}.",
               "other": "Reprise du quiz : {count} réponses déjà données sur {total}."},
        "en": "Quiz resumed: {count} of {total} already answered.",
    },
    "plain.quiz.limit": {
        "fr": "Limite de temps : {time}. Le mode texte ne peut pas interrompre la saisie : le temps est vérifié "
              "à chaque validation, et une réponse donnée après la fin du temps ne compte pas.",
        "en": "Time limit: {time}. Plain mode cannot interrupt your typing: the time is checked each time you "
              "press Enter, and an answer given after the time is up does not count.",
    },
    "plain.quiz.header": {
        "fr": "Question {index}/{total} — {topic} — {difficulty} — {points}",
        "en": "Question {index}/{total} — {topic} — {difficulty} — {points}",
    },
    "plain.quiz.points_word": {"fr": {"one": "{count} point", "other": "{count} points"},
                               "en": {"one": "{count} point", "other": "{count} points"}},
    "plain.quiz.left": {"fr": "Temps restant : {time}.", "en": "Time left: {time}."},
    "plain.quiz.hint_available": {
        "fr": {"one": "Indice disponible : h (coûte {count} point).",
               "other": "Indice disponible : h (coûte {count} points)."},
        "en": {"one": "Hint available: h (costs {count} point).", "other": "Hint available: h (costs {count} points)."},
    },
    "plain.quiz.prompt": {"fr": "Réponse :", "en": "Answer:"},
    "plain.ask.single": {"fr": "Tapez le numéro de votre réponse.", "en": "Type the number of your answer."},
    "plain.ask.multiple": {
        "fr": "Plusieurs réponses possibles : tapez leurs numéros, par exemple 1 3.",
        "en": "Several answers may be right: type their numbers, for example 1 3.",
    },
    "plain.ask.ordering": {
        "fr": "Tapez les numéros des éléments dans le bon ordre, par exemple {example}.",
        "en": "Type the item numbers in the right order, for example {example}.",
    },
    "plain.ask.matching": {
        "fr": "Pour chaque texte numéroté, dans l'ordre, tapez la lettre du choix qui va avec, par exemple {example}.",
        "en": "For each numbered text, in order, type the letter of the choice that matches it, for example {example}.",
    },
    "plain.ask.numeric": {"fr": "Tapez un nombre{unit}.", "en": "Type a number{unit}."},
    "plain.ask.unit": {"fr": " (unité : {unit})", "en": " (unit: {unit})"},
    "plain.ask.short": {"fr": "Tapez votre réponse en quelques mots.", "en": "Type your answer in a few words."},
    "plain.label.items": {"fr": "Éléments :", "en": "Items:"},
    "plain.label.lefts": {"fr": "Textes :", "en": "Texts:"},
    "plain.label.rights": {"fr": "Choix :", "en": "Choices:"},
    "plain.quiz.help": {
        "fr": "Commandes : h ou indice, un indice (il coûte des points) ; s ou passer, revenir à cette question "
              "plus tard ; r ou répéter, réafficher la question ; q ou quitter, quitter le quiz (il peut être "
              "repris plus tard) ; ? ou aide, cette aide.",
        "en": "Commands: h or hint, a hint (it costs points); s or skip, come back to this question later; "
              "r or repeat, show the question again; q or quit, leave the quiz (it can be resumed later); "
              "? or help, this help.",
    },
    "plain.err.empty": {"fr": "Tapez votre réponse, ou ? pour l'aide.", "en": "Type your answer, or ? for help."},
    "plain.err.not_number": {
        "fr": "« {text} » n'est pas un numéro de 1 à {count}.",
        "en": "'{text}' is not a number from 1 to {count}.",
    },
    "plain.err.range": {"fr": "Il n'y a pas de numéro {number} : de 1 à {count}.",
                        "en": "There is no number {number}: 1 to {count}."},
    "plain.err.one": {"fr": "Une seule réponse ici : tapez un seul numéro, de 1 à {count}.",
                "en": "Only one answer here: type a single number, 1 to {count}."},
    "plain.err.order_count": {
        "fr": "Tapez les {count} numéros, chacun une fois, dans le bon ordre.",
        "en": "Type all {count} numbers, each once, in the right order.",
    },
    "plain.err.twice": {"fr": "Le numéro {number} est donné deux fois.", "en": "Number {number} is given twice."},
    "plain.err.letters_count": {
        "fr": "Tapez {count} lettres, une par texte, dans l'ordre (vous en avez tapé {given}).",
        "en": "Type {count} letters, one per text, in order (you typed {given}).",
    },
    "plain.err.letter": {
        "fr": "« {text} » n'est pas un choix : les lettres vont de a à {last}.",
        "en": "'{text}' is not a choice: the letters go from a to {last}.",
    },
    "plain.quiz.no_more_hint": {"fr": "Pas d'autre indice pour cette question.",
                                "en": "No more hints for this question."},
    "plain.quiz.last_left": {
        "fr": "C'est la dernière question restante : répondez-y, ou q pour quitter le quiz.",
        "en": "This is the last question left: answer it, or q to leave the quiz.",
    },
    "plain.quiz.skipped": {"fr": "Question passée : elle reviendra à la fin.",
                           "en": "Question skipped: it comes back at the end."},
    "plain.quiz.recorded": {"fr": "Réponse enregistrée.", "en": "Answer recorded."},
    "plain.quiz.too_late": {
        "fr": "Temps écoulé : cette réponse arrive trop tard et ne compte pas.",
        "en": "Time is up: this answer came too late and does not count.",
    },
    "plain.quiz.left_open": {
        "fr": "Quiz quitté. Il reste ouvert : tutor --plain proposera de le reprendre.",
        "en": "Quiz left. It stays open: tutor --plain will offer to resume it.",
    },
    "plain.quiz.feedback_heading": {"fr": "Remarque : {text}", "en": "Note: {text}"},
    "plain.results.topic": {
        "fr": "- {topic} : {percent} %, {points}, réponses justes : {correct} sur {questions}",
        "en": "- {topic}: {percent} %, {points}, {correct} of {questions} right",
    },
    "plain.results.answered": {"fr": "Réponses : {answered} sur {total}.", "en": "Answered: {answered} of {total}."},
    "plain.results.item": {"fr": "{number}. {verdict} — {topic}", "en": "{number}. {verdict} — {topic}"},
    # -- scores (counted by their maximum: "0,5 / 1 point", "1,5 / 2 points") ------------------------
    "plain.score": {"fr": {"one": "{earned} / {max} point", "other": "{earned} / {max} points"},
                    "en": {"one": "{earned} / {max} point", "other": "{earned} / {max} points"}},
    # -- generated questions (tutor.quiz.generators): numbers arrive formatted for the language --------
    "gen.list_separator": {"fr": " ; ", "en": ", "},
    "gen.detail_separator": {"fr": " ; ", "en": "; "},
    "gen.f1.prompt": {
        "fr": "Un classifieur de spam donne TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn} pour la classe « spam ». "
              "Quel est son score F1 sur cette classe (3 décimales) ?",
        "en": "A spam classifier gives TP = {tp}, FP = {fp}, FN = {fn}, TN = {tn} for the class \"spam\". "
              "What is its F1 on that class (3 decimals)?",
    },
    "gen.f1.explanation": {
        "fr": "P = TP/(TP+FP) = {tp}/{predicted} = {precision} ; R = TP/(TP+FN) = {tp}/{actual} = {recall} ; "
              "F1 = 2·P·R/(P+R) = 2·TP/(2·TP+FP+FN) = {top}/{bottom} = {f1}. TN n'intervient pas.",
        "en": "P = TP/(TP+FP) = {tp}/{predicted} = {precision}; R = TP/(TP+FN) = {tp}/{actual} = {recall}; "
              "F1 = 2·P·R/(P+R) = 2·TP/(2·TP+FP+FN) = {top}/{bottom} = {f1}. TN plays no part.",
    },
    # One sentence per metric: French agrees the question word with the metric's gender.
    "gen.pr.prompt.precision": {
        "fr": "Un modèle NER trouve {found} entités PER, dont {right} correctes ; le jeu de test en contient {gold}. "
              "Quelle est la précision sur PER (3 décimales) ?",
        "en": "An NER model finds {found} PER entities, {right} of them right; the test set holds {gold}. "
              "What is its precision on PER (3 decimals)?",
    },
    "gen.pr.prompt.recall": {
        "fr": "Un modèle NER trouve {found} entités PER, dont {right} correctes ; le jeu de test en contient {gold}. "
              "Quel est le rappel sur PER (3 décimales) ?",
        "en": "An NER model finds {found} PER entities, {right} of them right; the test set holds {gold}. "
              "What is its recall on PER (3 decimals)?",
    },
    "gen.pr.explanation": {
        "fr": "TP = {tp}, FP = {fp}, FN = {fn}. {metric} = {formula} = {value}.",
        "en": "TP = {tp}, FP = {fp}, FN = {fn}. {metric} = {formula} = {value}.",
    },
    "gen.metric.precision": {"fr": "Précision", "en": "Precision"},
    "gen.metric.recall": {"fr": "Rappel", "en": "Recall"},
    "gen.steps.setting": {
        "fr": "{examples} exemples, batch de {batch} par GPU sur 1 GPU, accumulation de gradient {accum}, "
              "{epochs} époques",
        "en": "{examples} examples, batch {batch} per GPU on 1 GPU, gradient accumulation {accum}, {epochs} epochs",
    },
    "gen.warmup.prompt": {
        "fr": "Avec le Trainer de Hugging Face : {setting}, warmup_ratio de {ratio}. Combien de pas de warmup ?",
        "en": "With Hugging Face's Trainer: {setting}, warmup_ratio = {ratio}. How many warmup steps?",
    },
    "gen.warmup.explanation": {
        "fr": "Pas par époque = ⌈⌈{examples}/{batch}⌉/{accum}⌉ = {per_epoch} ; total = ⌈{epochs} × {per_epoch}⌉ = "
              "{total} ; warmup = ⌈{total} × {ratio}⌉ = {warmup}.",
        "en": "Steps per epoch = ⌈⌈{examples}/{batch}⌉/{accum}⌉ = {per_epoch}; total = ⌈{epochs} × {per_epoch}⌉ = "
              "{total}; warmup = ⌈{total} × {ratio}⌉ = {warmup}.",
    },
    "gen.total.prompt": {
        "fr": "Avec le Trainer de Hugging Face : {setting}. Combien de pas d'optimisation en tout ?",
        "en": "With Hugging Face's Trainer: {setting}. How many optimizer steps in all?",
    },
    "gen.total.explanation": {
        "fr": "Batchs par époque = ⌈{examples}/{batch}⌉ = {batches} ; pas par époque = ⌈{batches}/{accum}⌉ = "
              "{per_epoch} ; total = {epochs} × {per_epoch} = {total}.",
        "en": "Batches per epoch = ⌈{examples}/{batch}⌉ = {batches}; steps per epoch = ⌈{batches}/{accum}⌉ = "
              "{per_epoch}; total = {epochs} × {per_epoch} = {total}.",
    },
    "gen.unit.steps": {"fr": "pas", "en": "steps"},
    "gen.unit.parameters": {"fr": "paramètres", "en": "parameters"},
    "gen.lora.prompt": {
        "fr": "LoRA de rang r = {rank} sur {model} ({layers} couches), modules cibles par défaut de PEFT "
              "({targets}). Combien de paramètres entraînables LoRA ajoute-t-il ?",
        "en": "LoRA of rank r = {rank} on {model} ({layers} layers), PEFT's default target modules "
              "({targets}). How many trainable parameters does LoRA add?",
    },
    "gen.lora.explanation": {
        "fr": "Chaque matrice adaptée d_in×d_out ajoute A (r×d_in) et B (d_out×r), soit r·(d_in+d_out). "
              "Par couche : {per_layer} ; × {layers} couches = {params}.",
        "en": "Each adapted d_in×d_out matrix adds A (r×d_in) and B (d_out×r), i.e. r·(d_in+d_out). "
              "Per layer: {per_layer}; × {layers} layers = {params}.",
    },
    "gen.strategy.full": {"fr": "fine-tuning complet", "en": "full fine-tuning"},
    "gen.strategy.lora": {"fr": "LoRA", "en": "LoRA"},
    "gen.strategy.qlora": {"fr": "QLoRA (base en 4 bits)", "en": "QLoRA (4-bit base)"},
    "gen.strategy.freeze": {"fr": "extraction de caractéristiques (encodeur gelé)",
                            "en": "feature extraction (frozen encoder)"},
    "gen.gpu.option": {
        "fr": "{model}, {strategy}, batch de {batch}, séquences de {seq} tokens, {precision}",
        "en": "{model}, {strategy}, batch {batch}, seq {seq}, {precision}",
    },
    "gen.gpu.detail": {
        "fr": "{option} : ≈ {memory} Gio (poids {weights} + gradients {gradients} + optimiseur {optimizer} + "
              "activations {activations} + surcoût {overhead}), {verdict}",
        "en": "{option}: ≈{memory} GiB (weights {weights} + gradients {gradients} + optimizer {optimizer} + "
              "activations {activations} + overhead {overhead}), {verdict}",
    },
    "gen.gpu.fits": {"fr": "tient", "en": "fits"},
    "gen.gpu.too_big": {"fr": "trop grand", "en": "too big"},
    "gen.gpu.prompt": {
        "fr": "Laquelle de ces configurations d'entraînement (AdamW) tient dans la mémoire d'une {gpu} ?",
        "en": "Which of these training configurations (AdamW) fits in the memory of an {gpu}?",
    },
    "gen.gpu.explanation": {
        "fr": "Mémoire = poids + gradients + états de l'optimiseur + activations + surcoût, à comparer aux "
              "{capacity} Gio du GPU, en Gio : {details}.",
        "en": "Memory = weights + gradients + optimizer states + activations + overhead, against the GPU's "
              "{capacity} GiB, in GiB: {details}.",
    },
    "gen.temperature.logit": {"fr": "{token} : {logit}", "en": "{token}: {logit}"},
    "gen.temperature.prompt": {
        "fr": "Logits du prochain token : {listing}. Avec une température de {temperature}, quelle est la "
              "probabilité de « {token} » (3 décimales) ?",
        "en": "Next-token logits: {listing}. With temperature {temperature}, what is the probability of "
              "\"{token}\" (3 decimals)?",
    },
    "gen.temperature.explanation": {
        "fr": "On divise les logits par T = {temperature} : [{scaled}], puis softmax : p = exp({target}) / Σ exp(…) "
              "= {probability}. T < 1 accentue le token le plus probable, T > 1 aplatit la distribution.",
        "en": "Divide the logits by T = {temperature}: [{scaled}], then softmax: p = exp({target}) / Σ exp(…) "
              "= {probability}. T < 1 sharpens towards the likeliest token, T > 1 flattens the distribution.",
    },
    "gen.top_p.option": {"fr": "{token} ({probability})", "en": "{token} ({probability})"},
    "gen.top_p.prompt": {
        "fr": "Probabilités du prochain token ci-dessous. Avec un top_p de {top_p}, quels tokens l'échantillonnage "
              "nucleus (TopPLogitsWarper de Hugging Face) garde-t-il ?",
        "en": "Next-token probabilities below. With top_p = {top_p}, which tokens does nucleus sampling "
              "(Hugging Face's TopPLogitsWarper) keep?",
    },
    "gen.top_p.explanation": {
        "fr": "On trie par probabilité décroissante et on garde le plus petit ensemble dont la masse atteint "
              "{top_p}, token qui franchit le seuil compris : {kept}.",
        "en": "Sort by decreasing probability and keep the smallest set whose mass reaches {top_p}, "
              "including the token that crosses it: {kept}.",
    },
    "gen.bleu.prompt": {
        "fr": "Un corpus de traductions fait {system} tokens ; les références en font {reference}. Quelle est la "
              "pénalité de brièveté (BP) de BLEU (3 décimales) ?",
        "en": "A corpus of translations has {system} tokens; the references have {reference}. What is BLEU's "
              "brevity penalty (BP) (3 decimals)?",
    },
    "gen.bleu.explanation": {
        "fr": "c = {system} < r = {reference}, donc BP = exp(1 − r/c) = exp(1 − {reference}/{system}) = {bp}. "
              "Une sortie trop courte est pénalisée même si ses n-grammes sont justes.",
        "en": "c = {system} < r = {reference}, so BP = exp(1 − r/c) = exp(1 − {reference}/{system}) = {bp}. "
              "Output that is too short is penalised even when its n-grams are right.",
    },
    "gen.perplexity.prompt": {
        "fr": "Un modèle de langue attribue aux tokens d'un texte les probabilités {listing}. Quelle est "
              "la perplexité de ce texte (2 décimales) ?",
        "en": "A language model gives the tokens of a text the probabilities {listing}. What is the "
              "perplexity of this text (2 decimals)?",
    },
    "gen.perplexity.explanation": {
        "fr": "Perplexité = exp(−(1/N)·Σ ln p) = exp({nll}) = {perplexity}, soit la moyenne géométrique "
              "des 1/p : plus elle est basse, moins le modèle est « surpris ».",
        "en": "Perplexity = exp(−(1/N)·Σ ln p) = exp({nll}) = {perplexity}, the geometric mean of the 1/p: "
              "the lower, the less \"surprised\" the model.",
    },
    # -- writes the store refused, and an exam taken again (tutor.quiz.pending, open_exams) ---------
    "plain.goodbye_unsaved": {"fr": "Au revoir.", "en": "Goodbye."},
    "plain.interrupted_unsaved": {"fr": "Interrompu.", "en": "Interrupted."},
    "plain.quiz.intro_resumed_timed": {
        "fr": {"one": "Reprise de l'examen : {count} réponse déjà donnée sur {total}, il reste {time}.",
               "other": "Reprise de l'examen : {count} réponses déjà données sur {total}, il reste {time}."},
        "en": "Exam resumed: {count} of {total} already answered, {time} left.",
    },
    "plain.quiz.exam_continues": {
        "fr": "Cet examen était déjà commencé : il continue là où il s'était arrêté, avec le même chronomètre.",
        "en": "This exam was already started: it continues where it stopped, with the same clock.",
    },
}
