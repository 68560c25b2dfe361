"""Words of `tutor report` and `tutor export`: skipped exports, refused scores."""

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
