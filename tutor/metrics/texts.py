"""Every French and English string of the metric reports, in one place.

Keys: `title.*` report titles, `m.*` metric names, `t.*` tables and columns, `h.*` headings,
`f.*` words inside formulas, `n.*` the "reading the report" notes, `e.*` input errors and
warnings (FILE:LINE is added by `readers.InputError`), `help.*` the `tutor metrics` help
(str.format placeholders).
"""

from __future__ import annotations

from tutor.i18n.catalogue import translate

LANGS = ("fr", "en")

STRINGS: dict[str, dict[str, object]] = {
    # Titles take counted words built from the `count.*` plurals ("1 texte", "2 textes").
    "title.classification": {"fr": "Classification — {total}, {classes}", "en": "Classification — {total}, {classes}"},
    "title.ner": {"fr": "NER au niveau entité — {sentences}, mode {mode}",
                  "en": "Entity-level NER — {sentences}, {mode} mode"},
    "title.qa": {"fr": "Questions-réponses (SQuAD v1.1) — {total}",
                 "en": "Question answering (SQuAD v1.1) — {total}"},
    "title.bleu": {"fr": "BLEU de corpus (sacreBLEU) — {segments}, {refs}",
                   "en": "Corpus BLEU (sacreBLEU) — {segments}, {refs}"},
    "title.rouge": {"fr": "ROUGE (rouge-score) — {pairs}{stem}",
                    "en": "ROUGE (rouge-score) — {pairs}{stem}"},
    "title.rouge.stem": {"fr": ", avec racinisation", "en": ", with stemming"},
    "title.perplexity": {"fr": "Perplexité — {texts}, {tokens}", "en": "Perplexity — {texts}, {tokens}"},
    "count.examples": {"fr": {"one": "{count} exemple", "other": "{count} exemples"},
                       "en": {"one": "{count} example", "other": "{count} examples"}},
    "count.classes": {"fr": {"one": "{count} classe", "other": "{count} classes"},
                      "en": {"one": "{count} class", "other": "{count} classes"}},
    "count.sentences": {"fr": {"one": "{count} phrase", "other": "{count} phrases"},
                        "en": {"one": "{count} sentence", "other": "{count} sentences"}},
    "count.questions": {"fr": {"one": "{count} question", "other": "{count} questions"},
                        "en": {"one": "{count} question", "other": "{count} questions"}},
    "count.segments": {"fr": {"one": "{count} segment", "other": "{count} segments"},
                       "en": {"one": "{count} segment", "other": "{count} segments"}},
    "count.refs": {"fr": {"one": "{count} référence", "other": "{count} références"},
                   "en": {"one": "{count} reference", "other": "{count} references"}},
    "count.pairs": {"fr": {"one": "{count} paire", "other": "{count} paires"},
                    "en": {"one": "{count} pair", "other": "{count} pairs"}},
    "count.texts": {"fr": {"one": "{count} texte", "other": "{count} textes"},
                    "en": {"one": "{count} text", "other": "{count} texts"}},
    "count.tokens": {"fr": {"one": "{count} token", "other": "{count} tokens"},
                     "en": {"one": "{count} token", "other": "{count} tokens"}},
    "mode.default": {"fr": "par défaut (conlleval)", "en": "default (conlleval)"},
    "mode.strict": {"fr": "strict (IOB2)", "en": "strict (IOB2)"},
    "m.accuracy": {"fr": "Exactitude", "en": "Accuracy"},
    "m.precision": {"fr": "Précision", "en": "Precision"},
    "m.recall": {"fr": "Rappel", "en": "Recall"},
    "m.f1": {"fr": "F1", "en": "F1"},
    "m.macro_f1": {"fr": "F1 macro", "en": "Macro F1"},
    "m.micro_f1": {"fr": "F1 micro", "en": "Micro F1"},
    "m.weighted_f1": {"fr": "F1 pondéré", "en": "Weighted F1"},
    "m.exact_match": {"fr": "Exact match (EM)", "en": "Exact match (EM)"},
    "m.bleu": {"fr": "BLEU", "en": "BLEU"},
    "m.bp": {"fr": "Pénalité de brièveté (BP)", "en": "Brevity penalty (BP)"},
    "m.sys_len": {"fr": "Longueur des hypothèses", "en": "Hypothesis length"},
    "m.ref_len": {"fr": "Longueur des références", "en": "Reference length"},
    "m.mean_perplexity": {"fr": "Perplexité moyenne par texte", "en": "Mean per-text perplexity"},
    "m.corpus_perplexity": {"fr": "Perplexité du corpus", "en": "Corpus perplexity"},
    "t.per_class": {"fr": "Par classe", "en": "Per class"},
    "t.per_type": {"fr": "Par type d'entité", "en": "Per entity type"},
    "t.averages": {"fr": "Moyennes", "en": "Averages"},
    "t.confusion": {"fr": "Matrice de confusion (lignes : vérité, colonnes : prédiction)",
                    "en": "Confusion matrix (rows: gold, columns: predicted)"},
    "t.confusion.too_wide": {"fr": "(trop de classes pour 80 colonnes : voir --json)",
                             "en": "(too many classes for 80 columns: see --json)"},
    "t.ngrams": {"fr": "Précisions n-grammes", "en": "N-gram precisions"},
    "t.pairs": {"fr": "Par paire (F)", "en": "Per pair (F)"},
    "t.questions": {"fr": "Par question", "en": "Per question"},
    "t.texts": {"fr": "Par texte", "en": "Per text"},
    "t.more_rows": {"fr": {"one": "… et {count} ligne de plus (voir --json)",
                           "other": "… et {count} lignes de plus (voir --json)"},
                    "en": {"one": "… and {count} more row (see --json)",
                           "other": "… and {count} more rows (see --json)"}},
    "c.class": {"fr": "classe", "en": "class"},
    "c.type": {"fr": "type", "en": "type"},
    "c.average": {"fr": "moyenne", "en": "average"},
    "c.micro": {"fr": "micro", "en": "micro"},
    "c.macro": {"fr": "macro", "en": "macro"},
    "c.weighted": {"fr": "pondérée", "en": "weighted"},
    "c.precision": {"fr": "précision", "en": "precision"},
    "c.recall": {"fr": "rappel", "en": "recall"},
    "c.f1": {"fr": "F1", "en": "F1"},
    "c.support": {"fr": "support", "en": "support"},
    "c.matches": {"fr": "communs", "en": "matches"},
    "c.total": {"fr": "total", "en": "total"},
    "c.pair": {"fr": "paire", "en": "pair"},
    "c.text": {"fr": "texte", "en": "text"},
    "c.tokens": {"fr": "tokens", "en": "tokens"},
    "c.perplexity": {"fr": "perplexité", "en": "perplexity"},
    "c.prediction": {"fr": "prédiction", "en": "prediction"},
    "c.best_answer": {"fr": "meilleure réponse", "en": "best answer"},
    "c.em": {"fr": "EM", "en": "EM"},
    "h.formulas": {"fr": "Le calcul avec vos chiffres", "en": "The computation with your numbers"},
    "h.notes": {"fr": "Lire le rapport", "en": "Reading the report"},
    "f.correct": {"fr": "corrects", "en": "correct"},
    "f.macro_precision": {"fr": "précision macro", "en": "macro precision"},
    "f.macro_recall": {"fr": "rappel macro", "en": "macro recall"},
    "f.macro_f1": {"fr": "F1 macro", "en": "macro F1"},
    "f.weighted_f1": {"fr": "F1 pondéré", "en": "weighted F1"},
    "f.micro_f1": {"fr": "F1 micro", "en": "micro F1"},
    "f.zero_division": {"fr": "0/0 compté 0 (zero_division)", "en": "0/0 counted as 0 (zero_division)"},
    "f.pr_zero": {"fr": "P + R = 0", "en": "P + R = 0"},
    "f.smoothed": {"fr": "aucun commun : lissage exp", "en": "no match: exp smoothing"},
    "f.no_penalty": {"fr": "c ≥ r : pas de pénalité", "en": "c ≥ r: no penalty"},
    "f.lcs": {"fr": "plus longue sous-séquence commune", "en": "longest common subsequence"},
    "f.pair": {"fr": "paire {index}", "en": "pair {index}"},
    "f.text": {"fr": "texte {index}", "en": "text {index}"},
    "f.question": {"fr": "question {id}", "en": "question {id}"},
    "f.quote": {"fr": "«\u00a0{text}\u00a0»", "en": "“{text}”"},
    "f.empty": {"fr": "(vide)", "en": "(empty)"},
    "f.mean_perplexity": {"fr": "perplexité moyenne", "en": "mean_perplexity"},
    "f.corpus": {"fr": "corpus", "en": "corpus"},
    # `tutor metrics --help`
    "help.metrics": {"fr": "métriques d'évaluation sur vos fichiers (ou les exemples fournis)",
                     "en": "evaluation metrics on your own files (or the shipped samples)"},
    "help.metrics.description": {
        "fr": "Calcule les métriques d'évaluation exactement comme scikit-learn, seqeval, sacreBLEU et "
              "rouge-score, calcul détaillé à l'appui. Code de sortie 0 en cas de succès, 2 si une entrée "
              "est inutilisable (signalée par FICHIER:LIGNE : message).",
        "en": "Compute evaluation metrics exactly as scikit-learn, seqeval, sacreBLEU and rouge-score do, "
              "with the computation spelled out. Exit 0 on success, 2 on unusable input (reported as "
              "FILE:LINE: message)."},
    "help.task_metavar": {"fr": "TÂCHE", "en": "TASK"},
    "help.file_metavar": {"fr": "FICHIER", "en": "FILE"},
    "help.label_metavar": {"fr": "ÉTIQUETTE", "en": "LABEL"},
    "help.classification": {"fr": "accuracy, P/R/F1 par classe, moyennes, matrice de confusion (scikit-learn)",
                            "en": "accuracy, P/R/F1 per class, averages, confusion matrix (scikit-learn)"},
    "help.classification.formats": {
        "fr": "VÉRITÉ et PRÉDICTIONS contiennent une étiquette par ligne ; la ligne i de chacun porte sur le "
              "même exemple.",
        "en": "GOLD and PRED hold one label per line, line i of each for the same example."},
    "help.ner": {"fr": "P/R/F1 au niveau entité à partir d'étiquettes BIO (seqeval)",
                 "en": "entity-level P/R/F1 from BIO tags (seqeval)"},
    "help.ner.formats": {
        "fr": "Fichiers CoNLL : un token et son étiquette par ligne (ou l'étiquette seule ; l'étiquette est la "
              "dernière colonne), une ligne vide entre les phrases.",
        "en": "CoNLL files: a token and its tag per line (or the tag alone; the tag is the last column), a "
              "blank line between sentences."},
    "help.qa": {"fr": "exact match et F1 de SQuAD v1.1", "en": "SQuAD v1.1 exact match and F1"},
    "help.qa.formats": {
        "fr": 'JSON Lines : vérité {"id", "answers": [...]}, prédictions {"id", "prediction"}.',
        "en": 'JSON Lines: gold {"id", "answers": [...]}, predictions {"id", "prediction"}.'},
    "help.bleu": {"fr": "BLEU de corpus avec les réglages par défaut de sacreBLEU (13a, lissage exp)",
                  "en": "corpus BLEU with sacreBLEU's defaults (13a, exp smoothing)"},
    "help.bleu.formats": {
        "fr": "Un segment par ligne ; la ligne i de chaque fichier --ref est une référence de la ligne i de "
              "--hyp. Les deux caractères \\n dans une ligne valent un retour à la ligne.",
        "en": "One segment per line; line i of every --ref file is a reference of line i of --hyp. The two "
              "characters \\n inside a line stand for a line break."},
    "help.rouge": {"fr": "ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-Lsum (rouge-score)",
                   "en": "ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-Lsum (rouge-score)"},
    "help.rouge.formats": {
        "fr": "Un segment par ligne, fichiers alignés. Les deux caractères \\n dans une ligne séparent les "
              "phrases (pour ROUGE-Lsum).",
        "en": "One segment per line, aligned. The two characters \\n inside a line separate sentences (for "
              "ROUGE-Lsum)."},
    "help.perplexity": {"fr": "perplexité par texte, moyenne et du corpus, à partir des log-probabilités des tokens",
                        "en": "per-text, mean and corpus perplexity from token log-probabilities"},
    "help.perplexity.formats": {
        "fr": "Un texte par ligne : les log-probabilités (logarithme népérien) de ses tokens, séparées par "
              "des espaces.",
        "en": "One text per line: whitespace-separated natural-log probabilities of its tokens."},
    "help.gold": {"fr": "fichier de vérité (référence)", "en": "gold (reference) file"},
    "help.pred": {"fr": "fichier de prédictions", "en": "predictions file"},
    "help.positive": {"fr": "classe positive d'une tâche binaire (ajoute le P/R/F1 binaire de sklearn)",
                      "en": "positive class of a binary task (adds sklearn's binary P/R/F1)"},
    "help.mode": {"fr": "default : découpage de seqeval/conlleval ; strict : IOB2 seulement (défaut : default)",
                  "en": "default: seqeval/conlleval chunking; strict: IOB2 only (default: default)"},
    "help.bleu_ref": {"fr": "fichier de référence (à répéter pour plusieurs références)",
                      "en": "reference file (repeat for several references)"},
    "help.rouge_ref": {"fr": "fichier de référence (cible)", "en": "reference (target) file"},
    "help.hyp": {"fr": "fichier d'hypothèses (sortie du système)", "en": "hypothesis (system output) file"},
    "help.stem": {"fr": "raciniser (Porter) les tokens de plus de 3 caractères (use_stemmer=True)",
                  "en": "Porter-stem tokens longer than 3 characters (use_stemmer=True)"},
    "help.logprobs": {"fr": "fichier de log-probabilités", "en": "log-probabilities file"},
    "help.sample_files": {"fr": "utiliser les fichiers d'exemple fournis au lieu des vôtres",
                          "en": "use the shipped sample files instead of your own"},
    "help.json_report": {"fr": "afficher du JSON au lieu du rapport", "en": "print JSON instead of the report"},
    "help.lang": {"fr": "langue du rapport (défaut : TUTOR_LANG, les réglages, la locale, fr)",
                  "en": "report language (default: TUTOR_LANG, the settings, the locale, fr)"},
    # Input errors and warnings (readers.InputError / InputWarning add "FILE:LINE: ").
    "e.directory": {"fr": "c'est un dossier, pas un fichier", "en": "is a directory, not a file"},
    "e.no_such_file": {"fr": "fichier introuvable", "en": "no such file"},
    "e.cannot_read": {"fr": "lecture impossible : {reason}", "en": "cannot read file: {reason}"},
    "e.not_utf8": {"fr": "ce n'est pas du texte UTF-8 valide", "en": "not valid UTF-8 text"},
    "e.nul_bytes": {"fr": "ce n'est pas un fichier texte (il contient des octets NUL)",
                    "en": "not a text file (it contains NUL bytes)"},
    "e.empty_file": {"fr": "fichier vide", "en": "empty file"},
    "e.not_aligned.labels": {
        "fr": "nombres d'étiquettes différents ({gold} : {gold_count}, {other} : {count}) : les fichiers "
              "doivent être alignés (ligne i de l'un pour la ligne i de l'autre)",
        "en": "{gold} has {gold_count} labels but {other} has {count}: files must be aligned"},
    "e.not_aligned.segments": {
        "fr": "nombres de segments différents ({gold} : {gold_count}, {other} : {count}) : les fichiers "
              "doivent être alignés (ligne i de l'un pour la ligne i de l'autre)",
        "en": "{gold} has {gold_count} segments but {other} has {count}: files must be aligned"},
    "e.not_aligned": {
        "fr": "nombres d'éléments ({unit}) différents ({gold} : {gold_count}, {other} : {count}) : "
              "les fichiers doivent être alignés",
        "en": "{gold} has {gold_count} {unit} but {other} has {count}: files must be aligned"},
    "e.empty_label": {"fr": "étiquette vide", "en": "empty label"},
    "e.no_sentence": {"fr": "aucune phrase (lignes « token étiquette » attendues)",
                      "en": "no sentence (expected token/tag lines)"},
    "e.bad_json": {"fr": "JSON invalide : {reason} (colonne {column})",
                   "en": "invalid JSON: {reason} (column {column})"},
    "e.json_object": {"fr": "un objet JSON est attendu", "en": "expected a JSON object"},
    "e.missing_id": {"fr": "« id » manquant (une chaîne)", "en": 'missing "id" (a string)'},
    "e.bad_answers": {"fr": "« answers » doit être une liste non vide de chaînes",
                      "en": '"answers" must be a non-empty list of strings'},
    "e.duplicate_id": {"fr": "id {id} en double (déjà ligne {first})",
                       "en": "duplicate id {id} (first on line {first})"},
    "e.bad_prediction": {"fr": "« prediction » doit être une chaîne", "en": '"prediction" must be a string'},
    "e.no_logprob": {"fr": "aucune log-probabilité sur cette ligne", "en": "no log-probability on this line"},
    "e.not_a_number": {"fr": "pas un nombre : {value}", "en": "not a number: {value}"},
    "e.logprob_not_finite": {"fr": "une log-probabilité doit être finie, pas {value}",
                             "en": "log-probability must be finite, got {value}"},
    "e.logprob_positive": {"fr": "log-probabilité {value} > 0 (une probabilité au-dessus de 1)",
                           "en": "log-probability {value} > 0 (a probability above 1)"},
    "e.warning": {"fr": "attention : {message}", "en": "warning: {message}"},
    # Limits of what tutor reads and computes (readers.load_source, pipeline.run_rouge, QA JSON).
    "e.not_regular": {"fr": "ce n'est pas un fichier ordinaire (tube, périphérique ou dossier) : il n'est pas lu",
                      "en": "not a regular file (a pipe, a device or a directory): not read"},
    "e.too_large": {"fr": "fichier plus gros que la limite de {megabytes} Mo des métriques",
                    "en": "file larger than the {megabytes} MB limit of the metrics"},
    "e.json_too_deep": {"fr": "JSON imbriqué trop profondément (des milliers de crochets ou d'accolades emboîtés)",
                        "en": "JSON nested too deeply (thousands of brackets or braces inside each other)"},
    "e.json_long_number": {"fr": "nombre entier de plus de {digits} chiffres (la limite de Python pour les lire)",
                           "en": "an integer of more than {digits} digits (Python's limit for reading them)"},
    "e.rouge_tokens": {
        "fr": "segment de {count} tokens : ROUGE-L en compare au plus {limit} par segment "
              "(son coût croît comme le carré de la longueur)",
        "en": "segment of {count} tokens: ROUGE-L compares at most {limit} per segment "
              "(its cost grows with the square of the length)"},
    "e.rouge_sentences": {
        "fr": "segment de {count} phrases (séparées par \\n) : ROUGE-Lsum en compare au plus {limit} par segment "
              "(chacune l'est à chaque phrase de l'autre fichier)",
        "en": "segment of {count} sentences (separated by \\n): ROUGE-Lsum compares at most {limit} per segment "
              "(each one with every sentence of the other file)"},
    # Raised by pipeline.py (alignment, strict tags, QA ids) and the NER tag warning.
    "e.positive_unknown": {"fr": "--positive {label} n'est pas une étiquette de ces fichiers",
                           "en": "--positive {label} is not a label of these files"},
    "e.sentence_tokens": {
        "fr": {"one": "cette phrase a {count} token, celle de {gold}:{gold_line} en a {gold_count}",
               "other": "cette phrase a {count} tokens, celle de {gold}:{gold_line} en a {gold_count}"},
        "en": {"one": "this sentence has {count} token but the one at {gold}:{gold_line} has {gold_count}",
               "other": "this sentence has {count} tokens but the one at {gold}:{gold_line} has {gold_count}"},
    },
    "e.extra_sentence": {"fr": "phrase en trop : {gold} n'en a que {count}",
                         "en": "extra sentence: {gold} has only {count}"},
    "e.missing_sentences": {"fr": "phrases manquantes : {gold} en a {gold_count}, {pred} {count}",
                            "en": "missing sentences: {gold} has {gold_count}, {pred} {count}"},
    "e.strict_tag": {"fr": "étiquette {tag} invalide en mode IOB2 strict (étiquettes O, B-TYPE ou I-TYPE)",
                     "en": "invalid tag {tag} in strict IOB2 mode (tags must be O, B-TYPE or I-TYPE)"},
    "e.no_prediction": {"fr": "aucune prédiction pour l'id {id} dans {pred}",
                        "en": "no prediction for id {id} in {pred}"},
    "e.unknown_id": {"fr": "l'id {id} n'est pas dans {gold} (ignoré)", "en": "id {id} is not in {gold} (ignored)"},
    "e.not_bio": {"fr": "{tag} ne ressemble pas à une étiquette BIO (O, B-TYPE, I-TYPE)",
                  "en": "{tag} does not look like a BIO tag (O, B-TYPE, I-TYPE)"},
    "n.low_class": {
        "fr": "« {label} » a un F1 de {f1}, bien en dessous de la moyenne macro ({macro}) : "
              "c'est elle qui tire le F1 macro vers le bas.",
        "en": "'{label}' has F1 {f1}, far below the macro average ({macro}): "
              "it is what pulls the macro F1 down."},
    "n.over_predicted": {
        "fr": "« {label} » : précision {p} < rappel {r}. Le modèle la prédit trop souvent "
              "(faux positifs : {fp}).",
        "en": "'{label}': precision {p} < recall {r}. The model predicts it too often "
              "(false positives: {fp})."},
    "n.under_predicted": {
        "fr": "« {label} » : rappel {r} < précision {p}. Le modèle en rate beaucoup "
              "(faux négatifs : {fn}).",
        "en": "'{label}': recall {r} < precision {p}. The model misses many of them "
              "(false negatives: {fn})."},
    "n.never_predicted": {
        "fr": "« {label} » n'est jamais prédite : sa précision est 0/0, comptée 0 comme le fait "
              "scikit-learn par défaut (zero_division).",
        "en": "'{label}' is never predicted: its precision is 0/0, counted as 0 as scikit-learn "
              "does by default (zero_division)."},
    "n.imbalance": {
        "fr": "L'exactitude ({accuracy}) dépasse nettement le F1 macro ({macro}) : les classes "
              "fréquentes sont bien traitées, les rares moins. Avec des classes déséquilibrées, "
              "regardez le F1 macro.",
        "en": "Accuracy ({accuracy}) is well above the macro F1 ({macro}): frequent classes are "
              "handled well, rare ones less so. With imbalanced classes, look at the macro F1."},
    "n.confusion": {
        "fr": "Confusion la plus fréquente : « {gold} » prédite « {pred} » ({count} fois).",
        "en": "Most frequent confusion: '{gold}' predicted as '{pred}' ({count} times)."},
    "n.micro": {
        "fr": "Le F1 micro est égal à l'accuracy : chaque exemple a exactement une étiquette, "
              "donc chaque erreur est à la fois un faux positif et un faux négatif.",
        "en": "Micro F1 equals accuracy: each example has exactly one label, so every error is "
              "both a false positive and a false negative."},
    "n.binary": {
        "fr": "Tâche binaire : le P/R/F1 « binaire » de scikit-learn (average='binary') est la "
              "ligne de la classe positive « {label} » : P {p}, R {r}, F1 {f1}.",
        "en": "Binary task: scikit-learn's 'binary' P/R/F1 (average='binary') is the row of the "
              "positive class '{label}': P {p}, R {r}, F1 {f1}."},
    "n.balanced": {
        "fr": "Aucune classe ne se détache : les scores par classe sont proches de la moyenne.",
        "en": "No class stands out: per-class scores are close to the average."},
    "n.ner.entity_level": {
        "fr": "Une entité ne compte juste que si son type et ses deux bornes sont exacts : une "
              "borne décalée d'un token coûte un faux positif et un faux négatif.",
        "en": "An entity counts as right only if its type and both boundaries are exact: a "
              "boundary off by one token costs a false positive and a false negative."},
    "n.ner.other_mode": {
        "fr": "En mode {other_mode}, le F1 serait {other_f1} au lieu de {f1} : le mode par défaut "
              "accepte un I- sans B- comme début d'entité, le mode strict l'ignore.",
        "en": "In {other_mode} mode, F1 would be {other_f1} instead of {f1}: default mode "
              "accepts an I- without B- as an entity start, strict mode ignores it."},
    "n.ner.no_entity": {"fr": "Aucune entité ni dans la vérité ni dans les prédictions.",
                        "en": "No entity in either the gold tags or the predictions."},
    "n.qa.partial": {
        "fr": "Le F1 ({f1}) dépasse nettement l'EM ({em}) : beaucoup de réponses sont "
              "partiellement justes (empan trop large ou trop court).",
        "en": "F1 ({f1}) is well above EM ({em}): many answers are partly right (span too "
              "long or too short)."},
    "n.qa.zero": {
        "fr": {"one": "{count} question sur {total} n'a aucun mot en commun avec ses réponses de référence (F1 = 0).",
               "other": "{count} questions sur {total} n'ont aucun mot en commun avec leurs réponses "
                        "de référence (F1 = 0)."},
        "en": {"one": "{count} of {total} questions shares no word with its gold answers (F1 = 0).",
               "other": "{count} of {total} questions share no word with their gold answers (F1 = 0)."}},
    "n.qa.normalised": {
        "fr": {"one": "{count} réponse n'est exacte qu'après normalisation (casse, ponctuation, "
                      "articles a/an/the, espaces).",
               "other": "{count} réponses ne sont exactes qu'après normalisation (casse, ponctuation, "
                        "articles a/an/the, espaces)."},
        "en": {"one": "{count} answer is exact only after normalisation (case, punctuation, "
                      "articles a/an/the, spaces).",
               "other": "{count} answers are exact only after normalisation (case, punctuation, "
                        "articles a/an/the, spaces)."}},
    "n.qa.max": {
        "fr": "Chaque question garde le meilleur score sur ses réponses de référence (max).",
        "en": "Each question keeps its best score over its gold answers (max)."},
    "n.bleu.bp": {
        "fr": "Les hypothèses sont plus courtes que les références (c = {c} < r = {r}) : la "
              "pénalité de brièveté BP = {bp} retire {loss} % au score.",
        "en": "Hypotheses are shorter than the references (c = {c} < r = {r}): the brevity "
              "penalty BP = {bp} takes {loss}% off the score."},
    "n.bleu.long": {
        "fr": "Les hypothèses sont plus longues que les références (rapport {ratio}) : pas de "
              "pénalité, mais les mots en trop font baisser les précisions.",
        "en": "Hypotheses are longer than the references (ratio {ratio}): no penalty, but the "
              "extra words lower the precisions."},
    "n.bleu.order": {
        "fr": "p1 = {p1} mais p4 = {p4} : le vocabulaire est souvent le bon, les enchaînements "
              "de mots beaucoup moins.",
        "en": "p1 = {p1} but p4 = {p4}: the words are often right, their sequences much less."},
    "n.bleu.smoothing": {
        "fr": "Aucun {n}-gramme commun : sacreBLEU lisse cette précision (méthode exp : "
              "1/(2^k·total)) au lieu de rendre BLEU nul.",
        "en": "No {n}-gram in common: sacreBLEU smooths that precision (exp method: "
              "1/(2^k·total)) instead of making BLEU zero."},
    "n.bleu.zero": {"fr": "Aucun mot commun avec les références : BLEU = 0.",
                    "en": "No word in common with the references: BLEU = 0."},
    "n.bleu.corpus": {
        "fr": "BLEU de corpus : les comptes de tous les segments sont additionnés avant le "
              "calcul ; ce n'est pas la moyenne des BLEU par phrase.",
        "en": "Corpus BLEU: the counts of all segments are added up before computing; it is "
              "not the mean of sentence BLEU scores."},
    "n.bleu.one_ref": {
        "fr": "Une seule référence par segment : une paraphrase correcte est pénalisée. "
              "Plusieurs --ref donnent un score plus juste.",
        "en": "One reference per segment: a valid paraphrase is penalised. Several --ref give "
              "a fairer score."},
    "n.rouge.short": {
        "fr": "Rappel ROUGE-1 ({r}) < précision ({p}) : les textes générés omettent une partie "
              "du contenu des références (trop courts ?).",
        "en": "ROUGE-1 recall ({r}) < precision ({p}): the generated texts leave out part of "
              "the references' content (too short?)."},
    "n.rouge.long": {
        "fr": "Précision ROUGE-1 ({p}) < rappel ({r}) : les textes générés contiennent beaucoup "
              "de mots absents des références (trop longs ?).",
        "en": "ROUGE-1 precision ({p}) < recall ({r}): the generated texts hold many words "
              "that are not in the references (too long?)."},
    "n.rouge.bigram_gap": {
        "fr": "ROUGE-2 ({r2}) est bien plus bas que ROUGE-1 ({r1}) : les bons mots sont là, "
              "rarement dans le bon enchaînement.",
        "en": "ROUGE-2 ({r2}) is far below ROUGE-1 ({r1}): the right words are there, rarely "
              "in the right sequence."},
    "n.rouge.no_stem": {
        "fr": "Sans racinisation (--stem), « runs » et « running » sont deux mots différents. "
              "Le stemmer de Porter est fait pour l'anglais : il aide peu en français.",
        "en": "Without stemming (--stem), 'runs' and 'running' are different words. Porter's "
              "stemmer is for English: it helps little on French."},
    "n.rouge.ascii": {
        "fr": "Le tokenizer de rouge-score ne garde que a-z et 0-9 : une lettre accentuée coupe le "
              "mot (« modèle » devient « mod le »). Les scores restent comparables "
              "à ceux de rouge-score, mais pas à une tokenisation française.",
        "en": "rouge-score's tokenizer keeps only a-z and 0-9: an accented letter splits the word "
              "('modèle' becomes 'mod le'). Scores stay comparable with rouge-score's, not with a "
              "tokenizer that knows accents."},
    "n.rouge.lsum": {
        "fr": "ROUGE-Lsum coupe les textes aux retours à la ligne (une phrase par ligne ; « \\n » "
              "dans un fichier) ; sans retour à la ligne, il vaut ROUGE-L.",
        "en": "ROUGE-Lsum splits texts at newlines (one sentence per line; '\\n' in a file); "
              "without newlines it equals ROUGE-L."},
    "n.ppl.gap": {
        "fr": "La perplexité moyenne par texte ({mean}) diffère de celle du corpus ({corpus}) : "
              "la première donne le même poids à chaque texte, la seconde à chaque token.",
        "en": "Mean per-text perplexity ({mean}) differs from the corpus perplexity "
              "({corpus}): the first weighs every text equally, the second every token."},
    "n.ppl.worst": {
        "fr": "Le texte {index} surprend le plus le modèle : perplexité {ppl} sur {tokens} tokens.",
        "en": "Text {index} surprises the model most: perplexity {ppl} over {tokens} tokens."},
    "n.ppl.meaning": {
        "fr": "Perplexité = exp(NLL moyenne) : le modèle hésite en moyenne comme entre {ppl} "
              "tokens équiprobables.",
        "en": "Perplexity = exp(mean NLL): on average the model hesitates as if between {ppl} "
              "equally likely tokens."},
    "n.ppl.overflow": {
        "fr": "Une perplexité « inf » dépasse le plus grand nombre flottant (≈ 1,8e308, soit une "
              "NLL moyenne au-delà de 709,78) : comme torch.exp, le calcul donne l'infini. "
              "Comparez plutôt les NLL moyennes (NLL/n).",
        "en": "A perplexity of 'inf' exceeds the largest float (about 1.8e308, a mean NLL above "
              "709.78): like torch.exp, the computation gives infinity. Compare the mean NLLs "
              "(NLL/n) instead."},
}


def tr(key: str, lang: str, **values: object) -> str:
    """The report string `key` in `lang` ("fr" or "en"), with `values` substituted."""
    return translate(STRINGS, key, lang, **values)


def counted(what: str, count: int, lang: str) -> str:
    """`count` and its noun, singular or plural: "1 texte", "2 textes" (key `count.<what>`)."""
    return tr(f"count.{what}", lang, count=count)
