"""Interface language: how it is chosen, and the interface's own words in French and English.

Lesson text comes from the YAML files; this module only holds the words of the interface.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

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


STRINGS: dict[str, dict[str, str]] = {
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
    "lesson.toc": {"fr": "Sommaire", "en": "Contents"},
    "lesson.section_of": {"fr": "Section {index}/{total}", "en": "Section {index}/{total}"},
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
    "lesson.first_hint": {"fr": "Module précédent : {title}.", "en": "Previous module: {title}."},
    "lesson.next_module_hint": {"fr": "Module suivant : {title}.", "en": "Next module: {title}."},
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
    "simulator.open": {"fr": "Entrée ou s : ouvrir le panneau", "en": "Enter or s: open the panel"},
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
    "home.simulators": {"fr": "Simulateurs", "en": "Simulators"},
    "home.simulator": {"fr": "Simulateur · {title}", "en": "Simulator · {title}"},
    "content.invalid": {
        "fr": "Le contenu du cours est invalide ; tutor ne démarre pas :",
        "en": "The course content is invalid; tutor will not start:",
    },
    "content.none": {
        "fr": "Aucun module trouvé dans le contenu.",
        "en": "No module found in the content.",
    },
}

SIM_STRINGS: dict[str, dict[str, str]] = {
    "sim.task": {"fr": "Décrivez votre tâche en une phrase", "en": "Describe your task in one sentence"},
    "sim.task_placeholder_bert": {
        "fr": "ex. : détecter les spams dans les e-mails",
        "en": "e.g. detect spam in e-mails",
    },
    "sim.task_placeholder_gpt": {
        "fr": "ex. : générer des fiches produits pour un site e-commerce",
        "en": "e.g. write product descriptions for an online shop",
    },
    "sim.recognised": {"fr": "Tâche reconnue : {label}", "en": "Recognised task: {label}"},
    "sim.reason": {"fr": "Pourquoi : {text}", "en": "Why: {text}"},
    "sim.watch": {"fr": "→ {text}", "en": "→ {text}"},
    "sim.metrics": {"fr": "Métriques : {text}", "en": "Metrics: {text}"},
    "sim.enabled": {"fr": "activé", "en": "on"},
    "sim.default_targets": {"fr": "(défaut PEFT)", "en": "(PEFT default)"},
    "sim.settings": {"fr": "Réglages (modifiables)", "en": "Settings (editable)"},
    "sim.results": {"fr": "Estimation", "en": "Estimate"},
    "sim.last_valid": {
        "fr": "Des champs sont invalides : l'estimation affichée est la dernière valide.",
        "en": "Some fields are invalid: the estimate shown is the last valid one.",
    },
    "sim.params": {"fr": "Paramètres", "en": "Parameters"},
    "sim.base": {"fr": "modèle de base (sans tête)", "en": "base model (no head)"},
    "sim.head": {"fr": "tête de tâche", "en": "task head"},
    "sim.adapter": {"fr": "LoRA / adapters / BitFit", "en": "LoRA / adapters / BitFit"},
    "sim.total": {"fr": "total", "en": "total"},
    "sim.trainable": {"fr": "entraînables", "en": "trainable"},
    "sim.memory": {"fr": "Mémoire par GPU", "en": "Memory per GPU"},
    "sim.weights": {"fr": "poids", "en": "weights"},
    "sim.gradients": {"fr": "gradients", "en": "gradients"},
    "sim.optimizer": {"fr": "états AdamW", "en": "AdamW states"},
    "sim.activations": {"fr": "activations", "en": "activations"},
    "sim.overhead": {"fr": "surcoût framework", "en": "framework overhead"},
    "sim.fits": {"fr": "TIENT dans {gpu} ({total} sur {capacity})", "en": "FITS in {gpu} ({total} of {capacity})"},
    "sim.no_fit": {
        "fr": "NE TIENT PAS dans {gpu} ({total} sur {capacity})",
        "en": "DOES NOT FIT in {gpu} ({total} of {capacity})",
    },
    "sim.training": {"fr": "Entraînement", "en": "Training"},
    "sim.steps": {
        "fr": "{per_epoch} pas/époque · {total} pas · warmup {warmup}",
        "en": "{per_epoch} steps/epoch · {total} steps · warmup {warmup}",
    },
    "sim.flops": {"fr": "FLOPs d'entraînement (6·N·D) : {flops}", "en": "Training FLOPs (6·N·D): {flops}"},
    "sim.time": {"fr": "Durée à {mfu} % de MFU : {time}", "en": "Time at {mfu} % MFU: {time}"},
    "sim.assumptions": {
        "fr": "Hypothèses : AdamW ; 16 octets par paramètre entraîné en précision mixte ; "
              "activations selon Korthikanti et al. 2022 ; surcoût fixe {overhead} ; MFU modifiable.",
        "en": "Assumptions: AdamW; 16 bytes per trained parameter in mixed precision; activations "
              "after Korthikanti et al. 2022; fixed overhead {overhead}; MFU is editable.",
    },
    "sim.schedule": {"fr": "Learning rate par pas", "en": "Learning rate per step"},
    "sim.layer_rates": {"fr": "Learning rate par couche", "en": "Learning rate per layer"},
    "sim.unfreezing": {"fr": "Décongélation progressive", "en": "Gradual unfreezing"},
    "sim.unfreeze_stage": {"fr": "époque {epoch} : {layers}", "en": "epoch {epoch}: {layers}"},
    "sim.export": {"fr": "Export", "en": "Export"},
    "sim.export_python": {"fr": "Script Python (transformers)", "en": "Python script (transformers)"},
    "sim.export_yaml": {"fr": "Configuration YAML", "en": "YAML configuration"},
    "sim.copied": {"fr": "Copié dans le presse-papiers (OSC 52).", "en": "Copied to the clipboard (OSC 52)."},
    "sim.saved": {"fr": "Enregistré : {path}", "en": "Saved: {path}"},
    "sim.generation": {"fr": "Génération", "en": "Generation"},
    "sim.playground": {"fr": "Bac à sable d'échantillonnage", "en": "Sampling playground"},
    "sim.prompt": {"fr": "Prompt : {prompt}", "en": "Prompt: {prompt}"},
    "sim.token": {"fr": "token", "en": "token"},
    "sim.raw": {"fr": "brut", "en": "raw"},
    "sim.final": {"fr": "final", "en": "final"},
    "sim.kept": {"fr": "gardé", "en": "kept"},
    "sim.removed": {"fr": "retiré", "en": "removed"},
    "sim.kept_count": {
        "fr": "{kept} token(s) gardé(s) sur {total} ; probabilités renormalisées.",
        "en": "{kept} of {total} token(s) kept; probabilities renormalised.",
    },
    "key.export": {"fr": "Exporter", "en": "Export"},
    "key.copy": {"fr": "Copier", "en": "Copy"},
    "key.save": {"fr": "Enregistrer", "en": "Save"},
    "key.simulators": {"fr": "Simulateurs", "en": "Simulators"},
    "key.example": {"fr": "Exemple suivant", "en": "Next example"},
    "field.model": {"fr": "Modèle", "en": "Model"},
    "field.strategy": {"fr": "Stratégie", "en": "Strategy"},
    "field.lora_r": {"fr": "Rang LoRA r", "en": "LoRA rank r"},
    "field.lora_alpha": {"fr": "lora_alpha", "en": "lora_alpha"},
    "field.lora_targets": {"fr": "Modules LoRA", "en": "LoRA modules"},
    "field.adapter_size": {"fr": "Goulot adapter", "en": "Adapter bottleneck"},
    "field.num_labels": {"fr": "Nb de labels", "en": "Labels"},
    "field.lr": {"fr": "Learning rate", "en": "Learning rate"},
    "field.batch_size": {"fr": "Batch / GPU", "en": "Batch / GPU"},
    "field.grad_accum": {"fr": "Accumulation", "en": "Grad. accum."},
    "field.devices": {"fr": "Nb de GPU", "en": "GPUs"},
    "field.epochs": {"fr": "Époques", "en": "Epochs"},
    "field.seq_len": {"fr": "Longueur séquence", "en": "Sequence length"},
    "field.examples": {"fr": "Exemples", "en": "Examples"},
    "field.warmup_ratio": {"fr": "Warmup (ratio)", "en": "Warmup ratio"},
    "field.warmup_steps": {"fr": "Warmup (pas)", "en": "Warmup steps"},
    "field.schedule": {"fr": "Planning du LR", "en": "LR schedule"},
    "field.precision": {"fr": "Précision", "en": "Precision"},
    "field.gpu": {"fr": "GPU", "en": "GPU"},
    "field.mfu": {"fr": "MFU (0–1)", "en": "MFU (0–1)"},
    "field.checkpointing": {"fr": "Activation checkpointing", "en": "Activation checkpointing"},
    "field.layer_decay": {"fr": "Décroissance LR/couche", "en": "Layer LR decay"},
    "field.gradual_unfreezing": {"fr": "Décongélation progressive", "en": "Gradual unfreezing"},
    "field.max_length": {"fr": "max_length", "en": "max_length"},
    "field.temperature": {"fr": "Température", "en": "Temperature"},
    "field.top_p": {"fr": "top_p", "en": "top_p"},
    "field.top_k": {"fr": "top_k (0 = aucun)", "en": "top_k (0 = off)"},
    "strategy.full": {"fr": "Fine-tuning complet", "en": "Full fine-tuning"},
    "strategy.freeze": {"fr": "Feature extraction (encodeur gelé)", "en": "Feature extraction (frozen encoder)"},
    "strategy.lora": {"fr": "LoRA", "en": "LoRA"},
    "strategy.adapters": {"fr": "Adapters (Houlsby)", "en": "Adapters (Houlsby)"},
    "strategy.bitfit": {"fr": "BitFit (biais seuls)", "en": "BitFit (biases only)"},
}
STRINGS.update(SIM_STRINGS)

QUIZ_STRINGS: dict[str, dict[str, str]] = {
    "quiz.practice": {"fr": "Entraînement", "en": "Practice"},
    "quiz.exam": {"fr": "Examen", "en": "Exam"},
    "quiz.check": {"fr": "Vérification", "en": "Check"},
    "quiz.position": {"fr": "Question {index}/{total}", "en": "Question {index}/{total}"},
    "quiz.score_so_far": {"fr": "score {earned}/{max}", "en": "score {earned}/{max}"},
    "quiz.time_left": {
        "fr": "temps restant {time} (ne compte que quiz ouvert)",
        "en": "time left {time} (counts only while open)",
    },
    "quiz.meta": {"fr": "{topic} · {difficulty} · {points} pt", "en": "{topic} · {difficulty} · {points} pt"},
    "quiz.hint": {"fr": "Indice {number} (−{cost} pt) : {text}", "en": "Hint {number} (−{cost} pt): {text}"},
    "quiz.no_hint": {"fr": "Pas d'autre indice.", "en": "No more hints."},
    "quiz.need_answer": {"fr": "Choisissez ou tapez une réponse d'abord.", "en": "Choose or type an answer first."},
    "quiz.correct": {"fr": "Correct", "en": "Correct"},
    "quiz.partial": {"fr": "Partiellement correct", "en": "Partly correct"},
    "quiz.wrong": {"fr": "Incorrect", "en": "Wrong"},
    "quiz.points": {"fr": "{earned} / {max} point(s)", "en": "{earned} / {max} point(s)"},
    "quiz.hint_cost": {"fr": " (indices : −{cost})", "en": " (hints: −{cost})"},
    "quiz.your_answer": {"fr": "Votre réponse : {text}", "en": "Your answer: {text}"},
    "quiz.expected": {"fr": "Bonne réponse : {text}", "en": "Right answer: {text}"},
    "quiz.explanation": {"fr": "Explication : {text}", "en": "Explanation: {text}"},
    "quiz.continue": {
        "fr": "Entrée : question suivante · r : relire la section",
        "en": "Enter: next question · r: read the section",
    },
    "quiz.answer_keys": {
        "fr": "Entrée : valider · h : indice",
        "en": "Enter: submit · h: hint",
    },
    "quiz.answer_keys_typed": {
        "fr": "Entrée : valider · F4 : indice",
        "en": "Enter: submit · F4: hint",
    },
    "quiz.results": {"fr": "Résultats", "en": "Results"},
    "quiz.total": {"fr": "Score : {earned} / {max} ({percent} %)", "en": "Score: {earned} / {max} ({percent} %)"},
    "quiz.passed": {"fr": "RÉUSSI (seuil {mark} %)", "en": "PASSED (pass mark {mark} %)"},
    "quiz.failed": {"fr": "NON RÉUSSI (seuil {mark} %)", "en": "NOT PASSED (pass mark {mark} %)"},
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
        "fr": "Vérifier ma compréhension : c ({count} questions)",
        "en": "Check your understanding: c ({count} questions)",
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
        "fr": "Le chronomètre reprend où il s'était arrêté : il ne tourne que quiz ouvert.",
        "en": "The clock resumes where it stopped: it only runs while the quiz is open.",
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
    "key.leave": {"fr": "Quitter le quiz", "en": "Leave quiz"},
}
STRINGS.update(QUIZ_STRINGS)

PROGRESS_STRINGS: dict[str, dict[str, str]] = {
    "stats.title": {"fr": "Statistiques", "en": "Statistics"},
    "stats.sections": {"fr": "Sections lues", "en": "Sections read"},
    "stats.history": {"fr": "Historique des quiz (score en %)", "en": "Quiz history (score in %)"},
    "stats.mastery": {"fr": "Maîtrise par thème", "en": "Mastery by topic"},
    "stats.missed": {"fr": "Questions les plus souvent ratées", "en": "Most often missed questions"},
    "stats.missed_line": {"fr": "ratée {missed}/{total} :", "en": "missed {missed}/{total}:"},
    "stats.answers": {"fr": "{count} réponse(s)", "en": "{count} answer(s)"},
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
    "home.review": {"fr": "Révisions · {due} question(s) à revoir", "en": "Review · {due} question(s) due"},
    "home.review_none": {
        "fr": "Révisions · rien à revoir pour l'instant ({total} en suivi)",
        "en": "Review · nothing due yet ({total} scheduled)",
    },
    "home.stats": {"fr": "Statistiques et historique", "en": "Statistics and history"},
    "key.reset_module": {"fr": "Effacer le module", "en": "Reset module"},
    "key.reset_all": {"fr": "Tout effacer", "en": "Reset all"},
}
STRINGS.update(PROGRESS_STRINGS)

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
STRINGS.update(SETTINGS_STRINGS)


def t(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang`, with `values` substituted."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text
