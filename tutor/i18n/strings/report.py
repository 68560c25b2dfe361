"""Words of `tutor report` and `tutor export`: skipped exports, refused scores, the item analysis."""

from __future__ import annotations

REPORT_STRINGS: dict[str, dict[str, object]] = {
    # -- why an export file is skipped (after "FILE[:LINE[:COL]]: ") ------------------------------
    "report.at": {"fr": "{where} : {reason}", "en": "{where}: {reason}"},
    "report.cannot_read": {"fr": "lecture impossible : {reason}", "en": "cannot read: {reason}"},
    "report.not_utf8": {"fr": "ce n'est pas du texte UTF-8 (octet {byte})", "en": "not UTF-8 text (byte {byte})"},
    "report.empty": {"fr": "fichier vide", "en": "empty file"},
    "report.missing_columns": {"fr": "ce n'est pas un export tutor : colonne(s) manquante(s) : {columns}",
                               "en": "not a tutor export: missing column(s) {columns}"},
    "report.column_count": {"fr": "{count} colonnes attendues", "en": "{count} columns expected"},
    "report.broken_csv": {"fr": "CSV illisible : {reason}", "en": "unreadable CSV: {reason}"},
    "report.broken_json": {"fr": "JSON invalide : {reason}", "en": "broken JSON: {reason}"},
    "report.bad_json": {"fr": "JSON illisible : {reason}", "en": "unreadable JSON: {reason}"},
    "report.too_deep": {"fr": "JSON imbriqué trop profondément", "en": "JSON nested too deeply"},
    "report.not_export": {"fr": "ce n'est pas un export tutor (pas de « format » : « {format} »)",
                          "en": 'not a tutor export (no "format": "{format}")'},
    "report.version": {"fr": "la version d'export {version} n'est pas prise en charge "
                             "(ce tutor lit la version {supported})",
                       "en": "export version {version} is not supported (this tutor reads version {supported})"},
    "report.attempts_not_list": {"fr": "« attempts » n'est pas une liste", "en": '"attempts" is not a list'},
    "report.not_attempt": {"fr": "ce n'est pas une tentative avec une liste « answers »",
                           "en": 'not an attempt with a list of "answers"'},
    "report.not_object": {"fr": "ce n'est pas un objet", "en": "not an object"},
    "report.missing_field": {"fr": "{field} manque ou est vide", "en": "{field} is missing or empty"},
    "report.control": {"fr": "{field} contient un caractère de contrôle ou un saut de ligne ({code}) : refusé",
                       "en": "{field} holds a control character or a line break ({code}): refused"},
    "report.bad_correct": {"fr": "correct vaut {value}, ni 1/0 ni true/false",
                           "en": "correct is {value}, not 1/0 or true/false"},
    "report.bad_points": {"fr": "{field} vaut {value}, ce n'est pas un nombre de points",
                          "en": "{field} is {value}, not a number of points"},
    "report.max_points": {"fr": "max_points vaut {value}, au-delà de la limite de {limit} points par question",
                          "en": "max_points is {value}, above the limit of {limit} points per question"},
    "report.earned_above": {"fr": "earned ({earned}) dépasse max_points ({max_points})",
                            "en": "earned ({earned}) is more than max_points ({max_points})"},
    "report.mixed_learners": {
        "fr": "apprenant « {learner} » alors que la ligne {first_line} nomme « {first} » : un export ne contient "
              "les réponses que d'un apprenant",
        "en": 'learner "{learner}" but line {first_line} names "{first}": an export holds one learner\'s answers',
    },
    "report.no_exports_in_dir": {"fr": "{path} : aucun fichier .csv ou .json dans ce dossier",
                                 "en": "{path}: no .csv or .json file in this directory"},
    # -- two exports that disagree (the report goes on) ------------------------------------------
    "report.clash_score": {
        "fr": "{path} : la réponse à {question} (tentative {attempt} de « {learner} ») diffère de celle de "
              "{other} ; celle de {other} est gardée",
        "en": '{path}: the answer to {question} (attempt {attempt} of "{learner}") differs from the one in '
              "{other}; the one in {other} is kept",
    },
    "report.clash_learner": {
        "fr": "{path} : la tentative {attempt} est attribuée à « {learner} », mais {other} l'attribue à « {first} » : "
              "un export copié sous un autre nom ?",
        "en": '{path}: attempt {attempt} is given to "{learner}" but {other} gives it to "{first}": '
              "an export copied under another name?",
    },
}

# `tutor report --items`: Moodle's item analysis (tutor.quiz.item_analysis). French words are Moodle's
# own French: indice de facilité, écart type, indice de discrimination, efficacité discriminante,
# coefficient de cohérence interne, taux d'erreur, erreur type.
ITEM_STRINGS: dict[str, dict[str, object]] = {
    "help.report.items": {
        "fr": "analyse d'items à la Moodle : pour chaque question l'indice de facilité, l'écart type, l'indice de "
              "discrimination et l'efficacité discriminante (les plus difficiles d'abord), pour le test l'alpha "
              "de Cronbach, le taux d'erreur et l'erreur type",
        "en": "item analysis as Moodle does it: per question the facility index, standard deviation, "
              "discrimination index and discriminative efficiency (hardest first), for the test Cronbach's "
              "alpha, the error ratio and the standard error",
    },
    "help.report.json": {"fr": "avec --items : les mêmes nombres en JSON (fractions ; null si non défini)",
                         "en": "with --items: the same numbers as JSON (fractions; null where undefined)"},
    "help.report.bank": {"fr": "avec --items : seulement cette banque de questions (répétable)",
                         "en": "with --items: only this question bank (may be repeated)"},
    "help.report.all_attempts": {
        "fr": "avec --items : compter toutes les tentatives terminées, pas seulement la première de chaque "
              "apprenant (option « toutes les tentatives » de Moodle, statistiquement moins sûre)",
        "en": "with --items: count every finished attempt, not only each learner's first (Moodle's "
              '"all attempts" option, statistically less sound)',
    },
    "report.items.needs_items": {"fr": "{option} ne s'emploie qu'avec --items",
                                 "en": "{option} only goes with --items"},
    "report.items.json_or_csv": {"fr": "--json ou --format csv : choisissez l'un des deux",
                                 "en": "--json or --format csv: choose one"},
    "report.items.none": {
        "fr": "aucune tentative de quiz terminée à analyser dans ces exports",
        "en": "no finished quiz attempt to analyse in these exports",
    },
    "report.items.no_bank": {
        "fr": "aucune tentative de quiz terminée pour {wanted} dans ces exports (banques présentes : {banks})",
        "en": "no finished quiz attempt of {wanted} in these exports (banks found: {banks})",
    },
    "report.items.heading": {"fr": "Analyse d'items — banque {bank}, {mode}",
                             "en": "Item analysis — bank {bank}, {mode}"},
    "report.items.no_mode": {"fr": "mode non précisé", "en": "mode not given"},
    "report.items.unnamed": {"fr": "(sans nom)", "en": "(unnamed)"},
    "report.items.counted_first": {
        "fr": "Tentatives : {attempts} (la première tentative terminée de chaque apprenant) ; apprenants : {learners}",
        "en": "Attempts: {attempts} (the first finished attempt of each learner); learners: {learners}",
    },
    "report.items.counted_all": {
        "fr": "Tentatives : {attempts} (toutes les tentatives terminées, chacune comptée comme d'un apprenant "
              "différent) ; apprenants : {learners}",
        "en": "Attempts: {attempts} (every finished attempt, each counted as a different learner's); "
              "learners: {learners}",
    },
    "report.items.question": {"fr": "question", "en": "question"},
    "report.items.attempts": {"fr": "N", "en": "N"},
    "report.items.facility": {"fr": "facilité", "en": "facility"},
    "report.items.sd": {"fr": "éc. type", "en": "SD"},
    "report.items.discrimination": {"fr": "discrim.", "en": "discrim."},
    "report.items.efficiency": {"fr": "effic.", "en": "effic."},
    "report.items.flags": {"fr": "alertes", "en": "flags"},
    "report.items.legend": {
        "fr": "N = tentatives contenant la question ; facilité = score moyen (% des points de la question) ; "
              "éc. type = écart type de ce score ; discrim. = corrélation avec le reste du test ; effic. = "
              "discrimination rapportée à la plus forte que ces scores permettent",
        "en": "N = attempts holding the question; facility = mean score (% of the question's points); "
              "SD = standard deviation of that score; discrim. = correlation with the rest of the test; "
              "effic. = discrimination over the largest these scores allow",
    },
    "report.items.undefined": {
        "fr": "« - » : non défini (moins de 2 tentatives, ou un score que tous partagent)",
        "en": '"-": undefined (fewer than 2 attempts, or a score everyone shares)',
    },
    "report.items.flag.negative-discrimination": {"fr": "discrim. négative", "en": "negative discrim."},
    "report.items.flag.too-easy": {"fr": "trop facile", "en": "too easy"},
    "report.items.flag.too-hard": {"fr": "trop difficile", "en": "too hard"},
    "report.items.flagged": {
        "fr": {"one": "{count} question à revoir : discrimination négative, ou facilité d'au moins 95 % ou "
                      "d'au plus 5 % (seuils de Moodle)",
               "other": "{count} questions à revoir : discrimination négative, ou facilité d'au moins 95 % ou "
                        "d'au plus 5 % (seuils de Moodle)"},
        "en": {"one": "{count} question to check: negative discrimination, or a facility of 95% or more or "
                      "5% or less (Moodle's bands)",
               "other": "{count} questions to check: negative discrimination, or a facility of 95% or more or "
                        "5% or less (Moodle's bands)"},
    },
    "report.items.test": {"fr": "Test : score moyen {mean} ; écart type {sd}",
                          "en": "Test: mean score {mean}; standard deviation {sd}"},
    "report.items.alpha": {
        "fr": "Alpha de Cronbach (coefficient de cohérence interne) : {alpha} ; taux d'erreur : {error_ratio} ; "
              "erreur type : {standard_error}",
        "en": "Cronbach's alpha (coefficient of internal consistency): {alpha}; error ratio: {error_ratio}; "
              "standard error: {standard_error}",
    },
    "report.items.random_form": {
        "fr": "Les tentatives n'ont pas toutes les mêmes questions : l'alpha compte la k-ième question de chaque "
              "tentative comme l'item k, comme Moodle pour ses questions aléatoires.",
        "en": "The attempts do not all hold the same questions: alpha counts the k-th question of each attempt "
              "as item k, as Moodle does for its random questions.",
    },
    "report.items.alpha_missing.few-attempts": {
        "fr": "Alpha de Cronbach : non défini (il faut au moins 3 tentatives)",
        "en": "Cronbach's alpha: undefined (it needs at least 3 attempts)",
    },
    "report.items.alpha_missing.one-item": {
        "fr": "Alpha de Cronbach : non défini (il faut au moins 2 questions)",
        "en": "Cronbach's alpha: undefined (it needs at least 2 questions)",
    },
    "report.items.alpha_missing.uneven": {
        "fr": "Alpha de Cronbach : non défini (les tentatives n'ont pas toutes le même nombre de questions)",
        "en": "Cronbach's alpha: undefined (the attempts do not all hold as many questions)",
    },
    "report.items.alpha_missing.no-spread": {
        "fr": "Alpha de Cronbach : non défini (toutes les tentatives ont le même score)",
        "en": "Cronbach's alpha: undefined (every attempt has the same score)",
    },
}
REPORT_STRINGS.update(ITEM_STRINGS)
