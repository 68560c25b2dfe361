"""Command-line output: reports, samples, metrics, help and errors.

Help texts (`help.*`) go through argparse, which formats them with `%`: none may contain a `%`
sign (a test builds every parser's help in both languages). Metric reports, their input errors
and `tutor metrics --help` have their own catalogue (tutor.metrics.texts).
"""

from __future__ import annotations

CLI_STRINGS: dict[str, dict[str, object]] = {
    # -- the parser and its errors --------------------------------------------------------------
    "cli.description": {
        "fr": "Tuteur et quiz dans le terminal : Fine-tuning & Transfer Learning.",
        "en": "Terminal tutor and quiz: Fine-tuning & Transfer Learning.",
    },
    "cli.commands": {"fr": "sous-commandes", "en": "sub-commands"},
    "cli.parser_error": {"fr": "{prog} : erreur : {message}", "en": "{prog}: error: {message}"},
    "cli.error": {"fr": "tutor : erreur : {message}", "en": "tutor: error: {message}"},
    "cli.warning": {"fr": "tutor : attention : {message}", "en": "tutor: warning: {message}"},
    "cli.not_number": {"fr": "{name} doit être un nombre, pas {value!r}",
                       "en": "{name} must be a number, not {value!r}"},
    "cli.not_whole_number": {"fr": "{name} doit être un nombre entier, pas {value!r}",
                             "en": "{name} must be a whole number, not {value!r}"},
    "cli.must_be_positive": {"fr": "{name} doit être supérieur à {minimum}, pas {value!r}",
                             "en": "{name} must be greater than {minimum}, not {value!r}"},
    "cli.must_be_at_least": {"fr": "{name} doit valoir au moins {minimum}, pas {value!r}",
                             "en": "{name} must be at least {minimum}, not {value!r}"},
    "cli.must_be_at_most": {"fr": "{name} doit valoir au plus {maximum}, pas {value!r}",
                            "en": "{name} must be at most {maximum}, not {value!r}"},
    # A number field of a form (the quiz setup's count, time limit and seed) above its maximum.
    "cli.field_at_most": {"fr": "« {value} » : au plus {maximum}", "en": "'{value}': at most {maximum}"},
    # The reason given by settings.file.bad_toml for a settings file tomllib cannot read without
    # overflowing the stack (thousands of nested arrays).
    "settings.file.too_deep": {"fr": "tableaux ou tables imbriqués trop profondément",
                               "en": "arrays or tables nested too deeply"},
    "cli.bad_theme": {"fr": "thème inconnu {value!r} ; thèmes de tutor : {known} (ou un thème fourni par Textual)",
                      "en": "unknown theme {value!r}; tutor's themes: {known} (or a theme shipped with Textual)"},
    "cli.option_problem": {"fr": "{option} : {text}", "en": "{option}: {text}"},
    # -- the app and the core commands ----------------------------------------------------------
    "cli.no_terminal": {
        "fr": "tutor : l'application plein écran a besoin d'un terminal (ce n'en est pas un, ou TERM=dumb).\n"
              "Utilisez plutôt l'interface ligne à ligne : tutor --plain (aussi tutor quiz --plain, "
              "tutor review --plain) ; tutor lessons liste le contenu.",
        "en": "tutor: the full-screen app needs a terminal (this one is not, or TERM=dumb).\n"
              "Use the line-by-line interface instead: tutor --plain (also tutor quiz --plain, "
              "tutor review --plain); tutor lessons lists the content.",
    },
    "cli.no_content_dir": {"fr": "dossier de contenu introuvable : {path}",
                           "en": "content directory not found: {path}"},
    "cli.no_such_path": {"fr": "fichier ou dossier introuvable : {path}", "en": "no such file or directory: {path}"},
    "cli.no_yaml": {"fr": "aucun fichier YAML (.yaml, .yml) dans {paths}",
                    "en": "no YAML file (.yaml, .yml) in {paths}"},
    "cli.alone_needs_path": {"fr": "--alone demande au moins un CHEMIN", "en": "--alone needs at least one PATH"},
    "cli.empty_path": {"fr": "chemin vide : donnez un fichier ou un dossier (« . » pour le dossier courant)",
                       "en": "empty path: give a file or a directory ('.' for the current directory)"},
    "cli.validate.problems": {
        "fr": {"one": "{count} problème (fichiers lus : {files}).",
               "other": "{count} problèmes (fichiers lus : {files})."},
        "en": {"one": "{count} problem (files read: {files}).", "other": "{count} problems (files read: {files})."},
    },
    "cli.validate.ok": {
        "fr": "OK, aucun problème. Fichiers : {count} ; versions de module : {modules} ; versions de banque : {banks}.",
        "en": "OK, no problem. Files: {count}; module versions: {modules}; bank versions: {banks}.",
    },
    "cli.validate.warnings": {
        "fr": {"one": "{count} avertissement (typographie ou glossaire) : le contenu reste utilisable ; "
                      "--strict le compte comme un problème.",
               "other": "{count} avertissements (typographie ou glossaire) : le contenu reste utilisable ; "
                        "--strict les compte comme des problèmes."},
        "en": {"one": "{count} warning (typography or glossary): the content can still be used; "
                      "--strict counts it as a problem.",
               "other": "{count} warnings (typography or glossary): the content can still be used; "
                        "--strict counts them as problems."},
    },
    # -- quiz -----------------------------------------------------------------------------------
    "cli.json_needs_list": {"fr": "--json va avec --list", "en": "--json goes with --list"},
    "cli.no_bank": {"fr": "pas de banque de questions {bank!r} (connues : {known})",
                    "en": "no question bank {bank!r} (known: {known})"},
    "cli.quiz.list_head": {
        "fr": {"one": "{bank} [{lang_code}] {title} : {count} question, générateurs : {generators}",
               "other": "{bank} [{lang_code}] {title} : {count} questions, générateurs : {generators}"},
        "en": {"one": "{bank} [{lang_code}] {title}: {count} question, generators: {generators}",
               "other": "{bank} [{lang_code}] {title}: {count} questions, generators: {generators}"},
    },
    # -- export and report ----------------------------------------------------------------------
    "cli.export.no_progress": {
        "fr": "tutor : aucune progression enregistrée pour l'apprenant {learner!r} ({path}) : l'export est vide.",
        "en": "tutor: no progress recorded for learner {learner!r} ({path}): the export is empty.",
    },
    "cli.export.exists": {
        "fr": "{path} existe déjà : ajoutez --force pour le remplacer, ou choisissez un autre --out",
        "en": "{path} already exists: add --force to replace it, or choose another --out",
    },
    "cli.export.written": {"fr": {"one": "tutor : export écrit dans {path} ({count} tentative).",
                                  "other": "tutor : export écrit dans {path} ({count} tentatives)."},
                           "en": {"one": "tutor: export written to {path} ({count} attempt).",
                                  "other": "tutor: export written to {path} ({count} attempts)."}},
    "cli.export.cannot_write": {"fr": "impossible d'écrire {path} : {reason}", "en": "cannot write {path}: {reason}"},
    "cli.report.missing": {"fr": "{path} : fichier ou dossier introuvable", "en": "{path}: no such file or directory"},
    "cli.report.none_read": {"fr": "aucun export n'a pu être lu", "en": "no export could be read"},
    "cli.report.title": {
        "fr": "Rapport de classe — apprenants : {learners} ; exports : {exports} ; réponses : {answers}",
        "en": "Class report — learners: {learners}; exports: {exports}; answers: {answers}",
    },
    "cli.report.per_topic": {"fr": "Score par thème (% des points obtenus ; - = aucune réponse dans ce thème)",
                             "en": "Score per topic (% of the points earned; - = no answer in that topic)"},
    "cli.report.learner": {"fr": "apprenant", "en": "learner"},
    "cli.report.all": {"fr": "tout", "en": "all"},
    "cli.report.topics": {"fr": "Thèmes :", "en": "Topics:"},
    "cli.report.hardest": {"fr": "Questions, des plus difficiles aux plus faciles "
                                 "(justes = réponses entièrement justes)",
                           "en": "Questions, hardest first (right = answers fully right)"},
    "cli.report.question": {"fr": "question", "en": "question"},
    "cli.report.topic": {"fr": "thème", "en": "topic"},
    "cli.report.answers": {"fr": "réponses", "en": "answers"},
    "cli.report.right": {"fr": "justes", "en": "right"},
    "cli.report.rate": {"fr": "taux", "en": "rate"},
    "cli.report.activity": {"fr": "Activité par apprenant", "en": "Activity per learner"},
    "cli.report.attempts": {"fr": "tentatives", "en": "attempts"},
    "cli.report.score": {"fr": "score", "en": "score"},
    # -- recommend, estimate, sample ------------------------------------------------------------
    "cli.describe_task": {"fr": "décrivez la tâche en une phrase", "en": "describe the task in a sentence"},
    "cli.est.devices": {"fr": "{count} × {gpu}", "en": "{count} x {gpu}"},
    "cli.est.on": {"fr": "sur {gpu}", "en": "on {gpu}"},
    "cli.est.parameters": {"fr": "Paramètres", "en": "Parameters"},
    "cli.est.base": {"fr": "modèle de base (sans tête)", "en": "base model (no task head)"},
    "cli.est.pooler": {"fr": "pooler inutile pour la tâche", "en": "pooler not used by the task"},
    "cli.est.head": {"fr": "tête de tâche", "en": "task head"},
    "cli.est.adapter": {"fr": "LoRA / adapters / BitFit", "en": "LoRA / adapters / BitFit"},
    "cli.est.total": {"fr": "total", "en": "total"},
    "cli.est.trainable": {"fr": "entraînables", "en": "trainable"},
    "cli.est.memory": {"fr": "Mémoire par GPU", "en": "Memory per GPU"},
    "cli.est.weights": {"fr": "poids", "en": "weights"},
    "cli.est.gradients": {"fr": "gradients", "en": "gradients"},
    "cli.est.optimizer": {"fr": "états de l'optimiseur", "en": "optimizer states"},
    "cli.est.activations": {"fr": "activations", "en": "activations"},
    "cli.est.checkpointing": {"fr": "recalculées (checkpointing)", "en": "checkpointing"},
    "cli.est.overhead": {"fr": "surcoût du framework", "en": "framework overhead"},
    "cli.est.of": {"fr": "sur {capacity}", "en": "of {capacity}"},
    "cli.est.fits": {"fr": "tient", "en": "fits"},
    "cli.est.yes": {"fr": "oui", "en": "yes"},
    "cli.est.no": {"fr": "NON", "en": "NO"},
    "cli.est.training": {"fr": "Entraînement", "en": "Training"},
    "cli.est.steps_per_epoch": {"fr": "pas par époque", "en": "steps per epoch"},
    "cli.est.total_steps": {"fr": "pas au total", "en": "total steps"},
    "cli.est.warmup_steps": {"fr": "pas de warmup", "en": "warmup steps"},
    "cli.est.tokens": {"fr": "tokens vus", "en": "tokens seen"},
    "cli.est.flops": {"fr": "FLOPs d'entraînement", "en": "training FLOPs"},
    "cli.est.recompute": {"fr": "FLOPs de recalcul", "en": "recomputation FLOPs"},
    "cli.est.time": {"fr": "durée à {mfu} de MFU", "en": "time at {mfu} MFU"},
    "cli.est.half_precision": {"fr": "16 bits", "en": "16-bit"},
    "cli.est.error": {"fr": "erreur", "en": "error"},
    "cli.est.warning": {"fr": "attention", "en": "warning"},
    "cli.est.warmup_too_long": {
        "fr": "le warmup ({warmup} pas) dépasse l'entraînement ({total} pas) : le taux d'apprentissage "
              "n'atteint jamais sa valeur de crête. Prenez un warmup de 6 à 10 % des pas (--warmup-ratio 0.1).",
        "en": "the warmup ({warmup} steps) is longer than the training ({total} steps): the learning rate never "
              "reaches its peak. Use a warmup of 6 to 10 % of the steps (--warmup-ratio 0.1).",
    },
    "cli.sample.token": {"fr": "token", "en": "token"},
    "cli.sample.softmax": {"fr": "softmax", "en": "softmax"},
    "cli.sample.temperature": {"fr": "température", "en": "temperature"},
    "cli.sample.top_k": {"fr": "top-k", "en": "top-k"},
    "cli.sample.top_p": {"fr": "top-p", "en": "top-p"},
    "cli.sample.kept": {"fr": "gardé", "en": "kept"},
    "cli.sample.yes": {"fr": "oui", "en": "yes"},
    "cli.sample.kept_tokens": {"fr": "tokens gardés : {tokens}", "en": "kept tokens: {tokens}"},
    "cli.sample.example_or_logits": {"fr": "donnez --example ou --logits, pas les deux",
                                     "en": "give either --example or --logits, not both"},
    "cli.sample.unknown_example": {"fr": "--example : exemple inconnu « {value} » ; exemples connus : {known}",
                                   "en": "--example: unknown example '{value}'; known examples: {known}"},
    "cli.sample.need_logits": {"fr": "donnez --logits (par ex. --logits 1,2,3) ou --example",
                               "en": "give --logits (e.g. --logits 1,2,3) or --example"},
    "cli.sample.bad_logits": {"fr": "--logits : des nombres séparés par des virgules sont attendus, pas « {value} »",
                              "en": "--logits: expected comma-separated numbers, got '{value}'"},
    "cli.sample.tokens_mismatch": {
        "fr": "--tokens : autant de tokens que de logits sont attendus (tokens : {tokens}, logits : {logits})",
        "en": "--tokens: {tokens} tokens for {logits} logits: the counts must match",
    },
    "cli.sample.bad_temperature": {"fr": "--temperature : un nombre > 0 est attendu, pas « {value} »",
                                   "en": "--temperature: must be a number > 0, got '{value}'"},
    "cli.sample.bad_top_k": {"fr": "--top-k : un nombre entier >= 0 est attendu, pas « {value} »",
                             "en": "--top-k: must be a whole number >= 0, got '{value}'"},
    "cli.sample.bad_top_p": {"fr": "--top-p : un nombre dans ]0, 1] est attendu, pas « {value} »",
                             "en": "--top-p: must be a number in (0, 1], got '{value}'"},
    "cli.sample.greedy_note": {
        "fr": "Note : à cette température, les scores divisés par T dépassent le float32 (Hugging Face "
              "obtiendrait NaN). La colonne température montre la limite T → 0 : le décodage glouton, "
              "toute la probabilité sur le token le plus probable.",
        "en": "Note: at this temperature the scores divided by T overflow float32 (Hugging Face would get "
              "NaN). The temperature column shows the limit T → 0: greedy decoding, all the probability "
              "on the most likely token.",
    },
    # Metric and technique names of the recommendations (tutor.sim.recommend_data), as shown.
    "cli.name.F1 entity-level (seqeval)": {"fr": "F1 au niveau entité (seqeval)", "en": "F1 entity-level (seqeval)"},
    "cli.name.Precision": {"fr": "Précision", "en": "Precision"},
    "cli.name.Accuracy": {"fr": "Exactitude (accuracy)", "en": "Accuracy"},
    "cli.name.Recall": {"fr": "Rappel", "en": "Recall"},
    "cli.name.Exact Match": {"fr": "Exact match (EM)", "en": "Exact Match"},
    "cli.name.Perplexity": {"fr": "Perplexité", "en": "Perplexity"},
    "cli.name.Human preference": {"fr": "Préférences humaines", "en": "Human preference"},
    "cli.name.Code completion": {"fr": "Complétion de code", "en": "Code completion"},
    "cli.name.Docstring generation": {"fr": "Génération de docstrings", "en": "Docstring generation"},
    # -- metrics (the rest is in tutor.metrics.texts) --------------------------------------------
    "cli.metrics.required": {"fr": "metrics {task} : à donner : {options} (ou --sample)",
                             "en": "metrics {task}: {options} required (or --sample)"},
    "cli.metrics.sample_replaces": {"fr": "metrics {task} : --sample remplace {options} : donnez l'un ou l'autre",
                                    "en": "metrics {task}: --sample replaces {options}: give one or the other"},
    # -- serve ----------------------------------------------------------------------------------
    "cli.serve.not_port": {"fr": "pas un numéro de port : {value} (1-65535 attendu)",
                           "en": "not a port number: {value} (expected 1-65535)"},
    "cli.serve.port_range": {"fr": "port hors limites : {value} (1-65535 attendu)",
                             "en": "port out of range: {value} (expected 1-65535)"},
    "cli.serve.unknown_host": {"fr": "impossible d'écouter sur {address} : hôte inconnu ({reason})",
                               "en": "cannot listen on {address}: unknown host ({reason})"},
    "cli.serve.cannot_listen": {"fr": "impossible d'écouter sur {address} : {reason}",
                                "en": "cannot listen on {address}: {reason}"},
    "cli.serve.no_plain": {"fr": "--plain ne s'applique pas à serve : le navigateur affiche l'application plein écran",
                           "en": "--plain does not apply to serve: the browser shows the full-screen app"},
    "cli.serve.not_installed": {"fr": "textual-serve n'est pas installé ({reason}) ; installez l'extra web : {hint}",
                                "en": "textual-serve is not installed ({reason}); install the web extra: {hint}"},
    "cli.serve.empty_host": {
        "fr": "--host est vide (127.0.0.1 pour cette machine seule, 0.0.0.0 pour toutes les interfaces)",
        "en": "--host is empty (127.0.0.1 for this machine only, 0.0.0.0 for every interface)",
    },
    # cli.serve.exposed: in tutor.i18n.strings.serve, with the token and the other serve messages.
    # -- help texts (no % sign: argparse formats them) --------------------------------------------
    "help.lang": {"fr": "langue du cours et de l'interface : fr ou en "
                        "(défaut : TUTOR_LANG, les réglages, la locale, fr)",
                  "en": "language of the course and interface: fr or en "
                        "(default: TUTOR_LANG, the settings, the locale, fr)"},
    "help.output_lang": {"fr": "langue de la sortie (défaut : TUTOR_LANG, les réglages, la locale, fr)",
                         "en": "output language (default: TUTOR_LANG, the settings, the locale, fr)"},
    "help.content": {"fr": "dossier de modules supplémentaire écrit par un enseignant "
                           "(répétable ; aussi TUTOR_CONTENT)",
                     "en": "extra directory of modules written by an instructor (repeatable; also TUTOR_CONTENT)"},
    "help.learner": {"fr": "nom de l'apprenant pour la progression (défaut : TUTOR_LEARNER, sinon le nom de session)",
                     "en": "learner name for progress (default: TUTOR_LEARNER, else the login name)"},
    "help.plain": {"fr": "interface ligne à ligne pour lecteurs d'écran, terminaux simples et tubes",
                   "en": "line-by-line interface for screen readers, dumb terminals and pipes"},
    "help.ascii": {"fr": "ASCII seulement : ni emoji, bordures et marques ASCII "
                         "(aussi TUTOR_ASCII=1 ; automatique sans UTF-8)",
                   "en": "ASCII only: no emoji, ASCII borders and marks (also TUTOR_ASCII=1; automatic without UTF-8)"},
    "help.theme": {"fr": "thème de couleurs : tutor-dark, tutor-light, ansi-dark, ansi-light "
                         "(défaut : réglages, sinon selon le terminal)",
                   "en": "colour theme: tutor-dark, tutor-light, ansi-dark, ansi-light "
                         "(default: settings, else by terminal)"},
    "help.metavar.file": {"fr": "FICHIER", "en": "FILE"},
    "help.metavar.dir": {"fr": "DOSSIER", "en": "DIR"},
    "help.metavar.name": {"fr": "NOM", "en": "NAME"},
    "help.metavar.path": {"fr": "CHEMIN", "en": "PATH"},
    "help.metavar.words": {"fr": "MOT", "en": "WORD"},
    "help.metavar.choice": {"fr": "CHOIX", "en": "CHOICE"},
    "help.metavar.list": {"fr": "LISTE", "en": "LIST"},
    "help.json": {"fr": "afficher du JSON", "en": "print JSON"},
    "help.validate": {"fr": "vérifier des fichiers de leçons ; une ligne par problème, FICHIER:LIGNE:COL: message",
                      "en": "check lesson files; one line per problem, FILE:LINE:COL: message"},
    "help.validate.description": {
        "fr": "Vérifie des fichiers de leçons (et de quiz), dont la typographie française et les termes du "
              "glossaire (docs/glossary.md). Code de sortie 0 sans problème (les avertissements n'en sont pas, "
              "sauf avec --strict), 1 avec des problèmes, 2 en cas d'erreur d'utilisation.",
        "en": "Check lesson (and quiz) files, French typography and the glossary's terms included "
              "(docs/glossary.md). Exit 0 when clean (warnings do not count, except with --strict), 1 with "
              "problems, 2 on usage errors.",
    },
    "help.validate.paths": {"fr": "fichiers ou dossiers (défaut : tout le contenu)",
                            "en": "files or directories (default: all content)"},
    "help.validate.alone": {"fr": "ne vérifier que les CHEMINs, sans les leçons fournies (par ex. une copie modifiée)",
                            "en": "check only PATHs, without the built-in lessons (e.g. an edited copy of them)"},
    "help.validate.strict": {"fr": "compter aussi les avertissements (typographie française, termes du glossaire) "
                                   "comme des problèmes",
                             "en": "count warnings too (French typography, glossary terms) as problems"},
    "help.lessons": {"fr": "lister les modules et leurs sections (identifiants et titres)",
                     "en": "list the modules and their sections (ids and titles)"},
    "help.schema": {"fr": "afficher le schéma JSON d'un format de contenu, pour les éditeurs",
                    "en": "print the JSON Schema of a content format, for editors"},
    "help.schema.format": {"fr": "quel format", "en": "which format"},
    "help.quiz": {"fr": "faire un quiz (ou lister les questions avec --list)",
                  "en": "take a quiz (or list the questions with --list)"},
    "help.quiz.description": {
        "fr": "Ouvre tutor directement sur un quiz. En mode examen sans --seed, chaque apprenant a son propre "
              "ordre, fixe.",
        "en": "Open tutor straight in a quiz. Exam mode without --seed gives each learner their own fixed order.",
    },
    "help.quiz.topic": {"fr": "un thème de la banque, voir la colonne « thème » de --list (répétable ; filtre aussi"
                              " --list)",
                        "en": "one of the bank's topics, see the topic column of --list (repeatable; also filters"
                              " --list)"},
    "cli.quiz.unknown_topic": {"fr": "la banque {bank} n'a pas de thème {topic} (thèmes : {known})",
                               "en": "bank {bank} has no topic {topic} (topics: {known})"},
    "help.quiz.count": {"fr": "nombre de questions (10)", "en": "number of questions (10)"},
    "help.quiz.difficulty": {"fr": "seulement cette difficulté (filtre aussi --list)",
                             "en": "only this difficulty (also filters --list)"},
    "help.quiz.exam": {"fr": "mode examen : pas de correction avant la fin",
                       "en": "exam mode: no feedback until the end"},
    "help.quiz.time_limit": {"fr": "limite de temps de l'examen en minutes, au plus {maximum} (implique --exam)",
                             "en": "exam time limit in minutes, at most {maximum} (implies --exam)"},
    "help.quiz.seed": {"fr": "fixer le tirage et l'ordre (un entier >= 0)",
                       "en": "fix the draw and the order (a whole number >= 0)"},
    "help.quiz.bank": {"fr": "identifiant de la banque de questions (fine-tuning)",
                       "en": "question bank id (fine-tuning)"},
    "help.quiz.list": {"fr": "afficher les questions de la banque et quitter",
                       "en": "print the bank's questions and exit"},
    "help.quiz.json": {"fr": "avec --list : sortie JSON", "en": "with --list: JSON output"},
    "help.review": {"fr": "réviser les questions à revoir (répétition espacée de vos erreurs)",
                    "en": "review the questions due (spaced repetition of what you missed)"},
    "help.review.description": {"fr": "Ouvre tutor sur les questions que FSRS propose de revoir aujourd'hui.",
                                "en": "Open tutor on the questions FSRS says are due today."},
    "help.export": {"fr": "exporter les réponses de quiz d'un apprenant (CSV ou JSON) pour un enseignant",
                    "en": "export a learner's quiz answers (CSV or JSON) for an instructor"},
    "help.export.description": {
        "fr": "Écrit les tentatives et réponses de quiz de l'apprenant : une ligne CSV par réponse (par défaut) "
              "ou un document JSON. Les dates sont en ISO 8601 UTC. Un apprenant sans progression donne un "
              "export vide.",
        "en": "Write the learner's quiz attempts and answers, one CSV row per answer (default) or one JSON "
              "document. Times are ISO 8601 UTC. A learner without progress gives an empty export.",
    },
    "help.export.format": {"fr": "format de sortie (csv)", "en": "output format (csv)"},
    "help.export.out": {"fr": "écrire dans FICHIER au lieu de la sortie standard "
                              "(jamais par-dessus un fichier existant sans --force)",
                        "en": "write to FILE instead of standard output (never over an existing file without --force)"},
    "help.export.force": {"fr": "avec --out : remplacer le fichier s'il existe",
                          "en": "with --out: replace the file if it exists"},
    "help.report": {"fr": "rapport de classe à partir des exports de plusieurs apprenants",
                    "en": "class report from many learners' exports"},
    "help.report.description": {
        "fr": "Lit des exports (CSV ou JSON ; les dossiers sont parcourus à la recherche de *.csv et *.json) et "
              "affiche les scores par apprenant et par thème, la réussite par question (les plus difficiles "
              "d'abord) et les tentatives par apprenant. Les fichiers illisibles sont nommés sur la sortie "
              "d'erreur et ignorés ; code de sortie 2 si aucun n'a pu être lu.",
        "en": "Read exports (CSV or JSON; directories are searched for *.csv and *.json) and print scores per "
              "learner and topic, success per question (hardest first) and attempts per learner. Unreadable "
              "files are named on stderr and skipped; exit 2 when none could be read.",
    },
    "help.report.paths": {"fr": "fichiers d'export ou dossiers qui en contiennent",
                          "en": "export files or directories of them"},
    "help.report.format": {"fr": "format de sortie (table) ; le CSV est le même dans les deux langues",
                           "en": "output format (table); the CSV is the same in both languages"},
    "help.recommend": {"fr": "recommander des réglages de fine-tuning pour une tâche décrite en une phrase",
                       "en": "recommend fine-tuning settings for a task described in a sentence"},
    "help.recommend.description": {
        "fr": "Reconnaît la tâche dans une phrase (en français ou en anglais) et affiche les réglages de départ.",
        "en": "Recognise the task in a sentence (French or English) and print the settings to start from.",
    },
    "help.recommend.family": {"fr": "bert (compréhension) ou gpt (génération)",
                              "en": "bert (understanding) or gpt (generation)"},
    "help.recommend.sentence": {"fr": "la tâche, avec vos mots", "en": "the task, in your own words"},
    "help.estimate": {"fr": "estimer paramètres, mémoire GPU, pas et durée d'un fine-tuning",
                      "en": "estimate parameters, GPU memory, steps and time of a fine-tuning job"},
    "help.estimate.description": {
        "fr": "Estime un fine-tuning : paramètres, mémoire par GPU, pas, FLOPs, durée, et s'il tient en mémoire.",
        "en": "Estimate a fine-tuning job: parameters, memory per GPU, steps, FLOPs, time, fit.",
    },
    "help.estimate.model": {"fr": "nom court ou identifiant du hub du modèle (voir --list)",
                            "en": "model short name or hub id (see --list)"},
    "help.estimate.task": {"fr": "{encoder} (encodeurs), {decoder} (décodeurs) ou {seq2seq} (encodeurs-décodeurs) ; "
                                 "défaut : la première de la famille",
                           "en": "{encoder} (encoders), {decoder} (decoders) or {seq2seq} (encoder-decoders); "
                                 "default: the family's first"},
    "help.estimate.strategy": {"fr": "{choices} ({default} ; freeze : encodeurs seulement)",
                               "en": "{choices} ({default}; freeze: encoders only)"},
    "help.estimate.lora_r": {"fr": "rang LoRA (8)", "en": "LoRA rank (8)"},
    "help.estimate.lora_alpha": {"fr": "alpha LoRA (8)", "en": "LoRA alpha (8)"},
    "help.estimate.lora_targets": {"fr": "modules visés par LoRA, séparés par des virgules, ou all-linear "
                                         "(défaut : celui de PEFT pour la famille)",
                                   "en": "LoRA target modules, comma-separated, or all-linear (default: PEFT's for "
                                         "the family)"},
    "help.estimate.adapter_size": {"fr": "goulot d'étranglement des adapters de Houlsby (64)",
                                   "en": "Houlsby adapter bottleneck (64)"},
    "help.estimate.num_labels": {"fr": "nombre d'étiquettes de la tête de tâche (2)",
                                 "en": "number of labels of the task head (2)"},
    "help.estimate.precision": {"fr": "{choices} ({default} : bf16 si le GPU le permet, sinon fp16)",
                                "en": "{choices} ({default}: bf16 where the GPU supports it, else fp16)"},
    "help.estimate.optimizer": {"fr": "{choices} ({default}) ; les versions 8 bits de bitsandbytes gardent 2 octets "
                                      "d'états par paramètre entraîné au lieu de 8",
                                "en": "{choices} ({default}); the 8-bit bitsandbytes ones keep 2 bytes of state per "
                                      "trained parameter instead of 8"},
    "help.estimate.dpo_beta": {"fr": "β de DPO, 0 < β ≤ 10 ({default})", "en": "DPO beta, 0 < beta <= 10 ({default})"},
    "help.estimate.list": {"fr": "afficher les modèles et les GPU du catalogue avec leurs chiffres",
                           "en": "list the catalogue's models and GPUs with their figures"},
    "help.estimate.batch_size": {"fr": "taille de batch par GPU (16)", "en": "per-device batch size (16)"},
    "help.estimate.grad_accum": {"fr": "pas d'accumulation de gradient (1)", "en": "gradient accumulation steps (1)"},
    "help.estimate.devices": {"fr": "nombre de GPU (1)", "en": "number of GPUs (1)"},
    "help.estimate.seq_len": {"fr": "longueur de séquence en tokens (128)", "en": "sequence length in tokens (128)"},
    "help.estimate.examples": {"fr": "exemples d'entraînement (10000)", "en": "training examples (10000)"},
    "help.estimate.epochs": {"fr": "époques (3)", "en": "epochs (3)"},
    "help.estimate.lr": {"fr": "taux d'apprentissage (selon la stratégie : {rates} ; avec --task dpo : {dpo})",
                         "en": "learning rate (by strategy: {rates}; with --task dpo: {dpo})"},
    "help.estimate.schedule": {
        "fr": "planning du taux d'apprentissage : linear (linéaire) | cosine (cosinus) | constant | "
              "constant_with_warmup (constant après warmup)",
        "en": "learning-rate schedule: linear | cosine | constant | constant_with_warmup",
    },
    "help.estimate.gpu": {"fr": "{choices} ({default})", "en": "{choices} ({default})"},
    "help.estimate.mfu": {"fr": "utilisation des FLOPs du modèle (MFU), entre 0 et 1 (0.4)",
                          "en": "model FLOPs utilisation, 0-1 (0.4)"},
    "help.estimate.warmup_ratio": {"fr": "warmup en part des pas (0.1)", "en": "warmup as a share of steps (0.1)"},
    "help.estimate.warmup_steps": {"fr": "pas de warmup (remplace la part ; averti s'il dépasse l'entraînement)",
                                   "en": "warmup steps (overrides the ratio; warned when longer than the training)"},
    "help.estimate.checkpointing": {"fr": "recalcul des activations (gradient checkpointing)",
                                    "en": "activation (gradient) checkpointing"},
    "help.estimate.snippet": {"fr": "afficher la configuration en script Python ou en YAML",
                              "en": "print the configuration as a script or YAML"},
    "help.sample": {"fr": "appliquer température, top-k et top-p à des logits de prochain token",
                    "en": "apply temperature, top-k and top-p to next-token logits"},
    "help.sample.description": {
        "fr": "Montre la distribution du prochain token après température, top-k et top-p, dans l'ordre de "
              "generate de Hugging Face. Les logits négatifs s'écrivent directement : --logits -1,2,3.",
        "en": "Show the next-token distribution after temperature, top-k and top-p, as HF generate applies "
              "them. Negative logits are written as they are: --logits -1,2,3.",
    },
    "help.sample.logits": {"fr": "logits séparés par des virgules, par ex. 1,2,3 ou -1,2",
                           "en": "comma-separated logits, e.g. 1,2,3 or -1,2"},
    "help.sample.tokens": {"fr": "noms des tokens séparés par des virgules, autant que de logits",
                           "en": "comma-separated token names, as many as logits"},
    "help.sample.example": {"fr": "un exemple fourni au lieu de --logits (par ex. cat-sat)",
                            "en": "a built-in example instead of --logits (e.g. cat-sat)"},
    "help.sample.temperature": {"fr": "température > 0 (1.0)", "en": "temperature > 0 (1.0)"},
    "help.sample.top_k": {"fr": "top-k, 0 = désactivé (0)", "en": "top-k, 0 = off (0)"},
    "help.sample.top_p": {"fr": "top-p dans ]0, 1], 1 = désactivé (1.0)", "en": "top-p in (0, 1], 1 = off (1.0)"},
    "help.serve": {"fr": "servir l'application aux navigateurs web (demande l'extra « web »)",
                   "en": "serve the app to web browsers (needs the 'web' extra)"},
    "help.serve.description": {
        "fr": "Sert l'application plein écran aux navigateurs avec textual-serve : chaque onglet a sa propre "
              "session tutor, sous l'utilisateur qui lance cette commande. Boucle locale seulement par défaut. "
              "Arrêt avec Ctrl+C.",
        "en": "Serve the full-screen app to web browsers with textual-serve: every browser tab gets its own tutor "
              "session, as the user running this command. Loopback only by default. Stop with Ctrl+C.",
    },
    "help.serve.host": {"fr": "adresse d'écoute (127.0.0.1 ; 0.0.0.0 = toutes les interfaces, avec un avertissement)",
                        "en": "address to listen on (127.0.0.1; 0.0.0.0 = every interface, with a warning)"},
    "help.serve.port": {"fr": "port TCP, 1-65535 (8000)", "en": "TCP port, 1-65535 (8000)"},
}
